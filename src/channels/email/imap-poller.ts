import { ImapFlow } from 'imapflow';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from '../../db/pool.ts';
import { type Mailbox, recordMailboxError, saveImapPosition, selectMailbox, selectMailboxes } from './email.queries.ts';
import { ingestMail } from './ingest-mail.ts';
import { mailboxSecrets } from './manage-mailboxes.ts';

export interface ImapTiming {
  /** Poll interval when the server pushes nothing (no IDLE, or a quiet IDLE), and the wait before retrying a failed mailbox. */
  pollMs: number;
}

interface Stoppable {
  stop(): Promise<void>;
}

/** A wait that `wake()` or `stop()` cuts short; a wake that comes while nobody waits cuts the next wait short. */
function alarm() {
  let ring: (() => void) | null = null;
  let pending = false;
  return {
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        if (pending) {
          pending = false;
          resolve();
          return;
        }
        const timer = setTimeout(() => done(), ms);
        const done = () => {
          clearTimeout(timer);
          ring = null;
          resolve();
        };
        ring = done;
      }),
    wake: () => {
      if (ring) ring();
      else pending = true;
    },
  };
}

const describeError = (mailbox: Mailbox, error: unknown) => {
  const e = error as { authenticationFailed?: boolean; responseText?: string; code?: string; message?: string };
  if (e.authenticationFailed) return `IMAP login to ${mailbox.imap.host} as ${mailbox.imap.user} failed: ${e.responseText ?? 'wrong user name or password'}`;
  return `IMAP ${mailbox.imap.host}:${mailbox.imap.port}: ${e.responseText ?? e.message ?? e.code ?? String(error)}`;
};

/**
 * Takes every new mail of one IMAP mailbox into Tend. Position (UIDVALIDITY, last UID) is kept in
 * Postgres and moved on only after a mail is committed; a mail is flagged \Seen or moved only
 * after that too. A changed UIDVALIDITY means the server renumbered: everything is fetched again
 * and the content-hash dedupe keeps what was already taken from being filed twice.
 */
