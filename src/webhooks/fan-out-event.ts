import type { EventSubscriber } from '../events/index.ts';
import { DELIVER_TASK, DELIVERY_JOB_KEY_PREFIX, DELIVERY_MAX_ATTEMPTS } from './deliver-webhook.ts';
import { ALL_EVENTS, TEST_EVENT } from './webhook-events.ts';
import { insertDeliveriesForEvents } from './webhooks.queries.ts';

/** The webhooks' subscriber to domain events: a delivery, and its job, for each event and active webhook that wants it. */
export const fanOutToWebhooks: EventSubscriber = async (db, events) => {
  await insertDeliveriesForEvents(db, {
    // A test event already has its one delivery, made by testWebhook.
    events: events.filter((e) => e.type !== TEST_EVENT).map(({ id, type }) => ({ id, type })),
    allEvents: ALL_EVENTS,
    task: DELIVER_TASK,
    jobKeyPrefix: DELIVERY_JOB_KEY_PREFIX,
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
  });
};
