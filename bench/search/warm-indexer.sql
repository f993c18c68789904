-- bench/search: search-indexer's warm-up before phase (1), untimed. :count documents of a workspace of their own (the
-- benchmark's account is not a member), each with its DocumentCreated outbox row, committed at once as seed.sql
-- commits the measured ones: a search-indexer started for the run compiles its batch path on these rather than on the
-- first of the 100,000 (its rate climbed from 400 to 5,600 documents a second over its first 5 s). The run waits for
-- the outbox to drain, then removes them from PostgreSQL and OpenSearch, so the measured corpus is as before.
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO workspace (id, name, created_at, updated_at) VALUES (md5('search-warm-ws')::uuid, 'Search warm-up', now(), now());
INSERT INTO document (id, workspace_id, title, content, tags, revision, archived, trashed_at, created_by, updated_by, created_at, updated_at)
SELECT md5('search-warm-doc' || i)::uuid, md5('search-warm-ws')::uuid,
       'Warm-up document ' || i,
       repeat('Indexing warms up on documents of about the size of the measured ones. ', 10 + i % 14),
       ARRAY['warm'], 1, false, NULL, :'owner'::uuid, :'owner'::uuid, now(), now()
  FROM generate_series(1, :count) i;
INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)
SELECT 'document', md5('search-warm-doc' || i)::uuid, 'DocumentCreated', 1,
       jsonb_build_object('id', md5('search-warm-doc' || i)::uuid::text, 'revision', 1)
  FROM generate_series(1, :count) i ORDER BY i;
COMMIT;
