import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/**
 * Saves a settings item: POST to `path` for a new one, PATCH `path/id` for an existing one,
 * then refetches what lists it.
 */
export function useSave<TBody, TResult = unknown>(path: string, invalidate: QueryKey, id: number | null | undefined, onSaved?: (result: TResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => (id ? api.patch<TResult>(`${path}/${id}`, body) : api.post<TResult>(path, body)),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: invalidate });
      onSaved?.(result);
    },
  });
}

/** Any other write on a settings item (delete, rotate, reprocess…), refetching what lists it. */
export function useAction<TArg = void, TResult = unknown>(call: (arg: TArg) => Promise<TResult>, invalidate: QueryKey, onDone?: (result: TResult) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: invalidate });
      onDone?.(result);
    },
  });
}
