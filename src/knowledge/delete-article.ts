import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { auditView, lockArticle } from './article-access.ts';
import { deleteArticleRow } from './knowledge.queries.ts';

/** Removes one language of an article with its revisions, votes and counters; its translations stay. */
export async function deleteArticle(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx.actor, 'knowledge.publish');
  await withTransaction(ctx.db, async (tx) => {
    const before = await lockArticle(tx, id);
    await deleteArticleRow(tx, id);
    await recordAudit(tx, ctx.actor, { action: 'article.deleted', entityType: 'article', entityId: id, before: auditView(before) });
    await emitEvent(tx, 'article.deleted', { articleId: id });
  });
}