export function startImapPoller(db: Db, key: Buffer, mailboxId: number, timing: ImapTiming, log: Logger): Stoppable {
  let stopped = false;
  let client: ImapFlow | null = null;
  const sleeper = alarm();

  async function takeNewMail(imap: ImapFlow, mailbox: Mailbox): Promise<void> {
    const opened = imap.mailbox;
    if (!opened) return;
    const uidValidity = Number(opened.uidValidity);
    const current = await selectMailbox(db, mailbox.id);
    if (!current) return;
    let lastUid = current.imapUidValidity === uidValidity ? current.imapLastUid : 0;
    if (current.imapUidValidity !== uidValidity) await saveImapPosition(db, mailbox.id, uidValidity, 0);
    const found = (await imap.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
    for (const uid of found.filter((u) => u > lastUid).sort((a, b) => a - b)) {
      if (stopped) return;
      const message = await imap.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      await ingestMail(db, key, { raw: message.source, source: 'imap', mailboxId: mailbox.id, envelopeFrom: null, envelopeTo: [mailbox.address] });
      if (mailbox.imap.after === 'move' && mailbox.imap.moveTo) await imap.messageMove(String(uid), mailbox.imap.moveTo, { uid: true });
      else await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      await saveImapPosition(db, mailbox.id, uidValidity, uid);
      lastUid = uid;
    }
  }

  async function session(mailbox: Mailbox): Promise<void> {
    const imap = new ImapFlow({
      host: mailbox.imap.host as string,
      port: mailbox.imap.port ?? 993,
      secure: mailbox.imap.tls,
      auth: { user: mailbox.imap.user as string, pass: mailboxSecrets(key, mailbox).imapPassword ?? '' },
      logger: false,
    });
    client = imap;
    imap.on('error', (error: Error) => log.warn({ err: error, mailboxId }, 'imap: connection error'));
    imap.on('exists', () => sleeper.wake());
    try {
      await imap.connect();
      await imap.mailboxOpen(mailbox.imap.folder);
      await recordMailboxError(db, mailbox.id, null);
      while (!stopped && imap.usable) {
        await takeNewMail(imap, mailbox);
        // The server's IDLE push ('exists') wakes this early; otherwise poll.
        await sleeper.wait(timing.pollMs);
      }
    } finally {
      client = null;
      await imap.logout().catch(() => imap.close());
    }
  }

  const loop = (async () => {
    while (!stopped) {
      const mailbox = await selectMailbox(db, mailboxId).catch(() => null);
      if (!mailbox || !mailbox.active || mailbox.inbound !== 'imap') return;
      try {
        await session(mailbox);
      } catch (error) {
        if (stopped) return;
        const message = describeError(mailbox, error);
        log.warn({ mailboxId }, message);
        await recordMailboxError(db, mailboxId, message).catch(() => {});
        await sleeper.wait(timing.pollMs);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      sleeper.wake();
      client?.close();
      await loop;
    },
  };
}

/** Advisory-lock class of IMAP mailbox leadership; the second key is the mailbox id. */
const IMAP_LEADER_LOCK_CLASS = 7301;

/**
 * Keeps one poller running per active IMAP mailbox across all Tend processes, following mailboxes
 * as admins add, change or remove them. A process polls a mailbox only while it holds that
 * mailbox's session-level advisory lock on a connection of its own: two processes never fetch
 * and flag the same mailbox at once, and when the leader dies its connection (and so its locks)
 * goes with it, and another process takes over on its next round.
 */
export function startImapPollers(db: Db, key: Buffer, timing: ImapTiming, log: Logger): Stoppable {
  const running = new Map<number, { poller: Stoppable; updatedAt: number }>();
  let leader: pg.PoolClient | null = null;
  let stopped = false;
  const sleeper = alarm();

  async function stopPoller(id: number): Promise<void> {
    const entry = running.get(id);
    if (!entry) return;
    running.delete(id);
    await entry.poller.stop();
    await leader?.query('SELECT pg_advisory_unlock($1, $2)', [IMAP_LEADER_LOCK_CLASS, id]).catch(() => {});
  }

  /**
   * Stops every poller, then gives the locks back: on a live connection at once (so another process
   * can take over on its next round), on a broken one by closing it (a lost connection has dropped them).
   */
  async function dropLeadership(connectionAlive: boolean): Promise<void> {
    const held = leader;
    leader = null;
    await Promise.all([...running.keys()].map((id) => stopPoller(id)));
    if (!held) return;
    if (!connectionAlive) return held.release(true);
    await held.query('SELECT pg_advisory_unlock_all()').then(
      () => held.release(),
      () => held.release(true),
    );
  }

  async function round(): Promise<void> {
    const mailboxes = await selectMailboxes(db, { inbound: 'imap', activeOnly: true });
    const wanted = new Map(mailboxes.map((m) => [m.id, m.updatedAt.getTime()]));
    for (const [id, entry] of running) if (wanted.get(id) !== entry.updatedAt) await stopPoller(id);
    const unled = [...wanted.keys()].filter((id) => !running.has(id));
    if (unled.length === 0) return;
    if (!leader) {
      const client = await db.connect();
      client.on('error', (error: Error) => {
        log.warn({ err: error }, 'imap: leadership connection lost');
        if (leader === client) void dropLeadership(false);
      });
      leader = client;
    }
    const { rows } = await leader.query<{ id: number }>(
      'SELECT id FROM unnest($2::bigint[]) AS id WHERE pg_try_advisory_lock($1, id::int)',
      [IMAP_LEADER_LOCK_CLASS, unled],
    );
    for (const { id } of rows) running.set(id, { poller: startImapPoller(db, key, id, timing, log), updatedAt: wanted.get(id) as number });
  }

  const loop = (async () => {
    while (!stopped) {
      await round().catch(async (error: unknown) => {
        log.warn({ err: error }, 'imap: could not follow mailboxes');
        await dropLeadership(false);
      });
      await sleeper.wait(timing.pollMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      sleeper.wake();
      await loop;
      await dropLeadership(true);
    },
  };
}
