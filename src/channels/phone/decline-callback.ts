import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../auth/index.ts';
import { withTransaction } from '../../db/pool.ts';
import type { Ctx } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { selectCallbackRequest } from './callbacks.queries.ts';
import type { CallbackRequest } from './callbacks.types.ts';
import { returnToQueue } from './return-callback.ts';

/** An agent passes on a callback offered to them; it is offered to the next free agent. */
export async function declineCallback(ctx: Ctx, id: number): Promise<CallbackRequest> {
  requirePermission(ctx.actor, 'tickets.update');
  return withTransaction(ctx.db, async (tx) => {
    const callback = await selectCallbackRequest(tx, id, true);
    if (!callback) throw notFound('callback');
    if (callback.status !== 'offered' || callback.offeredTo === null || callback.offeredTo !== ctx.actor.userId) throw conflict('this callback is not offered to you');
    await recordAudit(tx, ctx.actor, { action: 'callback.declined', entityType: 'ticket', entityId: callback.ticketId, after: { callbackId: id } });
    return returnToQueue(tx, callback, callback.offeredTo, 'declined');
  });
}
