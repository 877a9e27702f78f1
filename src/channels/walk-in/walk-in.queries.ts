import type { Queryable, Row } from '../../db/pool.ts';

export interface WalkInVisit {
  id: number;
  ticketId: number;
  customerId: number;
  reason: string;
  outcome: string;
  followUpOn: string | null;
  loggedBy: number | null;
  visitedAt: Date;
}

const COLUMNS = `id, ticket_id, customer_id, reason, outcome, to_char(follow_up_on, 'YYYY-MM-DD') AS follow_up_on, logged_by, visited_at`;

const toVisit = (r: Row): WalkInVisit => ({
  id: r.id,
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  reason: r.reason,
  outcome: r.outcome,
  followUpOn: r.follow_up_on,
  loggedBy: r.logged_by,
  visitedAt: r.visited_at,
});

export async function insertVisit(tx: Queryable, v: Omit<WalkInVisit, 'id' | 'visitedAt'> & { visitedAt?: Date }): Promise<WalkInVisit> {
  const { rows } = await tx.query(
    `INSERT INTO walk_in_visits (ticket_id, customer_id, reason, outcome, follow_up_on, logged_by, visited_at) VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, now()))
     RETURNING ${COLUMNS}`,
    [v.ticketId, v.customerId, v.reason, v.outcome, v.followUpOn, v.loggedBy, v.visitedAt ?? null],
  );
  return toVisit(rows[0]);
}

/** Visits whose follow-up falls on or before `day`, soonest first. */
export async function selectFollowUpsDue(db: Queryable, day: string, limit: number): Promise<WalkInVisit[]> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM walk_in_visits WHERE follow_up_on <= $1::date ORDER BY follow_up_on, id LIMIT $2`, [day, limit]);
  return rows.map(toVisit);
}
