-- Customers and organizations: lookups by tag and email domain, typo-tolerant organization search,
-- and what merging customers needs to stay fast on a large help desk.
CREATE INDEX customers_tags_idx ON customers USING gin (tags);
-- Merges point every earlier merge at the new target; this finds them.
CREATE INDEX customers_merged_into_idx ON customers (merged_into_id) WHERE merged_into_id IS NOT NULL;
ALTER TABLE customers ADD CONSTRAINT customers_not_merged_into_self CHECK (merged_into_id <> id);

CREATE INDEX organizations_domains_idx ON organizations USING gin (domains);
CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (name gin_trgm_ops);

-- Merging a customer moves the authorship of their messages; without this it scans every message.
CREATE INDEX messages_author_customer_idx ON messages (author_customer_id) WHERE author_customer_id IS NOT NULL;
