import { can, requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import type { Ctx } from '../platform/context.ts';
import { forbidden, invalid } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import type { TicketFilter } from '../tickets/index.ts';
import { headlineHtml } from '../platform/headline.ts';
import { literalHighlightHtml } from './highlight.ts';
import {
  type CustomerDetail,
  type Hit,
  type MessageDetail,
  type SearchFilter,
  type SearchKind,
  selectCustomerDetails,
  selectHits,
  selectMessageDetails,
  selectTicketDetails,
  type TicketDetail,
} from './search.queries.ts';

export type SearchType = 'tickets' | 'messages' | 'customers' | 'all';

export interface SearchInput {
  q: string;
  type?: SearchType;
  filter?: Pick<TicketFilter, 'status' | 'assigneeId' | 'teamId' | 'tags' | 'createdAfter' | 'createdBefore'>;
  cursor?: string;
  limit?: number;
}

export interface SearchResult {
  type: SearchKind;
  id: number;
  rank: number;
  /** Where the query matched: number, subject, messages, body, name, or an identity kind (email, phone, …). */
  matched: string[];
  /** HTML: escaped text with the matched words in `<mark>`. */
  highlights: { field: string; html: string }[];
  ticket: Omit<TicketDetail, 'subjectHeadline' | 'messageHeadline'> | null;
  message: (Omit<MessageDetail, 'ticketId' | 'ticketSubject' | 'bodyHeadline'> & { ticket: { id: number; subject: string } }) | null;
  customer: CustomerDetail | null;
}

const KINDS: Record<Exclude<SearchType, 'all'>, SearchKind> = { tickets: 'ticket', messages: 'message', customers: 'customer' };
const KIND_NAMES = new Set<string>(Object.values(KINDS));

/** Only tickets and messages have a status, assignee, team and tags. */
const ticketOnlyFilter = (f: SearchFilter) =>
  (['status', 'assigneeId', 'teamId', 'tags'] as const).find((k) => (k === 'status' || k === 'tags' ? f[k]?.length : f[k] !== undefined));

function kindsFor(ctx: Ctx, type: SearchType, filter: SearchFilter, hashNumber: boolean): SearchKind[] {
  const readable = (kind: SearchKind) => can(ctx.actor, kind === 'customer' ? 'customers.read' : 'tickets.read');
  if (type !== 'all') {
    const kind = KINDS[type];
    requirePermission(ctx.actor, kind === 'customer' ? 'customers.read' : 'tickets.read');
    const ticketField = ticketOnlyFilter(filter);
    if (kind === 'customer' && ticketField) throw invalid(ticketField === 'tags' ? 'tag' : ticketField, `customers cannot be filtered by ${ticketField}`);
    return [kind];
  }
  // A ticket found through its messages shows the best-matching one, so listing those messages beside
  // it would show each match twice; they have a type of their own. And "#1234" means a ticket: no
  // customer's name or phone is worth a trigram scan for it.
  const kinds = (['ticket', 'customer'] as const).filter(readable).filter((k) => k !== 'customer' || !(ticketOnlyFilter(filter) || hashNumber));
  if (kinds.length === 0) throw forbidden('your role can read neither tickets nor customers');
  return kinds;
}

/**
 * Ranked search over tickets (subject, messages, number), messages and customers (typo-tolerant
 * names and identities). Internal notes are searched only for those who may read them (`tickets.note`),
 * and a ticket found only through a note stays hidden from everyone else.
 */
export async function search(ctx: Ctx, input: SearchInput): Promise<Page<SearchResult>> {
  const text = input.q.trim();
  if (!text) throw invalid('q', 'q must not be empty');
  const filter: SearchFilter = input.filter ?? {};
  const number = /^#?(\d{1,15})$/.exec(text);
  const kinds = kindsFor(ctx, input.type ?? 'all', filter, number !== null && text.startsWith('#'));
  const limit = input.limit ?? DEFAULT_LIMIT;
  const cursor = decodeCursor(input.cursor, 3);
  const [rank, kind, id] = cursor ?? [];
  if (cursor && (typeof rank !== 'number' || typeof kind !== 'string' || !KIND_NAMES.has(kind) || typeof id !== 'number')) {
    throw invalid('cursor', 'cursor is not valid; use the nextCursor of a previous page');
  }
  const includeInternal = can(ctx.actor, 'tickets.note');

  return withTransaction(ctx.db, async (tx) => {
    const hits = await selectHits(tx, {
      text,
      ticketNumber: number ? Number(number[1]) : null,
      kinds,
      filter,
      includeInternal,
      after: cursor ? { rank: rank as number, kind: kind as SearchKind, id: id as number } : null,
      limit,
    });
    const page = pageOf(hits, limit, (h) => [h.rank, h.kind, h.id]);
    const idsOf = (k: SearchKind) => page.data.filter((h) => h.kind === k).map((h) => h.id);
    const [tickets, messages, customers] = await Promise.all([
      selectTicketDetails(tx, idsOf('ticket'), text, includeInternal),
      selectMessageDetails(tx, idsOf('message'), text),
      selectCustomerDetails(tx, idsOf('customer')),
    ]);
    return { data: page.data.map((hit) => resultOf(hit, text, tickets, messages, customers)), nextCursor: page.nextCursor };
  });
}

function resultOf(
  hit: Hit,
  text: string,
  tickets: Map<number, TicketDetail>,
  messages: Map<number, MessageDetail>,
  customers: Map<number, CustomerDetail>,
): SearchResult {
  const base = { type: hit.kind, id: hit.id, rank: hit.rank, matched: hit.matched, ticket: null, message: null, customer: null };
  if (hit.kind === 'ticket') {
    const { subjectHeadline, messageHeadline, ...ticket } = tickets.get(hit.id) as TicketDetail;
    const highlights = [{ field: 'subject', html: headlineHtml(subjectHeadline) }];
    if (messageHeadline !== null) highlights.push({ field: 'message', html: headlineHtml(messageHeadline) });
    return { ...base, highlights, ticket };
  }
  if (hit.kind === 'message') {
    const { ticketId, ticketSubject, bodyHeadline, ...message } = messages.get(hit.id) as MessageDetail;
    return { ...base, highlights: [{ field: 'body', html: headlineHtml(bodyHeadline) }], message: { ...message, ticket: { id: ticketId, subject: ticketSubject } } };
  }
  const customer = customers.get(hit.id) as CustomerDetail;
  const highlights = [
    { field: 'name', html: literalHighlightHtml(customer.name, text) },
    ...customer.identities.filter((i) => hit.matched.includes(i.kind)).map((i) => ({ field: i.kind, html: literalHighlightHtml(i.value, text) })),
  ];
  return { ...base, highlights, customer };
}
