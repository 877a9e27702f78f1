import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { filed, listenSmtp, sendRaw, smtpClient } from './email-test-helpers.ts';
import { contentHash } from './parse-mail.ts';
import type { SmtpListener } from './smtp-listener.ts';

let t: TestTend;
let smtp: SmtpListener;
const SUPPORT = 'support@admin.test';

beforeAll(async () => {
  t = await createTestTend();
  expect((await t.admin.post('/api/v1/email/mailboxes', { address: SUPPORT, name: 'Support' })).status).toBe(201);
  smtp = await listenSmtp(t);
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

const unique = () => randomBytes(5).toString('hex');
const inboundRow = async (messageId: string) =>
  (await t.db.query(`SELECT id, status, reason, ticket_id FROM email_inbound WHERE message_id = $1`, [messageId])).rows[0];

describe('email administration', () => {
  it('validates mailboxes: bad address names the field, a second mailbox with one address is a conflict, IMAP needs a host', async () => {
    const bad = await t.admin.post('/api/v1/email/mailboxes', { address: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('address');
    expect((await t.admin.post('/api/v1/email/mailboxes', { address: SUPPORT.toUpperCase() })).status).toBe(409);
    const imap = await t.admin.post('/api/v1/email/mailboxes', { address: `imap-${unique()}@admin.test`, inbound: 'imap' });
    expect(imap.status).toBe(400);
    expect(imap.body.error.field).toBe('imap');
  });

  it('keeps mail from a blocked domain out of tickets, and lets it in again once unblocked', async () => {
    const blocked = await t.admin.post('/api/v1/email/blocklist', { pattern: 'spam.test', reason: 'spam' });
    expect(blocked.status).toBe(201);
    const id = `${unique()}@spam.test`;
    await filed(t, smtpClient(smtp.port).sendMail({ from: 'seller@spam.test', to: SUPPORT, subject: 'Buy now', text: 'Cheap!', messageId: `<${id}>` }));
    expect(await inboundRow(id)).toMatchObject({ status: 'ignored', ticket_id: null });
    const ignored = await t.admin.get('/api/v1/email/inbound?status=ignored');
    expect(ignored.body.data.map((m: { messageId: string }) => m.messageId)).toContain(id);
    expect((await t.admin.delete(`/api/v1/email/blocklist/${blocked.body.id}`)).status).toBe(204);
    const later = `${unique()}@spam.test`;
    await filed(t, smtpClient(smtp.port).sendMail({ from: 'seller@spam.test', to: SUPPORT, subject: 'Actually a question', text: '?', messageId: `<${later}>` }));
    expect((await inboundRow(later)).status).toBe('processed');
  });

  it('does not re-ingest mail sent from its own mailbox address (no loop)', async () => {
    const id = `${unique()}@admin.test`;
    await filed(t, smtpClient(smtp.port).sendMail({ from: SUPPORT, to: SUPPORT, subject: 'Re: your ticket', text: 'echo', messageId: `<${id}>` }));
    expect(await inboundRow(id)).toMatchObject({ status: 'ignored', ticket_id: null });
  });

  it('keeps a mail whose filing is refused as failed, with the reason, and nothing of the filing', async () => {
    const id = `${unique()}@customer.test`;
    const customers = async () => (await t.db.query(`SELECT count(*)::int AS n FROM customers`)).rows[0].n;
    const before = await customers();
    // Mail parses a From of "someone@localhost"; a customer's address needs a domain with a dot.
    const info = await filed(t, sendRaw(smtp.port, `From: someone@localhost\r\nTo: ${SUPPORT}\r\nSubject: Local\r\nMessage-ID: <${id}>\r\n\r\nHello.\r\n`, 'someone@localhost', [SUPPORT]));
    expect(info.response).toMatch(/^250 /);
    expect(await inboundRow(id)).toMatchObject({ status: 'failed', reason: 'requester.email: "someone@localhost" is not an email address', ticket_id: null });
    expect(await customers()).toBe(before);
  });

  it('keeps a mail it cannot file in the failed list with the reason, and files it on reprocess after the fix', async () => {
    const id = `${unique()}@customer.test`;
    // No From: nothing to resolve a requester from. Acknowledged and kept all the same.
    const info = await filed(t, sendRaw(smtp.port, `To: ${SUPPORT}\r\nSubject: Who am I\r\nMessage-ID: <${id}>\r\n\r\nAnonymous.\r\n`, 'anon@customer.test', [SUPPORT]));
    expect(info.response).toMatch(/^250 /);
    const stored = await inboundRow(id);
    expect(stored).toMatchObject({ status: 'failed', reason: 'the mail has no From address' });
    const failedList = await t.admin.get('/api/v1/email/inbound');
    expect(failedList.body.data.find((m: { id: number }) => m.id === stored.id)).toMatchObject({ reason: 'the mail has no From address', status: 'failed' });
    expect((await (await t.user('agent')).get('/api/v1/email/inbound')).status).toBe(403);

    // The fix (here: the raw source as a corrected import would store it) makes reprocessing file it.
    const fixed = Buffer.from(`From: anon@customer.test\r\nTo: ${SUPPORT}\r\nSubject: Who am I\r\nMessage-ID: <${id}>\r\n\r\nAnonymous.\r\n`);
    await t.db.query(`UPDATE email_inbound SET raw = $2, content_hash = $3 WHERE id = $1`, [stored.id, fixed, contentHash(fixed)]);
    const again = await t.admin.post(`/api/v1/email/inbound/${stored.id}/reprocess`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'processed' });
    const ticket = await t.admin.get(`/api/v1/tickets/${again.body.ticketId}`);
    expect(ticket.body.requester.email).toBe('anon@customer.test');
    expect((await t.admin.post(`/api/v1/email/inbound/${stored.id}/reprocess`)).status).toBe(409);
    const raw = await t.admin.get(`/api/v1/messages/${again.body.ticketMessageId}/raw`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.body).toContain('From: anon@customer.test');
  });
});
