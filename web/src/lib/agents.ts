import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Agent, Page } from './types.ts';

/** The agents the workspace offers to assign and to mention; names change seldom, so they are read at most every five minutes. */
export const useWorkspaceAgents = () => useQuery({ queryKey: ['agents'], queryFn: () => api.get<Page<Agent>>('/agents', { limit: 100 }), staleTime: 300_000 });
