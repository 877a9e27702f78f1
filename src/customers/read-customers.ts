import { can, requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import { countTickets, listTickets, type Ticket } from '../tickets/index.ts';
import { countNotes, type Customer, searchCustomers, selectCustomer } from './customers.queries.ts';
import { IDENTITY_KINDS, normalizeIdentity } from './identities.ts';

export const RECENT_TICKETS = 50;

export type CustomerDetail = Customer & { notesCount: number; ticketCount: number | null; tickets: Ticket[] };

/**
 * One customer with the way to everything they wrote: their most recent tickets (each
 * holding its messages) and how many there are in all. One merged away still answers,
 * with `mergedIntoId` to follow; its tickets moved with the merge.
 */
export async function getCustomer(ctx: Ctx, id: number): Promise<CustomerDetail> {
  requirePermission(ctx.actor, 'customers.read');
  const customer = await selectCustomer(ctx.db, id);
  if (!customer) throw notFound('customer');
  // A role may read customers without reading tickets; it sees the customer without them (and no count).
  const readsTickets = can(ctx.actor, 'tickets.read');
  const [notesCount, ticketCount, tickets] = await Promise.all([
    countNotes(ctx.db, id),
    readsTickets ? countTickets(ctx, { requesterId: id }) : null,
    readsTickets ? listTickets(ctx, { filter: { requesterId: id }, limit: RECENT_TICKETS }).then((page) => page.data) : ([] as Ticket[]),
  ]);
  return { ...customer, notesCount, ticketCount, tickets };
}

export interface ListCustomersInput {
  q?: string;
  organizationId?: number;
  tags?: string[];
  cursor?: string;
  limit?: number;
}

/** The spellings of a query that a stored identity could equal exactly. */
function exactValuesOf(q: string): string[] {
  const values = new Set([q, q.toLowerCase()]);
  for (const kind of IDENTITY_KINDS) {
    try {
      values.add(normalizeIdentity(kind, q));
    } catch {
      // not that kind of identity
    }
  }
  return [...values];
}

/** Live customers, newest first; with `q`, best matches first (typo-tolerant on names and identities). */
export async function listCustomers(ctx: Ctx, input: ListCustomersInput): Promise<Page<Customer>> {
  requirePermission(ctx.actor, 'customers.read');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const q = input.q?.trim() || undefined;
  const after = decodeCursor(input.cursor, q ? 2 : 1);
  // A transaction, because the search sets its similarity thresholds for the transaction only.
  const rows = await withTransaction(ctx.db, (tx) =>
    searchCustomers(tx, { q, exactValues: q ? exactValuesOf(q) : [], organizationId: input.organizationId, tags: input.tags, limit, after }),
  );
  const page = pageOf(rows, limit, (c) => (q ? [c.score, c.id] : [c.id]));
  return { data: page.data.map(({ score: _score, ...customer }) => customer), nextCursor: page.nextCursor };
}
