import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  type ArticleSummary,
  articlePath,
  type Category,
  getHelpCenterSettings,
  getLiveArticle,
  type HelpCenterSettings,
  listCategories,
  listLiveArticles,
  recordArticleView,
  relatedArticles,
  searchArticles,
  sitemapEntries,
  voteOnArticle,
} from '../knowledge/index.ts';
import type { App } from '../platform/http/app.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { cachedFor } from './cached.ts';
import { articlePage, categoryPage, errorPage, homePage, searchPage, sitemapXml } from './pages.ts';

const Locale = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });
const HtmlPage = { 200: Type.String({ description: 'An HTML page' }) };
const AUDIENCE = 'public';

// Article bodies are sanitised on the way in; this makes any slip harmless in the browser too.
const CONTENT_SECURITY_POLICY = ["default-src 'none'", "img-src 'self' https: data:", "style-src 'unsafe-inline'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"];

/** An HTML page with the help center's security headers; `scripts` allows inline scripts by their CSP hash. */
export function sendHtml(reply: FastifyReply, status: number, body: string, scripts: string[] = []): FastifyReply {
  const policy = scripts.length ? [...CONTENT_SECURITY_POLICY, `script-src ${scripts.map((h) => `'${h}'`).join(' ')}`, "connect-src 'self'"] : CONTENT_SECURITY_POLICY;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', policy.join('; '))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(body);
}

const CACHE_MS = 5_000;

function checkLocale(settings: HelpCenterSettings, locale: string): HelpCenterSettings {
  if (!settings.locales.includes(locale)) throw notFound('language');
  return settings;
}

function groupByCategory(articles: ArticleSummary[]): Map<number, ArticleSummary[]> {
  const map = new Map<number, ArticleSummary[]>();
  for (const a of articles) if (a.categoryId !== null) map.set(a.categoryId, [...(map.get(a.categoryId) ?? []), a]);
  return map;
}

/** The category and its ancestors, top first, for the breadcrumb. */
function trailOf(categories: Category[], id: number | null): Category[] {
  const trail: Category[] = [];
  let current = categories.find((c) => c.id === id);
  while (current && trail.length < 10) {
    trail.unshift(current);
    const parentId: number | null = current.parentId;
    current = categories.find((c) => c.id === parentId);
  }
  return trail;
}

/**
 * The public help center: server-rendered pages of published public articles, indexable
 * (canonical URLs, hreflang, sitemap.xml), with search and "Was this helpful?" that work without script.
 */
