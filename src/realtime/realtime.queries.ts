import type { Queryable } from '../db/pool.ts';
import type { DomainEvent } from '../events/index.ts';

const toEvent = (r: Record<string, any>): DomainEvent => ({ id: r.id, type: r.type, payload: r.payload, createdAt: r.created_at });

/** Events after `afterId`, oldest first; `limit + 1` rows so the caller can tell when there are too many to replay. */
export async function selectEventsAfter(db: Queryable, afterId: number, limit: number): Promise<DomainEvent[]> {
  const { rows } = await db.query(`SELECT id, type, payload, created_at FROM events WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit + 1]);
  return rows.map(toEvent);
}

export async function selectLatestEventId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number | null }>(`SELECT max(id) AS id FROM events`);
  return rows[0]?.id ?? 0;
}
