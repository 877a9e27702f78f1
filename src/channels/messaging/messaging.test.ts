import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { metaSignature } from './meta.ts';
import { type ProviderDouble, startProviderDouble } from './provider-double.ts';
import { twilioSignature } from './twilio.ts';
import { eventually } from '../../testing/eventually.ts';

let t: TestTend;
let twilioApi: ProviderDouble;
let metaApi: ProviderDouble;
const TWILIO_TOKEN = 'twilio-auth-token-123';
const APP_SECRET = 'meta-app-secret-456';
const VERIFY_TOKEN = 'verify-me';

beforeAll(async () => {
  t = await createTestTend();
  twilioApi = await startProviderDouble((n) => ({ sid: `SM-out-${n}`, status: 'queued' }));
  metaApi = await startProviderDouble((n) => ({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out-${n}` }], message_id: `m_out-${n}` }));
});
afterAll(async () => {
  await t.close();
  await twilioApi.close();
  await metaApi.close();
});

async function channel(body: Record<string, unknown>): Promise<number> {
  const res = await t.admin.post('/api/v1/messaging/channels', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const twilioChannel = (kind: 'twilio_sms' | 'twilio_whatsapp', address: string) =>
  channel({ kind, name: kind, accountId: 'AC123', address, apiBaseUrl: twilioApi.url, credentials: { authToken: TWILIO_TOKEN } });
const metaChannel = (kind: 'meta_whatsapp' | 'meta_messenger', accountId: string) =>
  channel({ kind, name: kind, accountId, address: accountId, apiBaseUrl: metaApi.url, credentials: { appSecret: APP_SECRET, accessToken: 'graph-token', verifyToken: VERIFY_TOKEN } });

/** Posts as Twilio does: form-encoded, signed over the public URL and the sorted parameters. */
function postTwilio(channelId: number, params: Record<string, string>, token = TWILIO_TOKEN) {
  const path = `/webhooks/twilio/${channelId}`;
  const signature = twilioSignature(token, `${t.app.deps.config.publicUrl}${path}`, params);
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    payload: new URLSearchParams(params).toString(),
  });
}

/** Posts as Meta does: JSON signed with the app secret over the exact bytes. */
function postMeta(channelId: number, body: unknown, secret = APP_SECRET) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: `/webhooks/meta/${channelId}`,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(secret, raw) },
    payload: raw,
  });
}

const whatsappCloud = (phoneNumberId: string, messages: unknown[], statuses: unknown[] = []) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'WABA1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId }, contacts: [{ profile: { name: 'Wanda Wu' }, wa_id: '447700900123' }], messages, statuses } }] }],
});

async function ticketsOf(phoneOrValue: string): Promise<{ id: number; channel: string; messages: { id: number; body: string; author: { type: string } }[] }[]> {
  const { rows } = await t.db.query(
    `SELECT DISTINCT t.id, t.channel FROM tickets t JOIN customer_identities i ON i.customer_id = t.requester_id WHERE i.value = $1 ORDER BY t.id`,
    [phoneOrValue],
  );
  return Promise.all(rows.map(async (r) => ({ id: r.id, channel: r.channel, messages: (await t.admin.get(`/api/v1/tickets/${r.id}/messages`)).body.data })));
}

const deliveryOf = async (messageId: number) => (await t.admin.get(`/api/v1/messaging/messages/${messageId}/delivery`)).body;

describe('Twilio webhooks', () => {
  it('files a signed SMS as a ticket on the customer found by phone, and answers only after storing it', async () => {
    const id = await twilioChannel('twilio_sms', '+15550001000');
    const res = await postTwilio(id, { MessageSid: 'SM-in-1', AccountSid: 'AC123', From: '+14155550101', To: '+15550001000', Body: 'My order never arrived', NumMedia: '0' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    const [ticket] = await ticketsOf('+14155550101');
    expect(ticket?.channel).toBe('sms');
    expect(ticket?.messages.map((m) => [m.author.type, m.body])).toEqual([['customer', 'My order never arrived']]);
  });

  it('stores a replayed webhook (same MessageSid) once, and a second message joins the same ticket', async () => {
    const id = await twilioChannel('twilio_sms', '+15550001001');
    const first = { MessageSid: 'SM-in-2', From: '+14155550102', To: '+15550001001', Body: 'Hello?', NumMedia: '0' };
    expect((await postTwilio(id, first)).statusCode).toBe(200);
    expect((await postTwilio(id, first)).statusCode).toBe(200);
    expect((await postTwilio(id, { ...first, MessageSid: 'SM-in-3', Body: 'Anyone there?' })).statusCode).toBe(200);
    const tickets = await ticketsOf('+14155550102');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.messages.map((m) => m.body)).toEqual(['Hello?', 'Anyone there?']);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const id = await twilioChannel('twilio_sms', '+15550001002');
    const res = await postTwilio(id, { MessageSid: 'SM-in-4', From: '+14155550103', To: '+15550001002', Body: 'forged' }, 'not-the-token');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(await ticketsOf('+14155550103')).toEqual([]);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM messaging_inbound WHERE channel_id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps WhatsApp media and locations on the message', async () => {
    const id = await twilioChannel('twilio_whatsapp', '+15550001003');
    await postTwilio(id, { MessageSid: 'SM-in-5', From: 'whatsapp:+14155550104', To: 'whatsapp:+15550001003', Body: 'the damage', NumMedia: '1', MediaUrl0: 'https://api.twilio.test/media/ME1', MediaContentType0: 'image/jpeg' });
    await postTwilio(id, { MessageSid: 'SM-in-6', From: 'whatsapp:+14155550104', To: 'whatsapp:+15550001003', Body: '', NumMedia: '0', Latitude: '51.5', Longitude: '-0.12', Label: 'Our shop' });
    const [ticket] = await ticketsOf('+14155550104');
    expect(ticket?.channel).toBe('whatsapp');
    expect(ticket?.messages[0]?.body).toContain('image/jpeg: https://api.twilio.test/media/ME1');
    expect(ticket?.messages[1]?.body).toContain('Our shop (51.5, -0.12)');
  });
});

describe('Meta webhooks', () => {
  it('answers the verify-token handshake only with the right token', async () => {
    const id = await metaChannel('meta_whatsapp', 'PN-verify');
    const ok = await t.app.inject({ method: 'GET', url: `/webhooks/meta/${id}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444` });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await t.app.inject({ method: 'GET', url: `/webhooks/meta/${id}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1` });
    expect(wrong.statusCode).toBe(403);
  });

  it('files a signed WhatsApp Cloud message once however often it is delivered; a bad signature stores nothing', async () => {
    const id = await metaChannel('meta_whatsapp', 'PN-1');
    const body = whatsappCloud('PN-1', [{ from: '447700900123', id: 'wamid.in-1', timestamp: '1717000000', type: 'text', text: { body: 'Where is my refund?' } }]);
    expect((await postMeta(id, body, 'wrong-secret')).statusCode).toBe(401);
    expect(await ticketsOf('+447700900123')).toEqual([]);
    const first = await postMeta(id, body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ stored: 1, replayed: 0, receipts: 0 });
    expect((await postMeta(id, body)).json()).toEqual({ stored: 0, replayed: 1, receipts: 0 });
    const tickets = await ticketsOf('+447700900123');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.messages.map((m) => m.body)).toEqual(['Where is my refund?']);
    const { rows } = await t.db.query(`SELECT c.name FROM customers c JOIN customer_identities i ON i.customer_id = c.id WHERE i.kind = 'whatsapp' AND i.value = '+447700900123'`);
    expect(rows[0]?.name).toBe('Wanda Wu');
  });

  it('files a Messenger message on the customer found by page-scoped id', async () => {
    const id = await metaChannel('meta_messenger', 'PAGE-1');
    const body = { object: 'page', entry: [{ id: 'PAGE-1', time: 1, messaging: [{ sender: { id: 'PSID-77' }, recipient: { id: 'PAGE-1' }, timestamp: 1717000000000, message: { mid: 'm_in-1', text: 'Do you ship to Norway?' } }] }] };
    expect((await postMeta(id, body)).statusCode).toBe(200);
    const [ticket] = await ticketsOf('PSID-77');
    expect(ticket?.channel).toBe('messenger');
    expect(ticket?.messages[0]?.body).toBe('Do you ship to Norway?');
  });
});

describe('agent replies', () => {
  it('go out through the provider API from the job queue, and receipts move their status to delivered and read', async () => {
    await t.startWorker();
    const id = await metaChannel('meta_whatsapp', 'PN-2');
    await postMeta(id, whatsappCloud('PN-2', [{ from: '447700900124', id: 'wamid.in-2', type: 'text', text: { body: 'Hi' } }]));
    const [ticket] = await ticketsOf('+447700900124');
    const reply = await t.admin.post(`/api/v1/tickets/${ticket?.id}/messages`, { body: 'Hello Wanda, your refund is on its way.' });
    expect(reply.status).toBe(201);
    const sent = await eventually(async () => {
      const d = await deliveryOf(reply.body.id);
      return d.status === 'sent' && d;
    }, 'the reply to be sent');
    const call = metaApi.requests.find((r) => r.path === '/PN-2/messages');
    expect(call?.headers.authorization).toBe('Bearer graph-token');
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ messaging_product: 'whatsapp', to: '447700900124', type: 'text', text: { body: 'Hello Wanda, your refund is on its way.' } });

    const status = (s: string) => whatsappCloud('PN-2', [], [{ id: sent.providerMessageId, status: s, timestamp: '1717000100', recipient_id: '447700900124' }]);
    expect((await postMeta(id, status('delivered'))).json().receipts).toBe(1);
    const receipt = await t.db.query(`SELECT payload FROM events WHERE type = 'message.delivery_updated' AND (payload->>'messageId')::bigint = $1 ORDER BY id DESC LIMIT 1`, [reply.body.id]);
    expect(receipt.rows[0].payload).toEqual({ ticketId: ticket?.id, messageId: reply.body.id, channel: 'whatsapp', status: 'delivered' });
    expect((await deliveryOf(reply.body.id)).status).toBe('delivered');
    await postMeta(id, status('read'));
    // A late "delivered" never undoes "read".
    await postMeta(id, status('delivered'));
    expect((await deliveryOf(reply.body.id)).status).toBe('read');
  });

  it('retry a temporary provider failure, and show a permanent one on the message until an agent retries it', async () => {
    await t.startWorker();
    const id = await twilioChannel('twilio_sms', '+15550001004');
    await postTwilio(id, { MessageSid: 'SM-in-7', From: '+14155550105', To: '+15550001004', Body: 'Help', NumMedia: '0' });
    const [ticket] = await ticketsOf('+14155550105');

    twilioApi.answerNext({ status: 503, body: { message: 'Service unavailable' } });
    const first = await t.admin.post(`/api/v1/tickets/${ticket?.id}/messages`, { body: 'On it.' });
    const retried = await eventually(async () => {
      const d = await deliveryOf(first.body.id);
      return d.status === 'sent' && d;
    }, 'the retried reply to be sent');
    expect(retried.attempts).toBe(2);
    const call = twilioApi.requests.filter((r) => r.path === '/2010-04-01/Accounts/AC123/Messages.json').pop();
    expect(call?.headers.authorization).toBe(`Basic ${Buffer.from(`AC123:${TWILIO_TOKEN}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(call?.body))).toMatchObject({ To: '+14155550105', From: '+15550001004', Body: 'On it.' });

    twilioApi.answerNext({ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number." } });
    const second = await t.admin.post(`/api/v1/tickets/${ticket?.id}/messages`, { body: 'Second try.' });
    const failed = await eventually(async () => {
      const d = await deliveryOf(second.body.id);
      return d.status === 'failed' && d;
    }, 'the reply to fail');
    expect(failed.lastError).toContain("not a valid phone number");
    // The temporary failure was news too, for an open thread to show the reply being retried.
    const updates = await t.db.query(`SELECT payload->>'status' AS status, payload->>'channel' AS channel FROM events WHERE type = 'message.delivery_updated' AND (payload->>'messageId')::bigint = $1 ORDER BY id`, [first.body.id]);
    expect(updates.rows).toEqual([
      { status: 'queued', channel: 'sms' },
      { status: 'sent', channel: 'sms' },
    ]);
    // A thread asks about all its messages at once; only the replies sent by SMS answer.
    const thread = await t.admin.get(`/api/v1/messaging/messages?id=${ticket?.messages[0]?.id}&id=${first.body.id}&id=${second.body.id}`);
    expect(thread.status).toBe(200);
    expect(thread.body.data).toEqual([
      expect.objectContaining({ messageId: first.body.id, recipient: '+14155550105', status: 'sent', attempts: 2 }),
      expect.objectContaining({ messageId: second.body.id, recipient: '+14155550105', status: 'failed', lastError: failed.lastError }),
    ]);
    expect((await t.admin.get('/api/v1/messaging/messages')).body.error.field).toBe('id');
    expect((await t.admin.post(`/api/v1/messaging/messages/${second.body.id}/retry`)).status).toBe(200);
    await eventually(async () => (await deliveryOf(second.body.id)).status === 'sent', 'the retried reply to be sent');
  });

  it('outside the WhatsApp 24-hour window refuse a free-form reply with 409 naming the field, and send an approved template', async () => {
    await t.startWorker();
    const id = await metaChannel('meta_whatsapp', 'PN-3');
    await postMeta(id, whatsappCloud('PN-3', [{ from: '447700900125', id: 'wamid.in-3', type: 'text', text: { body: 'Hi' } }]));
    const [ticket] = await ticketsOf('+447700900125');
    // The reply box can tell the agent before they write: where a reply goes, and until when it may be free-form.
    const route = async () => (await t.admin.get(`/api/v1/messaging/tickets/${ticket?.id}/reply-route`)).body;
    const open = await route();
    expect(open).toMatchObject({ texted: true, channel: 'whatsapp', from: 'PN-3', to: '447700900125', problem: null, templateOnly: false, templates: [] });
    const { rows } = await t.db.query(`SELECT last_inbound_at FROM messaging_conversations WHERE channel_id = $1`, [id]);
    expect(new Date(open.windowEndsAt).getTime()).toBe(rows[0].last_inbound_at.getTime() + 24 * 3_600_000);
    expect((await t.admin.post(`/api/v1/messaging/tickets/${ticket?.id}/replies`, { body: 'Within the window' })).status).toBe(201);

    await t.db.query(`UPDATE messaging_conversations SET last_inbound_at = now() - interval '25 hours' WHERE channel_id = $1`, [id]);
    expect((await route()).problem).toMatch(/^the customer last wrote more than 24 hours ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): WhatsApp accepts only an approved template/);
    expect((await route()).templateOnly).toBe(true);
    const refused = await t.admin.post(`/api/v1/messaging/tickets/${ticket?.id}/replies`, { body: 'Are you still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.field).toBe('body');
    expect(refused.body.error.message).toMatch(/24 hours.*template/);

    const template = await t.admin.post(`/api/v1/messaging/tickets/${ticket?.id}/replies`, { template: { name: 'order_update', language: 'en_GB', variables: ['#1234'] } });
    expect(template.status).toBe(201);
    await eventually(async () => (await deliveryOf(template.body.id)).status === 'sent', 'the template to be sent');
    const call = metaApi.requests.filter((r) => r.path === '/PN-3/messages').pop();
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ type: 'template', template: { name: 'order_update', language: { code: 'en_GB' } } });

    // A free-form reply written in the agent workspace is not sent, and says why.
    const plain = await t.admin.post(`/api/v1/tickets/${ticket?.id}/messages`, { body: 'Hello?' });
    const failed = await eventually(async () => {
      const d = await deliveryOf(plain.body.id);
      return d.status === 'failed' && d;
    }, 'the free-form reply to be refused');
    expect(failed.lastError).toMatch(/only an approved template/);
  });

  it('say where a reply on SMS goes with no window to keep, that an email ticket is no conversation, that a WhatsApp ticket on no channel reaches nobody, and when the channel is switched off', async () => {
    const id = await twilioChannel('twilio_sms', '+15550001010');
    await postTwilio(id, { MessageSid: 'SM-in-route', From: '+14155550110', To: '+15550001010', Body: 'Hi', NumMedia: '0' });
    const [ticket] = await ticketsOf('+14155550110');
    const route = async (ticketId: number | undefined) => t.admin.get(`/api/v1/messaging/tickets/${ticketId}/reply-route`);
    expect((await route(ticket?.id)).body).toEqual({ texted: true, channel: 'sms', from: '+15550001010', to: '+14155550110', problem: null, windowEndsAt: null, templateOnly: false, templates: [] });
    const mailed = await t.admin.post('/api/v1/tickets', { subject: 'By mail', requester: { email: 'route@example.com' }, message: { body: 'Hello' }, channel: 'email' });
    expect((await route(mailed.body.ticket.id)).body).toMatchObject({ texted: false, to: null, problem: null });
    // A WhatsApp ticket entered by hand is on no connected channel: a reply would reach nobody, and the agent is told.
    const byHand = await t.admin.post('/api/v1/tickets', { subject: 'Called about WhatsApp', requester: { phone: '+14155550111' }, message: { body: 'Hello' }, channel: 'whatsapp' });
    expect((await route(byHand.body.ticket.id)).body).toEqual({
      texted: true,
      channel: 'whatsapp',
      from: null,
      to: null,
      problem: 'no connected WhatsApp channel has this conversation, so nothing carries the reply to the customer',
      windowEndsAt: null,
      templateOnly: false,
      templates: [],
    });
    expect((await route(999_999_999)).status).toBe(404);
    expect((await t.admin.patch(`/api/v1/messaging/channels/${id}`, { active: false })).status).toBe(200);
    expect((await route(ticket?.id)).body.problem).toBe('the messaging channel was removed or switched off');
  });
});

describe('approved WhatsApp templates', () => {
  it('are registered by admins on a WhatsApp channel, offered with the reply route once the window has closed, and recorded as the customer reads them', async () => {
    await t.startWorker();
    const id = await metaChannel('meta_whatsapp', 'PN-7');
    const register = (body: Record<string, unknown>, channelId = id) => t.admin.post(`/api/v1/messaging/channels/${channelId}/templates`, body);
    const created = await register({ name: 'order_update', language: 'en_GB', body: 'Hello {{1}}, your order {{2}} has shipped.' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channelId: id, name: 'order_update', language: 'en_GB', variables: 2 });
    expect((await register({ name: 'order_update', language: 'en_GB', body: 'Again' })).body.error).toMatchObject({ code: 'conflict', field: 'name' });
    expect((await register({ name: 'gap', body: 'Hi {{2}}' })).body.error).toMatchObject({ field: 'body', message: expect.stringContaining('{{1}} is missing') });
    expect((await register({ name: 'x', body: '' })).status).toBe(400);
    const sms = await twilioChannel('twilio_sms', '+15550001077');
    expect((await register({ name: 'x', body: 'Hi' }, sms)).body.error.field).toBe('channelId');
    const agent = await t.user('agent');
    expect((await agent.post(`/api/v1/messaging/channels/${id}/templates`, { name: 'y', body: 'Hi' })).status).toBe(403);
    expect((await agent.get(`/api/v1/messaging/channels/${id}/templates`)).body.data.map((x: { name: string }) => x.name)).toEqual(['order_update']);

    await postMeta(id, whatsappCloud('PN-7', [{ from: '447700900177', id: 'wamid.in-7', type: 'text', text: { body: 'Where is my order?' } }]));
    const [ticket] = await ticketsOf('+447700900177');
    await t.db.query(`UPDATE messaging_conversations SET last_inbound_at = now() - interval '30 hours' WHERE channel_id = $1`, [id]);
    const route = (await agent.get(`/api/v1/messaging/tickets/${ticket?.id}/reply-route`)).body;
    expect(route).toMatchObject({ templateOnly: true, templates: [{ id: created.body.id, name: 'order_update', language: 'en_GB', variables: 2 }] });

    const short = await agent.post(`/api/v1/messaging/tickets/${ticket?.id}/replies`, { template: { name: 'order_update', language: 'en_GB', variables: ['Wanda'] } });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ field: 'template.variables', message: 'template order_update takes 2 values; 1 given' });
    const sent = await agent.post(`/api/v1/messaging/tickets/${ticket?.id}/replies`, { template: { name: 'order_update', language: 'en_GB', variables: ['Wanda', '#1234'] } });
    expect(sent.status).toBe(201);
    expect(sent.body.body).toBe('Hello Wanda, your order #1234 has shipped.');
    await eventually(async () => (await deliveryOf(sent.body.id)).status === 'sent', 'the template to be sent');
    const call = metaApi.requests.filter((r) => r.path === '/PN-7/messages').pop();
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({
      type: 'template',
      template: { name: 'order_update', language: { code: 'en_GB' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Wanda' }, { type: 'text', text: '#1234' }] }] },
    });

    expect((await t.admin.delete(`/api/v1/messaging/channels/${id}/templates/${created.body.id}`)).status).toBe(204);
    expect((await t.admin.delete(`/api/v1/messaging/channels/${id}/templates/${created.body.id}`)).status).toBe(404);
    expect((await agent.get(`/api/v1/messaging/tickets/${ticket?.id}/reply-route`)).body.templates).toEqual([]);
  });
});

describe('channel settings', () => {
  it('never return credentials, and name the missing one', async () => {
    const missing = await t.admin.post('/api/v1/messaging/channels', { kind: 'meta_whatsapp', name: 'x', accountId: 'PN-x', address: 'x', credentials: { appSecret: 's' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('credentials.accessToken');
    await twilioChannel('twilio_sms', '+15550001009');
    const list = await t.admin.get('/api/v1/messaging/channels');
    expect(JSON.stringify(list.body)).not.toContain(TWILIO_TOKEN);
    expect(list.body.data[0].credentialsSet).toEqual(['authToken']);
    const agent = await t.user('agent');
    expect((await agent.get('/api/v1/messaging/channels')).status).toBe(403);
  });
});
