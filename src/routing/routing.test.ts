import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/index.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';
import { createTicket, type CreateTicketInput } from '../tickets/index.ts';
import { MAX_WAIT_TASK } from './index.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
  await t.startWorker();
  // A second app process's worker on the same database.
  await t.startOtherProcessWorker(4);
});
afterAll(() => t.close());

let n = 0;
const open = async (fields: Partial<CreateTicketInput> = {}) =>
  (await createTicket({ db: t.db, actor: systemActor }, { subject: `Question ${++n}`, requester: { email: `asker${n}@route.example` }, message: { body: 'Hello?' }, ...fields })).ticket.id;

/** Every event dispatched and every routing job done. */
const settled = async () => {
  await expect
    .poll(async () => (await t.db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier IN ('events.dispatch', 'routing.drain') AND run_at <= now()`)).rows[0].n, { timeout: 30_000 })
    .toBe(0);
};
const assigneeOf = async (id: number) => (await t.admin.get(`/api/v1/tickets/${id}`)).body.assignee?.id ?? null;

async function team(name: string, members: ApiClient[]): Promise<number> {
  const id = (await t.admin.post('/api/v1/teams', { name })).body.id;
  for (const m of members) await t.admin.put(`/api/v1/teams/${id}/members/${m.userId}`);
  return id;
}
const online = (who: ApiClient) => who.put(`/api/v1/routing/agents/${who.userId}/availability`, { status: 'online' });

describe('queues and agent profiles', () => {
  it('validates queues, naming the field, and leaves them to supervisors', async () => {
    const teamId = await team('Validation', []);
    const created = await t.admin.post('/api/v1/routing/queues', { name: 'Validation queue', teamId, strategy: 'least_loaded', conditions: { tags: ['nobody-uses-this'] } });
    expect(created.status).toBe(201);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'No team', teamId: 999999, strategy: 'round_robin' }, 'teamId'],
      [{ name: 'Bad strategy', teamId, strategy: 'random' }, 'strategy'],
      [{ name: 'No wait', teamId, strategy: 'round_robin', onMaxWait: { kind: 'auto_reply', body: 'Soon' } }, 'maxWaitMinutes'],
      [{ name: 'Nowhere', teamId, strategy: 'round_robin', maxWaitMinutes: 5, onMaxWait: { kind: 'overflow', queueId: 999999 } }, 'onMaxWait.queueId'],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.post('/api/v1/routing/queues', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await t.admin.patch(`/api/v1/routing/queues/${created.body.id}`, { maxWaitMinutes: 5, onMaxWait: { kind: 'overflow', queueId: created.body.id } })).body.error.field).toBe('onMaxWait.queueId');
    const agent = await t.user('agent');
    expect((await agent.post('/api/v1/routing/queues', { name: 'Mine', teamId, strategy: 'round_robin' })).status).toBe(403);
    expect((await agent.patch(`/api/v1/routing/agents/${agent.userId}`, { capacities: { chat: 9 } })).status).toBe(403);
  });

  it('lets agents set their own availability, and supervisors anyone’s', async () => {
    const ana = await t.user('agent');
    const ben = await t.user('agent');
    expect((await online(ana)).body).toMatchObject({ userId: ana.userId, status: 'online' });
    expect((await ana.put(`/api/v1/routing/agents/${ben.userId}/availability`, { status: 'online' })).status).toBe(403);
    const lead = await t.user('supervisor');
    expect((await lead.put(`/api/v1/routing/agents/${ben.userId}/availability`, { status: 'away' })).body.status).toBe('away');
    const profile = await t.admin.patch(`/api/v1/routing/agents/${ana.userId}`, { capacities: { chat: 3, '*': 20 }, skills: [{ skill: 'German', level: 4 }] });
    expect(profile.body).toMatchObject({ capacities: { chat: 3, '*': 20 }, skills: [{ skill: 'german', level: 4 }], load: {} });
  });
});

describe('assignment', () => {
  it('deals new tickets round-robin among online agents only, skipping away and offline ones', async () => {
    const [a, b, c, away] = [await t.user('agent'), await t.user('agent'), await t.user('agent'), await t.user('agent')];
    await team('Round robin', [a, b, c, away]);
    await t.admin.post('/api/v1/routing/queues', { name: 'RR', teamId: (await t.admin.get('/api/v1/teams')).body.data.find((x: { name: string }) => x.name === 'Round robin').id, strategy: 'round_robin', conditions: { tags: ['rr'] } });
    for (const agent of [a, b, c]) await online(agent);
    await away.put(`/api/v1/routing/agents/${away.userId}/availability`, { status: 'away' });
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(await open({ tags: ['rr'] }));
      await settled();
    }
    const counts = new Map<number, number>();
    for (const id of ids) {
      const who = await assigneeOf(id);
      counts.set(who, (counts.get(who) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ [a.userId]: 10, [b.userId]: 10, [c.userId]: 10 });
  });

  it('never exceeds capacity under 50 concurrent creations across two processes, and serves the queue by priority then age as capacity frees', async () => {
    const agents = [await t.user('agent'), await t.user('agent'), await t.user('agent'), await t.user('agent')];
    const teamId = await team('Chat desk', agents);
    await t.admin.post('/api/v1/routing/queues', { name: 'Chat', teamId, strategy: 'least_loaded', conditions: { channel: ['chat'] } });
    for (const agent of agents) {
      await t.admin.patch(`/api/v1/routing/agents/${agent.userId}`, { capacities: { chat: 3 } });
      await online(agent);
    }
    await settled();
    const ids = await Promise.all(Array.from({ length: 50 }, () => open({ channel: 'chat' })));
    await settled();
    const { rows } = await t.db.query(
      `SELECT assignee_id, count(*)::int AS n FROM tickets WHERE channel = 'chat' AND status IN ('new', 'open') AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
    expect(rows.map((r) => r.n)).toEqual([3, 3, 3, 3]);
    const overview = (await t.admin.get('/api/v1/routing/overview')).body;
    expect(overview.queues.find((q: { name: string }) => q.name === 'Chat')).toMatchObject({ waiting: 38 });
    expect(overview.agents.find((x: { userId: number }) => x.userId === agents[0]!.userId)).toMatchObject({ status: 'online', load: { chat: 3 } });

    const waiting = [];
    for (const id of ids) if ((await assigneeOf(id)) === null) waiting.push(id);
    expect(waiting).toHaveLength(38);
    const urgent = waiting[waiting.length - 1] as number;
    await t.admin.patch(`/api/v1/tickets/${urgent}`, { priority: 'urgent' });
    await settled();
    const busy = (await t.db.query(`SELECT id, assignee_id FROM tickets WHERE id = ANY($1) AND assignee_id IS NOT NULL LIMIT 2`, [ids])).rows;
    await t.admin.patch(`/api/v1/tickets/${busy[0].id}`, { status: 'solved' });
    await settled();
    expect(await assigneeOf(urgent)).toBe(busy[0].assignee_id);
    // The 50 were created side by side: the oldest is the first to start its transaction, not the first
    // asked for. Routing keeps a ticket's age to the millisecond, and ties go to the lower id.
    const oldest = (
      await t.db.query(`SELECT id FROM tickets WHERE id = ANY($1) AND assignee_id IS NULL ORDER BY date_trunc('milliseconds', created_at), id LIMIT 1`, [waiting])
    ).rows[0].id;
    await t.admin.patch(`/api/v1/tickets/${busy[1].id}`, { status: 'solved' });
    await settled();
    expect(await assigneeOf(oldest)).toBe(busy[1].assignee_id);
  });

  it('sends a returning customer back to their last agent, and a skilled ticket only to the skilled', async () => {
    const [nora, otto] = [await t.user('agent'), await t.user('agent')];
    const teamId = await team('Sticky', [nora, otto]);
    await t.admin.post('/api/v1/routing/queues', {
      name: 'Sticky',
      teamId,
      strategy: 'round_robin',
      conditions: { tags: ['sticky'] },
      skillRules: [{ when: { tags: ['german'] }, skill: 'german', minLevel: 3 }],
    });
    await t.admin.patch(`/api/v1/routing/agents/${otto.userId}`, { skills: [{ skill: 'german', level: 2 }] });
    await t.admin.patch(`/api/v1/routing/agents/${nora.userId}`, { skills: [{ skill: 'german', level: 5 }] });
    await online(nora);
    await online(otto);
    const first = await open({ tags: ['sticky'], requester: { email: 'regular@route.example' } });
    await settled();
    const agent = await assigneeOf(first);
    for (let i = 0; i < 3; i++) {
      const again = await open({ tags: ['sticky'], requester: { email: 'regular@route.example' } });
      await settled();
      expect(await assigneeOf(again)).toBe(agent);
    }
    for (let i = 0; i < 3; i++) {
      const german = await open({ tags: ['sticky', 'german'] });
      await settled();
      expect(await assigneeOf(german)).toBe(nora.userId);
    }
  });
});

