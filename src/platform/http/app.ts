import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController, type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/pool.ts';
import { installAuthentication } from './authenticate.ts';
import { installErrorHandler } from './error-handler.ts';
import { installIdempotency } from './idempotency.ts';
import { ErrorResponse } from './schemas.ts';

export interface AppDeps {
  db: Db;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
export type RoutePlugin = (app: App) => Promise<void>;

export const API_PREFIX = '/api/v1';
const BODY_LIMIT = 30 * 1024 * 1024;

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  '*.password',
  '*.token',
  '*.secret',
];

export async function buildApp(deps: AppDeps, routes: RoutePlugin[], logger: boolean | object = false): Promise<App> {
  const app = Fastify({
    logger: logger === false ? false : { level: deps.config.logLevel, redact: LOG_REDACT, ...(typeof logger === 'object' ? logger : {}) },
    bodyLimit: BODY_LIMIT,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: process.env.TRUST_PROXY === '1',
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.addSchema(ErrorResponse);
  // One line per request; the query string is left out because it may carry tokens.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime), user: request.actor?.userId },
      'request',
    );
  });
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Tend API', version: '1', description: 'The REST API of Tend, the self-hosted help desk.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (POST /api/v1/tokens).' },
          session: { type: 'apiKey', in: 'cookie', name: 'tend_session', description: 'Web session; state-changing requests also send X-CSRF-Token.' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  installAuthentication(app, deps.db);
  installIdempotency(app, deps.db);
  for (const plugin of routes) await app.register(plugin);
  return app;
}
