import { type Db, withTransaction } from '../db/pool.ts';
import { invalid, notFound } from '../platform/errors.ts';
import type { Page } from '../platform/pagination.ts';
import { addMessage, createTicket, type CustomerTicket, getAttachment, getTicket, listCustomerTickets, listMessages, type Message, type Ticket } from '../tickets/index.ts';
import { type PortalCustomer, portalCtx, requireVisibleTicket } from './portal-access.ts';
import { markSubmitted } from './portal.queries.ts';

/*
 * A customer's requests are their tickets, from every channel. Each read goes through
 * requireVisibleTicket, and internal notes (and their attachments) never leave through here.
 */

export interface PortalFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

const MAX_FILES = 10;

export function listRequests(db: Db, customer: PortalCustomer, input: { organization?: boolean; cursor?: string }): Promise<Page<CustomerTicket>> {
  const organizationId = input.organization ? (customer.managedOrganization?.id ?? null) : null;
  return listCustomerTickets(portalCtx(db, customer), { customerId: customer.customerId, organizationId, cursor: input.cursor, limit: 50 });
}

export async function getRequest(db: Db, customer: PortalCustomer, ticketId: number): Promise<{ ticket: Ticket; messages: Message[] }> {
  const ctx = portalCtx(db, customer);
  const ticket = await requireVisibleTicket(ctx, customer, await getTicket(ctx, ticketId).catch(() => null));
  const messages: Message[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMessages(ctx, ticket.id, { includeInternal: false, cursor, limit: 100 });
    messages.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && messages.length < 1000);
  return { ticket, messages };
}

export async function replyToRequest(db: Db, customer: PortalCustomer, ticketId: number, input: { body: string; files?: PortalFile[] }): Promise<Message> {
  const { ticket } = await getRequest(db, customer, ticketId);
  if (!input.body.trim() && !input.files?.length) throw invalid('body', 'write a message or attach a file');
  if ((input.files?.length ?? 0) > MAX_FILES) throw invalid('files', `at most ${MAX_FILES} files`);
  return addMessage(portalCtx(db, customer), ticket.id, { author: 'customer', customerId: customer.customerId, channel: 'portal', body: input.body, attachments: input.files });
}

/** Opens a ticket for the customer; the new-request form it came from counts as submitted, not deflected. */
export async function createRequest(
  db: Db,
  customer: PortalCustomer,
  input: { subject: string; body: string; files?: PortalFile[]; attemptId?: number },
): Promise<Ticket> {
  if ((input.files?.length ?? 0) > MAX_FILES) throw invalid('files', `at most ${MAX_FILES} files`);
  return withTransaction(db, async (tx) => {
    const { ticket } = await createTicket(portalCtx(tx, customer), {
      subject: input.subject,
      requester: { customerId: customer.customerId },
      channel: 'portal',
      message: { body: input.body, author: 'customer', channel: 'portal', attachments: input.files },
    });
    if (input.attemptId) await markSubmitted(tx, input.attemptId, customer.customerId, ticket.id);
    return ticket;
  });
}

/** A file of a message the customer can see on one of their requests. */
export async function getRequestAttachment(db: Db, customer: PortalCustomer, ticketId: number, attachmentId: number): Promise<{ filename: string; contentType: string; data: Buffer }> {
  const { messages } = await getRequest(db, customer, ticketId);
  if (!messages.some((m) => m.attachments.some((a) => a.id === attachmentId))) throw notFound('attachment');
  return getAttachment(portalCtx(db, customer), attachmentId);
}
