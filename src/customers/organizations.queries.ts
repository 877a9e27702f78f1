import { planEachTime, type Queryable, type Row } from '../db/pool.ts';
import { escapeLike } from './customers.queries.ts';

export interface Organization {
  id: number;
  name: string;
  domains: string[];
  notes: string;
  attributes: Record<string, unknown>;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationFields {
  name: string;
  domains: string[];
  notes: string;
  attributes: Record<string, unknown>;
}

const ORGANIZATION_COLUMNS = `o.id, o.name, o.domains, o.notes, o.attributes, o.created_at, o.updated_at,
  (SELECT count(*)::int FROM customers c WHERE c.organization_id = o.id AND c.merged_into_id IS NULL) AS member_count`;

const toOrganization = (r: Row): Organization => ({
  id: r.id,
  name: r.name,
  domains: r.domains,
  notes: r.notes,
  attributes: r.attributes,
  memberCount: r.member_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function selectOrganization(db: Queryable, id: number, lock = false): Promise<Organization | null> {
  const { rows } = await db.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1 ${lock ? 'FOR UPDATE OF o' : ''}`, [id]);
  return rows[0] ? toOrganization(rows[0]) : null;
}

export async function insertOrganization(tx: Queryable, o: OrganizationFields): Promise<number> {
  const { rows } = await tx.query(`INSERT INTO organizations (name, domains, notes, attributes) VALUES ($1, $2, $3, $4) RETURNING id`, [
    o.name,
    o.domains,
    o.notes,
    JSON.stringify(o.attributes),
  ]);
  return rows[0].id;
}

export async function updateOrganizationRow(tx: Queryable, id: number, o: OrganizationFields): Promise<void> {
  await tx.query(`UPDATE organizations SET name = $2, domains = $3, notes = $4, attributes = $5, updated_at = now() WHERE id = $1`, [
    id,
    o.name,
    o.domains,
    o.notes,
    JSON.stringify(o.attributes),
  ]);
}

export async function deleteOrganizationRow(tx: Queryable, id: number): Promise<void> {
  await tx.query(`DELETE FROM organizations WHERE id = $1`, [id]);
}

/** Every customer in the organization, including those merged away, locked. */
export async function selectMemberIds(tx: Queryable, id: number): Promise<number[]> {
  const { rows } = await tx.query(`SELECT id FROM customers WHERE organization_id = $1 ORDER BY id FOR UPDATE`, [id]);
  return rows.map((r) => r.id);
}

/** Serialises claims on email domains, so two organizations cannot take the same one at once. */
export async function lockDomains(tx: Queryable, domains: string[]): Promise<void> {
  for (const domain of [...domains].sort()) await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`organization-domain:${domain}`]);
}

/** The organizations other than `exceptId` that already claim one of these domains. */
export async function selectDomainOwners(db: Queryable, domains: string[], exceptId: number | null): Promise<{ id: number; name: string; domain: string }[]> {
  const { rows } = await db.query(
    `SELECT o.id, o.name, d AS domain FROM organizations o, unnest(o.domains) d
      WHERE o.domains && $1::text[] AND d = ANY($1::text[]) AND ($2::bigint IS NULL OR o.id <> $2)`,
    [domains, exceptId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, domain: r.domain }));
}

export async function selectOrganizationIdByDomain(db: Queryable, domain: string): Promise<number | null> {
  const { rows } = await db.query(`SELECT id FROM organizations WHERE domains @> ARRAY[$1::text] ORDER BY id LIMIT 1`, [domain]);
  return rows[0]?.id ?? null;
}

export interface OrganizationSearch {
  q?: string;
  limit: number;
  /** `[score, id]` when searching, `[lower(name), id]` otherwise. */
  after: (string | number | null)[] | null;
}

export type RankedOrganization = Organization & { sortKey: (string | number)[] };

const NAME_SIMILARITY = 0.2;
const DOMAIN_SCORE = 2;

/** By name A–Z; with `q`, ranked: an organization owning the domain `q` first, then by trigram similarity of the name. */
export async function searchOrganizations(tx: Queryable, s: OrganizationSearch): Promise<RankedOrganization[]> {
  const q = s.q?.trim();
  if (!q) {
    const { rows } = await tx.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o
        WHERE $1::text IS NULL OR (lower(o.name), o.id) > ($1::text, $2::bigint)
        ORDER BY lower(o.name), o.id LIMIT $3`,
      [s.after?.[0] ?? null, s.after?.[1] ?? null, s.limit + 1],
    );
    return rows.map((r) => ({ ...toOrganization(r), sortKey: [r.name.toLowerCase(), r.id] }));
  }
  await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(NAME_SIMILARITY)]);
  const { rows } = await tx.query(planEachTime(
    `WITH r AS (
       SELECT o.id, CASE WHEN o.domains @> ARRAY[lower($1)] THEN ${DOMAIN_SCORE}::float8
                         ELSE greatest(similarity(o.name, $1), word_similarity($1, o.name))::float8 END AS score
         FROM organizations o WHERE o.name % $1 OR o.name ILIKE '%' || $2 || '%' OR o.domains @> ARRAY[lower($1)])
     SELECT ${ORGANIZATION_COLUMNS}, r.score FROM r JOIN organizations o ON o.id = r.id
      WHERE $3::float8 IS NULL OR (r.score, o.id) < ($3::float8, $4::bigint)
      ORDER BY r.score DESC, o.id DESC LIMIT $5`,
    [q, escapeLike(q), s.after?.[0] ?? null, s.after?.[1] ?? null, s.limit + 1]),
  );
  return rows.map((r) => ({ ...toOrganization(r), sortKey: [r.score, r.id] }));
}
