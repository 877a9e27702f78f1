import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.ts';
import { actorFromApiToken, actorFromSession } from '../../auth/resolve-actor.ts';
import { safeEqual } from '../../auth/secrets.ts';
import type { Db } from '../../db/pool.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';

export const SESSION_COOKIE = 'tend_session';

/** Every route says who may call it; a route without this is refused at registration. */
export type RouteAuth = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route registered so far with its auth rule, for the test that checks them all. */
    routeAuth: { method: string; url: string; auth: RouteAuth }[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function installAuthentication(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.decorate('routeAuth', []);
  app.addHook('onRoute', (route) => {
    const auth = (route.config as { auth?: RouteAuth } | undefined)?.auth;
    if (auth !== 'public' && auth !== 'user') {
      throw new Error(`route ${route.method} ${route.url} declares no auth rule (config.auth: 'public' | 'user')`);
    }
    app.routeAuth.push({ method: String(route.method), url: route.url, auth });
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (request.routeOptions.config.auth !== 'user') return;
    request.actor = await resolve(db, request);
  });
}

async function resolve(db: Db, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError('unauthenticated', 'Authorization must be "Bearer <token>"');
    const actor = await actorFromApiToken(db, token, request.ip);
    if (!actor) throw new AppError('unauthenticated', 'API token is invalid or revoked');
    return actor;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) throw new AppError('unauthenticated', 'sign in first, or send an API token');
  const session = await actorFromSession(db, cookie, request.ip);
  if (!session) throw new AppError('unauthenticated', 'your session has ended; sign in again');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
      throw new AppError('forbidden', 'missing or wrong X-CSRF-Token header');
    }
  }
  return session.actor;
}

/** The context for an action. Only valid on routes declared `auth: 'user'`. */
export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first, or send an API token');
  return { db: request.server.deps.db, actor: request.actor };
}
