import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { auditView, lockArticle } from './article-access.ts';
import { insertArticleWords, selectArticle, updateArticleRow } from './knowledge.queries.ts';
import type { Article, ArticleStatus } from './knowledge.types.ts';

/**
 * The review workflow: an author moves a draft to review (or back); only a publisher
 * publishes, and only a publisher takes a published article back to draft.
 */
export async function setArticleStatus(ctx: Ctx, id: number, status: ArticleStatus): Promise<Article> {
  return withTransaction(ctx.db, async (tx) => {
    const before = await lockArticle(tx, id);
    if (before.status === status) return before;
    requirePermission(ctx.actor, status === 'published' || before.status === 'published' ? 'knowledge.publish' : 'knowledge.write');
    await updateArticleRow(tx, id, { status, ...(status === 'published' ? { published_at: new Date() } : {}) });
    if (status === 'published') await insertArticleWords(tx, id);
    const after = (await selectArticle(tx, id)) as Article;
    await recordAudit(tx, ctx.actor, { action: `article.${status}`, entityType: 'article', entityId: id, before: auditView(before), after: auditView(after) });
    await emitEvent(tx, 'article.status_changed', { articleId: id, from: before.status, to: status });
    return after;
  });
}
