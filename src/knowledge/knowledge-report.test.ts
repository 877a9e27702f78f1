import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiClient, createTestTend, type TestTend } from '../testing/harness.ts';
import { recordArticleView } from './read-live-articles.ts';
import { voteOnArticle } from './vote-article.ts';

let t: TestTend;
let supervisor: ApiClient;
beforeAll(async () => {
  t = await createTestTend();
  supervisor = await t.user('supervisor');
});
afterAll(() => t.close());

const publish = async (title: string) => (await supervisor.post('/api/v1/knowledge/articles', { title, bodyHtml: `<p>${title}, step by step.</p>`, status: 'published' })).body as { id: number };

it('ranks articles by views with their votes, totals them, and shows the comments readers left', async () => {
  const [popular, quiet] = [await publish('Track a parcel'), await publish('Close your account')];
  for (let i = 0; i < 3; i++) await recordArticleView(t.db, popular.id);
  await recordArticleView(t.db, quiet.id);
  await voteOnArticle(t.db, { articleId: popular.id, helpful: true, audience: 'public' });
  await voteOnArticle(t.db, { articleId: popular.id, helpful: false, comment: 'The carrier link is dead', audience: 'public' });

  const report = await supervisor.get('/api/v1/knowledge/report');
  expect(report.status).toBe(200);
  expect(report.body.articles.slice(0, 2)).toMatchObject([
    { id: popular.id, title: 'Track a parcel', status: 'published', views: 3, helpful: 1, notHelpful: 1 },
    { id: quiet.id, views: 1, helpful: 0, notHelpful: 0 },
  ]);
  expect(report.body.totals).toMatchObject({ articles: 2, published: 2, views: 4, helpful: 1, notHelpful: 1 });
  expect(report.body.comments).toMatchObject([{ articleId: popular.id, title: 'Track a parcel', helpful: false, comment: 'The carrier link is dead' }]);
});

it('is for people who may read reports', async () => {
  const agent = await t.user('agent');
  expect((await agent.get('/api/v1/knowledge/report')).status).toBe(403);
  const bad = await supervisor.get('/api/v1/knowledge/report?limit=0');
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('limit');
});
