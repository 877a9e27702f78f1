import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestTend, type TestTend } from '../../testing/harness.ts';
import { API_PREFIX, buildApp } from './app.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

// Public on purpose: sign-in, health, the API description, and what customers and providers reach without an agent login.
const PUBLIC = [/^\/healthz$/, /^\/api\/v1\/openapi\.json$/, /^\/api\/v1\/auth\/login$/, /^\/api\/v1\/agents\/accept-invite$/, /^\/help\b/, /^\/portal\b/, /^\/webhooks\//, /^\/widget/, /^\/(assets\/|$|\*)/, /^\/api\/v1\/public\//];

it('every route declares who may call it, and only the known ones are public', () => {
  expect(t.app.routeAuth.length).toBeGreaterThan(10);
  for (const route of t.app.routeAuth) {
    expect(['public', 'user'], `${route.method} ${route.url}`).toContain(route.auth);
    if (route.auth === 'public') expect(PUBLIC.some((p) => p.test(route.url)), `${route.method} ${route.url} is public`).toBe(true);
  }
});

it('refuses to register a route with no auth rule', async () => {
  const bad = async (app: Parameters<Parameters<typeof buildApp>[1][number]>[0]) => {
    app.get(`${API_PREFIX}/oops`, async () => ({}));
  };
  await expect(buildApp({ db: t.db, config: loadConfig({}) }, [bad])).rejects.toThrow(/declares no auth rule/);
});

it('serves the OpenAPI 3 document generated from the route schemas', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toMatch(/^3\./);
  expect(doc.paths['/api/v1/tokens'].post.requestBody).toBeDefined();
});

it('reports health 200 while the database answers', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
});

it('answers unknown routes with the JSON error shape', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
  expect(res.statusCode).toBe(404);
  expect(res.json().error.code).toBe('not_found');
});
