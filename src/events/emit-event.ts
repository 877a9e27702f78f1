import type { Queryable } from '../db/pool.ts';

export interface DomainEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export const EVENTS_CHANNEL = 'tend_events';
/**
 * A notification on EVENTS_CHANNEL carries the whole event as JSON, so that no process has to read
 * it back; one bigger than this (NOTIFY takes under 8000 bytes) carries only its id, to be loaded.
 */
const NOTIFY_INLINE_BYTES = 7000;
export const DISPATCH_TASK = 'events.dispatch';

/**
 * Records domain events inside the caller's transaction, with the job that delivers them to
 * subscribers and the notifications for live clients (each carrying its event), in one statement.
 * All of it commits or vanishes with the change itself, so no event is lost for a committed change
 * or sent for a rolled-back one. `live: true` marks events only live clients want (a bell's push):
 * they get no dispatch job.
 *
 * All the events of one transaction share one dispatch job: it is keyed by the transaction, and
 * the job queue appends the ids of a later call to the job an earlier call made (its payload is an
 * array). A batch of tickets whose requesters are new emits customer events and ticket events
 * separately, and subscribers still get them together, in order.
 */
export async function emitEvents(tx: Queryable, events: { type: string; payload: Record<string, unknown> }[], options: { live?: boolean } = {}): Promise<number[]> {
  if (events.length === 0) return [];
  const dispatch = options.live
    ? ''
    : `, graphile_worker.add_job($4, ids.ids, max_attempts => 10, job_key => 'events:' || pg_current_xact_id(), job_key_mode => 'preserve_run_at')`;
  const { rows } = await tx.query<{ ids: number[] }>(
    `WITH e AS (
       INSERT INTO events (type, payload)
       SELECT type, payload FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS u(type, payload, n) ORDER BY n
       RETURNING id, type, payload, created_at),
     notified AS (
       SELECT pg_notify($3, CASE WHEN octet_length(m.json) < ${NOTIFY_INLINE_BYTES} THEN m.json ELSE e.id::text END)
         FROM e, LATERAL (SELECT json_build_object('id', e.id, 'type', e.type, 'payload', e.payload, 'createdAt', e.created_at)::text AS json) m),
     ids AS (SELECT json_agg(id ORDER BY id) AS ids FROM e)
     SELECT ids.ids, (SELECT count(*) FROM notified)${dispatch}
       FROM ids`,
    [events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload)), EVENTS_CHANNEL, ...(options.live ? [] : [DISPATCH_TASK])],
  );
  return rows[0]?.ids ?? [];
}

export async function emitEvent(tx: Queryable, type: string, payload: Record<string, unknown>): Promise<number> {
  const [id] = await emitEvents(tx, [{ type, payload }]);
  return id as number;
}

/** What a notification on EVENTS_CHANNEL says: the event itself, or the id of one too big to carry. */
export function readEventNotification(payload: string): DomainEvent | number {
  if (!payload.startsWith('{')) return Number(payload);
  const event = JSON.parse(payload) as Omit<DomainEvent, 'createdAt'> & { createdAt: string };
  return { ...event, createdAt: new Date(event.createdAt) };
}

export async function loadEvent(db: Queryable, id: number): Promise<DomainEvent | null> {
  return (await loadEvents(db, [id]))[0] ?? null;
}

/** The events that still exist of these ids, in id order. */
export async function loadEvents(db: Queryable, ids: number[]): Promise<DomainEvent[]> {
  const { rows } = await db.query(`SELECT id, type, payload, created_at FROM events WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]);
  return rows.map((row) => ({ id: row.id, type: row.type, payload: row.payload, createdAt: row.created_at }));
}
