import { planEachTime, type Queryable, type Row } from '../db/pool.ts';
import type { Attachment, Channel, Message, Priority, Status, Ticket, TicketFilter, TicketSort, TicketType } from './tickets.types.ts';

const TICKET_COLUMNS = `
  t.id, t.subject, t.status, t.priority, t.type, t.channel, t.tags, t.custom_fields, t.merged_into_id,
  t.created_at, t.updated_at, t.first_response_at, t.solved_at, t.closed_at, t.last_message_at,
  t.requester_id, c.name AS requester_name,
  (SELECT i.value FROM customer_identities i WHERE i.customer_id = t.requester_id AND i.kind = 'email'
    ORDER BY i.is_primary DESC, i.id LIMIT 1) AS requester_email,
  t.assignee_id, a.name AS assignee_name, t.team_id, tm.name AS team_name`;
const TICKET_FROM = `tickets t
  JOIN customers c ON c.id = t.requester_id
  LEFT JOIN users a ON a.id = t.assignee_id
  LEFT JOIN teams tm ON tm.id = t.team_id`;

const toTicket = (r: Row): Ticket => ({
  id: r.id,
  subject: r.subject,
  status: r.status,
  priority: r.priority,
  type: r.type,
  channel: r.channel,
  requester: { id: r.requester_id, name: r.requester_name, email: r.requester_email },
  assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
  team: r.team_id ? { id: r.team_id, name: r.team_name } : null,
  tags: r.tags,
  customFields: r.custom_fields,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  firstResponseAt: r.first_response_at,
  solvedAt: r.solved_at,
  closedAt: r.closed_at,
  lastMessageAt: r.last_message_at,
});

export interface TicketRow {
  subject: string;
  status: Status;
  priority: Priority;
  type: TicketType | null;
  channel: Channel;
  requesterId: number;
  assigneeId: number | null;
  teamId: number | null;
  tags: string[];
  customFields: Record<string, unknown>;
  createdAt?: Date;
}

export async function insertTicket(tx: Queryable, t: TicketRow): Promise<number> {
  const { rows } = await tx.query(
    `INSERT INTO tickets (subject, status, priority, type, channel, requester_id, assignee_id, team_id, tags, custom_fields,
                          created_at, updated_at, last_message_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, now()), coalesce($11, now()), coalesce($11, now()))
     RETURNING id`,
    [t.subject, t.status, t.priority, t.type, t.channel, t.requesterId, t.assigneeId, t.teamId, t.tags, JSON.stringify(t.customFields), t.createdAt ?? null],
  );
  return rows[0].id;
}

/**
 * New tickets, each with its first message, in one statement, answering the whole tickets in the
 * order given: ticket creation is the hottest write, and each round trip saved is throughput gained.
 * Ticket ids are drawn before the rows are written, so that each message joins its own ticket.
 */
