/**
 * The email benchmark: concurrent SMTP clients on loopback deliver 10,000 realistic mails (mixed
 * sizes, 10% with an attachment, 30% replies to earlier mails) to Tend's SMTP listener, then the
 * same mails to a bare smtp-server that does one INSERT per mail, in the same run. Tend's rate counts
 * until every mail is filed into its ticket, not only acknowledged. Every mail is then counted in
 * Postgres: lost (no ticket message), duplicated (more than one), mis-threaded.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { FILE_RECEIVED_TASK, fileReceivedTask, startSmtpListener } from '../../src/channels/email/index.ts';
import { benchDatabase } from '../bench-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPool, type Db } from '../../src/db/pool.ts';
import { installJobQueue, startWorker } from '../../src/jobs/worker.ts';
import { metric, percentile, progress } from '../report.ts';

const MAILS = Number(process.env.BENCH_EMAIL_MAILS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_EMAIL_CLIENTS ?? 16);
const THREADS = 500;
const SUPPORT = 'support@bench.test';

interface Mail {
  messageId: string;
  from: string;
  inReplyTo: string | null;
  raw: Buffer;
}

const WORDS = 'printer invoice refund password login order shipping delayed broken account upgrade plan billing export report error timeout screen mobile app sync'.split(' ');
const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(Math.random() * WORDS.length)]).join(' ');

/** A mail as a customer's client writes it: a text and an HTML part, sometimes a file, sometimes a reply. */
function makeMail(i: number, replyTo: string | null): Mail {
  const messageId = `bench-${i}-${randomBytes(6).toString('hex')}@customer.test`;
  const from = `customer${i % 2000}@customer.test`;
  const size = [200, 1_000, 5_000, 20_000][i % 4] as number;
  const text = `${sentence(Math.max(5, size / 8))}\n\nThanks,\nCustomer ${i % 2000}`;
  const withFile = i % 10 === 0;
  const boundary = `b-${i}`;
  const head = [
    `From: Customer ${i % 2000} <${from}>`,
    `To: ${SUPPORT}`,
    `Subject: ${replyTo ? 'Re: ' : ''}${sentence(5)}`,
    `Message-ID: <${messageId}>`,
    ...(replyTo ? [`In-Reply-To: <${replyTo}>`, `References: <${replyTo}>`] : []),
    'Date: Tue, 1 Jul 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
  ];
  const parts = [
    `--${boundary}\r\nContent-Type: multipart/alternative; boundary="${boundary}-alt"\r\n\r\n` +
      `--${boundary}-alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n` +
      `--${boundary}-alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>${text.replace(/\n/g, '<br>')}</p>\r\n--${boundary}-alt--`,
    ...(withFile
      ? [`--${boundary}\r\nContent-Type: application/pdf; name="file-${i}.pdf"\r\nContent-Disposition: attachment; filename="file-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${randomBytes(20_000 + (i % 5) * 40_000).toString('base64').replace(/.{76}/g, '$&\r\n')}`]
      : []),
  ];
  return { messageId, from, inReplyTo: replyTo, raw: Buffer.from(`${head.join('\r\n')}\r\n${parts.join('\r\n')}\r\n--${boundary}--\r\n`) };
}

/**
 * Sends every mail through `CLIENTS` concurrent SMTP connections; answers mails per second, counted
 * until `done` says every mail is where it should be (for Tend: filed into a ticket, not only stored).
 */
