import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { type App, buildApp } from '../platform/http/app.ts';
import { createTestTend, type TestTend } from '../testing/harness.ts';
import { webAppRoutes } from './web-app.routes.ts';

let t: TestTend;
let app: App;
let dist: string;
beforeAll(async () => {
  t = await createTestTend();
  dist = await mkdtemp(path.join(os.tmpdir(), 'tend-web-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'console.log("tend")');
  app = await buildApp({ db: t.db, config: loadConfig({}) }, [(a) => webAppRoutes(a, { dist })]);
});
afterAll(async () => {
  await app.close();
  await t.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the agent app', () => {
  it('serves index.html for the root and for any app path, never cached, with a strict CSP', async () => {
    for (const url of ['/', '/tickets/1042', '/views/mine?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets with a long cache life', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('tend');
    expect(res.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const escape = await app.inject({ method: 'GET', url: '/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd' });
    expect([403, 404]).toContain(escape.statusCode);
  });

  it('keeps the JSON 404 for unknown API paths', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('says how to build the app when it has not been built', async () => {
    const bare = await buildApp({ db: t.db, config: loadConfig({}) }, [(a) => webAppRoutes(a, { dist: path.join(dist, 'nothing') })]);
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
    await bare.close();
  });
});
