import type { EventSubscriber } from '../events/index.ts';
import { DELIVER_TASK, DELIVERY_JOB_KEY_PREFIX, DELIVERY_MAX_ATTEMPTS } from './deliver-webhook.ts';
import { ALL_EVENTS, TEST_EVENT } from './webhook-events.ts';
import { insertDeliveriesForEvent } from './webhooks.queries.ts';

/** The webhooks' subscriber to domain events: a delivery, and its job, for each active webhook that wants the event. */
export const fanOutToWebhooks: EventSubscriber = async (db, event) => {
  // A test event already has its one delivery, made by testWebhook.
  if (event.type === TEST_EVENT) return;
  await insertDeliveriesForEvent(db, {
    eventId: event.id,
    eventType: event.type,
    allEvents: ALL_EVENTS,
    task: DELIVER_TASK,
    jobKeyPrefix: DELIVERY_JOB_KEY_PREFIX,
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
  });
};
