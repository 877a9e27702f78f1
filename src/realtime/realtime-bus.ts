import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../db/pool.ts';
import { type DomainEvent, EVENTS_CHANNEL, loadEvents, readEventNotification } from '../events/index.ts';
import { selectEventsAfter } from './realtime.queries.ts';
import type { PresenceSignal } from './realtime.types.ts';

const SIGNALS_CHANNEL = 'tend_presence';
const RECONNECT_MS = 1000;
const CATCH_UP_LIMIT = 5000;

/**
 * How one process hears what happened in all of them. Domain events always come from Postgres
 * NOTIFY, because `emitEvent` sends it in the same transaction as the change: a notification
 * means a committed event. Presence signals are not stored anywhere and go through Redis pub/sub
 * when REDIS_URL is set, else through Postgres NOTIFY as well.
 */
export interface RealtimeBus {
  onEvents(listener: (events: DomainEvent[]) => void): void;
  onSignal(listener: (signal: PresenceSignal) => void): void;
  publishSignal(signal: PresenceSignal): Promise<void>;
  close(): Promise<void>;
}

export interface BusOptions {
  redisUrl?: string | undefined;
  log: Pick<Logger, 'warn'>;
}

export async function startRealtimeBus(db: Db, options: BusOptions): Promise<RealtimeBus> {
  const eventListeners: ((events: DomainEvent[]) => void)[] = [];
  const signalListeners: ((signal: PresenceSignal) => void)[] = [];
  const deliverSignal = (raw: string) => {
    let signal: PresenceSignal;
    try {
      signal = JSON.parse(raw) as PresenceSignal;
    } catch {
      return;
    }
    for (const listener of signalListeners) listener(signal);
  };

  // Notifications arrive one event each, carried whole or, when too big, as its id. Events that
  // arrive together are delivered together, the ids among them loaded in one query, and deliveries
  // run one after another so listeners see events in the order Postgres committed them.
  let lastDeliveredId = 0;
  let pending: (DomainEvent | number)[] = [];
  let loading = Promise.resolve();
  const deliver = (events: DomainEvent[]) => {
    if (events.length === 0) return;
    lastDeliveredId = Math.max(lastDeliveredId, ...events.map((e) => e.id));
    for (const listener of eventListeners) listener(events);
  };
  const load = (query: () => Promise<DomainEvent[]>) => {
    loading = loading.then(query).then(deliver, (error: unknown) => options.log.warn({ err: error }, 'realtime: loading events failed'));
  };
  const queueEvent = (event: DomainEvent | number) => {
    pending.push(event);
    if (pending.length > 1) return;
    load(async () => {
      const arrived = pending;
      pending = [];
      const ids = arrived.filter((e): e is number => typeof e === 'number');
      const loaded = new Map((ids.length ? await loadEvents(db, ids) : []).map((e) => [e.id, e]));
      return arrived.flatMap((e) => (typeof e === 'number' ? (loaded.get(e) ?? []) : [e]));
    });
  };

  const redis = options.redisUrl ? await connectRedis(options.redisUrl, deliverSignal) : null;
  const channels = redis ? [EVENTS_CHANNEL] : [EVENTS_CHANNEL, SIGNALS_CHANNEL];
  const listener = await listenToPostgres(db, channels, options.log, {
    onNotification(channel, payload) {
      if (channel === EVENTS_CHANNEL) queueEvent(readEventNotification(payload));
      else deliverSignal(payload);
    },
    // Notifications sent while the connection was down are gone; the events table still has them.
    onReconnect() {
      if (lastDeliveredId > 0) load(async () => (await selectEventsAfter(db, lastDeliveredId, CATCH_UP_LIMIT)).slice(0, CATCH_UP_LIMIT));
    },
  });

  return {
    onEvents: (l) => void eventListeners.push(l),
    onSignal: (l) => void signalListeners.push(l),
    async publishSignal(signal) {
      const raw = JSON.stringify(signal);
      if (redis) await redis.publisher.publish(SIGNALS_CHANNEL, raw);
      else await db.query('SELECT pg_notify($1, $2)', [SIGNALS_CHANNEL, raw]);
    },
    async close() {
      await listener.close();
      await loading;
      if (redis) await Promise.all([redis.publisher.quit(), redis.subscriber.quit()]);
    },
  };
}

interface ListenHandlers {
  onNotification(channel: string, payload: string): void;
  onReconnect(): void;
}

/** Holds one pooled connection in LISTEN, and takes a new one if it drops. */
async function listenToPostgres(db: Db, channels: string[], log: Pick<Logger, 'warn'>, handlers: ListenHandlers): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let client: pg.PoolClient | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (isReconnect: boolean) => {
    const c = await db.connect();
    let dropped = false;
    const drop = (error?: Error) => {
      if (dropped || closed) return;
      dropped = true;
      client = null;
      c.release(error ?? true);
      log.warn({ err: error }, 'realtime: lost the LISTEN connection; reconnecting');
      scheduleReconnect();
    };
    c.on('notification', (n) => handlers.onNotification(n.channel, n.payload ?? ''));
    c.on('error', drop);
    c.on('end', () => drop());
    for (const channel of channels) await c.query(`LISTEN ${channel}`);
    client = c;
    if (isReconnect) handlers.onReconnect();
  };
  const scheduleReconnect = () => {
    retry = setTimeout(() => {
      retry = null;
      connect(true).catch(() => {
        if (!closed) scheduleReconnect();
      });
    }, RECONNECT_MS);
  };

  await connect(false);
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      // Destroyed rather than returned: a pooled connection must not keep listening.
      c?.release(true);
    },
  };
}

async function connectRedis(url: string, onMessage: (raw: string) => void): Promise<{ publisher: Redis; subscriber: Redis }> {
  const publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  subscriber.on('message', (_channel: string, raw: string) => onMessage(raw));
  await subscriber.subscribe(SIGNALS_CHANNEL);
  return { publisher, subscriber };
}
