import type { Task } from 'graphile-worker';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Queryable } from '../db/pool.ts';
import { loadEvent } from '../events/index.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { sendWebhook } from './send-webhook.ts';
import { abandonDelivery, recordDeliveryAttempt, selectDeliveryTarget } from './webhooks.queries.ts';

export const DELIVER_TASK = 'webhooks.deliver';
/** With graphile-worker's backoff (e^attempt seconds) eight attempts span about half an hour. */
export const DELIVERY_MAX_ATTEMPTS = 8;
/** At most one pending job per delivery, whoever enqueues it: another enqueue only moves it to now. */
export const DELIVERY_JOB_KEY_PREFIX = `${DELIVER_TASK}:`;

const DeliverPayload = Type.Object({ deliveryId: Type.Integer() });

export async function enqueueDelivery(tx: Queryable, deliveryId: number): Promise<void> {
  await enqueue(tx, DELIVER_TASK, { deliveryId }, { jobKey: `${DELIVERY_JOB_KEY_PREFIX}${deliveryId}`, maxAttempts: DELIVERY_MAX_ATTEMPTS });
}

/**
 * One attempt at one delivery. A failed attempt is recorded and then thrown, so that graphile-worker
 * retries it with backoff; the last failed attempt marks the delivery failed and ends the job.
 */
export const deliverWebhook: Task = async (payload, helpers) => {
  Value.Assert(DeliverPayload, payload);
  const { deliveryId } = payload;
  const target = await helpers.withPgClient((db) => selectDeliveryTarget(db, deliveryId));
  // Gone with its webhook, or already settled by an earlier run: never send twice.
  if (target?.status !== 'pending') return;
  if (!target.active) {
    await helpers.withPgClient((db) => abandonDelivery(db, deliveryId, 'not sent: the webhook is inactive'));
    return;
  }
  const event = await helpers.withPgClient((db) => loadEvent(db, target.eventId));
  if (!event) {
    await helpers.withPgClient((db) => abandonDelivery(db, deliveryId, 'not sent: the event no longer exists'));
    return;
  }
  const result = await sendWebhook({ url: target.url, secret: target.secret, deliveryId, event, signal: helpers.abortSignal });
  const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  const status = result.ok ? 'succeeded' : lastAttempt ? 'failed' : 'pending';
  const error = result.ok ? null : result.error;
  await helpers.withPgClient((db) => recordDeliveryAttempt(db, deliveryId, { status, responseStatus: result.responseStatus, error }));
  if (status === 'pending') throw new Error(`webhook delivery ${deliveryId} failed: ${error}`);
};
