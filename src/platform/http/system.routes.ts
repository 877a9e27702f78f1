import { Type } from 'typebox';
import type { App } from './app.ts';
import { API_PREFIX } from './app.ts';

export async function systemRoutes(app: App): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: {
        hide: true,
        response: { 200: Type.Object({ status: Type.String() }), 503: Type.Object({ status: Type.String(), reason: Type.String() }) },
      },
    },
    async (_request, reply) => {
      try {
        await Promise.race([
          app.deps.db.query('SELECT 1'),
          new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2000).unref()),
        ]);
        return { status: 'ok' };
      } catch (error) {
        return reply.status(503).send({ status: 'unavailable', reason: `database unreachable: ${(error as Error).message}` });
      }
    },
  );

  app.get(`${API_PREFIX}/openapi.json`, { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
