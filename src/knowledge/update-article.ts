import { recordAudit } from '../audit/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { auditView, lockArticle, requireArticleEditor } from './article-access.ts';
import { checkSlug, normalizeTags, prepareArticleContent } from './article-content.ts';
import { saveRevision } from './article-revision.ts';
import { selectArticle, selectCategory, updateArticleRow } from './knowledge.queries.ts';
import type { Article, Visibility } from './knowledge.types.ts';

export interface ArticlePatch {
  title?: string;
  bodyHtml?: string;
  excerpt?: string;
  tags?: string[];
  slug?: string;
  categoryId?: number | null;
  visibility?: Visibility;
  position?: number;
}

/** Content changes (title, body, excerpt, tags) are saved as a new revision; placement changes are not. */
export async function updateArticle(ctx: Ctx, id: number, patch: ArticlePatch): Promise<Article> {
  return withTransaction(ctx.db, async (tx) => {
    const before = await lockArticle(tx, id);
    requireArticleEditor(ctx.actor, before.status);
    if (patch.categoryId != null && !(await selectCategory(tx, patch.categoryId))) throw invalid('categoryId', 'category does not exist');
    const contentChanged = [patch.title, patch.bodyHtml, patch.excerpt, patch.tags].some((v) => v !== undefined);
    if (contentChanged) {
      const content = prepareArticleContent({
        title: patch.title ?? before.title,
        bodyHtml: patch.bodyHtml ?? before.bodyHtml,
        excerpt: patch.excerpt ?? (patch.bodyHtml === undefined ? before.excerpt : undefined),
      });
      await saveRevision(tx, before, { ...content, tags: patch.tags ? normalizeTags(patch.tags) : before.tags }, ctx.actor.userId);
    }
    await updateArticleRow(tx, id, {
      slug: patch.slug === undefined ? undefined : checkSlug(patch.slug, patch.title ?? before.title),
      category_id: patch.categoryId,
      visibility: patch.visibility,
      position: patch.position,
    });
    const after = (await selectArticle(tx, id)) as Article;
    await recordAudit(tx, ctx.actor, { action: 'article.updated', entityType: 'article', entityId: id, before: auditView(before), after: auditView(after) });
    await emitEvent(tx, 'article.updated', { articleId: id, revision: after.revision });
    return after;
  });
}
