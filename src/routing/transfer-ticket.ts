import { recordAudit } from '../audit/index.ts';
import { requirePermission } from '../auth/index.ts';
import { withTransaction } from '../db/pool.ts';
import { enqueue } from '../jobs/enqueue.ts';
import type { Ctx } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { addMessage, getTicket, type Ticket, updateTicket } from '../tickets/index.ts';
import { FOLLOW_UP_TASK } from './routing-jobs.ts';

export interface TransferInput {
  /** The agent taking over; leave out to hand the ticket to a team's queue. */
  assigneeId?: number;
  teamId?: number;
  /** Why, for the receiving side: kept on the ticket as an internal note. */
  note: string;
  /** Remind the sender to check the outcome after this long. */
  followUpMinutes?: number;
}

/**
 * Moves a ticket to another agent or team with a handover note. Handed to a team without an
 * agent, it waits in that team's queue. All of it, and the optional reminder, commit together.
 */
export async function transferTicket(ctx: Ctx, ticketId: number, input: TransferInput): Promise<Ticket> {
  requirePermission(ctx.actor, 'tickets.update');
  if (input.assigneeId === undefined && input.teamId === undefined) throw invalid('assigneeId', 'name the agent or team to transfer to');
  const note = input.note.trim();
  if (!note) throw invalid('note', 'a handover note tells the receiving side why');
  return withTransaction(ctx.db, async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await getTicket(txCtx, ticketId);
    const after = await updateTicket(txCtx, ticketId, { assigneeId: input.assigneeId ?? null, ...(input.teamId !== undefined ? { teamId: input.teamId } : {}) });
    const from = before.assignee?.name ?? before.team?.name ?? 'unassigned';
    const to = after.assignee?.name ?? after.team?.name ?? 'unassigned';
    await addMessage(txCtx, ticketId, { internal: true, body: `Transferred from ${from} to ${to} by ${ctx.actor.name}:\n\n${note}`, metadata: { transfer: { fromAssigneeId: before.assignee?.id ?? null, toAssigneeId: after.assignee?.id ?? null, toTeamId: after.team?.id ?? null } } });
    await recordAudit(tx, ctx.actor, { action: 'ticket.transferred', entityType: 'ticket', entityId: ticketId, before: { assigneeId: before.assignee?.id ?? null, teamId: before.team?.id ?? null }, after: { assigneeId: after.assignee?.id ?? null, teamId: after.team?.id ?? null, note } });
    if (input.followUpMinutes && ctx.actor.userId !== null) {
      await enqueue(tx, FOLLOW_UP_TASK, { ticketId, userId: ctx.actor.userId }, { runAt: new Date(Date.now() + input.followUpMinutes * 60_000), jobKey: `${FOLLOW_UP_TASK}:${ticketId}:${ctx.actor.userId}` });
    }
    return after;
  });
}
