import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

it('logs a visit as a walk-in ticket on the customer, pending until its follow-up, and lists it when due', async () => {
  const agent = await t.user('agent', { name: 'Fran Desk' });
  const res = await agent.post('/api/v1/walk-ins', {
    customer: { phone: '+4915112345678', name: 'Walter Walk' },
    reason: 'Broken zipper on a jacket bought last week',
    notes: 'Brought the jacket and receipt.',
    outcome: 'Sent for repair',
    followUpOn: '2030-01-15',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const ticket = (await agent.get(`/api/v1/tickets/${res.body.ticketId}`)).body;
  expect(ticket).toMatchObject({ channel: 'walk_in', status: 'pending', subject: 'Broken zipper on a jacket bought last week', requester: { name: 'Walter Walk' } });
  const customer = (await agent.get(`/api/v1/customers/${res.body.customerId}`)).body;
  expect(JSON.stringify(customer)).toContain(String(res.body.ticketId));
  const thread = (await agent.get(`/api/v1/tickets/${res.body.ticketId}/messages`)).body.data;
  expect(thread[0].body).toContain('Outcome: Sent for repair');

  expect((await agent.get('/api/v1/walk-ins/follow-ups?due=2030-01-14')).body.data).toEqual([]);
  expect((await agent.get('/api/v1/walk-ins/follow-ups?due=2030-01-15')).body.data.map((v: { id: number }) => v.id)).toEqual([res.body.id]);
});

it('a visit without a follow-up is solved at once; a light agent may not log one', async () => {
  const res = await t.admin.post('/api/v1/walk-ins', { customer: { email: 'quick@visit.example' }, reason: 'Picked up an order' });
  expect((await t.admin.get(`/api/v1/tickets/${res.body.ticketId}`)).body.status).toBe('solved');
  const light = await t.user('light_agent');
  expect((await light.post('/api/v1/walk-ins', { customer: { email: 'x@visit.example' }, reason: 'x' })).status).toBe(403);
  const bad = await t.admin.post('/api/v1/walk-ins', { customer: { email: 'x@visit.example' }, reason: 'x', followUpOn: 'tomorrow' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('followUpOn');
});
