import websocket from '@fastify/websocket';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { actorFromSession } from '../auth/index.ts';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { SESSION_COOKIE } from '../platform/http/authenticate.ts';
import { errors } from '../platform/http/schemas.ts';
import { createRealtimeHub } from './realtime-hub.ts';
import { startRealtimeBus } from './realtime-bus.ts';
import { ClientMessage } from './realtime.types.ts';

const HEARTBEAT_MS = 30_000;
const MAX_MESSAGE_BYTES = 4096;

export async function realtimeRoutes(app: App): Promise<void> {
  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  const bus = await startRealtimeBus(app.deps.db, { redisUrl: app.deps.config.redisUrl, log: app.log });
  const hub = createRealtimeHub(app.deps.db, bus);
  app.addHook('onClose', () => bus.close());
  // @fastify/websocket frees the socket of a refused upgrade only when its own onRequest hook ran;
  // a refusal by the authentication hook (which runs first) would leave the socket open for good.
  app.addHook('onResponse', async (request, reply) => {
    if (!request.ws && request.headers.upgrade?.toLowerCase() === 'websocket') reply.raw.socket?.destroy();
  });

  app.get(
    `${API_PREFIX}/realtime`,
    {
      websocket: true,
      config: { auth: 'user' },
      // A cross-site page must not open a socket that rides on the agent's cookie.
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (origin && new URL(origin).host !== request.headers.host) throw Object.assign(new Error('cross-origin WebSocket refused'), { statusCode: 403 });
      },
      schema: {
        tags: ['realtime'],
        summary: 'WebSocket of live events, presence and typing; pass the last event id seen to replay what was missed',
        querystring: Type.Object({ lastEventId: Type.Optional(Type.Integer({ minimum: 0 })) }),
        response: errors(),
      },
    },
    async (socket, request) => {
      const actor = request.actor;
      if (!actor) return socket.close(4401, 'unauthenticated');
      const sessionToken = request.cookies[SESSION_COOKIE];
      const inbox: string[] = [];
      let connectionId: string | null = null;
      let alive = true;

      const handle = (raw: string) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          return;
        }
        if (!connectionId || !Value.Check(ClientMessage, parsed)) return;
        hub.receive(connectionId, parsed).catch((error: unknown) => request.log.warn({ err: error }, 'realtime: publishing presence failed'));
      };
      // Registered before the replay starts so nothing the browser says in the meantime is lost.
      socket.on('message', (data) => {
        const raw = data.toString();
        if (connectionId) handle(raw);
        else inbox.push(raw);
      });
      socket.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
        // A socket outlives nothing: when the session is signed out or expires, the socket closes too.
        if (!sessionToken) return;
        actorFromSession(app.deps.db, sessionToken, request.ip).then(
          (session) => {
            if (!session) socket.close(4401, 'session ended');
          },
          () => {},
        );
      }, HEARTBEAT_MS);
      socket.on('close', () => {
        clearInterval(heartbeat);
        if (connectionId) hub.detach(connectionId).catch(() => {});
      });

      const send = (raw: string) => {
        if (socket.readyState === socket.OPEN) socket.send(raw);
      };
      try {
        connectionId = await hub.attach({ actor, send }, request.query.lastEventId);
      } catch (error) {
        request.log.warn({ err: error }, 'realtime: attaching a client failed');
        return socket.close(1011, 'try again');
      }
      if (socket.readyState !== socket.OPEN) return hub.detach(connectionId);
      for (const raw of inbox.splice(0)) handle(raw);
    },
  );
}
