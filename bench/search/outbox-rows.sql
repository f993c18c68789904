-- The DocumentCreated outbox rows of the seeded documents :from to :to, in the seed's order (by i), included by seed.sql
-- and outbox.sql. load.mjs bulk reads the documents in this same order: the order the indexer claims them in.
INSERT INTO outbox_event (aggregate_type, aggregate_id, event_type, revision, payload)
SELECT 'document', md5('search-doc' || i)::uuid, 'DocumentCreated', 1,
       jsonb_build_object('id', md5('search-doc' || i)::uuid::text, 'revision', 1)
  FROM generate_series(:from, :to) i ORDER BY i;
