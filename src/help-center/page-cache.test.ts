import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createPool, type Db } from '../db/pool.ts';
import { type App, buildApp } from '../platform/http/app.ts';
import { routes } from '../routes.ts';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';

/*
 * Pages are rendered once and kept in each process's memory. Two apps on one database, each with
 * its own pool and memory, stand for two processes behind a load balancer: whatever one is asked
 * to change, the next page from either must show it, and no page may show what the public must not see.
 */

let t: TestTend;
let editor: ApiClient;
let otherDb: Db;
let other: App;
let category: any;
beforeAll(async () => {
  t = await createTestTend();
  editor = await t.user('supervisor');
  otherDb = createPool(t.databaseUrl, 10);
  other = await buildApp({ db: otherDb, config: { ...loadConfig({}), databaseUrl: t.databaseUrl, logLevel: 'silent' } }, routes);
  await other.ready();
  category = (await editor.post('/api/v1/knowledge/categories', { name: 'Orders' })).body;
});
afterAll(async () => {
  await other.close();
  await otherDb.end();
  await t.close();
});

const processes = () => [t.app, other];
const get = (app: App, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const pathOf = (a: { id: number; locale: string; slug: string }) => `/help/${a.locale}/articles/${a.id}-${a.slug}`;

async function publish(fields: Record<string, unknown>): Promise<any> {
  const created = await editor.post('/api/v1/knowledge/articles', { status: 'published', categoryId: category.id, bodyHtml: '<p>Orders ship within a day.</p>', ...fields });
  expect(created.status).toBe(201);
  return created.body;
}

/** Both processes have the page in memory, so what follows is served from there unless the cache lets go. */
async function warm(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (const app of processes()) {
    const first = await get(app, url);
    expect((await get(app, url)).body).toBe(first.body);
    bodies.push(first.body);
  }
  return bodies;
}

describe('rendered pages kept in memory', () => {
  it('show an edit on the very next request, on every process', async () => {
    const a = await publish({ title: 'Track an order', bodyHtml: '<p>Open Orders and press Track.</p>' });
    const related = await publish({ title: 'Cancel an order' });
    const [before] = await warm(pathOf(a));
    expect(before).toContain('Open Orders and press Track.');
    expect(before).toContain('Cancel an order');
    const etag = (await get(t.app, pathOf(a))).headers.etag as string;

    expect((await editor.patch(`/api/v1/knowledge/articles/${a.id}`, { bodyHtml: '<p>Orders are tracked under Deliveries.</p>' })).status).toBe(200);
    expect((await editor.patch(`/api/v1/knowledge/articles/${related.id}`, { title: 'Cancel an order before it ships' })).status).toBe(200);
    for (const app of processes()) {
      const page = await get(app, pathOf(a), { 'if-none-match': etag });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Orders are tracked under Deliveries.');
      expect(page.body).not.toContain('Open Orders and press Track.');
      expect(page.body).toContain('Cancel an order before it ships');
    }
  });

  it('stop showing an article the moment it is unpublished, made internal or for customers, or deleted — and its links on other pages', async () => {
    const a = await publish({ title: 'Return an order' });
    const neighbour = await publish({ title: 'Exchange an order' });
    const categoryPath = `/help/en/categories/${category.slug}`;
    await warm(pathOf(a));
    await warm(pathOf(neighbour));
    await warm(categoryPath);
    await warm('/help/en');

    const hidden = async () => {
      for (const app of processes()) {
        expect((await get(app, pathOf(a))).statusCode).toBe(404);
        for (const url of [pathOf(neighbour), categoryPath, '/help/en']) expect((await get(app, url)).body).not.toContain('Return an order');
      }
    };
    const shown = async () => {
      for (const app of processes()) {
        expect((await get(app, pathOf(a))).statusCode).toBe(200);
        expect((await get(app, pathOf(neighbour))).body).toContain('Return an order');
      }
    };

    expect((await editor.post(`/api/v1/knowledge/articles/${a.id}/status`, { status: 'draft' })).status).toBe(200);
    await hidden();
    expect((await editor.post(`/api/v1/knowledge/articles/${a.id}/status`, { status: 'published' })).status).toBe(200);
    await shown();
    expect((await editor.patch(`/api/v1/knowledge/articles/${a.id}`, { visibility: 'internal' })).status).toBe(200);
    await hidden();
    expect((await editor.patch(`/api/v1/knowledge/articles/${a.id}`, { visibility: 'customers' })).status).toBe(200);
    await hidden();
    expect((await editor.patch(`/api/v1/knowledge/articles/${a.id}`, { visibility: 'public' })).status).toBe(200);
    await shown();
    expect((await editor.delete(`/api/v1/knowledge/articles/${a.id}`)).status).toBe(204);
    await hidden();
  });

  it('never answers a public search from memory with drafts, internal or customer-only articles', async () => {
    const search = '/help/en/search?q=zeppelin';
    const internal = await publish({ title: 'Zeppelin override for agents', visibility: 'internal' });
    const customers = await publish({ title: 'Zeppelin guide for customers', visibility: 'customers' });
    await editor.post('/api/v1/knowledge/articles', { title: 'Zeppelin draft', bodyHtml: '<p>zeppelin</p>' });
    // A signed-in customer's suggestions search the same words for their own, wider audience.
    expect((await editor.get('/api/v1/knowledge/search?q=zeppelin')).body.data).toHaveLength(2);
    for (const body of await warm(search)) expect(body).toContain('No articles match');

    expect((await editor.patch(`/api/v1/knowledge/articles/${customers.id}`, { visibility: 'public' })).status).toBe(200);
    for (const app of processes()) {
      const body = (await get(app, search)).body;
      expect(body).toContain('Zeppelin guide for customers');
      expect(body).not.toMatch(/Zeppelin override|Zeppelin draft/);
    }
    expect((await editor.post(`/api/v1/knowledge/articles/${customers.id}/status`, { status: 'draft' })).status).toBe(200);
    for (const app of processes()) expect((await get(app, search)).body).toContain('No articles match');
    expect((await get(t.app, pathOf(internal))).statusCode).toBe(404);
  });

  it('shows new branding and category names on the next page, on every process', async () => {
    const a = await publish({ title: 'Split an order' });
    await warm(pathOf(a));
    await t.admin.patch('/api/v1/knowledge/settings', { name: 'Cached Support', brandColor: '#123456' });
    await editor.patch(`/api/v1/knowledge/categories/${category.id}`, { name: 'Orders & Returns' });
    for (const app of processes()) {
      const body = (await get(app, pathOf(a))).body;
      expect(body).toContain('--brand:#123456');
      expect(body).toContain('Cached Support');
      expect(body).toContain('Orders &amp; Returns');
    }
  });

  it('answers 304 to a browser holding the page, and compressed copies of the same page', async () => {
    const a = await publish({ title: 'Combine orders' });
    const page = await get(t.app, pathOf(a));
    expect(page.headers.etag).toMatch(/^W\/"/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const again = await get(t.app, pathOf(a), { 'if-none-match': page.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const br = await get(t.app, pathOf(a), { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(page.body);
    const gz = await get(other, pathOf(a), { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(page.body);
  });

  it('counts every view and every search that found nothing, though the page came from memory', async () => {
    const a = await publish({ title: 'Gift wrap an order' });
    await Promise.all(Array.from({ length: 12 }, (_, i) => get(processes()[i % 2] as App, pathOf(a))));
    expect((await editor.get(`/api/v1/knowledge/articles/${a.id}`)).body.stats.views).toBe(12);
    for (const app of [t.app, t.app, other]) await get(app, '/help/en/search?q=Quokka%20insurance');
    const gaps = (await editor.get('/api/v1/knowledge/search-gaps')).body.data;
    expect(gaps).toContainEqual(expect.objectContaining({ locale: 'en', query: 'quokka insurance', searches: 3 }));
  });
});
