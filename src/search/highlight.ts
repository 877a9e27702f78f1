import { escapeHtml } from '../platform/headline.ts';

/**
 * Trigram matches have no ts_headline; mark where a query word occurs verbatim (case-insensitive),
 * which a typo'd query may not, and escape the rest.
 */
export function literalHighlightHtml(text: string, query: string): string {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length >= 2);
  if (words.length === 0) return escapeHtml(text);
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  let html = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    html += `${escapeHtml(text.slice(last, match.index))}<mark>${escapeHtml(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}
