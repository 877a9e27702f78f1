import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { filed, listenSmtp, smtpClient } from './email-test-helpers.ts';
import type { SmtpListener } from './smtp-listener.ts';
import { eventually } from '../../testing/eventually.ts';

let t: TestTend;
let listener: SmtpListener;
let sink: SMTPServer;
let sinkPort: number;
const received: { to: string[]; mail: ParsedMail; raw: Buffer }[] = [];
const attemptsByRecipient = new Map<string, number>();
const SUPPORT = 'help@outbound.test';

beforeAll(async () => {
  t = await createTestTend();
  // The customer's mail server: 451 once for temp@, 550 for reject@, accepts everyone else; it requires the mailbox's login.
  sink = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'help-user' && auth.password === 's3cret-pass') return callback(null, { user: auth.username });
      return callback(new Error('535 bad credentials'));
    },
    onRcptTo(address, _session, callback) {
      const n = (attemptsByRecipient.get(address.address) ?? 0) + 1;
      attemptsByRecipient.set(address.address, n);
      if (address.address.startsWith('reject@')) return callback(Object.assign(new Error('5.1.1 user unknown'), { responseCode: 550 }));
      if (address.address.startsWith('temp@') && n === 1) return callback(Object.assign(new Error('4.2.0 greylisted, try later'), { responseCode: 451 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail, raw });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  sinkPort = (sink.server.address() as AddressInfo).port;
  const created = await t.admin.post('/api/v1/email/mailboxes', {
    address: SUPPORT,
    name: 'Help',
    inbound: 'smtp',
    smtp: { host: '127.0.0.1', port: sinkPort, secure: false, user: 'help-user', password: 's3cret-pass' },
  });
  expect(created.status).toBe(201);
  listener = await listenSmtp(t);
  await t.startWorker();
});
afterAll(async () => {
  await listener.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  await t.close();
});

const unique = () => randomBytes(5).toString('hex');

async function customerWrites(from: string, extra: Record<string, unknown> = {}) {
  const messageId = `<${unique()}@customer.test>`;
  await filed(t, smtpClient(listener.port).sendMail({ from, to: SUPPORT, subject: 'Broken widget', text: 'My widget is broken.', messageId, ...extra }));
  const { rows } = await t.db.query(`SELECT ticket_id FROM email_inbound WHERE message_id = $1`, [messageId.slice(1, -1)]);
  return { ticketId: rows[0].ticket_id as number, messageId: messageId.slice(1, -1) };
}

async function agentReplies(ticketId: number, body: Record<string, unknown>) {
  const res = await t.admin.post(`/api/v1/tickets/${ticketId}/messages`, body);
  expect(res.status).toBe(201);
  return res.body.id as number;
}

const deliveryOf = (messageId: number) => t.admin.get(`/api/v1/messages/${messageId}/delivery`);

/** What live agents were told of a reply's mailing, in order. */
async function deliveryEvents(messageId: number) {
  const { rows } = await t.db.query(
    `SELECT payload->>'status' AS status FROM events WHERE type = 'message.delivery_updated' AND (payload->>'messageId')::bigint = $1 ORDER BY id`,
    [messageId],
  );
  return rows.map((r) => r.status as string);
}

