import { type Article, type ArticleSearchResult, type ArticleSummary, articlePath, type Category, type HelpCenterSettings } from '../knowledge/index.ts';
import { type Html, html, trustedHtml } from './html.ts';
import { page, searchForm } from './layout.ts';

export const categoryName = (c: Category, locale: string) => c.translations[locale]?.name ?? c.name;
const categoryDescription = (c: Category, locale: string) => c.translations[locale]?.description ?? c.description;

const articleList = (articles: ArticleSummary[]) =>
  html`<ul class="articles">${articles.map((a) => html`<li><a href="${articlePath(a)}">${a.title}</a></li>`)}</ul>`;

export function homePage(s: HelpCenterSettings, locale: string, base: string, categories: Category[], byCategory: Map<number, ArticleSummary[]>, popular: ArticleSummary[]): string {
  const top = categories.filter((c) => c.parentId === null);
  const count = (c: Category) => [c, ...categories.filter((x) => x.parentId === c.id)].reduce((n, x) => n + (byCategory.get(x.id)?.length ?? 0), 0);
  const body = html`
<div class="grid">${top.map(
    (c) => html`<section class="card"><h2><a href="/help/${locale}/categories/${c.slug}">${categoryName(c, locale)}</a></h2>
<p>${categoryDescription(c, locale)}</p><p class="small muted">${count(c)} articles</p></section>`,
  )}</div>
${popular.length ? html`<h2>Popular articles</h2><div class="card">${articleList(popular)}</div>` : ''}
${stillNeedHelp()}`;
  const hero = html`<section class="hero"><div class="wrap"><h1>How can we help?</h1>${searchForm(locale)}</div></section>`;
  const alternates = s.locales.map((l) => ({ locale: l, url: `${base}/help/${l}` }));
  return page(s, { title: 'Help Center', description: `Answers and guides from ${s.name}`, canonical: `${base}/help/${locale}`, alternates, locale }, body, { hero });
}

export function categoryPage(s: HelpCenterSettings, locale: string, base: string, category: Category, sections: Category[], byCategory: Map<number, ArticleSummary[]>): string {
  const direct = byCategory.get(category.id) ?? [];
  const body = html`
<div class="crumbs"><a href="/help/${locale}">${s.name}</a> › ${categoryName(category, locale)}</div>
<h1>${categoryName(category, locale)}</h1>
<p class="muted">${categoryDescription(category, locale)}</p>
${direct.length ? html`<div class="card">${articleList(direct)}</div>` : ''}
${sections.map((sec) => html`<section class="card" style="margin-top:18px"><h2>${categoryName(sec, locale)}</h2>${articleList(byCategory.get(sec.id) ?? [])}</section>`)}
${direct.length === 0 && sections.length === 0 ? html`<p class="muted">No articles here yet.</p>` : ''}
${stillNeedHelp()}`;
  return page(s, { title: categoryName(category, locale), description: categoryDescription(category, locale) || undefined, canonical: `${base}/help/${locale}/categories/${category.slug}`, locale }, body);
}

export function articlePage(
  s: HelpCenterSettings,
  base: string,
  article: Article,
  trail: Category[],
  related: ArticleSummary[],
  voted: boolean,
): string {
  const locale = article.locale;
  const body = html`
<div class="crumbs"><a href="/help/${locale}">${s.name}</a>${trail.map((c) => html` › <a href="/help/${locale}/categories/${c.slug}">${categoryName(c, locale)}</a>`)}</div>
<div class="layout">
<div>
<article class="body">
<h1>${article.title}</h1>
<p class="small muted">Updated ${article.updatedAt.toISOString().slice(0, 10)}</p>
${trustedHtml(article.bodyHtml)}
<section class="vote" id="vote">${
    voted
      ? html`<div class="notice">Thanks for your feedback!</div>`
      : html`<form method="post" action="/help/${locale}/articles/${article.id}/votes">
<strong>Was this article helpful?</strong>
<textarea name="comment" maxlength="2000" placeholder="Anything we could add or fix? (optional)" aria-label="Comment"></textarea>
<button class="btn" type="submit" name="helpful" value="yes">Yes</button>
<button class="btn" type="submit" name="helpful" value="no">No</button>
</form>`
  }</section>
</article>
${stillNeedHelp()}
</div>
<aside>
${related.length ? html`<h2>Related articles</h2>${articleList(related)}` : ''}
${article.translations.length ? html`<h2 style="margin-top:20px">Other languages</h2><ul class="articles">${article.translations.map((t) => html`<li><a href="${articlePath(t)}" hreflang="${t.locale}">${t.title} (${t.locale})</a></li>`)}</ul>` : ''}
</aside>
</div>`;
  const alternates = [article, ...article.translations].map((a) => ({ locale: a.locale, url: `${base}${articlePath(a)}` }));
  return page(s, { title: article.title, description: article.excerpt, canonical: `${base}${articlePath(article)}`, alternates, locale }, body, {
    hero: html`<section class="hero" style="padding:16px 0 22px"><div class="wrap">${searchForm(locale)}</div></section>`,
  });
}

export function searchPage(s: HelpCenterSettings, locale: string, q: string, result: ArticleSearchResult): string {
  const body = html`
<h1>Search results</h1>
${result.correctedQuery ? html`<p class="muted">No results for “${q}”. Showing results for <strong>${result.correctedQuery}</strong>.</p>` : ''}
${
  result.hits.length
    ? result.hits.map((h) => html`<div class="result"><h2><a href="${articlePath(h)}">${h.title}</a></h2><p>${trustedHtml(h.snippetHtml)}</p></div>`)
    : html`<p>No articles match “${q}”.</p>`
}
${stillNeedHelp()}`;
  return page(s, { title: q ? `Search: ${q}` : 'Search', locale, noindex: true }, body, {
    hero: html`<section class="hero" style="padding:16px 0 22px"><div class="wrap">${searchForm(locale, q)}</div></section>`,
  });
}

export function errorPage(s: HelpCenterSettings, locale: string, title: string, message: string): string {
  return page(s, { title, locale, noindex: true }, html`<h1>${title}</h1><p>${message}</p><p><a href="/help/${locale}">Back to the help center</a></p>`);
}

function stillNeedHelp(): Html {
  return html`<div class="help-more"><div><strong>Still need help?</strong><div class="muted small">Send us a request and we’ll get back to you.</div></div>
<a class="btn primary" href="/portal/requests/new">Contact support</a></div>`;
}

export function sitemapXml(base: string, entries: { id: number; groupId: number; locale: string; slug: string; updatedAt: Date }[]): string {
  const byGroup = new Map<number, typeof entries>();
  for (const e of entries) byGroup.set(e.groupId, [...(byGroup.get(e.groupId) ?? []), e]);
  const urls = entries.map((e) => {
    const alternates = (byGroup.get(e.groupId) ?? []).map((a) => html`<xhtml:link rel="alternate" hreflang="${a.locale}" href="${base}${articlePath(a)}"/>`);
    return html`<url><loc>${base}${articlePath(e)}</loc><lastmod>${e.updatedAt.toISOString()}</lastmod>${alternates}</url>\n`;
  });
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls}</urlset>
`.value;
}
