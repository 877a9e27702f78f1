import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { telephonySignature } from './phone.routes.ts';

let t: TestTend;
let channel: { id: number; secret: string; webhookPath: string };
beforeAll(async () => {
  t = await createTestTend();
  channel = (await t.admin.post('/api/v1/phone/channels', { name: 'PBX' })).body;
});
afterAll(() => t.close());

const post = (body: object, secret = channel.secret) => {
  const raw = JSON.stringify(body);
  return t.app.inject({ method: 'POST', url: channel.webhookPath, headers: { 'content-type': 'application/json', 'x-tend-signature': telephonySignature(secret, raw) }, payload: raw });
};

it('turns signed call events into one call record and a phone ticket, ignoring repeats, and refuses a bad signature', async () => {
  const agent = await t.user('agent');
  const call = { callId: 'c-1', direction: 'inbound', phone: '+441632960001' };
  expect((await post({ ...call, event: 'call.started', at: '2030-01-01T10:00:00Z' }, 'wrong')).statusCode).toBe(401);
  expect((await post({ ...call, event: 'call.started', at: '2030-01-01T10:00:00Z' })).json().status).toBe('ringing');
  expect((await post({ ...call, event: 'call.answered', agentId: agent.userId, at: '2030-01-01T10:00:05Z' })).json().status).toBe('answered');
  const ended = (await post({ ...call, event: 'call.ended', recordingUrl: 'https://pbx.example/rec/c-1.mp3', at: '2030-01-01T10:03:05Z' })).json();
  expect(ended).toMatchObject({ status: 'ended', outcome: 'answered', durationSeconds: 180, agentId: agent.userId, recordingUrl: 'https://pbx.example/rec/c-1.mp3' });
  expect((await post({ ...call, event: 'call.answered', at: '2030-01-01T10:04:00Z' })).json().status).toBe('ended');
  const ticket = (await t.admin.get(`/api/v1/tickets/${ended.ticketId}`)).body;
  expect(ticket.channel).toBe('phone');
  const thread = (await t.admin.get(`/api/v1/tickets/${ended.ticketId}/messages`)).body.data;
  expect(thread.at(-1).body).toContain('answered, 3m 0s');
  const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM calls WHERE provider_call_id = 'c-1'`);
  expect(rows[0].n).toBe(1);
});

it('lets an agent log a call with notes and disposition on the customer found by number', async () => {
  const agent = await t.user('agent');
  const res = await agent.post('/api/v1/calls', { direction: 'outbound', phone: '+441632960002', name: 'Cora Caller', outcome: 'voicemail', disposition: 'left message', notes: 'Asked her to call back about the invoice', durationSeconds: 40 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ outcome: 'voicemail', disposition: 'left message', agentId: agent.userId });
  const thread = (await agent.get(`/api/v1/tickets/${res.body.ticketId}/messages`)).body.data;
  expect(thread[0]).toMatchObject({ internal: true, channel: 'phone' });
  expect(thread[0].body).toContain('Asked her to call back about the invoice');
});