export async function insertTicketsWithMessages(tx: Queryable, items: { ticket: TicketRow; message: Omit<MessageRow, 'ticketId'> }[]): Promise<{ ticket: Ticket; messageId: number }[]> {
  const input = items.map(({ ticket: t, message: m }, n) => ({
    n,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    type: t.type,
    channel: t.channel,
    requester_id: t.requesterId,
    assignee_id: t.assigneeId,
    team_id: t.teamId,
    tags: t.tags,
    custom_fields: t.customFields,
    created_at: t.createdAt ?? null,
    author_type: m.authorType,
    author_user_id: m.authorUserId,
    author_customer_id: m.authorCustomerId,
    internal: m.internal,
    message_channel: m.channel,
    body: m.body,
    html: m.html,
    original_html: m.originalHtml,
    metadata: m.metadata,
    message_created_at: m.createdAt ?? null,
  }));
  const { rows } = await tx.query(
    `WITH input AS MATERIALIZED (
       SELECT r.*, nextval(pg_get_serial_sequence('tickets', 'id')) AS ticket_id
         FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
                 n int, subject text, status text, priority text, type text, channel text, requester_id bigint, assignee_id bigint,
                 team_id bigint, tags text[], custom_fields jsonb, created_at timestamptz, author_type text, author_user_id bigint,
                 author_customer_id bigint, internal boolean, message_channel text, body text, html text, original_html text,
                 metadata jsonb, message_created_at timestamptz)
                ORDER BY n) r),
     t AS (
       INSERT INTO tickets (id, subject, status, priority, type, channel, requester_id, assignee_id, team_id, tags, custom_fields,
                            created_at, updated_at, last_message_at, first_response_at) OVERRIDING SYSTEM VALUE
       SELECT ticket_id, subject, status, priority, type, channel, requester_id, assignee_id, team_id, tags, custom_fields,
              coalesce(created_at, now()), coalesce(created_at, now()), coalesce(created_at, now()),
              CASE WHEN author_type = 'agent' AND NOT internal THEN coalesce(created_at, now()) END
         FROM input ORDER BY n
       RETURNING *),
     m AS (
       INSERT INTO messages (ticket_id, author_type, author_user_id, author_customer_id, internal, channel, body, html, original_html, metadata, created_at)
       SELECT ticket_id, author_type, author_user_id, author_customer_id, internal, message_channel, body, html, original_html, metadata,
              coalesce(message_created_at, created_at, now())
         FROM input ORDER BY n
       RETURNING id, ticket_id)
     SELECT ${TICKET_COLUMNS}, m.id AS message_id
       FROM ${TICKET_FROM.replace('tickets t', 't')} JOIN m ON m.ticket_id = t.id JOIN input ON input.ticket_id = t.id
      ORDER BY input.n`,
    [JSON.stringify(input)],
  );
  return rows.map((r) => ({ ticket: toTicket(r), messageId: r.message_id }));
}

export async function selectTicket(db: Queryable, id: number, lock = false): Promise<Ticket | null> {
  const { rows } = await db.query(`SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`, [id]);
  return rows[0] ? toTicket(rows[0]) : null;
}

/** Columns an update may set; each key is a column name. */
export interface TicketChanges {
  subject?: string;
  status?: Status;
  priority?: Priority;
  type?: TicketType | null;
  assignee_id?: number | null;
  team_id?: number | null;
  requester_id?: number;
  tags?: string[];
  custom_fields?: Record<string, unknown>;
  merged_into_id?: number | null;
  first_response_at?: Date | null;
  solved_at?: Date | null;
  closed_at?: Date | null;
  last_message_at?: Date;
}