export async function helpCenterRoutes(app: App): Promise<void> {
  const { db, config } = app.deps;
  const base = config.publicUrl.replace(/\/$/, '');
  const settingsNow = cachedFor(CACHE_MS, () => getHelpCenterSettings(db));
  const categoriesNow = cachedFor(CACHE_MS, () => listCategories({ db }));
  const liveSettings = async (locale: string) => checkLocale(await settingsNow(), locale);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });

  app.setErrorHandler(async (error, request, reply) => {
    const locale = /^\/help\/([a-z]{2}(?:-[A-Z]{2})?)\b/.exec(request.url)?.[1] ?? 'en';
    const settings = await settingsNow();
    if (error instanceof AppError && error.code === 'not_found') return sendHtml(reply, 404, errorPage(settings, locale, 'Page not found', 'We couldn’t find that page. It may have moved or been unpublished.'));
    const validation = (error as { validation?: unknown }).validation;
    if ((error instanceof AppError && error.code === 'validation') || validation) return sendHtml(reply, 400, errorPage(settings, locale, 'Something is not right', (error as Error).message));
    request.log.error({ err: error }, 'help center error');
    return sendHtml(reply, 500, errorPage(settings, locale, 'Something went wrong', 'Please try again in a moment.'));
  });

  const hide = true;

  app.get('/help', { config: { auth: 'public' }, schema: { hide, response: { 302: Type.Null() } } }, async (_request, reply) => {
    const settings = await settingsNow();
    return reply.redirect(`/help/${settings.defaultLocale}`, 302);
  });

  app.get('/help/sitemap.xml', { config: { auth: 'public' }, schema: { hide, response: HtmlPage } }, async (_request, reply) =>
    reply.type('application/xml; charset=utf-8').send(sitemapXml(base, await sitemapEntries(db))),
  );

  app.get('/help/:locale', { config: { auth: 'public' }, schema: { hide, params: Type.Object({ locale: Locale }), response: HtmlPage } }, async (request, reply) => {
    const { locale } = request.params;
    const settings = await liveSettings(locale);
    const [categories, articles, popular] = await Promise.all([
      categoriesNow(),
      listLiveArticles(db, { locale, audience: AUDIENCE }),
      listLiveArticles(db, { locale, audience: AUDIENCE, orderBy: 'views', limit: 6 }),
    ]);
    return sendHtml(reply, 200, homePage(settings, locale, base, categories, groupByCategory(articles), popular));
  });

  app.get(
    '/help/:locale/categories/:slug',
    { config: { auth: 'public' }, schema: { hide, params: Type.Object({ locale: Locale, slug: Type.String({ maxLength: 100 }) }), response: HtmlPage } },
    async (request, reply) => {
      const { locale, slug } = request.params;
      const settings = await liveSettings(locale);
      const categories = await categoriesNow();
      const category = categories.find((c) => c.slug === slug);
      if (!category) throw notFound('category');
      const sections = categories.filter((c) => c.parentId === category.id);
      const articles = await listLiveArticles(db, { locale, audience: AUDIENCE, categoryIds: [category.id, ...sections.map((s) => s.id)] });
      return sendHtml(reply, 200, categoryPage(settings, locale, base, category, sections, groupByCategory(articles)));
    },
  );

  app.get(
    '/help/:locale/articles/:article',
    {
      config: { auth: 'public' },
      schema: {
        hide,
        params: Type.Object({ locale: Locale, article: Type.String({ pattern: '^[0-9]{1,15}(-.*)?$', maxLength: 200 }) }),
        querystring: Type.Object({ voted: Type.Optional(Type.String({ maxLength: 5 })) }),
        response: { ...HtmlPage, 301: Type.Null() },
      },
    },
    async (request, reply) => {
      const id = Number.parseInt(request.params.article, 10);
      const article = await getLiveArticle(db, id, AUDIENCE);
      if (!article) throw notFound('article');
      const path = articlePath(article);
      // Old slugs and wrong languages lead to the one address search engines should keep.
      if (request.url.split('?')[0] !== path) return reply.redirect(path, 301);
      const [settings, categories, related] = await Promise.all([settingsNow(), categoriesNow(), relatedArticles(db, article, AUDIENCE), recordArticleView(db, article.id)]);
      return sendHtml(reply, 200, articlePage(settings, base, article, trailOf(categories, article.categoryId), related, request.query.voted === 'yes'));
    },
  );

  app.post(
    '/help/:locale/articles/:id/votes',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        hide,
        params: Type.Object({ locale: Locale, id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ helpful: Type.Union([Type.Literal('yes'), Type.Literal('no')]), comment: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { 303: Type.Null() },
      },
    },
    async (request, reply) => {
      await voteOnArticle(db, { articleId: request.params.id, helpful: request.body.helpful === 'yes', comment: request.body.comment, audience: AUDIENCE });
      const article = await getLiveArticle(db, request.params.id, AUDIENCE);
      return reply.redirect(`${article ? articlePath(article) : `/help/${request.params.locale}`}?voted=yes#vote`, 303);
    },
  );

  app.get(
    '/help/:locale/search',
    { config: { auth: 'public' }, schema: { hide, params: Type.Object({ locale: Locale }), querystring: Type.Object({ q: Type.String({ maxLength: 200, default: '' }) }), response: HtmlPage } },
    async (request, reply) => {
      const { locale } = request.params;
      const settings = await liveSettings(locale);
      const q = request.query.q.trim();
      const result = await searchArticles(db, { q, locale, audience: AUDIENCE, limit: 10, recordGap: true });
      return sendHtml(reply, 200, searchPage(settings, locale, q, result));
    },
  );
}
