import type { Queryable } from '../db/pool.ts';
import { invalid } from '../platform/errors.ts';
import { selectMatchingArticles, selectNearestWords } from './knowledge-search.queries.ts';
import { recordSearchGap } from './knowledge.queries.ts';
import { type Audience, type SearchHit, VISIBLE_TO } from './knowledge.types.ts';
import { headlineHtml } from '../platform/headline.ts';

export interface ArticleSearch {
  q: string;
  locale: string;
  audience: Audience;
  limit?: number;
  /** Keep a search that found nothing as a content gap (readers' searches, not agents'). */
  recordGap?: boolean;
}

export interface ArticleSearchResult {
  hits: SearchHit[];
  /** Set when nothing matched as typed and the misspelt words were corrected: "Showing results for …". */
  correctedQuery: string | null;
}

const MAX_QUERY = 200;
const normalize = (q: string) => q.trim().replace(/\s+/g, ' ');

/** Keeps a reader's search that found nothing as a content gap, as `searchArticles` with `recordGap` does. */
export const recordContentGap = (db: Queryable, locale: string, q: string): Promise<void> => recordSearchGap(db, locale, normalize(q).toLowerCase());

/**
 * Published articles of the reader's audience and language, in that language's dictionary.
 * When the query as typed finds nothing, each word is swapped for the nearest word the
 * articles contain (trigram similarity), and the corrected query is tried.
 */
export async function searchArticles(db: Queryable, s: ArticleSearch): Promise<ArticleSearchResult> {
  const q = normalize(s.q);
  if (q.length > MAX_QUERY) throw invalid('q', `q must be at most ${MAX_QUERY} characters`);
  if (!q) return { hits: [], correctedQuery: null };
  const search = { locale: s.locale, visibility: VISIBLE_TO[s.audience], limit: s.limit ?? 10 };
  let correctedQuery: string | null = null;
  let hits = await selectMatchingArticles(db, { ...search, q });
  if (hits.length === 0) {
    const words = q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const nearest = words.length ? await selectNearestWords(db, s.locale, words) : [];
    const corrected = nearest.join(' ');
    if (corrected && corrected !== words.join(' ')) {
      hits = await selectMatchingArticles(db, { ...search, q: corrected });
      if (hits.length) correctedQuery = corrected;
    }
  }
  if (hits.length === 0 && s.recordGap) await recordContentGap(db, s.locale, q);
  return {
    hits: hits.map((h) => ({ id: h.id, locale: h.locale, title: h.title, slug: h.slug, categoryId: h.categoryId, visibility: h.visibility, snippetHtml: headlineHtml(h.headline), rank: h.rank })),
    correctedQuery,
  };
}
