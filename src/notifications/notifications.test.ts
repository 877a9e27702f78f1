import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent, loadEvent } from '../events/index.ts';
import { notifyOnEvent } from './notify-on-event.ts';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let ana: ApiClient;
let ben: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  ana = await t.user('agent', { name: 'Ana Lima' });
  ben = await t.user('agent', { name: 'Ben Okoro' });
  await t.startWorker();
});
afterAll(() => t.close());

const kinds = async (client: ApiClient) => ((await client.get('/api/v1/notifications')).body.data as { kind: string; ticketId: number }[]).map((n) => `${n.kind}:${n.ticketId}`);

const newTicket = async (fields: Record<string, unknown> = {}) =>
  (await t.admin.post('/api/v1/tickets', { subject: 'Lamp flickers', requester: { email: `c${Math.random()}@n.example`, name: 'Cora' }, message: { body: 'It flickers at night.' }, ...fields })).body.ticket.id as number;

it('tells an agent when a ticket is assigned to them', async () => {
  const id = await newTicket();
  await t.admin.patch(`/api/v1/tickets/${id}`, { assigneeId: ana.userId });
  await expect.poll(() => kinds(ana)).toContain(`assigned:${id}`);
  expect(await kinds(ben)).not.toContain(`assigned:${id}`);
});

it('does not tell an agent who took a ticket themselves', async () => {
  const mine = await newTicket();
  await ana.patch(`/api/v1/tickets/${mine}`, { assigneeId: ana.userId });
  const theirs = await newTicket();
  await t.admin.patch(`/api/v1/tickets/${theirs}`, { assigneeId: ana.userId });
  await expect.poll(() => kinds(ana)).toContain(`assigned:${theirs}`);
  expect(await kinds(ana)).not.toContain(`assigned:${mine}`);
});

it('tells the assignee when the customer writes on their ticket', async () => {
  const id = await newTicket({ assigneeId: ben.userId });
  await expect.poll(() => kinds(ben)).toContain(`customer_replied:${id}`);
});

it('tells an agent mentioned in an internal note, but not the author or the unmentioned', async () => {
  const id = await newTicket();
  const note = await ben.post(`/api/v1/tickets/${id}/messages`, { body: 'Hey @Ana, have you seen this before? cc @ben okoro', internal: true });
  expect(note.status).toBe(201);
  await expect.poll(() => kinds(ana)).toContain(`mentioned:${id}`);
  expect(await kinds(ben)).not.toContain(`mentioned:${id}`);
  const notes = (await ana.get('/api/v1/notifications')).body.data;
  expect(notes.find((n: { kind: string }) => n.kind === 'mentioned').title).toBe('Ben Okoro mentioned you: Lamp flickers');
});

it('counts unread notifications and marks them read by ticket or all at once', async () => {
  const before = (await ana.get('/api/v1/notifications/unread-count')).body.count;
  expect(before).toBeGreaterThanOrEqual(2);
  const [first] = (await ana.get('/api/v1/notifications?unread=true')).body.data;
  expect((await ana.post('/api/v1/notifications/read', { ticketId: first.ticketId })).body.count).toBeGreaterThanOrEqual(1);
  expect((await ana.get('/api/v1/notifications/unread-count')).body.count).toBeLessThan(before);
  await ana.post('/api/v1/notifications/read', { all: true });
  expect((await ana.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 0 });
  const bad = await ana.post('/api/v1/notifications/read', {});
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('ids');
});

it('notifies once even when the event is dispatched again', async () => {
  const id = await newTicket();
  await t.admin.patch(`/api/v1/tickets/${id}`, { assigneeId: ben.userId });
  await expect.poll(() => kinds(ben)).toContain(`assigned:${id}`);
  const { rows } = await t.db.query(`SELECT event_id FROM notifications WHERE ticket_id = $1 AND kind = 'assigned'`, [id]);
  const event = await loadEvent(t.db, rows[0].event_id);
  await notifyOnEvent(t.db, [event!], { warn: () => {} });
  const { rows: again } = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE ticket_id = $1 AND kind = 'assigned'`, [id]);
  expect(again[0].n).toBe(1);
});

describe('SLA alerts', () => {
  const alert = (type: string, payload: Record<string, unknown>) => emitEvent(t.db, type, { metric: 'first_response', policyId: 1, dueAt: new Date(Date.now() + 10 * 60_000).toISOString(), ...payload });

  it('warns the assignee that a clock is running out, then tells them it was missed', async () => {
    const id = await newTicket({ assigneeId: ana.userId });
    await alert('sla.warning', { ticketId: id });
    await expect.poll(() => kinds(ana)).toContain(`sla_warning:${id}`);
    const warning = (await ana.get('/api/v1/notifications')).body.data.find((n: { kind: string; ticketId: number }) => n.kind === 'sla_warning' && n.ticketId === id);
    expect(warning.title).toBe('SLA due soon: Lamp flickers');
    expect(warning.body).toMatch(new RegExp(`^#${id} · First response due in (9|10) min$`));
    await alert('sla.breached', { ticketId: id });
    await expect.poll(() => kinds(ana)).toContain(`sla_breached:${id}`);
    expect(await kinds(ben)).not.toContain(`sla_warning:${id}`);
  });

  it('tells every active member of the team when the ticket has no assignee', async () => {
    const cleo = await t.user('agent', { name: 'Cleo Team' });
    const team = (await t.admin.post('/api/v1/teams', { name: `Returns ${Math.random()}` })).body;
    for (const member of [ben, cleo]) expect((await t.admin.put(`/api/v1/teams/${team.id}/members/${member.userId}`, {})).status).toBe(204);
    const id = await newTicket({ teamId: team.id });
    await alert('sla.breached', { ticketId: id });
    await expect.poll(() => kinds(cleo)).toContain(`sla_breached:${id}`);
    await expect.poll(() => kinds(ben)).toContain(`sla_breached:${id}`);
    expect(await kinds(ana)).not.toContain(`sla_breached:${id}`);
  });

  it('tells the person an escalation is addressed to, and only them', async () => {
    const id = await newTicket({ assigneeId: ben.userId });
    await alert('sla.escalated', { ticketId: id, forUserId: ana.userId });
    await expect.poll(() => kinds(ana)).toContain(`escalated:${id}`);
    const escalated = (await ana.get('/api/v1/notifications')).body.data.find((n: { kind: string; ticketId: number }) => n.kind === 'escalated' && n.ticketId === id);
    expect(escalated.title).toBe('Escalated, SLA breached: Lamp flickers');
    expect(await kinds(ben)).not.toContain(`escalated:${id}`);
  });
});
