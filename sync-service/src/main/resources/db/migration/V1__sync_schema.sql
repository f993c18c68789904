-- The keep_notion_sync database: connections, jobs with their per-note results, the note <-> page
-- mapping, watermarks and the durable task queue.

CREATE TABLE connections (
    id                    uuid PRIMARY KEY,
    owner_id              text        NOT NULL,            -- knowledge-api user id (the token's sub)
    name                  text        NOT NULL,
    source_type           text        NOT NULL CHECK (source_type IN ('KEEP_API', 'TAKEOUT')),
    keep_credentials_type text        CHECK (keep_credentials_type IN ('SERVICE_ACCOUNT', 'REFRESH_TOKEN')),
    keep_subject          text,                            -- the Workspace user a service account acts as
    keep_refresh_token    text,                            -- AES-256-GCM sealed (common SecretBox)
    notion_database_id    text        NOT NULL,
    notion_token          text        NOT NULL,            -- AES-256-GCM sealed (common SecretBox)
    schedule_minutes      integer     CHECK (schedule_minutes IS NULL OR schedule_minutes >= 5),
    enabled               boolean     NOT NULL DEFAULT true,
    next_run_at           timestamptz,                     -- the next scheduled run, claimed by one replica
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (source_type <> 'KEEP_API' OR keep_credentials_type IS NOT NULL)
);
CREATE INDEX connections_owner ON connections (owner_id);
CREATE INDEX connections_due ON connections (next_run_at) WHERE enabled AND schedule_minutes IS NOT NULL;

-- Where the next incremental extraction starts: the watermark keep-extractor returned.
CREATE TABLE watermarks (
    connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    watermark     text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE jobs (
    id             uuid PRIMARY KEY,
    connection_id  uuid        NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    mode           text        NOT NULL CHECK (mode IN ('INCREMENTAL', 'FULL', 'RETRY')),
    trigger        text        NOT NULL CHECK (trigger IN ('MANUAL', 'SCHEDULE', 'TAKEOUT')),
    state          text        NOT NULL CHECK (state IN ('PENDING', 'EXTRACTING', 'WRITING', 'SUCCEEDED',
                                                         'PARTIALLY_FAILED', 'FAILED', 'CANCELLED')),
    retry_of       uuid        REFERENCES jobs (id) ON DELETE SET NULL,
    requested_by   text,
    cancel_requested boolean   NOT NULL DEFAULT false,
    notes_total    integer     NOT NULL DEFAULT 0,
    notes_done     integer     NOT NULL DEFAULT 0,
    created        integer     NOT NULL DEFAULT 0,
    updated        integer     NOT NULL DEFAULT 0,
    archived       integer     NOT NULL DEFAULT 0,
    unchanged      integer     NOT NULL DEFAULT 0,
    failed         integer     NOT NULL DEFAULT 0,
    warnings       integer     NOT NULL DEFAULT 0,
    notion_requests bigint     NOT NULL DEFAULT 0,
    watermark      text,                                   -- what the extraction returned; kept when the job succeeds
    error          text,                                   -- why the whole job failed
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz
);
CREATE INDEX jobs_connection ON jobs (connection_id, created_at DESC);
-- At most one job of a connection is not finished.
CREATE UNIQUE INDEX jobs_one_active ON jobs (connection_id) WHERE state IN ('PENDING', 'EXTRACTING', 'WRITING');

-- Each note's fate in a job; the note itself is kept until the job ends so that writes (and a retry of
-- the failed ones) need no second extraction.
CREATE TABLE job_notes (
    job_id       uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    note_id      text        NOT NULL,
    title        text        NOT NULL DEFAULT '',
    outcome      text        NOT NULL CHECK (outcome IN ('PENDING', 'CREATED', 'UPDATED', 'ARCHIVED', 'UNCHANGED', 'FAILED')),
    page_id      text,
    reason       text,
    retryable    boolean     NOT NULL DEFAULT true,
    warnings     jsonb       NOT NULL DEFAULT '[]',
    content_hash text,
    note         jsonb,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, note_id)
);
CREATE INDEX job_notes_outcome ON job_notes (job_id, outcome);

-- Which Notion page shows which Keep note. Takeout ids follow the note's title, so a note is also
-- found by its creation time, which Keep never changes.
CREATE TABLE note_pages (
    connection_id uuid        NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    note_id       text        NOT NULL,
    note_created  timestamptz NOT NULL,
    page_id       text        NOT NULL,
    content_hash  text,
    archived      boolean     NOT NULL DEFAULT false,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection_id, note_id)
);
CREATE INDEX note_pages_created ON note_pages (connection_id, note_created);

-- The durable work queue: workers claim with FOR UPDATE SKIP LOCKED and hold a lease they renew while
-- working; a task whose lease expired (its worker died) is claimed again.
CREATE TABLE tasks (
    id            bigserial PRIMARY KEY,
    job_id        uuid        NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (kind IN ('EXTRACT', 'WRITE')),
    note_ids      jsonb       NOT NULL DEFAULT '[]',
    lease_owner   text,
    lease_until   timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_claimable ON tasks (lease_until NULLS FIRST, id);
CREATE INDEX tasks_job ON tasks (job_id);
