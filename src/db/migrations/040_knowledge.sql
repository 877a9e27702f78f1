-- Knowledge base: categories and sections, articles in several languages with revisions,
-- per-language full-text search with a typo-correcting vocabulary, votes, views and content gaps.

-- Authors write and submit for review; publishers (supervisors, admins) publish and delete.
UPDATE roles SET permissions = permissions || ARRAY['knowledge.write', 'knowledge.publish'], updated_at = now()
 WHERE built_in AND key IN ('admin', 'supervisor');
UPDATE roles SET permissions = permissions || ARRAY['knowledge.write'], updated_at = now()
 WHERE built_in AND key = 'agent';

-- The text search configuration for a locale ('de-AT' → german); a language without one gets 'simple'.
-- Declared immutable so a stored column can use it: the mapping only ever gains languages by migration.
CREATE FUNCTION kb_search_config(locale text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (CASE split_part(lower(locale), '-', 1)
    WHEN 'en' THEN 'english' WHEN 'de' THEN 'german' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
    WHEN 'it' THEN 'italian' WHEN 'pt' THEN 'portuguese' WHEN 'nl' THEN 'dutch' WHEN 'sv' THEN 'swedish'
    WHEN 'da' THEN 'danish' WHEN 'nb' THEN 'norwegian' WHEN 'no' THEN 'norwegian' WHEN 'fi' THEN 'finnish'
    WHEN 'ru' THEN 'russian' WHEN 'tr' THEN 'turkish' WHEN 'hu' THEN 'hungarian' WHEN 'ro' THEN 'romanian'
    ELSE 'simple' END)::regconfig;

-- The help center's look and languages: one row.
CREATE TABLE kb_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  name text NOT NULL DEFAULT 'Help Center',
  logo_text text NOT NULL DEFAULT 'Help Center',
  brand_color text NOT NULL DEFAULT '#2563eb' CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
  default_locale text NOT NULL DEFAULT 'en',
  locales text[] NOT NULL DEFAULT ARRAY['en'],
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO kb_settings DEFAULT VALUES;

-- A category at the top, or a section inside one (parent_id set).
CREATE TABLE kb_categories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint REFERENCES kb_categories(id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- {"de": {"name": "…", "description": "…"}}: the name shown in other languages.
  translations jsonb NOT NULL DEFAULT '{}',
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id <> id)
);
CREATE INDEX kb_categories_parent_idx ON kb_categories (parent_id, position);

-- The same article in every language: one group, one article per locale.
CREATE TABLE kb_article_groups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kb_articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id bigint NOT NULL REFERENCES kb_article_groups(id),
  locale text NOT NULL CHECK (locale ~ '^[a-z]{2}(-[A-Z]{2})?$'),
  category_id bigint REFERENCES kb_categories(id) ON DELETE SET NULL,
  title text NOT NULL,
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- Sanitised on the way in; body_text is its plain text, for search and snippets.
  body_html text NOT NULL,
  body_text text NOT NULL,
  excerpt text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'customers', 'internal')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published')),
  author_id bigint REFERENCES users(id) ON DELETE SET NULL,
  position int NOT NULL DEFAULT 0,
  revision int NOT NULL DEFAULT 1,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(kb_search_config(locale), title), 'A')
    || setweight(to_tsvector(kb_search_config(locale), excerpt), 'B')
    || setweight(to_tsvector(kb_search_config(locale), left(body_text, 200000)), 'C')) STORED,
  UNIQUE (group_id, locale)
);
CREATE INDEX kb_articles_search_idx ON kb_articles USING gin (search_vector);
CREATE INDEX kb_articles_title_trgm_idx ON kb_articles USING gin (title gin_trgm_ops);
CREATE INDEX kb_articles_category_idx ON kb_articles (category_id, position, id);
CREATE INDEX kb_articles_live_idx ON kb_articles (locale, visibility, id) WHERE status = 'published';
CREATE INDEX kb_articles_updated_idx ON kb_articles (updated_at DESC, id DESC);
CREATE INDEX kb_articles_tags_idx ON kb_articles USING gin (tags);

-- Counters live apart from the article: updating a row recomputes its search vector.
CREATE TABLE kb_article_stats (
  article_id bigint PRIMARY KEY REFERENCES kb_articles(id) ON DELETE CASCADE,
  views bigint NOT NULL DEFAULT 0,
  helpful int NOT NULL DEFAULT 0,
  not_helpful int NOT NULL DEFAULT 0
);

-- Every saved version of an article's content, revision 1 first.
CREATE TABLE kb_article_revisions (
  article_id bigint NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  revision int NOT NULL,
  title text NOT NULL,
  body_html text NOT NULL,
  excerpt text NOT NULL,
  tags text[] NOT NULL,
  author_id bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, revision)
);

CREATE TABLE kb_votes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  helpful boolean NOT NULL,
  comment text NOT NULL DEFAULT '',
  customer_id bigint REFERENCES customers(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kb_votes_article_idx ON kb_votes (article_id, id DESC);

-- Words of published articles, so a misspelt query word can be swapped for the nearest real one.
CREATE TABLE kb_words (
  word text PRIMARY KEY
);
CREATE INDEX kb_words_trgm_idx ON kb_words USING gin (word gin_trgm_ops);

-- Searches that found nothing: the articles still to be written.
CREATE TABLE kb_search_gaps (
  locale text NOT NULL,
  query text NOT NULL,
  searches int NOT NULL DEFAULT 1,
  last_searched_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (locale, query)
);
