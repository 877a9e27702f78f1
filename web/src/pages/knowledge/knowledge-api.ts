import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** The knowledge base as the API answers it (see /api/v1/openapi.json, tag "knowledge"). */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const VISIBILITIES = ['public', 'customers', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const STATUS_LABEL: Record<ArticleStatus, string> = { draft: 'Draft', in_review: 'In review', published: 'Published' };
export const VISIBILITY_LABEL: Record<Visibility, string> = { public: 'Public', customers: 'Signed-in customers', internal: 'Agents only' };

export interface Category {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface ArticleSummary {
  id: number;
  groupId: number;
  locale: string;
  categoryId: number | null;
  title: string;
  slug: string;
  excerpt: string;
  tags: string[];
  visibility: Visibility;
  status: ArticleStatus;
  author: { id: number; name: string } | null;
  revision: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  stats: { views: number; helpful: number; notHelpful: number };
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  translations: { id: number; locale: string; title: string; slug: string; status: ArticleStatus; visibility: Visibility }[];
}

export interface Revision {
  revision: number;
  title: string;
  bodyHtml: string;
  tags: string[];
  author: { id: number; name: string } | null;
  createdAt: string;
}

export interface Change {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface RevisionDiff {
  from: number;
  to: number;
  title: Change[];
  body: Change[];
  tags: { added: string[]; removed: string[] };
}

export interface MissingTranslation {
  groupId: number;
  articles: { id: number; locale: string; title: string }[];
  missingLocales: string[];
}

export interface HelpCenterSettings {
  name: string;
  defaultLocale: string;
  locales: string[];
}

/** Where an article lives in the help center (the same rule as the server's articlePath). */
export const helpCenterPath = (a: { id: number; locale: string; slug: string }) => `/help/${a.locale}/articles/${a.id}-${a.slug}`;

export const useCategories = () => useQuery({ queryKey: ['knowledge', 'categories'], queryFn: async () => (await api.get<{ data: Category[] }>('/knowledge/categories')).data });
export const useHelpCenterSettings = () => useQuery({ queryKey: ['knowledge', 'settings'], queryFn: () => api.get<HelpCenterSettings>('/knowledge/settings') });

/** Categories first, each followed by its sections, with their depth, for trees and pickers. */
export function categoryTree(categories: Category[]): { category: Category; depth: number }[] {
  const byParent = new Map<number | null, Category[]>();
  for (const c of categories) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const out: { category: Category; depth: number }[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const c of (byParent.get(parentId) ?? []).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))) {
      out.push({ category: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
