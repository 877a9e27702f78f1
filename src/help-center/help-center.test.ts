import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
let editor: ApiClient;
let billing: any;
let reset: any;
let resetDe: any;
beforeAll(async () => {
  t = await createTestTend();
  editor = await t.user('supervisor');
  await t.admin.patch('/api/v1/knowledge/settings', { name: 'Acme Support', logoText: 'Acme', brandColor: '#0f766e', locales: ['en', 'de'] });
  billing = (await editor.post('/api/v1/knowledge/categories', { name: 'Account & Billing', description: 'Payments, invoices, sign-in', translations: { de: { name: 'Konto & Abrechnung' } } })).body;
  const security = (await editor.post('/api/v1/knowledge/categories', { name: 'Security', parentId: billing.id })).body;
  const publish = async (fields: Record<string, unknown>) => (await editor.post('/api/v1/knowledge/articles', { status: 'published', categoryId: security.id, ...fields })).body;
  reset = await publish({ title: 'Reset your password', excerpt: 'How to get a new password by email.', tags: ['password'], bodyHtml: '<p>Open Settings, then Security, and press <b>Reset password</b>. Watch out for <script>alert(1)</script>&lt;img&gt; tricks.</p>' });
  resetDe = await publish({ title: 'Passwort zurücksetzen', locale: 'de', translationOf: reset.id, bodyHtml: '<p>Öffnen Sie die Einstellungen und setzen Sie das Passwort zurück.</p>' });
  await publish({ title: 'Two-factor sign-in', tags: ['password'], bodyHtml: '<p>Protect your password with a second factor.</p>' });
  await publish({ title: 'Internal: password override', visibility: 'internal', bodyHtml: '<p>Agents may override a password.</p>' });
  await publish({ title: 'Customer-only password guide', visibility: 'customers', bodyHtml: '<p>For signed-in customers: password.</p>' });
  await editor.post('/api/v1/knowledge/articles', { title: 'Draft password plans', categoryId: security.id, bodyHtml: '<p>password draft</p>' });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('help center pages', () => {
  it('sends /help to the default language and lists categories, sections’ articles and branding', async () => {
    expect((await get('/help')).headers.location).toBe('/help/en');
    const home = await get('/help/en');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['content-security-policy']).toContain("default-src 'none'");
    expect(home.headers['content-security-policy']).not.toContain('script-src');
    expect(home.body).toContain('--brand:#0f766e');
    expect(home.body).toContain('>Acme</a>');
    expect(home.body).toContain('Account &amp; Billing');
    expect(home.body).toContain('hreflang="de"');
    expect((await get('/help/de')).body).toContain('Konto &amp; Abrechnung');
    expect((await get('/help/fr')).statusCode).toBe(404);
    const category = await get(`/help/en/categories/${billing.slug}`);
    expect(category.body).toContain('Security');
    expect(category.body).toContain('Reset your password');
  });

  it('renders an article with meta description, canonical URL, hreflang alternates and related articles', async () => {
    const path = `/help/en/articles/${reset.id}-reset-your-password`;
    const res = await get(path);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Reset your password – Acme Support</title>');
    expect(res.body).toContain('<meta name="description" content="How to get a new password by email.">');
    expect(res.body).toContain(`<link rel="canonical" href="http://localhost:3000${path}">`);
    expect(res.body).toContain(`<link rel="alternate" hreflang="de" href="http://localhost:3000/help/de/articles/${resetDe.id}-passwort-zurucksetzen">`);
    expect(res.body).toContain('Two-factor sign-in');
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;img&gt;');
    const old = await get(`/help/en/articles/${reset.id}-an-old-slug`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(path);
  });

  it('never shows drafts, customer-only or internal articles, on pages, in search or in the sitemap', async () => {
    const category = (await get(`/help/en/categories/${billing.slug}`)).body;
    const search = (await get('/help/en/search?q=password')).body;
    const sitemap = (await get('/help/sitemap.xml')).body;
    for (const text of [category, search, sitemap]) {
      expect(text).not.toMatch(/Internal: password override|Customer-only password guide|Draft password plans/);
    }
    const hidden = (await editor.get('/api/v1/knowledge/articles?q=Internal')).body.data[0];
    expect((await get(`/help/en/articles/${hidden.id}-x`)).statusCode).toBe(404);
    expect(sitemap).toContain(`<loc>http://localhost:3000/help/en/articles/${reset.id}-reset-your-password</loc>`);
    expect(sitemap).toContain(`hreflang="de" href="http://localhost:3000/help/de/articles/${resetDe.id}-passwort-zurucksetzen"`);
  });

  it('finds an article from a misspelt query with highlighted snippets, and keeps what found nothing', async () => {
    const res = await get('/help/en/search?q=pasword%20resett');
    expect(res.body).toContain('Showing results for <strong>password reset</strong>');
    expect(res.body).toContain('<mark>password</mark>');
    expect(res.body).toContain('Reset your password');
    const none = await get('/help/en/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20zzzqx');
    expect(none.body).toContain('No articles match “&lt;script&gt;alert(1)&lt;/script&gt; zzzqx”');
    const gaps = (await editor.get('/api/v1/knowledge/search-gaps')).body.data;
    expect(gaps.map((g: any) => g.query)).toContain('<script>alert(1)</script> zzzqx');
  });

  it('records a vote from a plain form post and thanks the reader', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/help/en/articles/${reset.id}/votes`, payload: 'helpful=no&comment=Needs+screenshots', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/help/en/articles/${reset.id}-reset-your-password?voted=yes#vote`);
    expect((await get(res.headers.location as string)).body).toContain('Thanks for your feedback');
    expect((await editor.get(`/api/v1/knowledge/articles/${reset.id}`)).body.stats).toMatchObject({ notHelpful: 1, helpful: 0 });
    const bad = await t.app.inject({ method: 'POST', url: `/help/en/articles/${reset.id}/votes`, payload: 'helpful=maybe', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bad.statusCode).toBe(400);
  });
});
