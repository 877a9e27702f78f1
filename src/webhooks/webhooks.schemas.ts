import { Type } from 'typebox';
import { Nullable, PageQuery, Timestamp } from '../platform/http/schemas.ts';
import { ALL_EVENTS, WEBHOOK_EVENT_TYPES } from './webhook-events.ts';

const EventTypes = Type.Array(Type.Enum([...WEBHOOK_EVENT_TYPES, ALL_EVENTS]), {
  minItems: 1,
  maxItems: 50,
  description: `Event types to receive; "${ALL_EVENTS}" for all, including types added later`,
});
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'Where events are POSTed; http or https' });
const Description = Type.String({ maxLength: 500 });

export const WebhookSchema = Type.Object(
  {
    id: Type.Integer(),
    url: Type.String(),
    events: Type.Array(Type.String()),
    active: Type.Boolean(),
    description: Type.String(),
    createdById: Nullable(Type.Integer()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Webhook' },
);

export const DeliverySchema = Type.Object(
  {
    id: Type.Integer({ description: 'Sent as X-Tend-Delivery' }),
    webhookId: Type.Integer(),
    eventId: Type.Integer({ description: 'The `id` of the delivered body; the same on every attempt and redelivery' }),
    eventType: Type.String(),
    status: Type.Enum(['pending', 'succeeded', 'failed'] as const),
    attempts: Type.Integer(),
    responseStatus: Nullable(Type.Integer({ description: 'HTTP status of the last attempt; null when no answer came' })),
    lastError: Nullable(Type.String()),
    createdAt: Timestamp,
    lastAttemptAt: Nullable(Timestamp),
    deliveredAt: Nullable(Timestamp),
  },
  { $id: 'WebhookDelivery' },
);

export const CreateWebhookBody = Type.Object({
  url: Url,
  events: EventTypes,
  active: Type.Optional(Type.Boolean({ default: true })),
  description: Type.Optional(Description),
});

export const UpdateWebhookBody = Type.Object({
  url: Type.Optional(Url),
  events: Type.Optional(EventTypes),
  active: Type.Optional(Type.Boolean()),
  description: Type.Optional(Description),
});

export const ListDeliveriesQuery = Type.Object({
  status: Type.Optional(Type.Enum(['pending', 'succeeded', 'failed'] as const)),
  ...PageQuery,
});

export const DeliveryParams = Type.Object({ id: Type.Integer({ minimum: 1 }), deliveryId: Type.Integer({ minimum: 1 }) });

export const SIGNATURE_HELP = `Each delivery is a POST of JSON \`{"id": <event id>, "type": "<event type>", "createdAt": "<ISO time>", "data": {...}}\` with headers
X-Tend-Event (the type), X-Tend-Delivery (delivery id), X-Tend-Timestamp (unix seconds) and
X-Tend-Signature: \`sha256=<hex HMAC-SHA256 of "<X-Tend-Timestamp>.<raw request body>", keyed with the webhook secret>\`.
To verify, compute the HMAC over the raw body bytes exactly as received, compare in constant time, and reject timestamps more than a few minutes old.
Answer 2xx within 10 seconds; anything else is retried with exponential backoff, up to 8 attempts. Deduplicate on \`id\`: a delivery can arrive more than once.`;
