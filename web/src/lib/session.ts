import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ApiError, csrf, whenSignedOut } from './api.ts';
import type { Me } from './types.ts';

export function useSession() {
  const queryClient = useQueryClient();
  useEffect(() => {
    whenSignedOut(() => queryClient.setQueryData(['me'], null));
  }, [queryClient]);
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        return (await api.get<{ user: Me }>('/auth/me')).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export async function signIn(email: string, password: string): Promise<void> {
  const result = await api.post<{ csrfToken: string }>('/auth/login', { email, password });
  csrf.set(result.csrfToken);
}

export async function signOut(): Promise<void> {
  await api.post('/auth/logout').catch(() => {});
  csrf.set(null);
}
