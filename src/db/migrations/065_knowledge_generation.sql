-- One number that moves whenever anything a help center page shows changes (articles, categories,
-- settings), in the same transaction as the change. Processes cache rendered pages under it and read
-- it once per request: a page is reused only while the number is unchanged, on every process, so an
-- edit or an unpublish is visible to the next request anywhere. A counter row rather than a sequence:
-- a sequence moves before the change commits, so a reader could cache old content under the new number.
CREATE TABLE kb_generation (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  n bigint NOT NULL DEFAULT 0
);
INSERT INTO kb_generation DEFAULT VALUES;

CREATE FUNCTION kb_next_generation() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE kb_generation SET n = n + 1;
  RETURN NULL;
END $$;

-- Per statement, so a bulk import moves it once. Views and votes (kb_article_stats) do not move it.
CREATE TRIGGER kb_articles_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kb_articles
  FOR EACH STATEMENT EXECUTE FUNCTION kb_next_generation();
CREATE TRIGGER kb_categories_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kb_categories
  FOR EACH STATEMENT EXECUTE FUNCTION kb_next_generation();
CREATE TRIGGER kb_settings_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kb_settings
  FOR EACH STATEMENT EXECUTE FUNCTION kb_next_generation();