export async function updateTicketRow(tx: Queryable, id: number, changes: TicketChanges): Promise<void> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const values = entries.map(([column, v]) => (column === 'custom_fields' ? JSON.stringify(v) : v));
  await tx.query(`UPDATE tickets SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...values]);
}

const PRIORITY_RANK = `(CASE t.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END)`;

/** The sort key of each order, as SQL and as the values a cursor carries. */
const SORTS: Record<TicketSort, { columns: string[]; dir: 'ASC' | 'DESC'; key: (t: Ticket) => (string | number)[] }> = {
  updated_desc: { columns: ['t.updated_at', 't.id'], dir: 'DESC', key: (t) => [t.updatedAt.toISOString(), t.id] },
  updated_asc: { columns: ['t.updated_at', 't.id'], dir: 'ASC', key: (t) => [t.updatedAt.toISOString(), t.id] },
  created_desc: { columns: ['t.created_at', 't.id'], dir: 'DESC', key: (t) => [t.createdAt.toISOString(), t.id] },
  created_asc: { columns: ['t.created_at', 't.id'], dir: 'ASC', key: (t) => [t.createdAt.toISOString(), t.id] },
  priority_desc: {
    columns: [PRIORITY_RANK, 't.updated_at', 't.id'],
    dir: 'DESC',
    key: (t) => [{ urgent: 4, high: 3, normal: 2, low: 1 }[t.priority], t.updatedAt.toISOString(), t.id],
  },
};

export const sortKeyArity = (sort: TicketSort) => SORTS[sort].columns.length;
export const sortKeyOf = (sort: TicketSort, t: Ticket) => SORTS[sort].key(t);

function whereOf(filter: TicketFilter, params: unknown[]): string[] {
  const where: string[] = ['t.merged_into_id IS NULL'];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.status?.length) where.push(`t.status = ANY(${param(filter.status)}::text[])`);
  if (filter.priority?.length) where.push(`t.priority = ANY(${param(filter.priority)}::text[])`);
  if (filter.channel?.length) where.push(`t.channel = ANY(${param(filter.channel)}::text[])`);
  if (filter.assigneeId === null) where.push('t.assignee_id IS NULL');
  else if (filter.assigneeId !== undefined) where.push(`t.assignee_id = ${param(filter.assigneeId)}`);
  if (filter.teamId === null) where.push('t.team_id IS NULL');
  else if (filter.teamId !== undefined) where.push(`t.team_id = ${param(filter.teamId)}`);
  if (filter.requesterId !== undefined) where.push(`t.requester_id = ${param(filter.requesterId)}`);
  if (filter.tags?.length) where.push(`t.tags @> ${param(filter.tags)}::text[]`);
  if (filter.createdAfter) where.push(`t.created_at >= ${param(filter.createdAfter)}`);
  if (filter.createdBefore) where.push(`t.created_at < ${param(filter.createdBefore)}`);
  if (filter.updatedAfter) where.push(`t.updated_at >= ${param(filter.updatedAfter)}`);
  if (filter.q?.trim()) {
    const q = filter.q.trim();
    const byId = /^#?(\d{1,15})$/.exec(q);
    const query = `websearch_to_tsquery('english', ${param(q)})`;
    where.push(
      `(${byId ? `t.id = ${param(Number(byId[1]))} OR ` : ''}t.search_vector @@ ${query}
        OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.search_vector @@ ${query}))`,
    );
  }
  return where;
}

export async function selectTickets(
  db: Queryable,
  filter: TicketFilter,
  sort: TicketSort,
  after: (string | number | null)[] | null,
  limit: number,
): Promise<Ticket[]> {
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  const { columns, dir } = SORTS[sort];
  if (after) {
    const placeholders = after.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    const typed = placeholders.map((p, i) => (columns[i]?.endsWith('_at') ? `${p}::timestamptz` : `${p}::bigint`));
    where.push(`(${columns.join(', ')}) ${dir === 'DESC' ? '<' : '>'} (${typed.join(', ')})`);
  }
  params.push(limit + 1);
  const { rows } = await db.query(
    planEachTime(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE ${where.join(' AND ')}
        ORDER BY ${columns.map((c) => `${c} ${dir}`).join(', ')} LIMIT $${params.length}`,
      params,
    ),
  );
  return rows.map(toTicket);
}

export async function countTicketsWhere(db: Queryable, filter: TicketFilter): Promise<number> {
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  const { rows } = await db.query(planEachTime(`SELECT count(*)::int AS n FROM tickets t WHERE ${where.join(' AND ')}`, params));
  return rows[0].n;
}

export interface MessageRow {
  ticketId: number;
  authorType: Message['author']['type'];
  authorUserId: number | null;
  authorCustomerId: number | null;
  internal: boolean;
  channel: Channel;
  body: string;
  html: string | null;
  originalHtml: string | null;
  metadata: Record<string, unknown>;
  createdAt?: Date;
}

export async function insertMessage(tx: Queryable, m: MessageRow): Promise<number> {
  const { rows } = await tx.query(
    `INSERT INTO messages (ticket_id, author_type, author_user_id, author_customer_id, internal, channel, body, html, original_html, metadata, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, now())) RETURNING id`,
    [m.ticketId, m.authorType, m.authorUserId, m.authorCustomerId, m.internal, m.channel, m.body, m.html, m.originalHtml, JSON.stringify(m.metadata), m.createdAt ?? null],
  );
  return rows[0].id;
}

