-- Reindexes asked for by a platform admin (the startSearchReindex mutation). knowledge-api writes a REQUESTED row;
-- search-indexer claims it (FOR UPDATE SKIP LOCKED), builds a new index and records how it went: BUILDING with the
-- index's name, then SWITCHED (the alias moved) or FAILED (with the error; the alias did not move). A row rather than a
-- call: the indexer's admin routes answer only on its pod's loopback, and both services share this database already.
CREATE TABLE search_reindex_request (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requested_by UUID        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    state        TEXT        NOT NULL DEFAULT 'REQUESTED' CHECK (state IN ('REQUESTED', 'BUILDING', 'SWITCHED', 'FAILED')),
    index_name   TEXT,
    documents    BIGINT,
    error        TEXT,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ
);

-- One open request at a time: a second one while the first waits or builds is refused (CONFLICT).
CREATE UNIQUE INDEX search_reindex_request_open ON search_reindex_request ((true)) WHERE state IN ('REQUESTED', 'BUILDING');
