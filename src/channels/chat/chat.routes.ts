import { Type } from 'typebox';
import { startRealtimeBus } from '../../realtime/index.ts';
import { API_PREFIX, type App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import { secretKey } from '../email/index.ts';
import { createChatLive } from './chat-live.ts';
import { ChatChannelSchema, CreateChatChannelBody, UpdateChatChannelBody } from './chat.schemas.ts';
import { createChatChannel, deleteChatChannel, listChatChannels, rotateChatSecret, updateChatChannel } from './manage-chat-channels.ts';
import { widgetRoutes } from './widget.routes.ts';

const tags = ['chat'];

export async function chatRoutes(app: App): Promise<void> {
  const key = () => secretKey(app.deps.config.dataDir);
  const publicUrl = app.deps.config.publicUrl;
  const bus = await startRealtimeBus(app.deps.db, { redisUrl: app.deps.config.redisUrl, log: app.log });
  app.addHook('onClose', () => bus.close());
  const live = createChatLive(app.deps.db, bus, app.log);
  await app.register(widgetRoutes, { live });

  app.get(
    `${API_PREFIX}/chat/channels`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Website chat channels with their embed code (admins)', response: { 200: Type.Object({ data: Type.Array(ChatChannelSchema) }), ...errors() } } },
    async (request) => ({ data: await listChatChannels(ctxOf(request), publicUrl) }),
  );

  app.post(
    `${API_PREFIX}/chat/channels`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Add a website chat; the identity secret (to sign logged-in users) is returned only here',
        body: CreateChatChannelBody,
        response: { 201: Type.Object({ channel: ChatChannelSchema, secret: Type.String() }), ...errors() },
      },
    },
    async (request, reply) => reply.status(201).send(await createChatChannel(ctxOf(request), key(), publicUrl, request.body)),
  );

  app.patch(
    `${API_PREFIX}/chat/channels/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change how the widget looks and when it is online', params: IdParams, body: UpdateChatChannelBody, response: { 200: ChatChannelSchema, ...errors(404) } } },
    async (request) => updateChatChannel(ctxOf(request), publicUrl, request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/chat/channels/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Remove a widget no visitor used (409 otherwise: deactivate it with PATCH active=false, keeping its conversations)', params: IdParams, response: { 204: Type.Null(), ...errors(404, 409) } } },
    async (request, reply) => {
      await deleteChatChannel(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/chat/channels/:id/rotate-secret`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Replace the identity secret; returned once', params: IdParams, response: { 200: Type.Object({ secret: Type.String() }), ...errors(404) } } },
    async (request) => rotateChatSecret(ctxOf(request), key(), request.params.id),
  );
}
