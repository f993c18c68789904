-- bench/search: the outbox rows of the seeded documents :from to :to in one transaction; its commit starts the second
-- half of phase (1) (seed.sql wrote the documents and the first half's rows). To search-indexer this is the seed's
-- commit again: it claims the rows and reads each document's current row.
\set ON_ERROR_STOP on
BEGIN;
\ir outbox-rows.sql
COMMIT;
