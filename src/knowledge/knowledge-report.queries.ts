import type { Queryable } from '../db/pool.ts';
import type { ArticleStatus, Visibility } from './knowledge.types.ts';

export interface ArticleReportRow {
  id: number;
  groupId: number;
  locale: string;
  title: string;
  status: ArticleStatus;
  visibility: Visibility;
  views: number;
  helpful: number;
  notHelpful: number;
}

export interface VoteComment {
  articleId: number;
  title: string;
  helpful: boolean;
  comment: string;
  createdAt: Date;
}

/** Articles by readership: views and votes counted since the article was written. */
export async function selectArticleReport(db: Queryable, limit: number): Promise<ArticleReportRow[]> {
  const { rows } = await db.query(
    `SELECT a.id, a.group_id, a.locale, a.title, a.status, a.visibility,
            coalesce(s.views, 0)::int AS views, coalesce(s.helpful, 0) AS helpful, coalesce(s.not_helpful, 0) AS not_helpful
       FROM kb_articles a LEFT JOIN kb_article_stats s ON s.article_id = a.id
      ORDER BY coalesce(s.views, 0) DESC, coalesce(s.helpful, 0) + coalesce(s.not_helpful, 0) DESC, a.id
      LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ id: r.id, groupId: r.group_id, locale: r.locale, title: r.title, status: r.status, visibility: r.visibility, views: r.views, helpful: r.helpful, notHelpful: r.not_helpful }));
}

export async function selectReportTotals(db: Queryable): Promise<{ articles: number; published: number; views: number; helpful: number; notHelpful: number }> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS articles, count(*) FILTER (WHERE a.status = 'published')::int AS published,
            coalesce(sum(s.views), 0)::int AS views, coalesce(sum(s.helpful), 0)::int AS helpful, coalesce(sum(s.not_helpful), 0)::int AS not_helpful
       FROM kb_articles a LEFT JOIN kb_article_stats s ON s.article_id = a.id`,
  );
  const r = rows[0];
  return { articles: r.articles, published: r.published, views: r.views, helpful: r.helpful, notHelpful: r.not_helpful };
}

/** What readers wrote with their vote, newest first: the why behind "not helpful". */
export async function selectVoteComments(db: Queryable, limit: number): Promise<VoteComment[]> {
  const { rows } = await db.query(
    `SELECT v.article_id, a.title, v.helpful, v.comment, v.created_at
       FROM kb_votes v JOIN kb_articles a ON a.id = v.article_id
      WHERE v.comment <> '' ORDER BY v.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ articleId: r.article_id, title: r.title, helpful: r.helpful, comment: r.comment, createdAt: r.created_at }));
}