describe('customer conditions', () => {
  it('routes by the customer’s language, organization and segment tags', async () => {
    const teamId = await team('Segments', []);
    const organization = (await t.admin.post('/api/v1/organizations', { name: 'Segment Corp' })).body.id;
    const queue = async (name: string, conditions: Record<string, unknown>, position: number) =>
      (await t.admin.post('/api/v1/routing/queues', { name, teamId, strategy: 'round_robin', position, conditions: { tags: ['segmented'], ...conditions } })).body;
    const german = await queue('German speakers', { language: ['de'] }, 1);
    const corp = await queue('Segment Corp', { organizationId: [organization] }, 2);
    const vip = await queue('VIP', { customerTags: ['VIP'] }, 3);
    const rest = await queue('Everyone else', {}, 4);
    expect(vip.conditions.customerTags).toEqual(['vip']);
    expect((await t.admin.post('/api/v1/routing/queues', { name: 'Bad', teamId, strategy: 'round_robin', conditions: { language: ['not a language!'] } })).body.error.field).toBe('conditions.language.0');

    const customer = async (fields: Record<string, unknown>) => (await t.admin.post('/api/v1/customers', { name: 'Someone', ...fields })).body.id;
    const austrian = await customer({ language: 'de-AT' });
    const employee = await customer({ language: 'fr', organizationId: organization });
    const regular = await customer({ language: 'en', tags: ['VIP'] });
    const nobody = await customer({ language: 'en' });
    for (const id of [austrian, employee, regular, nobody]) await open({ tags: ['segmented'], requester: { customerId: id } });
    await settled();
    const waiting = Object.fromEntries((await t.admin.get('/api/v1/routing/overview')).body.queues.map((q: { id: number; waiting: number }) => [q.id, q.waiting]));
    expect([german, corp, vip, rest].map((q) => waiting[q.id])).toEqual([1, 1, 1, 1]);
  });
});

