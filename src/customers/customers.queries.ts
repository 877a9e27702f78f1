import { planEachTime, type Queryable, type Row } from '../db/pool.ts';
import { IDENTITY_KINDS, type IdentityKind } from './identities.ts';

export interface CustomerIdentity {
  id: number;
  kind: IdentityKind;
  value: string;
  isPrimary: boolean;
  createdAt: Date;
}

export interface IdentityValue {
  kind: IdentityKind;
  value: string;
}

const toIdentity = (r: Row): CustomerIdentity => ({ id: r.id, kind: r.kind, value: r.value, isPrimary: r.is_primary, createdAt: r.created_at });

export interface Customer {
  id: number;
  name: string;
  organization: { id: number; name: string } | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  identities: CustomerIdentity[];
  /** Set once this customer was merged into another; clients follow it. */
  mergedIntoId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const CUSTOMER_COLUMNS = `
  c.id, c.name, c.organization_id, o.name AS organization_name, c.language, c.time_zone, c.tags, c.attributes,
  c.merged_into_id, c.created_at, c.updated_at,
  coalesce((SELECT json_agg(json_build_object('id', i.id, 'kind', i.kind, 'value', i.value, 'isPrimary', i.is_primary, 'createdAt', i.created_at)
                            ORDER BY i.kind, i.is_primary DESC, i.id)
              FROM customer_identities i WHERE i.customer_id = c.id), '[]') AS identities`;
const CUSTOMER_FROM = `customers c LEFT JOIN organizations o ON o.id = c.organization_id`;

const toCustomer = (r: Row): Customer => ({
  id: r.id,
  name: r.name,
  organization: r.organization_id ? { id: r.organization_id, name: r.organization_name } : null,
  language: r.language,
  timeZone: r.time_zone,
  tags: r.tags,
  attributes: r.attributes,
  identities: (r.identities as Row[]).map((i) => ({ id: i.id, kind: i.kind, value: i.value, isPrimary: i.isPrimary, createdAt: new Date(i.createdAt) })),
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function selectCustomer(db: Queryable, id: number, lock = false): Promise<Customer | null> {
  const { rows } = await db.query(`SELECT ${CUSTOMER_COLUMNS} FROM ${CUSTOMER_FROM} WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

export interface CustomerFields {
  name: string;
  organizationId: number | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
}

export async function insertCustomer(tx: Queryable, c: CustomerFields): Promise<number> {
  const { rows } = await tx.query(
    `INSERT INTO customers (name, organization_id, language, time_zone, tags, attributes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.name, c.organizationId, c.language, c.timeZone, c.tags, JSON.stringify(c.attributes)],
  );
  return rows[0].id;
}

export async function updateCustomerRow(tx: Queryable, id: number, c: CustomerFields): Promise<void> {
  await tx.query(
    `UPDATE customers SET name = $2, organization_id = $3, language = $4, time_zone = $5, tags = $6, attributes = $7, updated_at = now() WHERE id = $1`,
    [id, c.name, c.organizationId, c.language, c.timeZone, c.tags, JSON.stringify(c.attributes)],
  );
}

/**
 * New customers known only by how they got in touch, each with their identities (the first of each
 * kind primary) and in the organization that claims their email domain, if any; in one statement,
 * answered in the order given. Ids are drawn before the rows are written so that each identity
 * joins its own customer.
 */
export async function insertContactedCustomers(
  tx: Queryable,
  customers: { name: string; emailDomain: string | null; identities: IdentityValue[] }[],
): Promise<{ id: number; organizationId: number | null }[]> {
  const identities = customers.flatMap((c, n) => c.identities.map((i) => ({ n, ...i })));
  const { rows } = await tx.query(
    `WITH input AS MATERIALIZED (
       SELECT r.*, nextval(pg_get_serial_sequence('customers', 'id')) AS id
         FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(n int, name text, domain text) ORDER BY n) r),
     c AS (
       INSERT INTO customers (id, name, organization_id) OVERRIDING SYSTEM VALUE
       SELECT id, name, (SELECT o.id FROM organizations o WHERE o.domains @> ARRAY[domain] ORDER BY o.id LIMIT 1) FROM input ORDER BY n
       RETURNING id, organization_id),
     i AS (
       INSERT INTO customer_identities (customer_id, kind, value, is_primary)
       SELECT input.id, t.k, t.v, row_number() OVER (PARTITION BY input.id, t.k ORDER BY t.m) = 1
         FROM unnest($2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS t(n, k, v, m) JOIN input ON input.n = t.n)
     SELECT input.n, c.id, c.organization_id FROM c JOIN input ON input.id = c.id ORDER BY input.n`,
    [
      JSON.stringify(customers.map((c, n) => ({ n, name: c.name, domain: c.emailDomain }))),
      identities.map((i) => i.n),
      identities.map((i) => i.kind),
      identities.map((i) => i.value),
    ],
  );
  return rows.map((r) => ({ id: r.id, organizationId: r.organization_id }));
}

/** Names a customer known only by an address, once a name turns up. */
export async function fillEmptyName(tx: Queryable, id: number, name: string): Promise<boolean> {
  const { rowCount } = await tx.query(`UPDATE customers SET name = $2, updated_at = now() WHERE id = $1 AND name = ''`, [id, name]);
  return rowCount === 1;
}

/** Points the source, and every customer merged into it before, at the target. */
export async function markMerged(tx: Queryable, sourceId: number, targetId: number): Promise<void> {
  await tx.query(`UPDATE customers SET merged_into_id = $2, updated_at = now() WHERE id = $1 OR merged_into_id = $1`, [sourceId, targetId]);
}

/** Locks those of these customers that are live (not merged away) and returns their ids. */
export async function lockLiveCustomers(tx: Queryable, ids: number[]): Promise<number[]> {
  const { rows } = await tx.query(`SELECT id FROM customers WHERE id = ANY($1::bigint[]) AND merged_into_id IS NULL ORDER BY id FOR UPDATE`, [ids]);
  return rows.map((r) => r.id);
}

export async function setOrganization(tx: Queryable, customerIds: number[], organizationId: number | null): Promise<{ id: number; before: number | null }[]> {
  const { rows } = await tx.query(
    `UPDATE customers c SET organization_id = $2, updated_at = now()
       FROM customers old WHERE old.id = c.id AND c.id = ANY($1::bigint[]) AND c.organization_id IS DISTINCT FROM $2
     RETURNING c.id, old.organization_id AS before`,
    [customerIds, organizationId],
  );
  return rows.map((r) => ({ id: r.id, before: r.before }));
}

export interface CustomerSearch {
  q?: string;
  /** Normalised spellings of `q` that an identity may equal exactly. */
  exactValues: string[];
  organizationId?: number;
  tags?: string[];
  limit: number;
  /** The last row's sort key: `[score, id]` when searching, `[id]` otherwise. */
  after: (string | number | null)[] | null;
}

export type RankedCustomer = Customer & { score: number | null };

// A trigram similarity of 0.2 still finds "John Smith" from "Jonh Smiht" (0.29) yet leaves out unrelated names.
const NAME_SIMILARITY = 0.2;
// Word similarity looks for the query inside a longer value: "jon.smith@exmple" in "jon.smith@example.com" (0.75).
// Whole-value similarity is not used for identities: the shared "@gmail.com" alone would make everyone similar.
const WORD_SIMILARITY = 0.6;
const EXACT_SCORE = 3;
const PREFIX_SCORE = 1;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * Live customers, newest first; with `q`, ranked by how well their name or an identity matches:
 * an exact identity first, then identities starting with `q`, then by trigram similarity.
 * The trigram operators use the GIN indexes with the thresholds set for this transaction.
 */
export async function searchCustomers(tx: Queryable, s: CustomerSearch): Promise<RankedCustomer[]> {
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['c.merged_into_id IS NULL'];
  if (s.organizationId !== undefined) where.push(`c.organization_id = ${param(s.organizationId)}`);
  if (s.tags?.length) where.push(`c.tags @> ${param(s.tags)}::text[]`);

  const q = s.q?.trim();
  if (!q) {
    if (s.after) where.push(`c.id < ${param(s.after[0])}::bigint`);
    const { rows } = await tx.query(
      `SELECT ${CUSTOMER_COLUMNS}, NULL::float8 AS score FROM ${CUSTOMER_FROM} WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${param(s.limit + 1)}`,
      params,
    );
    return rows.map((r) => ({ ...toCustomer(r), score: null }));
  }

  // The planner takes a trigram comparison for cheap and scans the whole table; on 50,000
  // customers the trigram indexes answer ten times faster, so this transaction prefers them.
  // Parallel workers cost more to start than these few index probes save.
  await tx.query(
    `SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('pg_trgm.word_similarity_threshold', $2, true),
            set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    [String(NAME_SIMILARITY), String(WORD_SIMILARITY)],
  );
  const text = param(q);
  const lower = param(q.toLowerCase());
  const prefix = param(`${escapeLike(q.toLowerCase())}%`);
  const exact = param(s.exactValues);
  // Naming every kind lets the exact match use the (kind, value) index.
  const kinds = param(IDENTITY_KINDS);
  if (s.after) where.push(`(r.score, r.id) < (${param(s.after[0])}::float8, ${param(s.after[1])}::bigint)`);
  const { rows } = await tx.query(planEachTime(
    `WITH matches (id, score) AS (
       SELECT n.id, greatest(similarity(n.name, ${text}), word_similarity(${text}, n.name))::float8
         FROM customers n WHERE n.name % ${text} OR ${text} <% n.name
       UNION ALL
       SELECT i.customer_id, CASE WHEN i.value = ANY(${exact}::text[]) THEN ${EXACT_SCORE}::float8
                                  WHEN i.value LIKE ${prefix} THEN ${PREFIX_SCORE} + similarity(i.value, ${lower})::float8
                                  ELSE word_similarity(${lower}, i.value)::float8 END
         FROM customer_identities i
        WHERE (i.kind = ANY(${kinds}::text[]) AND i.value = ANY(${exact}::text[])) OR i.value LIKE ${prefix} OR ${lower} <% i.value
     ), ranked AS (
       SELECT m.id, max(m.score) AS score FROM matches m GROUP BY m.id
     ), page AS (
       -- The page first, then its columns: the identities of every candidate would cost a subquery each.
       SELECT r.id, r.score FROM ranked r JOIN customers c ON c.id = r.id
        WHERE ${where.join(' AND ')}
        ORDER BY r.score DESC, r.id DESC LIMIT ${param(s.limit + 1)}
     )
     SELECT ${CUSTOMER_COLUMNS}, page.score FROM page JOIN ${CUSTOMER_FROM} ON c.id = page.id
      ORDER BY page.score DESC, c.id DESC`,
    params),
  );
  return rows.map((r) => ({ ...toCustomer(r), score: r.score }));
}

export async function countNotes(db: Queryable, customerId: number): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM customer_notes WHERE customer_id = $1`, [customerId]);
  return rows[0].n;
}

/**
 * Transaction-scoped locks on identities not yet stored, so that two first contacts from one
 * address create one customer. Taken in a fixed order so that two callers cannot deadlock.
 */
export async function lockIdentities(tx: Queryable, identities: IdentityValue[]): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n) ORDER BY n', [lockKeys(identities)]);
}

/** The advisory lock keys of these identities, in the order they are taken. */
export const lockKeys = (identities: IdentityValue[]) => [...new Set(identities.map((i) => `identity:${i.kind}:${i.value}`))].sort();

/**
 * For each list of identities, the live customer any of them belongs to (the earliest identity wins),
 * locked against a concurrent merge; with whether they have a name and whether every given identity
 * is already known, so that the common repeat contact costs no writes. Null where none is known.
 * One statement for any number of lists: a group-committed batch of tickets resolves its requesters at once.
 */
export async function selectCustomersByIdentities(tx: Queryable, lists: IdentityValue[][]): Promise<({ id: number; named: boolean; allKnown: boolean } | null)[]> {
  const given = lists.flatMap((identities, n) => identities.map((i) => ({ n, ...i })));
  // The identities come as one jsonb document, not as arrays: Postgres cannot count the rows of a
  // document while planning, so the plan made for one call fits every other, and the statement is
  // planned once per connection instead of on every call (planning had cost it 0.3 ms a call).
  // FOR SHARE makes a concurrent merge finish first; the re-read row then carries merged_into_id.
  const { rows } = await tx.query(
    `WITH given AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS g(n int, kind text, value text))
     SELECT r.n, found.id, found.named, found.all_known
       FROM (SELECT DISTINCT n FROM given) AS r
       JOIN LATERAL (
         SELECT coalesce(c.merged_into_id, c.id) AS id,
                (SELECT live.name <> '' FROM customers live WHERE live.id = coalesce(c.merged_into_id, c.id)) AS named,
                (SELECT count(*) FROM given g JOIN customer_identities j ON (j.kind, j.value) = (g.kind, g.value) WHERE g.n = r.n)
                  = (SELECT count(DISTINCT (g.kind, g.value)) FROM given g WHERE g.n = r.n) AS all_known
           FROM given g JOIN customer_identities i ON (i.kind, i.value) = (g.kind, g.value) JOIN customers c ON c.id = i.customer_id
          WHERE g.n = r.n
          ORDER BY i.id LIMIT 1 FOR SHARE OF c) found ON true`,
    [JSON.stringify(given)],
  );
  const found = lists.map((): { id: number; named: boolean; allKnown: boolean } | null => null);
  for (const r of rows) found[r.n] = { id: r.id, named: r.named, allKnown: r.all_known };
  return found;
}

/** Who holds this identity, locked so a concurrent merge or removal waits. */
export async function selectIdentityOwner(tx: Queryable, identity: IdentityValue): Promise<{ identityId: number; customerId: number } | null> {
  const { rows } = await tx.query(`SELECT id, customer_id FROM customer_identities WHERE kind = $1 AND value = $2 FOR UPDATE`, [identity.kind, identity.value]);
  return rows[0] ? { identityId: rows[0].id, customerId: rows[0].customer_id } : null;
}

/** Adds identities to a customer, skipping any already taken; the first of each kind becomes primary. Returns those added. */
export async function insertIdentities(tx: Queryable, customerId: number, identities: IdentityValue[]): Promise<CustomerIdentity[]> {
  const { rows } = await tx.query(
    `INSERT INTO customer_identities (customer_id, kind, value, is_primary)
     SELECT $1, k, v, NOT EXISTS (SELECT 1 FROM customer_identities WHERE customer_id = $1 AND kind = k)
           AND row_number() OVER (PARTITION BY k ORDER BY n) = 1
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(k, v, n)
     ON CONFLICT (kind, value) DO NOTHING
     RETURNING id, kind, value, is_primary, created_at`,
    [customerId, identities.map((i) => i.kind), identities.map((i) => i.value)],
  );
  return rows.map(toIdentity);
}

export async function makePrimaryIdentity(tx: Queryable, customerId: number, identityId: number): Promise<void> {
  await tx.query(
    `UPDATE customer_identities SET is_primary = (id = $2)
      WHERE customer_id = $1 AND kind = (SELECT kind FROM customer_identities WHERE id = $2)`,
    [customerId, identityId],
  );
}

/** Deletes one identity of the customer; if it was the primary one, the oldest of that kind takes over. */
export async function deleteIdentity(tx: Queryable, customerId: number, identityId: number): Promise<CustomerIdentity | null> {
  const { rows } = await tx.query(
    `DELETE FROM customer_identities WHERE id = $2 AND customer_id = $1 RETURNING id, kind, value, is_primary, created_at`,
    [customerId, identityId],
  );
  const r = rows[0];
  if (!r) return null;
  if (r.is_primary) {
    await tx.query(
      `UPDATE customer_identities SET is_primary = true
        WHERE id = (SELECT id FROM customer_identities WHERE customer_id = $1 AND kind = $2 ORDER BY id LIMIT 1)`,
      [customerId, r.kind],
    );
  }
  return toIdentity(r);
}

/** Moves a merged customer's identities and notes to the target; the target keeps its primaries. */
export async function moveIdentitiesAndNotes(tx: Queryable, fromId: number, toId: number): Promise<{ identities: number; notes: number }> {
  const identities = await tx.query(
    `UPDATE customer_identities i SET customer_id = $2,
            is_primary = i.is_primary AND NOT EXISTS (SELECT 1 FROM customer_identities t WHERE t.customer_id = $2 AND t.kind = i.kind AND t.is_primary)
      WHERE i.customer_id = $1`,
    [fromId, toId],
  );
  const notes = await tx.query(`UPDATE customer_notes SET customer_id = $2 WHERE customer_id = $1`, [fromId, toId]);
  return { identities: identities.rowCount ?? 0, notes: notes.rowCount ?? 0 };
}

export interface CustomerNote {
  id: number;
  customerId: number;
  body: string;
  author: { id: number; name: string } | null;
  createdAt: Date;
}

const toNote = (r: Row): CustomerNote => ({
  id: r.id,
  customerId: r.customer_id,
  body: r.body,
  author: r.author_id ? { id: r.author_id, name: r.author_name } : null,
  createdAt: r.created_at,
});

export async function insertNote(tx: Queryable, customerId: number, authorId: number | null, body: string): Promise<CustomerNote> {
  const { rows } = await tx.query(
    `WITH n AS (INSERT INTO customer_notes (customer_id, author_id, body) VALUES ($1, $2, $3) RETURNING id, customer_id, author_id, body, created_at)
     SELECT n.*, u.name AS author_name FROM n LEFT JOIN users u ON u.id = n.author_id`,
    [customerId, authorId, body],
  );
  return toNote(rows[0]);
}

export async function selectNotes(db: Queryable, customerId: number, beforeId: number | null, limit: number): Promise<CustomerNote[]> {
  const { rows } = await db.query(
    `SELECT n.id, n.customer_id, n.author_id, u.name AS author_name, n.body, n.created_at
       FROM customer_notes n LEFT JOIN users u ON u.id = n.author_id
      WHERE n.customer_id = $1 AND ($2::bigint IS NULL OR n.id < $2)
      ORDER BY n.id DESC LIMIT $3`,
    [customerId, beforeId, limit + 1],
  );
  return rows.map(toNote);
}

export async function selectNote(tx: Queryable, customerId: number, noteId: number): Promise<CustomerNote | null> {
  const { rows } = await tx.query(
    `SELECT n.id, n.customer_id, n.author_id, u.name AS author_name, n.body, n.created_at
       FROM customer_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.customer_id = $1 AND n.id = $2 FOR UPDATE OF n`,
    [customerId, noteId],
  );
  return rows[0] ? toNote(rows[0]) : null;
}

export async function deleteNoteRow(tx: Queryable, noteId: number): Promise<void> {
  await tx.query(`DELETE FROM customer_notes WHERE id = $1`, [noteId]);
}
