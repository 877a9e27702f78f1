import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { deletePolicyRow, selectPolicy } from './sla.queries.ts';

/** Its clocks go with it; their pending timers find no clock and do nothing. Recorded alerts stay. */
export async function deletePolicy(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'settings.manage');
  await withTransaction(ctx.db, async (tx) => {
    const policy = await selectPolicy(tx, id, true);
    if (!policy) throw notFound('SLA policy');
    await deletePolicyRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'sla_policy.deleted', entityType: 'sla_policy', entityId: id, before: { name: policy.name } });
  });
}
