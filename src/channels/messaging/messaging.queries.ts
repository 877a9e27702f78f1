import type { Queryable, Row } from '../../db/pool.ts';
import type { DeliveryStatus, MessagingChannel, MessagingKind, OutboxEntry } from './messaging.types.ts';

const CHANNEL_COLUMNS = 'id, kind, name, account_id, address, api_base_url, team_id, credentials, active, created_at, updated_at';

const toChannel = (r: Row): MessagingChannel => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  accountId: r.account_id,
  address: r.address,
  apiBaseUrl: r.api_base_url,
  teamId: r.team_id,
  credentials: r.credentials,
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The columns a channel is written with; each key is a column name. */
export interface ChannelColumns {
  kind?: MessagingKind;
  name?: string;
  account_id?: string;
  address?: string;
  api_base_url?: string | null;
  team_id?: number | null;
  credentials?: string;
  active?: boolean;
}

export async function insertChannel(tx: Queryable, columns: ChannelColumns): Promise<MessagingChannel> {
  const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
  const { rows } = await tx.query(
    `INSERT INTO messaging_channels (${entries.map(([c]) => c).join(', ')}) VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})
     RETURNING ${CHANNEL_COLUMNS}`,
    entries.map(([, v]) => v),
  );
  return toChannel(rows[0]);
}

export async function updateChannelRow(tx: Queryable, id: number, columns: ChannelColumns): Promise<MessagingChannel | null> {
  const entries = Object.entries(columns).filter(([, v]) => v !== undefined);
  const sets = [...entries.map(([c], i) => `${c} = $${i + 2}`), 'updated_at = now()'];
  const { rows } = await tx.query(`UPDATE messaging_channels SET ${sets.join(', ')} WHERE id = $1 RETURNING ${CHANNEL_COLUMNS}`, [id, ...entries.map(([, v]) => v)]);
  return rows[0] ? toChannel(rows[0]) : null;
}

export async function deleteChannelRow(tx: Queryable, id: number): Promise<boolean> {
  return ((await tx.query(`DELETE FROM messaging_channels WHERE id = $1`, [id])).rowCount ?? 0) > 0;
}

export async function selectChannel(db: Queryable, id: number, lock = false): Promise<MessagingChannel | null> {
  const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM messaging_channels WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toChannel(rows[0]) : null;
}

export async function selectChannels(db: Queryable): Promise<MessagingChannel[]> {
  const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM messaging_channels ORDER BY id`);
  return rows.map(toChannel);
}

/** Stores a provider message once; null when it was stored before (a replayed webhook). */
export async function insertInbound(tx: Queryable, channelId: number, providerMessageId: string, payload: unknown): Promise<number | null> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO messaging_inbound (channel_id, provider_message_id, payload) VALUES ($1, $2, $3)
     ON CONFLICT (channel_id, provider_message_id) DO NOTHING RETURNING id`,
    [channelId, providerMessageId, JSON.stringify(payload)],
  );
  return rows[0]?.id ?? null;
}

export async function setInboundFiled(tx: Queryable, id: number, ticketId: number, messageId: number): Promise<void> {
  await tx.query(`UPDATE messaging_inbound SET ticket_id = $2, message_id = $3 WHERE id = $1`, [id, ticketId, messageId]);
}

