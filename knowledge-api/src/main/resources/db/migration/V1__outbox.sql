-- The transactional outbox of the knowledge database: every change to a document writes a row here in
-- the same transaction; search-indexer (and later consumers) claim rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE outbox_event (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_type TEXT        NOT NULL,
    aggregate_id   UUID        NOT NULL,
    event_type     TEXT        NOT NULL,
    revision       BIGINT      NOT NULL,
    payload        JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at   TIMESTAMPTZ
);

-- Consumers only ever look for unprocessed rows in id order.
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE processed_at IS NULL;
