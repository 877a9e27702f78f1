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
  expect(rows).toEqual([
    { proname: 'add_job', proconfig: ['plan_cache_mode=force_generic_plan'] },
    { proname: 'add_jobs', proconfig: ['plan_cache_mode=force_generic_plan'] },
  ]);
});
