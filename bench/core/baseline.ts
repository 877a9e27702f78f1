import { Type } from 'typebox';
import type { App } from '../../src/platform/http/app.ts';

export const BASELINE_PATH = '/bench/insert';

/** What the cheapest useful write costs on this stack: one Fastify route, one INSERT. Registered by the bench only. */
export async function baselineRoute(app: App): Promise<void> {
  app.post(
    BASELINE_PATH,
    {
      config: { auth: 'public' },
      schema: { hide: true, body: Type.Object({ payload: Type.String() }), response: { 201: Type.Object({ id: Type.Integer() }) } },
    },
    async (request, reply) => {
      const { rows } = await app.deps.db.query(`INSERT INTO bench_scratch (payload) VALUES ($1) RETURNING id`, [request.body.payload]);
      return reply.status(201).send({ id: rows[0].id });
    },
  );
}
