import type { Db, Queryable } from '../db/pool.ts';
import { incrementViewsOf, selectArticle, selectGeneration, selectLiveArticles, selectRelatedArticles, selectSitemapEntries, type SitemapEntry } from './knowledge.queries.ts';
import { type Article, type ArticleSummary, type Audience, VISIBLE_TO } from './knowledge.types.ts';

/*
 * What readers outside (the help center, the portal) may see: published articles of their
 * audience only. Drafts, articles in review and internal articles never leave through here.
 */

export async function getLiveArticle(db: Queryable, id: number, audience: Audience): Promise<Article | null> {
  const article = await selectArticle(db, id);
  if (!article || article.status !== 'published' || !VISIBLE_TO[audience].includes(article.visibility)) return null;
  const translations = article.translations.filter((t) => t.status === 'published' && VISIBLE_TO[audience].includes(t.visibility));
  return { ...article, translations };
}

export function listLiveArticles(
  db: Queryable,
  f: { locale: string; audience: Audience; categoryIds?: number[]; orderBy?: 'position' | 'views'; limit?: number },
): Promise<ArticleSummary[]> {
  return selectLiveArticles(db, { locale: f.locale, visibility: VISIBLE_TO[f.audience], categoryIds: f.categoryIds, orderBy: f.orderBy ?? 'position', limit: f.limit ?? 200 });
}

export const relatedArticles = (db: Queryable, article: ArticleSummary, audience: Audience, limit = 5): Promise<ArticleSummary[]> =>
  selectRelatedArticles(db, article, VISIBLE_TO[audience], limit);

/** Every public article in every language, for sitemap.xml. */
export const sitemapEntries = (db: Queryable): Promise<SitemapEntry[]> => selectSitemapEntries(db);

export const recordArticleView = (db: Db, articleId: number): Promise<void> => incrementViewsOf(db, [articleId]);

/** Views of many readers at once, for a process that counts them in batches. */
export const recordArticleViews = (db: Db, articleIds: number[]): Promise<void> => incrementViewsOf(db, articleIds);

/**
 * A number that changes, in the same transaction, with every change to what readers may see
 * (articles, categories, help center settings): what was rendered under one number is still right
 * while the number is the same, on any process.
 */
export const knowledgeGeneration = (db: Queryable): Promise<number> => selectGeneration(db);