export interface AttachmentRow {
  filename: string;
  contentType: string;
  data: Buffer;
  contentId?: string | null;
}

export async function insertAttachments(tx: Queryable, messageId: number, files: AttachmentRow[]): Promise<void> {
  if (files.length === 0) return;
  await tx.query(
    `INSERT INTO attachments (message_id, filename, content_type, size, content_id, data)
     SELECT $1, f, ct, octet_length(d), cid, d FROM unnest($2::text[], $3::text[], $4::text[], $5::bytea[]) AS u(f, ct, cid, d)`,
    [messageId, files.map((f) => f.filename), files.map((f) => f.contentType), files.map((f) => f.contentId ?? null), files.map((f) => f.data)],
  );
}

const MESSAGE_SELECT = `
  SELECT m.id, m.ticket_id, m.internal, m.channel, m.author_type, m.author_user_id, m.author_customer_id, m.body, m.html, m.metadata, m.created_at,
         coalesce(u.name, c.name, 'Tend') AS author_name,
         coalesce((SELECT json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size, 'contentId', a.content_id) ORDER BY a.id)
                     FROM attachments a WHERE a.message_id = m.id), '[]') AS attachments
    FROM messages m LEFT JOIN users u ON u.id = m.author_user_id LEFT JOIN customers c ON c.id = m.author_customer_id`;

const toMessage = (r: Row): Message => ({
  id: r.id,
  ticketId: r.ticket_id,
  internal: r.internal,
  channel: r.channel,
  author: { type: r.author_type, id: r.author_user_id ?? r.author_customer_id ?? null, name: r.author_name },
  body: r.body,
  html: r.html,
  attachments: r.attachments as Attachment[],
  metadata: r.metadata,
  createdAt: r.created_at,
});

export async function selectMessages(db: Queryable, ticketId: number, afterId: number, limit: number, includeInternal: boolean): Promise<Message[]> {
  const { rows } = await db.query(
    `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.id > $2 AND ($4 OR NOT m.internal) ORDER BY m.id LIMIT $3`,
    [ticketId, afterId, limit + 1, includeInternal],
  );
  return rows.map(toMessage);
}

