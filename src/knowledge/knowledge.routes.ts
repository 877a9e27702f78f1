import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { articlePath } from './article-path.ts';
import { createArticleFromReply } from './create-article-from-reply.ts';
import { createArticle } from './create-article.ts';
import { createCategory } from './create-category.ts';
import { deleteArticle } from './delete-article.ts';
import { deleteCategory } from './delete-category.ts';
import { getHelpCenterSettings, updateHelpCenterSettings } from './help-center-settings.ts';
import {
  ArticleListQuery,
  ArticleStatusSchema,
  ArticleSchema,
  ArticleSummarySchema,
  CategorySchema,
  CreateArticleBody,
  CreateCategoryBody,
  KnowledgeReportSchema,
  MissingTranslationSchema,
  RevisionDiffSchema,
  RevisionSchema,
  SearchGapSchema,
  SearchResultSchema,
  SettingsPatch,
  SettingsSchema,
  UpdateArticleBody,
  UpdateCategoryBody,
} from './knowledge.schemas.ts';
import { getArticle, listArticles, listCategories, listMissingTranslations, listSearchGaps } from './read-articles.ts';
import { readKnowledgeReport } from './read-report.ts';
import { diffRevisions, listRevisions } from './read-revisions.ts';
import { restoreRevision } from './restore-revision.ts';
import { searchArticles } from './search-articles.ts';
import { setArticleStatus } from './set-article-status.ts';
import { updateArticle } from './update-article.ts';
import { updateCategory } from './update-category.ts';

const tags = ['knowledge'];
const BASE = `${API_PREFIX}/knowledge`;
const RevisionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), revision: Type.Integer({ minimum: 1 }) });

export async function knowledgeRoutes(app: App): Promise<void> {
  const { db } = app.deps;

  app.get(
    `${BASE}/settings`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Help center name, branding and languages', response: { 200: SettingsSchema, ...errors() } } },
    async () => getHelpCenterSettings(db),
  );
  app.patch(
    `${BASE}/settings`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change the help center branding and languages (settings.manage)', body: SettingsPatch, response: { 200: SettingsSchema, ...errors() } } },
    async (request) => updateHelpCenterSettings(ctxOf(request), request.body),
  );

  app.get(
    `${BASE}/categories`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Categories, and their sections (parentId set), in order', response: { 200: Type.Object({ data: Type.Array(CategorySchema) }), ...errors() } } },
    async (request) => ({ data: await listCategories(ctxOf(request)) }),
  );
  app.post(
    `${BASE}/categories`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Create a category or a section (knowledge.publish)', body: CreateCategoryBody, response: { 201: CategorySchema, ...errors(409) } } },
    async (request, reply) => reply.status(201).send(await createCategory(ctxOf(request), request.body)),
  );
  app.patch(
    `${BASE}/categories/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Rename, move or reorder a category', params: IdParams, body: UpdateCategoryBody, response: { 200: CategorySchema, ...errors(404, 409) } } },
    async (request) => updateCategory(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    `${BASE}/categories/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a category with its sections; its articles stay, uncategorised', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteCategory(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${BASE}/articles`,
    { config: { auth: 'user' }, schema: { tags, summary: 'All articles, drafts included, most recently changed first', querystring: ArticleListQuery, response: { 200: PageOf(ArticleSummarySchema), ...errors() } } },
    async (request) => listArticles(ctxOf(request), request.query),
  );
  app.post(
    `${BASE}/articles`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Write an article, or a translation of one (translationOf)', body: CreateArticleBody, response: { 201: ArticleSchema, ...errors(404, 409) } } },
    async (request, reply) => reply.status(201).send(await createArticle(ctxOf(request), request.body)),
  );
  app.post(
    `${BASE}/articles/from-reply`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Turn a ticket message into a draft article',
        body: Type.Object({
          ticketId: Type.Integer({ minimum: 1 }),
          messageId: Type.Integer({ minimum: 1 }),
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
          categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 201: ArticleSchema, ...errors(404) },
      },
    },
    async (request, reply) => reply.status(201).send(await createArticleFromReply(ctxOf(request), request.body)),
  );
  app.get(
    `${BASE}/articles/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'An article with its body and its other languages', params: IdParams, response: { 200: ArticleSchema, ...errors(404) } } },
    async (request) => getArticle(ctxOf(request), request.params.id),
  );
  app.patch(
    `${BASE}/articles/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Edit an article; content changes become a new revision', params: IdParams, body: UpdateArticleBody, response: { 200: ArticleSchema, ...errors(404) } } },
    async (request) => updateArticle(ctxOf(request), request.params.id, request.body),
  );
  app.delete(
    `${BASE}/articles/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete one language of an article (knowledge.publish)', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteArticle(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    `${BASE}/articles/:id/status`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Move an article through review: draft, in_review, published (publishing needs knowledge.publish)',
        params: IdParams,
        body: Type.Object({ status: ArticleStatusSchema }),
        response: { 200: ArticleSchema, ...errors(404) },
      },
    },
    async (request) => setArticleStatus(ctxOf(request), request.params.id, request.body.status),
  );
  app.get(
    `${BASE}/articles/:id/revisions`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Every saved revision, newest first', params: IdParams, response: { 200: Type.Object({ data: Type.Array(RevisionSchema) }), ...errors(404) } } },
    async (request) => ({ data: await listRevisions(ctxOf(request), request.params.id) }),
  );
  app.get(
    `${BASE}/articles/:id/revisions/:revision/diff`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'What changed from this revision to another (default: the current one)',
        params: RevisionParams,
        querystring: Type.Object({ to: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: RevisionDiffSchema, ...errors(404) },
      },
    },
    async (request) => diffRevisions(ctxOf(request), request.params.id, request.params.revision, request.query.to),
  );
  app.post(
    `${BASE}/articles/:id/revisions/:revision/restore`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Bring back a revision’s content as a new revision', params: RevisionParams, response: { 200: ArticleSchema, ...errors(404) } } },
    async (request) => restoreRevision(ctxOf(request), request.params.id, request.params.revision),
  );

  app.get(
    `${BASE}/search`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Search published articles, internal ones included, for the reply box; typo-tolerant',
        querystring: Type.Object({ q: Type.String({ maxLength: 200 }), locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) }),
        response: { 200: SearchResultSchema, ...errors() },
      },
    },
    async (request) => {
      const locale = request.query.locale ?? (await getHelpCenterSettings(db)).defaultLocale;
      const result = await searchArticles(db, { q: request.query.q, locale, audience: 'agents', limit: request.query.limit });
      return { data: result.hits.map((h) => ({ ...h, url: `${app.deps.config.publicUrl}${articlePath(h)}` })), correctedQuery: result.correctedQuery };
    },
  );
  app.get(
    `${BASE}/translations/missing`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Articles lacking a version in one of the help center languages', response: { 200: Type.Object({ data: Type.Array(MissingTranslationSchema) }), ...errors() } } },
    async (request) => ({ data: await listMissingTranslations(ctxOf(request)) }),
  );
  app.get(
    `${BASE}/search-gaps`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Help center searches that found nothing, most frequent first (reports.read)', response: { 200: Type.Object({ data: Type.Array(SearchGapSchema) }), ...errors() } } },
    async (request) => ({ data: await listSearchGaps(ctxOf(request)) }),
  );
  app.get(
    `${BASE}/report`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Views and helpfulness per article, most read first, and readers’ vote comments (reports.read)',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
        response: { 200: KnowledgeReportSchema, ...errors() },
      },
    },
    async (request) => readKnowledgeReport(ctxOf(request), request.query.limit),
  );
}
