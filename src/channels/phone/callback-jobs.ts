import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { recordAudit } from '../../audit/index.ts';
import { systemActor } from '../../auth/index.ts';
import { inClientTransaction } from '../../db/pool.ts';
import { emitEvent, type EventReaction } from '../../events/index.ts';
import { notifyPeople } from '../../notifications/index.ts';
import { scheduleDue, scheduleOfferRound } from './callback-schedule.ts';
import { selectCallbackQueue, selectCallbackRequest, updateCallbackRequest } from './callbacks.queries.ts';
import { OPEN_STATUSES } from './callbacks.types.ts';
import { offerCallbacks } from './offer-callbacks.ts';
import { returnToQueue } from './return-callback.ts';

/** The `phone.callback_offers` job: one offer round. */
export const offerRoundTask: Task = async (_payload, helpers) => {
  await helpers.withPgClient((db) => offerCallbacks(db));
};

const LapsePayload = Type.Object({ callbackId: Type.Integer(), agentId: Type.Integer() });

/** The `phone.callback_offer_lapse` job: an offer still untaken when its time is up goes back to the queue. */
export const offerLapseTask: Task = async (payload, helpers) => {
  Value.Assert(LapsePayload, payload);
  await helpers.withPgClient((db) =>
    inClientTransaction(db, async (tx) => {
      const callback = await selectCallbackRequest(tx, payload.callbackId, true);
      if (callback?.status === 'offered' && callback.offeredTo === payload.agentId) await returnToQueue(tx, callback, payload.agentId, 'lapsed');
    }),
  );
};

const DuePayload = Type.Object({ callbackId: Type.Integer() });

/**
 * Flags a callback that has waited past its queue's limit and tells the queue's lead, once: the row
 * lock and `escalated_at` make a second run (a stray duplicate job, another process) do nothing.
 * Run early, it puts its timer back to the due time.
 */
export async function escalateIfDue(tx: pg.PoolClient, callbackId: number): Promise<boolean> {
  const callback = await selectCallbackRequest(tx, callbackId, true);
  if (!callback || !OPEN_STATUSES.includes(callback.status) || callback.escalatedAt) return false;
  const { rows } = await tx.query<{ now: Date }>('SELECT now()');
  const now = (rows[0] as { now: Date }).now;
  if (callback.dueAt > now) {
    await scheduleDue(tx, callback);
    return false;
  }
  await updateCallbackRequest(tx, callback.id, { escalatedAt: now });
  const queue = await selectCallbackQueue(tx, callback.queueId);
  const waitedMinutes = Math.round((now.getTime() - callback.requestedAt.getTime()) / 60_000);
  await recordAudit(tx, systemActor, { action: 'callback.escalated', entityType: 'ticket', entityId: callback.ticketId, after: { callbackId: callback.id, queueId: callback.queueId, leadUserId: queue?.leadUserId ?? null } });
  const eventId = await emitEvent(tx, 'callback.escalated', { callbackId: callback.id, queueId: callback.queueId, ticketId: callback.ticketId, leadUserId: queue?.leadUserId ?? null });
  if (queue?.leadUserId) {
    await notifyPeople(tx, eventId, [
      {
        userId: queue.leadUserId,
        kind: 'escalated',
        ticketId: callback.ticketId,
        title: `Callback waiting too long: ${callback.name || callback.phone} (${queue.name})`,
        body: `Waiting ${waitedMinutes} min; the queue allows ${Math.round(queue.maxWaitSeconds / 60)} min.`,
      },
    ]);
  }
  return true;
}

/** The `phone.callback_due` job. */
export const callbackDueTask: Task = async (payload, helpers) => {
  Value.Assert(DuePayload, payload);
  await helpers.withPgClient((db) => inClientTransaction(db, (tx) => escalateIfDue(tx, payload.callbackId)));
};

/** Event subscriber: an agent coming online or hanging up may be free for a waiting callback. */
export const offerOnEvent: EventReaction = async (db, event) => {
  if ((event.type === 'agent.availability_changed' && event.payload.status === 'online') || event.type === 'call.ended') await scheduleOfferRound(db);
};
