import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';
import { recordArticleView } from './read-live-articles.ts';
import { searchArticles } from './search-articles.ts';
import { voteOnArticle } from './vote-article.ts';

let t: TestTend;
let agent: ApiClient;
let supervisor: ApiClient;
let light: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  agent = await t.user('agent');
  supervisor = await t.user('supervisor');
  light = await t.user('light_agent');
});
afterAll(() => t.close());

const article = (fields: Record<string, unknown> = {}) => ({
  title: 'Reset your password',
  bodyHtml: '<h2>Forgot it?</h2><p>Open <b>Settings</b>, choose Security and press Reset password. A link arrives by email.</p>',
  tags: ['Account', 'security'],
  ...fields,
});

async function publish(fields: Record<string, unknown> = {}): Promise<any> {
  const created = await supervisor.post('/api/v1/knowledge/articles', article({ status: 'published', ...fields }));
  expect(created.status).toBe(201);
  return created.body;
}

describe('articles and the review workflow', () => {
  it('lets an author write a draft and submit it, but only a publisher publish it', async () => {
    expect((await light.post('/api/v1/knowledge/articles', article())).status).toBe(403);
    const draft = await agent.post('/api/v1/knowledge/articles', article({ bodyHtml: '<p onclick="x()">Hi<script>alert(1)</script></p>' }));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', locale: 'en', slug: 'reset-your-password', tags: ['account', 'security'], revision: 1, author: { id: agent.userId } });
    expect(draft.body.bodyHtml).toBe('<p>Hi</p>');
    const id = draft.body.id;
    expect((await agent.post(`/api/v1/knowledge/articles/${id}/status`, { status: 'in_review' })).body.status).toBe('in_review');
    expect((await agent.post(`/api/v1/knowledge/articles/${id}/status`, { status: 'published' })).status).toBe(403);
    const published = await supervisor.post(`/api/v1/knowledge/articles/${id}/status`, { status: 'published' });
    expect(published.body).toMatchObject({ status: 'published' });
    expect(published.body.publishedAt).not.toBeNull();
    expect((await agent.patch(`/api/v1/knowledge/articles/${id}`, { title: 'Changed by an author' })).status).toBe(403);
    expect((await agent.delete(`/api/v1/knowledge/articles/${id}`)).status).toBe(403);
    const audit = await t.admin.get(`/api/v1/audit?entityType=article&entityId=${id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['article.published', 'article.in_review', 'article.created']);
  });

  it('keeps every content change as a revision, diffs two revisions and restores an old one', async () => {
    const a = (await agent.post('/api/v1/knowledge/articles', article())).body;
    const edited = await agent.patch(`/api/v1/knowledge/articles/${a.id}`, { bodyHtml: '<p>Open Settings, choose Privacy and press Reset password.</p>', tags: ['account'] });
    expect(edited.body.revision).toBe(2);
    const moved = await agent.patch(`/api/v1/knowledge/articles/${a.id}`, { visibility: 'internal' });
    expect(moved.body).toMatchObject({ revision: 2, visibility: 'internal' });
    const revisions = (await agent.get(`/api/v1/knowledge/articles/${a.id}/revisions`)).body.data;
    expect(revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const diff = (await agent.get(`/api/v1/knowledge/articles/${a.id}/revisions/1/diff`)).body;
    expect(diff).toMatchObject({ from: 1, to: 2, tags: { added: [], removed: ['security'] } });
    expect(diff.body.filter((c: any) => c.removed).map((c: any) => c.value).join(' ')).toContain('Security');
    expect(diff.body.filter((c: any) => c.added).map((c: any) => c.value).join(' ')).toContain('Privacy');
    expect(diff.title.every((c: any) => !c.added && !c.removed)).toBe(true);
    const restored = await agent.post(`/api/v1/knowledge/articles/${a.id}/revisions/1/restore`);
    expect(restored.body).toMatchObject({ revision: 3, tags: ['account', 'security'] });
    expect(restored.body.bodyHtml).toContain('Security');
    expect((await agent.get(`/api/v1/knowledge/articles/${a.id}/revisions/9/diff`)).status).toBe(404);
  });

  it('links translations of one article and lists those missing a language', async () => {
    expect((await t.admin.patch('/api/v1/knowledge/settings', { locales: ['en', 'de', 'fr'] })).status).toBe(200);
    const en = await publish({ title: 'Change your billing address' });
    const de = await supervisor.post('/api/v1/knowledge/articles', article({ title: 'Rechnungsadresse ändern', locale: 'de', translationOf: en.id }));
    expect(de.status).toBe(201);
    expect(de.body).toMatchObject({ groupId: en.groupId, slug: 'rechnungsadresse-andern' });
    expect((await agent.get(`/api/v1/knowledge/articles/${en.id}`)).body.translations).toMatchObject([{ id: de.body.id, locale: 'de' }]);
    const again = await supervisor.post('/api/v1/knowledge/articles', article({ locale: 'de', translationOf: en.id }));
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('locale');
    const missing = (await agent.get('/api/v1/knowledge/translations/missing')).body.data;
    expect(missing.find((m: any) => m.groupId === en.groupId)).toMatchObject({ missingLocales: ['fr'] });
    expect((await agent.patch('/api/v1/knowledge/settings', { locales: ['en'] })).status).toBe(403);
    expect((await t.admin.patch('/api/v1/knowledge/settings', { defaultLocale: 'it' })).body.error.field).toBe('defaultLocale');
  });

  it('turns an agent reply into a draft article titled after the ticket', async () => {
    const ticket = (await agent.post('/api/v1/tickets', { subject: 'Export to CSV', requester: { email: 'kim@example.org' }, message: { body: 'How do I export?' } })).body.ticket;
    const reply = (await agent.post(`/api/v1/tickets/${ticket.id}/messages`, { body: 'Open Reports.\n\nPress Export <all>.' })).body;
    const created = await agent.post('/api/v1/knowledge/articles/from-reply', { ticketId: ticket.id, messageId: reply.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Export to CSV', status: 'draft' });
    expect(created.body.bodyHtml).toBe('<p>Open Reports.</p><p>Press Export &lt;all&gt;.</p>');
    const other = (await agent.post('/api/v1/tickets', { subject: 'Other', requester: { email: 'lee@example.org' }, message: { body: 'x' } })).body.ticket;
    expect((await agent.post('/api/v1/knowledge/articles/from-reply', { ticketId: other.id, messageId: reply.id })).status).toBe(404);
  });
});

describe('categories', () => {
  it('nests sections in categories, refuses a taken slug and a category inside itself', async () => {
    const billing = await supervisor.post('/api/v1/knowledge/categories', { name: 'Billing & Payments' });
    expect(billing.body).toMatchObject({ slug: 'billing-payments', parentId: null });
    const invoices = await supervisor.post('/api/v1/knowledge/categories', { name: 'Invoices', parentId: billing.body.id });
    expect(invoices.body.parentId).toBe(billing.body.id);
    const taken = await supervisor.post('/api/v1/knowledge/categories', { name: 'Billing payments', slug: 'billing-payments' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('slug');
    const loop = await supervisor.patch(`/api/v1/knowledge/categories/${billing.body.id}`, { parentId: invoices.body.id });
    expect(loop.status).toBe(400);
    expect((await agent.post('/api/v1/knowledge/categories', { name: 'Nope' })).status).toBe(403);
    const listed = (await light.get('/api/v1/knowledge/categories')).body.data.map((c: any) => c.name);
    expect(listed).toEqual(expect.arrayContaining(['Billing & Payments', 'Invoices']));
  });
});

describe('search', () => {
  it('finds articles in their language’s dictionary, and corrects a misspelt query with escaped, marked snippets', async () => {
    await publish({ title: 'Configuring two-factor login', bodyHtml: '<p>Two-factor login protects <code>&lt;your&gt;</code> account. Enable the authenticator app in Security.</p>' });
    await publish({ title: 'Zahlungen verwalten', locale: 'de', bodyHtml: '<p>Sie können Ihre Zahlungen jederzeit im Konto verwalten.</p>' });
    const stemmed = await searchArticles(t.db, { q: 'configure', locale: 'en', audience: 'public' });
    expect(stemmed.hits.map((h) => h.title)).toContain('Configuring two-factor login');
    const german = await searchArticles(t.db, { q: 'Zahlung', locale: 'de', audience: 'public' });
    expect(german.hits.map((h) => h.title)).toEqual(['Zahlungen verwalten']);
    expect((await searchArticles(t.db, { q: 'Zahlung', locale: 'en', audience: 'public' })).hits).toEqual([]);

    const typo = await searchArticles(t.db, { q: 'authentcator ap', locale: 'en', audience: 'public' });
    expect(typo.correctedQuery).toBe('authenticator app');
    expect(typo.hits[0]?.title).toBe('Configuring two-factor login');
    expect(typo.hits[0]?.snippetHtml).toContain('<mark>authenticator</mark>');
    expect(typo.hits[0]?.snippetHtml).toContain('&lt;your&gt;');
    expect(typo.hits[0]?.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
  });

  it('corrects misspellings with the words of the reader’s language only', async () => {
    await publish({ title: 'Modifier l’adresse', locale: 'fr', bodyHtml: '<p>Changer adresse adresse adresse.</p>' });
    await publish({ title: 'Update the billing address', bodyHtml: '<p>Billing address changes apply to the next invoice.</p>' });
    const typo = await searchArticles(t.db, { q: 'billing adress', locale: 'en', audience: 'public' });
    expect(typo.correctedQuery).toBe('billing address');
    expect(typo.hits[0]?.title).toBe('Update the billing address');
    expect(typo.hits.map((h) => h.locale)).not.toContain('fr');
  });

  it('never shows drafts, articles in review or internal articles to the public, and agents see internal ones', async () => {
    await agent.post('/api/v1/knowledge/articles', article({ title: 'Quarantined draft about zeppelins', bodyHtml: '<p>zeppelins</p>' }));
    await publish({ title: 'Internal zeppelin runbook', bodyHtml: '<p>zeppelins</p>', visibility: 'internal' });
    await publish({ title: 'Zeppelins for customers', bodyHtml: '<p>zeppelins</p>', visibility: 'customers' });
    const titles = async (audience: 'public' | 'customers' | 'agents') => (await searchArticles(t.db, { q: 'zeppelin', locale: 'en', audience })).hits.map((h) => h.title).sort();
    expect(await titles('public')).toEqual([]);
    expect(await titles('customers')).toEqual(['Zeppelins for customers']);
    expect(await titles('agents')).toEqual(['Internal zeppelin runbook', 'Zeppelins for customers']);
    const api = await light.get('/api/v1/knowledge/search?q=zepelin');
    expect(api.body.data.map((h: any) => h.title).sort()).toEqual(['Internal zeppelin runbook', 'Zeppelins for customers']);
    expect(api.body.data[0].url).toMatch(/\/help\/en\/articles\/\d+-zeppelin/);
  });

  it('keeps readers’ searches that found nothing as content gaps', async () => {
    await searchArticles(t.db, { q: 'Refund Policy', locale: 'en', audience: 'public', recordGap: true });
    await searchArticles(t.db, { q: 'refund policy', locale: 'en', audience: 'public', recordGap: true });
    expect((await agent.get('/api/v1/knowledge/search-gaps')).status).toBe(403);
    const gaps = (await supervisor.get('/api/v1/knowledge/search-gaps')).body.data;
    expect(gaps).toContainEqual(expect.objectContaining({ locale: 'en', query: 'refund policy', searches: 2 }));
  });
});

describe('readers', () => {
  it('counts views and votes, and refuses votes on an article the reader cannot see', async () => {
    const a = await publish({ title: 'Vote on me' });
    await recordArticleView(t.db, a.id);
    await recordArticleView(t.db, a.id);
    await voteOnArticle(t.db, { articleId: a.id, helpful: true, audience: 'public' });
    await voteOnArticle(t.db, { articleId: a.id, helpful: false, comment: 'Screenshots are outdated', audience: 'public' });
    expect((await agent.get(`/api/v1/knowledge/articles/${a.id}`)).body.stats).toEqual({ views: 2, helpful: 1, notHelpful: 1 });
    const internal = await publish({ title: 'Hidden', visibility: 'internal' });
    await expect(voteOnArticle(t.db, { articleId: internal.id, helpful: true, audience: 'public' })).rejects.toThrow(/not found/);
  });
});
