import { expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createPool } from '../../db/pool.ts';
import { buildApp } from './app.ts';
import { systemRoutes } from './system.routes.ts';

it('answers /healthz with 503 when the database is unreachable', async () => {
  // Port 9 (discard) on loopback: nothing listens, so connecting fails at once.
  const db = createPool('postgres://postgres@127.0.0.1:9/none', 1);
  const app = await buildApp({ db, config: loadConfig({}) }, [systemRoutes]);
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  expect(res.statusCode).toBe(503);
  expect(res.json()).toMatchObject({ status: 'unavailable' });
  await app.close();
  await db.end();
});
