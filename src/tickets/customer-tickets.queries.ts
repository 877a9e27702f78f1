import type { Queryable, Row } from '../db/pool.ts';
import type { Channel, Status } from './tickets.types.ts';

/** A ticket as its customer sees it in a list: no assignee, team, tags or custom fields. */
export interface CustomerTicket {
  id: number;
  subject: string;
  status: Status;
  channel: Channel;
  requester: { id: number; name: string };
  createdAt: Date;
  updatedAt: Date;
}

const toCustomerTicket = (r: Row): CustomerTicket => ({
  id: r.id,
  subject: r.subject,
  status: r.status,
  channel: r.channel,
  requester: { id: r.requester_id, name: r.requester_name },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function selectCustomerTickets(
  db: Queryable,
  scope: { customerId: number; organizationId: number | null },
  after: [string, number] | null,
  limit: number,
): Promise<CustomerTicket[]> {
  const { rows } = await db.query(
    `SELECT t.id, t.subject, t.status, t.channel, t.requester_id, c.name AS requester_name, t.created_at, t.updated_at
       FROM tickets t JOIN customers c ON c.id = t.requester_id
      WHERE t.merged_into_id IS NULL
        AND (t.requester_id = $1 OR ($2::bigint IS NOT NULL AND c.organization_id = $2))
        AND ($3::timestamptz IS NULL OR (t.updated_at, t.id) < ($3::timestamptz, $4::bigint))
      ORDER BY t.updated_at DESC, t.id DESC LIMIT $5`,
    [scope.customerId, scope.organizationId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  return rows.map(toCustomerTicket);
}
