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

it('lists channels without their secrets, renames and moves one to a team, and refuses agents', async () => {
  const teamId = (await t.admin.post('/api/v1/teams', { name: 'Phone desk' })).body.id;
  const created = await t.admin.post('/api/v1/phone/channels', { name: 'Front desk PBX' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'Front desk PBX', active: true, teamId: null, webhookPath: `/webhooks/telephony/${created.body.id}` });
  const list = await t.admin.get('/api/v1/phone/channels');
  expect(list.body.data.map((c: { name: string }) => c.name)).toContain('Front desk PBX');
  expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

  const updated = await t.admin.patch(`/api/v1/phone/channels/${created.body.id}`, { name: 'Reception PBX', teamId });
  expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  expect(updated.body).toMatchObject({ name: 'Reception PBX', teamId, active: true });
  expect(JSON.stringify(updated.body)).not.toContain('secret');
  expect((await t.admin.patch(`/api/v1/phone/channels/${created.body.id}`, { teamId: 999_999 })).body.error).toMatchObject({ field: 'teamId' });
  expect((await t.admin.patch('/api/v1/phone/channels/999999', { name: 'Nobody' })).status).toBe(404);
  const { rows } = await t.db.query(`SELECT action, after FROM audit_log WHERE entity_type = 'phone_channel' AND entity_id = $1 ORDER BY id`, [String(created.body.id)]);
  expect(rows.map((r) => r.action)).toEqual(['phone_channel.created', 'phone_channel.updated']);

  const agent = await t.user('agent');
  expect((await agent.get('/api/v1/phone/channels')).status).toBe(403);
  expect((await agent.patch(`/api/v1/phone/channels/${created.body.id}`, { active: false })).status).toBe(403);
  expect((await agent.delete(`/api/v1/phone/channels/${created.body.id}`)).status).toBe(403);
});

it('opens tickets of a channel with a team for that team, and refuses events once it is deactivated', async () => {
  const teamId = (await t.admin.post('/api/v1/teams', { name: 'Switchboard' })).body.id;
  const created = (await t.admin.post('/api/v1/phone/channels', { name: 'Switchboard PBX', teamId })).body;
  const send = (body: object) => {
    const raw = JSON.stringify(body);
    return t.app.inject({ method: 'POST', url: created.webhookPath, headers: { 'content-type': 'application/json', 'x-tend-signature': telephonySignature(created.secret, raw) }, payload: raw });
  };
  const started = await send({ event: 'call.started', callId: 'sw-1', direction: 'inbound', phone: '+441632960010' });
  expect(started.statusCode, started.body).toBe(200);
  expect((await t.admin.get(`/api/v1/tickets/${started.json().ticketId}`)).body.team).toMatchObject({ id: teamId });

  expect((await t.admin.patch(`/api/v1/phone/channels/${created.id}`, { active: false })).body.active).toBe(false);
  expect((await send({ event: 'call.ended', callId: 'sw-1', direction: 'inbound', phone: '+441632960010' })).statusCode).toBe(404);
  // The channel has a call: it cannot be deleted, only kept inactive, and the call keeps its source.
  expect((await t.admin.delete(`/api/v1/phone/channels/${created.id}`)).status).toBe(409);
  const { rows } = await t.db.query(`SELECT channel_id FROM calls WHERE provider_call_id = 'sw-1'`);
  expect(Number(rows[0].channel_id)).toBe(created.id);
});

it('rotates the signing secret, showing the new one once, and deletes a channel no call came through', async () => {
  const created = (await t.admin.post('/api/v1/phone/channels', { name: 'Spare PBX' })).body;
  const rotated = await t.admin.post(`/api/v1/phone/channels/${created.id}/rotate-secret`);
  expect(rotated.status).toBe(200);
  expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(rotated.body.secret).not.toBe(created.secret);
  const event = JSON.stringify({ event: 'call.started', callId: 'sp-1', direction: 'inbound', phone: '+441632960011' });
  const send = (secret: string) => t.app.inject({ method: 'POST', url: created.webhookPath, headers: { 'content-type': 'application/json', 'x-tend-signature': telephonySignature(secret, event) }, payload: event });
  expect((await send(created.secret)).statusCode).toBe(401);
  expect(JSON.stringify((await t.admin.get('/api/v1/phone/channels')).body)).not.toContain(rotated.body.secret);

  const unused = (await t.admin.post('/api/v1/phone/channels', { name: 'Never used' })).body;
  expect((await t.admin.delete(`/api/v1/phone/channels/${unused.id}`)).status).toBe(204);
  expect((await t.admin.get('/api/v1/phone/channels')).body.data.map((c: { id: number }) => c.id)).not.toContain(unused.id);
  expect((await t.admin.delete(`/api/v1/phone/channels/${unused.id}`)).status).toBe(404);
  const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'phone_channel' AND entity_id IN ($1, $2) ORDER BY id`, [String(created.id), String(unused.id)]);
  expect(rows.map((r) => r.action)).toEqual(['phone_channel.created', 'phone_channel.secret_rotated', 'phone_channel.created', 'phone_channel.deleted']);
});
