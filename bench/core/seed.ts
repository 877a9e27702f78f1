import type { Db } from '../../src/db/pool.ts';
import { newToken } from '../../src/auth/index.ts';
import * as v from './vocabulary.ts';

export const SIZES = { customers: 50_000, tickets: 100_000, agents: 20, teams: 4 };

export interface Seeded {
  /** API token of an agent with open tickets, who makes the bench's requests. */
  agentToken: string;
  agentId: number;
}

/** Picks one element of a text[] parameter uniformly at random, per row. */
const pick = (param: string) => `(${param}::text[])[1 + floor(random() * array_length(${param}::text[], 1))::int]`;

/**
 * Fills a freshly migrated database in a few big INSERT … SELECT statements: set-based, so 500,000
 * messages with their generated tsvectors take about a minute rather than an evening of round trips.
 * Ids are given explicitly so that a ticket's subject and its first message can share a problem.
 */
export async function seed(db: Db, log: (line: string) => void): Promise<Seeded> {
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    const result = await db.query(sql, params);
    log(`seeded ${name}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await db.query(`SELECT setseed(0.42)`);

  await step(
    'teams',
    `INSERT INTO teams (name) SELECT unnest(ARRAY['Billing', 'Shipping', 'Technical', 'Returns'])`,
  );
  await step(
    'agents',
    `INSERT INTO users (email, name, role_id)
     SELECT 'agent' || i || '@bench.example', ($1::text[])[1 + i % array_length($1::text[], 1)] || ' Agent ' || i, (SELECT id FROM roles WHERE key = 'agent')
       FROM generate_series(1, $2::int) i`,
    [v.FIRST_NAMES, SIZES.agents],
  );
  await step('team members', `INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t JOIN users u ON u.id % 4 = t.id % 4`);

  await step(
    'customers',
    `INSERT INTO customers (id, name, language, created_at) OVERRIDING SYSTEM VALUE
     SELECT i, ${pick('$1')} || ' ' || ${pick('$2')}, (ARRAY['en', 'en', 'en', 'de', 'fr', 'es'])[1 + i % 6],
            now() - interval '800 days' + i * interval '20 minutes'
       FROM generate_series(1, $3::int) i`,
    [v.FIRST_NAMES, v.LAST_NAMES, SIZES.customers],
  );
  await step(
    'customer emails',
    `INSERT INTO customer_identities (customer_id, kind, value, is_primary)
     SELECT id, 'email', translate(lower(replace(name, ' ', '.')), 'üéöäåøñ', 'ueoaaon') || '.' || id || '@' || ${pick('$1')}, true FROM customers`,
    [v.EMAIL_DOMAINS],
  );
  await step(
    'customer phones',
    `INSERT INTO customer_identities (customer_id, kind, value) SELECT id, 'phone', '+1555' || lpad(id::text, 7, '0') FROM customers WHERE id % 3 = 0`,
  );

  const np = v.PROBLEMS.length;
  await step(
    'tickets',
    `INSERT INTO tickets (id, subject, status, priority, type, channel, requester_id, assignee_id, team_id, tags,
                          created_at, updated_at, last_message_at, first_response_at, solved_at, closed_at) OVERRIDING SYSTEM VALUE
     SELECT id, initcap(left(subject, 1)) || substr(subject, 2), status, priority, type, channel, requester_id,
            CASE WHEN status = 'new' AND r_assign < 0.7 OR r_assign < 0.05 THEN NULL ELSE agent END,
            CASE WHEN r_team < 0.2 THEN NULL ELSE team END, tags,
            created_at, created_at + replies * interval '3 hours', created_at + replies * interval '3 hours',
            CASE WHEN replies > 0 THEN created_at + interval '3 hours' END,
            CASE WHEN status IN ('solved', 'closed') THEN created_at + replies * interval '3 hours' END,
            CASE WHEN status = 'closed' THEN created_at + replies * interval '3 hours' + interval '4 days' END
       FROM (SELECT 999 + i AS id,
                    replace(($1::text[])[1 + (999 + i) % ${np}], '{p}', ($2::text[])[1 + ((999 + i) / ${np}) % array_length($2::text[], 1)]) AS subject,
                    CASE WHEN i > $5::int * 0.93 THEN (ARRAY['new', 'open', 'open', 'open', 'pending', 'pending', 'on_hold', 'solved'])[1 + floor(random() * 8)::int]
                         WHEN random() < 0.7 THEN 'closed' WHEN random() < 0.9 THEN 'solved'
                         ELSE (ARRAY['open', 'pending', 'on_hold'])[1 + floor(random() * 3)::int] END AS status,
                    CASE WHEN random() < 0.03 THEN 'urgent' WHEN random() < 0.12 THEN 'high' WHEN random() < 0.8 THEN 'normal' ELSE 'low' END AS priority,
                    (ARRAY['question', 'incident', 'problem', 'task', NULL])[1 + floor(random() * 5)::int] AS type,
                    (ARRAY['email', 'email', 'email', 'chat', 'web', 'phone', 'api'])[1 + floor(random() * 7)::int] AS channel,
                    1 + floor(random() * $3::int)::bigint AS requester_id,
                    (SELECT min(id) FROM users WHERE email LIKE '%@bench.example') + floor(random() * $6::int)::bigint AS agent,
                    (SELECT min(id) FROM teams) + floor(random() * 4)::bigint AS team,
                    CASE WHEN random() < 0.4 THEN '{}'::text[] ELSE ARRAY[${pick('$4')}] END AS tags,
                    random() AS r_assign, random() AS r_team,
                    ((999 + i) % 9) AS replies,
                    least(now(), now() - ($5::int - i) * interval '10 minutes') AS created_at
               FROM generate_series(1, $5::int) i) g`,
    [v.PROBLEMS.map((p) => p[0]), v.PRODUCTS, SIZES.customers, v.TAGS, SIZES.tickets, SIZES.agents],
  );

  await step(
    'messages',
    `INSERT INTO messages (ticket_id, author_type, author_user_id, author_customer_id, internal, channel, body, created_at)
     SELECT ticket_id,
            CASE WHEN kind IN ('first', 'follow_up') THEN 'customer' ELSE 'agent' END,
            CASE WHEN kind IN ('reply', 'note') THEN coalesce(assignee_id, fallback_agent) END,
            CASE WHEN kind IN ('first', 'follow_up') THEN requester_id END,
            kind = 'note', channel,
            replace(CASE kind
              WHEN 'first' THEN ${pick('$1')} || ' ' || ($2::text[])[1 + ticket_id % ${np}] || ' Order #' || (100000 + ticket_id * 7919 % 900000) || '. ' || ${pick('$3')}
              WHEN 'follow_up' THEN ${pick('$1')} || ' ' || ${pick('$4')} || ' ' || ${pick('$3')}
              WHEN 'reply' THEN 'Hi, ' || ${pick('$5')} || ' ' || ${pick('$5')} || ' Best regards, the support team'
              ELSE ${pick('$6')} END, '{p}', product),
            created_at
       FROM (SELECT t.id AS ticket_id, t.requester_id, t.assignee_id, t.channel,
                    (SELECT min(id) FROM users WHERE email LIKE '%@bench.example') AS fallback_agent,
                    ($7::text[])[1 + (t.id / ${np}) % array_length($7::text[], 1)] AS product,
                    t.created_at + (k - 1) * interval '3 hours' AS created_at,
                    CASE WHEN k = 1 THEN 'first' WHEN random() < 0.1 THEN 'note' WHEN k % 2 = 0 THEN 'reply' ELSE 'follow_up' END AS kind
               FROM tickets t CROSS JOIN LATERAL generate_series(1, 1 + (t.id % 9)::int) k) g
      ORDER BY ticket_id, created_at`,
    [v.OPENERS, v.PROBLEMS.map((p) => p[1]), v.CLOSINGS, v.CUSTOMER_FOLLOW_UPS, v.AGENT_REPLIES, v.INTERNAL_NOTES, v.PRODUCTS],
  );

  for (const table of ['customers', 'tickets', 'users', 'teams']) {
    await db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  await db.query(`CREATE TABLE bench_scratch (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  const started = Date.now();
  await db.query('VACUUM ANALYZE');
  log(`vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The busiest agent: their "My open tickets" is the heaviest personal view.
  const { rows } = await db.query(
    `SELECT assignee_id AS id FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold') AND assignee_id IS NOT NULL
      GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const agentId: number = rows[0].id;
  const { token, hash } = newToken('tend');
  await db.query(`INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES ($1, 'bench', $2, 'bench')`, [agentId, hash]);
  return { agentToken: token, agentId };
}
