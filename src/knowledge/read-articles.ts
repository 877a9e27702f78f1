import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { type ArticleFilter, type MissingTranslation, type SearchGap, selectArticle, selectArticles, selectCategories, selectMissingTranslations, selectSearchGaps, selectSettings } from './knowledge.queries.ts';
import type { Article, ArticleSummary, Category } from './knowledge.types.ts';
import { requirePermission } from '../auth/index.ts';

/*
 * Agents read the whole knowledge base, drafts and internal articles included: every role may,
 * since answering customers is what it is for. Readers outside (help center, portal) go through
 * read-live-articles.ts, which only ever answers published articles of their audience.
 */

export async function getArticle(ctx: Ctx, id: number): Promise<Article> {
  const article = await selectArticle(ctx.db, id);
  if (!article) throw notFound('article');
  return article;
}

export async function listArticles(ctx: Ctx, input: ArticleFilter & { cursor?: string; limit?: number }): Promise<Page<ArticleSummary>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, 2) as [string, number] | null;
  const rows = await selectArticles(ctx.db, input, after, limit);
  return pageOf(rows, limit, (a) => [a.updatedAt.toISOString(), a.id]);
}

/** Public: categories and sections carry no secrets. */
export const listCategories = (ctx: Pick<Ctx, 'db'>): Promise<Category[]> => selectCategories(ctx.db);

/** Articles lacking a version in one of the help center's languages. */
export async function listMissingTranslations(ctx: Ctx): Promise<MissingTranslation[]> {
  const { locales } = await selectSettings(ctx.db);
  return selectMissingTranslations(ctx.db, locales);
}

/** Searches that found nothing, most frequent first: what readers look for and the knowledge base lacks. */
export async function listSearchGaps(ctx: Ctx, limit = 50): Promise<SearchGap[]> {
  requirePermission(ctx.actor, 'reports.read');
  return selectSearchGaps(ctx.db, limit);
}