export async function selectMessage(db: Queryable, id: number): Promise<Message | null> {
  const { rows } = await db.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function hasAgentPublicReply(db: Queryable, ticketId: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT EXISTS (SELECT 1 FROM messages WHERE ticket_id = $1 AND author_type = 'agent' AND NOT internal) AS yes`, [ticketId]);
  return rows[0].yes;
}

export async function moveMessages(tx: Queryable, fromTicketId: number, toTicketId: number, onlyMessageId?: number): Promise<number> {
  const result = await tx.query(
    `UPDATE messages SET ticket_id = $2 WHERE ticket_id = $1 AND ($3::bigint IS NULL OR id = $3)`,
    [fromTicketId, toTicketId, onlyMessageId ?? null],
  );
  return result.rowCount ?? 0;
}

export async function insertLink(tx: Queryable, ticketId: number, linkedTicketId: number, kind: 'related' | 'split_from' | 'merged_from'): Promise<boolean> {
  const result = await tx.query(
    `INSERT INTO ticket_links (ticket_id, linked_ticket_id, kind) VALUES ($1, $2, $3), ($2, $1, $3) ON CONFLICT DO NOTHING`,
    [ticketId, linkedTicketId, kind],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function deleteLink(tx: Queryable, ticketId: number, linkedTicketId: number): Promise<boolean> {
  const result = await tx.query(
    `DELETE FROM ticket_links WHERE (ticket_id, linked_ticket_id) IN (($1::bigint, $2::bigint), ($2::bigint, $1::bigint))`,
    [ticketId, linkedTicketId],
  );
  return (result.rowCount ?? 0) > 0;
}

export interface TicketLink {
  ticketId: number;
  kind: string;
  subject: string;
  status: Status;
  createdAt: Date;
}

export async function selectLinks(db: Queryable, ticketId: number): Promise<TicketLink[]> {
  const { rows } = await db.query(
    `SELECT l.linked_ticket_id, l.kind, l.created_at, t.subject, t.status FROM ticket_links l JOIN tickets t ON t.id = l.linked_ticket_id
      WHERE l.ticket_id = $1 ORDER BY l.created_at`,
    [ticketId],
  );
  return rows.map((r) => ({ ticketId: r.linked_ticket_id, kind: r.kind, subject: r.subject, status: r.status, createdAt: r.created_at }));
}

export async function selectAttachmentContent(db: Queryable, id: number): Promise<(Attachment & { data: Buffer; ticketId: number; internal: boolean }) | null> {
  const { rows } = await db.query(
    `SELECT a.id, a.filename, a.content_type, a.size, a.content_id, a.data, m.ticket_id, m.internal
       FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = $1`,
    [id],
  );
  const r = rows[0];
  return r
    ? { id: r.id, filename: r.filename, contentType: r.content_type, size: r.size, contentId: r.content_id, data: r.data, ticketId: r.ticket_id, internal: r.internal }
    : null;
}

/** Moves a customer's tickets and authored messages to another customer; answers how many of each moved. */
export async function updateCustomerOwnership(tx: Queryable, fromCustomerId: number, toCustomerId: number): Promise<{ tickets: number; messages: number }> {
  const tickets = await tx.query(`UPDATE tickets SET requester_id = $2 WHERE requester_id = $1`, [fromCustomerId, toCustomerId]);
  const messages = await tx.query(`UPDATE messages SET author_customer_id = $2 WHERE author_customer_id = $1`, [fromCustomerId, toCustomerId]);
  return { tickets: tickets.rowCount ?? 0, messages: messages.rowCount ?? 0 };
}

export interface AssignmentRow {
  ticketId: number;
  assigneeId: number;
  teamId: number | null;
}

export interface AssignedRow {
  ticketId: number;
  before: { assigneeId: number | null; teamId: number | null; status: Status };
  after: { assigneeId: number; teamId: number | null; status: Status };
}

/**
 * Assigns each ticket that is still unassigned, unmerged and unfinished, locking them first; a new
 * ticket becomes open. Answers, per ticket assigned, its fields before and after.
 */
export async function updateUnassignedTickets(tx: Queryable, rows: AssignmentRow[]): Promise<AssignedRow[]> {
  const { rows: assigned } = await tx.query(
    `WITH wanted AS (SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS w(ticket_id, assignee_id, team_id)),
     free AS (
       SELECT t.id, t.team_id, t.status FROM tickets t JOIN wanted w ON w.ticket_id = t.id
        WHERE t.assignee_id IS NULL AND t.merged_into_id IS NULL AND t.status NOT IN ('solved', 'closed')
        ORDER BY t.id FOR UPDATE OF t)
     UPDATE tickets t
        SET assignee_id = w.assignee_id, team_id = w.team_id, status = CASE WHEN t.status = 'new' THEN 'open' ELSE t.status END, updated_at = now()
       FROM wanted w, free f
      WHERE t.id = w.ticket_id AND f.id = t.id AND t.assignee_id IS NULL
      RETURNING t.id, f.team_id AS team_before, f.status AS status_before, t.assignee_id, t.team_id, t.status`,
    [rows.map((r) => r.ticketId), rows.map((r) => r.assigneeId), rows.map((r) => r.teamId)],
  );
  return assigned.map((r) => ({
    ticketId: r.id,
    before: { assigneeId: null, teamId: r.team_before, status: r.status_before },
    after: { assigneeId: r.assignee_id, teamId: r.team_id, status: r.status },
  }));
}
