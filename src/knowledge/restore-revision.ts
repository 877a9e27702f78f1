import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { auditView, lockArticle, requireArticleEditor } from './article-access.ts';
import { prepareArticleContent } from './article-content.ts';
import { saveRevision } from './article-revision.ts';
import { selectArticle, selectRevision } from './knowledge.queries.ts';
import type { Article } from './knowledge.types.ts';

/** Brings back an earlier revision's content as a new revision: history is never rewritten. */
export async function restoreRevision(ctx: Ctx, articleId: number, revision: number): Promise<Article> {
  return withTransaction(ctx.db, async (tx) => {
    const before = await lockArticle(tx, articleId);
    requireArticleEditor(ctx.actor, before.status);
    const old = await selectRevision(tx, articleId, revision);
    if (!old) throw notFound(`revision ${revision}`);
    const content = prepareArticleContent({ title: old.title, bodyHtml: old.bodyHtml, excerpt: old.excerpt });
    await saveRevision(tx, before, { ...content, tags: old.tags }, ctx.actor.userId);
    const after = (await selectArticle(tx, articleId)) as Article;
    await recordAudit(tx, ctx.actor, {
      action: 'article.revision_restored',
      entityType: 'article',
      entityId: articleId,
      before: auditView(before),
      after: { ...auditView(after), restoredFrom: revision },
    });
    await emitEvent(tx, 'article.updated', { articleId, revision: after.revision });
    return after;
  });
}
