import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { addSmtpMailbox, testKey } from './email-test-helpers.ts';
import { type IngestResult, ingestMails, parseReceived } from './ingest-mail.ts';

let t: TestTend;
let mailboxId: number;
const SUPPORT = 'support@batch.test';

beforeAll(async () => {
  t = await createTestTend();
  mailboxId = await addSmtpMailbox(t, SUPPORT);
});
afterAll(() => t.close());

const unique = () => randomBytes(5).toString('hex');

function raw(headers: Record<string, string>, body: string): Buffer {
  const head = Object.entries({ To: SUPPORT, Date: 'Tue, 1 Jul 2025 10:00:00 +0000', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}\r\n`);
}

/** Mails delivered at the same moment: what the SMTP listener's group commit hands over as one batch. */
async function fileTogether(mails: Buffer[]): Promise<IngestResult[]> {
  const parsed = await Promise.all(mails.map((m) => parseReceived({ raw: m, source: 'smtp', mailboxId, envelopeFrom: 'someone@customer.test', envelopeTo: [SUPPORT] })));
  const results = await ingestMails(t.db, testKey(), parsed);
  return results.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
}

async function thread(ticketId: number) {
  return (await t.admin.get(`/api/v1/tickets/${ticketId}/messages`)).body.data as { body: string; author: { type: string } }[];
}

describe('mails filed together', () => {
  it('thread, reopen and deduplicate in one transaction as they would one by one', async () => {
    const [open] = await fileTogether([raw({ From: 'olga@customer.test', Subject: 'Invoice', 'Message-ID': `<inv-${unique()}@customer.test>` }, 'Where is my invoice?')]);
    const ticketId = open?.ticketId as number;
    expect((await t.admin.patch(`/api/v1/tickets/${ticketId}`, { status: 'pending' })).status).toBe(200);
    const inReplyTo = (await t.db.query(`SELECT message_id FROM email_inbound WHERE id = $1`, [open?.inboundId])).rows[0].message_id;

    const first = `<first-${unique()}@customer.test>`;
    const original = raw({ From: '"Nina New" <nina@customer.test>', Subject: 'Broken lamp', 'Message-ID': first }, 'The lamp flickers.');
    const batch = [
      original,
      // A reply to a mail of the same batch joins the ticket that mail opens.
      raw({ From: 'nina@customer.test', Subject: 'Re: Broken lamp', 'Message-ID': `<second-${unique()}@customer.test>`, 'In-Reply-To': first }, 'Now it is dark.'),
      // Two replies to one pending ticket: the first reopens it, both join it in order.
      raw({ From: 'olga@customer.test', Subject: 'Re: Invoice', 'Message-ID': `<r1-${unique()}@customer.test>`, 'In-Reply-To': `<${inReplyTo}>` }, 'Any news?'),
      raw({ From: 'olga@customer.test', Subject: 'Re: Invoice', 'Message-ID': `<r2-${unique()}@customer.test>`, 'In-Reply-To': `<${inReplyTo}>` }, 'Still waiting.'),
      // The same mail twice (a client retrying at once) is stored and filed once.
      original,
    ];
    const results = await fileTogether(batch);
    const [lamp, dark, anyNews, stillWaiting, again] = results;
    const transactions = await t.db.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM email_inbound WHERE id = ANY($1::bigint[])`, [results.map((r) => r.inboundId)]);
    expect(transactions.rows[0].n).toBe(1);

    expect(lamp).toMatchObject({ status: 'processed', duplicate: false });
    expect(dark).toMatchObject({ status: 'processed', ticketId: lamp?.ticketId });
    expect((await thread(lamp?.ticketId as number)).map((m) => m.body)).toEqual(['The lamp flickers.', 'Now it is dark.']);

    expect(anyNews).toMatchObject({ status: 'processed', ticketId });
    expect(stillWaiting).toMatchObject({ status: 'processed', ticketId });
    expect((await thread(ticketId)).map((m) => m.body)).toEqual(['Where is my invoice?', 'Any news?', 'Still waiting.']);
    expect((await t.admin.get(`/api/v1/tickets/${ticketId}`)).body.status).toBe('open');
    const reopened = await t.db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ticket.updated' AND (payload->>'ticketId')::bigint = $1 AND payload->'changes'->'status'->>'from' = 'pending'`, [ticketId]);
    expect(reopened.rows[0].n).toBe(1);

    expect(again).toMatchObject({ duplicate: true, inboundId: lamp?.inboundId, ticketId: lamp?.ticketId, messageId: lamp?.messageId });
    const stored = await t.db.query(`SELECT count(*)::int AS n FROM email_inbound WHERE message_id = $1`, [first.slice(1, -1)]);
    expect(stored.rows[0].n).toBe(1);
  });

  it('keep a mail that cannot be filed as failed, and file the others of its batch, a reply after the mail it answers', async () => {
    const first = `<ask-${unique()}@customer.test>`;
    const [ask, odd, reply] = await fileTogether([
      raw({ From: 'rita@customer.test', Subject: 'Refund', 'Message-ID': first }, 'May I have a refund?'),
      // A sender no ticket can be opened for.
      raw({ From: 'Odd <odd@nowhere>', Subject: 'Hi', 'Message-ID': `<odd-${unique()}@customer.test>` }, 'Hello.'),
      raw({ From: 'rita@customer.test', Subject: 'Re: Refund', 'Message-ID': `<more-${unique()}@customer.test>`, 'In-Reply-To': first }, 'For order 42.'),
    ]);
    expect(odd).toMatchObject({ status: 'failed', ticketId: null });
    const kept = await t.db.query(`SELECT status, reason FROM email_inbound WHERE id = $1`, [odd?.inboundId]);
    expect(kept.rows[0]).toEqual({ status: 'failed', reason: 'requester.email: "odd@nowhere" is not an email address' });
    expect(ask).toMatchObject({ status: 'processed' });
    expect(reply).toMatchObject({ status: 'processed', ticketId: ask?.ticketId });
    expect((await thread(ask?.ticketId as number)).map((m) => m.body)).toEqual(['May I have a refund?', 'For order 42.']);
  });

  it('open one follow-up for two replies to a closed ticket that arrive together', async () => {
    const first = `<done-${unique()}@customer.test>`;
    const [done] = await fileTogether([raw({ From: 'carl@customer.test', Subject: 'Done', 'Message-ID': first }, 'Thanks!')]);
    expect((await t.admin.patch(`/api/v1/tickets/${done?.ticketId}`, { status: 'closed' })).status).toBe(200);

    const replies = await fileTogether(
      ['One more thing.', 'And another.'].map((text, i) => raw({ From: 'carl@customer.test', Subject: 'Re: Done', 'Message-ID': `<more-${i}-${unique()}@customer.test>`, 'In-Reply-To': first }, text)),
    );
    const followUp = replies[0]?.ticketId as number;
    expect(followUp).not.toBe(done?.ticketId);
    expect(replies[1]?.ticketId).toBe(followUp);
    expect((await thread(followUp)).map((m) => m.body)).toEqual(['One more thing.', 'And another.']);
    const links = (await t.admin.get(`/api/v1/tickets/${followUp}/links`)).body;
    expect(JSON.stringify(links)).toContain(String(done?.ticketId));
  });
});
