import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { type CategoryInput, categoryColumns, mapCategoryConstraint } from './category-input.ts';
import { insertCategory } from './knowledge.queries.ts';
import type { Category } from './knowledge.types.ts';

/** A top-level category, or a section inside one when `parentId` is given. */
export async function createCategory(ctx: Ctx, input: CategoryInput & { name: string }): Promise<Category> {
  requirePermission(ctx.actor, 'knowledge.publish');
  return withTransaction(ctx.db, async (tx) => {
    const c = await categoryColumns(tx, input, null);
    const category = await insertCategory(tx, {
      parent_id: c.parent_id ?? null,
      slug: c.slug as string,
      name: c.name as string,
      description: c.description ?? '',
      translations: c.translations ?? {},
      position: c.position ?? 0,
    }).catch(mapCategoryConstraint);
    await recordAudit(tx, ctx.actor, { action: 'kb_category.created', entityType: 'kb_category', entityId: category.id, after: category });
    return category;
  });
}
