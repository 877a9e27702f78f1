import { recordAudit } from '../../audit/index.ts';
import { can, requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { logCall } from './calls.ts';
import { scheduleOfferRound } from './callback-schedule.ts';
import { selectCallbackRequest, updateCallbackRequest } from './callbacks.queries.ts';
import type { CallbackRequest } from './callbacks.types.ts';
import { type CallOutcome, selectCall } from './phone.queries.ts';

export interface CompleteCallbackInput {
  outcome: CallOutcome;
  notes?: string;
  /** The call record of the call made (e.g. from the telephony webhook); default: one is logged now. */
  callId?: number;
  durationSeconds?: number;
}

/**
 * The agent who took a callback records how it went. It is linked to a call record — the one
 * given, or an outbound call logged now on the callback's ticket — and the agent is free again.
 */
export async function completeCallback(ctx: Ctx, id: number, input: CompleteCallbackInput): Promise<CallbackRequest> {
  requirePermission(ctx.actor, 'tickets.update');
  return withTransaction(ctx.db, async (tx) => {
    const callback = await selectCallbackRequest(tx, id, true);
    if (!callback) throw notFound('callback');
    if (callback.status !== 'taken') throw conflict('take the callback before completing it');
    if (callback.takenBy !== ctx.actor.userId && !can(ctx.actor, 'teams.manage')) throw conflict('this callback was taken by a colleague');
    let callId: number;
    if (input.callId !== undefined) {
      const call = await selectCall(tx, input.callId);
      if (!call || call.customerId !== callback.customerId) throw invalid('callId', 'no call with this customer has that id');
      callId = call.id;
    } else {
      const call = await logCall({ ...ctx, db: tx }, { direction: 'outbound', phone: callback.phone, ticketId: callback.ticketId, outcome: input.outcome, notes: input.notes, durationSeconds: input.durationSeconds });
      callId = call.id;
    }
    const done = await updateCallbackRequest(tx, id, { status: 'done', outcome: input.outcome, callId, notes: input.notes?.trim() ?? '', doneAt: new Date() });
    await recordAudit(tx, ctx.actor, { action: 'callback.completed', entityType: 'ticket', entityId: callback.ticketId, after: { callbackId: id, outcome: input.outcome, callId } });
    await emitEvent(tx, 'callback.completed', { callbackId: id, queueId: callback.queueId, ticketId: callback.ticketId, callId, outcome: input.outcome });
    await scheduleOfferRound(tx);
    return done;
  });
}