async function deliver(port: number, mails: Mail[], done: () => Promise<boolean> = async () => true): Promise<{ perSecond: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity });
      while (next < mails.length) {
        const mail = mails[next++] as Mail;
        await client.sendMail({ envelope: { from: mail.from, to: [SUPPORT] }, raw: mail.raw }).catch(() => failures++);
      }
      client.close();
    }),
  );
  const acknowledged = performance.now();
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
  progress(`${mails.length} mails: the last 250 after ${((acknowledged - started) / 1000).toFixed(1)} s, all in place after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { perSecond: mails.length / ((performance.now() - started) / 1000), failures };
}

/**
 * The bare baseline: the same SMTP library, one INSERT per mail, nothing else. It stores the raw
 * mail compressed as Tend stores it (lz4 where the server has it), so that the two compare like for like.
 */
async function startBaseline(db: Db): Promise<{ port: number; close(): Promise<void> }> {
  await db.query(`CREATE TABLE bench_raw_mail (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, raw bytea NOT NULL)`);
  const { rows } = await db.query(`SELECT attcompression = 'l' AS lz4 FROM pg_attribute WHERE attrelid = 'email_inbound'::regclass AND attname = 'raw'`);
  if (rows[0]?.lz4) await db.query(`ALTER TABLE bench_raw_mail ALTER COLUMN raw SET COMPRESSION lz4`);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 40 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        db.query(`INSERT INTO bench_raw_mail (raw) VALUES ($1)`, [Buffer.concat(chunks)]).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function run(): Promise<void> {
  const database = await benchDatabase('email');
  const db = createPool(database.url, 20);
  const timings: number[] = [];
  try {
    await migrate(db);
    await installJobQueue(db);
    await db.query(`INSERT INTO email_mailboxes (address, name, inbound) VALUES ($1, 'Support', 'smtp')`, [SUPPORT]);
    const log = pino({ level: 'silent' });
    // The job that files stored mail into tickets, as the app runs it; the jobs of the events that
    // filing raises are left queued, as before mail was filed after its 250.
    const worker = await startWorker(db, { [FILE_RECEIVED_TASK]: fileReceivedTask }, log);
    const listener = await startSmtpListener(db, { port: 0, host: '127.0.0.1', maxSize: 40 * 1024 * 1024, onStored: (ms) => timings.push(ms) }, log);
    const allFiled = async () => (await db.query(`SELECT NOT EXISTS (SELECT 1 FROM email_inbound WHERE status = 'received') AS done`)).rows[0].done as boolean;

    progress(`opening ${THREADS} tickets to reply to`);
    const originals = Array.from({ length: THREADS }, (_, i) => makeMail(MAILS + i, null));
    await deliver(listener.port, originals, allFiled);
    timings.length = 0;

    const mails = Array.from({ length: MAILS }, (_, i) => makeMail(i, i % 10 < 3 ? (originals[i % THREADS] as Mail).messageId : null));
    progress(`delivering ${MAILS} mails over ${CLIENTS} connections, counting until every one is filed`);
    const tend = await deliver(listener.port, mails, allFiled);
    await listener.close();
    await worker.stop();

    progress('baseline: bare smtp-server, one INSERT per mail');
    const baseline = await startBaseline(db);
    const bare = await deliver(baseline.port, mails);
    await baseline.close();

    const { rows } = await db.query(
      `SELECT u.id, count(m.id)::int AS n,
              bool_and(u.reply_to IS NULL OR m.ticket_id = (SELECT ticket_id FROM email_inbound WHERE message_id = u.reply_to)) AS threaded
         FROM unnest($1::text[], $2::text[]) AS u(id, reply_to)
         LEFT JOIN email_inbound i ON i.message_id = u.id
         LEFT JOIN messages m ON m.id = i.ticket_message_id
        GROUP BY u.id`,
      [mails.map((m) => m.messageId), mails.map((m) => m.inReplyTo)],
    );
    const lost = rows.filter((r) => r.n === 0).length;
    const duplicated = rows.filter((r) => r.n > 1).length;
    const misthreaded = rows.filter((r) => r.n > 0 && r.threaded === false).length;
    progress(`tend ${tend.perSecond.toFixed(0)}/s (${tend.failures} refused), bare ${bare.perSecond.toFixed(0)}/s (${bare.failures} refused), mis-threaded ${misthreaded}`);
    metric('email_ingest_per_s', Math.round(tend.perSecond));
    metric('email_ingest_ratio', tend.perSecond / bare.perSecond);
    metric('email_smtp_p99_ms', percentile(timings, 99));
    metric('email_lost', lost);
    metric('email_duplicated', duplicated);
  } finally {
    await db.end();
    await database.drop();
  }
}
