import type { Runner } from 'graphile-worker';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.ts';
import { createPool, type Db } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { startWorker } from '../jobs/worker.ts';
import { tasks } from '../routes.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { addMessage, createTicket, type CreateTicketInput } from '../tickets/index.ts';
import { SLA_TIMER_TASK } from './index.ts';

let t: TestTend;
const extraPools: Db[] = [];
const runners: Runner[] = [];
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(async () => {
  for (const runner of runners) await runner.stop().catch(() => {});
  for (const pool of extraPools) await pool.end();
  await t.close();
});

/** Another app process's job worker on the same database. */
async function startProcess(): Promise<Runner> {
  const pool = createPool(t.databaseUrl, 4);
  extraPools.push(pool);
  const runner = await startWorker(pool, tasks, pino({ level: 'silent' }), 2);
  runners.push(runner);
  return runner;
}

const MINUTE = 60_000;
let n = 0;
const open = async (fields: Partial<CreateTicketInput> = {}) =>
  (
    await createTicket(
      { db: t.db, actor: systemActor },
      { subject: `Order ${++n} is late`, requester: { email: `buyer${n}@sla.example` }, message: { body: 'Where is my parcel?' }, ...fields },
    )
  ).ticket.id;

const sla = async (ticketId: number) => (await t.admin.get(`/api/v1/tickets/${ticketId}/sla`)).body;
const clock = async (ticketId: number, metric: string) => (await sla(ticketId)).clocks.find((c: { metric: string }) => c.metric === metric);
const alerts = async (ticketId: number) =>
  (await t.db.query(`SELECT metric, kind FROM sla_alerts WHERE ticket_id = $1 ORDER BY metric, kind`, [ticketId])).rows.map((r) => `${r.metric}:${r.kind}`);

