import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Agent, Page, Ref } from './types.ts';

/** The agents the workspace offers to assign and to mention; names change seldom, so they are read at most every five minutes. */
export const useWorkspaceAgents = () => useQuery({ queryKey: ['agents'], queryFn: () => api.get<Page<Agent>>('/agents', { limit: 100 }), staleTime: 300_000 });

/** The teams tickets go to, read as seldom as the agents. */
export const useWorkspaceTeams = (enabled = true) => useQuery({ queryKey: ['teams'], queryFn: () => api.get<Page<Ref>>('/teams'), staleTime: 300_000, enabled });

/** The organizations a customer or a rule can name (the first hundred). */
export const useOrganizationOptions = (enabled = true) => useQuery({ queryKey: ['organizations', 'options'], queryFn: () => api.get<Page<Ref>>('/organizations', { limit: 100 }), enabled });
