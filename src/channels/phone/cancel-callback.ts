import { recordAudit } from '../../audit/index.ts';
import { requirePermission, systemActor } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import { emitEvent } from '../../events/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { addMessage } from '../../tickets/index.ts';
import { scheduleOfferRound } from './callback-schedule.ts';
import { selectCallbackRequest, updateCallbackRequest } from './callbacks.queries.ts';
import type { CallbackRequest } from './callbacks.types.ts';

/** Withdraws a callback not yet done (the customer called in, or no longer needs it), with the reason on its ticket. */
export async function cancelCallback(ctx: Ctx, id: number, reason?: string): Promise<CallbackRequest> {
  requirePermission(ctx.actor, 'tickets.update');
  return withTransaction(ctx.db, async (tx) => {
    const callback = await selectCallbackRequest(tx, id, true);
    if (!callback) throw notFound('callback');
    if (callback.status === 'done' || callback.status === 'cancelled') throw conflict(`this callback is already ${callback.status}`);
    const notes = reason?.trim() ?? '';
    const cancelled = await updateCallbackRequest(tx, id, { status: 'cancelled', notes, doneAt: new Date() });
    // Written as the system: agents write notes under their own name only.
    await addMessage({ db: tx, actor: systemActor }, callback.ticketId, { author: 'system', internal: true, channel: 'phone', body: `Callback cancelled by ${ctx.actor.name}${notes ? `: ${notes}` : '.'}` });
    await recordAudit(tx, ctx.actor, { action: 'callback.cancelled', entityType: 'ticket', entityId: callback.ticketId, before: { status: callback.status }, after: { callbackId: id, status: 'cancelled', reason: notes } });
    await emitEvent(tx, 'callback.cancelled', { callbackId: id, queueId: callback.queueId, ticketId: callback.ticketId });
    // An agent holding it (offered or taken) is free for the next one.
    if (callback.status !== 'waiting') await scheduleOfferRound(tx);
    return cancelled;
  });
}
