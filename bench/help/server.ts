/**
 * The Tend app as it runs in production, plus one bench-only route serving a static file (a saved
 * article page) with @fastify/static: what the same server does with no database and no rendering.
 */
import fastifyStatic from '@fastify/static';
import { loadConfig } from '../../src/config.ts';
import { createPool } from '../../src/db/pool.ts';
import { buildApp, type App } from '../../src/platform/http/app.ts';
import { routes } from '../../src/routes.ts';

import { STATIC_PATH } from './static-path.ts';
const dir = process.env.BENCH_STATIC_DIR as string;

async function staticRoute(app: App): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  app.get(STATIC_PATH, { config: { auth: 'public' }, schema: { hide: true } }, (_request, reply) => reply.sendFile('article.html'));
}

const config = { ...loadConfig(), logLevel: process.env.LOG_LEVEL ?? 'warn' };
const db = createPool(config.databaseUrl as string, 20);
const app = await buildApp({ db, config }, [...routes, staticRoute], { level: config.logLevel });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (message: string) => {
  if (message !== 'stop') return;
  void app.close().then(() => db.end()).then(() => process.exit(0));
});
