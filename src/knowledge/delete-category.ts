import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { deleteCategoryRow } from './knowledge.queries.ts';

/** Its sections go with it; its articles stay, uncategorised. */
export async function deleteCategory(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'knowledge.publish');
  await withTransaction(ctx.db, async (tx) => {
    const before = await deleteCategoryRow(tx, id);
    if (!before) throw notFound('category');
    await recordAudit(tx, ctx.actor, { action: 'kb_category.deleted', entityType: 'kb_category', entityId: id, before });
  });
}
