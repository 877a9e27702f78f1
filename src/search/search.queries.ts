/*
 * Search reads the tickets, messages and customers tables directly instead of going through
 * those capabilities' index.ts: one ranked, paged answer across kinds needs their text columns,
 * tsvectors and trigram indexes in a single query, which no per-capability function can give
 * without loading every match into memory. It is strictly read-only; all writes stay with the owners.
 */
import type pg from 'pg';
import { planEachTime, type Queryable, type Row } from '../db/pool.ts';
import type { Status } from '../tickets/index.ts';
import { STAND_INS, SWAP_FROM, SWAP_TO } from '../platform/headline.ts';

export type SearchKind = 'ticket' | 'message' | 'customer';

/** Breaks rank ties between kinds; part of the cursor. */
const KIND_ORDER: Record<SearchKind, number> = { ticket: 3, message: 2, customer: 1 };
const KIND_OF_ORDER: Record<number, SearchKind> = { 3: 'ticket', 2: 'message', 1: 'customer' };

/**
 * Trigram similarity a name or identity must reach. pg_trgm's defaults (0.3 / 0.6) miss
 * one-letter swaps in short names ("Jonh" ~ "John Smith" scores 0.4 by word similarity).
 */
const TRIGRAM_THRESHOLD = 0.3;
/**
 * Customers are first looked for at this similarity: a common first name resembles thousands of
 * customers at 0.3 (1,607 for "patricia.garcai" in the bench, 22 ms) but a few dozen at 0.6 (3 ms).
 * Only when those do not fill the page is the search widened to TRIGRAM_THRESHOLD.
 */
const NARROW_TRIGRAM_THRESHOLD = 0.6;

/**
 * ts_headline drops what its parser takes for markup (`<script>…`, `&lt;`), so the text reaches it
 * with `<`, `>` and `&` swapped for private-use stand-ins, and it marks matches with two more;
 * any of these already in the text are removed first, so every one in the result is ours.
 */
const HEADLINE_SUBJECT = `StartSel=${STAND_INS.markStart}, StopSel=${STAND_INS.markEnd}, HighlightAll=true`;
const HEADLINE_BODY = `StartSel=${STAND_INS.markStart}, StopSel=${STAND_INS.markEnd}, MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … "`;
/** ts_headline re-parses the whole text; a snippet only needs the start of a very long message. */
const HEADLINE_SOURCE_CHARS = 20_000;

export interface SearchFilter {
  status?: Status[];
  assigneeId?: number | null;
  teamId?: number | null;
  tags?: string[];
  createdAfter?: Date;
  createdBefore?: Date;
}

export interface HitQuery {
  text: string;
  /** Set when the whole query is a ticket number ("1234" or "#1234"). */
  ticketNumber: number | null;
  kinds: SearchKind[];
  filter: SearchFilter;
  includeInternal: boolean;
  after: { rank: number; kind: SearchKind; id: number } | null;
  limit: number;
}

/** Ids below which rows count as old; see RECENT_ROWS. */
interface Floors {
  messages: number;
  tickets: number;
}

