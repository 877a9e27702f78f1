import type { Queryable } from '../db/pool.ts';
import { updateCustomerOwnership } from './tickets.queries.ts';

/**
 * Moves everything a customer asked and wrote to another customer, for merging duplicate
 * customers. Runs in the caller's transaction; the merge itself is audited by the caller.
 */
export function reassignCustomer(tx: Queryable, fromCustomerId: number, toCustomerId: number): Promise<{ tickets: number; messages: number }> {
  return updateCustomerOwnership(tx, fromCustomerId, toCustomerId);
}
