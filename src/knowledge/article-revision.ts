import type { Queryable } from '../db/pool.ts';
import { type ArticleContent } from './article-content.ts';
import { insertArticleWords, insertRevision, updateArticleRow } from './knowledge.queries.ts';
import type { Article } from './knowledge.types.ts';

/** Saves new content as the next revision; a published article's words join the search vocabulary. */
export async function saveRevision(tx: Queryable, article: Article, content: ArticleContent & { tags: string[] }, authorId: number | null): Promise<number> {
  const revision = article.revision + 1;
  await updateArticleRow(tx, article.id, {
    title: content.title,
    body_html: content.bodyHtml,
    body_text: content.bodyText,
    excerpt: content.excerpt,
    tags: content.tags,
    revision,
  });
  await insertRevision(tx, { articleId: article.id, revision, title: content.title, bodyHtml: content.bodyHtml, excerpt: content.excerpt, tags: content.tags, authorId });
  if (article.status === 'published') await insertArticleWords(tx, article.id);
  return revision;
}
