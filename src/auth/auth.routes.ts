import rateLimit from '@fastify/rate-limit';
import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf, SESSION_COOKIE } from '../platform/http/authenticate.ts';
import { errors, IdParams, Nullable, Timestamp } from '../platform/http/schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { login, logout } from './login.ts';

const SessionUser = Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String(), role: Type.String() });
const ApiToken = Type.Object({
  id: Type.Integer(),
  userId: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the token, to tell tokens apart' }),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});

export async function authRoutes(app: App): Promise<void> {
  await app.register(rateLimit, { global: false });
  const secureCookie = app.deps.config.publicUrl.startsWith('https:');

  app.post(
    `${API_PREFIX}/auth/login`,
    {
      config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token for later writes',
        security: [],
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1000 }) }),
        response: { 200: Type.Object({ user: SessionUser, csrfToken: Type.String() }), ...errors(429) },
      },
    },
    async (request, reply) => {
      const result = await login(app.deps.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        path: '/',
        expires: result.expiresAt,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    `${API_PREFIX}/auth/logout`,
    { config: { auth: 'user' }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errors() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(app.deps.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/auth/me`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, with their permissions',
        response: { 200: Type.Object({ user: Type.Object({ id: Nullable(Type.Integer()), name: Type.String(), role: Type.String(), permissions: Type.Array(Type.String()) }) }), ...errors() },
      },
    },
    async (request) => {
      const { actor } = ctxOf(request);
      return { user: { id: actor.userId, name: actor.name, role: actor.role, permissions: [...actor.permissions] } };
    },
  );

  app.post(
    `${API_PREFIX}/tokens`,
    {
      config: { auth: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token; the token is shown only in this answer',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 201: Type.Object({ token: Type.String(), apiToken: ApiToken }), ...errors() },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(ctxOf(request), request.body);
      return reply.status(201).send({ token: created.token, apiToken: { ...created.apiToken, userId: request.actor?.userId ?? 0 } });
    },
  );

  app.get(
    `${API_PREFIX}/tokens`,
    { config: { auth: 'user' }, schema: { tags: ['auth'], summary: 'List API tokens (never their values)', response: { 200: Type.Object({ data: Type.Array(ApiToken) }), ...errors() } } },
    async (request) => ({ data: await listApiTokens(ctxOf(request)) }),
  );

  app.delete(
    `${API_PREFIX}/tokens/:id`,
    { config: { auth: 'user' }, schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await revokeApiToken(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
