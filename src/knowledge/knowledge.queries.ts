import type { Db, Queryable, Row } from '../db/pool.ts';
import type { Article, ArticleStatus, ArticleSummary, Category, HelpCenterSettings, Revision, Visibility } from './knowledge.types.ts';

// ---- settings

const toSettings = (r: Row): HelpCenterSettings => ({
  name: r.name,
  logoText: r.logo_text,
  brandColor: r.brand_color,
  defaultLocale: r.default_locale,
  locales: r.locales,
  updatedAt: r.updated_at,
});

export async function selectSettings(db: Queryable): Promise<HelpCenterSettings> {
  const { rows } = await db.query(`SELECT name, logo_text, brand_color, default_locale, locales, updated_at FROM kb_settings`);
  return toSettings(rows[0]);
}

export async function updateSettingsRow(tx: Queryable, s: Omit<HelpCenterSettings, 'updatedAt'>): Promise<HelpCenterSettings> {
  const { rows } = await tx.query(
    `UPDATE kb_settings SET name = $1, logo_text = $2, brand_color = $3, default_locale = $4, locales = $5, updated_at = now()
     RETURNING name, logo_text, brand_color, default_locale, locales, updated_at`,
    [s.name, s.logoText, s.brandColor, s.defaultLocale, s.locales],
  );
  return toSettings(rows[0]);
}

// ---- categories