describe('waiting too long', () => {
  it('overflows to another team’s queue, escalates, or auto-replies with the place in line, as each queue says', async () => {
    const [idle, helper] = [await t.user('agent'), await t.user('agent')];
    const overflowTeam = await team('Overflow helpers', [helper]);
    const overflow = (await t.admin.post('/api/v1/routing/queues', { name: 'Overflow', teamId: overflowTeam, strategy: 'round_robin', conditions: { tags: ['never-direct'] } })).body;
    const slowTeam = await team('Slow', [idle]);
    const lead = await t.user('supervisor');
    await t.admin.post('/api/v1/routing/queues', { name: 'Slow overflow', teamId: slowTeam, strategy: 'round_robin', conditions: { tags: ['slow-o'] }, maxWaitMinutes: 10, onMaxWait: { kind: 'overflow', queueId: overflow.id } });
    const escalating = (await t.admin.post('/api/v1/routing/queues', { name: 'Slow escalate', teamId: slowTeam, strategy: 'round_robin', conditions: { tags: ['slow-e'] }, maxWaitMinutes: 10, onMaxWait: { kind: 'escalate', raisePriority: true, notifyUserIds: [lead.userId] } })).body;
    const replying = (await t.admin.post('/api/v1/routing/queues', { name: 'Slow reply', teamId: slowTeam, strategy: 'round_robin', conditions: { tags: ['slow-r'] }, maxWaitMinutes: 10, onMaxWait: { kind: 'auto_reply', body: 'You are number {{position}} in line.' } })).body;
    await online(helper);
    const [o, e, r] = [await open({ tags: ['slow-o'] }), await open({ tags: ['slow-e'] }), await open({ tags: ['slow-r'] })];
    await settled();
    expect([await assigneeOf(o), await assigneeOf(e), await assigneeOf(r)]).toEqual([null, null, null]);
    const keys = (await t.db.query(`SELECT key FROM graphile_worker.jobs WHERE task_identifier = $1 AND run_at > now() + interval '9 minutes' ORDER BY key`, [MAX_WAIT_TASK])).rows.map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining([o, e, r].map((id) => `${MAX_WAIT_TASK}:${id}`)));

    // The ten minutes pass: the same timers, due now.
    const queueOf = { [o]: (await t.admin.get('/api/v1/routing/queues')).body.data.find((q: { name: string }) => q.name === 'Slow overflow').id, [e]: escalating.id, [r]: replying.id };
    for (const id of [o, e, r]) await enqueue(t.db, MAX_WAIT_TASK, { ticketId: id, queueId: queueOf[id] }, { jobKey: `${MAX_WAIT_TASK}:${id}` });
    await expect.poll(() => assigneeOf(o), { timeout: 20_000 }).toBe(helper.userId);
    await expect.poll(async () => (await t.admin.get(`/api/v1/tickets/${e}`)).body.priority, { timeout: 20_000 }).toBe('high');
    // The lead sees it in their bell.
    await expect
      .poll(async () => (await lead.get('/api/v1/notifications')).body.data.filter((x: { ticketId: number }) => x.ticketId === e).map((x: { kind: string }) => x.kind), { timeout: 20_000 })
      .toEqual(['escalated']);
    await expect.poll(async () => (await t.admin.get(`/api/v1/tickets/${r}/messages`)).body.data.map((m: { body: string }) => m.body), { timeout: 20_000 }).toContain('You are number 1 in line.');
  });
});

describe('transfers', () => {
  it('hand a ticket over with a note the receiver sees, and remind the sender later', async () => {
    const sender = await t.user('agent', { name: 'Sam Sender' });
    const receiver = await t.user('agent', { name: 'Rita Receiver' });
    const id = await open({ assigneeId: sender.userId });
    const res = await sender.post(`/api/v1/tickets/${id}/transfer`, { assigneeId: receiver.userId, note: 'Customer wants a refund; you own billing.', followUpMinutes: 60 });
    expect(res.status).toBe(200);
    expect(res.body.assignee.id).toBe(receiver.userId);
    const notes = (await receiver.get(`/api/v1/tickets/${id}/messages`)).body.data.filter((m: { internal: boolean }) => m.internal);
    expect(notes.at(-1).body).toBe('Transferred from Sam Sender to Rita Receiver by Sam Sender:\n\nCustomer wants a refund; you own billing.');
    const reminder = await t.db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [`routing.follow_up:${id}:${sender.userId}`]);
    expect(reminder.rows).toHaveLength(1);
    const bad = await sender.post(`/api/v1/tickets/${id}/transfer`, { note: 'To whom?' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('assigneeId');
  });
});
