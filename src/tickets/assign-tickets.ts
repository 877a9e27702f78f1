import { recordAudits } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { emitEvents } from '../events/index.ts';
import type { Ctx } from '../platform/context.ts';
import { changedFields } from './create-ticket.ts';
import { mapTicketConstraint } from './ticket-fields.ts';
import { type AssignmentRow, updateUnassignedTickets } from './tickets.queries.ts';

/**
 * Hands out many unassigned tickets at once, as routing does: one UPDATE, one audit statement and one
 * batch of `ticket.updated` events (shaped as updateTicket's), in one transaction. A ticket someone
 * assigned, solved or merged meanwhile is left alone; the answer lists the ids actually assigned.
 */
export async function assignUnassignedTickets(ctx: Ctx, assignments: AssignmentRow[]): Promise<number[]> {
  requirePermission(ctx.actor, 'tickets.update');
  if (assignments.length === 0) return [];
  return withTransaction(ctx.db, async (tx) => {
    const assigned = await updateUnassignedTickets(tx, assignments).catch(mapTicketConstraint);
    if (assigned.length === 0) return [];
    const changed = assigned.map((row) => ({ row, ...changedFields(row.before, row.after) }));
    await recordAudits(
      tx,
      ctx.actor,
      changed.map(({ row, before, after }) => ({ action: 'ticket.updated', entityType: 'ticket', entityId: row.ticketId, before, after })),
    );
    await emitEvents(
      tx,
      changed.map(({ row, changes }) => ({ type: 'ticket.updated', payload: { ticketId: row.ticketId, actorUserId: ctx.actor.userId, changes } })),
    );
    return assigned.map((row) => row.ticketId);
  });
}
