import { requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { selectCustomer } from './customers.queries.ts';

/** What rules about "which customers" (routing, SLAs) look at: their organization, language and tags. */
export interface CustomerSegment {
  organizationId: number | null;
  language: string | null;
  tags: string[];
}

/** A customer's segment without the tickets and notes `getCustomer` gathers; null when there is no such customer. */
export async function getCustomerSegment(ctx: Ctx, id: number): Promise<CustomerSegment | null> {
  requirePermission(ctx.actor, 'customers.read');
  const customer = await selectCustomer(ctx.db, id);
  return customer && { organizationId: customer.organization?.id ?? null, language: customer.language, tags: customer.tags };
}
