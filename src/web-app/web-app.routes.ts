import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../platform/http/app.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

// Message HTML is sanitised on the way in; this makes any slip harmless in the browser as well.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const hidden = { hide: true, response: { 200: Type.Unknown() } };

/**
 * Serves the agent app built by `npm run build:web`: hashed assets cached for good, and
 * index.html for every other browser path so the app's own router takes over.
 */
export async function webAppRoutes(app: App, options: { dist?: string } = {}): Promise<void> {
  const dist = options.dist ?? WEB_DIST;
  await app.register(fastifyStatic, { root: dist, serve: false, cacheControl: false });

  app.get('/assets/*', { config: { auth: 'public' }, schema: hidden }, (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(file, path.join(dist, 'assets'));
  });

  const sendApp = (request: FastifyRequest, reply: FastifyReply) => {
    // Unknown API paths keep their JSON 404 rather than getting the app's HTML.
    if (/^\/api(\/|$|\?)/.test(request.url)) return reply.callNotFound();
    if (!existsSync(path.join(dist, 'index.html'))) {
      return reply.status(503).type('text/plain').send('The web app is not built yet: run `npm run build:web`.');
    }
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .sendFile('index.html', dist);
  };
  app.get('/', { config: { auth: 'public' }, schema: hidden }, sendApp);
  app.get('/*', { config: { auth: 'public' }, schema: hidden }, sendApp);
}
