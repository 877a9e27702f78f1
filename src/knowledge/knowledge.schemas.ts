import { Type } from 'typebox';
import { Nullable, Timestamp } from '../platform/http/schemas.ts';
import { ARTICLE_STATUSES, VISIBILITIES } from './knowledge.types.ts';

const Locale = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'Language code, e.g. en or pt-BR' });
const Slug = Type.String({ maxLength: 80, description: 'Lower-case words joined by hyphens; default: from the name or title' });
const Visibility = Type.Enum(VISIBILITIES, { description: 'public: everyone; customers: signed-in customers; internal: agents only' });
export const ArticleStatusSchema = Type.Enum(ARTICLE_STATUSES);
const PersonRef = Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));

export const SettingsSchema = Type.Object({
  name: Type.String(),
  logoText: Type.String(),
  brandColor: Type.String(),
  defaultLocale: Type.String(),
  locales: Type.Array(Type.String()),
  updatedAt: Timestamp,
});
export const SettingsPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  logoText: Type.Optional(Type.String({ maxLength: 60 })),
  brandColor: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$' })),
  defaultLocale: Type.Optional(Locale),
  locales: Type.Optional(Type.Array(Locale, { minItems: 1, maxItems: 30 })),
});

const CategoryTranslations = Type.Record(Type.String(), Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 2000 })) }));
export const CategorySchema = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  translations: CategoryTranslations,
  position: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const categoryFields = {
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'Set to make this a section of that category' }))),
  slug: Type.Optional(Slug),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  translations: Type.Optional(CategoryTranslations),
  position: Type.Optional(Type.Integer()),
};
export const CreateCategoryBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), ...categoryFields });
export const UpdateCategoryBody = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), ...categoryFields });

const Stats = Type.Object({ views: Type.Integer(), helpful: Type.Integer(), notHelpful: Type.Integer() });
const summaryFields = {
  id: Type.Integer(),
  groupId: Type.Integer({ description: 'Shared by every language of the same article' }),
  locale: Type.String(),
  categoryId: Nullable(Type.Integer()),
  title: Type.String(),
  slug: Type.String(),
  excerpt: Type.String(),
  tags: Type.Array(Type.String()),
  visibility: Visibility,
  status: ArticleStatusSchema,
  author: PersonRef,
  revision: Type.Integer(),
  publishedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  stats: Stats,
};
export const ArticleSummarySchema = Type.Object(summaryFields);
export const ArticleSchema = Type.Object({
  ...summaryFields,
  bodyHtml: Type.String(),
  translations: Type.Array(Type.Object({ id: Type.Integer(), locale: Type.String(), title: Type.String(), slug: Type.String(), status: ArticleStatusSchema, visibility: Visibility })),
});

const articleFields = {
  excerpt: Type.Optional(Type.String({ maxLength: 1000 })),
  slug: Type.Optional(Slug),
  categoryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 })),
  visibility: Type.Optional(Visibility),
  position: Type.Optional(Type.Integer()),
};
export const CreateArticleBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  bodyHtml: Type.String({ maxLength: 500_000, description: 'HTML from the editor; sanitised on the way in' }),
  locale: Type.Optional(Locale),
  status: Type.Optional(ArticleStatusSchema),
  translationOf: Type.Optional(Type.Integer({ minimum: 1, description: 'An article this one translates' })),
  ...articleFields,
});
export const UpdateArticleBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  bodyHtml: Type.Optional(Type.String({ maxLength: 500_000 })),
  ...articleFields,
});
export const ArticleListQuery = Type.Object({
  locale: Type.Optional(Locale),
  categoryId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(Type.Array(ArticleStatusSchema)),
  visibility: Type.Optional(Type.Array(Visibility)),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Title contains (typo-tolerant)' })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
});

export const RevisionSchema = Type.Object({
  revision: Type.Integer(),
  title: Type.String(),
  bodyHtml: Type.String(),
  excerpt: Type.String(),
  tags: Type.Array(Type.String()),
  author: PersonRef,
  createdAt: Timestamp,
});
const Change = Type.Object({ value: Type.String(), added: Type.Boolean(), removed: Type.Boolean() });
export const RevisionDiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  title: Type.Array(Change),
  body: Type.Array(Change),
  tags: Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()) }),
});

export const SearchHitSchema = Type.Object({
  id: Type.Integer(),
  locale: Type.String(),
  title: Type.String(),
  slug: Type.String(),
  categoryId: Nullable(Type.Integer()),
  visibility: Visibility,
  snippetHtml: Type.String({ description: 'Escaped text with the matched words in <mark>' }),
  rank: Type.Number(),
  url: Type.String({ description: 'The article in the help center (agents: also internal ones, which the help center does not show)' }),
});
export const SearchResultSchema = Type.Object({ data: Type.Array(SearchHitSchema), correctedQuery: Nullable(Type.String()) });

export const MissingTranslationSchema = Type.Object({
  groupId: Type.Integer(),
  articles: Type.Array(Type.Object({ id: Type.Integer(), locale: Type.String(), title: Type.String() })),
  missingLocales: Type.Array(Type.String()),
});
export const SearchGapSchema = Type.Object({ locale: Type.String(), query: Type.String(), searches: Type.Integer(), lastSearchedAt: Timestamp });

const Counts = { views: Type.Integer(), helpful: Type.Integer(), notHelpful: Type.Integer() };
export const KnowledgeReportSchema = Type.Object({
  totals: Type.Object({ articles: Type.Integer(), published: Type.Integer(), ...Counts }),
  articles: Type.Array(Type.Object({ id: Type.Integer(), groupId: Type.Integer(), locale: Type.String(), title: Type.String(), status: ArticleStatusSchema, visibility: Visibility, ...Counts })),
  comments: Type.Array(Type.Object({ articleId: Type.Integer(), title: Type.String(), helpful: Type.Boolean(), comment: Type.String(), createdAt: Timestamp })),
});
