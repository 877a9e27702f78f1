-- Misspelling correction per language: "adress" must become "address" for English readers,
-- not the French "adresse".
DROP TABLE kb_words;
CREATE TABLE kb_words (
  locale text NOT NULL,
  word text NOT NULL,
  PRIMARY KEY (locale, word)
);
CREATE INDEX kb_words_trgm_idx ON kb_words USING gin (word gin_trgm_ops);
INSERT INTO kb_words (locale, word)
SELECT DISTINCT a.locale, w FROM kb_articles a, regexp_split_to_table(lower(a.title || ' ' || a.body_text), '[^[:alnum:]]+') AS w
 WHERE a.status = 'published' AND length(w) BETWEEN 3 AND 40;