export interface Hit {
  kind: SearchKind;
  id: number;
  rank: number;
  matched: string[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/**
 * How many of the newest matches of each kind are ranked. A word in one message of eight would
 * otherwise make every search read and rank most of the messages table; within this window the
 * best-ranked come first, and filters or more words reach further back.
 */
const CANDIDATES = 100;
/**
 * The newest matches are looked for among the newest rows first, and only when those hold too few,
 * among the older ones (see newestMatches).
 */
const RECENT_ROWS = { messages: 10_000, tickets: 3_000 };

/**
 * With ticket filters, when the newest rows hold too few matches, the messages of this many of the
 * newest tickets that pass the filters are looked at next, and only then those of older ones.
 * Reading every message that matches to keep those on, say, the 3% of tickets still open took
 * 80–120 ms for a common word in the bench's 500,000 messages; this takes 10–20 ms.
 */
const NEWEST_FILTERED_TICKETS = 500;

/** One step of newestMatches: where to look besides the text, and a CTE it needs defined before it. */
interface Tier {
  from: string;
  where: string[];
  before?: string;
  /** The newest rows (RECENT_ROWS): walked rather than looked up in the text index. */
  walk?: boolean;
}

/**
 * `SELECT … WHERE <text matches> ORDER BY id DESC LIMIT CANDIDATES` over each tier in turn, a tier read
 * only while the ones before it hold fewer than CANDIDATES; `name` is all of them.
 *
 * The newest rows are walked back from the newest along the primary key, each tested against the
 * query, stopping at the CANDIDATES-th match: a common word or pair is found within a few hundred rows
 * (0.1–0.4 ms), a rare one costs at most the window (1–2.5 ms). The text index answers "which rows
 * match" for the whole table at once: for "password reset" (37,000 of the bench's 500,000 messages)
 * intersecting its posting lists took 4–7 ms before the id range could narrow anything. There the test
 * is the function behind @@, which the index cannot serve, as the planner would otherwise take the index
 * for words it believes rare (it multiplies the frequencies of words said together).
 *
 * Older rows, where matches are sparse, are found through the index; ordering them by `id + 0` keeps
 * the planner from walking the primary key through the whole table for a word it has no statistics on.
 */
function newestMatches(name: string, rows: { select: string; id: string; vector: string }, tsquery: string, tiers: Tier[]): string {
  const ctes = tiers.flatMap((tier, i) => {
    const earlier = tiers.slice(0, i).map((_, j) => `(SELECT count(*) FROM ${name}_${j + 1})`);
    const text = tier.walk ? `ts_match_vq(${rows.vector}, ${tsquery})` : `${rows.vector} @@ ${tsquery}`;
    const where = [text, ...tier.where, ...(earlier.length ? [`${earlier.join(' + ')} < ${CANDIDATES}`] : [])];
    const order = tier.walk ? `${rows.id} DESC` : `${rows.id} + 0 DESC`;
    const cte = `${name}_${i + 1} AS MATERIALIZED (SELECT ${rows.select} FROM ${tier.from} WHERE ${and(where)} ORDER BY ${order} LIMIT ${CANDIDATES})`;
    return tier.before ? [tier.before, cte] : [cte];
  });
  return [...ctes, `${name} AS MATERIALIZED (${tiers.map((_, i) => `SELECT * FROM ${name}_${i + 1}`).join(' UNION ALL ')})`].join(',\n');
}

function ticketConditions(f: SearchFilter, p: Params): string[] {
  const where: string[] = [];
  if (f.status?.length) where.push(`t.status = ANY(${p.add(f.status, '::text[]')})`);
  if (f.assigneeId === null) where.push(`t.assignee_id IS NULL`);
  else if (f.assigneeId !== undefined) where.push(`t.assignee_id = ${p.add(f.assigneeId, '::bigint')}`);
  if (f.teamId === null) where.push(`t.team_id IS NULL`);
  else if (f.teamId !== undefined) where.push(`t.team_id = ${p.add(f.teamId, '::bigint')}`);
  if (f.tags?.length) where.push(`t.tags @> ${p.add(f.tags, '::text[]')}`);
  return [...where, ...dateConditions(f, p, 't')];
}

function dateConditions(f: SearchFilter, p: Params, alias: string): string[] {
  const where: string[] = [];
  if (f.createdAfter) where.push(`${alias}.created_at >= ${p.add(f.createdAfter, '::timestamptz')}`);
  if (f.createdBefore) where.push(`${alias}.created_at < ${p.add(f.createdBefore, '::timestamptz')}`);
  return where;
}

/**
 * The newest matching messages and ticket subjects on tickets that pass the filters. Merged tickets
 * hand their messages to the ticket they merge into, so with no filters messages need no join.
 */
function candidates(q: HitQuery, p: Params, tsquery: string, tickets: string[], floors: Floors): string {
  const visible = `(${p.add(q.includeInternal, '::boolean')} OR NOT m.internal)`;
  const messageFloor = p.add(floors.messages, '::bigint');
  const newest = [visible, `m.id > ${messageFloor}`];
  const older = [visible, `m.id <= ${messageFloor}`];
  const onFiltered = 'messages m JOIN tickets t ON t.id = m.ticket_id';
  const messages = newestMatches(
    'message_candidates',
    { select: 'm.id, m.ticket_id, m.search_vector', id: 'm.id', vector: 'm.search_vector' },
    tsquery,
    tickets.length === 0
      ? [
          { from: 'messages m', where: newest, walk: true },
          { from: 'messages m', where: older },
        ]
      : [
          { from: onFiltered, where: [...tickets, ...newest], walk: true },
          {
            before: `filtered_tickets AS MATERIALIZED (SELECT t.id FROM tickets t WHERE ${and(tickets)} AND (SELECT count(*) FROM message_candidates_1) < ${CANDIDATES} ORDER BY t.id DESC LIMIT ${NEWEST_FILTERED_TICKETS})`,
            from: 'messages m',
            where: [...older, 'm.ticket_id IN (SELECT id FROM filtered_tickets)'],
          },
          { from: onFiltered, where: [...tickets, ...older, 't.id < (SELECT coalesce(min(id), 0) FROM filtered_tickets)'] },
        ],
  );
  const ticketFloor = p.add(floors.tickets, '::bigint');
  const subjectMatching = ['t.merged_into_id IS NULL', ...tickets];
  const subjects = newestMatches('subject_candidates', { select: 't.id, t.search_vector', id: 't.id', vector: 't.search_vector' }, tsquery, [
    { from: 'tickets t', where: [...subjectMatching, `t.id > ${ticketFloor}`], walk: true },
    { from: 'tickets t', where: [...subjectMatching, `t.id <= ${ticketFloor}`] },
  ]);
  return `WITH ${messages},\n${subjects}`;
}

/**
 * Tickets rank by subject and by their best-matching message; a subject match always
 * outranks a body-only one (0.5–1 against 0–0.5), and an exact ticket number is 1.
 * Only the candidates pay for ts_rank_cd.
 */
function ticketHits(q: HitQuery, p: Params, tsquery: string, tickets: string[]): string {
  return `
    SELECT ${KIND_ORDER.ticket} AS kind_order, id,
           (CASE WHEN bool_or(by_number) THEN 1.0
                 WHEN max(subject_rank) IS NOT NULL THEN 0.5 + 0.25 * max(subject_rank) + 0.25 * coalesce(max(body_rank), 0)
                 ELSE 0.5 * max(body_rank) END)::float8 AS rank,
           array_remove(ARRAY[CASE WHEN bool_or(by_number) THEN 'number' END,
                              CASE WHEN max(subject_rank) IS NOT NULL THEN 'subject' END,
                              CASE WHEN max(body_rank) IS NOT NULL THEN 'messages' END], NULL) AS matched
      FROM (SELECT id, ts_rank_cd(search_vector, ${tsquery}, 32) AS subject_rank, NULL::real AS body_rank, false AS by_number FROM subject_candidates
            UNION ALL
            SELECT ticket_id, NULL, ts_rank_cd(search_vector, ${tsquery}, 32), false FROM message_candidates
            UNION ALL
            SELECT t.id, NULL, NULL, true FROM tickets t WHERE t.id = ${p.add(q.ticketNumber, '::bigint')} AND ${and(tickets)}) x
     GROUP BY id`;
}

function messageHits(tsquery: string): string {
  return `SELECT ${KIND_ORDER.message} AS kind_order, id, ts_rank_cd(search_vector, ${tsquery}, 32)::float8 AS rank, ARRAY['body'] AS matched
    FROM message_candidates`;
}

/**
 * Customers match by trigram word similarity (pg_trgm.word_similarity_threshold, set by the caller), so
 * typos in names and emails still find them. (Whole-string similarity never exceeds word similarity,
 * so testing it as well only found the same rows four times slower.) Only the page's customers are
 * told which of their fields resemble the query at TRIGRAM_THRESHOLD.
 */
function customerHits(q: HitQuery, p: Params): string {
  const text = p.add(q.text, '::text');
  const threshold = p.add(TRIGRAM_THRESHOLD, '::real');
  return `
    SELECT kind_order, id, rank,
           ARRAY(SELECT field FROM (SELECT 'name' AS field WHERE word_similarity(${text}, name) >= ${threshold}
                                    UNION
                                    SELECT kind FROM customer_identities i WHERE i.customer_id = top.id AND word_similarity(${text}, i.value) >= ${threshold}) f
                  ORDER BY field) AS matched
      FROM (SELECT ${KIND_ORDER.customer} AS kind_order, c.id, c.name, h.rank
              FROM (SELECT id, max(similarity)::float8 AS rank
                      FROM (SELECT id, word_similarity(${text}, name) AS similarity FROM customers WHERE ${text} <% name
                            UNION ALL
                            SELECT customer_id, word_similarity(${text}, value) FROM customer_identities WHERE ${text} <% value) x
                     GROUP BY id) h
              JOIN customers c ON c.id = h.id
             WHERE c.merged_into_id IS NULL AND ${and([...dateConditions(q.filter, p, 'c'), ...afterCondition(q, p, 'h.rank', String(KIND_ORDER.customer), 'c.id')])}
             ORDER BY h.rank DESC, c.id DESC LIMIT ${p.add(q.limit + 1, '::int')}) top`;
}

/** Keyset pagination: what sorts after the last hit of the previous page. */
function afterCondition(q: HitQuery, p: Params, rank: string, kindOrder: string, id: string): string[] {
  if (!q.after) return [];
  return [`(${rank}, ${kindOrder}, ${id}) < (${p.add(q.after.rank, '::float8')}, ${p.add(KIND_ORDER[q.after.kind], '::int')}, ${p.add(q.after.id, '::bigint')})`];
}

const and = (conditions: string[]) => (conditions.length ? conditions.join(' AND ') : 'true');

/**
 * One page of hits across the asked-for kinds, best first; ties go to the newer row (higher id).
 * Filters narrow tickets and messages by their ticket's status, assignee, team, tags and creation date.
 */
export async function selectHits(tx: pg.PoolClient, q: HitQuery): Promise<Hit[]> {
  // A search is many small index probes; starting parallel workers for it costs more (~15 ms) than it saves.
  const { rows: settings } = await tx.query(
    `SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('pg_trgm.word_similarity_threshold', $1, true),
            coalesce((SELECT max(id) FROM messages), 0) - $2 AS messages, coalesce((SELECT max(id) FROM tickets), 0) - $3 AS tickets`,
    [String(NARROW_TRIGRAM_THRESHOLD), RECENT_ROWS.messages, RECENT_ROWS.tickets],
  );
  const textKinds = q.kinds.filter((kind) => kind !== 'customer');
  const textHits = textKinds.length > 0 ? await selectTextHits(tx, { ...q, kinds: textKinds }, settings[0] as Floors) : [];
  if (!q.kinds.includes('customer')) return textHits;

  const customerQuery = async (threshold?: number) => {
    if (threshold !== undefined) await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(threshold)]);
    const p = new Params();
    return tx.query(planEachTime(customerHits(q, p), p.values)).then(({ rows }) => rows.map(hitOf));
  };
  // Only customers who outrank the page's last ticket or message can make the page. When those
  // already set the bar above the wide threshold, it is the one to look at; otherwise the narrow
  // one first, widened when that does not fill the page.
  const pageFloor = textHits[q.limit]?.rank ?? 0;
  let customers: Hit[];
  if (pageFloor >= TRIGRAM_THRESHOLD && pageFloor < NARROW_TRIGRAM_THRESHOLD) customers = await customerQuery(pageFloor);
  else {
    customers = await customerQuery();
    if (customers.length <= q.limit && pageFloor < NARROW_TRIGRAM_THRESHOLD) customers = await customerQuery(TRIGRAM_THRESHOLD);
  }
  return [...textHits, ...customers].sort(byRank).slice(0, q.limit + 1);
}

