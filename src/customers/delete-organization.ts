import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { organizationView, setMembership } from './organization-fields.ts';
import { deleteOrganizationRow, selectMemberIds, selectOrganization } from './organizations.queries.ts';

/** Removes an organization; its members stay, belonging to none. */
export async function deleteOrganization(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'customers.write');
  await withTransaction(ctx.db, async (tx) => {
    const current = await selectOrganization(tx, id, true);
    if (!current) throw notFound('organization');
    await setMembership(tx, ctx.actor, await selectMemberIds(tx, id), null);
    await deleteOrganizationRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'organization.deleted', entityType: 'organization', entityId: id, before: { ...organizationView(current), memberCount: current.memberCount } });
    await emitEvent(tx, 'organization.deleted', { organizationId: id });
  });
}
