/**
 * The routing benchmark: 200 agents with skills and capacities in four team queues (one per
 * strategy and a sticky one), and two app processes whose job workers route tickets and run their
 * SLA timers.
 *
 * 1. With every agent offline, the two processes create 10,000 tickets, which queue up.
 * 2. All agents come online at once (a shift starts) while the two processes create 1,000 more.
 *
 * `assignment_decisions_per_s` is how fast the 10,000 queued tickets are assigned once agents are
 * there (queued tickets ÷ time from agents online to the last of them assigned): the rate of routing
 * decisions, not of ticket creation, which is the tickets capability's own cost (reported as
 * `tickets_created_per_s`). `assignment_p99_ms` is how long a ticket created in phase 2 waits from
 * creation to its assignment, while the backlog is being served. Then it reports how late the
 * 11,000 SLA breach timers fire, and whether any agent ended up past capacity (counted in the
 * tickets table).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor } from '../../src/auth/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool, type Db, withTransaction } from '../../src/db/pool.ts';
import { installJobQueue } from '../../src/jobs/worker.ts';
import { createQueue, setAvailability } from '../../src/routing/index.ts';
import { createPolicy } from '../../src/sla/index.ts';
import { benchDatabase } from '../bench-database.ts';
import { metric, percentile, progress } from '../report.ts';

const QUEUED = Number(process.env.BENCH_ROUTING_TICKETS ?? 10_000);
const DURING = Math.ceil(QUEUED / 10);
const TOTAL = QUEUED + DURING;
const AGENTS = Number(process.env.BENCH_ROUTING_AGENTS ?? 200);
const PROCESSES = 2;
// Room for every ticket even when the skilled agents' share is spent on tickets needing no skill.
const CAPACITY = Math.ceil((TOTAL * 1.5) / AGENTS);
// Long enough that every ticket is created while its breach timer is still pending.
const SLA_MINUTES = Number(process.env.BENCH_ROUTING_SLA_MINUTES ?? 3);
const TAGS = ['billing', 'shipping', 'returns', 'technical'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seed(db: Db): Promise<number[]> {
  const { rows: teams } = await db.query(`INSERT INTO teams (name) SELECT 'Bench team ' || g FROM generate_series(1, 4) g RETURNING id`);
  const { rows: agents } = await db.query(
    `INSERT INTO users (email, name, role_id) SELECT 'agent' || g || '@routing.bench', 'Agent ' || g, (SELECT id FROM roles WHERE key = 'agent')
       FROM generate_series(1, $1) g RETURNING id`,
    [AGENTS],
  );
  const ids = agents.map((a) => a.id as number);
  await db.query(`INSERT INTO team_members (team_id, user_id) SELECT ($1::bigint[])[1 + (i % 4)], id FROM unnest($2::bigint[]) WITH ORDINALITY u(id, i)`, [teams.map((t) => t.id), ids]);
  await db.query(`INSERT INTO agent_availability (user_id, status) SELECT unnest($1::bigint[]), 'offline'`, [ids]);
  await db.query(`INSERT INTO agent_capacities (user_id, channel, max_open) SELECT unnest($1::bigint[]), '*', $2`, [ids, CAPACITY]);
  await db.query(
    `INSERT INTO agent_skills (user_id, skill, level) SELECT id, skill, 1 + ((id + length(skill)) % 5)::int FROM unnest($1::bigint[]) id, unnest($2::text[]) skill`,
    [ids, TAGS],
  );
  const ctx = { db, actor: systemActor };
  const strategies = ['round_robin', 'least_loaded', 'skills_best_match', 'round_robin'] as const;
  for (const [i, team] of teams.entries()) {
    await createQueue(ctx, {
      name: `Bench ${TAGS[i]}`,
      teamId: team.id,
      strategy: strategies[i] as (typeof strategies)[number],
      position: i,
      conditions: { tags: [TAGS[i] as string] },
      skillRules: [{ when: { priority: ['high'] }, skill: TAGS[i] as string, minLevel: 2 }],
      sticky: i === 3,
    });
  }
  await createPolicy(ctx, { name: 'Bench SLA', firstResponseMinutes: SLA_MINUTES });
  return ids;
}

async function count(db: Db, sql: string): Promise<number> {
  return (await db.query(sql)).rows[0].n;
}

/** Polls until `sql` counts `target`, failing when it stops moving for a minute. */
async function until(db: Db, sql: string, target: number, what: string): Promise<void> {
  let stalledSince = Date.now();
  for (let n = 0, last = -1; n < target; last = n) {
    n = await count(db, sql);
    if (n !== last) stalledSince = Date.now();
    else if (Date.now() - stalledSince > 60_000) throw new Error(`${what} stalled at ${n} of ${target}`);
    await sleep(250);
  }
}

