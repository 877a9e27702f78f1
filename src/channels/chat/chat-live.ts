import type { Db } from '../../db/pool.ts';
import type { RealtimeBus } from '../../realtime/index.ts';
import { selectVisitorIdsOfTickets } from './chat.queries.ts';
import type { VisitorSignal } from './chat.types.ts';
import { readVisitorThread } from './visitor-conversation.ts';

export interface ChatLive {
  /** Calls `listener` with what concerns this visitor until the returned function is called. */
  listen(visitorId: string, listener: (signal: VisitorSignal) => void): () => void;
  /** Tells the agents on the ticket that the visitor is typing (or stopped). */
  visitorTyping(visitorId: string, ticketId: number, name: string, typing: boolean): Promise<void>;
}

/**
 * Rings visitors' widgets from the realtime bus every process shares: public messages on their
 * ticket (from any process) go to the widget whole, read once for all its open tabs, so a widget
 * needs no request of its own to show them; an agent typing a public reply goes as a typing signal.
 * Visitors' own typing goes to the agents as presence on the ticket.
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
  /** `firstMessageOf`: ticket id → its first new public message id. */
  const ringMessages = async (firstMessageOf: Map<number, number>) => {
    if (listeners.size === 0 || firstMessageOf.size === 0) return;
    const here = (await selectVisitorIdsOfTickets(db, [...firstMessageOf.keys()])).filter((v) => listeners.has(v.visitorId));
    for (const ticketId of new Set(here.map((v) => v.ticketId))) {
      const messages = await readVisitorThread(db, { ticketId }, (firstMessageOf.get(ticketId) as number) - 1);
      if (messages.length === 0) continue;
      for (const v of here) if (v.ticketId === ticketId) ring(v.visitorId, { type: 'message', messages });
    }
  };

  bus.onEvents((events) => {
    const firstMessageOf = new Map<number, number>();
    for (const e of events) {
      if (e.type !== 'message.created' || e.payload.internal !== false) continue;
      const ticketId = Number(e.payload.ticketId);
      firstMessageOf.set(ticketId, Math.min(firstMessageOf.get(ticketId) ?? Infinity, Number(e.payload.messageId)));
    }
    ringMessages(firstMessageOf).catch((error: unknown) => log.warn({ err: error }, 'chat: ringing visitors failed'));
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