describe('SLA policies', () => {
  it('are created in order, validated, changed and deleted by an admin', async () => {
    const created = await t.admin.post('/api/v1/sla/policies', { name: 'Gold', position: 5, conditions: { priority: ['urgent'] }, firstResponseMinutes: 30, warningMinutes: 5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Gold', firstResponseMinutes: 30, resolutionMinutes: null, pauseStatuses: ['pending', 'on_hold'], calendarId: null });
    const changed = await t.admin.patch(`/api/v1/sla/policies/${created.body.id}`, { resolutionMinutes: 480 });
    expect(changed.body).toMatchObject({ firstResponseMinutes: 30, resolutionMinutes: 480 });
    expect((await t.admin.post('/api/v1/sla/policies', { name: 'Gold', firstResponseMinutes: 10 })).status).toBe(409);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'No targets' }, 'firstResponseMinutes'],
      [{ name: 'Bad calendar', firstResponseMinutes: 10, calendarId: 999999 }, 'calendarId'],
      [{ name: 'Bad lead', firstResponseMinutes: 10, escalation: { notifyUserIds: [999999] } }, 'escalation.notifyUserIds.0'],
      [{ name: 'Bad priority', firstResponseMinutes: 10, conditions: { priority: ['asap'] } }, 'conditions.priority.0'],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.post('/api/v1/sla/policies', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const agent = await t.user('agent');
    expect((await agent.post('/api/v1/sla/policies', { name: 'Mine', firstResponseMinutes: 5 })).status).toBe(403);
    expect((await t.admin.delete(`/api/v1/sla/policies/${created.body.id}`)).status).toBe(204);
  });
});

describe('live SLA clocks', () => {
  beforeAll(async () => {
    await t.startWorker();
    await t.admin.post('/api/v1/sla/policies', { name: 'VIP urgent', position: 1, conditions: { tags: ['vip'], priority: ['urgent'] }, firstResponseMinutes: 15, resolutionMinutes: 120 });
    await t.admin.post('/api/v1/sla/policies', {
      name: 'VIP',
      position: 2,
      conditions: { tags: ['vip'] },
      firstResponseMinutes: 60,
      nextResponseMinutes: 30,
      resolutionMinutes: 480,
    });
  });

  it('applies the first matching policy, counting calendar hours', async () => {
    const urgent = await open({ tags: ['vip'], priority: 'urgent' });
    await expect.poll(() => sla(urgent)).toMatchObject({ policy: { name: 'VIP urgent' } });
    const normal = await open({ tags: ['vip'] });
    await expect.poll(() => sla(normal)).toMatchObject({ policy: { name: 'VIP' } });
    const first = await clock(normal, 'first_response');
    expect(first.state).toBe('running');
    expect(new Date(first.dueAt).getTime() - new Date(first.cycleStartedAt).getTime()).toBe(60 * MINUTE);
    const untracked = await open({ tags: ['other'] });
    await expect.poll(async () => (await t.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ticket.created' AND (payload->>'ticketId')::bigint = $1`, [untracked])).rows[0].n).toBe(1);
    expect((await sla(untracked)).clocks).toEqual([]);
  });

  it('counts business hours on the policy calendar: a ticket at 17:59 on Friday is due Monday morning', async () => {
    const calendar = await t.admin.post('/api/v1/business-hours', {
      name: 'Berlin weekdays',
      timeZone: 'Europe/Berlin',
      weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
    });
    await t.admin.post('/api/v1/sla/policies', { name: 'Office hours', position: 3, conditions: { tags: ['office'] }, firstResponseMinutes: 60, calendarId: calendar.body.id });
    const id = await open({ tags: ['office'], createdAt: new Date('2026-03-13T16:59:00Z') }); // 17:59 CET
    await expect.poll(() => clock(id, 'first_response')).toMatchObject({ dueAt: '2026-03-16T08:59:00.000Z' }); // Monday 09:59 CET
  });

  it('stands still while the ticket waits on the customer, and resumes where it stopped', async () => {
    const id = await open({ tags: ['vip'] });
    await expect.poll(() => clock(id, 'resolution')).toMatchObject({ state: 'running' });
    const dueBefore = new Date((await clock(id, 'resolution')).dueAt).getTime();
    await t.admin.patch(`/api/v1/tickets/${id}`, { status: 'pending' });
    await expect.poll(() => clock(id, 'resolution')).toMatchObject({ state: 'paused', dueAt: null });
    await t.admin.patch(`/api/v1/tickets/${id}`, { status: 'open' });
    await expect.poll(() => clock(id, 'resolution')).toMatchObject({ state: 'running' });
    const { rows } = await t.db.query(
      `SELECT max(created_at) FILTER (WHERE payload->'changes'->'status'->>'to' = 'pending') AS paused,
              max(created_at) FILTER (WHERE payload->'changes'->'status'->>'to' = 'open') AS resumed
         FROM events WHERE type = 'ticket.updated' AND (payload->>'ticketId')::bigint = $1`,
      [id],
    );
    const pausedFor = rows[0].resumed.getTime() - rows[0].paused.getTime();
    expect(new Date((await clock(id, 'resolution')).dueAt).getTime() - dueBefore).toBe(pausedFor);
  });

  it('stops the first-response clock at the first reply, then runs a next-response clock per unanswered customer message', async () => {
    const id = await open({ tags: ['vip'] });
    await expect.poll(() => clock(id, 'first_response')).toMatchObject({ state: 'running' });
    await t.admin.post(`/api/v1/tickets/${id}/messages`, { body: 'On its way!' });
    await expect.poll(() => clock(id, 'first_response')).toMatchObject({ state: 'met', breached: false });
    expect(await clock(id, 'next_response')).toBeUndefined();
    await addCustomerMessage(id, 'Still nothing.');
    await expect.poll(() => clock(id, 'next_response')).toMatchObject({ state: 'running' });
    const next = await clock(id, 'next_response');
    expect(new Date(next.dueAt).getTime() - new Date(next.cycleStartedAt).getTime()).toBe(30 * MINUTE);
    await t.admin.post(`/api/v1/tickets/${id}/messages`, { body: 'Tracking number attached.' });
    await expect.poll(() => clock(id, 'next_response')).toMatchObject({ state: 'met' });
    await t.admin.patch(`/api/v1/tickets/${id}`, { status: 'solved' });
    await expect.poll(() => clock(id, 'resolution')).toMatchObject({ state: 'met' });
  });
});

async function addCustomerMessage(ticketId: number, body: string) {
  await addMessage({ db: t.db, actor: systemActor }, ticketId, { body, author: 'customer' });
}

describe('warnings and breaches', () => {
  let leadId: number;
  beforeAll(async () => {
    await t.startWorker();
    leadId = (await t.user('supervisor', { name: 'Lea Lead' })).userId;
    await t.admin.post('/api/v1/sla/policies', {
      name: 'Escalating',
      position: 0,
      conditions: { tags: ['escalate'] },
      firstResponseMinutes: 60,
      warningMinutes: 10,
      escalation: { notifyUserIds: [leadId], raisePriority: true, addTags: ['sla-breached'] },
    });
  });

  it('records each warning and breach exactly once while two app processes run, and escalates once', async () => {
    await startProcess();
    // Created 61 minutes ago: both the warning and the breach are due the moment the clock starts.
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await open({ tags: ['escalate'], createdAt: new Date(Date.now() - 61 * MINUTE) }));
    for (const id of ids) await expect.poll(() => alerts(id), { timeout: 20_000 }).toEqual(['first_response:breach', 'first_response:warning']);
    // A stray duplicate timer, as after a crash mid-job, finds the alert already recorded.
    for (const id of ids) await enqueue(t.db, SLA_TIMER_TASK, { ticketId: id, metric: 'first_response', kind: 'breach' });
    await expect.poll(async () => (await t.db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1 AND run_at <= now()`, [SLA_TIMER_TASK])).rows[0].n, { timeout: 20_000 }).toBe(0);
    for (const id of ids) {
      expect(await alerts(id)).toEqual(['first_response:breach', 'first_response:warning']);
      const ticket = (await t.admin.get(`/api/v1/tickets/${id}`)).body;
      expect(ticket.priority).toBe('high');
      expect(ticket.tags).toContain('sla-breached');
      const { rows } = await t.db.query(
        `SELECT type, count(*)::int AS n FROM events WHERE type LIKE 'sla.%' AND (payload->>'ticketId')::bigint = $1 GROUP BY type ORDER BY type`,
        [id],
      );
      expect(rows).toEqual([
        { type: 'sla.breached', n: 1 },
        { type: 'sla.escalated', n: 1 },
        { type: 'sla.warning', n: 1 },
      ]);
    }
    const breached = (await t.admin.get('/api/v1/sla/breached?limit=100')).body.data.map((c: { ticketId: number }) => c.ticketId);
    expect(breached).toEqual(expect.arrayContaining(ids));
  });

  it('lists a clock past its warning as at risk', async () => {
    const id = await open({ tags: ['escalate'], createdAt: new Date(Date.now() - 55 * MINUTE) });
    await expect.poll(() => alerts(id)).toEqual(['first_response:warning']);
    const atRisk = (await t.admin.get('/api/v1/sla/at-risk?limit=100')).body.data;
    expect(atRisk.find((c: { ticketId: number }) => c.ticketId === id)).toMatchObject({ metric: 'first_response', policyName: 'Escalating', ticket: { priority: 'normal' } });
  });
});
