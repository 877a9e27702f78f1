import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvents } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { type NewMessage, prepareContent } from './new-message.ts';
import { statusTimestamps } from './status-timestamps.ts';
import { insertAttachments, insertMessage, selectMessage, selectTicket, type TicketChanges, updateTicketRow } from './tickets.queries.ts';
import type { Message, Status } from './tickets.types.ts';

export interface AddMessageInput extends NewMessage {
  /** Set the ticket's status with the message ("reply and mark pending"). */
  status?: Status;
}

/**
 * Adds a public reply, an internal note or an inbound customer message to a ticket, and
 * moves the ticket along: a customer writing reopens it, the first public agent reply
 * is its first response, an agent replying to a new ticket opens it.
 */
export async function addMessage(ctx: Ctx, ticketId: number, input: AddMessageInput): Promise<Message> {
  const authorType = input.author ?? 'agent';
  const internal = input.internal ?? false;
  if (authorType === 'customer' && internal) throw invalid('internal', 'a customer message cannot be an internal note');
  if (authorType !== 'agent' && ctx.actor.kind !== 'system') {
    throw new AppError('forbidden', 'only channels write messages as the customer or the system');
  }
  requirePermission(ctx.actor, internal ? 'tickets.note' : authorType === 'agent' ? 'tickets.reply' : 'tickets.read');
  if (input.status) requirePermission(ctx.actor, 'tickets.update');
  const content = prepareContent(input);

  const messageId = await withTransaction(ctx.db, async (tx) => {
    const ticket = await selectTicket(tx, ticketId, true);
    if (!ticket) throw notFound('ticket');
    if (ticket.mergedIntoId) throw new AppError('conflict', `ticket was merged into #${ticket.mergedIntoId}; write there`, 'ticketId');
    if (ticket.status === 'closed') throw new AppError('conflict', 'ticket is closed; open a follow-up ticket instead', 'ticketId');

    const channel = input.channel ?? (authorType === 'customer' ? ticket.channel : 'web');
    const messageId = await insertMessage(tx, {
      ticketId,
      authorType,
      authorUserId: authorType === 'agent' ? ctx.actor.userId : null,
      authorCustomerId: authorType === 'customer' ? (input.customerId ?? ticket.requester.id) : null,
      internal,
      channel,
      ...content,
      metadata: input.metadata ?? {},
      createdAt: input.createdAt,
    });
    await insertAttachments(tx, messageId, input.attachments ?? []);

    const changes: TicketChanges = {};
    if (!internal) changes.last_message_at = input.createdAt ?? new Date();
    let status: Status = ticket.status;
    if (input.status) status = input.status;
    else if (authorType === 'customer' && ['pending', 'solved', 'on_hold'].includes(ticket.status)) status = 'open';
    else if (authorType === 'agent' && !internal && ticket.status === 'new') status = 'open';
    if (status !== ticket.status) Object.assign(changes, { status }, statusTimestamps(status));
    if (authorType === 'agent' && !internal && !ticket.firstResponseAt) changes.first_response_at = input.createdAt ?? new Date();
    await updateTicketRow(tx, ticketId, changes);

    await recordAudit(tx, ctx.actor, {
      action: internal ? 'ticket.note_added' : 'ticket.message_added',
      entityType: 'ticket',
      entityId: ticketId,
      after: { messageId, authorType, channel, ...(status !== ticket.status ? { status } : {}) },
      ...(status !== ticket.status ? { before: { status: ticket.status } } : {}),
    });
    await emitEvents(tx, [
      { type: 'message.created', payload: { ticketId, messageId, internal, authorType, channel, ticketChannel: ticket.channel } },
      ...(status !== ticket.status ? [{ type: 'ticket.updated', payload: { ticketId, changes: { status: { from: ticket.status, to: status } } } }] : []),
    ]);
    return messageId;
  });
  return (await selectMessage(ctx.db, messageId)) as Message;
}
