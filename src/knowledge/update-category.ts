import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { type CategoryInput, categoryColumns, mapCategoryConstraint } from './category-input.ts';
import { selectCategory, updateCategoryRow } from './knowledge.queries.ts';
import type { Category } from './knowledge.types.ts';

export async function updateCategory(ctx: Ctx, id: number, patch: CategoryInput): Promise<Category> {
  requirePermission(ctx.actor, 'knowledge.publish');
  return withTransaction(ctx.db, async (tx) => {
    const before = await selectCategory(tx, id);
    if (!before) throw notFound('category');
    const after = (await updateCategoryRow(tx, id, await categoryColumns(tx, patch, before)).catch(mapCategoryConstraint)) as Category;
    await recordAudit(tx, ctx.actor, { action: 'kb_category.updated', entityType: 'kb_category', entityId: id, before, after });
    return after;
  });
}
