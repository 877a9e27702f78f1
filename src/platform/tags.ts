import { invalid } from './errors.ts';

/** Tags as stored on tickets and customers: lower case, spaces as underscores, no repeats, sorted. */
export function normalizeTags(tags: string[], field = 'tags'): string[] {
  const clean = tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '_')).filter(Boolean);
  for (const tag of clean) if (tag.length > 80) throw invalid(field, `tag "${tag.slice(0, 20)}…" is longer than 80 characters`);
  return [...new Set(clean)].sort();
}
