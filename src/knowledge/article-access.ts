import { type Actor, requirePermission } from '../auth/index.ts';
import type { Queryable } from '../db/pool.ts';
import { notFound } from '../platform/errors.ts';
import { selectArticle } from './knowledge.queries.ts';
import type { Article, ArticleStatus } from './knowledge.types.ts';

/** Authors change drafts and articles in review; what readers already see takes a publisher. */
export function requireArticleEditor(actor: Actor, status: ArticleStatus): void {
  requirePermission(actor, status === 'published' ? 'knowledge.publish' : 'knowledge.write');
}

export async function lockArticle(tx: Queryable, id: number): Promise<Article> {
  const article = await selectArticle(tx, id, true);
  if (!article) throw notFound('article');
  return article;
}

/** The fields of an article worth recording in the audit log. */
export const auditView = (a: Article) => ({
  title: a.title,
  slug: a.slug,
  locale: a.locale,
  categoryId: a.categoryId,
  tags: a.tags,
  visibility: a.visibility,
  status: a.status,
  revision: a.revision,
});
