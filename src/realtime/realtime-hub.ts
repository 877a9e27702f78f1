import { randomUUID } from 'node:crypto';
import { type Actor, can } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';
import type { DomainEvent } from '../events/index.ts';
import type { RealtimeBus } from './realtime-bus.ts';
import { selectEventsAfter, selectLatestEventId } from './realtime.queries.ts';
import type { ClientMessage, PresenceSignal, ServerMessage } from './realtime.types.ts';

/** More missed events than this and the client reloads instead of replaying them. */
export const REPLAY_LIMIT = 1000;

export interface RealtimeClient {
  actor: Actor;
  /** A serialised ServerMessage: each message is serialised once for all the clients it goes to. */
  send(raw: string): void;
}

interface Attached {
  id: string;
  client: RealtimeClient;
  /** Until the catch-up replay is sent, live events wait here so none overtakes an older one. */
  held: DomainEvent[] | null;
  /** Tickets this connection has open, to announce "left" when it goes away. */
  viewing: Set<number>;
}

export interface RealtimeHub {
  /** Registers a client and replays what it missed since `lastEventId`. Returns the connection id. */
  attach(client: RealtimeClient, lastEventId: number | undefined): Promise<string>;
  receive(connectionId: string, message: ClientMessage): Promise<void>;
  detach(connectionId: string): Promise<void>;
  readonly size: number;
}

/**
 * Events addressed to one user (`payload.forUserId`, e.g. a notification) reach only that user;
 * every other domain event concerns tickets and reaches whoever may read tickets.
 */
export function mayReceive(actor: Actor, event: DomainEvent): boolean {
  const forUserId = event.payload.forUserId;
  if (typeof forUserId === 'number') return actor.userId === forUserId;
  return can(actor, 'tickets.read');
}

const serialize = (message: ServerMessage) => JSON.stringify(message);
const eventMessage = (e: DomainEvent) => serialize({ type: 'event', id: e.id, event: e.type, payload: e.payload, createdAt: e.createdAt });

export function createRealtimeHub(db: Queryable, bus: RealtimeBus): RealtimeHub {
  const connections = new Map<string, Attached>();

  bus.onEvents((events) => {
    for (const conn of connections.values()) {
      if (conn.held) conn.held.push(...events);
    }
    for (const event of events) {
      const raw = eventMessage(event);
      for (const conn of connections.values()) if (!conn.held && mayReceive(conn.client.actor, event)) conn.client.send(raw);
    }
  });
  bus.onSignal((signal) => {
    const raw = serialize(signal);
    for (const conn of connections.values()) {
      if (conn.id !== signal.connectionId && can(conn.client.actor, 'tickets.read')) conn.client.send(raw);
    }
  });

  const publish = (conn: Attached, message: ClientMessage) => {
    const user = { id: conn.client.actor.userId ?? 0, name: conn.client.actor.name };
    const signal: PresenceSignal = {
      type: 'presence',
      ticketId: message.ticketId,
      state: message.state,
      announce: message.announce ?? false,
      internal: message.internal ?? false,
      user,
      connectionId: conn.id,
    };
    return bus.publishSignal(signal);
  };

  return {
    get size() {
      return connections.size;
    },
    async attach(client, lastEventId) {
      const conn: Attached = { id: randomUUID(), client, held: [], viewing: new Set() };
      connections.set(conn.id, conn);
      const latest = await selectLatestEventId(db);
      client.send(serialize({ type: 'hello', connectionId: conn.id, lastEventId: latest }));
      let sentUpTo = lastEventId ?? latest;
      if (lastEventId !== undefined && lastEventId < latest) {
        const missed = await selectEventsAfter(db, lastEventId, REPLAY_LIMIT);
        if (missed.length > REPLAY_LIMIT) {
          client.send(serialize({ type: 'resync', lastEventId: latest }));
          sentUpTo = latest;
        } else {
          for (const event of missed) if (mayReceive(client.actor, event)) client.send(eventMessage(event));
          sentUpTo = Math.max(sentUpTo, ...missed.map((e) => e.id));
        }
      }
      const held = conn.held ?? [];
      conn.held = null;
      for (const event of held) if (event.id > sentUpTo && mayReceive(client.actor, event)) client.send(eventMessage(event));
      return conn.id;
    },
    async receive(connectionId, message) {
      const conn = connections.get(connectionId);
      if (!conn || !can(conn.client.actor, 'tickets.read')) return;
      if (message.state === 'left') conn.viewing.delete(message.ticketId);
      else conn.viewing.add(message.ticketId);
      await publish(conn, message);
    },
    async detach(connectionId) {
      const conn = connections.get(connectionId);
      if (!conn) return;
      connections.delete(connectionId);
      await Promise.all([...conn.viewing].map((ticketId) => publish(conn, { type: 'presence', ticketId, state: 'left' })));
    },
  };
}