type Child = ReturnType<typeof fork>;

function send(child: Child, message: unknown, answer: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if (m !== answer) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bench process exited with ${code}`)));
    if (message !== null) child.send(message as string);
  });
}

/** Each process creates its share of `count` tickets numbered from `from`. */
function createFromAll(children: Child[], from: number, count: number): Promise<void[]> {
  const share = Math.ceil(count / children.length);
  return Promise.all(children.map((child, p) => send(child, { from: from + p * share, count: Math.max(0, Math.min(share, count - p * share)) }, 'created')));
}

export async function run(): Promise<void> {
  const database = await benchDatabase('routing');
  const db = createPool(database.url, 4);
  const children: Child[] = [];
  try {
    await migrate(db);
    await installJobQueue(db);
    const agentIds = await seed(db);
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'process.ts');
    for (let p = 0; p < PROCESSES; p++) {
      const child = fork(script, [database.url], { execArgv: ['--import', 'tsx'] });
      children.push(child);
      await send(child, null, 'ready');
    }

    progress(`${AGENTS} agents (capacity ${CAPACITY} each, all offline) in 4 queues; creating ${QUEUED} tickets from ${PROCESSES} processes`);
    const createStarted = Date.now();
    await createFromAll(children, 0, QUEUED);
    metric('tickets_created_per_s', QUEUED / ((Date.now() - createStarted) / 1000));
    await until(db, `SELECT count(*)::int AS n FROM routed_tickets WHERE waiting`, QUEUED, 'queueing');
    progress(`${QUEUED} tickets queued; all agents come online while ${DURING} more are created`);

    const { rows: clock } = await db.query(`SELECT now() AS at`);
    const onlineAt = clock[0].at as Date;
    await withTransaction(db, async (tx) => {
      for (const id of agentIds) await setAvailability({ db: tx, actor: systemActor }, id, 'online');
    });
    await createFromAll(children, QUEUED, DURING);
    await until(db, `SELECT count(*)::int AS n FROM routed_tickets WHERE assignee_id IS NOT NULL`, TOTAL, 'routing');

    const { rows: timing } = await db.query(
      `SELECT extract(epoch FROM max(r.assigned_at) FILTER (WHERE t.created_at < $1) - $1) AS span,
              array_agg(extract(epoch FROM r.assigned_at - t.created_at) * 1000 ORDER BY r.assigned_at - t.created_at) FILTER (WHERE t.created_at >= $1) AS waits
         FROM routed_tickets r JOIN tickets t ON t.id = r.ticket_id`,
      [onlineAt],
    );
    metric('assignment_decisions_per_s', QUEUED / Number(timing[0].span));
    metric('assignment_p99_ms', percentile((timing[0].waits as number[]).map(Number), 99));
    metric(
      'capacity_violations',
      await count(
        db,
        `SELECT count(*)::int AS n FROM (
           SELECT t.assignee_id FROM tickets t WHERE t.status IN ('new', 'open') AND t.assignee_id IS NOT NULL
            GROUP BY t.assignee_id HAVING count(*) > ${CAPACITY}) over_capacity`,
      ),
    );

    progress(`waiting for ${TOTAL} SLA breach timers (due ${SLA_MINUTES} min after each ticket)`);
    const deadline = Date.now() + (SLA_MINUTES * 60 + 600) * 1000;
    while ((await count(db, `SELECT count(*)::int AS n FROM sla_alerts WHERE kind = 'breach'`)) < TOTAL) {
      if (Date.now() > deadline) throw new Error('SLA breach timers did not all fire within ten minutes of their due time');
      await sleep(1000);
    }
    const { rows: lateness } = await db.query(`SELECT array_agg(extract(epoch FROM recorded_at - due_at) * 1000 ORDER BY recorded_at - due_at) AS ms FROM sla_alerts WHERE kind = 'breach'`);
    metric('sla_timer_lateness_p99_ms', percentile((lateness[0].ms as number[]).map(Number), 99));
  } finally {
    for (const child of children) if (child.connected) child.send('stop');
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
    await db.end();
    await database.drop();
  }
}
