import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { testKey } from './email-test-helpers.ts';
import { startImapPoller, startImapPollers } from './imap-poller.ts';
import { eventually } from '../../testing/eventually.ts';

/** A real Dovecot on a loopback port, with one user whose Maildir lives in a temp dir. */
class Dovecot {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'tend-dovecot-'));
  port = 0;
  private proc: ChildProcess | null = null;

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    chmodSync(this.dir, 0o755);
    for (const d of ['run', 'mail']) mkdirSync(path.join(this.dir, d), { recursive: true });
    writeFileSync(path.join(this.dir, 'passwd'), 'agent@imap.test:{PLAIN}right-password::::::\n');
    writeFileSync(
      path.join(this.dir, 'dovecot.conf'),
      `base_dir = ${this.dir}/run
state_dir = ${this.dir}/run
log_path = ${this.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${this.dir}/mail/%u
passdb {
  driver = passwd-file
  args = ${this.dir}/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${this.dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
    );
    // The mail user is `nobody`: Dovecot refuses to serve mail as root.
    execFileSync('chown', ['-R', 'nobody:nogroup', path.join(this.dir, 'mail')]);
    this.proc = spawn('dovecot', ['-F', '-c', path.join(this.dir, 'dovecot.conf')], { stdio: 'ignore' });
    await waitForPort(this.port);
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    await exited;
  }

  /** Makes Dovecot number the mailbox afresh, as after a server migration: a new UIDVALIDITY, same mails. */
  renumber(): void {
    const box = path.join(this.dir, 'mail', 'agent@imap.test');
    for (const file of readdirSync(box)) if (file.startsWith('dovecot')) rmSync(path.join(box, file), { recursive: true, force: true });
  }

  async append(raw: string): Promise<void> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.port, secure: false, auth: { user: 'agent@imap.test', pass: 'right-password' }, logger: false });
    await client.connect();
    await client.append('INBOX', raw);
    await client.logout();
  }

  async seenCount(): Promise<number> {
    const client = new ImapFlow({ host: '127.0.0.1', port: this.port, secure: false, auth: { user: 'agent@imap.test', pass: 'right-password' }, logger: false });
    await client.connect();
    await client.mailboxOpen('INBOX');
    const seen = (await client.search({ seen: true }, { uid: true })) || [];
    await client.logout();
    return seen.length;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    }).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

let t: TestTend;
const dovecot = new Dovecot();
let mailboxId: number;
const log = pino({ level: 'silent' });
const timing = { pollMs: 300 };

const mail = (id: string, subject: string) =>
  `From: Ivy <ivy@customer.test>\r\nTo: agent@imap.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nDate: Tue, 1 Jul 2025 10:00:00 +0000\r\n\r\n${subject} body.\r\n`;

const storedCount = async () => (await t.db.query(`SELECT count(*)::int AS n FROM email_inbound WHERE mailbox_id = $1`, [mailboxId])).rows[0].n as number;
const messageCount = async () =>
  (await t.db.query(`SELECT count(*)::int AS n FROM email_inbound i JOIN messages m ON m.id = i.ticket_message_id WHERE i.mailbox_id = $1`, [mailboxId])).rows[0].n as number;

beforeAll(async () => {
  t = await createTestTend();
  await dovecot.start();
  const created = await t.admin.post('/api/v1/email/mailboxes', {
    address: 'agent@imap.test',
    inbound: 'imap',
    imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: 'agent@imap.test', password: 'right-password' },
  });
  expect(created.status).toBe(201);
  mailboxId = created.body.id;
});
afterAll(async () => {
  await dovecot.stop();
  await t.close();
  rmSync(dovecot.dir, { recursive: true, force: true });
});

describe('IMAP mailbox against a real Dovecot', () => {
  it('takes new mail, marks it seen only once stored, and keeps its place across a restart', async () => {
    const tag = randomBytes(4).toString('hex');
    await dovecot.append(mail(`a-${tag}@customer.test`, 'First over IMAP'));
    const poller = startImapPoller(t.db, testKey(), mailboxId, timing, log);
    await eventually(async () => (await messageCount()) === 1);
    // Arrives while connected: IDLE (or the poll) brings it in.
    await dovecot.append(mail(`b-${tag}@customer.test`, 'Second over IMAP'));
    await eventually(async () => (await messageCount()) === 2);
    await poller.stop();
    expect(await dovecot.seenCount()).toBe(2);

    // Mail that arrives while Tend is down is taken after the restart; nothing twice.
    await dovecot.append(mail(`c-${tag}@customer.test`, 'Third over IMAP'));
    const restarted = startImapPoller(t.db, testKey(), mailboxId, timing, log);
    await eventually(async () => (await messageCount()) === 3);
    await restarted.stop();
    const { rows } = await t.db.query(`SELECT imap_last_uid FROM email_mailboxes WHERE id = $1`, [mailboxId]);
    expect(rows[0].imap_last_uid).toBe(3);
  });

  it('re-reads everything after a UIDVALIDITY change without filing anything twice', async () => {
    await dovecot.stop();
    dovecot.renumber();
    await dovecot.start();
    const before = await t.db.query(`SELECT imap_uid_validity FROM email_mailboxes WHERE id = $1`, [mailboxId]);
    const tag = randomBytes(4).toString('hex');
    await dovecot.append(mail(`d-${tag}@customer.test`, 'After renumbering'));
    const poller = startImapPoller(t.db, testKey(), mailboxId, timing, log);
    await eventually(async () => (await messageCount()) === 4);
    await eventually(async () => (await t.db.query(`SELECT imap_last_uid FROM email_mailboxes WHERE id = $1`, [mailboxId])).rows[0].imap_last_uid === 4);
    await poller.stop();
    const after = await t.db.query(`SELECT imap_uid_validity FROM email_mailboxes WHERE id = $1`, [mailboxId]);
    expect(after.rows[0].imap_uid_validity).not.toBe(before.rows[0].imap_uid_validity);
    expect(await storedCount()).toBe(4);
  });

  it('marks the mailbox failed with a clear message on a wrong password, and recovers once it is fixed', async () => {
    expect((await t.admin.patch(`/api/v1/email/mailboxes/${mailboxId}`, { imap: { host: '127.0.0.1', port: dovecot.port, tls: false, user: 'agent@imap.test', password: 'wrong' } })).status).toBe(200);
    const poller = startImapPoller(t.db, testKey(), mailboxId, timing, log);
    const failed = await eventually(async () => {
      const box = (await t.admin.get('/api/v1/email/mailboxes')).body.data.find((m: { id: number }) => m.id === mailboxId);
      return box.status === 'failed' && box;
    });
    expect(failed.lastError).toMatch(/IMAP login to 127\.0\.0\.1 as agent@imap\.test failed/);
    // Fixed while the poller keeps retrying: the next try succeeds and takes the new mail.
    await t.db.query(`UPDATE email_mailboxes SET credentials = $2 WHERE id = $1`, [
      mailboxId,
      (await import('./secret-box.ts')).seal(testKey(), JSON.stringify({ imapPassword: 'right-password' })),
    ]);
    await dovecot.append(mail(`e-${randomBytes(4).toString('hex')}@customer.test`, 'After the fix'));
    await eventually(async () => (await messageCount()) === 5);
    await poller.stop();
    const box = (await t.admin.get('/api/v1/email/mailboxes')).body.data.find((m: { id: number }) => m.id === mailboxId);
    expect(box).toMatchObject({ status: 'ok', lastError: null });
  });

  it('polls a mailbox from one process at a time, and hands it over when that process stops', async () => {
    const leaders = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 7301 AND objid = $1 AND granted`, [mailboxId])).rows[0].n as number;
    const first = startImapPollers(t.db, testKey(), timing, log);
    await eventually(async () => (await leaders()) === 1);
    const second = startImapPollers(t.db, testKey(), timing, log);
    await dovecot.append(mail(`f-${randomBytes(4).toString('hex')}@customer.test`, 'While two processes run'));
    await eventually(async () => (await messageCount()) === 6);
    // Several rounds of the second process later, still one leader.
    await new Promise((resolve) => setTimeout(resolve, timing.pollMs * 4));
    expect(await leaders()).toBe(1);

    await first.stop();
    await dovecot.append(mail(`g-${randomBytes(4).toString('hex')}@customer.test`, 'After the leader left'));
    await eventually(async () => (await messageCount()) === 7);
    expect(await leaders()).toBe(1);
    await second.stop();
    expect(await leaders()).toBe(0);
    expect(await storedCount()).toBe(7);
  });
});
