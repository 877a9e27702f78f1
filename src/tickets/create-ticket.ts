import { recordActorAudits } from '../audit/index.ts';
import { type Actor, requirePermission, systemActor } from '../auth/index.ts';
import { type CustomerReference, resolveCustomers } from '../customers/index.ts';
import { validateCustomFieldValues } from '../custom-fields/index.ts';
import { type DbOrTx, withTransaction } from '../db/pool.ts';
import { emitEvents } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { normalizeTags } from '../platform/tags.ts';
import { mapTicketConstraint } from './ticket-fields.ts';
import { type NewMessage, prepareContent } from './new-message.ts';
import { insertAttachments, insertTicketsWithMessages } from './tickets.queries.ts';
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

/** One ticket to open, and who opens it. */
export interface TicketRequest {
  actor: Actor;
  input: CreateTicketInput;
}

/**
 * Opens a ticket with its first message. The first message is the customer's by default
 * (a request arriving through a channel or entered on their behalf); `message.author: 'agent'`
 * makes it an outbound first contact, which also counts as the first response.
 */
export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<CreatedTicket> {
  return (await createTickets(ctx.db, [{ actor: ctx.actor, input }]))[0] as CreatedTicket;
}

/**
 * Opens several tickets in one transaction whose statements each write all of them (requesters,
 * tickets and first messages, audit entries, events), answering them in the order asked. All or
 * none are opened: a batch of concurrent API requests (group commit) reruns each alone should one fail.
 */
export async function createTickets(db: DbOrTx, requests: TicketRequest[]): Promise<CreatedTicket[]> {
  const prepared = requests.map(({ actor, input }) => {
    requirePermission(actor, 'tickets.update');
    const subject = input.subject.trim();
    if (!subject) throw invalid('subject', 'subject must not be empty');
    const channel = input.channel ?? input.message.channel ?? 'api';
    const authorType = input.message.author ?? 'customer';
    return { actor, input, subject, channel, authorType, internal: input.message.internal ?? false, content: prepareContent(input.message, 'message.body') };
  });

  return withTransaction(db, async (tx) => {
    const references = prepared.flatMap(({ input }) => ('customerId' in input.requester ? [] : [input.requester]));
    const { ids: resolved, changes: customerChanges } = await resolveCustomers(tx, references, 'requester');
    const rows = [];
    for (const p of prepared) {
      const { input, channel, authorType } = p;
      const requesterId = 'customerId' in input.requester ? input.requester.customerId : (resolved.shift() as number);
      // Required fields are required to solve, not to open: a customer's email must never bounce off a form rule.
      const given = input.customFields && Object.keys(input.customFields).length > 0 ? await validateCustomFieldValues(tx, input.customFields, { partial: true }) : {};
      rows.push({
        ticket: {
          subject: p.subject,
          status: input.status ?? (input.assigneeId ? 'open' : 'new'),
          priority: input.priority ?? 'normal',
          type: input.type ?? null,
          channel,
          requesterId,
          assigneeId: input.assigneeId ?? null,
          teamId: input.teamId ?? null,
          tags: normalizeTags(input.tags ?? []),
          customFields: Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null)),
          createdAt: input.createdAt,
        },
        message: {
          authorType,
          authorUserId: authorType === 'agent' ? p.actor.userId : null,
          authorCustomerId: authorType === 'customer' ? (input.message.customerId ?? requesterId) : null,
          internal: p.internal,
          channel,
          ...p.content,
          metadata: input.message.metadata ?? {},
          createdAt: input.message.createdAt,
        },
      } satisfies Parameters<typeof insertTicketsWithMessages>[1][number]);
    }
    const created = await insertTicketsWithMessages(tx, rows).catch(mapTicketConstraint);
    const views = created.map(({ ticket }) => auditView(ticket));
    // The requesters created or completed are recorded with the tickets, and the attachments written: all sent together.
    const audits = [
      ...customerChanges.audits.map((change) => ({ actor: systemActor, change })),
      ...created.map(({ ticket }, i) => ({ actor: prepared[i]?.actor ?? null, change: { action: 'ticket.created', entityType: 'ticket', entityId: ticket.id, after: views[i] } })),
    ];
    const events = [
      ...customerChanges.events,
      ...created.flatMap(({ ticket, messageId }, i) => {
        const { channel, internal, authorType } = prepared[i] as (typeof prepared)[number];
        return [
          { type: 'ticket.created', payload: { ticketId: ticket.id, requesterId: ticket.requester.id, channel, ticket: views[i] } },
          { type: 'message.created', payload: { ticketId: ticket.id, messageId, internal, authorType, channel, ticketChannel: channel } },
        ];
      }),
    ];
    await Promise.all([
      ...created.map(({ messageId }, i) => insertAttachments(tx, messageId, prepared[i]?.input.message.attachments ?? [])),
      recordActorAudits(tx, audits),
      emitEvents(tx, events),
    ]);
    return created;
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