/** Tickets and messages: one query, their candidates shared. */
async function selectTextHits(tx: pg.PoolClient, q: HitQuery, floors: Floors): Promise<Hit[]> {
  const p = new Params();
  const text = p.add(q.text, '::text');
  const tsquery = `websearch_to_tsquery('english', ${text})`;
  const tickets = ticketConditions(q.filter, p);
  const parts = q.kinds.map((kind) => (kind === 'ticket' ? ticketHits(q, p, tsquery, tickets) : messageHits(tsquery)));
  const after = afterCondition(q, p, 'rank', 'kind_order', 'id');
  const { rows } = await tx.query(planEachTime(
    `${candidates(q, p, tsquery, tickets, floors)}
     SELECT kind_order, id, rank, matched FROM (${parts.join(' UNION ALL ')}) hits WHERE ${and(after)}
      ORDER BY rank DESC, kind_order DESC, id DESC LIMIT ${p.add(q.limit + 1, '::int')}`,
    p.values),
  );
  return rows.map(hitOf);
}

const hitOf = (r: Row): Hit => ({ kind: KIND_OF_ORDER[r.kind_order] as SearchKind, id: r.id, rank: r.rank, matched: r.matched });
const byRank = (a: Hit, b: Hit) => b.rank - a.rank || KIND_ORDER[b.kind] - KIND_ORDER[a.kind] || b.id - a.id;

