import { readFile } from 'node:fs/promises';
import rateLimit from '@fastify/rate-limit';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { WebSocketServer } from 'ws';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/errors.ts';
import { secretKey } from '../email/index.ts';
import type { ChatLive } from './chat-live.ts';
import {
  ChannelParams,
  OfflineMessageBody,
  StartVisitorBody,
  TranscriptBody,
  VisitorCallbackBody,
  VisitorHeaders,
  VisitorMessageBody,
  VisitorSchema,
  WidgetConfigSchema,
  WidgetMessageSchema,
} from './chat.schemas.ts';
import { activeChannel, startVisitor, visitorOf, widgetConfig } from './chat-visitors.ts';
import { selectChatChannels } from './chat.queries.ts';
import { requestVisitorCallback } from './visitor-callback.ts';
import { leaveOfflineMessage, readVisitorThread, sendVisitorMessage, visitorAttachment } from './visitor-conversation.ts';
import { emailTranscript } from './visitor-transcript.ts';

export const WIDGET_BUNDLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../widget/dist/widget.js');

const tags = ['widget'];
const MAX_ATTACHMENT = 10 * 1024 * 1024;
const LONG_POLL_MAX_S = 25;
const HEARTBEAT_MS = 30_000;
const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Error')]));
/** Mail and calls to addresses a visitor typed: a brake on using the widget to pester someone. */
const OUTREACH_LIMIT = { max: 5, timeWindow: '1 hour', keyGenerator: (request: FastifyRequest) => String(request.headers['x-visitor-token'] ?? request.ip) };

/**
 * What the chat widget talks to, from any website: public, token-authenticated (the visitor
 * token travels in a header, never a cookie, so any origin may call).
 */
