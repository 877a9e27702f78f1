import { createHmac } from 'node:crypto';
import { Type } from 'typebox';
import { API_PREFIX, type App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { secretKey, unseal } from '../email/index.ts';
import { sameSignature } from '../messaging/index.ts';
import { logCall, receiveCallEvent, type TelephonyEvent } from './calls.ts';
import { createPhoneChannel, deletePhoneChannel, listPhoneChannels, rotatePhoneChannelSecret, updatePhoneChannel } from './manage-phone-channels.ts';
import { selectPhoneChannel } from './phone.queries.ts';
import { CallDirection as Direction, CallOutcome as Outcome, CallSchema, CreatePhoneChannelBody, PhoneChannelSchema, UpdatePhoneChannelBody } from './phone.schemas.ts';
import { callbackRoutes } from './callbacks.routes.ts';

const tags = ['phone'];
/** The signature a telephony provider sends: `sha256=` + hex HMAC-SHA256 of the raw body, keyed with the channel secret. */
export const telephonySignature = (secret: string, raw: Buffer | string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

export async function phoneRoutes(app: App): Promise<void> {
  const key = () => secretKey(app.deps.config.dataDir);
  await app.register(telephonyWebhookRoutes);
  await app.register(callbackRoutes);

  app.get(
    `${API_PREFIX}/phone/channels`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Connected telephony providers (admins); secrets are never returned', response: { 200: Type.Object({ data: Type.Array(PhoneChannelSchema) }), ...errors() } } },
    async (request) => ({ data: await listPhoneChannels(ctxOf(request)) }),
  );

  app.post(
    `${API_PREFIX}/phone/channels`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Connect a telephony provider; the signing secret is returned only here', body: CreatePhoneChannelBody, response: { 201: Type.Object({ ...PhoneChannelSchema.properties, secret: Type.String() }), ...errors() } },
    },
    async (request, reply) => reply.status(201).send(await createPhoneChannel(ctxOf(request), key(), request.body)),
  );

  app.patch(
    `${API_PREFIX}/phone/channels/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Rename a channel, change its team, or switch it off and on', params: IdParams, body: UpdatePhoneChannelBody, response: { 200: PhoneChannelSchema, ...errors(404) } } },
    async (request) => updatePhoneChannel(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${API_PREFIX}/phone/channels/:id/rotate-secret`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Replace the signing secret; returned once', params: IdParams, response: { 200: Type.Object({ secret: Type.String() }), ...errors(404) } } },
    async (request) => rotatePhoneChannelSecret(ctxOf(request), key(), request.params.id),
  );

  app.delete(
    `${API_PREFIX}/phone/channels/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Remove a channel no call came through (409 otherwise: deactivate it instead)', params: IdParams, response: { 204: Type.Null(), ...errors(404, 409) } } },
    async (request, reply) => {
      await deletePhoneChannel(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_PREFIX}/calls`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Log a call: on the customer found by number, on the given ticket or a new phone ticket',
        body: Type.Object({
          direction: Direction,
          phone: Type.String({ minLength: 3, maxLength: 40 }),
          name: Type.Optional(Type.String({ maxLength: 200 })),
          ticketId: Type.Optional(Type.Integer({ minimum: 1 })),
          outcome: Outcome,
          disposition: Type.Optional(Type.String({ maxLength: 200 })),
          notes: Type.Optional(Type.String({ maxLength: 20_000 })),
          recordingUrl: Type.Optional(Type.String({ maxLength: 2000 })),
          durationSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
        }),
        response: { 201: CallSchema, ...errors(404) },
      },
    },
    async (request, reply) => reply.status(201).send(await logCall(ctxOf(request), request.body)),
  );
}

async function telephonyWebhookRoutes(app: App): Promise<void> {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post(
    '/webhooks/telephony/:channelId',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['webhooks'],
        summary: 'Call started/answered/ended from a CTI or telephony provider (JSON, X-Tend-Signature: sha256=HMAC of the raw body)',
        params: Type.Object({ channelId: Type.Integer({ minimum: 1 }) }),
        body: Type.Unsafe<Buffer>({ description: 'JSON {event, callId, direction, phone, agentId?, recordingUrl?, outcome?, at?}' }),
        response: { 200: CallSchema, 400: Type.Ref('Error'), 401: Type.Ref('Error'), 404: Type.Ref('Error') },
      },
    },
    async (request) => {
      const channel = await selectPhoneChannel(app.deps.db, request.params.channelId);
      if (!channel?.active) throw notFound('channel');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['x-tend-signature'];
      if (!sameSignature(typeof signature === 'string' ? signature : undefined, telephonySignature(unseal(secretKey(app.deps.config.dataDir), channel.secret), raw))) {
        throw new AppError('unauthenticated', 'the request signature does not match this channel');
      }
      let event: TelephonyEvent;
      try {
        event = JSON.parse(raw.toString('utf8')) as TelephonyEvent;
      } catch {
        throw new AppError('validation', 'the body is not JSON', 'body');
      }
      if (!['call.started', 'call.answered', 'call.ended'].includes(event.event)) throw new AppError('validation', 'event must be call.started, call.answered or call.ended', 'event');
      if (typeof event.callId !== 'string' || !event.callId) throw new AppError('validation', 'callId is required', 'callId');
      if (event.direction !== 'inbound' && event.direction !== 'outbound') throw new AppError('validation', 'direction must be inbound or outbound', 'direction');
      if (typeof event.phone !== 'string') throw new AppError('validation', 'phone is required', 'phone');
      return receiveCallEvent(app.deps.db, channel, event);
    },
  );
}
