import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { auditView } from './article-access.ts';
import { checkLocale, checkSlug, normalizeTags, prepareArticleContent } from './article-content.ts';
import { insertArticle, insertArticleGroup, insertArticleWords, insertRevision, selectArticle, selectCategory, selectSettings } from './knowledge.queries.ts';
import type { Article, ArticleStatus, Visibility } from './knowledge.types.ts';

export interface CreateArticleInput {
  title: string;
  bodyHtml: string;
  excerpt?: string;
  slug?: string;
  /** Default: the help center's default language. */
  locale?: string;
  categoryId?: number | null;
  tags?: string[];
  visibility?: Visibility;
  status?: ArticleStatus;
  position?: number;
  /** Makes this the translation of that article: both then belong to one group. */
  translationOf?: number;
}

export async function createArticle(ctx: Ctx, input: CreateArticleInput): Promise<Article> {
  const status = input.status ?? 'draft';
  requirePermission(ctx.actor, status === 'published' ? 'knowledge.publish' : 'knowledge.write');
  const content = prepareArticleContent(input);
  const slug = checkSlug(input.slug, content.title);
  const tags = normalizeTags(input.tags ?? []);

  return withTransaction(ctx.db, async (tx) => {
    const locale = checkLocale(input.locale ?? (await selectSettings(tx)).defaultLocale);
    if (input.categoryId != null && !(await selectCategory(tx, input.categoryId))) throw invalid('categoryId', 'category does not exist');
    let groupId: number;
    if (input.translationOf !== undefined) {
      const original = await selectArticle(tx, input.translationOf);
      if (!original) throw notFound('article to translate');
      if (original.locale === locale || original.translations.some((t) => t.locale === locale)) {
        throw conflict(`this article already has a ${locale} version`, 'locale');
      }
      groupId = original.groupId;
    } else {
      groupId = await insertArticleGroup(tx);
    }
    const id = await insertArticle(tx, {
      group_id: groupId,
      locale,
      category_id: input.categoryId ?? null,
      title: content.title,
      slug,
      body_html: content.bodyHtml,
      body_text: content.bodyText,
      excerpt: content.excerpt,
      tags,
      visibility: input.visibility ?? 'public',
      status,
      position: input.position ?? 0,
      author_id: ctx.actor.userId,
      published_at: status === 'published' ? new Date() : null,
    });
    await insertRevision(tx, { articleId: id, revision: 1, title: content.title, bodyHtml: content.bodyHtml, excerpt: content.excerpt, tags, authorId: ctx.actor.userId });
    if (status === 'published') await insertArticleWords(tx, id);
    const article = (await selectArticle(tx, id)) as Article;
    await recordAudit(tx, ctx.actor, { action: 'article.created', entityType: 'article', entityId: id, after: auditView(article) });
    await emitEvent(tx, 'article.created', { articleId: id, status, locale });
    return article;
  });
}
