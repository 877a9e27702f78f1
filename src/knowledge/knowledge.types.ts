export const VISIBILITIES = ['public', 'customers', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * Who is reading: anyone on the web, a customer signed in to the portal, or an agent.
 * Each sees the visibilities up to their own: agents also see internal articles.
 */
export type Audience = 'public' | 'customers' | 'agents';
export const VISIBLE_TO: Record<Audience, Visibility[]> = {
  public: ['public'],
  customers: ['public', 'customers'],
  agents: ['public', 'customers', 'internal'],
};

export interface Category {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  description: string;
  translations: Record<string, { name: string; description?: string }>;
  position: number;
  createdAt: Date;
  updatedAt: Date;
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
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  stats: { views: number; helpful: number; notHelpful: number };
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  /** The other languages of the same article. */
  translations: { id: number; locale: string; title: string; slug: string; status: ArticleStatus; visibility: Visibility }[];
}

export interface Revision {
  revision: number;
  title: string;
  bodyHtml: string;
  excerpt: string;
  tags: string[];
  author: { id: number; name: string } | null;
  createdAt: Date;
}

export interface HelpCenterSettings {
  name: string;
  logoText: string;
  brandColor: string;
  defaultLocale: string;
  locales: string[];
  updatedAt: Date;
}

export interface SearchHit {
  id: number;
  locale: string;
  title: string;
  slug: string;
  categoryId: number | null;
  visibility: Visibility;
  /** Safe HTML: the text escaped, matched words in `<mark>`. */
  snippetHtml: string;
  rank: number;
}
