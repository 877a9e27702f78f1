import { diffWordsWithSpace } from 'diff';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { htmlToText } from '../platform/sanitize-html.ts';
import { getArticle } from './read-articles.ts';
import { selectRevision, selectRevisions } from './knowledge.queries.ts';
import type { Revision } from './knowledge.types.ts';

export async function listRevisions(ctx: Ctx, articleId: number): Promise<Revision[]> {
  await getArticle(ctx, articleId);
  return selectRevisions(ctx.db, articleId);
}

export interface Change {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface RevisionDiff {
  from: number;
  to: number;
  title: Change[];
  /** Word by word over the text of the body, which reads better than a diff of markup. */
  body: Change[];
  tags: { added: string[]; removed: string[] };
}

/** What changed from revision `from` to revision `to` (default: the current one). */
export async function diffRevisions(ctx: Ctx, articleId: number, from: number, to?: number): Promise<RevisionDiff> {
  const article = await getArticle(ctx, articleId);
  const target = to ?? article.revision;
  const [older, newer] = await Promise.all([selectRevision(ctx.db, articleId, from), selectRevision(ctx.db, articleId, target)]);
  if (!older) throw notFound(`revision ${from}`);
  if (!newer) throw notFound(`revision ${target}`);
  const changes = (a: string, b: string): Change[] => diffWordsWithSpace(a, b).map((c) => ({ value: c.value, added: !!c.added, removed: !!c.removed }));
  return {
    from,
    to: target,
    title: changes(older.title, newer.title),
    body: changes(htmlToText(older.bodyHtml), htmlToText(newer.bodyHtml)),
    tags: { added: newer.tags.filter((t) => !older.tags.includes(t)), removed: older.tags.filter((t) => !newer.tags.includes(t)) },
  };
}
