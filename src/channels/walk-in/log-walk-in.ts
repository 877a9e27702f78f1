import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import type { CustomerReference } from '../../customers/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { createTicket } from '../../tickets/index.ts';
import { insertVisit, selectFollowUpsDue, type WalkInVisit } from './walk-in.queries.ts';

export interface WalkInInput {
  customer: CustomerReference | { customerId: number };
  reason: string;
  notes?: string;
  outcome?: string;
  /** 'YYYY-MM-DD': the visit stays pending until then. */
  followUpOn?: string | null;
}

/**
 * Front desk logs an in-person visit: a walk-in ticket on the customer (found or created),
 * the notes as the conversation, solved unless a follow-up is due.
 */
export async function logWalkIn(ctx: Ctx, input: WalkInInput): Promise<WalkInVisit> {
  requirePermission(ctx.actor, 'tickets.update');
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', 'say why they came');
  if (input.followUpOn && Number.isNaN(Date.parse(input.followUpOn))) throw invalid('followUpOn', 'followUpOn must be a date (YYYY-MM-DD)');
  const outcome = input.outcome?.trim() ?? '';
  const body = [input.notes?.trim() || reason, outcome && `Outcome: ${outcome}`, input.followUpOn && `Follow up on ${input.followUpOn}`].filter(Boolean).join('\n\n');
  return withTransaction(ctx.db, async (tx) => {
    const { ticket, messageId } = await createTicket(
      { ...ctx, db: tx },
      {
        subject: reason.length > 120 ? `${reason.slice(0, 119)}…` : reason,
        requester: 'customerId' in input.customer ? { customerId: input.customer.customerId } : input.customer,
        channel: 'walk_in',
        status: input.followUpOn ? 'pending' : 'solved',
        assigneeId: ctx.actor.userId,
        message: { author: 'agent', body, metadata: { walkIn: { reason, outcome, followUpOn: input.followUpOn ?? null } } },
      },
    );
    const visit = await insertVisit(tx, { ticketId: ticket.id, customerId: ticket.requester.id, reason, outcome, followUpOn: input.followUpOn ?? null, loggedBy: ctx.actor.userId });
    await recordAudit(tx, ctx.actor, { action: 'walk_in.logged', entityType: 'ticket', entityId: ticket.id, after: { visitId: visit.id, messageId, reason, outcome, followUpOn: visit.followUpOn } });
    return visit;
  });
}

/** Visits with a follow-up due by `day` (default today). */
export async function listFollowUpsDue(ctx: Ctx, day = new Date().toISOString().slice(0, 10), limit = 100): Promise<WalkInVisit[]> {
  requirePermission(ctx.actor, 'tickets.read');
  return selectFollowUpsDue(ctx.db, day, limit);
}
