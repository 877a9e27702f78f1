import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { type ApiClient, createTestTend, type TestTend } from '../../testing/harness.ts';
import { CALLBACK_DUE_TASK } from './callback-schedule.ts';
import { telephonySignature } from './phone.routes.ts';
import { requestCallback } from './request-callback.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
  await t.startWorker();
  // A second app process's worker on the same database.
  await t.startOtherProcessWorker(2);
});
afterAll(() => t.close());

const MINUTE = 60_000;
let n = 0;
const phone = () => `+44163296${String(1000 + ++n).padStart(4, '0')}`;

async function team(members: ApiClient[]): Promise<number> {
  const id = (await t.admin.post('/api/v1/teams', { name: `Phones ${++n}` })).body.id;
  for (const m of members) await t.admin.put(`/api/v1/teams/${id}/members/${m.userId}`);
  return id;
}
const online = (who: ApiClient) => who.put(`/api/v1/routing/agents/${who.userId}/availability`, { status: 'online' });
const queue = async (fields: object) => {
  const res = await t.admin.post('/api/v1/phone/callback-queues', { name: `Queue ${++n}`, maxWaitSeconds: 600, ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
};
const callback = async (id: number) => (await t.admin.get(`/api/v1/callbacks/${id}`)).body;
/** Every due job run, in either worker. */
const jobsDone = async () =>
  expect.poll(async () => (await t.db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE run_at <= now() AND task_identifier LIKE ANY ('{phone.%,events.%}')`)).rows[0].n, { timeout: 20_000 }).toBe(0);

describe('callback queues', () => {
  it('are managed by admins, with each bad field named', async () => {
    const agent = await t.user('agent');
    expect((await agent.post('/api/v1/phone/callback-queues', { name: 'Mine', maxWaitSeconds: 600 })).status).toBe(403);
    expect((await t.admin.post('/api/v1/phone/callback-queues', { name: 'Quick', maxWaitSeconds: 5 })).body.error.field).toBe('maxWaitSeconds');
    expect((await t.admin.post('/api/v1/phone/callback-queues', { name: 'Teamless', maxWaitSeconds: 600, teamId: 999999 })).body.error.field).toBe('teamId');
    expect((await t.admin.post('/api/v1/phone/callback-queues', { name: 'Leaderless', maxWaitSeconds: 600, leadUserId: 999999 })).body.error.field).toBe('leadUserId');
    const created = await queue({ name: 'Billing calls' });
    expect((await t.admin.post('/api/v1/phone/callback-queues', { name: 'Billing calls', maxWaitSeconds: 60 })).status).toBe(409);
    const changed = await t.admin.patch(`/api/v1/phone/callback-queues/${created.id}`, { maxWaitSeconds: 900 });
    expect(changed.body).toMatchObject({ name: 'Billing calls', maxWaitSeconds: 900 });
    expect((await agent.get('/api/v1/phone/callback-queues')).body.data.map((q: { name: string }) => q.name)).toContain('Billing calls');
    expect((await t.admin.delete(`/api/v1/phone/callback-queues/${created.id}`)).status).toBe(204);
    expect((await t.admin.delete(`/api/v1/phone/callback-queues/${created.id}`)).status).toBe(404);
  });
});

describe('waiting past the limit', () => {
  it('escalates a callback once — flag, event and a notification to the lead — with two workers and a stray duplicate timer', async () => {
    const lead = await t.user('supervisor', { name: 'Lena Lead' });
    const { id: queueId } = await queue({ maxWaitSeconds: 600, leadUserId: lead.userId, teamId: await team([]) });
    const system = { db: t.db, actor: systemActor };
    // Asked eleven minutes ago: the ten-minute limit has passed by the time its timer is set.
    const late = await requestCallback(system, { queueId, phone: phone(), name: 'Olga Overdue', source: 'api' }, new Date(Date.now() - 11 * MINUTE));
    for (let i = 0; i < 3; i++) await enqueue(t.db, CALLBACK_DUE_TASK, { callbackId: late.id });
    // Asked just now: its timer waits ten minutes, and a run before then changes nothing.
    const fresh = await requestCallback(system, { queueId, phone: phone(), source: 'api' });
    await enqueue(t.db, CALLBACK_DUE_TASK, { callbackId: fresh.id });
    await jobsDone();

    expect((await callback(late.id)).escalatedAt).not.toBeNull();
    expect((await callback(fresh.id)).escalatedAt).toBeNull();
    const timer = await t.db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`${CALLBACK_DUE_TASK}:${fresh.id}`]);
    expect(Math.abs(new Date(timer.rows[0].run_at).getTime() - new Date(fresh.dueAt).getTime())).toBeLessThan(1000);
    const events = await t.db.query(`SELECT payload FROM events WHERE type = 'callback.escalated' AND (payload->>'callbackId')::bigint = ANY($1)`, [[late.id, fresh.id]]);
    expect(events.rows.map((r) => r.payload.callbackId)).toEqual([late.id]);
    const bell = (await lead.get('/api/v1/notifications')).body.data.filter((x: { kind: string }) => x.kind === 'escalated');
    expect(bell).toHaveLength(1);
    expect(bell[0]).toMatchObject({ ticketId: late.ticketId, title: expect.stringContaining('Olga Overdue') });
  });

  it('leaves a callback alone that an agent took in time', async () => {
    const agent = await t.user('agent');
    const { id: queueId } = await queue({ maxWaitSeconds: 60, teamId: await team([agent]) });
    // Taken before the worker got to the timer (in the transaction that asked for it, so the worker
    // cannot get there first): the timer finds nothing to escalate.
    const taken = await withTransaction(t.db, async (tx) => {
      const asked = await requestCallback({ db: tx, actor: systemActor }, { queueId, phone: phone(), source: 'api' }, new Date(Date.now() - 2 * MINUTE));
      await tx.query(`UPDATE callback_requests SET status = 'taken', taken_by = $2, taken_at = now() WHERE id = $1`, [asked.id, agent.userId]);
      return asked;
    });
    await enqueue(t.db, CALLBACK_DUE_TASK, { callbackId: taken.id });
    await jobsDone();
    expect((await callback(taken.id)).escalatedAt).toBeNull();
  });
});

describe('working callbacks', () => {
  it('offers a callback to a free agent of its queue, then the next one when declined; the taker completes it with a call record', async () => {
    const [ada, bo, offline] = [await t.user('agent', { name: 'Ada Agent' }), await t.user('agent', { name: 'Bo Agent' }), await t.user('agent')];
    const { id: queueId } = await queue({ teamId: await team([ada, bo, offline]) });
    await online(ada);
    await online(bo);
    const requested = await ada.post('/api/v1/callbacks', { queueId, phone: '+44 1632 960999', name: 'Carl Customer', reason: 'Invoice question', email: 'carl@callback.example' });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    expect(requested.body).toMatchObject({ status: 'waiting', phone: '+441632960999', source: 'api' });
    const id = requested.body.id;

    const first = await expect.poll(async () => (await callback(id)).status, { timeout: 20_000 }).toBe('offered').then(() => callback(id));
    expect([ada.userId, bo.userId]).toContain(first.offeredTo);
    const [offeredTo, other] = first.offeredTo === ada.userId ? [ada, bo] : [bo, ada];
    expect((await offeredTo.get('/api/v1/notifications')).body.data.map((x: { ticketId: number }) => x.ticketId)).toContain(first.ticketId);
    expect((await other.post(`/api/v1/callbacks/${id}/take`)).status).toBe(409);
    expect((await offeredTo.post(`/api/v1/callbacks/${id}/decline`)).body.status).toBe('waiting');
    await expect.poll(async () => (await callback(id)).offeredTo, { timeout: 20_000 }).toBe(other.userId);
    expect((await other.get('/api/v1/callbacks?mine=true')).body.data.map((c: { id: number }) => c.id)).toEqual([id]);

    const taken = await other.post(`/api/v1/callbacks/${id}/take`);
    expect(taken.body).toMatchObject({ status: 'taken', takenBy: other.userId });
    expect((await t.admin.get(`/api/v1/tickets/${first.ticketId}`)).body.assignee.id).toBe(other.userId);
    expect((await offeredTo.post(`/api/v1/callbacks/${id}/complete`, { outcome: 'answered' })).status).toBe(409);
    expect((await other.post(`/api/v1/callbacks/${id}/complete`, { outcome: 'sideways' })).body.error.field).toBe('outcome');
    const done = await other.post(`/api/v1/callbacks/${id}/complete`, { outcome: 'answered', notes: 'Explained the invoice', durationSeconds: 95 });
    expect(done.body).toMatchObject({ status: 'done', outcome: 'answered', notes: 'Explained the invoice' });
    const { rows } = await t.db.query(`SELECT direction, ticket_id, agent_id, duration_seconds FROM calls WHERE id = $1`, [done.body.callId]);
    expect(rows[0]).toEqual({ direction: 'outbound', ticket_id: first.ticketId, agent_id: other.userId, duration_seconds: 95 });
    expect((await other.post(`/api/v1/callbacks/${id}/cancel`, {})).status).toBe(409);
    const customer = (await t.admin.get(`/api/v1/tickets/${first.ticketId}`)).body.requester;
    expect(customer.email).toBe('carl@callback.example');
  });

  it('cancels a waiting callback with the reason on its ticket', async () => {
    const { id: queueId } = await queue({ teamId: await team([]) });
    const { id, ticketId } = (await t.admin.post('/api/v1/callbacks', { queueId, phone: phone() })).body;
    const cancelled = await t.admin.post(`/api/v1/callbacks/${id}/cancel`, { reason: 'Customer called in' });
    expect(cancelled.body.status, JSON.stringify(cancelled.body)).toBe('cancelled');
    const thread = (await t.admin.get(`/api/v1/tickets/${ticketId}/messages`)).body.data;
    expect(thread.at(-1).body).toContain('Customer called in');
    const onChat = await t.admin.post('/api/v1/callbacks', { queueId, phone: phone(), ticketId, reason: 'Again, please' });
    expect(onChat.body.ticketId).toBe(ticketId);
    expect((await t.admin.post('/api/v1/callbacks', { queueId: 999999, phone: phone() })).body.error.field).toBe('queueId');
    expect((await t.admin.post('/api/v1/callbacks', { queueId, phone: 'call me' })).body.error.field).toBe('phone');
  });
});

describe('the live call queue', () => {
  it('shows supervisors the calls and callbacks waiting, the longest wait and who is on a call', async () => {
    const [supervisor, caller] = [await t.user('supervisor'), await t.user('agent', { name: 'Pat Phone' })];
    const pbx = (await t.admin.post('/api/v1/phone/channels', { name: `PBX ${++n}` })).body;
    const event = (body: object) => {
      const raw = JSON.stringify(body);
      return t.app.inject({ method: 'POST', url: pbx.webhookPath, headers: { 'content-type': 'application/json', 'x-tend-signature': telephonySignature(pbx.secret, raw) }, payload: raw });
    };
    await online(caller);
    await event({ event: 'call.started', callId: `ring-${n}`, direction: 'inbound', phone: phone(), at: new Date(Date.now() - 3 * MINUTE).toISOString() });
    const talk = { callId: `talk-${n}`, direction: 'inbound', phone: phone() };
    await event({ ...talk, event: 'call.started' });
    expect((await event({ ...talk, event: 'call.answered', agentId: caller.userId })).json().status).toBe('answered');
    const { id: queueId } = await queue({ name: `Live ${n}`, teamId: await team([]) });
    await requestCallback({ db: t.db, actor: systemActor }, { queueId, phone: phone(), source: 'api' }, new Date(Date.now() - 5 * MINUTE));

    expect((await caller.get('/api/v1/phone/live')).status).toBe(403);
    const live = (await supervisor.get('/api/v1/phone/live')).body;
    expect(live.callsWaiting).toBeGreaterThanOrEqual(1);
    expect(live.callbacksWaiting).toBeGreaterThanOrEqual(1);
    expect(live.longestWaitSeconds).toBeGreaterThanOrEqual(5 * 60);
    expect(live.agentsOnCall).toBeGreaterThanOrEqual(1);
    expect(live.agents.find((a: { id: number }) => a.id === caller.userId)).toMatchObject({ name: 'Pat Phone', availability: 'online', activity: 'on_call' });
    expect(live.queues.find((q: { id: number }) => q.id === queueId)).toMatchObject({ waiting: 1, longestWaitSeconds: expect.any(Number) });
    expect(live.queues.find((q: { id: number }) => q.id === queueId).longestWaitSeconds).toBeGreaterThanOrEqual(5 * 60);
  });
});
