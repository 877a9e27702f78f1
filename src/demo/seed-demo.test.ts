import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/pool.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

const SEED_TIMEOUT = 120_000;
// One end of the story for every workspace in this file, so that they can be compared.
const now = new Date();
let t: TestTend;
let other: TestTend;

/** The harness signs in a test admin; the demo seeds only a workspace with nobody in it. */
async function emptyWorkspace(): Promise<TestTend> {
  const tend = await createTestTend();
  await tend.db.query('DELETE FROM users');
  return tend;
}

/** Everything a person would see of the workspace, to compare two of them. */
async function fingerprint(db: Db) {
  const tickets = await db.query(
    `SELECT t.id, t.subject, t.status, t.priority, t.channel, t.tags, t.created_at, t.updated_at, t.first_response_at, t.solved_at,
            t.closed_at, a.email AS assignee, c.name AS requester,
            (SELECT string_agg(m.body, '|' ORDER BY m.id) FROM messages m WHERE m.ticket_id = t.id) AS thread
       FROM tickets t JOIN customers c ON c.id = t.requester_id LEFT JOIN users a ON a.id = t.assignee_id ORDER BY t.id`,
  );
  const customers = await db.query(`SELECT name, language, time_zone, tags, created_at FROM customers ORDER BY id`);
  return { tickets: tickets.rows, customers: customers.rows };
}

beforeAll(async () => {
  t = await emptyWorkspace();
  other = await emptyWorkspace();
  expect(await seedDemoIfEmpty(t.db, { now })).toBe(true);
}, SEED_TIMEOUT);
afterAll(async () => {
  await t.close();
  await other.close();
});

