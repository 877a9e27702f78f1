import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { requireCustomFieldsFilled, validateCustomFieldValues } from '../custom-fields/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvent } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { auditView, changedFields } from './create-ticket.ts';
import { statusTimestamps } from './status-timestamps.ts';
import { normalizeTags } from '../platform/tags.ts';
import { mapTicketConstraint } from './ticket-fields.ts';
import { selectTicket, type TicketChanges, updateTicketRow } from './tickets.queries.ts';
import type { Priority, Status, Ticket, TicketType } from './tickets.types.ts';

export interface TicketPatch {
  subject?: string;
  status?: Status;
  priority?: Priority;
  type?: TicketType | null;
  assigneeId?: number | null;
  teamId?: number | null;
  requesterId?: number;
  /** Replaces all tags. */
  tags?: string[];
  addTags?: string[];
  removeTags?: string[];
  /** Merged into the existing values; a null value clears that field. */
  customFields?: Record<string, unknown>;
}

export async function updateTicket(ctx: Ctx, id: number, patch: TicketPatch): Promise<Ticket> {
  requirePermission(ctx.actor, 'tickets.update');
  if (patch.subject !== undefined && !patch.subject.trim()) throw invalid('subject', 'subject must not be empty');
  if (patch.tags && (patch.addTags || patch.removeTags)) throw invalid('tags', 'send either tags, or addTags/removeTags');

  await withTransaction(ctx.db, async (tx) => {
    const ticket = await selectTicket(tx, id, true);
    if (!ticket) throw notFound('ticket');
    if (ticket.mergedIntoId) throw new AppError('conflict', `ticket was merged into #${ticket.mergedIntoId}`, 'id');
    if (ticket.status === 'closed' && patch.status !== undefined && patch.status !== 'closed') {
      throw new AppError('conflict', 'a closed ticket cannot be reopened; open a follow-up ticket', 'status');
    }
    const changes: TicketChanges = {};
    if (patch.subject !== undefined) changes.subject = patch.subject.trim();
    if (patch.status !== undefined && patch.status !== ticket.status) Object.assign(changes, { status: patch.status }, statusTimestamps(patch.status));
    if (patch.priority !== undefined) changes.priority = patch.priority;
    if (patch.type !== undefined) changes.type = patch.type;
    if (patch.assigneeId !== undefined) changes.assignee_id = patch.assigneeId;
    if (patch.teamId !== undefined) changes.team_id = patch.teamId;
    if (patch.requesterId !== undefined) changes.requester_id = patch.requesterId;
    if (patch.tags) changes.tags = normalizeTags(patch.tags);
    if (patch.addTags || patch.removeTags) {
      const removed = new Set(normalizeTags(patch.removeTags ?? []));
      changes.tags = normalizeTags([...ticket.tags, ...(patch.addTags ?? [])]).filter((t) => !removed.has(t));
    }
    if (patch.customFields) {
      const given = await validateCustomFieldValues(tx, patch.customFields, { partial: true });
      changes.custom_fields = Object.fromEntries(Object.entries({ ...ticket.customFields, ...given }).filter(([, v]) => v !== null));
    }
    if (changes.status === 'solved' || changes.status === 'closed') {
      // Required custom fields must be filled before a ticket can be solved.
      await requireCustomFieldsFilled(tx, changes.custom_fields ?? ticket.customFields);
    }
    // Assigning a new ticket to someone means they are working on it.
    if (changes.assignee_id && ticket.status === 'new' && !changes.status) changes.status = 'open';
    await updateTicketRow(tx, id, changes).catch(mapTicketConstraint);

    const changed = changedFields(auditView(ticket), auditView((await selectTicket(tx, id)) as Ticket));
    if (changed.fields.length === 0) return;
    await recordAudit(tx, ctx.actor, { action: 'ticket.updated', entityType: 'ticket', entityId: id, before: changed.before, after: changed.after });
    await emitEvent(tx, 'ticket.updated', { ticketId: id, actorUserId: ctx.actor.userId, changes: changed.changes });
  });
  return (await selectTicket(ctx.db, id)) as Ticket;
}
