import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf, PageQuery } from '../platform/http/schemas.ts';
import { createWebhook } from './create-webhook.ts';
import { deleteWebhook } from './delete-webhook.ts';
import { getWebhook, listDeliveries, listWebhooks } from './read-webhooks.ts';
import { redeliverWebhookDelivery } from './redeliver-webhook-delivery.ts';
import { rotateWebhookSecret } from './rotate-webhook-secret.ts';
import { testWebhook } from './test-webhook.ts';
import { updateWebhook } from './update-webhook.ts';
import {
  CreateWebhookBody,
  DeliveryParams,
  DeliverySchema,
  ListDeliveriesQuery,
  SIGNATURE_HELP,
  UpdateWebhookBody,
  WebhookSchema,
} from './webhooks.schemas.ts';

const tags = ['webhooks'];
const Secret = Type.String({ description: 'The signing secret; shown only in this answer' });

export async function webhookRoutes(app: App): Promise<void> {
  app.addSchema(WebhookSchema);
  app.addSchema(DeliverySchema);
  const WebhookRef = Type.Ref('Webhook');
  const DeliveryRef = Type.Ref('WebhookDelivery');

  app.post(
    `${API_PREFIX}/webhooks`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Register a URL to receive events; the signing secret is shown only in this answer',
        description: SIGNATURE_HELP,
        body: CreateWebhookBody,
        response: { 201: Type.Object({ webhook: WebhookRef, secret: Secret }), ...errors() },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(ctxOf(request), request.body)),
  );

  app.get(
    `${API_PREFIX}/webhooks`,
    { config: { auth: 'user' }, schema: { tags, summary: 'List webhooks (never their secrets)', querystring: Type.Object(PageQuery), response: { 200: PageOf(WebhookRef), ...errors() } } },
    async (request) => listWebhooks(ctxOf(request), request.query),
  );

  app.get(
    `${API_PREFIX}/webhooks/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One webhook (never its secret)', params: IdParams, response: { 200: WebhookRef, ...errors(404) } } },
    async (request) => getWebhook(ctxOf(request), request.params.id),
  );

  app.patch(
    `${API_PREFIX}/webhooks/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Change the URL, events, description, or pause it (active: false)', params: IdParams, body: UpdateWebhookBody, response: { 200: WebhookRef, ...errors(404) } },
    },
    async (request) => updateWebhook(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/webhooks/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a webhook and its delivery history', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteWebhook(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/webhooks/:id/rotate-secret`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Replace the signing secret now; the new one is shown only in this answer', params: IdParams, response: { 200: Type.Object({ secret: Secret }), ...errors(404) } },
    },
    async (request) => rotateWebhookSecret(ctxOf(request), request.params.id),
  );

  app.get(
    `${API_PREFIX}/webhooks/:id/deliveries`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Delivery history, newest first', params: IdParams, querystring: ListDeliveriesQuery, response: { 200: PageOf(DeliveryRef), ...errors(404) } },
    },
    async (request) => listDeliveries(ctxOf(request), request.params.id, request.query),
  );

  app.post(
    `${API_PREFIX}/webhooks/:id/deliveries/:deliveryId/redeliver`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Send a delivery again now, with a fresh round of retries', params: DeliveryParams, response: { 202: DeliveryRef, ...errors(404, 409) } },
    },
    async (request, reply) => reply.status(202).send(await redeliverWebhookDelivery(ctxOf(request), request.params.id, request.params.deliveryId)),
  );

  app.post(
    `${API_PREFIX}/webhooks/:id/test`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Send a webhook.test event to this webhook only', params: IdParams, response: { 202: DeliveryRef, ...errors(404, 409) } },
    },
    async (request, reply) => reply.status(202).send(await testWebhook(ctxOf(request), request.params.id)),
  );
}
