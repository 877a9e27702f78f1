import { can, requirePermission } from '../auth/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, type Page, pageOf } from '../platform/pagination.ts';
import {
  countTicketsWhere,
  selectAttachmentContent,
  selectLinks,
  selectMessages,
  selectTicket,
  selectTickets,
  sortKeyArity,
  sortKeyOf,
  type TicketLink,
} from './tickets.queries.ts';
import type { Attachment, Message, Ticket, TicketFilter, TicketSort } from './tickets.types.ts';

export async function getTicket(ctx: Ctx, id: number): Promise<Ticket> {
  requirePermission(ctx.actor, 'tickets.read');
  const ticket = await selectTicket(ctx.db, id);
  if (!ticket) throw notFound('ticket');
  return ticket;
}

export interface ListTicketsInput {
  filter: TicketFilter;
  sort?: TicketSort;
  cursor?: string;
  limit?: number;
}

export async function listTickets(ctx: Ctx, input: ListTicketsInput): Promise<Page<Ticket>> {
  requirePermission(ctx.actor, 'tickets.read');
  const sort = input.sort ?? 'updated_desc';
  const limit = input.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(input.cursor, sortKeyArity(sort));
  const rows = await selectTickets(ctx.db, input.filter, sort, after, limit);
  return pageOf(rows, limit, (t) => sortKeyOf(sort, t));
}

export async function countTickets(ctx: Ctx, filter: TicketFilter): Promise<number> {
  requirePermission(ctx.actor, 'tickets.read');
  return countTicketsWhere(ctx.db, filter);
}

/** The thread in order. Internal notes are for agents only: channels and portals pass `includeInternal: false`. */
export async function listMessages(
  ctx: Ctx,
  ticketId: number,
  input: { cursor?: string; limit?: number; includeInternal?: boolean } = {},
): Promise<Page<Message>> {
  await getTicket(ctx, ticketId);
  const limit = input.limit ?? 100;
  const after = decodeCursor(input.cursor, 1);
  const rows = await selectMessages(ctx.db, ticketId, after ? Number(after[0]) : 0, limit, input.includeInternal ?? true);
  return pageOf(rows, limit, (m) => [m.id]);
}

export async function listLinks(ctx: Ctx, ticketId: number): Promise<TicketLink[]> {
  await getTicket(ctx, ticketId);
  return selectLinks(ctx.db, ticketId);
}

export async function getAttachment(ctx: Ctx, id: number): Promise<Attachment & { data: Buffer }> {
  requirePermission(ctx.actor, 'tickets.read');
  const attachment = await selectAttachmentContent(ctx.db, id);
  if (!attachment) throw notFound('attachment');
  if (attachment.internal && !can(ctx.actor, 'tickets.note')) throw new AppError('forbidden', 'attachment belongs to an internal note');
  return attachment;
}
