-- search-indexer's scans of the outbox by processed_at (its README, "Outbox housekeeping"): a reindex's replay reads
-- the rows processed since its start, and the pruning deletes those processed longer than the retention ago. Without
-- this index both read the whole outbox, which keeps every change ever made until it is pruned.
--
-- A plain CREATE INDEX holds writes to outbox_event (every document change) for as long as it builds: seconds per
-- million rows. On a large production outbox, build it beforehand with the same name, which makes this a no-op:
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS outbox_event_processed_at ON outbox_event (processed_at) WHERE processed_at IS NOT NULL;
-- (Not here: CONCURRENTLY cannot run inside a transaction, and Flyway and scripts/verify-data-integrity.sh's checks
-- apply each migration in one.)
CREATE INDEX IF NOT EXISTS outbox_event_processed_at ON outbox_event (processed_at) WHERE processed_at IS NOT NULL;
