/** Event types a webhook may subscribe to. A capability that emits a new event type adds it here to offer it to webhooks. */
export const WEBHOOK_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'message.created', 'sla.warning', 'sla.breached', 'routing.max_wait_exceeded'] as const;

/** Subscribes to every event type, including those added later. */
export const ALL_EVENTS = '*';

/** Sent only by "test webhook", to that one webhook; never matched by a subscription, not even `*`. */
export const TEST_EVENT = 'webhook.test';
