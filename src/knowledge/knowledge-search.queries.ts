import { planEachTime, type Queryable } from '../db/pool.ts';
import type { Visibility } from './knowledge.types.ts';
import { STAND_INS, SWAP_FROM, SWAP_TO } from '../platform/headline.ts';

const HEADLINE = `StartSel=${STAND_INS.markStart}, StopSel=${STAND_INS.markEnd}, MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "`;
/** ts_headline re-parses all it is given; a snippet needs only the start of a long article. */
const HEADLINE_SOURCE_CHARS = 6_000;

export interface RawHit {
  id: number;
  locale: string;
  title: string;
  slug: string;
  categoryId: number | null;
  visibility: Visibility;
  headline: string;
  rank: number;
}

/**
 * Published articles of one language matching a web-search style query in that language's
 * dictionary (stemmed, stop words dropped), best first; snippets are built for the page only.
 */
export async function selectMatchingArticles(db: Queryable, s: { q: string; locale: string; visibility: Visibility[]; limit: number }): Promise<RawHit[]> {
  const { rows } = await db.query(planEachTime(
    `WITH q AS (SELECT websearch_to_tsquery(kb_search_config($2), $1) AS query),
     hits AS (
       SELECT a.id, a.locale, a.title, a.slug, a.category_id, a.visibility, a.body_text,
              ts_rank_cd(a.search_vector, q.query, 1) AS rank
         FROM kb_articles a, q
        WHERE a.search_vector @@ q.query AND a.status = 'published' AND a.locale = $2 AND a.visibility = ANY($3::text[])
        ORDER BY rank DESC, a.id DESC
        LIMIT $4)
     SELECT h.id, h.locale, h.title, h.slug, h.category_id, h.visibility, h.rank,
            ts_headline(kb_search_config(h.locale),
                        translate(left(h.body_text, ${HEADLINE_SOURCE_CHARS}), '${SWAP_FROM}', '${SWAP_TO}'),
                        q.query, '${HEADLINE}') AS headline
       FROM hits h, q ORDER BY h.rank DESC, h.id DESC`,
    [s.q, s.locale, s.visibility, s.limit]),
  );
  return rows.map((r) => ({
    id: r.id,
    locale: r.locale,
    title: r.title,
    slug: r.slug,
    categoryId: r.category_id,
    visibility: r.visibility,
    headline: r.headline,
    rank: r.rank,
  }));
}

/**
 * For each word, the nearest word (by trigrams) that published articles in this language contain, or the word
 * itself when it is known or nothing is near: "pasword" → "password".
 */
export async function selectNearestWords(db: Queryable, locale: string, words: string[]): Promise<string[]> {
  const { rows } = await db.query(planEachTime(
    `SELECT coalesce(
              (SELECT k.word FROM kb_words k WHERE k.locale = $2 AND k.word = w.word),
              (SELECT k.word FROM kb_words k WHERE k.locale = $2 AND k.word % w.word ORDER BY k.word <-> w.word LIMIT 1),
              w.word) AS word
       FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n) ORDER BY w.n`,
    [words, locale]),
  );
  return rows.map((r) => r.word);
}
