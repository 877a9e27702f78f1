import type { Db } from '../../db/pool.ts';
import type { RealtimeBus } from '../../realtime/index.ts';
import { selectVisitorIdsOfTickets } from './chat.queries.ts';
import type { VisitorSignal } from './chat.types.ts';

export interface ChatLive {
  /** Calls `listener` with what concerns this visitor until the returned function is called. */
  listen(visitorId: string, listener: (signal: VisitorSignal) => void): () => void;
  /** Tells the agents on the ticket that the visitor is typing (or stopped). */
  visitorTyping(visitorId: string, ticketId: number, name: string, typing: boolean): Promise<void>;
}

/**
 * Rings visitors' widgets from the realtime bus every process shares: a public message on their
 * ticket (from any process), or an agent typing a public reply. Visitors' own typing goes to the
 * agents as presence on the ticket.
 */
export function createChatLive(db: Db, bus: RealtimeBus, log: { warn(obj: object, msg: string): void }): ChatLive {
  const listeners = new Map<string, Set<(signal: VisitorSignal) => void>>();
  const ring = (visitorId: string, signal: VisitorSignal) => {
    for (const listener of listeners.get(visitorId) ?? []) listener(signal);
  };
  const ringTicket = async (ticketIds: number[], signal: VisitorSignal) => {
    if (listeners.size === 0 || ticketIds.length === 0) return;
    for (const { visitorId } of await selectVisitorIdsOfTickets(db, ticketIds)) ring(visitorId, signal);
  };

  bus.onEvents((events) => {
    const ticketIds = [...new Set(events.filter((e) => e.type === 'message.created' && e.payload.internal === false).map((e) => Number(e.payload.ticketId)))];
    ringTicket(ticketIds, { type: 'message' }).catch((error: unknown) => log.warn({ err: error }, 'chat: ringing visitors failed'));
  });
  bus.onSignal((signal) => {
    if (signal.internal || signal.connectionId.startsWith('visitor:')) return;
    const name = signal.user.name.split(' ')[0] ?? signal.user.name;
    ringTicket([signal.ticketId], { type: 'typing', name, typing: signal.state === 'typing' }).catch((error: unknown) => log.warn({ err: error }, 'chat: ringing visitors failed'));
  });

  return {
    listen(visitorId, listener) {
      const set = listeners.get(visitorId) ?? new Set();
      set.add(listener);
      listeners.set(visitorId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(visitorId);
      };
    },
    visitorTyping(visitorId, ticketId, name, typing) {
      return bus.publishSignal({
        type: 'presence',
        ticketId,
        state: typing ? 'typing' : 'viewing',
        announce: false,
        internal: false,
        user: { id: 0, name: name || 'Visitor' },
        connectionId: `visitor:${visitorId}`,
      });
    },
  };
}
