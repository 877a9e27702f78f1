import type { Queryable, Row } from '../db/pool.ts';
import type { Permission } from '../auth/index.ts';
import type { Agent, AgentFilter, AgentStatus } from './agents.types.ts';

const COLUMNS = `u.id, u.email::text AS email, u.name, r.key AS role, r.name AS role_name, u.status, u.time_zone, u.created_at, u.updated_at`;
const toAgent = (r: Row): Agent => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  roleName: r.role_name,
  status: r.status,
  timeZone: r.time_zone,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Ordered by name then id; `after` is the (name, id) of the previous page's last row. */
export async function selectAgents(db: Queryable, filter: AgentFilter, after: [string, number] | null, limit: number): Promise<Agent[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM users u JOIN roles r ON r.id = u.role_id
      WHERE ($1::text IS NULL OR u.status = $1)
        AND ($2::text IS NULL OR r.key = $2)
        AND ($3::text IS NULL OR u.name ILIKE $3 OR u.email::text ILIKE $3)
        AND ($4::text IS NULL OR (u.name, u.id) > ($4, $5::bigint))
      ORDER BY u.name, u.id
      LIMIT $6`,
    [filter.status ?? null, filter.role ?? null, filter.q ? `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` : null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  return rows.map(toAgent);
}

export async function selectAgent(db: Queryable, id: number, forUpdate = false): Promise<Agent | null> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`,
    [id],
  );
  return rows[0] ? toAgent(rows[0]) : null;
}

/** Null when the email is taken. */
export async function insertInvitedUser(
  db: Queryable,
  user: { email: string; name: string; roleId: number; inviteTokenHash: string; inviteExpiresAt: Date },
): Promise<number | null> {
  const { rows } = await db.query(
    `INSERT INTO users (email, name, role_id, status, invite_token_hash, invite_expires_at) VALUES ($1, $2, $3, 'invited', $4, $5)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [user.email, user.name, user.roleId, user.inviteTokenHash, user.inviteExpiresAt],
  );
  return rows[0]?.id ?? null;
}

export async function setInvite(db: Queryable, id: number, invite: { tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.query(`UPDATE users SET invite_token_hash = $2, invite_expires_at = $3, updated_at = now() WHERE id = $1`, [id, invite.tokenHash, invite.expiresAt]);
}

/** Activates the invited user holding this unexpired invite, once; null if there is none. */
export async function acceptInviteRow(db: Queryable, inviteTokenHash: string, passwordHash: string): Promise<number | null> {
  const { rows } = await db.query(
    `UPDATE users SET status = 'active', password_hash = $2, invite_token_hash = NULL, invite_expires_at = NULL, updated_at = now()
      WHERE invite_token_hash = $1 AND status = 'invited' AND invite_expires_at > now()
      RETURNING id`,
    [inviteTokenHash, passwordHash],
  );
  return rows[0]?.id ?? null;
}

/** A null `roleId` keeps the current role. */
export async function updateUserRow(db: Queryable, id: number, user: { name: string; roleId: number | null; timeZone: string }): Promise<void> {
  await db.query(
    `UPDATE users SET name = $2, role_id = coalesce($3, role_id), time_zone = $4, updated_at = now() WHERE id = $1`,
    [id, user.name, user.roleId, user.timeZone],
  );
}

export async function setStatus(db: Queryable, id: number, status: AgentStatus): Promise<void> {
  await db.query(`UPDATE users SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
}

export async function selectPasswordHash(db: Queryable, id: number): Promise<string | null> {
  const { rows } = await db.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
  return rows[0]?.password_hash ?? null;
}

export async function setPasswordHash(db: Queryable, id: number, passwordHash: string): Promise<void> {
  await db.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
}

/** Signs the user out everywhere, except the session whose hash is `keepTokenHash`. */
export async function deleteSessions(db: Queryable, userId: number, keepTokenHash: string | null = null): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [userId, keepTokenHash]);
}

/**
 * Serialises, per transaction, every change that could take away admin rights, so that
 * two admins demoting each other at once cannot both succeed and leave nobody in charge.
 */
export async function lockAdminChanges(db: Queryable): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('tend.admin_changes'))`);
}

export async function selectActiveAdminIds(db: Queryable, adminRoleKey: string): Promise<number[]> {
  const { rows } = await db.query(
    `SELECT u.id FROM users u JOIN roles r ON r.id = u.role_id WHERE r.key = $1 AND u.status = 'active'`,
    [adminRoleKey],
  );
  return rows.map((r) => r.id);
}

export interface RoleGrant {
  id: number;
  key: string;
  permissions: Permission[];
}

export async function selectRoleByKey(db: Queryable, key: string): Promise<RoleGrant | null> {
  const { rows } = await db.query(`SELECT id, key, permissions FROM roles WHERE key = $1`, [key]);
  return rows[0] ? { id: rows[0].id, key: rows[0].key, permissions: rows[0].permissions } : null;
}
