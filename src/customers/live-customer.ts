import type { Queryable } from '../db/pool.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { type Customer, selectCustomer } from './customers.queries.ts';

/** The customer, locked for a change; one merged away is history and refuses changes, pointing at its successor. */
export async function liveCustomer(tx: Queryable, id: number): Promise<Customer> {
  const customer = await selectCustomer(tx, id, true);
  if (!customer) throw notFound('customer');
  if (customer.mergedIntoId) throw conflict(`customer #${id} was merged into #${customer.mergedIntoId}; change that one`, 'id');
  return customer;
}
