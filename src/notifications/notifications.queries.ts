import type { Queryable } from '../db/pool.ts';

export const NOTIFICATION_KINDS = ['assigned', 'mentioned', 'customer_replied', 'sla_warning', 'sla_breached', 'escalated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: number;
  kind: NotificationKind;
  ticketId: number | null;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
}

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  ticketId: number | null;
  eventId: number;
  title: string;
  body: string;
}

const COLUMNS = 'id, kind, ticket_id, title, body, read_at, created_at';
const toNotification = (r: Record<string, any>): Notification => ({
  id: r.id,
  kind: r.kind,
  ticketId: r.ticket_id,
  title: r.title,
  body: r.body,
  readAt: r.read_at,
  createdAt: r.created_at,
});

/** Returns the new id, or null when this event already notified this user. */
export async function insertNotification(db: Queryable, n: NewNotification): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO notifications (user_id, kind, ticket_id, event_id, title, body) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, event_id, kind) DO NOTHING RETURNING id`,
    [n.userId, n.kind, n.ticketId, n.eventId, n.title, n.body],
  );
  return rows[0]?.id ?? null;
}

export async function selectNotifications(db: Queryable, userId: number, filter: { unread?: boolean; beforeId?: number; limit: number }): Promise<Notification[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM notifications
      WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL) AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [userId, filter.unread ?? null, filter.beforeId ?? null, filter.limit + 1],
  );
  return rows.map(toNotification);
}

export async function countUnread(db: Queryable, userId: number): Promise<number> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return rows[0]?.count ?? 0;
}

export async function markRead(db: Queryable, userId: number, which: { ids?: number[]; ticketId?: number; all?: boolean }): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL
        AND ($2::boolean IS TRUE OR id = ANY($3::bigint[]) OR ticket_id = $4)`,
    [userId, which.all ?? false, which.ids ?? [], which.ticketId ?? null],
  );
  return rowCount ?? 0;
}
