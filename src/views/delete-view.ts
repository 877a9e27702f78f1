import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { auditView } from './create-view.ts';
import { ownerForChange, visibleView } from './view-access.ts';
import { deleteViewRow } from './views.queries.ts';

export async function deleteView(ctx: Ctx, id: number): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const view = await visibleView({ ...ctx, db: tx }, id, true);
    ownerForChange(ctx, view.ownerId === null);
    await deleteViewRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'view.deleted', entityType: 'view', entityId: id, before: auditView(view) });
  });
}