describe('outbound email', () => {
  it('keeps the SMTP password encrypted and out of every answer', async () => {
    const list = await t.admin.get('/api/v1/email/mailboxes');
    expect(list.body.data[0]).toMatchObject({ address: SUPPORT, hasSmtpPassword: true, smtp: { host: '127.0.0.1', user: 'help-user' } });
    expect(JSON.stringify(list.body)).not.toContain('s3cret-pass');
    const { rows } = await t.db.query(`SELECT credentials FROM email_mailboxes WHERE address = $1`, [SUPPORT]);
    expect(rows[0].credentials).toMatch(/^v1:/);
    expect(rows[0].credentials).not.toContain('s3cret');
    const agent = await t.user('agent');
    expect((await agent.get('/api/v1/email/mailboxes')).status).toBe(403);
  });

  it('mails an agent reply with threading headers, ticket token, both parts, attachment and the copied people', async () => {
    const { ticketId, messageId } = await customerWrites('"Cora Customer" <cora@customer.test>', { cc: 'colleague@customer.test' });
    const route = await t.admin.get(`/api/v1/email/tickets/${ticketId}/reply-route`);
    expect(route.body).toEqual({ mailed: true, from: SUPPORT, to: 'cora@customer.test', cc: ['colleague@customer.test'], problem: null });
    const replyId = await agentReplies(ticketId, {
      body: 'We are on it.\nBest, Test Admin',
      attachments: [{ filename: 'steps.txt', contentType: 'text/plain', data: Buffer.from('1. unplug').toString('base64') }],
    });
    const sent = await eventually(async () => received.find((r) => r.mail.text?.includes('We are on it.')));
    const mail = sent.mail;
    expect(mail.from?.value[0]?.address).toBe(SUPPORT);
    expect(mail.replyTo?.value[0]?.address).toBe(SUPPORT);
    expect(mail.messageId).toBe(`<tend.${ticketId}.${replyId}@outbound.test>`);
    expect(mail.inReplyTo).toBe(`<${messageId}>`);
    expect([mail.references].flat()).toContain(`<${messageId}>`);
    expect(mail.subject).toBe(`Re: Broken widget [#${ticketId}]`);
    expect(sent.to.sort()).toEqual(['colleague@customer.test', 'cora@customer.test']);
    expect(mail.html).toContain('We are on it.');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['steps.txt', '1. unplug']]);
    const delivery = await eventually(async () => {
      const res = await deliveryOf(replyId);
      return res.body.status === 'sent' && res.body;
    });
    expect(delivery).toMatchObject({ attempts: 1, to: ['cora@customer.test'], cc: ['colleague@customer.test'] });
    const raw = await t.admin.get(`/api/v1/messages/${replyId}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.body).toContain(`tend.${ticketId}.${replyId}@outbound.test`);

    // The customer answers Tend's mail: it joins the same ticket by In-Reply-To.
    const answer = `<${unique()}@customer.test>`;
    await filed(t, smtpClient(listener.port).sendMail({ from: 'cora@customer.test', to: SUPPORT, subject: mail.subject, text: 'Thanks!', messageId: answer, inReplyTo: mail.messageId }));
    const { rows } = await t.db.query(`SELECT ticket_id FROM email_inbound WHERE message_id = $1`, [answer.slice(1, -1)]);
    expect(rows[0].ticket_id).toBe(ticketId);
  });

  it('sends through the server-wide SMTP_URL relay for a mailbox without its own outgoing server', async () => {
    const bare = 'sales@outbound.test';
    expect((await t.admin.post('/api/v1/email/mailboxes', { address: bare, name: 'Sales', inbound: 'smtp' })).status).toBe(201);
    const messageId = `<${unique()}@customer.test>`;
    await filed(t, smtpClient(listener.port).sendMail({ from: 'dora@customer.test', to: bare, subject: 'Bulk order', text: 'Twenty lamps?', messageId }));
    const { rows } = await t.db.query(`SELECT ticket_id FROM email_inbound WHERE message_id = $1`, [messageId.slice(1, -1)]);
    const outgoing = async () => Object.fromEntries((await t.admin.get('/api/v1/email/mailboxes')).body.data.map((m: { address: string; outgoing: string }) => [m.address, m.outgoing]));
    expect(await outgoing()).toMatchObject({ [SUPPORT]: 'own', [bare]: 'none' });
    process.env.SMTP_URL = `smtp://help-user:s3cret-pass@127.0.0.1:${sinkPort}`;
    try {
      expect(await outgoing()).toMatchObject({ [SUPPORT]: 'own', [bare]: 'relay' });
      const replyId = await agentReplies(rows[0].ticket_id, { body: 'Twenty it is.' });
      const sent = await eventually(async () => received.find((r) => r.mail.text?.includes('Twenty it is.')));
      expect(sent.mail.from?.value[0]?.address).toBe(bare);
      expect(sent.to).toEqual(['dora@customer.test']);
      // The sink holds the mail before its 250 reaches the worker, which marks the reply sent only then.
      expect(await eventually(async () => (await deliveryOf(replyId)).body.status === 'sent')).toBe(true);
    } finally {
      delete process.env.SMTP_URL;
    }
  });

  it('retries after a temporary 451 and delivers exactly once', async () => {
    const { ticketId } = await customerWrites('temp@customer.test');
    const replyId = await agentReplies(ticketId, { body: 'Greylisting test reply.' });
    const delivery = await eventually(async () => {
      const res = await deliveryOf(replyId);
      return res.body.status === 'sent' && res.body;
    });
    expect(delivery.attempts).toBe(2);
    expect(await deliveryEvents(replyId)).toEqual(['queued', 'sent']);
    expect(received.filter((r) => r.mail.text?.includes('Greylisting test reply.'))).toHaveLength(1);
    expect(attemptsByRecipient.get('temp@customer.test')).toBe(2);
  });

  it('marks a reply refused with 550 as failed, with the server answer visible on the message', async () => {
    const { ticketId } = await customerWrites('reject@customer.test');
    const replyId = await agentReplies(ticketId, { body: 'This will bounce.' });
    const delivery = await eventually(async () => {
      const res = await deliveryOf(replyId);
      return res.body.status === 'failed' && res.body;
    });
    expect(delivery.attempts).toBe(1);
    expect(delivery.lastError).toMatch(/550|user unknown/);
    expect(attemptsByRecipient.get('reject@customer.test')).toBe(1);
    expect(await deliveryEvents(replyId)).toEqual(['failed']);

    // The thread asks for all its messages at once: the customer's mail is kept, the reply failed.
    const [first] = (await t.admin.get(`/api/v1/tickets/${ticketId}/messages`)).body.data;
    const note = await agentReplies(ticketId, { body: 'Mailed nowhere.', internal: true });
    const mails = await t.admin.get(`/api/v1/email/messages?id=${first.id}&id=${replyId}&id=${note}`);
    expect(mails.status).toBe(200);
    expect(mails.body.data).toEqual([
      { messageId: first.id, source: true, delivery: null },
      { messageId: replyId, source: true, delivery: expect.objectContaining({ status: 'failed', attempts: 1, lastError: delivery.lastError, to: ['reject@customer.test'] }) },
    ]);
    expect((await t.admin.get('/api/v1/email/messages?id=x')).body.error.field).toMatch(/^id/);
  });

  it('mails a failed reply again on request, once its mailbox can send, and only a failed one', async () => {
    const mailbox = 'later@outbound.test';
    expect((await t.admin.post('/api/v1/email/mailboxes', { address: mailbox, name: 'Later', inbound: 'smtp' })).status).toBe(201);
    const messageId = `<${unique()}@customer.test>`;
    await filed(t, smtpClient(listener.port).sendMail({ from: 'lena@customer.test', to: mailbox, subject: 'Where is it?', text: 'My parcel?', messageId }));
    const { rows } = await t.db.query(`SELECT ticket_id FROM email_inbound WHERE message_id = $1`, [messageId.slice(1, -1)]);
    const ticketId: number = rows[0].ticket_id;
    const replyId = await agentReplies(ticketId, { body: 'It left our depot today.' });
    const failed = await eventually(async () => {
      const res = await deliveryOf(replyId);
      return res.body.status === 'failed' && res.body;
    });
    expect(failed.lastError).toContain('no outgoing SMTP server');
    const route = async () => (await t.admin.get(`/api/v1/email/tickets/${ticketId}/reply-route`)).body;
    expect(await route()).toMatchObject({ mailed: true, from: mailbox, to: 'lena@customer.test', problem: failed.lastError });

    const lightAgent = await t.user('light_agent');
    expect((await lightAgent.post(`/api/v1/email/messages/${replyId}/retry`, {})).status).toBe(403);
    process.env.SMTP_URL = `smtp://help-user:s3cret-pass@127.0.0.1:${sinkPort}`;
    try {
      expect((await route()).problem).toBeNull();
      const retried = await t.admin.post(`/api/v1/email/messages/${replyId}/retry`, {});
      expect(retried.status).toBe(200);
      expect(retried.body.status).toBe('queued');
      await eventually(async () => (await deliveryOf(replyId)).body.status === 'sent');
    } finally {
      delete process.env.SMTP_URL;
    }
    expect(received.filter((r) => r.mail.text?.includes('It left our depot today.'))).toHaveLength(1);
    expect(await deliveryEvents(replyId)).toEqual(['failed', 'queued', 'sent']);
    const again = await t.admin.post(`/api/v1/email/messages/${replyId}/retry`, {});
    expect(again.status).toBe(409);
    const audit = await t.db.query(`SELECT after FROM audit_log WHERE action = 'ticket.message_resent' AND entity_id = $1`, [ticketId]);
    expect(audit.rows.map((r) => r.after)).toEqual([{ messageId: replyId, status: 'queued' }]);
  });

  it('attaches a later bounce (DSN) of a sent reply to that reply', async () => {
    const { ticketId } = await customerWrites('gone@customer.test');
    const replyId = await agentReplies(ticketId, { body: 'Will bounce later.' });
    const delivery = await eventually(async () => {
      const res = await deliveryOf(replyId);
      return res.body.status === 'sent' && res.body;
    });
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
      `To: ${SUPPORT}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <${unique()}@mx.customer.test>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; gone@customer.test',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 mailbox gone',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${delivery.messageIdHeader}>`,
      `Subject: Re: Broken widget [#${ticketId}]`,
      '--b1--',
      '',
    ].join('\r\n');
    await filed(t, smtpClient(listener.port).sendMail({ envelope: { from: '', to: [SUPPORT] }, raw: dsn }));
    const after = (await deliveryOf(replyId)).body;
    expect(after.status).toBe('bounced');
    expect(after.lastError).toContain('mailbox gone');
    expect(await deliveryEvents(replyId)).toEqual(['sent', 'bounced']);
    const thread = (await t.admin.get(`/api/v1/tickets/${ticketId}/messages`)).body.data;
    expect(thread).toHaveLength(2);
  });

  it('copies on replies whom the agent sets, in place of whoever the mail copied', async () => {
    const { ticketId } = await customerWrites('"Cora Customer" <cora@customer.test>', { cc: 'colleague@customer.test' });
    const cc = (addresses: string[]) => t.admin.put(`/api/v1/email/tickets/${ticketId}/cc`, { cc: addresses });
    const set = await cc(['Boss@Customer.test', 'cora@customer.test', ' boss@customer.test ']);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ to: 'cora@customer.test', cc: ['boss@customer.test'] });
    await agentReplies(ticketId, { body: 'Copying your manager in.' });
    const sent = await eventually(async () => received.find((r) => r.mail.text?.includes('Copying your manager in.')));
    expect(sent.to.sort()).toEqual(['boss@customer.test', 'cora@customer.test']);

    expect((await cc(['not an address'])).body.error).toMatchObject({ field: 'cc', message: expect.stringContaining('not an email address') });
    expect((await (await t.user('light_agent')).put(`/api/v1/email/tickets/${ticketId}/cc`, { cc: [] })).status).toBe(403);
    const chat = await t.admin.post('/api/v1/tickets', { subject: 'Chat', requester: { email: 'chat@customer.test' }, message: { body: 'Hi' }, channel: 'chat' });
    expect((await t.admin.put(`/api/v1/email/tickets/${chat.body.ticket.id}/cc`, { cc: ['x@customer.test'] })).status).toBe(409);
    const audit = await t.db.query(`SELECT before, after FROM audit_log WHERE action = 'ticket.cc_changed' AND entity_id = $1`, [ticketId]);
    expect(audit.rows).toEqual([{ before: { cc: ['colleague@customer.test'] }, after: { cc: ['boss@customer.test'] } }]);
  });

  it('tells where a reply on a ticket goes: nowhere by mail for a chat, and not to a customer with no address', async () => {
    const chat = await t.admin.post('/api/v1/tickets', { subject: 'Chat question', requester: { email: 'olga@customer.test' }, message: { body: 'Hi' }, channel: 'chat' });
    expect((await t.admin.get(`/api/v1/email/tickets/${chat.body.ticket.id}/reply-route`)).body).toEqual({ mailed: false, from: null, to: null, cc: [], problem: null });
    const phoneOnly = await t.admin.post('/api/v1/tickets', { subject: 'Call me', requester: { phone: '+441632960123', name: 'Pip' }, message: { body: 'Please call' }, channel: 'email' });
    expect((await t.admin.get(`/api/v1/email/tickets/${phoneOnly.body.ticket.id}/reply-route`)).body).toMatchObject({ mailed: true, to: null, problem: 'Pip has no email address' });
    expect((await t.admin.get('/api/v1/email/tickets/999999999/reply-route')).status).toBe(404);
  });

  it('mails no internal note', async () => {
    const { ticketId } = await customerWrites('nora@customer.test');
    const noteId = await agentReplies(ticketId, { body: 'Internal only.', internal: true });
    const replyId = await agentReplies(ticketId, { body: 'Public after the note.' });
    await eventually(async () => (await deliveryOf(replyId)).body.status === 'sent');
    expect((await deliveryOf(noteId)).status).toBe(404);
    expect(received.some((r) => r.mail.text?.includes('Internal only.'))).toBe(false);
  });
});
