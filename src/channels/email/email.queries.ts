import type { Queryable, Row } from '../../db/pool.ts';

export interface Mailbox {
  id: number;
  address: string;
  name: string;
  teamId: number | null;
  inbound: 'smtp' | 'imap';
  imap: { host: string | null; port: number | null; tls: boolean; user: string | null; folder: string; after: 'seen' | 'move'; moveTo: string | null };
  imapUidValidity: number | null;
  imapLastUid: number;
  smtp: { host: string | null; port: number | null; secure: boolean; user: string | null };
  /** Sealed; only the channel code unseals it. */
  credentials: string | null;
  active: boolean;
  status: 'ok' | 'failed';
  lastError: string | null;
  lastErrorAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const MAILBOX_COLUMNS = `id, address::text AS address, name, team_id, inbound, imap_host, imap_port, imap_tls, imap_user, imap_folder, imap_after,
  imap_move_to, imap_uid_validity, imap_last_uid, smtp_host, smtp_port, smtp_secure, smtp_user, credentials, active, status,
  last_error, last_error_at, created_at, updated_at`;

const toMailbox = (r: Row): Mailbox => ({
  id: r.id,
  address: r.address,
  name: r.name,
  teamId: r.team_id,
  inbound: r.inbound,
  imap: { host: r.imap_host, port: r.imap_port, tls: r.imap_tls, user: r.imap_user, folder: r.imap_folder, after: r.imap_after, moveTo: r.imap_move_to },
  imapUidValidity: r.imap_uid_validity,
  imapLastUid: r.imap_last_uid,
  smtp: { host: r.smtp_host, port: r.smtp_port, secure: r.smtp_secure, user: r.smtp_user },
  credentials: r.credentials,
  active: r.active,
  status: r.status,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The columns a mailbox is written with; each key is a column name. */
export interface MailboxColumns {
  address?: string;
  name?: string;
  team_id?: number | null;
  inbound?: 'smtp' | 'imap';
  imap_host?: string | null;
  imap_port?: number | null;
  imap_tls?: boolean;
  imap_user?: string | null;
  imap_folder?: string;
  imap_after?: 'seen' | 'move';
  imap_move_to?: string | null;
  smtp_host?: string | null;
  smtp_port?: number | null;
  smtp_secure?: boolean;
  smtp_user?: string | null;
  credentials?: string | null;
  active?: boolean;
}

export async function insertMailbox(tx: Queryable, columns: MailboxColumns): Promise<Mailbox> {
  const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
  const { rows } = await tx.query(
    `INSERT INTO email_mailboxes (${entries.map(([c]) => c).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})
     RETURNING ${MAILBOX_COLUMNS}`,
    entries.map(([, v]) => v),
  );
  return toMailbox(rows[0]);
}

export async function updateMailboxRow(tx: Queryable, id: number, columns: MailboxColumns): Promise<Mailbox | null> {
  const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
  const sets = [...entries.map(([c], i) => `${c} = $${i + 2}`), 'updated_at = now()'];
  // Changing where a mailbox reads from starts its failure state afresh.
  const { rows } = await tx.query(
    `UPDATE email_mailboxes SET ${sets.join(', ')}, status = 'ok', last_error = NULL WHERE id = $1 RETURNING ${MAILBOX_COLUMNS}`,
    [id, ...entries.map(([, v]) => v)],
  );
  return rows[0] ? toMailbox(rows[0]) : null;
}

export async function deleteMailboxRow(tx: Queryable, id: number): Promise<boolean> {
  const result = await tx.query(`DELETE FROM email_mailboxes WHERE id = $1`, [id]);
  return (result.rowCount ?? 0) > 0;
}

export async function selectMailbox(db: Queryable, id: number): Promise<Mailbox | null> {
  const { rows } = await db.query(`SELECT ${MAILBOX_COLUMNS} FROM email_mailboxes WHERE id = $1`, [id]);
  return rows[0] ? toMailbox(rows[0]) : null;
}

export async function selectMailboxes(db: Queryable, filter: { inbound?: 'smtp' | 'imap'; activeOnly?: boolean } = {}): Promise<Mailbox[]> {
  const { rows } = await db.query(
    `SELECT ${MAILBOX_COLUMNS} FROM email_mailboxes WHERE ($1::text IS NULL OR inbound = $1) AND (NOT $2 OR active) ORDER BY id`,
    [filter.inbound ?? null, filter.activeOnly ?? false],
  );
  return rows.map(toMailbox);
}

/** The active mailbox a recipient address delivers to; `local+tag@domain` reaches `local@domain`. */
export async function selectMailboxForRecipient(db: Queryable, address: string): Promise<{ id: number; teamId: number | null } | null> {
  const { rows } = await db.query(
    `SELECT id, team_id FROM email_mailboxes WHERE active AND address IN ($1::citext, regexp_replace($1, '\\+[^@]*@', '@')::citext) LIMIT 1`,
    [address],
  );
  return rows[0] ? { id: rows[0].id, teamId: rows[0].team_id } : null;
}

export async function recordMailboxError(db: Queryable, id: number, error: string | null): Promise<void> {
  await db.query(
    `UPDATE email_mailboxes SET status = CASE WHEN $2::text IS NULL THEN 'ok' ELSE 'failed' END, last_error = $2,
            last_error_at = CASE WHEN $2::text IS NULL THEN last_error_at ELSE now() END
      WHERE id = $1 AND (status IS DISTINCT FROM CASE WHEN $2::text IS NULL THEN 'ok' ELSE 'failed' END OR last_error IS DISTINCT FROM $2)`,
    [id, error],
  );
}

export async function saveImapPosition(db: Queryable, id: number, uidValidity: number, lastUid: number): Promise<void> {
  // Within one UIDVALIDITY the position only moves forward, even with two pollers racing.
  await db.query(
    `UPDATE email_mailboxes SET imap_last_uid = CASE WHEN imap_uid_validity = $2 THEN greatest(imap_last_uid, $3) ELSE $3 END, imap_uid_validity = $2
      WHERE id = $1`,
    [id, uidValidity, lastUid],
  );
}

// ---- inbound mail store

export interface InboundRow {
  mailboxId: number | null;
  source: 'smtp' | 'imap';
  messageId: string | null;
  contentHash: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  fromAddress: string | null;
  subject: string | null;
  raw: Buffer;
}

/** A stored mail's row, or the row of the same mail stored before. */
export interface StoredInboundRow {
  id: number;
  /** The same mail (Message-ID and content) was stored before, or earlier in this batch. */
  duplicate: boolean;
  status: string;
  ticketId: number | null;
  ticketMessageId: number | null;
}

const INBOUND_ROW_PARAMS = 9;
const inboundKey = (messageId: string | null, contentHash: string) => `${messageId ?? ''}\n${contentHash}`;

/**
 * Stores raw mails, one statement for all, except those already stored (same Message-ID and
 * content): those answer the existing row. The raw mails go as binary parameters of one VALUES
 * list, not as an array, which would have to be spelled out in hex.
 */
export async function insertInbounds(tx: Queryable, mails: InboundRow[]): Promise<StoredInboundRow[]> {
  const values = mails.map((_, r) => `(${Array.from({ length: INBOUND_ROW_PARAMS }, (_, c) => `$${r * INBOUND_ROW_PARAMS + c + 1}`).join(', ')}, 'received')`);
  const inserted = await tx.query(
    `INSERT INTO email_inbound (mailbox_id, source, message_id, content_hash, envelope_from, envelope_to, from_address, subject, raw, status)
     VALUES ${values.join(', ')}
     ON CONFLICT (coalesce(message_id, ''), content_hash) DO NOTHING RETURNING id, message_id, content_hash`,
    mails.flatMap((m) => [m.mailboxId, m.source, m.messageId, m.contentHash, m.envelopeFrom, m.envelopeTo, m.fromAddress, m.subject, m.raw]),
  );
  const fresh = new Map(inserted.rows.map((r) => [inboundKey(r.message_id, r.content_hash), r.id as number]));
  const earlier = mails.filter((m) => !fresh.has(inboundKey(m.messageId, m.contentHash)));
  const { rows } = earlier.length
    ? await tx.query(
        `SELECT i.id, i.status, i.ticket_id, i.ticket_message_id, i.message_id, i.content_hash
           FROM unnest($1::text[], $2::text[]) AS k(message_id, content_hash)
           JOIN email_inbound i ON coalesce(i.message_id, '') = coalesce(k.message_id, '') AND i.content_hash = k.content_hash`,
        [earlier.map((m) => m.messageId), earlier.map((m) => m.contentHash)],
      )
    : { rows: [] };
  const before = new Map(rows.map((r) => [inboundKey(r.message_id, r.content_hash), r]));
  const taken = new Set<number>();
  return mails.map((m) => {
    const key = inboundKey(m.messageId, m.contentHash);
    const id = fresh.get(key);
    // The same mail twice in one batch: the first is new, the second its duplicate.
    if (id !== undefined && !taken.has(id)) {
      taken.add(id);
      return { id, duplicate: false, status: 'received', ticketId: null, ticketMessageId: null };
    }
    const row = before.get(key);
    return row
      ? { id: row.id, duplicate: true, status: row.status, ticketId: row.ticket_id, ticketMessageId: row.ticket_message_id }
      : { id: id as number, duplicate: true, status: 'received', ticketId: null, ticketMessageId: null };
  });
}

/** A stored mail that waits to be filed, as it was received. */
export interface ReceivedInbound {
  id: number;
  raw: Buffer;
  source: 'smtp' | 'imap';
  mailboxId: number | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
}

export async function anyMailWaiting(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(`SELECT EXISTS (SELECT 1 FROM email_inbound WHERE status = 'received') AS waiting`);
  return rows[0].waiting;
}

/**
 * The oldest mails waiting to be filed after the one with id `after`, up to `count` of them and
 * about `bytes` of raw mail (the first one whatever its size), so that a run of large mails does not
 * all sit in memory at once.
 */
export async function selectReceivedInbounds(db: Queryable, after: number, count: number, bytes: number): Promise<ReceivedInbound[]> {
  const { rows } = await db.query(
    `SELECT i.id, i.raw, i.source, i.mailbox_id, i.envelope_from, i.envelope_to
       FROM (SELECT id, sum(pg_column_size(raw)) OVER (ORDER BY id) - pg_column_size(raw) AS before
               FROM email_inbound WHERE status = 'received' AND id > $1 ORDER BY id LIMIT $2) w
       JOIN email_inbound i USING (id)
      WHERE w.before < $3
      ORDER BY i.id`,
    [after, count, bytes],
  );
  return rows.map((r) => ({ id: r.id, raw: r.raw, source: r.source, mailboxId: r.mailbox_id, envelopeFrom: r.envelope_from, envelopeTo: r.envelope_to }));
}

/**
 * Takes received mails for filing in the caller's transaction: locks those still waiting and records
 * the sender and subject their parsing found (a sender's recent mails are counted by address).
 * Answers the ids taken; one filed meanwhile is left as it is.
 */
export async function claimReceived(tx: Queryable, mails: { id: number; fromAddress: string | null; subject: string | null }[]): Promise<Set<number>> {
  const { rows } = await tx.query(
    `UPDATE email_inbound i SET from_address = m.from_address, subject = m.subject
       FROM jsonb_to_recordset($1::jsonb) AS m(id bigint, from_address text, subject text)
      WHERE i.id = m.id AND i.status = 'received'
      RETURNING i.id`,
    [JSON.stringify(mails.map((m) => ({ id: m.id, from_address: m.fromAddress, subject: m.subject })))],
  );
  return new Set(rows.map((r) => r.id as number));
}

export interface InboundOutcome {
  status: 'processed' | 'failed' | 'ignored';
  reason: string | null;
  ticketId: number | null;
  ticketMessageId: number | null;
  bounceOfOutboxId?: number | null;
}

/** Where a filed mail joined its ticket's mail thread. */
export interface ThreadEntry {
  ticketId: number;
  /** The mail's Message-ID header, so that replies to it find the ticket. */
  header: string | null;
  messageId: number;
  mailboxId: number | null;
  /** Addresses to keep copied on replies. */
  cc: string[];
}

/** What became of one stored mail, and where it joined a ticket's mail thread when it was filed. */
export interface InboundSettlement {
  id: number;
  outcome: InboundOutcome;
  thread: ThreadEntry | null;
}

/**
 * Records what became of stored mails and threads those filed: their Message-IDs, and their
 * threads' mailbox and copies. One statement for all, as every mail takes this path once; mails of
 * one ticket are merged into one thread row first, which one INSERT could not update twice.
 */
export async function settleInbounds(tx: Queryable, settled: InboundSettlement[]): Promise<void> {
  const rows = settled.map(({ id, outcome: o, thread }) => ({
    id,
    status: o.status,
    reason: o.reason,
    ticket_id: o.ticketId,
    ticket_message_id: o.ticketMessageId,
    bounce_of_outbox_id: o.bounceOfOutboxId ?? null,
    thread_ticket_id: thread?.ticketId ?? null,
    thread_message_id: thread?.messageId ?? null,
    header: thread?.header ?? null,
    mailbox_id: thread?.mailboxId ?? null,
    cc: thread?.cc ?? [],
  }));
  await tx.query(
    `WITH o AS MATERIALIZED (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(id bigint, status text, reason text, ticket_id bigint, ticket_message_id bigint,
         bounce_of_outbox_id bigint, thread_ticket_id bigint, thread_message_id bigint, header text, mailbox_id bigint, cc text[])),
     ref AS (
       INSERT INTO email_message_refs (message_id_header, ticket_id, message_id, direction)
       SELECT header, thread_ticket_id, thread_message_id, 'in' FROM o WHERE header IS NOT NULL AND thread_ticket_id IS NOT NULL ORDER BY id
       ON CONFLICT DO NOTHING),
     thread AS (
       INSERT INTO email_threads (ticket_id, mailbox_id, cc)
       SELECT thread_ticket_id, (array_agg(mailbox_id ORDER BY id) FILTER (WHERE mailbox_id IS NOT NULL))[1],
              ARRAY(SELECT DISTINCT x FROM o AS same, unnest(same.cc) AS x WHERE same.thread_ticket_id = o.thread_ticket_id ORDER BY x)
         FROM o WHERE thread_ticket_id IS NOT NULL GROUP BY thread_ticket_id
       ON CONFLICT (ticket_id) DO UPDATE SET
         mailbox_id = coalesce(email_threads.mailbox_id, EXCLUDED.mailbox_id),
         cc = ARRAY(SELECT DISTINCT x FROM unnest(email_threads.cc || EXCLUDED.cc) AS x ORDER BY x))
     UPDATE email_inbound i SET status = o.status, reason = o.reason, ticket_id = o.ticket_id, ticket_message_id = o.ticket_message_id,
            bounce_of_outbox_id = o.bounce_of_outbox_id, processed_at = now()
       FROM o WHERE i.id = o.id`,
    [JSON.stringify(rows)],
  );
}

export interface StoredInbound {
  id: number;
  mailboxId: number | null;
  source: 'smtp' | 'imap';
  messageId: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  fromAddress: string | null;
  subject: string | null;
  status: string;
  reason: string | null;
  ticketId: number | null;
  receivedAt: Date;
}

const toStoredInbound = (r: Row): StoredInbound => ({
  id: r.id,
  mailboxId: r.mailbox_id,
  source: r.source,
  messageId: r.message_id,
  envelopeFrom: r.envelope_from,
  envelopeTo: r.envelope_to,
  fromAddress: r.from_address,
  subject: r.subject,
  status: r.status,
  reason: r.reason,
  ticketId: r.ticket_id,
  receivedAt: r.received_at,
});

const INBOUND_COLUMNS = `id, mailbox_id, source, message_id, envelope_from, envelope_to, from_address::text AS from_address, subject, status, reason, ticket_id, received_at`;

export async function selectInboundList(db: Queryable, status: string, beforeId: number | null, limit: number): Promise<StoredInbound[]> {
  const { rows } = await db.query(
    `SELECT ${INBOUND_COLUMNS} FROM email_inbound WHERE status = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [status, beforeId, limit + 1],
  );
  return rows.map(toStoredInbound);
}

export async function selectInboundForReprocess(tx: Queryable, id: number): Promise<(StoredInbound & { raw: Buffer }) | null> {
  const { rows } = await tx.query(`SELECT ${INBOUND_COLUMNS}, raw FROM email_inbound WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? { ...toStoredInbound(rows[0]), raw: rows[0].raw } : null;
}

/** The mail a message came in as, else the one it went out as; `inboundId` is set for one that came in. */
export async function selectRawForMessage(db: Queryable, messageId: number): Promise<{ raw: Buffer; inboundId: number | null } | null> {
  const { rows } = await db.query(
    `SELECT raw, id AS inbound_id FROM email_inbound WHERE ticket_message_id = $1
     UNION ALL SELECT raw, NULL FROM email_outbox WHERE message_id = $1 AND raw IS NOT NULL LIMIT 1`,
    [messageId],
  );
  return rows[0] ? { raw: rows[0].raw, inboundId: rows[0].inbound_id } : null;
}

/** What a thread shows of a message that came or went by email. */
export interface MessageMail {
  messageId: number;
  /** The mail as received, or as sent once a try composed it, is kept and can be shown. */
  source: boolean;
  /** How mailing it went, for a reply Tend mails out. */
  delivery: Pick<OutboxEntry, 'status' | 'attempts' | 'lastError' | 'to' | 'cc' | 'sentAt' | 'updatedAt'> | null;
}

/** Those of these messages that came or went by email; the others are left out. */
export async function selectMessageMails(db: Queryable, messageIds: number[]): Promise<MessageMail[]> {
  const { rows } = await db.query(
    `SELECT m.id, o.id AS outbox_id, o.status, o.attempts, o.last_error, o.to_addresses, o.cc_addresses, o.sent_at, o.updated_at,
            o.raw IS NOT NULL OR i.received AS source
       FROM unnest($1::bigint[]) AS m(id)
       LEFT JOIN email_outbox o ON o.message_id = m.id
       CROSS JOIN LATERAL (SELECT EXISTS (SELECT FROM email_inbound WHERE ticket_message_id = m.id) AS received) i
      WHERE o.id IS NOT NULL OR i.received
      ORDER BY m.id`,
    [messageIds],
  );
  return rows.map((r) => ({
    messageId: r.id,
    source: r.source,
    delivery:
      r.outbox_id === null
        ? null
        : { status: r.status, attempts: r.attempts, lastError: r.last_error, to: r.to_addresses, cc: r.cc_addresses, sentAt: r.sent_at, updatedAt: r.updated_at },
  }));
}

export async function selectInboundTarget(db: Queryable, inboundId: number): Promise<{ ticketId: number; messageId: number } | null> {
  const { rows } = await db.query(`SELECT ticket_id, ticket_message_id FROM email_inbound WHERE id = $1 AND ticket_message_id IS NOT NULL`, [inboundId]);
  return rows[0] ? { ticketId: rows[0].ticket_id, messageId: rows[0].ticket_message_id } : null;
}

/** What filing a mail needs to know about its sender and mailbox before it writes anything. */
export interface SenderScreen {
  /** Every mailbox address, lower-cased: mail from one of them is Tend's own. */
  ownAddresses: Set<string>;
  /** The sender or their domain is on the blocklist. */
  blocked: boolean;
  /** Mails stored from this sender in the last `minutes`, this one included. */
  recentMails: number;
  mailbox: { id: number; teamId: number | null } | null;
}

export async function screenSender(db: Queryable, address: string, minutes: number, mailboxId: number | null): Promise<SenderScreen> {
  const { rows } = await db.query(
    `SELECT ARRAY(SELECT lower(address::text) FROM email_mailboxes) AS own_addresses,
            EXISTS (SELECT 1 FROM email_blocklist WHERE pattern IN ($1::citext, $2::citext)) AS blocked,
            (SELECT count(*)::int FROM email_inbound WHERE from_address = $1 AND received_at > now() - make_interval(mins => $3)) AS recent_mails,
            (SELECT json_build_object('id', id, 'teamId', team_id) FROM email_mailboxes WHERE id = $4) AS mailbox`,
    [address, address.split('@')[1] ?? '', minutes, mailboxId],
  );
  const r = rows[0];
  return { ownAddresses: new Set(r.own_addresses), blocked: r.blocked, recentMails: r.recent_mails, mailbox: r.mailbox };
}

// ---- threading

/** The ticket that the newest of these Message-IDs belongs to. */
export async function selectTicketByMessageIds(db: Queryable, ids: string[]): Promise<number | null> {
  if (ids.length === 0) return null;
  const { rows } = await db.query(
    `SELECT r.ticket_id FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) JOIN email_message_refs r ON r.message_id_header = u.id
      ORDER BY u.n LIMIT 1`,
    [ids],
  );
  return rows[0]?.ticket_id ?? null;
}

export async function insertMessageRef(tx: Queryable, header: string, ticketId: number, messageId: number | null, direction: 'in' | 'out'): Promise<void> {
  await tx.query(
    `INSERT INTO email_message_refs (message_id_header, ticket_id, message_id, direction) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [header, ticketId, messageId, direction],
  );
}

/** The ticket's Message-IDs, oldest first: the References of a reply. */
export async function selectThreadMessageIds(db: Queryable, ticketId: number): Promise<{ header: string; direction: 'in' | 'out' }[]> {
  const { rows } = await db.query(
    `SELECT message_id_header, direction FROM email_message_refs WHERE ticket_id = $1 ORDER BY created_at, message_id NULLS FIRST`,
    [ticketId],
  );
  return rows.map((r) => ({ header: r.message_id_header, direction: r.direction }));
}

export interface EmailThread {
  ticketId: number;
  mailboxId: number | null;
  cc: string[];
  followUpTicketId: number | null;
}

export async function selectThread(db: Queryable, ticketId: number, lock = false): Promise<EmailThread | null> {
  const { rows } = await db.query(`SELECT ticket_id, mailbox_id, cc, follow_up_ticket_id FROM email_threads WHERE ticket_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [ticketId]);
  const r = rows[0];
  return r ? { ticketId: r.ticket_id, mailboxId: r.mailbox_id, cc: r.cc, followUpTicketId: r.follow_up_ticket_id } : null;
}

/** Who is copied on a ticket's replies, in place of whoever was; the thread is started when there is none. */
export async function upsertThreadCc(tx: Queryable, ticketId: number, cc: string[]): Promise<void> {
  await tx.query(`INSERT INTO email_threads (ticket_id, cc) VALUES ($1, $2) ON CONFLICT (ticket_id) DO UPDATE SET cc = EXCLUDED.cc`, [ticketId, cc]);
}

export async function setFollowUp(tx: Queryable, ticketId: number, followUpTicketId: number): Promise<void> {
  await tx.query(
    `INSERT INTO email_threads (ticket_id, follow_up_ticket_id) VALUES ($1, $2)
     ON CONFLICT (ticket_id) DO UPDATE SET follow_up_ticket_id = EXCLUDED.follow_up_ticket_id`,
    [ticketId, followUpTicketId],
  );
}

// ---- blocklist

export interface BlockedSender {
  id: number;
  pattern: string;
  reason: string;
  createdAt: Date;
}

const toBlocked = (r: Row): BlockedSender => ({ id: r.id, pattern: r.pattern, reason: r.reason, createdAt: r.created_at });

export async function insertBlocked(tx: Queryable, pattern: string, reason: string): Promise<BlockedSender | null> {
  const { rows } = await tx.query(
    `INSERT INTO email_blocklist (pattern, reason) VALUES ($1, $2) ON CONFLICT (pattern) DO NOTHING RETURNING id, pattern::text AS pattern, reason, created_at`,
    [pattern, reason],
  );
  return rows[0] ? toBlocked(rows[0]) : null;
}

export async function deleteBlocked(tx: Queryable, id: number): Promise<BlockedSender | null> {
  const { rows } = await tx.query(`DELETE FROM email_blocklist WHERE id = $1 RETURNING id, pattern::text AS pattern, reason, created_at`, [id]);
  return rows[0] ? toBlocked(rows[0]) : null;
}

export async function selectBlocked(db: Queryable): Promise<BlockedSender[]> {
  const { rows } = await db.query(`SELECT id, pattern::text AS pattern, reason, created_at FROM email_blocklist ORDER BY pattern`);
  return rows.map(toBlocked);
}

// ---- outbox

export interface OutboxEntry {
  id: number;
  messageId: number;
  ticketId: number;
  mailboxId: number | null;
  messageIdHeader: string;
  to: string[];
  cc: string[];
  status: 'queued' | 'sent' | 'failed' | 'bounced';
  attempts: number;
  lastError: string | null;
  smtpResponse: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

const OUTBOX_COLUMNS = `id, message_id, ticket_id, mailbox_id, message_id_header, to_addresses, cc_addresses, status, attempts, last_error,
  smtp_response, created_at, updated_at, sent_at`;

const toOutbox = (r: Row): OutboxEntry => ({
  id: r.id,
  messageId: r.message_id,
  ticketId: r.ticket_id,
  mailboxId: r.mailbox_id,
  messageIdHeader: r.message_id_header,
  to: r.to_addresses,
  cc: r.cc_addresses,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  smtpResponse: r.smtp_response,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  sentAt: r.sent_at,
});

/** Null when this message already has its outbox row: a message is mailed once. */
export async function insertOutbox(
  tx: Queryable,
  o: { messageId: number; ticketId: number; mailboxId: number | null; messageIdHeader: string; to: string[]; cc: string[]; raw?: Buffer },
): Promise<number | null> {
  const { rows } = await tx.query(
    `INSERT INTO email_outbox (message_id, ticket_id, mailbox_id, message_id_header, to_addresses, cc_addresses, raw)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [o.messageId, o.ticketId, o.mailboxId, o.messageIdHeader, o.to, o.cc, o.raw ?? null],
  );
  return rows[0]?.id ?? null;
}

/** The mail as composed for an earlier try, or up front for system mail; null when never composed. */
export async function selectOutboxRaw(db: Queryable, id: number): Promise<Buffer | null> {
  const { rows } = await db.query(`SELECT raw FROM email_outbox WHERE id = $1`, [id]);
  return rows[0]?.raw ?? null;
}

export async function selectOutbox(db: Queryable, id: number, lock = false): Promise<OutboxEntry | null> {
  const { rows } = await db.query(`SELECT ${OUTBOX_COLUMNS} FROM email_outbox WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toOutbox(rows[0]) : null;
}

export async function selectOutboxForMessage(db: Queryable, messageId: number, lock = false): Promise<OutboxEntry | null> {
  const { rows } = await db.query(`SELECT ${OUTBOX_COLUMNS} FROM email_outbox WHERE message_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [messageId]);
  return rows[0] ? toOutbox(rows[0]) : null;
}

/** Puts a row back in line to be mailed. */
export async function requeueOutbox(tx: Queryable, id: number): Promise<void> {
  await tx.query(`UPDATE email_outbox SET status = 'queued', updated_at = now() WHERE id = $1`, [id]);
}

export async function selectOutboxByHeaders(db: Queryable, headers: string[]): Promise<OutboxEntry | null> {
  if (headers.length === 0) return null;
  const { rows } = await db.query(`SELECT ${OUTBOX_COLUMNS} FROM email_outbox WHERE message_id_header = ANY($1::text[]) LIMIT 1`, [headers]);
  return rows[0] ? toOutbox(rows[0]) : null;
}

export async function recordOutboxAttempt(
  db: Queryable,
  id: number,
  outcome: { status: OutboxEntry['status']; error: string | null; smtpResponse?: string | null; raw?: Buffer | null },
): Promise<void> {
  await db.query(
    `UPDATE email_outbox SET status = $2, last_error = $3, smtp_response = coalesce($4, smtp_response), raw = coalesce($5, raw),
            attempts = attempts + CASE WHEN $2 = 'bounced' THEN 0 ELSE 1 END,
            sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END, updated_at = now()
      WHERE id = $1`,
    [id, outcome.status, outcome.error, outcome.smtpResponse ?? null, outcome.raw ?? null],
  );
}

/** The stored attachment that an inline `cid:` reference of an inbound mail names. */
export async function selectInlineAttachmentId(db: Queryable, inboundId: number, contentId: string): Promise<number | null> {
  const { rows } = await db.query(
    `SELECT a.id FROM email_inbound i JOIN attachments a ON a.message_id = i.ticket_message_id WHERE i.id = $1 AND a.content_id = $2 ORDER BY a.id LIMIT 1`,
    [inboundId, contentId],
  );
  return rows[0]?.id ?? null;
}
