import type { Queryable } from '../db/pool.ts';

/**
 * Moves everything a customer asked and wrote to another customer, for merging duplicate
 * customers. Runs in the caller's transaction; the merge itself is audited by the caller.
 */
export async function reassignCustomer(tx: Queryable, fromCustomerId: number, toCustomerId: number): Promise<{ tickets: number; messages: number }> {
  const tickets = await tx.query(`UPDATE tickets SET requester_id = $2 WHERE requester_id = $1`, [fromCustomerId, toCustomerId]);
  const messages = await tx.query(`UPDATE messages SET author_customer_id = $2 WHERE author_customer_id = $1`, [fromCustomerId, toCustomerId]);
  return { tickets: tickets.rowCount ?? 0, messages: messages.rowCount ?? 0 };
}