export async function widgetRoutes(app: App, options: { live: ChatLive }): Promise<void> {
  const { db } = app.deps;
  const { live } = options;
  const key = () => secretKey(app.deps.config.dataDir);
  await app.register(rateLimit, { global: false });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'content-type, x-visitor-token');
    reply.header('access-control-allow-methods', 'GET, POST');
    reply.header('access-control-max-age', '86400');
  });
  app.options('/widget/channels/*', { config: { auth: 'public' }, schema: { hide: true, response: { 204: Type.Null() } } }, async (_request, reply) => reply.status(204).send(null));

  const visitorFrom = (request: { params: { channelId: number }; headers: Record<string, unknown> }) => {
    const token = request.headers['x-visitor-token'];
    return visitorOf(db, request.params.channelId, typeof token === 'string' ? token : undefined);
  };

  app.get('/widget.js', { config: { auth: 'public' }, schema: { hide: true, response: { 200: Type.Unknown(), 404: Type.Unknown(), 503: Type.Unknown() } } }, async (_request, reply) => {
    const bundle = await readFile(WIDGET_BUNDLE).catch(() => null);
    if (!bundle) return reply.status(503).type('text/plain').send('The chat widget is not built yet: run `npm run build:widget`.');
    return reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(bundle);
  });

  app.get('/widget-demo', { config: { auth: 'public' }, schema: { hide: true, response: { 200: Type.Unknown(), 404: Type.Unknown(), 503: Type.Unknown() } } }, async (_request, reply) => {
    const channel = (await selectChatChannels(db)).find((c) => c.active);
    if (!channel) return reply.status(404).type('text/plain').send('No chat channel yet: add one under settings.');
    return reply.type('text/html; charset=utf-8').send(demoPage(channel.id, channel.name));
  });

  app.get(
    '/widget/channels/:channelId',
    { config: { auth: 'public' }, schema: { tags, summary: 'How the widget looks and whether the team is online', params: ChannelParams, response: { 200: WidgetConfigSchema, ...err(404) } } },
    async (request) => widgetConfig(db, request.params.channelId),
  );

  app.post(
    '/widget/channels/:channelId/visitors',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Start a visitor: anonymous, with the pre-chat form, or as a host-app user with a signed identity', params: ChannelParams, body: StartVisitorBody, response: { 201: VisitorSchema, ...err(400, 401, 404) } },
    },
    async (request, reply) => {
      const { token, visitor } = await startVisitor(db, key(), request.params.channelId, request.body);
      return reply.status(201).send({ token, visitorId: visitor.id, name: visitor.name, email: visitor.email });
    },
  );

  app.get(
    '/widget/channels/:channelId/messages',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The visitor\'s conversation after a message id; with `wait`, holds the request until something new arrives (long-polling fallback)',
        params: ChannelParams,
        headers: VisitorHeaders,
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0, default: 0 })), wait: Type.Optional(Type.Integer({ minimum: 0, maximum: LONG_POLL_MAX_S, default: 0 })) }),
        response: { 200: Type.Object({ data: Type.Array(WidgetMessageSchema) }), ...err(400, 401) },
      },
    },
    async (request) => {
      const visitor = await visitorFrom(request);
      const after = request.query.after ?? 0;
      const messages = await readVisitorThread(db, visitor, after);
      if (messages.length > 0 || !request.query.wait) return { data: messages };
      const deadline = Date.now() + request.query.wait * 1000;
      let closed = false;
      request.raw.once('close', () => (closed = true));
      // A ring can be for something the visitor may not see yet (their own message's event arriving
      // late), so an empty read goes back to waiting until the deadline.
      while (!closed && Date.now() < deadline) {
        await ringOrTimeout(live, visitor.id, deadline - Date.now(), request.raw);
        // The ticket may have been opened meanwhile (another tab's first message).
        const fresh = await readVisitorThread(db, await visitorFrom(request), after);
        if (fresh.length > 0) return { data: fresh };
      }
      return { data: [] };
    },
  );

  app.post(
    '/widget/channels/:channelId/messages',
    { config: { auth: 'public' }, schema: { tags, summary: 'The visitor writes, optionally with a file', params: ChannelParams, headers: VisitorHeaders, body: VisitorMessageBody, response: { 201: WidgetMessageSchema, ...err(400, 401, 404, 413) } } },
    async (request, reply) => {
      const visitor = await visitorFrom(request);
      const channel = await activeChannel(db, request.params.channelId);
      const { attachment, ...rest } = request.body;
      const data = attachment ? Buffer.from(attachment.data, 'base64') : null;
      if (data && data.length > MAX_ATTACHMENT) throw new AppError('payload_too_large', 'files may be at most 10 MB', 'attachment.data');
      const message = await sendVisitorMessage(db, channel, visitor.id, { ...rest, ...(attachment && data ? { attachment: { ...attachment, data } } : {}) });
      return reply.status(201).send(message);
    },
  );

  app.post(
    '/widget/channels/:channelId/typing',
    { config: { auth: 'public' }, schema: { tags, summary: 'The visitor is typing (or stopped), for widgets without a socket', params: ChannelParams, headers: VisitorHeaders, body: Type.Object({ typing: Type.Boolean() }), response: { 204: Type.Null(), ...err(400, 401) } } },
    async (request, reply) => {
      const visitor = await visitorFrom(request);
      if (visitor.ticketId) await live.visitorTyping(visitor.id, visitor.ticketId, visitor.name, request.body.typing);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/widget/channels/:channelId/attachments/:attachmentId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A file of the visitor\'s conversation (the token is in the query so that <img> and links work)',
        params: Type.Object({ channelId: Type.Integer({ minimum: 1 }), attachmentId: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Unknown(), ...err(401, 404) },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(db, request.params.channelId, request.query.token);
      const file = await visitorAttachment(db, visitor, request.params.attachmentId);
      const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
      return reply
        .type(inline ? file.contentType : 'application/octet-stream')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`)
        .send(file.data);
    },
  );

  app.post(
    '/widget/channels/:channelId/transcript',
    {
      config: { auth: 'public', rateLimit: OUTREACH_LIMIT },
      schema: { tags, summary: 'Email the visitor the transcript of their conversation', params: ChannelParams, headers: VisitorHeaders, body: TranscriptBody, response: { 202: Type.Object({ email: Type.String() }), ...err(400, 401, 404, 429) } },
    },
    async (request, reply) => {
      const visitor = await visitorFrom(request);
      return reply.status(202).send(await emailTranscript(db, await activeChannel(db, request.params.channelId), visitor.id, request.body));
    },
  );

  app.post(
    '/widget/channels/:channelId/callbacks',
    {
      config: { auth: 'public', rateLimit: OUTREACH_LIMIT },
      schema: { tags, summary: 'The visitor asks to be called back', params: ChannelParams, headers: VisitorHeaders, body: VisitorCallbackBody, response: { 201: Type.Object({ id: Type.Integer(), phone: Type.String() }), ...err(400, 401, 404, 429) } },
    },
    async (request, reply) => {
      const visitor = await visitorFrom(request);
      return reply.status(201).send(await requestVisitorCallback(db, await activeChannel(db, request.params.channelId), visitor, request.body));
    },
  );

  app.post(
    '/widget/channels/:channelId/offline',
    { config: { auth: 'public' }, schema: { tags, summary: 'Leave a message while nobody is online; it becomes a ticket answered by email', params: ChannelParams, body: OfflineMessageBody, response: { 201: Type.Object({ ticketId: Type.Integer() }), ...err(400, 404) } } },
    async (request, reply) => reply.status(201).send(await leaveOfflineMessage(db, await activeChannel(db, request.params.channelId), request.body)),
  );

  // The socket is upgraded here by `ws` itself: the agents' realtime plugin owns the server's upgrade
  // listener and routes every upgrade through Fastify, which brings this one to the handler below.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  app.addHook('onClose', () => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  });
  app.get(
    '/widget/channels/:channelId/socket',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'WebSocket ringing the widget when its conversation changes or an agent types', params: ChannelParams, querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 400: Type.Ref('Error'), 401: Type.Ref('Error') } },
    },
    async (request, reply) => openSocket(request, reply),
  );

  async function openSocket(request: FastifyRequest<{ Params: { channelId: number }; Querystring: { token: string } }>, reply: FastifyReply) {
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') throw new AppError('validation', 'this address takes WebSocket connections only');
    const visitor = await visitorOf(db, request.params.channelId, request.query.token);
    reply.hijack();
    sockets.handleUpgrade(request.raw, request.raw.socket, Buffer.alloc(0), (socket) => {
      const stop = live.listen(visitor.id, (signal) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(signal));
      });
      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on('message', (data) => {
        let typing: unknown;
        try {
          typing = (JSON.parse(data.toString()) as { typing?: unknown }).typing;
        } catch {
          return;
        }
        if (typeof typing !== 'boolean') return;
        // The ticket may have been opened since the socket was: read it afresh.
        visitorOf(db, visitor.channelId, request.query.token)
          .then((current) => (current.ticketId ? live.visitorTyping(current.id, current.ticketId, current.name, typing) : undefined))
          .catch((error: unknown) => request.log.warn({ err: error }, 'chat: relaying typing failed'));
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        stop();
      });
      socket.on('error', () => socket.terminate());
    });
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function demoPage(channelId: number, name: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(name)} — chat widget demo</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:.25rem}</style></head>
<body>
<h1>A sample website</h1>
<p>This page embeds the Tend chat widget of the channel “${escapeHtml(name)}”. Open the launcher at the bottom of the page and write; the conversation shows up in the agent workspace.</p>
<p>The embed code is one tag: <code>&lt;script src="/widget.js" data-channel="${channelId}" async&gt;&lt;/script&gt;</code></p>
<script src="/widget.js" data-channel="${channelId}" async></script>
</body>
</html>`;
}

function ringOrTimeout(live: ChatLive, visitorId: string, ms: number, socket: NodeJS.EventEmitter): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      socket.off('close', done);
      resolve();
    };
    const stop = live.listen(visitorId, (signal) => signal.type === 'message' && done());
    const timer = setTimeout(done, ms);
    socket.on('close', done);
  });
}
