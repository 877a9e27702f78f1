import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { realtime, ticketIdOf } from './realtime.ts';

/**
 * Keeps every cached list and ticket true: each event marks what it touches as stale, and
 * React Query refetches whatever is on screen. A resync after a long absence refetches all.
 */
export function useLiveQueries(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    realtime.start();
    const offEvent = realtime.onEvent((e) => {
      const ticketId = ticketIdOf(e);
      if (e.event.startsWith('ticket.') || e.event.startsWith('message.')) {
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
        void queryClient.invalidateQueries({ queryKey: ['views'] });
        if (ticketId !== null) {
          void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
          void queryClient.invalidateQueries({ queryKey: ['messages', ticketId] });
        }
      }
      if (e.event.startsWith('customer.')) void queryClient.invalidateQueries({ queryKey: ['customer'] });
      if (e.event.startsWith('notification.')) void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      if (e.event.startsWith('view.')) void queryClient.invalidateQueries({ queryKey: ['views'] });
    });
    const offResync = realtime.onResync(() => void queryClient.invalidateQueries());
    return () => {
      offEvent();
      offResync();
      realtime.stop();
    };
  }, [queryClient]);
}
