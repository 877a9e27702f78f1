import type { Runner } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../auth/index.ts';
import { createPool, type Db } from '../db/pool.ts';
import { startWorker } from '../jobs/worker.ts';
import { tasks } from '../routes.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { createTicket } from '../tickets/index.ts';

// Its own database: the app processes here start and stop, which the shared test worker must not.
let t: TestTend;
const pools: Db[] = [];
const running = new Set<Runner>();
beforeAll(async () => {
  t = await createTestTend();
  await t.admin.post('/api/v1/sla/policies', { name: 'One hour', firstResponseMinutes: 60, warningMinutes: 10 });
});
afterAll(async () => {
  for (const runner of running) await runner.stop();
  for (const pool of pools) await pool.end();
  await t.close();
});

async function startProcess(): Promise<Runner> {
  const pool = createPool(t.databaseUrl, 4);
  pools.push(pool);
  const runner = await startWorker(pool, tasks, pino({ level: 'silent' }), 2);
  running.add(runner);
  return runner;
}

async function stopProcess(runner: Runner): Promise<void> {
  running.delete(runner);
  await runner.stop();
}

const alerts = async (ticketId: number) =>
  (await t.db.query(`SELECT metric, kind FROM sla_alerts WHERE ticket_id = $1 ORDER BY metric, kind`, [ticketId])).rows.map((r) => `${r.metric}:${r.kind}`);
const firstResponse = async (ticketId: number) =>
  (await t.admin.get(`/api/v1/tickets/${ticketId}/sla`)).body.clocks.find((c: { metric: string }) => c.metric === 'first_response');

it('records a breach that fell due while no process ran, once, when two processes start again', async () => {
  const first = await startProcess();
  // Due three seconds from now; the only process stops before then.
  const { ticket } = await createTicket(
    { db: t.db, actor: systemActor },
    { subject: 'Invoice missing', requester: { email: 'ines@restart.example' }, message: { body: 'Please resend.' }, createdAt: new Date(Date.now() - 60 * 60_000 + 3_000) },
  );
  await expect.poll(() => firstResponse(ticket.id)).toMatchObject({ state: 'running' });
  await expect.poll(() => alerts(ticket.id)).toEqual(['first_response:warning']);
  await stopProcess(first);
  const due = new Date((await firstResponse(ticket.id)).dueAt);
  await expect.poll(async () => (await t.db.query(`SELECT now() > $1 AS past`, [due])).rows[0].past, { timeout: 10_000 }).toBe(true);
  expect(await alerts(ticket.id)).toEqual(['first_response:warning']);

  await startProcess();
  await startProcess();
  await expect.poll(() => alerts(ticket.id), { timeout: 20_000 }).toEqual(['first_response:breach', 'first_response:warning']);
  const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'sla.breached' AND (payload->>'ticketId')::bigint = $1`, [ticket.id]);
  expect(rows[0].n).toBe(1);
  expect((await firstResponse(ticket.id)).breached).toBe(true);
});
