import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { secretKey } from '../email/index.ts';
import { channelCredentials } from './manage-channels.ts';
import { metaItems, verifyMetaSignature } from './meta.ts';
import { selectChannel } from './messaging.queries.ts';
import { ChannelParams } from './messaging.schemas.ts';
import { type MessagingChannel, type Provider, providerOf } from './messaging.types.ts';
import { sameSignature } from './same-signature.ts';
import { receiveMessaging } from './receive-messages.ts';
import { twilioItems, verifyTwilioSignature } from './twilio.ts';

const tags = ['webhooks'];
const Received = Type.Object({ stored: Type.Integer(), replayed: Type.Integer(), receipts: Type.Integer() });
const webhookErrors = { 401: Type.Ref('Error'), 404: Type.Ref('Error') };

/**
 * Provider webhooks. Each verifies the provider's signature before reading anything, and answers
 * 200 only once what it carried is committed, so a provider that gets no 200 delivers again
 * (and the replay is stored once).
 */
export async function messagingWebhookRoutes(app: App): Promise<void> {
  const key = () => secretKey(app.deps.config.dataDir);
  // Signatures cover the exact bytes sent: bodies here are kept raw and parsed after checking.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  const channelFor = async (provider: Provider, id: number): Promise<MessagingChannel> => {
    const channel = await selectChannel(app.deps.db, id);
    if (!channel || !channel.active || providerOf(channel.kind) !== provider) throw notFound('channel');
    return channel;
  };
  const badSignature = () => new AppError('unauthenticated', 'the request signature does not match this channel');

  app.post(
    '/webhooks/twilio/:channelId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Twilio SMS/WhatsApp: incoming messages and status callbacks (form-encoded, X-Twilio-Signature)',
        params: ChannelParams,
        body: Type.Record(Type.String(), Type.String()),
        response: { 200: Type.String(), ...webhookErrors },
      },
    },
    async (request, reply) => {
      const channel = await channelFor('twilio', request.params.channelId);
      const { authToken } = channelCredentials(key(), channel);
      const url = `${app.deps.config.publicUrl.replace(/\/+$/, '')}${request.url}`;
      const signature = request.headers['x-twilio-signature'];
      if (!authToken || !verifyTwilioSignature(authToken, url, request.body, typeof signature === 'string' ? signature : undefined)) throw badSignature();
      await receiveMessaging(app.deps.db, channel, twilioItems(request.body));
      return reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    },
  );

  app.get(
    '/webhooks/meta/:channelId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Meta verify-token handshake: answers hub.challenge when hub.verify_token matches',
        params: ChannelParams,
        querystring: Type.Object({
          'hub.mode': Type.String({ maxLength: 50 }),
          'hub.verify_token': Type.String({ maxLength: 500 }),
          'hub.challenge': Type.String({ maxLength: 500 }),
        }),
        response: { 200: Type.String(), 403: Type.Ref('Error'), 404: Type.Ref('Error'), 400: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      const channel = await channelFor('meta', request.params.channelId);
      const { verifyToken } = channelCredentials(key(), channel);
      if (request.query['hub.mode'] !== 'subscribe' || !verifyToken || !sameSignature(request.query['hub.verify_token'], verifyToken)) {
        throw new AppError('forbidden', 'the verify token does not match this channel');
      }
      return reply.type('text/plain').send(request.query['hub.challenge']);
    },
  );

  app.post(
    '/webhooks/meta/:channelId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'WhatsApp Cloud API / Messenger: messages and receipts (JSON, X-Hub-Signature-256 over the raw body)',
        params: ChannelParams,
        body: Type.Unsafe<Buffer>({ description: 'The JSON the provider signed' }),
        response: { 200: Received, 400: Type.Ref('Error'), ...webhookErrors },
      },
    },
    async (request) => {
      const channel = await channelFor('meta', request.params.channelId);
      const { appSecret } = channelCredentials(key(), channel);
      const signature = request.headers['x-hub-signature-256'];
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!appSecret || !verifyMetaSignature(appSecret, raw, typeof signature === 'string' ? signature : undefined)) throw badSignature();
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('validation', 'the body is not JSON', 'body');
      }
      return receiveMessaging(app.deps.db, channel, metaItems(channel, body));
    },
  );
}
