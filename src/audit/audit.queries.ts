import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/pool.ts';

export interface AuditEntry {
  id: number;
  actor: { kind: string; userId: number | null; name: string | null };
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: Date;
}

export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function insertAudit(db: Queryable, actor: Actor | null, change: AuditChange): Promise<void> {
  await insertAudits(db, actor, [change]);
}

/** Several changes by one actor in one statement: a bulk action's entries cost one round trip. */
export async function insertAudits(db: Queryable, actor: Actor | null, changes: AuditChange[]): Promise<void> {
  await insertActorAudits(db, changes.map((change) => ({ actor, change })));
}

/** Changes by several actors in one statement: what a group-committed batch of requests did. */
export async function insertActorAudits(db: Queryable, entries: { actor: Actor | null; change: AuditChange }[]): Promise<void> {
  if (entries.length === 0) return;
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await db.query(
    `INSERT INTO audit_log (actor_user_id, actor_kind, action, entity_type, entity_id, before, after, ip)
     SELECT actor_user_id, actor_kind, action, entity_type, entity_id, before, after, ip
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])
            WITH ORDINALITY AS c(actor_user_id, actor_kind, ip, action, entity_type, entity_id, before, after, n)
      ORDER BY n`,
    [
      entries.map(({ actor }) => actor?.userId ?? null),
      entries.map(({ actor }) => actor?.kind ?? 'anonymous'),
      entries.map(({ actor }) => actor?.ip ?? null),
      entries.map(({ change }) => change.action),
      entries.map(({ change }) => change.entityType),
      entries.map(({ change }) => (change.entityId == null ? null : String(change.entityId))),
      entries.map(({ change }) => json(change.before)),
      entries.map(({ change }) => json(change.after)),
    ],
  );
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorUserId?: number;
  beforeId?: number;
  limit: number;
}

export async function selectAudit(db: Queryable, filter: AuditFilter): Promise<AuditEntry[]> {
  const { rows } = await db.query(
    `SELECT a.id, a.actor_kind, a.actor_user_id, u.name AS actor_name, a.action, a.entity_type, a.entity_id,
            a.before, a.after, a.ip, a.created_at
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE ($1::text IS NULL OR a.entity_type = $1)
        AND ($2::text IS NULL OR a.entity_id = $2)
        AND ($3::text IS NULL OR a.action = $3)
        AND ($4::bigint IS NULL OR a.actor_user_id = $4)
        AND ($5::bigint IS NULL OR a.id < $5)
      ORDER BY a.id DESC
      LIMIT $6`,
    [filter.entityType ?? null, filter.entityId ?? null, filter.action ?? null, filter.actorUserId ?? null, filter.beforeId ?? null, filter.limit + 1],
  );
  return rows.map((r) => ({
    id: r.id,
    actor: { kind: r.actor_kind, userId: r.actor_user_id, name: r.actor_name },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
    createdAt: r.created_at,
  }));
}

export async function countRecentAudit(db: Queryable, action: string, entityId: string, since: Date): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2 AND created_at > $3`,
    [action, entityId, since],
  );
  return rows[0].n;
}
