import { recordActorAudits } from '../audit/index.ts';
import { type Actor, requirePermission } from '../auth/index.ts';
import { type DbOrTx, withTransaction } from '../db/pool.ts';
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

/** One message to add, and who adds it. */
export interface MessageRequest {
  actor: Actor;
  ticketId: number;
  input: AddMessageInput;
}

/**
 * Adds a public reply, an internal note or an inbound customer message to a ticket, and
 * moves the ticket along: a customer writing reopens it, the first public agent reply
 * is its first response, an agent replying to a new ticket opens it.
 */
export async function addMessage(ctx: Ctx, ticketId: number, input: AddMessageInput): Promise<Message> {
  const [messageId] = await addMessages(ctx.db, [{ actor: ctx.actor, ticketId, input }]);
  return (await selectMessage(ctx.db, messageId as number)) as Message;
}

/**
 * `addMessage` for several messages in one transaction (mail filed together), answering their ids in
 * order. Each step's statements are sent together, so the whole batch waits for three round trips,
 * not three per message; several messages to one ticket move it along in turn, as they would one
 * after another. All or none are added.
 */
export async function addMessages(db: DbOrTx, requests: MessageRequest[]): Promise<number[]> {
  const prepared = requests.map(({ actor, ticketId, input }) => {
    const authorType = input.author ?? 'agent';
    const internal = input.internal ?? false;
    if (authorType === 'customer' && internal) throw invalid('internal', 'a customer message cannot be an internal note');
    if (authorType !== 'agent' && actor.kind !== 'system') {
      throw new AppError('forbidden', 'only channels write messages as the customer or the system');
    }
    requirePermission(actor, internal ? 'tickets.note' : authorType === 'agent' ? 'tickets.reply' : 'tickets.read');
    if (input.status) requirePermission(actor, 'tickets.update');
    return { actor, ticketId, input, authorType, internal, content: prepareContent(input) };
  });

  return withTransaction(db, async (tx) => {
    // Locked in id order, so that two batches touching the same tickets cannot deadlock.
    const ids = [...new Set(prepared.map((p) => p.ticketId))].sort((a, b) => a - b);
    const tickets = new Map((await Promise.all(ids.map((id) => selectTicket(tx, id, true)))).flatMap((t) => (t ? [[t.id, t] as const] : [])));
    const changes = new Map<number, TicketChanges>();
    const steps = prepared.map(({ actor, ticketId, input, authorType, internal, content }) => {
      const ticket = tickets.get(ticketId);
      if (!ticket) throw notFound('ticket');
      if (ticket.mergedIntoId) throw new AppError('conflict', `ticket was merged into #${ticket.mergedIntoId}; write there`, 'ticketId');
      if (ticket.status === 'closed') throw new AppError('conflict', 'ticket is closed; open a follow-up ticket instead', 'ticketId');

      const channel = input.channel ?? (authorType === 'customer' ? ticket.channel : 'web');
      const change: TicketChanges = {};
      if (!internal) change.last_message_at = input.createdAt ?? new Date();
      let status: Status = ticket.status;
      if (input.status) status = input.status;
      else if (authorType === 'customer' && ['pending', 'solved', 'on_hold'].includes(ticket.status)) status = 'open';
      else if (authorType === 'agent' && !internal && ticket.status === 'new') status = 'open';
      if (status !== ticket.status) Object.assign(change, { status }, statusTimestamps(status));
      if (authorType === 'agent' && !internal && !ticket.firstResponseAt) change.first_response_at = input.createdAt ?? new Date();
      // The next message to this ticket in the batch sees it as this one leaves it.
      tickets.set(ticketId, { ...ticket, status, firstResponseAt: ticket.firstResponseAt ?? change.first_response_at ?? null });
      changes.set(ticketId, { ...changes.get(ticketId), ...change });
      const row = {
        ticketId,
        authorType,
        authorUserId: authorType === 'agent' ? actor.userId : null,
        authorCustomerId: authorType === 'customer' ? (input.customerId ?? ticket.requester.id) : null,
        internal,
        channel,
        ...content,
        metadata: input.metadata ?? {},
        createdAt: input.createdAt,
      };
      return { actor, row, attachments: input.attachments ?? [], from: ticket.status, status, ticketChannel: ticket.channel };
    });
    const messageIds = await Promise.all(steps.map(({ row }) => insertMessage(tx, row)));

    const audits = steps.map(({ actor, row, from, status }, i) => ({
      actor,
      change: {
        action: row.internal ? 'ticket.note_added' : 'ticket.message_added',
        entityType: 'ticket',
        entityId: row.ticketId,
        after: { messageId: messageIds[i], authorType: row.authorType, channel: row.channel, ...(status !== from ? { status } : {}) },
        ...(status !== from ? { before: { status: from } } : {}),
      },
    }));
    const events = steps.flatMap(({ row, from, status, ticketChannel }, i) => [
      {
        type: 'message.created',
        payload: { ticketId: row.ticketId, messageId: messageIds[i], internal: row.internal, authorType: row.authorType, channel: row.channel, ticketChannel },
      },
      ...(status !== from ? [{ type: 'ticket.updated', payload: { ticketId: row.ticketId, changes: { status: { from, to: status } } } }] : []),
    ]);
    await Promise.all([
      ...steps.map(({ attachments }, i) => insertAttachments(tx, messageIds[i] as number, attachments)),
      ...[...changes].map(([ticketId, change]) => updateTicketRow(tx, ticketId, change)),
      recordActorAudits(tx, audits),
      emitEvents(tx, events),
    ]);
    return messageIds;
  });
}
