import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from '../../testing/eventually.ts';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { identitySignature } from './chat-visitors.ts';

let t: TestTend;
let channelId: number;
let secret: string;

beforeAll(async () => {
  t = await createTestTend();
  const created = await t.admin.post('/api/v1/chat/channels', { name: 'Support chat', settings: { preChatForm: 'off' } });
  expect(created.status).toBe(201);
  channelId = created.body.channel.id;
  secret = created.body.secret;
});
afterAll(() => t.close());

const widget = (method: 'GET' | 'POST' | 'OPTIONS', path: string, token?: string, payload?: object) =>
  t.app.inject({ method, url: `/widget/channels/${channelId}${path}`, headers: token ? { 'x-visitor-token': token } : {}, ...(payload ? { payload } : {}) });

async function ticketOfMessage(messageId: number): Promise<number> {
  const { rows } = await t.db.query(`SELECT ticket_id FROM messages WHERE id = $1`, [messageId]);
  return Number(rows[0].ticket_id);
}

async function visitor(body: object = {}): Promise<string> {
  const res = await widget('POST', '/visitors', undefined, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

it('shows admins the embed code and never the secret again', async () => {
  const list = await t.admin.get('/api/v1/chat/channels');
  expect(list.body.data[0].embedCode).toBe(`<script src="http://localhost:3000/widget.js" data-channel="${channelId}" async></script>`);
  expect(JSON.stringify(list.body)).not.toContain(secret);
  expect((await (await t.user('agent')).get('/api/v1/chat/channels')).status).toBe(403);
});

it('recognises a host-app user by a signed identity, on every device, and refuses a forged one', async () => {
  const forged = await widget('POST', '/visitors', undefined, { identity: { userId: 'u-42', signature: identitySignature('guess', 'u-42') } });
  expect(forged.statusCode).toBe(401);
  expect(forged.json().error.field).toBe('identity.signature');
  const laptop = await visitor({ identity: { userId: 'u-42', signature: identitySignature(secret, 'u-42') } });
  const sent = await widget('POST', '/messages', laptop, { body: 'Signed in and stuck' });
  expect(sent.statusCode).toBe(201);
  const phone = await visitor({ identity: { userId: 'u-42', signature: identitySignature(secret, 'u-42') } });
  expect((await widget('GET', '/messages', phone)).json().data.map((m: { body: string }) => m.body)).toEqual(['Signed in and stuck']);
});

it('wakes a long-polling widget when an agent replies, and never shows internal notes', async () => {
  const token = await visitor();
  const first = (await widget('POST', '/messages', token, { body: 'Is anyone there?' })).json();
  const ticketId = await ticketOfMessage(first.id);
  const waiting = widget('GET', `/messages?after=${first.id}&wait=20`, token);
  await t.admin.post(`/api/v1/tickets/${ticketId}/messages`, { body: 'Checking with the team', internal: true });
  await t.admin.post(`/api/v1/tickets/${ticketId}/messages`, { body: 'Yes, Test here!' });
  const answered = (await waiting).json().data;
  expect(answered.map((m: { body: string; author: { type: string; name: string } }) => [m.author.type, m.author.name, m.body])).toEqual([['agent', 'Test', 'Yes, Test here!']]);
});

it('rings the widget socket with the reply when an agent answers', async () => {
  const url = await t.listen();
  const token = await visitor();
  const hello = (await widget('POST', '/messages', token, { body: 'Hello over the socket' })).json();
  const socket = new WebSocket(`${url.replace('http', 'ws')}/widget/channels/${channelId}/socket?token=${token}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  // The ring brings the message itself: the widget shows it without asking.
  const rung = new Promise<{ author: { type: string; name: string; initials: string }; body: string }>((resolve) =>
    socket.on('message', (data) => {
      const signal = JSON.parse(data.toString()) as { type: string; messages?: { author: { type: string; name: string; initials: string }; body: string }[] };
      const reply = signal.messages?.find((m) => m.body === 'Hi!');
      if (signal.type === 'message' && reply) resolve(reply);
    }),
  );
  await t.admin.post(`/api/v1/tickets/${await ticketOfMessage(hello.id)}/messages`, { body: 'Hi!' });
  expect(await rung).toMatchObject({ body: 'Hi!', author: { type: 'agent', name: 'Test', initials: 'TA' } });
  socket.close();
});

it('takes a file from the visitor and serves it only with their token', async () => {
  const token = await visitor();
  const data = Buffer.from('%PDF-1.4 invoice');
  const sent = (await widget('POST', '/messages', token, { attachment: { filename: 'invoice.pdf', contentType: 'application/pdf', data: data.toString('base64') } })).json();
  const attachmentId = sent.attachments[0].id;
  const mine = await t.app.inject({ method: 'GET', url: `/widget/channels/${channelId}/attachments/${attachmentId}?token=${token}` });
  expect(mine.statusCode).toBe(200);
  expect(mine.rawPayload.equals(data)).toBe(true);
  const stranger = await visitor();
  expect((await t.app.inject({ method: 'GET', url: `/widget/channels/${channelId}/attachments/${attachmentId}?token=${stranger}` })).statusCode).toBe(404);
});

it('answers cross-origin preflights, refuses an unknown token, and serves the demo page', async () => {
  const preflight = await widget('OPTIONS', '/messages');
  expect(preflight.statusCode).toBe(204);
  expect(preflight.headers['access-control-allow-headers']).toContain('x-visitor-token');
  expect((await widget('GET', '/messages', 'tendv_nobody')).statusCode).toBe(401);
  const demo = await t.app.inject({ method: 'GET', url: '/widget-demo' });
  expect(demo.body).toContain(`<script src="/widget.js" data-channel="${channelId}" async></script>`);
});

it('asks for an address and a conversation before mailing a transcript, and takes callbacks only where a queue is set', async () => {
  const token = await visitor();
  expect((await widget('POST', '/transcript', token, { email: 'quiet@visitor.example' })).json().error.field).toBe('email');
  await widget('POST', '/messages', token, { body: 'Hello?' });
  expect((await widget('POST', '/transcript', token, {})).json().error.field).toBe('email');
  expect((await widget('POST', '/transcript', token, { email: 'not-an-address' })).json().error.field).toBe('email');
  expect((await widget('POST', '/transcript', undefined, { email: 'x@visitor.example' })).statusCode).toBe(400);
  const noQueue = await widget('POST', '/callbacks', token, { phone: '+441632960555' });
  expect(noQueue.statusCode).toBe(400);
  expect(noQueue.json().error.field).toBe('phone');
  expect((await t.admin.patch(`/api/v1/chat/channels/${channelId}`, { settings: { callbackQueueId: 999999 } })).body.error.field).toBe('settings.callbackQueueId');
  expect((await widget('GET', '')).json().callbacks).toBe(false);
});

it('stops offering callbacks into a queue once an admin deletes the queue', async () => {
  const { id: queueId } = (await t.admin.post('/api/v1/phone/callback-queues', { name: 'Soon gone', maxWaitSeconds: 900 })).body;
  expect((await t.admin.patch(`/api/v1/chat/channels/${channelId}`, { settings: { callbackQueueId: queueId } })).status).toBe(200);
  expect((await widget('GET', '')).json().callbacks).toBe(true);
  await t.startWorker();
  expect((await t.admin.delete(`/api/v1/phone/callback-queues/${queueId}`)).status).toBe(204);
  await eventually(async () => (await widget('GET', '')).json().callbacks === false, 'the widget to stop offering callbacks');
  const channel = (await t.admin.get('/api/v1/chat/channels')).body.data.find((c: { id: number }) => c.id === channelId);
  expect(channel.settings.callbackQueueId).toBeNull();
  const audit = await t.admin.get(`/api/v1/audit?entityType=chat_channel&entityId=${channelId}&action=chat_channel.updated`);
  expect(audit.body.data[0]).toMatchObject({ actor: { kind: 'system' }, before: { settings: { callbackQueueId: queueId } }, after: { settings: { callbackQueueId: null } } });
});

it('keeps a deactivated widget and its conversations, says it is unavailable, and deletes only a widget nobody used', async () => {
  const created = (await t.admin.post('/api/v1/chat/channels', { name: 'Shop chat', settings: { preChatForm: 'off' } })).body.channel;
  const url = `/widget/channels/${created.id}`;
  const start = await t.app.inject({ method: 'POST', url: `${url}/visitors`, payload: {} });
  const token = start.json().token;
  const sent = await t.app.inject({ method: 'POST', url: `${url}/messages`, headers: { 'x-visitor-token': token }, payload: { body: 'Is my order on its way?' } });
  expect(sent.statusCode, sent.body).toBe(201);
  const ticketId = await ticketOfMessage(sent.json().id);

  const agent = await t.user('agent');
  expect((await agent.delete(`/api/v1/chat/channels/${created.id}`)).status).toBe(403);
  expect((await t.admin.delete(`/api/v1/chat/channels/${created.id}`)).status).toBe(409);
  expect((await t.admin.patch(`/api/v1/chat/channels/${created.id}`, { active: false })).body.active).toBe(false);
  expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({ available: false, online: false, callbacks: false });
  expect((await t.app.inject({ method: 'POST', url: `${url}/messages`, headers: { 'x-visitor-token': token }, payload: { body: 'Hello?' } })).statusCode).toBe(404);
  expect((await t.app.inject({ method: 'POST', url: `${url}/visitors`, payload: {} })).statusCode).toBe(404);
  const thread = (await t.admin.get(`/api/v1/tickets/${ticketId}/messages`)).body.data;
  expect(thread.map((m: { body: string }) => m.body)).toContain('Is my order on its way?');

  const unused = (await t.admin.post('/api/v1/chat/channels', { name: 'Never embedded' })).body.channel;
  expect((await t.app.inject({ method: 'GET', url: `/widget/channels/${unused.id}` })).json().available).toBe(true);
  expect((await t.admin.delete(`/api/v1/chat/channels/${unused.id}`)).status).toBe(204);
  expect((await t.app.inject({ method: 'GET', url: `/widget/channels/${unused.id}` })).statusCode).toBe(404);
  const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'chat_channel' AND entity_id IN ($1, $2) ORDER BY id`, [String(created.id), String(unused.id)]);
  expect(rows.map((r) => r.action)).toEqual(['chat_channel.created', 'chat_channel.updated', 'chat_channel.created', 'chat_channel.deleted']);
});
