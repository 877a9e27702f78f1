-- GIN indexes keep new entries in an unsorted pending list until vacuum (or the list's size limit,
-- 4 MB by default) merges them in, and every search scans that whole list. Under a steady stream
-- of new tickets and customers the list stays near full, and a typo-tolerant customer search took
-- ~650 ms scanning it (bench core). A small list is merged often, in small steps, by the writer.
ALTER INDEX customers_name_trgm_idx SET (gin_pending_list_limit = 128);
ALTER INDEX customer_identities_value_trgm_idx SET (gin_pending_list_limit = 128);
ALTER INDEX organizations_name_trgm_idx SET (gin_pending_list_limit = 128);
ALTER INDEX tickets_search_idx SET (gin_pending_list_limit = 128);
ALTER INDEX tickets_subject_trgm_idx SET (gin_pending_list_limit = 128);
ALTER INDEX messages_search_idx SET (gin_pending_list_limit = 128);
