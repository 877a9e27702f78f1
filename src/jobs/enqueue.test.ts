import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { enqueue } from './enqueue.ts';
import { installJobQueue } from './worker.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

const keyed = (key: string) =>
  t.db.query(`SELECT key, locked_at IS NOT NULL AS locked FROM graphile_worker._private_jobs WHERE payload->>'key' = $1 ORDER BY id`, [key]).then((r) => r.rows);

it('keeps a keyed job added while a worker is taking the pending one with that key', async () => {
  const key = `wake-up:${Date.now()}`;
  await enqueue(t.db, 'test.wake_up', { key }, { jobKey: key });

  // A worker's fetch locks the pending job; before it commits, another transaction adds the same key.
  const worker = await t.db.connect();
  const adder = await t.db.connect();
  try {
    await worker.query('BEGIN');
    await worker.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test' WHERE key = $1`, [key]);
    const adderPid = (await adder.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const adding = enqueue(adder, 'test.wake_up', { key }, { jobKey: key });
    await expect.poll(async () => (await t.db.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [adderPid])).rows[0]?.wait_event_type).toBe('Lock');
    await worker.query('COMMIT');
    await adding;
  } finally {
    worker.release();
    adder.release();
  }

  // The running job may have read the world before the change that added the new one: both must exist.
  expect(await keyed(key)).toEqual([
    { key: null, locked: true },
    { key, locked: false },
  ]);
});

it('has the job queue plan its enqueueing once per connection, set again safely by processes starting together', async () => {
  await Promise.all([installJobQueue(t.db), installJobQueue(t.db)]);
  const { rows } = await t.db.query(
    `SELECT proname, proconfig FROM pg_proc WHERE pronamespace = 'graphile_worker'::regnamespace AND proname IN ('add_job', 'add_jobs') ORDER BY proname`,
  );
  const settings = ['plan_cache_mode=force_generic_plan', 'enable_seqscan=off', 'enable_indexscan=off'];
  expect(rows).toEqual([
    { proname: 'add_job', proconfig: settings },
    { proname: 'add_jobs', proconfig: settings },
  ]);
});

it('enqueues by index lookups on a connection that planned it while few jobs waited, however many wait since', async () => {
  const client = await t.db.connect();
  try {
    await enqueue(client, 'test.planned', {}, { jobKey: `planned:${Date.now()}` });
    // Jobs pile up (a worker behind, timers due later), then the same connection enqueues again, its plans explained to it.
    await t.db.query(
      `INSERT INTO graphile_worker._private_jobs (task_id, payload, run_at, key)
       SELECT (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'test.planned'), '{}', now() + interval '1 day', 'waiting:' || g
         FROM generate_series(1, 3000) g`,
    );
    const plans: string[] = [];
    client.on('notice', (notice) => plans.push(notice.message ?? ''));
    await client.query(`LOAD 'auto_explain'`);
    await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET client_min_messages = log`);
    await enqueue(client, 'test.planned', {}, { jobKey: `planned:${Date.now()}:again` });
    await client.query('RESET client_min_messages; RESET auto_explain.log_min_duration');

    const onJobs = plans.filter((plan) => /(Update|Insert) on _private_jobs/.test(plan));
    expect(onJobs.length).toBeGreaterThanOrEqual(2);
    for (const plan of onJobs) expect(plan).not.toMatch(/Seq Scan on _private_jobs|Index Scan using \w+ on _private_jobs/);
    expect(onJobs.join('\n')).toContain('Index Cond: (key = spec.job_key)');
  } finally {
    client.release(true);
  }
});
