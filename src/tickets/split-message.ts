import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { auditView } from './create-ticket.ts';
import { insertLink, insertMessage, insertTicket, moveMessages, selectMessage, selectTicket } from './tickets.queries.ts';
import type { Ticket } from './tickets.types.ts';

/** Moves one message (a customer raising a second, unrelated question) into a ticket of its own. */
export async function splitMessage(ctx: Ctx, messageId: number, input: { subject?: string } = {}): Promise<Ticket> {
  requirePermission(ctx.actor, 'tickets.update');
  const newId = await withTransaction(ctx.db, async (tx) => {
    const message = await selectMessage(tx, messageId);
    if (!message) throw notFound('message');
    const source = await selectTicket(tx, message.ticketId, true);
    if (!source) throw notFound('ticket');
    const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND author_type <> 'system'`, [source.id]);
    if ((rows[0]?.n ?? 0) < 2) throw new AppError('conflict', 'the only message of a ticket cannot be split off', 'messageId');
    const subject = input.subject?.trim() || `${message.body.split('\n')[0]?.slice(0, 120) || source.subject}`;
    if (!subject) throw invalid('subject', 'subject must not be empty');
    const ticketId = await insertTicket(tx, {
      subject,
      status: 'open',
      priority: source.priority,
      type: source.type,
      channel: source.channel,
      requesterId: message.author.type === 'customer' && message.author.id ? message.author.id : source.requester.id,
      assigneeId: source.assignee?.id ?? null,
      teamId: source.team?.id ?? null,
      tags: source.tags,
      customFields: {},
    });
    await moveMessages(tx, source.id, ticketId, messageId);
    await insertLink(tx, ticketId, source.id, 'split_from');
    await insertMessage(tx, {
      ticketId: source.id,
      authorType: 'system',
      authorUserId: ctx.actor.userId,
      authorCustomerId: null,
      internal: true,
      channel: 'web',
      body: `A message was split off into ticket #${ticketId} “${subject}”.`,
      html: null,
      originalHtml: null,
      metadata: { splitTicketId: ticketId },
    });
    const created = (await selectTicket(tx, ticketId)) as Ticket;
    await recordAudit(tx, ctx.actor, { action: 'ticket.split', entityType: 'ticket', entityId: source.id, after: { messageId, newTicketId: ticketId } });
    await recordAudit(tx, ctx.actor, { action: 'ticket.created', entityType: 'ticket', entityId: ticketId, after: { ...auditView(created), splitFrom: source.id } });
    await emitEvent(tx, 'ticket.created', { ticketId, requesterId: created.requester.id, channel: created.channel, ticket: auditView(created), splitFrom: source.id });
    return ticketId;
  });
  return (await selectTicket(ctx.db, newId)) as Ticket;
}