/** Serialises first contacts from one person, so two messages at once open one ticket. */
export async function lockConversation(tx: Queryable, channelId: number, contact: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('messaging:' || $1::text || ':' || $2, 0))`, [channelId, contact]);
}

export interface Conversation {
  channelId: number;
  contact: string;
  customerId: number;
  ticketId: number;
  lastInboundAt: Date;
}

const toConversation = (r: Row): Conversation => ({ channelId: r.channel_id, contact: r.contact, customerId: r.customer_id, ticketId: r.ticket_id, lastInboundAt: r.last_inbound_at });

export async function selectConversation(db: Queryable, channelId: number, contact: string): Promise<Conversation | null> {
  const { rows } = await db.query(`SELECT channel_id, contact, customer_id, ticket_id, last_inbound_at FROM messaging_conversations WHERE channel_id = $1 AND contact = $2`, [channelId, contact]);
  return rows[0] ? toConversation(rows[0]) : null;
}

/** The conversation a ticket carries; the newest when a contact's tickets were merged. */
export async function selectConversationOfTicket(db: Queryable, ticketId: number): Promise<Conversation | null> {
  const { rows } = await db.query(
    `SELECT channel_id, contact, customer_id, ticket_id, last_inbound_at FROM messaging_conversations WHERE ticket_id = $1 ORDER BY last_inbound_at DESC LIMIT 1`,
    [ticketId],
  );
  return rows[0] ? toConversation(rows[0]) : null;
}

export async function upsertConversation(tx: Queryable, c: Conversation): Promise<void> {
  await tx.query(
    `INSERT INTO messaging_conversations (channel_id, contact, customer_id, ticket_id, last_inbound_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (channel_id, contact) DO UPDATE SET customer_id = $3, ticket_id = $4, last_inbound_at = greatest(messaging_conversations.last_inbound_at, $5)`,
    [c.channelId, c.contact, c.customerId, c.ticketId, c.lastInboundAt],
  );
}

const OUTBOX_COLUMNS = 'id, message_id, ticket_id, channel_id, recipient, template, status, provider_message_id, attempts, last_error, created_at, updated_at';

const toOutbox = (r: Row): OutboxEntry => ({
  id: r.id,
  messageId: r.message_id,
  ticketId: r.ticket_id,
  channelId: r.channel_id,
  recipient: r.recipient,
  template: r.template,
  status: r.status,
  providerMessageId: r.provider_message_id,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** One outbox row per message; null when the message already has one. */
export async function insertOutbox(
  tx: Queryable,
  e: { messageId: number; ticketId: number; channelId: number; recipient: string; template: OutboxEntry['template'] },
): Promise<number | null> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO messaging_outbox (message_id, ticket_id, channel_id, recipient, template) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [e.messageId, e.ticketId, e.channelId, e.recipient, e.template === null ? null : JSON.stringify(e.template)],
  );
  return rows[0]?.id ?? null;
}

export async function selectOutbox(db: Queryable, id: number): Promise<OutboxEntry | null> {
  const { rows } = await db.query(`SELECT ${OUTBOX_COLUMNS} FROM messaging_outbox WHERE id = $1`, [id]);
  return rows[0] ? toOutbox(rows[0]) : null;
}

export async function selectOutboxOfMessage(db: Queryable, messageId: number, lock = false): Promise<OutboxEntry | null> {
  const { rows } = await db.query(`SELECT ${OUTBOX_COLUMNS} FROM messaging_outbox WHERE message_id = $1${lock ? ' FOR UPDATE' : ''}`, [messageId]);
  return rows[0] ? toOutbox(rows[0]) : null;
}

/** The outbox rows of these messages, those that have one, in message order. */
export async function selectOutboxesOfMessages(db: Queryable, messageIds: number[]): Promise<OutboxEntry[]> {
  const { rows } = await db.query(`SELECT ${OUTBOX_COLUMNS} FROM messaging_outbox WHERE message_id = ANY($1::bigint[]) ORDER BY message_id`, [messageIds]);
  return rows.map(toOutbox);
}

export async function recordOutboxAttempt(
  db: Queryable,
  id: number,
  result: { status: DeliveryStatus; error: string | null; providerMessageId?: string },
): Promise<void> {
  await db.query(
    `UPDATE messaging_outbox SET status = $2, last_error = $3, provider_message_id = coalesce($4, provider_message_id), attempts = attempts + 1, updated_at = now()
      WHERE id = $1`,
    [id, result.status, result.error, result.providerMessageId ?? null],
  );
}

export async function requeueOutboxRow(tx: Queryable, id: number): Promise<void> {
  await tx.query(`UPDATE messaging_outbox SET status = 'queued', updated_at = now() WHERE id = $1`, [id]);
}

// Receipts only move a message forward (sent → delivered → read); a late "sent" never undoes "read".
const rank = (status: string) => `CASE ${status} WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 END`;

export interface ReceiptApplied {
  messageId: number;
  ticketId: number;
  status: DeliveryStatus;
}

export async function applyReceipt(tx: Queryable, channelId: number, providerMessageId: string, status: DeliveryStatus, error: string | null): Promise<ReceiptApplied | null> {
  const { rows } = await tx.query(
    `UPDATE messaging_outbox SET status = $3, last_error = coalesce($4, last_error), updated_at = now()
      WHERE channel_id = $1 AND provider_message_id = $2 AND ${rank('$3::text')} > ${rank('status')}
      RETURNING message_id, ticket_id, status`,
    [channelId, providerMessageId, status, error],
  );
  return rows[0] ? { messageId: rows[0].message_id, ticketId: rows[0].ticket_id, status: rows[0].status } : null;
}

/** Messenger's "read up to": every message to the contact sent by then is read. */
export async function applyReadUntil(tx: Queryable, channelId: number, contact: string, until: Date): Promise<ReceiptApplied[]> {
  const { rows } = await tx.query(
    `UPDATE messaging_outbox SET status = 'read', updated_at = now()
      WHERE channel_id = $1 AND recipient = $2 AND status IN ('sent', 'delivered') AND created_at <= $3
      RETURNING message_id, ticket_id, status`,
    [channelId, contact, until],
  );
  return rows.map((r) => ({ messageId: r.message_id, ticketId: r.ticket_id, status: r.status }));
}

// ---- approved templates

export interface TemplateRow {
  id: number;
  channelId: number;
  name: string;
  language: string;
  body: string;
  createdAt: Date;
}

const TEMPLATE_COLUMNS = 'id, channel_id, name, language, body, created_at';
const toTemplate = (r: Row): TemplateRow => ({ id: r.id, channelId: r.channel_id, name: r.name, language: r.language, body: r.body, createdAt: r.created_at });

/** The channel's templates; null when an equal one (same name and language) is there already. */
export async function insertTemplate(tx: Queryable, t: Omit<TemplateRow, 'id' | 'createdAt'>): Promise<TemplateRow | null> {
  const { rows } = await tx.query(
    `INSERT INTO messaging_templates (channel_id, name, language, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ${TEMPLATE_COLUMNS}`,
    [t.channelId, t.name, t.language, t.body],
  );
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function selectTemplates(db: Queryable, channelId: number): Promise<TemplateRow[]> {
  const { rows } = await db.query(`SELECT ${TEMPLATE_COLUMNS} FROM messaging_templates WHERE channel_id = $1 ORDER BY name, language`, [channelId]);
  return rows.map(toTemplate);
}

export async function selectTemplateByName(db: Queryable, channelId: number, name: string, language: string): Promise<TemplateRow | null> {
  const { rows } = await db.query(`SELECT ${TEMPLATE_COLUMNS} FROM messaging_templates WHERE channel_id = $1 AND name = $2 AND language = $3`, [channelId, name, language]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function deleteTemplateRow(tx: Queryable, channelId: number, id: number): Promise<TemplateRow | null> {
  const { rows } = await tx.query(`DELETE FROM messaging_templates WHERE channel_id = $1 AND id = $2 RETURNING ${TEMPLATE_COLUMNS}`, [channelId, id]);
  return rows[0] ? toTemplate(rows[0]) : null;
}
