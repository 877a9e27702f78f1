import { invalid } from '../platform/errors.ts';
import { htmlToText, sanitizeHtml } from '../platform/sanitize-html.ts';

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EXCERPT_CHARS = 200;
const MAX_BODY = 500_000;

export function checkLocale(locale: string, field = 'locale'): string {
  if (!LOCALE.test(locale)) throw invalid(field, `${field} must be a language code like "en" or "pt-BR"`);
  return locale;
}

/** "Réinitialiser le mot de passe!" → "reinitialiser-le-mot-de-passe". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function checkSlug(slug: string | undefined, fallbackFrom: string, field = 'slug'): string {
  const value = slug?.trim() || slugify(fallbackFrom);
  if (!SLUG.test(value)) throw invalid(field, `${field} must be lower-case letters, digits and single hyphens`);
  return value;
}

export interface ArticleContent {
  title: string;
  bodyHtml: string;
  bodyText: string;
  excerpt: string;
}

/** Sanitised HTML (what the editor may produce, never script), its text, and an excerpt when none is given. */
export function prepareArticleContent(input: { title: string; bodyHtml: string; excerpt?: string }): ArticleContent {
  const title = input.title.trim();
  if (!title) throw invalid('title', 'title must not be empty');
  if (input.bodyHtml.length > MAX_BODY) throw invalid('bodyHtml', `bodyHtml must be at most ${MAX_BODY} characters`);
  const bodyHtml = sanitizeHtml(input.bodyHtml);
  const bodyText = htmlToText(bodyHtml);
  const excerpt = input.excerpt?.trim() || summarize(bodyText);
  return { title, bodyHtml, bodyText, excerpt };
}

function summarize(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 100 ? cut.lastIndexOf(' ') : EXCERPT_CHARS)}…`;
}

export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
