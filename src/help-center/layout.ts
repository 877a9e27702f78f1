import type { HelpCenterSettings } from '../knowledge/index.ts';
import { type Html, html, trustedHtml } from './html.ts';
import { STYLES } from './styles.ts';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute URL of the page's one true address. */
  canonical?: string;
  /** The same page in other languages: hreflang → absolute URL. */
  alternates?: { locale: string; url: string }[];
  locale: string;
  /** Pages behind a sign-in, or of no use to a search engine. */
  noindex?: boolean;
}

/** The shell of every help center and portal page: branding, navigation, search box slot, footer. */
export function page(settings: HelpCenterSettings, meta: PageMeta, body: Html, options: { hero?: Html; nav?: Html } = {}): string {
  return html`<!doctype html>
<html lang="${meta.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title} – ${settings.name}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ''}
${(meta.alternates ?? []).map((a) => html`<link rel="alternate" hreflang="${a.locale}" href="${a.url}">`)}
${meta.noindex ? html`<meta name="robots" content="noindex">` : ''}
<style>:root{--brand:${settings.brandColor}}${trustedHtml(STYLES)}</style>
</head>
<body>
<header class="top"><div class="wrap bar">
<a class="logo" href="/help/${meta.locale}">${settings.logoText || settings.name}</a>
<nav class="top">${options.nav ?? html`<a href="/help/${meta.locale}">Help Center</a><a href="/portal">My requests</a>`}</nav>
</div></header>
${options.hero ?? ''}
<main><div class="wrap">${body}</div></main>
<footer>${settings.name}</footer>
</body>
</html>`.value;
}

export function searchForm(locale: string, q = ''): Html {
  return html`<form class="search" action="/help/${locale}/search" method="get" role="search">
<input type="search" name="q" value="${q}" placeholder="Search for answers…" aria-label="Search the help center">
<button type="submit">Search</button>
</form>`;
}
