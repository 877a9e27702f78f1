-- The reply box is rich text: a draft keeps its formatting beside the plain text.
ALTER TABLE drafts ADD COLUMN html text;
