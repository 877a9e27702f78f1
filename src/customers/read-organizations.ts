import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { type Customer, searchCustomers } from './customers.queries.ts';
import { type Organization, searchOrganizations, selectOrganization } from './organizations.queries.ts';

const FIRST_MEMBERS = 50;

/** One organization with its newest members; the rest page through `GET /customers?organizationId=`. */
export async function getOrganization(ctx: Ctx, id: number): Promise<Organization & { members: Customer[] }> {
  requirePermission(ctx.actor, 'customers.read');
  const organization = await selectOrganization(ctx.db, id);
  if (!organization) throw notFound('organization');
  const members = await searchCustomers(ctx.db, { organizationId: id, exactValues: [], limit: FIRST_MEMBERS, after: null });
  return { ...organization, members: members.slice(0, FIRST_MEMBERS).map(({ score: _score, ...customer }) => customer) };
}

/** A–Z by name; with `q`, the organization owning that email domain first, then by similarity of the name. */
export async function listOrganizations(ctx: Ctx, input: { q?: string; cursor?: string; limit?: number }): Promise<Page<Organization>> {
  requirePermission(ctx.actor, 'customers.read');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const q = input.q?.trim() || undefined;
  const after = decodeCursor(input.cursor, 2);
  // A cursor of the A–Z order starts with a name, one of a search with a score.
  if (after && typeof after[0] !== (q ? 'number' : 'string')) throw invalid('cursor', 'cursor belongs to another query; use the nextCursor of this one');
  const rows = await withTransaction(ctx.db, (tx) => searchOrganizations(tx, { q, limit, after }));
  const page = pageOf(rows, limit, (o) => o.sortKey);
  return { data: page.data.map(({ sortKey: _sortKey, ...organization }) => organization), nextCursor: page.nextCursor };
}