const CATEGORY_COLUMNS = `id, parent_id, slug, name, description, translations, position, created_at, updated_at`;
const toCategory = (r: Row): Category => ({
  id: r.id,
  parentId: r.parent_id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  translations: r.translations,
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface CategoryColumns {
  parent_id?: number | null;
  slug?: string;
  name?: string;
  description?: string;
  translations?: Category['translations'];
  position?: number;
}

export async function insertCategory(tx: Queryable, c: Required<CategoryColumns>): Promise<Category> {
  const { rows } = await tx.query(
    `INSERT INTO kb_categories (parent_id, slug, name, description, translations, position) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${CATEGORY_COLUMNS}`,
    [c.parent_id, c.slug, c.name, c.description, JSON.stringify(c.translations), c.position],
  );
  return toCategory(rows[0]);
}

export async function updateCategoryRow(tx: Queryable, id: number, c: CategoryColumns): Promise<Category | null> {
  const entries = Object.entries(c).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const values = entries.map(([column, v]) => (column === 'translations' ? JSON.stringify(v) : v));
  const { rows } = await tx.query(
    `UPDATE kb_categories SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${CATEGORY_COLUMNS}`,
    [id, ...values],
  );
  return rows[0] ? toCategory(rows[0]) : null;
}

export async function deleteCategoryRow(tx: Queryable, id: number): Promise<Category | null> {
  const { rows } = await tx.query(`DELETE FROM kb_categories WHERE id = $1 RETURNING ${CATEGORY_COLUMNS}`, [id]);
  return rows[0] ? toCategory(rows[0]) : null;
}

export async function selectCategory(db: Queryable, id: number): Promise<Category | null> {
  const { rows } = await db.query(`SELECT ${CATEGORY_COLUMNS} FROM kb_categories WHERE id = $1`, [id]);
  return rows[0] ? toCategory(rows[0]) : null;
}

export async function selectCategories(db: Queryable): Promise<Category[]> {
  const { rows } = await db.query(`SELECT ${CATEGORY_COLUMNS} FROM kb_categories ORDER BY position, name, id`);
  return rows.map(toCategory);
}

/** Whether `ancestorId` is `id` or above it: a category may not be moved under itself. */
export async function isSelfOrAncestor(db: Queryable, ancestorId: number, id: number): Promise<boolean> {
  const { rows } = await db.query(
    `WITH RECURSIVE up AS (SELECT id, parent_id FROM kb_categories WHERE id = $2
       UNION SELECT c.id, c.parent_id FROM kb_categories c JOIN up ON c.id = up.parent_id)
     SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS yes`,
    [ancestorId, id],
  );
  return rows[0].yes;
}

// ---- articles

const SUMMARY_COLUMNS = `
  a.id, a.group_id, a.locale, a.category_id, a.title, a.slug, a.excerpt, a.tags, a.visibility, a.status,
  a.author_id, u.name AS author_name, a.revision, a.published_at, a.created_at, a.updated_at,
  coalesce(s.views, 0) AS views, coalesce(s.helpful, 0) AS helpful, coalesce(s.not_helpful, 0) AS not_helpful`;
const ARTICLE_FROM = `kb_articles a LEFT JOIN users u ON u.id = a.author_id LEFT JOIN kb_article_stats s ON s.article_id = a.id`;

const toSummary = (r: Row): ArticleSummary => ({
  id: r.id,
  groupId: r.group_id,
  locale: r.locale,
  categoryId: r.category_id,
  title: r.title,
  slug: r.slug,
  excerpt: r.excerpt,
  tags: r.tags,
  visibility: r.visibility,
  status: r.status,
  author: r.author_id ? { id: r.author_id, name: r.author_name } : null,
  revision: r.revision,
  publishedAt: r.published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  stats: { views: r.views, helpful: r.helpful, notHelpful: r.not_helpful },
});

export async function insertArticleGroup(tx: Queryable): Promise<number> {
  const { rows } = await tx.query(`INSERT INTO kb_article_groups DEFAULT VALUES RETURNING id`);
  return rows[0].id;
}

export async function articleGroupExists(db: Queryable, groupId: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT EXISTS (SELECT 1 FROM kb_article_groups WHERE id = $1) AS yes`, [groupId]);
  return rows[0].yes;
}

export interface ArticleColumns {
  category_id?: number | null;
  title?: string;
  slug?: string;
  body_html?: string;
  body_text?: string;
  excerpt?: string;
  tags?: string[];
  visibility?: Visibility;
  status?: ArticleStatus;
  position?: number;
  revision?: number;
  published_at?: Date | null;
}

export async function insertArticle(
  tx: Queryable,
  a: Required<Omit<ArticleColumns, 'revision' | 'published_at'>> & { group_id: number; locale: string; author_id: number | null; published_at: Date | null },
): Promise<number> {
  const { rows } = await tx.query(
    `WITH a AS (
       INSERT INTO kb_articles (group_id, locale, category_id, title, slug, body_html, body_text, excerpt, tags, visibility, status, position, author_id, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id)
     INSERT INTO kb_article_stats (article_id) SELECT id FROM a RETURNING article_id`,
    [a.group_id, a.locale, a.category_id, a.title, a.slug, a.body_html, a.body_text, a.excerpt, a.tags, a.visibility, a.status, a.position, a.author_id, a.published_at],
  );
  return rows[0].article_id;
}

export async function updateArticleRow(tx: Queryable, id: number, changes: ArticleColumns): Promise<void> {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  await tx.query(`UPDATE kb_articles SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...entries.map(([, v]) => v)]);
}

export async function deleteArticleRow(tx: Queryable, id: number): Promise<void> {
  await tx.query(`DELETE FROM kb_articles WHERE id = $1`, [id]);
}

export async function selectArticle(db: Queryable, id: number, lock = false): Promise<Article | null> {
  const { rows } = await db.query(
    `SELECT ${SUMMARY_COLUMNS}, a.body_html,
            coalesce((SELECT json_agg(json_build_object('id', o.id, 'locale', o.locale, 'title', o.title, 'slug', o.slug, 'status', o.status, 'visibility', o.visibility) ORDER BY o.locale)
                        FROM kb_articles o WHERE o.group_id = a.group_id AND o.id <> a.id), '[]') AS translations
       FROM ${ARTICLE_FROM} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
    [id],
  );
  const r = rows[0];
  return r ? { ...toSummary(r), bodyHtml: r.body_html, translations: r.translations } : null;
}

export interface ArticleFilter {
  locale?: string;
  categoryId?: number;
  status?: ArticleStatus[];
  visibility?: Visibility[];
  tag?: string;
  /** Title contains, typo-tolerant. */
  q?: string;
}

export async function selectArticles(db: Queryable, f: ArticleFilter, after: [string, number] | null, limit: number): Promise<ArticleSummary[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = ['true'];
  if (f.locale) where.push(`a.locale = ${p(f.locale)}`);
  if (f.categoryId !== undefined) where.push(`a.category_id = ${p(f.categoryId)}`);
  if (f.status?.length) where.push(`a.status = ANY(${p(f.status)}::text[])`);
  if (f.visibility?.length) where.push(`a.visibility = ANY(${p(f.visibility)}::text[])`);
  if (f.tag) where.push(`a.tags @> ARRAY[${p(f.tag)}::text]`);
  if (f.q?.trim()) where.push(`(a.title ILIKE '%' || ${p(f.q.trim().replace(/[\\%_]/g, '\\$&'))} || '%' OR ${p(f.q.trim())} <% a.title)`);
  if (after) where.push(`(a.updated_at, a.id) < (${p(after[0])}::timestamptz, ${p(after[1])}::bigint)`);
  const { rows } = await db.query(
    `SELECT ${SUMMARY_COLUMNS} FROM ${ARTICLE_FROM} WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id DESC LIMIT ${p(limit + 1)}`,
    params,
  );
  return rows.map(toSummary);
}

/** Published articles readers may see, in a category (or all), ordered for reading. */
export async function selectLiveArticles(
  db: Queryable,
  f: { locale: string; visibility: Visibility[]; categoryIds?: number[]; orderBy: 'position' | 'views'; limit: number },
): Promise<ArticleSummary[]> {
  const { rows } = await db.query(
    `SELECT ${SUMMARY_COLUMNS} FROM ${ARTICLE_FROM}
      WHERE a.status = 'published' AND a.locale = $1 AND a.visibility = ANY($2::text[]) AND ($3::bigint[] IS NULL OR a.category_id = ANY($3))
      ORDER BY ${f.orderBy === 'views' ? 'coalesce(s.views, 0) DESC' : 'a.position, a.title'}, a.id LIMIT $4`,
    [f.locale, f.visibility, f.categoryIds ?? null, f.limit],
  );
  return rows.map(toSummary);
}

/** Articles sharing a tag with this one, then others in its category, most read first. */
export async function selectRelatedArticles(db: Queryable, article: ArticleSummary, visibility: Visibility[], limit: number): Promise<ArticleSummary[]> {
  const { rows } = await db.query(
    `SELECT ${SUMMARY_COLUMNS} FROM ${ARTICLE_FROM}
      WHERE a.status = 'published' AND a.locale = $1 AND a.visibility = ANY($2::text[]) AND a.id <> $3
        AND (a.tags && $4::text[] OR a.category_id = $5)
      ORDER BY (a.tags && $4::text[]) DESC, (a.category_id = $5) DESC, coalesce(s.views, 0) DESC, a.id
      LIMIT $6`,
    [article.locale, visibility, article.id, article.tags, article.categoryId, limit],
  );
  return rows.map(toSummary);
}

export interface SitemapEntry {
  id: number;
  groupId: number;
  locale: string;
  slug: string;
  updatedAt: Date;
}

export async function selectSitemapEntries(db: Queryable): Promise<SitemapEntry[]> {
  const { rows } = await db.query(
    `SELECT id, group_id, locale, slug, updated_at FROM kb_articles WHERE status = 'published' AND visibility = 'public' ORDER BY group_id, locale`,
  );
  return rows.map((r) => ({ id: r.id, groupId: r.group_id, locale: r.locale, slug: r.slug, updatedAt: r.updated_at }));
}

export interface MissingTranslation {
  groupId: number;
  articles: { id: number; locale: string; title: string }[];
  missingLocales: string[];
}

export async function selectMissingTranslations(db: Queryable, locales: string[]): Promise<MissingTranslation[]> {
  const { rows } = await db.query(
    `SELECT a.group_id, json_agg(json_build_object('id', a.id, 'locale', a.locale, 'title', a.title) ORDER BY a.locale) AS articles,
            ARRAY(SELECT unnest($1::text[]) EXCEPT SELECT unnest(array_agg(a.locale)) ORDER BY 1) AS missing
       FROM kb_articles a GROUP BY a.group_id
     HAVING NOT array_agg(a.locale) @> $1::text[]
      ORDER BY a.group_id DESC LIMIT 500`,
    [locales],
  );
  return rows.map((r) => ({ groupId: r.group_id, articles: r.articles, missingLocales: r.missing }));
}

// ---- revisions

const toRevision = (r: Row): Revision => ({
  revision: r.revision,
  title: r.title,
  bodyHtml: r.body_html,
  excerpt: r.excerpt,
  tags: r.tags,
  author: r.author_id ? { id: r.author_id, name: r.author_name } : null,
  createdAt: r.created_at,
});

export async function insertRevision(
  tx: Queryable,
  r: { articleId: number; revision: number; title: string; bodyHtml: string; excerpt: string; tags: string[]; authorId: number | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO kb_article_revisions (article_id, revision, title, body_html, excerpt, tags, author_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.articleId, r.revision, r.title, r.bodyHtml, r.excerpt, r.tags, r.authorId],
  );
}

export async function selectRevisions(db: Queryable, articleId: number): Promise<Revision[]> {
  const { rows } = await db.query(
    `SELECT r.revision, r.title, r.body_html, r.excerpt, r.tags, r.author_id, u.name AS author_name, r.created_at
       FROM kb_article_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.article_id = $1 ORDER BY r.revision DESC`,
    [articleId],
  );
  return rows.map(toRevision);
}

export async function selectRevision(db: Queryable, articleId: number, revision: number): Promise<Revision | null> {
  const { rows } = await db.query(
    `SELECT r.revision, r.title, r.body_html, r.excerpt, r.tags, r.author_id, u.name AS author_name, r.created_at
       FROM kb_article_revisions r LEFT JOIN users u ON u.id = r.author_id WHERE r.article_id = $1 AND r.revision = $2`,
    [articleId, revision],
  );
  return rows[0] ? toRevision(rows[0]) : null;
}

// ---- readers: views, votes, vocabulary, content gaps

/**
 * One view per id, an id listed twice counted twice. A view count is not worth a wait for the disk:
 * the commit returns before its WAL is flushed (a crash of the database may lose the last moment's
 * views, never anything else), while other sessions see it at once as usual. Hence the pool, never a
 * transaction: the setting would hold for all of it.
 */
export async function incrementViewsOf(db: Db, articleIds: number[]): Promise<void> {
  await db.query(
    `WITH unflushed AS (SELECT set_config('synchronous_commit', 'off', true))
     UPDATE kb_article_stats s SET views = s.views + v.n
       FROM (SELECT id, count(*) AS n FROM unnest($1::bigint[]) AS id GROUP BY id) v, unflushed
      WHERE s.article_id = v.id`,
    [articleIds],
  );
}

/** The number that moves with every change to articles, categories or settings (migration 065). */
export async function selectGeneration(db: Queryable): Promise<number> {
  const { rows } = await db.query(`SELECT n FROM kb_generation`);
  return rows[0].n;
}

export async function insertVote(tx: Queryable, v: { articleId: number; helpful: boolean; comment: string; customerId: number | null }): Promise<number> {
  const { rows } = await tx.query(
    `WITH v AS (INSERT INTO kb_votes (article_id, helpful, comment, customer_id) VALUES ($1, $2, $3, $4) RETURNING id),
          s AS (UPDATE kb_article_stats SET helpful = helpful + $2::int, not_helpful = not_helpful + (NOT $2)::int WHERE article_id = $1)
     SELECT id FROM v`,
    [v.articleId, v.helpful, v.comment, v.customerId],
  );
  return rows[0].id;
}

/** Adds the words of an article to the vocabulary that corrects misspelt queries. */
export async function insertArticleWords(tx: Queryable, articleId: number): Promise<void> {
  await tx.query(
    `INSERT INTO kb_words (locale, word)
     SELECT DISTINCT a.locale, w FROM kb_articles a, regexp_split_to_table(lower(a.title || ' ' || a.body_text), '[^[:alnum:]]+') AS w
      WHERE a.id = $1 AND length(w) BETWEEN 3 AND 40
     ON CONFLICT DO NOTHING`,
    [articleId],
  );
}

export async function recordSearchGap(db: Queryable, locale: string, query: string): Promise<void> {
  await db.query(
    `INSERT INTO kb_search_gaps (locale, query) VALUES ($1, $2)
     ON CONFLICT (locale, query) DO UPDATE SET searches = kb_search_gaps.searches + 1, last_searched_at = now()`,
    [locale, query],
  );
}

export interface SearchGap {
  locale: string;
  query: string;
  searches: number;
  lastSearchedAt: Date;
}

export async function selectSearchGaps(db: Queryable, limit: number): Promise<SearchGap[]> {
  const { rows } = await db.query(
    `SELECT locale, query, searches, last_searched_at FROM kb_search_gaps ORDER BY searches DESC, last_searched_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ locale: r.locale, query: r.query, searches: r.searches, lastSearchedAt: r.last_searched_at }));
}
