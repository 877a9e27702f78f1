import type { Permission } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';

// Any constant shared by every Tend process (the migrations use 7_310_001).
const DEMO_SEED_LOCK = 7_310_002;

/** Held until the seeding transaction ends, so processes starting together seed once. */
export async function lockDemoSeed(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [DEMO_SEED_LOCK]);
}

export async function anyUserExists(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query('SELECT EXISTS (SELECT 1 FROM users) AS any');
  return rows[0].any;
}

export interface DemoUserRow {
  email: string;
  name: string;
  role: string;
  timeZone: string;
}

/**
 * The demo's people, inserted directly rather than invited: the fixed, public demo password
 * is shorter than the password rules demand of real accounts, so the invite flow refuses it.
 */
export async function insertDemoUsers(
  tx: Queryable,
  users: DemoUserRow[],
  passwordHash: string,
  createdAt: Date,
): Promise<{ id: number; email: string; name: string; role: string; permissions: Permission[] }[]> {
  const { rows } = await tx.query(
    `INSERT INTO users (email, name, role_id, password_hash, time_zone, created_at, updated_at)
     SELECT u.email, u.name, r.id, $5, u.time_zone, $6, $6
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(email, name, role, time_zone, n)
       JOIN roles r ON r.key = u.role
      ORDER BY u.n
     RETURNING id, email::text AS email, name, (SELECT key FROM roles WHERE id = role_id) AS role,
               (SELECT permissions FROM roles WHERE id = role_id) AS permissions`,
    [users.map((u) => u.email), users.map((u) => u.name), users.map((u) => u.role), users.map((u) => u.timeZone), passwordHash, createdAt],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, permissions: r.permissions }));
}

export async function insertDemoOrganizations(
  tx: Queryable,
  organizations: { name: string; domain: string; notes: string; attributes: Record<string, unknown> }[],
  createdAt: Date,
): Promise<number[]> {
  const { rows } = await tx.query(
    `INSERT INTO organizations (name, domains, notes, attributes, created_at, updated_at)
     SELECT name, ARRAY[domain], notes, attributes, $5, $5
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS o(name, domain, notes, attributes, n)
      ORDER BY n
     RETURNING id`,
    [
      organizations.map((o) => o.name),
      organizations.map((o) => o.domain),
      organizations.map((o) => o.notes),
      organizations.map((o) => JSON.stringify(o.attributes)),
      createdAt,
    ],
  );
  return rows.map((r) => r.id);
}

/** How far each append-only table had got before a step: only rows after these can carry its stamps. */
export interface StepMarks {
  message: number;
  audit: number;
  event: number;
}

/**
 * Seed data only. The demo replays months of history through the real actions, which
 * stamp what they write with the real clock: `now()` (the same instant for every row of
 * the seeding transaction) or, for solved/closed times, the application's clock at or
 * after `realStart`. Right after each step of the story, this moves exactly those stamps
 * to the moment the step happens in the story, so reports, SLAs and the audit trail read
 * as if the help desk had lived through it. Returns the marks for the next step.
 */
export async function backdateLastStep(tx: Queryable, at: Date, realStart: Date, since: StepMarks): Promise<StepMarks> {
  const { rows } = await tx.query(
    `WITH tickets_touched AS (
       UPDATE tickets SET updated_at = $1,
              first_response_at = CASE WHEN first_response_at >= $2 THEN $1 ELSE first_response_at END,
              solved_at = CASE WHEN solved_at >= $2 THEN $1 ELSE solved_at END,
              closed_at = CASE WHEN closed_at >= $2 THEN $1 ELSE closed_at END
        WHERE updated_at = now()),
     links_touched AS (UPDATE ticket_links SET created_at = $1 WHERE created_at = now()),
     customers_touched AS (UPDATE customers SET created_at = $1, updated_at = $1 WHERE updated_at = now()),
     identities_touched AS (UPDATE customer_identities SET created_at = $1 WHERE created_at = now()),
     teams_touched AS (UPDATE teams SET created_at = $1, updated_at = $1 WHERE updated_at = now()),
     messages_touched AS (UPDATE messages SET created_at = $1 WHERE id > $3 AND created_at = now()),
     audit_touched AS (UPDATE audit_log SET created_at = $1 WHERE id > $4 AND created_at = now()),
     events_touched AS (UPDATE events SET created_at = $1 WHERE id > $5 AND created_at = now())
     SELECT (SELECT coalesce(max(id), 0) FROM messages) AS message,
            (SELECT coalesce(max(id), 0) FROM audit_log) AS audit,
            (SELECT coalesce(max(id), 0) FROM events) AS event`,
    [at, realStart, since.message, since.audit, since.event],
  );
  return rows[0];
}

/**
 * The story's events are history: delivering them now would fire webhooks and email
 * customers months-old replies. The events stay on record; only the delivery jobs this
 * transaction enqueued (stamped with its `now()`) are completed without running.
 */
export async function skipHistoricDeliveries(tx: Queryable, task: string): Promise<void> {
  await tx.query(
    `SELECT count(*) FROM graphile_worker.complete_jobs(
       array(SELECT id FROM graphile_worker.jobs WHERE task_identifier = $1 AND created_at = now()))`,
    [task],
  );
}

export async function demoAdminHasPassword(db: Queryable, check: (hash: string | null) => Promise<boolean>): Promise<boolean> {
  const { rows } = await db.query(`SELECT password_hash FROM users WHERE email = 'admin@example.com' AND status = 'active'`);
  return rows[0] ? check(rows[0].password_hash) : false;
}
