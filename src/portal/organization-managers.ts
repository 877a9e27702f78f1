import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { getCustomer } from '../customers/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { deleteOrganizationManager, insertOrganizationManager } from './portal.queries.ts';

/** Lets a member of an organization see all of its tickets in the portal, or stops it. */
export async function setOrganizationManager(ctx: Ctx, input: { organizationId: number; customerId: number; manager: boolean }): Promise<void> {
  requirePermission(ctx.actor, 'customers.write');
  await withTransaction(ctx.db, async (tx) => {
    const customer = await getCustomer({ ...ctx, db: tx }, input.customerId);
    if (input.manager && customer.organization?.id !== input.organizationId) throw invalid('customerId', 'the customer is not a member of this organization');
    const changed = input.manager ? await insertOrganizationManager(tx, input.organizationId, input.customerId) : await deleteOrganizationManager(tx, input.organizationId, input.customerId);
    if (changed) {
      await recordAudit(tx, ctx.actor, {
        action: input.manager ? 'organization.portal_manager_added' : 'organization.portal_manager_removed',
        entityType: 'organization',
        entityId: input.organizationId,
        after: { customerId: input.customerId },
      });
    }
  });
}