describe('the demo workspace', () => {
  it('signs in as admin@example.com and as an agent with the demo password, and lists their tickets', async () => {
    const admin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@example.com', password: 'tend-demo' } });
    expect(admin.statusCode).toBe(200);
    expect(admin.json().user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    const agent = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'priya.raman@example.com', password: 'tend-demo' } });
    expect(agent.json().user).toMatchObject({ role: 'agent' });

    const cookies = { tend_session: admin.cookies.find((c) => c.name === 'tend_session')?.value ?? '' };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/tickets?limit=50', cookies });
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toHaveLength(50);
    expect(list.json().nextCursor).not.toBeNull();
  });

  it('has people in every role, teams with members, organizations and about eighty customers', async () => {
    const { rows } = await t.db.query(
      `SELECT (SELECT array_agg(DISTINCT r.key ORDER BY r.key) FROM users u JOIN roles r ON r.id = u.role_id) AS roles,
              (SELECT count(*) FROM users WHERE password_hash IS NOT NULL AND status = 'active') AS active_users,
              (SELECT array_agg(name ORDER BY name) FROM teams) AS teams,
              (SELECT count(DISTINCT team_id) FROM team_members) AS staffed_teams,
              (SELECT count(*) FROM organizations) AS organizations,
              (SELECT count(*) FROM customers) AS customers,
              (SELECT count(*) FROM customers WHERE organization_id IS NOT NULL) AS in_organizations,
              (SELECT count(DISTINCT customer_id) FROM customer_identities WHERE kind = 'phone') AS with_phone`,
    );
    expect(rows[0]).toMatchObject({ roles: ['admin', 'agent', 'light_agent', 'supervisor'], teams: ['Billing', 'Support', 'Technical'], staffed_teams: 3 });
    expect(rows[0].active_users).toBeGreaterThanOrEqual(6);
    expect(rows[0].organizations).toBeGreaterThanOrEqual(2);
    expect(rows[0].customers).toBeGreaterThanOrEqual(70);
    expect(rows[0].in_organizations).toBeGreaterThan(5);
    expect(rows[0].with_phone).toBeGreaterThan(10);
  });

  it('holds about 200 tickets over at least five months and five channels, each with a thread', async () => {
    const { rows } = await t.db.query(
      `SELECT count(*) AS tickets,
              count(DISTINCT date_trunc('month', created_at)) AS months,
              count(DISTINCT channel) AS channels,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id)) AS without_messages,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.internal)) AS with_notes,
              count(*) FILTER (WHERE assignee_id IS NOT NULL) AS assigned
         FROM tickets t WHERE merged_into_id IS NULL`,
    );
    expect(rows[0].tickets).toBeGreaterThanOrEqual(180);
    expect(rows[0].tickets).toBeLessThanOrEqual(230);
    expect(rows[0].months).toBeGreaterThanOrEqual(5);
    expect(rows[0].channels).toBeGreaterThanOrEqual(5);
    expect(rows[0].without_messages).toBe(0);
    expect(rows[0].with_notes).toBeGreaterThan(10);
    expect(rows[0].assigned).toBeGreaterThan(100);
  });

  it('has mostly closed history and a backlog of recent tickets still open', async () => {
    const { rows } = await t.db.query(
      `SELECT status, count(*) AS n, max(created_at) AS newest, min(created_at) AS oldest FROM tickets WHERE merged_into_id IS NULL GROUP BY status`,
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r]));
    const open = ['new', 'open', 'pending', 'on_hold'].reduce((sum, s) => sum + (byStatus[s]?.n ?? 0), 0);
    expect(open).toBeGreaterThanOrEqual(10);
    expect(byStatus.new?.n).toBeGreaterThan(0);
    expect(byStatus.closed?.n).toBeGreaterThan(100);
    // Unanswered tickets are the recent ones.
    expect(now.getTime() - byStatus.new.oldest.getTime()).toBeLessThan(30 * 86_400_000);
  });

  it('dates every status change, reply and audit entry in the story, not at seeding time', async () => {
    const { rows } = await t.db.query(
      `SELECT count(*) FILTER (WHERE updated_at > $1 OR solved_at > $1 OR closed_at > $1 OR first_response_at > $1) AS stamped_now,
              count(*) FILTER (WHERE solved_at < created_at OR first_response_at < created_at OR closed_at < solved_at) AS out_of_order,
              count(*) FILTER (WHERE status IN ('solved', 'closed') AND solved_at IS NULL) AS solved_without_time,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at)) AS median_first_response_s,
              (SELECT count(*) FROM audit_log WHERE created_at > $1 AND action NOT LIKE 'auth.%') AS audit_now,
              (SELECT count(DISTINCT date_trunc('month', created_at)) FROM audit_log) AS audit_months,
              (SELECT count(*) FROM messages WHERE created_at > $1) AS messages_now
         FROM tickets WHERE merged_into_id IS NULL`,
      [now],
    );
    expect(rows[0]).toMatchObject({ stamped_now: 0, out_of_order: 0, solved_without_time: 0, audit_now: 0, messages_now: 0 });
    expect(rows[0].audit_months).toBeGreaterThanOrEqual(5);
    expect(rows[0].median_first_response_s).toBeGreaterThan(60);
    expect(rows[0].median_first_response_s).toBeLessThan(86_400);
  });

  it('is not seeded again once anyone exists', async () => {
    const before = await t.db.query('SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM users) AS users');
    expect(await seedDemoIfEmpty(t.db)).toBe(false);
    const after = await t.db.query('SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM users) AS users');
    expect(after.rows).toEqual(before.rows);
  });

  it('is seeded once by two processes starting together, and tells the same story every time', async () => {
    const results = await Promise.all([seedDemoIfEmpty(other.db, { now }), seedDemoIfEmpty(other.db, { now })]);
    expect(results.sort()).toEqual([false, true]);
    expect(await fingerprint(other.db)).toEqual(await fingerprint(t.db));
  }, SEED_TIMEOUT);

  it('leaves nothing behind when seeding fails part-way', async () => {
    const broken = await emptyWorkspace();
    try {
      // A team the demo also creates: seeding fails after the demo people were already inserted.
      await broken.db.query(`INSERT INTO teams (name) VALUES ('Technical')`);
      await expect(seedDemoIfEmpty(broken.db, { now })).rejects.toThrow();
      const { rows } = await broken.db.query(
        'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM teams) AS teams',
      );
      expect(rows[0]).toEqual({ users: 0, customers: 0, teams: 1 });
    } finally {
      await broken.close();
    }
  });
});
