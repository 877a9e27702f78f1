import { recordAudit } from '../../audit/index.ts';
import { can, requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { getTicket, updateTicket } from '../../tickets/index.ts';
import { selectCallbackRequest, updateCallbackRequest } from './callbacks.queries.ts';
import { type CallbackRequest, OPEN_STATUSES } from './callbacks.types.ts';

/**
 * An agent takes a callback to make the call: one offered to them, or any still waiting. One
 * offered to a colleague stays theirs unless a supervisor (teams.manage) takes it over. The
 * callback's ticket goes to the agent when nobody has it.
 */
export async function takeCallback(ctx: Ctx, id: number): Promise<CallbackRequest> {
  requirePermission(ctx.actor, 'tickets.update');
  const agentId = ctx.actor.userId;
  if (agentId === null) throw forbidden('only an agent can take a callback');
  return withTransaction(ctx.db, async (tx) => {
    const callback = await selectCallbackRequest(tx, id, true);
    if (!callback) throw notFound('callback');
    if (!OPEN_STATUSES.includes(callback.status)) throw conflict(`this callback is ${callback.status === 'taken' ? 'already taken' : callback.status}`);
    if (callback.status === 'offered' && callback.offeredTo !== agentId && !can(ctx.actor, 'teams.manage')) throw conflict('this callback is offered to a colleague');
    const taken = await updateCallbackRequest(tx, id, { status: 'taken', takenBy: agentId, takenAt: new Date() });
    const txCtx = { ...ctx, db: tx };
    if (!(await getTicket(txCtx, callback.ticketId)).assignee) await updateTicket(txCtx, callback.ticketId, { assigneeId: agentId });
    await recordAudit(tx, ctx.actor, { action: 'callback.taken', entityType: 'ticket', entityId: callback.ticketId, before: { status: callback.status }, after: { callbackId: id, status: 'taken' } });
    await emitEvent(tx, 'callback.taken', { callbackId: id, queueId: callback.queueId, ticketId: callback.ticketId, agentId });
    return taken;
  });
}
