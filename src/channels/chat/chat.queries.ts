import type { Queryable, Row } from '../../db/pool.ts';
import { type ChatChannel, type ChatSettings, DEFAULT_SETTINGS, type Visitor } from './chat.types.ts';

const CHANNEL_COLUMNS = 'id, name, settings, team_id, secret, active, created_at, updated_at';

const toChannel = (r: Row): ChatChannel => ({
  id: r.id,
  name: r.name,
  settings: { ...DEFAULT_SETTINGS, ...r.settings },
  teamId: r.team_id,
  secret: r.secret,
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertChatChannel(tx: Queryable, c: { name: string; settings: ChatSettings; teamId: number | null; secret: string }): Promise<ChatChannel> {
  const { rows } = await tx.query(
    `INSERT INTO chat_channels (name, settings, team_id, secret) VALUES ($1, $2, $3, $4) RETURNING ${CHANNEL_COLUMNS}`,
    [c.name, JSON.stringify(c.settings), c.teamId, c.secret],
  );
  return toChannel(rows[0]);
}

export async function updateChatChannelRow(
  tx: Queryable,
  id: number,
  c: { name?: string; settings?: ChatSettings; teamId?: number | null; active?: boolean; secret?: string },
): Promise<ChatChannel | null> {
  const { rows } = await tx.query(
    `UPDATE chat_channels SET name = coalesce($2, name), settings = coalesce($3, settings),
            team_id = CASE WHEN $4 THEN $5 ELSE team_id END, active = coalesce($6, active), secret = coalesce($7, secret), updated_at = now()
      WHERE id = $1 RETURNING ${CHANNEL_COLUMNS}`,
    [id, c.name ?? null, c.settings ? JSON.stringify(c.settings) : null, c.teamId !== undefined, c.teamId ?? null, c.active ?? null, c.secret ?? null],
  );
  return rows[0] ? toChannel(rows[0]) : null;
}

/** Channels that offered callbacks into this queue offer none: answers each one's id and name. */
export async function clearCallbackQueue(tx: Queryable, queueId: number): Promise<{ id: number; name: string }[]> {
  const { rows } = await tx.query(
    `UPDATE chat_channels SET settings = settings || '{"callbackQueueId": null}'::jsonb, updated_at = now()
      WHERE settings->'callbackQueueId' = to_jsonb($1::bigint) RETURNING id, name`,
    [queueId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

export async function selectChatChannel(db: Queryable, id: number, lock = false): Promise<ChatChannel | null> {
  const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM chat_channels WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toChannel(rows[0]) : null;
}

export async function selectChatChannels(db: Queryable): Promise<ChatChannel[]> {
  const { rows } = await db.query(`SELECT ${CHANNEL_COLUMNS} FROM chat_channels ORDER BY id`);
  return rows.map(toChannel);
}

/** Deletes a channel no visitor ever opened; false when there is none such. */
export async function deleteUnusedChatChannelRow(tx: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await tx.query(`DELETE FROM chat_channels WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM chat_visitors WHERE channel_id = $1)`, [id]);
  return (rowCount ?? 0) > 0;
}

const VISITOR_COLUMNS = 'id, channel_id, external_user_id, name, email::text AS email, customer_id, ticket_id, page_url';

const toVisitor = (r: Row): Visitor => ({
  id: r.id,
  channelId: r.channel_id,
  externalUserId: r.external_user_id,
  name: r.name,
  email: r.email,
  customerId: r.customer_id,
  ticketId: r.ticket_id,
  pageUrl: r.page_url,
});

export async function insertVisitor(
  tx: Queryable,
  v: { id: string; channelId: number; tokenHash: string; externalUserId: string | null; name: string; email: string | null; customerId: number | null; ticketId: number | null },
): Promise<Visitor> {
  const { rows } = await tx.query(
    `INSERT INTO chat_visitors (id, channel_id, token_hash, external_user_id, name, email, customer_id, ticket_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING ${VISITOR_COLUMNS}`,
    [v.id, v.channelId, v.tokenHash, v.externalUserId, v.name, v.email, v.customerId, v.ticketId],
  );
  return toVisitor(rows[0]);
}

/** Notes the visitor as seen, at most once a minute: every widget request comes here, and a write per read would cost a commit each. */
export async function selectVisitorByToken(db: Queryable, channelId: number, tokenHash: string): Promise<Visitor | null> {
  const { rows } = await db.query(
    `WITH v AS (SELECT ${VISITOR_COLUMNS} FROM chat_visitors WHERE channel_id = $1 AND token_hash = $2),
     seen AS (UPDATE chat_visitors SET last_seen_at = now() WHERE id = (SELECT id FROM v) AND last_seen_at < now() - interval '1 minute')
     SELECT * FROM v`,
    [channelId, tokenHash],
  );
  return rows[0] ? toVisitor(rows[0]) : null;
}

/** The newest conversation of a signed-in host-app user, so their other devices continue it. */
export async function selectLatestTicketOfUser(db: Queryable, channelId: number, externalUserId: string): Promise<number | null> {
  const { rows } = await db.query(
    `SELECT ticket_id FROM chat_visitors WHERE channel_id = $1 AND external_user_id = $2 AND ticket_id IS NOT NULL ORDER BY last_seen_at DESC LIMIT 1`,
    [channelId, externalUserId],
  );
  return rows[0]?.ticket_id ?? null;
}

export async function updateVisitor(
  tx: Queryable,
  id: string,
  v: { name?: string; email?: string | null; customerId?: number; ticketId?: number; pageUrl?: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE chat_visitors SET name = coalesce($2, name), email = coalesce($3, email), customer_id = coalesce($4, customer_id),
            ticket_id = coalesce($5, ticket_id), page_url = coalesce($6, page_url) WHERE id = $1`,
    [id, v.name ?? null, v.email ?? null, v.customerId ?? null, v.ticketId ?? null, v.pageUrl ?? null],
  );
}

/** Serialises a visitor's writes, so two tabs sending at once open one ticket. */
export async function lockVisitor(tx: Queryable, id: string): Promise<Visitor | null> {
  const { rows } = await tx.query(`SELECT ${VISITOR_COLUMNS} FROM chat_visitors WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ? toVisitor(rows[0]) : null;
}

export async function selectVisitorIdsOfTickets(db: Queryable, ticketIds: number[]): Promise<{ visitorId: string; ticketId: number }[]> {
  const { rows } = await db.query(`SELECT id, ticket_id FROM chat_visitors WHERE ticket_id = ANY($1::bigint[])`, [ticketIds]);
  return rows.map((r) => ({ visitorId: r.id, ticketId: r.ticket_id }));
}
