import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { lockLiveCustomers } from './customers.queries.ts';
import { setMembership } from './organization-fields.ts';
import { selectOrganization } from './organizations.queries.ts';

/** Makes customers members of an organization (moving them from any other). Returns how many changed. */
export async function assignCustomers(ctx: Ctx, organizationId: number, customerIds: number[]): Promise<{ assigned: number }> {
  requirePermission(ctx.actor, 'customers.write');
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  return withTransaction(ctx.db, async (tx) => {
    if (!(await selectOrganization(tx, organizationId, true))) throw notFound('organization');
    const live = new Set(await lockLiveCustomers(tx, ids));
    const missing = ids.find((id) => !live.has(id));
    if (missing !== undefined) throw invalid('customerIds', `customer #${missing} does not exist or was merged into another`);
    return { assigned: await setMembership(tx, ctx.actor, ids, organizationId) };
  });
}