export interface TicketDetail {
  id: number;
  subject: string;
  status: Status;
  priority: string;
  requester: { id: number; name: string };
  assignee: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  /** Carries the STAND_INS, not yet escaped. */
  subjectHeadline: string;
  messageHeadline: string | null;
}

export async function selectTicketDetails(db: Queryable, ids: number[], text: string, includeInternal: boolean): Promise<Map<number, TicketDetail>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query(planEachTime(
    `WITH query AS (SELECT websearch_to_tsquery('english', $2) AS q)
     SELECT t.id, t.subject, t.status, t.priority, t.created_at, t.updated_at, t.requester_id, c.name AS requester_name,
            t.assignee_id, a.name AS assignee_name, t.team_id, tm.name AS team_name,
            ts_headline('english', translate(t.subject, $4, $8), query.q, $5) AS subject_headline,
            (SELECT ts_headline('english', translate(left(m.body, $7), $4, $8), query.q, $6)
               FROM messages m
              WHERE m.ticket_id = t.id AND m.search_vector @@ query.q AND ($3 OR NOT m.internal)
              ORDER BY ts_rank_cd(m.search_vector, query.q, 32) DESC, m.id DESC LIMIT 1) AS message_headline
       FROM tickets t CROSS JOIN query
       JOIN customers c ON c.id = t.requester_id
       LEFT JOIN users a ON a.id = t.assignee_id
       LEFT JOIN teams tm ON tm.id = t.team_id
      WHERE t.id = ANY($1::bigint[])`,
    [ids, text, includeInternal, SWAP_FROM, HEADLINE_SUBJECT, HEADLINE_BODY, HEADLINE_SOURCE_CHARS, SWAP_TO]),
  );
  return new Map(
    rows.map((r: Row) => [
      r.id,
      {
        id: r.id,
        subject: r.subject,
        status: r.status,
        priority: r.priority,
        requester: { id: r.requester_id, name: r.requester_name },
        assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
        team: r.team_id ? { id: r.team_id, name: r.team_name } : null,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        subjectHeadline: r.subject_headline,
        messageHeadline: r.message_headline,
      },
    ]),
  );
}

