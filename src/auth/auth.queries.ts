import type { Queryable, Row } from '../db/pool.ts';
import type { Permission } from './actor.ts';

export interface AuthUser {
  id: number;
  email: string;
  name: string;
  role: string;
  permissions: Permission[];
  status: string;
  passwordHash: string | null;
}

const USER_COLUMNS = `u.id, u.email::text AS email, u.name, r.key AS role, r.permissions, u.status, u.password_hash`;
const toAuthUser = (r: Row): AuthUser => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  permissions: r.permissions,
  status: r.status,
  passwordHash: r.password_hash,
});

export async function findUserByEmail(db: Queryable, email: string): Promise<AuthUser | null> {
  const { rows } = await db.query(`SELECT ${USER_COLUMNS} FROM users u JOIN roles r ON r.id = u.role_id WHERE u.email = $1`, [email]);
  return rows[0] ? toAuthUser(rows[0]) : null;
}

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; userId: number; csrfToken: string; ip: string | null; userAgent: string | null; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, ip, user_agent, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.tokenHash, s.userId, s.csrfToken, s.ip, s.userAgent, s.expiresAt],
  );
}

export interface SessionRow {
  user: AuthUser;
  csrfToken: string;
  lastSeenAt: Date;
}

/**
 * The live sessions among these token hashes, by hash: the lookups of concurrent requests in one
 * statement. The hashes go as one jsonb document, so that the statement keeps one plan whatever their number.
 */
export async function findLiveSessions(db: Queryable, tokenHashes: string[]): Promise<Map<string, SessionRow>> {
  const { rows } = await db.query(
    `SELECT ${USER_COLUMNS}, s.token_hash, s.csrf_token, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN roles r ON r.id = u.role_id
      WHERE s.token_hash IN (SELECT jsonb_array_elements_text($1::jsonb)) AND s.expires_at > now() AND u.status = 'active'`,
    [JSON.stringify(tokenHashes)],
  );
  return new Map(rows.map((r) => [r.token_hash, { user: toAuthUser(r), csrfToken: r.csrf_token, lastSeenAt: r.last_seen_at }]));
}

/** Sliding expiry: each touch extends the session. */
export async function touchSession(db: Queryable, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.query(`UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE token_hash = $1`, [tokenHash, expiresAt]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
}

export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const toToken = (r: Row): ApiTokenRow => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export async function insertApiToken(db: Queryable, t: { userId: number; name: string; tokenHash: string; prefix: string }): Promise<ApiTokenRow> {
  const { rows } = await db.query(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, $2, $3, $4)
     RETURNING id, name, prefix, created_at, last_used_at, revoked_at`,
    [t.userId, t.name, t.tokenHash, t.prefix],
  );
  return toToken(rows[0]);
}

export interface LiveApiToken {
  tokenId: number;
  lastUsedAt: Date | null;
  user: AuthUser;
}

/** The live API tokens among these hashes, by hash: as `findLiveSessions`. */
export async function findLiveApiTokens(db: Queryable, tokenHashes: string[]): Promise<Map<string, LiveApiToken>> {
  const { rows } = await db.query(
    `SELECT ${USER_COLUMNS}, t.token_hash, t.id AS token_id, t.last_used_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN roles r ON r.id = u.role_id
      WHERE t.token_hash IN (SELECT jsonb_array_elements_text($1::jsonb)) AND t.revoked_at IS NULL AND u.status = 'active'`,
    [JSON.stringify(tokenHashes)],
  );
  return new Map(rows.map((r) => [r.token_hash, { tokenId: r.token_id, lastUsedAt: r.last_used_at, user: toAuthUser(r) }]));
}

export async function touchApiToken(db: Queryable, tokenId: number): Promise<void> {
  await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [tokenId]);
}

export async function selectApiTokens(db: Queryable, userId: number | null): Promise<(ApiTokenRow & { userId: number })[]> {
  const { rows } = await db.query(
    `SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens
      WHERE ($1::bigint IS NULL OR user_id = $1) ORDER BY id DESC`,
    [userId],
  );
  return rows.map((r) => ({ ...toToken(r), userId: r.user_id }));
}

export async function revokeApiTokenRow(db: Queryable, id: number): Promise<{ userId: number } | null> {
  const { rows } = await db.query(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING user_id`,
    [id],
  );
  return rows[0] ? { userId: rows[0].user_id } : null;
}

export async function selectApiTokenOwner(db: Queryable, id: number): Promise<number | null> {
  const { rows } = await db.query(`SELECT user_id FROM api_tokens WHERE id = $1`, [id]);
  return rows[0]?.user_id ?? null;
}
