import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { type CustomerTicket, selectCustomerTickets } from './customer-tickets.queries.ts';

export type { CustomerTicket };

/**
 * The tickets a customer requested, from every channel, newest activity first; with an
 * organization id, also every ticket requested by a member of it (for the organization's
 * manager). Callers decide who may see what: this only narrows, it never widens.
 */
export async function listCustomerTickets(
  ctx: Ctx,
  input: { customerId: number; organizationId?: number | null; cursor?: string; limit?: number },
): Promise<Page<CustomerTicket>> {
  requirePermission(ctx.actor, 'tickets.read');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 2) as [string, number] | null;
  const rows = await selectCustomerTickets(ctx.db, { customerId: input.customerId, organizationId: input.organizationId ?? null }, after, limit);
  return pageOf(rows, limit, (t) => [t.updatedAt.toISOString(), t.id]);
}