export interface MessageDetail {
  id: number;
  ticketId: number;
  ticketSubject: string;
  internal: boolean;
  author: { type: 'customer' | 'agent' | 'system'; name: string };
  createdAt: Date;
  bodyHeadline: string;
}

export async function selectMessageDetails(db: Queryable, ids: number[], text: string): Promise<Map<number, MessageDetail>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query(planEachTime(
    `SELECT m.id, m.ticket_id, t.subject, m.internal, m.author_type, coalesce(u.name, c.name, 'Tend') AS author_name, m.created_at,
            ts_headline('english', translate(left(m.body, $5), $3, $6), websearch_to_tsquery('english', $2), $4) AS body_headline
       FROM messages m JOIN tickets t ON t.id = m.ticket_id
       LEFT JOIN users u ON u.id = m.author_user_id LEFT JOIN customers c ON c.id = m.author_customer_id
      WHERE m.id = ANY($1::bigint[])`,
    [ids, text, SWAP_FROM, HEADLINE_BODY, HEADLINE_SOURCE_CHARS, SWAP_TO]),
  );
  return new Map(
    rows.map((r: Row) => [
      r.id,
      {
        id: r.id,
        ticketId: r.ticket_id,
        ticketSubject: r.subject,
        internal: r.internal,
        author: { type: r.author_type, name: r.author_name },
        createdAt: r.created_at,
        bodyHeadline: r.body_headline,
      },
    ]),
  );
}

export interface CustomerDetail {
  id: number;
  name: string;
  identities: { kind: string; value: string }[];
  createdAt: Date;
}

export async function selectCustomerDetails(db: Queryable, ids: number[]): Promise<Map<number, CustomerDetail>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query(
    `SELECT c.id, c.name, c.created_at,
            coalesce((SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.is_primary DESC, i.id)
                        FROM customer_identities i WHERE i.customer_id = c.id), '[]') AS identities
       FROM customers c WHERE c.id = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.map((r: Row) => [r.id, { id: r.id, name: r.name, identities: r.identities, createdAt: r.created_at }]));
}
