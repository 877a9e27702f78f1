import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { addSmtpMailbox, filed, fixture, listenSmtp, sendRaw, smtpClient, testKey } from './email-test-helpers.ts';
import { replyToken } from './reply-token.ts';
import type { SmtpListener } from './smtp-listener.ts';

let t: TestTend;
let smtp: SmtpListener;
const SUPPORT = 'support@inbound.test';

beforeAll(async () => {
  t = await createTestTend();
  await addSmtpMailbox(t, SUPPORT);
  smtp = await listenSmtp(t);
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

const unique = () => randomBytes(5).toString('hex');

async function send(mail: Record<string, unknown>) {
  return filed(t, smtpClient(smtp.port).sendMail({ to: SUPPORT, ...mail }));
}

/** The ticket messages that a mail with this Message-ID became. */
async function messagesFor(messageId: string) {
  const { rows } = await t.db.query(
    `SELECT m.id, m.ticket_id FROM email_inbound i JOIN messages m ON m.id = i.ticket_message_id WHERE i.message_id = $1`,
    [messageId.replace(/[<>]/g, '')],
  );
  return rows as { id: number; ticket_id: number }[];
}

async function thread(ticketId: number) {
  const res = await t.admin.get(`/api/v1/tickets/${ticketId}/messages`);
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

async function ticketOf(messageId: string) {
  const [m] = await messagesFor(messageId);
  if (!m) throw new Error(`no message stored for ${messageId}`);
  return m.ticket_id;
}

describe('inbound SMTP', () => {
  it('turns a plain mail into a ticket from a customer resolved by address', async () => {
    const messageId = `<plain-${unique()}@client.test>`;
    const info = await send({ from: '"Paula Plain" <paula@customer.test>', subject: 'Printer on fire', text: 'It is on fire.\n\nPaula', messageId });
    expect(info.response).toMatch(/^250 /);
    const ticketId = await ticketOf(messageId);
    const ticket = (await t.admin.get(`/api/v1/tickets/${ticketId}`)).body;
    expect(ticket).toMatchObject({ subject: 'Printer on fire', channel: 'email', requester: { name: 'Paula Plain', email: 'paula@customer.test' } });
    const [message] = await thread(ticketId);
    expect(message).toMatchObject({ channel: 'email', author: { type: 'customer' }, internal: false });
    expect(message.body).toContain('It is on fire.');
    expect(message.metadata.email).toMatchObject({ messageId: messageId.slice(1, -1), subject: 'Printer on fire', from: { address: 'paula@customer.test' } });
  });

  it('refuses recipients that are not a mailbox with 550, and stores nothing', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM email_inbound');
    await expect(smtpClient(smtp.port).sendMail({ from: 'x@customer.test', to: 'nobody@elsewhere.test', subject: 'hi', text: 'hi' })).rejects.toMatchObject({
      responseCode: 550,
    });
    const after = await t.db.query('SELECT count(*)::int AS n FROM email_inbound');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('takes the text of an HTML-only mail and keeps its HTML sanitized, the original in the raw mail only', async () => {
    const messageId = `<html-${unique()}@client.test>`;
    await send({ from: 'hugo@customer.test', subject: 'HTML only', html: '<p>Hello <b>there</b></p><script>alert(1)</script><img src="x" onerror="alert(2)">', messageId });
    const [message] = await thread(await ticketOf(messageId));
    expect(message.body).toContain('Hello there');
    expect(message.html).toContain('<b>there</b>');
    expect(message.html).not.toMatch(/script|onerror/);
    const raw = await t.admin.get(`/api/v1/messages/${message.id}/raw`);
    expect(raw.body).toContain('<script>alert(1)</script>');
    const stored = await t.db.query('SELECT original_html FROM messages WHERE id = $1', [message.id]);
    expect(stored.rows[0].original_html).toBeNull();
  });

  it('stores inline images and attachments, and points cid: images at the stored image', async () => {
    const messageId = `<inline-${unique()}@client.test>`;
    const png = randomBytes(300);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000)]);
    await send({
      from: 'ines@customer.test',
      subject: 'Screenshot',
      text: 'See the screenshot.',
      html: '<p>See the screenshot:</p><img src="cid:shot@client.test">',
      attachments: [
        { filename: 'shot.png', content: png, contentType: 'image/png', cid: 'shot@client.test' },
        { filename: 'invoice.pdf', content: pdf, contentType: 'application/pdf' },
      ],
      messageId,
    });
    const [message] = await thread(await ticketOf(messageId));
    expect(message.attachments.map((a: any) => [a.filename, a.contentType, a.size])).toEqual(
      expect.arrayContaining([
        ['shot.png', 'image/png', 300],
        ['invoice.pdf', 'application/pdf', pdf.length],
      ]),
    );
    const src = /<img src="([^"]+)"/.exec(message.html)?.[1] ?? '';
    expect(src).toMatch(/^\/api\/v1\/email\/inbound\/\d+\/cid\//);
    expect((await t.admin.get(`/api/v1/messages/${message.id}/original`)).body.html).toContain(`<img src="${src}"`);
    const image = await t.app.inject({ method: 'GET', url: src, headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.rawPayload, png)).toBe(0);
    const pdfId = message.attachments.find((a: any) => a.filename === 'invoice.pdf').id;
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${pdfId}`, headers: { authorization: `Bearer ${t.admin.token}` } });
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
  });

  it('decodes ISO-8859-1, Windows-1252, Shift_JIS bodies and RFC 2047 headers', async () => {
    const latin1Id = `latin1-${unique()}@client.test`;
    const latin1 = Buffer.concat([
      Buffer.from(
        `From: =?ISO-8859-1?Q?Fran=E7ois_M=FCller?= <francois@customer.test>\r\nTo: ${SUPPORT}\r\nSubject: =?ISO-8859-1?Q?R=E9clamation_=E0_propos?=\r\n` +
          `Message-ID: <${latin1Id}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
      ),
      Buffer.from('Ça coûte très cher, à mon avis.\r\n', 'latin1'),
    ]);
    await filed(t, sendRaw(smtp.port, latin1, 'francois@customer.test', [SUPPORT]));
    const latin1Ticket = (await t.admin.get(`/api/v1/tickets/${await ticketOf(latin1Id)}`)).body;
    expect(latin1Ticket.subject).toBe('Réclamation à propos');
    expect(latin1Ticket.requester.name).toBe('François Müller');
    expect((await thread(latin1Ticket.id))[0].body).toContain('Ça coûte très cher, à mon avis.');

    const cp1252Id = `cp1252-${unique()}@client.test`;
    const cp1252 = Buffer.concat([
      Buffer.from(
        `From: winnie@customer.test\r\nTo: ${SUPPORT}\r\nSubject: =?windows-1252?Q?=93Quoted=94_price_=80?=\r\nMessage-ID: <${cp1252Id}>\r\n` +
          `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
      ),
      // “Smart quotes” – and the euro sign: bytes that differ between Windows-1252 and ISO-8859-1.
      Buffer.from([0x93, 0x53, 0x6d, 0x61, 0x72, 0x74, 0x94, 0x20, 0x96, 0x20, 0x35, 0x80, 0x0d, 0x0a]),
    ]);
    await filed(t, sendRaw(smtp.port, cp1252, 'winnie@customer.test', [SUPPORT]));
    const cpTicketId = await ticketOf(cp1252Id);
    expect((await t.admin.get(`/api/v1/tickets/${cpTicketId}`)).body.subject).toBe('“Quoted” price €');
    expect((await thread(cpTicketId))[0].body).toContain('“Smart” – 5€');

    // A real Shift_JIS mail from a Japanese mobile carrier (mikel/mail fixtures, MIT).
    const sjis = fixture('mail-fixtures/multi_charset/japanese_shift_jis.eml');
    await filed(t, sendRaw(smtp.port, sjis, 'xxxxxxx@docomo.ne.jp', [SUPPORT]));
    expect((await thread(await ticketOf('xxxxx@docomo.ne.jp')))[0].body).toContain('このメールはテスト用のメールです。');

    const utf8Id = `<utf8-${unique()}@client.test>`;
    await send({ from: '"Jürgen Ωmega" <jurgen@customer.test>', subject: 'Grüße aus Köln ✓', text: 'Schöne Grüße 👋', messageId: utf8Id });
    const utf8Ticket = (await t.admin.get(`/api/v1/tickets/${await ticketOf(utf8Id)}`)).body;
    expect(utf8Ticket).toMatchObject({ subject: 'Grüße aus Köln ✓', requester: { name: 'Jürgen Ωmega' } });
    expect((await thread(utf8Ticket.id))[0].body).toContain('Schöne Grüße 👋');
  });

  it('threads a chain of five replies into one ticket by In-Reply-To, References, subject token and hidden token', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `<chain${i}-${unique()}@client.test>`);
    await send({ from: 'carla@customer.test', subject: 'Chain', text: 'First mail.', messageId: ids[0] });
    const ticketId = await ticketOf(ids[0] as string);
    await send({ from: 'carla@customer.test', subject: 'Re: Chain', text: 'Second.', messageId: ids[1], inReplyTo: ids[0], references: [ids[0]] });
    // A client that only keeps References.
    await send({ from: 'carla@customer.test', subject: 'Re: Chain', text: 'Third.', messageId: ids[2], references: [ids[0], ids[1]] });
    // No headers at all, but the ticket token Tend puts in its subjects.
    await send({ from: 'carla@customer.test', subject: `Re: Chain [#${ticketId}]`, text: 'Fourth.', messageId: ids[3] });
    // Headers and subject lost; the signed token quoted from Tend's reply survives.
    await send({ from: 'carla@customer.test', subject: 'Chain again', text: `Fifth.\n\n> earlier reply\n> ${replyToken(testKey(), ticketId)}`, messageId: ids[4] });
    for (const id of ids) expect(await ticketOf(id)).toBe(ticketId);
    const bodies = (await thread(ticketId)).map((m) => m.body);
    expect(bodies).toEqual(['First mail.', 'Second.', 'Third.', 'Fourth.', 'Fifth.']);
  });

  it('opens a linked follow-up for a reply to a closed ticket, and sends later replies there', async () => {
    const first = `<closed-${unique()}@client.test>`;
    await send({ from: 'cleo@customer.test', subject: 'Done deal', text: 'Thanks.', messageId: first });
    const closedId = await ticketOf(first);
    expect((await t.admin.patch(`/api/v1/tickets/${closedId}`, { status: 'closed' })).status).toBe(200);
    const reply = `<reopen-${unique()}@client.test>`;
    await send({ from: 'cleo@customer.test', subject: 'Re: Done deal', text: 'One more thing.', messageId: reply, inReplyTo: first });
    const followUpId = await ticketOf(reply);
    expect(followUpId).not.toBe(closedId);
    const links = (await t.admin.get(`/api/v1/tickets/${followUpId}/links`)).body;
    expect(JSON.stringify(links)).toContain(String(closedId));
    const later = `<later-${unique()}@client.test>`;
    await send({ from: 'cleo@customer.test', subject: 'Re: Done deal', text: 'And another.', messageId: later, inReplyTo: first });
    expect(await ticketOf(later)).toBe(followUpId);
  });

  it("records a mail from an agent's own address to a ticket as that agent's reply", async () => {
    const agent = await t.user('agent', { email: `agent-${unique()}@tend.test`, name: 'Alex Agent' });
    const email = (await t.db.query(`SELECT email FROM users WHERE id = $1`, [agent.userId])).rows[0].email as string;
    const first = `<ask-${unique()}@client.test>`;
    await send({ from: 'quinn@customer.test', subject: 'Help', text: 'Help me.', messageId: first });
    const ticketId = await ticketOf(first);
    await send({ from: email, subject: 'Re: Help', text: 'Here is how.', messageId: `<agent-${unique()}@tend.test>`, inReplyTo: first });
    const messages = await thread(ticketId);
    expect(messages[1]).toMatchObject({ author: { type: 'agent', id: agent.userId, name: 'Alex Agent' }, body: 'Here is how.' });
  });

  it('does not join a ticket on a forged hidden token', async () => {
    const first = `<forge-${unique()}@client.test>`;
    await send({ from: 'fiona@customer.test', subject: 'Mine', text: 'Mine.', messageId: first });
    const victim = await ticketOf(first);
    const forged = `<forged-${unique()}@client.test>`;
    await send({ from: 'mallory@customer.test', subject: 'Hello', text: `tend-ref-${victim}-000000000000`, messageId: forged });
    expect(await ticketOf(forged)).not.toBe(victim);
  });

  it('keeps only the new text of Gmail, Outlook and Apple Mail replies (mailgun/talon fixtures)', async () => {
    for (const client of ['gmail', 'outlook', 'apple_mail', 'thunderbird', 'android']) {
      const marker = `<${client}-${unique()}@fixture.test>`;
      // Each fixture keeps its content; a fresh Message-ID makes it a new mail for this test.
      const raw = fixture(`reply-fixtures/standard_replies/${client}.eml`).toString('latin1').replace(/^Message-ID:.*\r?\n/im, '');
      await filed(t, sendRaw(smtp.port, Buffer.from(`Message-ID: ${marker}\r\n${raw}`, 'latin1'), 'bob@fixture.test', [SUPPORT]));
      const [message] = await thread(await ticketOf(marker));
      expect(message.body, client).toBe('Hello');
      // What was cut stays one click away: the whole mail, quoted history included.
      const original = await t.admin.get(`/api/v1/messages/${message.id}/original`);
      expect(original.status, client).toBe(200);
      expect(original.body.from.address, client).toContain('@');
      expect(original.body.text.length, client).toBeGreaterThan(message.body.length + 20);
      expect(original.body.text, client).toContain('Hello');
    }
  });

  it('adds an auto-reply to its ticket marked as automated, and opens no ticket for a stray one', async () => {
    const first = `<ooo-${unique()}@client.test>`;
    await send({ from: 'olga@customer.test', subject: 'Question', text: 'A question.', messageId: first });
    const ticketId = await ticketOf(first);
    const auto = `<auto-${unique()}@client.test>`;
    await send({ from: 'olga@customer.test', subject: 'Out of office', text: 'I am away.', messageId: auto, inReplyTo: first, headers: { 'Auto-Submitted': 'auto-replied' } });
    const messages = await thread(ticketId);
    expect(messages[1].metadata.email.automated).toBe('auto_reply');
    const stray = `<stray-${unique()}@client.test>`;
    await send({ from: 'robot@customer.test', subject: 'Automatic reply', text: 'Away.', messageId: stray, headers: { 'X-Autoreply': 'yes' } });
    const { rows } = await t.db.query(`SELECT status, reason, ticket_id FROM email_inbound WHERE message_id = $1`, [stray.slice(1, -1)]);
    expect(rows[0]).toMatchObject({ status: 'ignored', ticket_id: null });
  });

  it('recognises a delivery report (DSN) and opens no ticket for it', async () => {
    // A real sendmail DSN (mikel/mail fixtures, MIT), sent with the null sender as bounces are.
    await filed(t, sendRaw(smtp.port, fixture('mail-fixtures/multipart_report_emails/report_530.eml'), '', [SUPPORT]));
    const { rows } = await t.db.query(`SELECT status, reason, ticket_id FROM email_inbound WHERE message_id = '200712232303.lBNN3rDp003436@mail12.rrrr.com.au'`);
    expect(rows[0]).toMatchObject({ status: 'ignored', ticket_id: null });
    expect(rows[0].reason).toMatch(/delivery report/);
  });

  it('accepts a 20 MB attachment intact', async () => {
    const messageId = `<big-${unique()}@client.test>`;
    const big = randomBytes(20 * 1024 * 1024);
    const info = await send({ from: 'bertha@customer.test', subject: 'Big file', text: 'Attached.', messageId, attachments: [{ filename: 'big.bin', content: big }] });
    expect(info.response).toMatch(/^250 /);
    const { rows } = await t.db.query(
      `SELECT a.size, md5(a.data) AS md5 FROM email_inbound i JOIN attachments a ON a.message_id = i.ticket_message_id WHERE i.message_id = $1`,
      [messageId.slice(1, -1)],
    );
    expect(rows).toEqual([{ size: big.length, md5: (await import('node:crypto')).createHash('md5').update(big).digest('hex') }]);
  });

  it('refuses a mail over the size limit with 552 and stores nothing', async () => {
    const small = await listenSmtp(t, 1024 * 1024);
    try {
      const messageId = `<huge-${unique()}@client.test>`;
      await expect(
        smtpClient(small.port).sendMail({ from: 'hank@customer.test', to: SUPPORT, subject: 'Too big', text: 'x', messageId, attachments: [{ filename: 'x.bin', content: randomBytes(2 * 1024 * 1024) }] }),
      ).rejects.toMatchObject({ responseCode: 552 });
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM email_inbound WHERE message_id = $1`, [messageId.slice(1, -1)]);
      expect(rows[0].n).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('stores a mail delivered twice (an SMTP retry) as one message', async () => {
    const messageId = `dup-${unique()}@client.test`;
    const raw = `From: dora@customer.test\r\nTo: ${SUPPORT}\r\nSubject: Twice\r\nMessage-ID: <${messageId}>\r\n\r\nOnly once please.\r\n`;
    const first = await filed(t, sendRaw(smtp.port, raw, 'dora@customer.test', [SUPPORT]));
    // The retry passed through another relay, which added its trace header.
    const second = await filed(t, sendRaw(smtp.port, `Received: from relay.test by mx.test; Tue, 1 Jul 2025 10:00:00 +0000\r\n${raw}`, 'dora@customer.test', [SUPPORT]));
    await Promise.all([filed(t, sendRaw(smtp.port, raw, 'dora@customer.test', [SUPPORT])), filed(t, sendRaw(smtp.port, raw, 'dora@customer.test', [SUPPORT]))]);
    expect(first.response).toMatch(/^250 /);
    expect(second.response).toMatch(/^250 /);
    expect(await messagesFor(messageId)).toHaveLength(1);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM messages WHERE metadata->'email'->>'messageId' = $1`, [messageId]);
    expect(rows[0].n).toBe(1);
  });
});
