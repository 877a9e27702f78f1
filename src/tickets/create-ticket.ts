import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { type CustomerReference, resolveCustomer } from '../customers/index.ts';
import { validateCustomFieldValues } from '../custom-fields/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvents } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { normalizeTags } from '../platform/tags.ts';
import { mapTicketConstraint } from './ticket-fields.ts';
import { type NewMessage, prepareContent } from './new-message.ts';
import { insertAttachments, insertTicketWithMessage } from './tickets.queries.ts';
import type { Channel, Priority, Status, Ticket, TicketType } from './tickets.types.ts';

export interface CreateTicketInput {
  subject: string;
  requester: CustomerReference | { customerId: number };
  message: NewMessage;
  status?: Status;
  priority?: Priority;
  type?: TicketType | null;
  channel?: Channel;
  assigneeId?: number | null;
  teamId?: number | null;
  tags?: string[];
  customFields?: Record<string, unknown>;
  createdAt?: Date;
}

export interface CreatedTicket {
  ticket: Ticket;
  messageId: number;
}

/**
 * Opens a ticket with its first message. The first message is the customer's by default
 * (a request arriving through a channel or entered on their behalf); `message.author: 'agent'`
 * makes it an outbound first contact, which also counts as the first response.
 */
export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<CreatedTicket> {
  requirePermission(ctx.actor, 'tickets.update');
  const subject = input.subject.trim();
  if (!subject) throw invalid('subject', 'subject must not be empty');
  const content = prepareContent(input.message, 'message.body');
  const channel = input.channel ?? input.message.channel ?? 'api';
  const authorType = input.message.author ?? 'customer';
  const internal = input.message.internal ?? false;

  return withTransaction(ctx.db, async (tx) => {
    const requesterId = 'customerId' in input.requester ? input.requester.customerId : await resolveCustomer(tx, input.requester, 'requester');
    // Required fields are required to solve, not to open: a customer's email must never bounce off a form rule.
    const given = input.customFields && Object.keys(input.customFields).length > 0 ? await validateCustomFieldValues(tx, input.customFields, { partial: true }) : {};
    const customFields = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null));
    const { ticket, messageId } = await insertTicketWithMessage(
      tx,
      {
        subject,
        status: input.status ?? (input.assigneeId ? 'open' : 'new'),
        priority: input.priority ?? 'normal',
        type: input.type ?? null,
        channel,
        requesterId,
        assigneeId: input.assigneeId ?? null,
        teamId: input.teamId ?? null,
        tags: normalizeTags(input.tags ?? []),
        customFields,
        createdAt: input.createdAt,
      },
      {
        authorType,
        authorUserId: authorType === 'agent' ? ctx.actor.userId : null,
        authorCustomerId: authorType === 'customer' ? (input.message.customerId ?? requesterId) : null,
        internal,
        channel,
        ...content,
        metadata: input.message.metadata ?? {},
        createdAt: input.message.createdAt,
      },
    ).catch(mapTicketConstraint);
    await insertAttachments(tx, messageId, input.message.attachments ?? []);
    const view = auditView(ticket);
    await recordAudit(tx, ctx.actor, { action: 'ticket.created', entityType: 'ticket', entityId: ticket.id, after: view });
    await emitEvents(tx, [
      { type: 'ticket.created', payload: { ticketId: ticket.id, requesterId, channel, ticket: view } },
      { type: 'message.created', payload: { ticketId: ticket.id, messageId, internal, authorType, channel, ticketChannel: channel } },
    ]);
    return { ticket, messageId };
  });
}

/** The fields of a ticket worth recording in the audit log and in events. */
export function auditView(t: Ticket) {
  return {
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    type: t.type,
    channel: t.channel,
    requesterId: t.requester.id,
    assigneeId: t.assignee?.id ?? null,
    teamId: t.team?.id ?? null,
    tags: t.tags,
    customFields: t.customFields,
  };
}

/**
 * The fields that differ between two views of a ticket: each side as `{ field: value }` for the audit
 * log, and as `{ field: { from, to } }` for a `ticket.updated` event. No fields when nothing changed.
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const fields = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  return {
    fields,
    before: Object.fromEntries(fields.map((k) => [k, before[k]])),
    after: Object.fromEntries(fields.map((k) => [k, after[k]])),
    changes: Object.fromEntries(fields.map((k) => [k, { from: before[k], to: after[k] }])),
  };
}
