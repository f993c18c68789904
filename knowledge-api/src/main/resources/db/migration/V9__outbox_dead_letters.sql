-- search-indexer's bookkeeping of outbox rows it could not index (its README, "Dead letters"). A row whose document
-- OpenSearch refuses counts an attempt and keeps the error; after kn.indexer.max-attempts it is moved out of the outbox
-- into outbox_dead_letter, so it no longer takes a place in every batch, until an admin sends it back (a new outbox
-- row). Failures of the cluster itself (unreachable, overloaded, read-only) count no attempt.
ALTER TABLE outbox_event
    ADD COLUMN attempts   INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN last_error TEXT;

CREATE TABLE outbox_dead_letter (
    id               BIGINT PRIMARY KEY, -- the outbox_event row's id
    aggregate_type   TEXT        NOT NULL,
    aggregate_id     UUID        NOT NULL,
    event_type       TEXT        NOT NULL,
    revision         BIGINT      NOT NULL,
    payload          JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    attempts         INTEGER     NOT NULL,
    error            TEXT        NOT NULL,
    dead_lettered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
