import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { addSmtpMailbox, testKey } from './email-test-helpers.ts';
import { FILE_RECEIVED_TASK, fileReceivedMails, type IngestResult, ingestMails, parseReceived, type ReceivedMail, storeReceived } from './ingest-mail.ts';

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

const received = (mail: Buffer): ReceivedMail => ({ raw: mail, source: 'smtp', mailboxId, envelopeFrom: 'someone@customer.test', envelopeTo: [SUPPORT] });

/** Mails fetched together (an IMAP poll): stored and filed by one call. */
async function fileTogether(mails: Buffer[]): Promise<IngestResult[]> {
  const parsed = await Promise.all(mails.map((m) => parseReceived(received(m))));
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

describe('mail stored at once and filed by the job after', () => {
  /** What the filing job does when it runs (no worker runs in this file, so the job stays queued). */
  async function runFilingJob() {
    const client = await t.db.connect();
    try {
      await fileReceivedMails(t.db, client, testKey());
    } finally {
      client.release();
    }
  }
  const inbound = async (ids: number[]) =>
    (await t.db.query(`SELECT id, status, reason, ticket_id, ticket_message_id, xmin::text AS tx FROM email_inbound WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids])).rows;

  it('waits stored and unfiled, one job queued for it, until the job files it all in one transaction, a reply after its original', async () => {
    const first = `<stock-${unique()}@customer.test>`;
    const original = raw({ From: 'sam@customer.test', Subject: 'In stock?', 'Message-ID': first }, 'Is the blue one in stock?');
    const stored = await storeReceived(t.db, [original, raw({ From: 'sam@customer.test', Subject: 'Re: In stock?', 'Message-ID': `<size-${unique()}@customer.test>`, 'In-Reply-To': first }, 'In size M.')].map(received));
    // The same mail again while it waits (an SMTP retry) is the same stored mail.
    const [again] = await storeReceived(t.db, [received(original)]);
    expect(again).toEqual({ inboundId: stored[0]?.inboundId, duplicate: true });
    const ids = stored.map((s) => s.inboundId);
    expect((await inbound(ids)).map((r) => [r.status, r.ticket_id])).toEqual([
      ['received', null],
      ['received', null],
    ]);
    const queued = await t.db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1`, [FILE_RECEIVED_TASK]);
    expect(queued.rows[0].n).toBe(1);
    // An admin sees what waits, and may not reprocess it meanwhile.
    const waiting = async () => ((await t.admin.get('/api/v1/email/inbound?status=received')).body.data as { id: number }[]).map((m) => m.id);
    expect(await waiting()).toEqual(expect.arrayContaining(ids));
    const early = await t.admin.post(`/api/v1/email/inbound/${ids[0]}/reprocess`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ field: 'id', message: 'this mail is still waiting to be filed' });

    await runFilingJob();
    const [question, size] = await inbound(ids);
    expect(question).toMatchObject({ status: 'processed', tx: size?.tx });
    expect(size).toMatchObject({ status: 'processed', ticket_id: question?.ticket_id });
    expect((await thread(question?.ticket_id)).map((m) => m.body)).toEqual(['Is the blue one in stock?', 'In size M.']);
    expect(await waiting()).not.toEqual(expect.arrayContaining([ids[0]]));
    // Nothing waits any more: running the job again files nothing twice.
    await runFilingJob();
    expect((await thread(question?.ticket_id)).length).toBe(2);
  });

  it('keeps a stored mail it cannot file as failed, with the reason, and files the others', async () => {
    const stored = await storeReceived(
      t.db,
      [
        raw({ From: 'Odd <odd@nowhere>', Subject: 'Hi', 'Message-ID': `<odd-${unique()}@customer.test>` }, 'Hello.'),
        raw({ From: 'tom@customer.test', Subject: 'Login', 'Message-ID': `<login-${unique()}@customer.test>` }, 'I cannot log in.'),
        Buffer.from('this is not a mail at all'),
      ].map(received),
    );
    await runFilingJob();
    const [odd, login, garbage] = await inbound(stored.map((s) => s.inboundId));
    expect(odd).toMatchObject({ status: 'failed', reason: 'requester.email: "odd@nowhere" is not an email address', ticket_id: null });
    expect(login).toMatchObject({ status: 'processed' });
    expect((await thread(login?.ticket_id)).map((m) => m.body)).toEqual(['I cannot log in.']);
    expect(garbage).toMatchObject({ status: 'failed', ticket_id: null });
  });
});
