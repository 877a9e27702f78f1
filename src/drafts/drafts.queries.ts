import type { Queryable } from '../db/pool.ts';

export interface Draft {
  ticketId: number;
  body: string;
  /** The same text with its formatting, when written in the rich reply box. */
  html: string | null;
  internal: boolean;
  updatedAt: Date;
}

const toDraft = (r: Record<string, any>): Draft => ({ ticketId: r.ticket_id, body: r.body, html: r.html, internal: r.internal, updatedAt: r.updated_at });

export async function selectDraft(db: Queryable, userId: number, ticketId: number): Promise<Draft | null> {
  const { rows } = await db.query(`SELECT ticket_id, body, html, internal, updated_at FROM drafts WHERE user_id = $1 AND ticket_id = $2`, [userId, ticketId]);
  return rows[0] ? toDraft(rows[0]) : null;
}

export async function upsertDraft(db: Queryable, userId: number, draft: { ticketId: number; body: string; html: string | null; internal: boolean }): Promise<Draft> {
  const { rows } = await db.query(
    `INSERT INTO drafts (user_id, ticket_id, body, html, internal) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, ticket_id) DO UPDATE SET body = EXCLUDED.body, html = EXCLUDED.html, internal = EXCLUDED.internal, updated_at = now()
     RETURNING ticket_id, body, html, internal, updated_at`,
    [userId, draft.ticketId, draft.body, draft.html, draft.internal],
  );
  return toDraft(rows[0] as Record<string, any>);
}

export async function deleteDraft(db: Queryable, userId: number, ticketId: number): Promise<void> {
  await db.query(`DELETE FROM drafts WHERE user_id = $1 AND ticket_id = $2`, [userId, ticketId]);
}
