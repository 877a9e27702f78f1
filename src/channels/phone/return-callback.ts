import type pg from 'pg';
import { emitEvent } from '../../events/index.ts';
import { scheduleOfferRound } from './callback-schedule.ts';
import { updateCallbackRequest } from './callbacks.queries.ts';
import type { CallbackRequest } from './callbacks.types.ts';

/** An offer the agent declined or let lapse: the callback waits again, and goes to someone else next. */
export async function returnToQueue(tx: pg.PoolClient, callback: CallbackRequest, agentId: number, why: 'declined' | 'lapsed'): Promise<CallbackRequest> {
  const returned = await updateCallbackRequest(tx, callback.id, { status: 'waiting', passedBy: [...new Set([...callback.passedBy, agentId])] });
  await emitEvent(tx, 'callback.returned', { callbackId: callback.id, queueId: callback.queueId, ticketId: callback.ticketId, agentId, why });
  await scheduleOfferRound(tx);
  return returned;
}
