import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';
import type { Page, View } from './types.ts';

const OPEN = ['new', 'open', 'pending', 'on_hold'];
/** The statuses of a ticket nobody has to act on any more. */
export const FINISHED = ['solved', 'closed'];

/** Shown when the workspace has no saved views yet (or the server has no views API). */
export const BUILT_IN_VIEWS: View[] = [
  { id: 'mine', name: 'My open tickets', filters: { assigneeId: 'me', status: ['new', 'open', 'pending'] } },
  { id: 'unassigned', name: 'Unassigned', filters: { assigneeId: 'none', status: ['new', 'open'] } },
  { id: 'all', name: 'All open', filters: { status: OPEN } },
  { id: 'solved', name: 'Recently solved', filters: { status: FINISHED } },
];

export function useViews() {
  return useQuery({
    queryKey: ['views'],
    queryFn: async (): Promise<View[]> => {
      try {
        const saved = (await api.get<Page<View>>('/views')).data;
        return saved.length ? saved : BUILT_IN_VIEWS;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return BUILT_IN_VIEWS;
        throw error;
      }
    },
  });
}
