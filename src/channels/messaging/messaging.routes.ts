import { Type } from 'typebox';
import { API_PREFIX, type App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { errors, IdParams, IdsQuery } from '../../platform/http/schemas.ts';
import { secretKey } from '../email/index.ts';
import { getMessagingDelivery, listMessagingDeliveries, retryMessagingDelivery } from './delivery.ts';
import { createChannel, deleteChannel, listChannels, updateChannel } from './manage-channels.ts';
import {
  ChannelSchema,
  CreateChannelBody,
  DeliverySchema,
  MessagingReplyRouteSchema,
  ReplyBody,
  SentMessageSchema,
  TemplateBody,
  TemplateSchema,
  UpdateChannelBody,
} from './messaging.schemas.ts';
import { messagingWebhookRoutes } from './messaging-webhooks.routes.ts';
import { replyOnMessaging } from './reply-on-messaging.ts';
import { getMessagingReplyRoute } from './reply-route.ts';
import { createTemplate, deleteTemplate, listTemplates } from './templates.ts';

const tags = ['messaging'];

export async function messagingRoutes(app: App): Promise<void> {
  const key = () => secretKey(app.deps.config.dataDir);
  await app.register(messagingWebhookRoutes);

  app.get(
    `${API_PREFIX}/messaging/channels`,
    { config: { auth: 'user' }, schema: { tags, summary: 'SMS, WhatsApp and Messenger channels (admins); credentials are never returned', response: { 200: Type.Object({ data: Type.Array(ChannelSchema) }), ...errors() } } },
    async (request) => ({ data: await listChannels(ctxOf(request), key()) }),
  );

  app.post(
    `${API_PREFIX}/messaging/channels`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Connect a Twilio number (SMS/WhatsApp), a WhatsApp Cloud number or a Facebook page', body: CreateChannelBody, response: { 201: ChannelSchema, ...errors() } } },
    async (request, reply) => reply.status(201).send(await createChannel(ctxOf(request), key(), request.body)),
  );

  app.patch(
    `${API_PREFIX}/messaging/channels/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change a channel; credentials given replace those stored', params: IdParams, body: UpdateChannelBody, response: { 200: ChannelSchema, ...errors(404) } } },
    async (request) => updateChannel(ctxOf(request), key(), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/messaging/channels/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Remove a channel', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteChannel(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const ChannelTemplateParams = Type.Object({ id: Type.Integer({ minimum: 1 }), templateId: Type.Integer({ minimum: 1 }) });

  app.get(
    `${API_PREFIX}/messaging/channels/:id/templates`,
    { config: { auth: 'user' }, schema: { tags, summary: "A WhatsApp channel's approved message templates", params: IdParams, response: { 200: Type.Object({ data: Type.Array(TemplateSchema) }), ...errors(404) } } },
    async (request) => ({ data: await listTemplates(ctxOf(request), request.params.id) }),
  );

  app.post(
    `${API_PREFIX}/messaging/channels/:id/templates`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Register a template WhatsApp has approved, so that agents can send it once the 24-hour window has closed', params: IdParams, body: TemplateBody, response: { 201: TemplateSchema, ...errors(404, 409) } },
    },
    async (request, reply) => reply.status(201).send(await createTemplate(ctxOf(request), request.params.id, request.body)),
  );

  app.delete(
    `${API_PREFIX}/messaging/channels/:id/templates/:templateId`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Remove a template', params: ChannelTemplateParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteTemplate(ctxOf(request), request.params.id, request.params.templateId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/messaging/tickets/:id/replies`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Reply on the ticket\'s SMS/WhatsApp/Messenger conversation; 409 (field body) when WhatsApp\'s 24-hour window has closed and only a template may go',
        params: IdParams,
        body: ReplyBody,
        response: { 201: SentMessageSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await replyOnMessaging(ctxOf(request), request.params.id, request.body)),
  );

  app.get(
    `${API_PREFIX}/messaging/tickets/:id/reply-route`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'On which number or page a public reply on this ticket goes out, and to whom, or why it would not (WhatsApp\'s 24-hour window)',
        params: IdParams,
        response: { 200: MessagingReplyRouteSchema, ...errors(404) },
      },
    },
    async (request) => getMessagingReplyRoute(ctxOf(request), request.params.id),
  );

  app.get(
    `${API_PREFIX}/messaging/messages/:id/delivery`,
    { config: { auth: 'user' }, schema: { tags, summary: 'How sending this reply went: queued, sent, delivered, read or failed (with the reason)', params: IdParams, response: { 200: DeliverySchema, ...errors(404) } } },
    async (request) => getMessagingDelivery(ctxOf(request), request.params.id),
  );

  app.get(
    `${API_PREFIX}/messaging/messages`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'How sending went for those of these messages that were replies by SMS, WhatsApp or Messenger',
        querystring: IdsQuery,
        response: { 200: Type.Object({ data: Type.Array(DeliverySchema) }), ...errors() },
      },
    },
    async (request) => ({ data: await listMessagingDeliveries(ctxOf(request), request.query.id) }),
  );

  app.post(
    `${API_PREFIX}/messaging/messages/:id/retry`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Send a failed reply again', params: IdParams, response: { 200: DeliverySchema, ...errors(404, 409) } } },
    async (request) => retryMessagingDelivery(ctxOf(request), request.params.id),
  );
}
