import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { Type } from 'typebox';
import {
  type ArticleSummary,
  articlePath,
  type Category,
  getHelpCenterSettings,
  getLiveArticle,
  type HelpCenterSettings,
  knowledgeGeneration,
  listCategories,
  listLiveArticles,
  recordArticleViews,
  recordContentGap,
  relatedArticles,
  searchArticles,
  sitemapEntries,
  voteOnArticle,
} from '../knowledge/index.ts';
import type { App } from '../platform/http/app.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { coalesced } from '../platform/coalesce.ts';
import { articlePage, categoryPage, errorPage, homePage, searchPage, sitemapXml } from './pages.ts';
import { perGeneration } from './per-generation.ts';
import { pageCache, renderedPage } from './rendered-pages.ts';
import { sendHtml, sendPage } from './send-html.ts';

const Locale = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });
const HtmlPage = { 200: Type.String({ description: 'An HTML page' }) };
const AUDIENCE = 'public';

const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
// How long related and popular articles (ordered by views) may lag; edits show at once regardless.
const PAGE_MAX_AGE_MS = 5 * 60_000;

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
 *
 * Pages are rendered once and kept in memory under the knowledge generation (see migration 065),
 * which every request reads first: one query, shared by the requests arriving together. Only what
 * this public audience may see is ever rendered here, so nothing else can come out of the cache.
 */
export async function helpCenterRoutes(app: App): Promise<void> {
  const { db, config } = app.deps;
  const base = config.publicUrl.replace(/\/$/, '');
  const generation = coalesced<void, number>(() => knowledgeGeneration(db));
  const settingsAt = perGeneration(() => getHelpCenterSettings(db));
  const categoriesAt = perGeneration(() => listCategories({ db }));
  const liveSettings = async (g: number, locale: string) => checkLocale(await settingsAt(g), locale);
  // Views are counted in batches: one statement for the views of all the requests waiting on it.
  const countView = coalesced((ids: number[]) => recordArticleViews(db, ids));
  const pages = pageCache<{ path?: string; gap?: boolean }>({ maxBytes: PAGE_CACHE_BYTES, maxAgeMs: PAGE_MAX_AGE_MS });
  await app.register(formbody);
  await app.register(rateLimit, { global: false });

  app.setErrorHandler(async (error, request, reply) => {
    const locale = /^\/help\/([a-z]{2}(?:-[A-Z]{2})?)\b/.exec(request.url)?.[1] ?? 'en';
    const settings = await settingsAt(await generation());
    if (error instanceof AppError && error.code === 'not_found') return sendHtml(reply, 404, errorPage(settings, locale, 'Page not found', 'We couldn’t find that page. It may have moved or been unpublished.'));
    const validation = (error as { validation?: unknown }).validation;
    if ((error instanceof AppError && error.code === 'validation') || validation) return sendHtml(reply, 400, errorPage(settings, locale, 'Something is not right', (error as Error).message));
    request.log.error({ err: error }, 'help center error');
    return sendHtml(reply, 500, errorPage(settings, locale, 'Something went wrong', 'Please try again in a moment.'));
  });

  const hide = true;

  app.get('/help', { config: { auth: 'public' }, schema: { hide, response: { 302: Type.Null() } } }, async (_request, reply) => {
    const settings = await settingsAt(await generation());
    return reply.redirect(`/help/${settings.defaultLocale}`, 302);
  });

  app.get('/help/sitemap.xml', { config: { auth: 'public' }, schema: { hide, response: HtmlPage } }, async (_request, reply) =>
    reply.type('application/xml; charset=utf-8').send(sitemapXml(base, await sitemapEntries(db))),
  );

  app.get('/help/:locale', { config: { auth: 'public' }, schema: { hide, params: Type.Object({ locale: Locale }), response: HtmlPage } }, async (request, reply) => {
    const { locale } = request.params;
    const g = await generation();
    const settings = await liveSettings(g, locale);
    const home = await pages.get(`${g} home ${locale}`, async () => {
      const [categories, articles, popular] = await Promise.all([
        categoriesAt(g),
        listLiveArticles(db, { locale, audience: AUDIENCE }),
        listLiveArticles(db, { locale, audience: AUDIENCE, orderBy: 'views', limit: 6 }),
      ]);
      return renderedPage(homePage(settings, locale, base, categories, groupByCategory(articles), popular), {});
    });
    return sendPage(request, reply, home);
  });

  app.get(
    '/help/:locale/categories/:slug',
    { config: { auth: 'public' }, schema: { hide, params: Type.Object({ locale: Locale, slug: Type.String({ maxLength: 100 }) }), response: HtmlPage } },
    async (request, reply) => {
      const { locale, slug } = request.params;
      const g = await generation();
      const settings = await liveSettings(g, locale);
      const found = await pages.get(`${g} category ${locale} ${slug}`, async () => {
        const categories = await categoriesAt(g);
        const category = categories.find((c) => c.slug === slug);
        if (!category) return undefined;
        const sections = categories.filter((c) => c.parentId === category.id);
        const articles = await listLiveArticles(db, { locale, audience: AUDIENCE, categoryIds: [category.id, ...sections.map((s) => s.id)] });
        return renderedPage(categoryPage(settings, locale, base, category, sections, groupByCategory(articles)), {});
      });
      if (!found) throw notFound('category');
      return sendPage(request, reply, found);
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
      const voted = request.query.voted === 'yes';
      const g = await generation();
      const found = await pages.get(`${g} article ${id} ${voted}`, async () => {
        const article = await getLiveArticle(db, id, AUDIENCE);
        if (!article) return undefined;
        const [settings, categories, related] = await Promise.all([settingsAt(g), categoriesAt(g), relatedArticles(db, article, AUDIENCE)]);
        return renderedPage(articlePage(settings, base, article, trailOf(categories, article.categoryId), related, voted), { path: articlePath(article) });
      });
      if (!found) throw notFound('article');
      // Old slugs and wrong languages lead to the one address search engines should keep.
      if (request.url.split('?')[0] !== found.meta.path) return reply.redirect(found.meta.path as string, 301);
      await countView(id);
      return sendPage(request, reply, found);
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
      const g = await generation();
      const settings = await liveSettings(g, locale);
      const q = request.query.q.trim();
      const page = await pages.get(`${g} search ${locale} ${q}`, async () => {
        const result = await searchArticles(db, { q, locale, audience: AUDIENCE, limit: 10 });
        return renderedPage(searchPage(settings, locale, q, result), { gap: q !== '' && result.hits.length === 0 });
      });
      // Every search that found nothing counts, however often the answer came from memory.
      if (page.meta.gap) await recordContentGap(db, locale, q);
      return sendPage(request, reply, page);
    },
  );
}
