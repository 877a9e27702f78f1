import type { Queryable, Row } from '../db/pool.ts';

// ---- sign-in links and sessions

export async function insertSignInLink(db: Queryable, l: { tokenHash: string; email: string; ip: string | null; expiresAt: Date }): Promise<void> {
  await db.query(`INSERT INTO portal_sign_in_links (token_hash, email, ip, expires_at) VALUES ($1, $2, $3, $4)`, [l.tokenHash, l.email, l.ip, l.expiresAt]);
}

export async function countRecentSignInLinks(db: Queryable, email: string, since: Date): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM portal_sign_in_links WHERE email = $1 AND created_at > $2`, [email, since]);
  return rows[0].n;
}

/** The link's address if it is live; reading does not use it up. */
export async function selectLiveSignInLink(db: Queryable, tokenHash: string): Promise<string | null> {
  const { rows } = await db.query(`SELECT email::text AS email FROM portal_sign_in_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`, [tokenHash]);
  return rows[0]?.email ?? null;
}

/** Uses the link up, once: of two simultaneous tries, only one gets the address. */
export async function consumeSignInLink(tx: Queryable, tokenHash: string): Promise<string | null> {
  const { rows } = await tx.query(
    `UPDATE portal_sign_in_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING email::text AS email`,
    [tokenHash],
  );
  return rows[0]?.email ?? null;
}

export async function insertPortalSession(tx: Queryable, s: { tokenHash: string; customerId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
  await tx.query(`INSERT INTO portal_sessions (token_hash, customer_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)`, [s.tokenHash, s.customerId, s.csrfToken, s.expiresAt]);
}

export interface PortalSessionRow {
  customerId: number;
  csrfToken: string;
  lastSeenAt: Date;
}

export async function selectLivePortalSession(db: Queryable, tokenHash: string): Promise<PortalSessionRow | null> {
  const { rows } = await db.query(`SELECT customer_id, csrf_token, last_seen_at FROM portal_sessions WHERE token_hash = $1 AND expires_at > now()`, [tokenHash]);
  const r = rows[0];
  return r ? { customerId: r.customer_id, csrfToken: r.csrf_token, lastSeenAt: r.last_seen_at } : null;
}

export async function touchPortalSession(db: Queryable, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.query(`UPDATE portal_sessions SET last_seen_at = now(), expires_at = $2 WHERE token_hash = $1`, [tokenHash, expiresAt]);
}

export async function deletePortalSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(`DELETE FROM portal_sessions WHERE token_hash = $1`, [tokenHash]);
}

// ---- organization managers

export async function selectManagedOrganization(db: Queryable, customerId: number, organizationId: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT EXISTS (SELECT 1 FROM portal_organization_managers WHERE customer_id = $1 AND organization_id = $2) AS yes`, [customerId, organizationId]);
  return rows[0].yes;
}

export async function insertOrganizationManager(tx: Queryable, organizationId: number, customerId: number): Promise<boolean> {
  const result = await tx.query(`INSERT INTO portal_organization_managers (organization_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [organizationId, customerId]);
  return (result.rowCount ?? 0) > 0;
}

export async function deleteOrganizationManager(tx: Queryable, organizationId: number, customerId: number): Promise<boolean> {
  const result = await tx.query(`DELETE FROM portal_organization_managers WHERE organization_id = $1 AND customer_id = $2`, [organizationId, customerId]);
  return (result.rowCount ?? 0) > 0;
}

// ---- new-request attempts (deflection)

export async function insertAttempt(db: Queryable, customerId: number): Promise<number> {
  const { rows } = await db.query(`INSERT INTO portal_request_attempts (customer_id) VALUES ($1) RETURNING id`, [customerId]);
  return rows[0].id;
}

export async function recordSuggestions(db: Queryable, attemptId: number, customerId: number, query: string, articleIds: number[]): Promise<void> {
  await db.query(
    `UPDATE portal_request_attempts
        SET query = $3, updated_at = now(),
            suggested_article_ids = ARRAY(SELECT DISTINCT unnest(suggested_article_ids || $4::bigint[]))
      WHERE id = $1 AND customer_id = $2 AND ticket_id IS NULL`,
    [attemptId, customerId, query, articleIds],
  );
}

export async function recordOpened(db: Queryable, attemptId: number, customerId: number, articleId: number): Promise<boolean> {
  const result = await db.query(
    `UPDATE portal_request_attempts SET opened_article_ids = ARRAY(SELECT DISTINCT unnest(opened_article_ids || $3::bigint)), updated_at = now()
      WHERE id = $1 AND customer_id = $2 AND $3 = ANY(suggested_article_ids)`,
    [attemptId, customerId, articleId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function markSubmitted(tx: Queryable, attemptId: number, customerId: number, ticketId: number): Promise<void> {
  await tx.query(`UPDATE portal_request_attempts SET ticket_id = $3, updated_at = now() WHERE id = $1 AND customer_id = $2 AND ticket_id IS NULL`, [attemptId, customerId, ticketId]);
}

export interface DeflectionRow {
  articleId: number;
  suggested: number;
  opened: number;
  deflected: number;
  submittedAnyway: number;
}

/**
 * Per suggested article: how often it was suggested, opened, and how often the customer who
 * opened it then left without submitting (deflected) or submitted anyway. An attempt counts as
 * abandoned once it has been idle for `idleMinutes`.
 */
export async function selectDeflections(db: Queryable, since: Date, idleMinutes: number): Promise<DeflectionRow[]> {
  const { rows } = await db.query(
    `SELECT s.article_id,
            count(*)::int AS suggested,
            count(*) FILTER (WHERE s.article_id = ANY(a.opened_article_ids))::int AS opened,
            count(*) FILTER (WHERE s.article_id = ANY(a.opened_article_ids) AND a.ticket_id IS NULL AND a.updated_at < now() - make_interval(mins => $2))::int AS deflected,
            count(*) FILTER (WHERE s.article_id = ANY(a.opened_article_ids) AND a.ticket_id IS NOT NULL)::int AS submitted_anyway
       FROM portal_request_attempts a, unnest(a.suggested_article_ids) AS s(article_id)
      WHERE a.created_at >= $1
      GROUP BY s.article_id ORDER BY deflected DESC, opened DESC, s.article_id`,
    [since, idleMinutes],
  );
  return rows.map((r: Row) => ({ articleId: r.article_id, suggested: r.suggested, opened: r.opened, deflected: r.deflected, submittedAnyway: r.submitted_anyway }));
}
