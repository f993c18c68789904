CREATE TABLE workspace (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE workspace_member (
    workspace_id UUID        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    user_id      UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role         TEXT        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'COMMENTER', 'VIEWER')),
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX workspace_member_user ON workspace_member (user_id, created_at, workspace_id);

CREATE TABLE document (
    id           UUID PRIMARY KEY,
    workspace_id UUID        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    parent_id    UUID        REFERENCES document (id) ON DELETE SET NULL,
    title        TEXT        NOT NULL,
    content      TEXT        NOT NULL,
    tags         TEXT[]      NOT NULL DEFAULT '{}',
    revision     BIGINT      NOT NULL,
    archived     BOOLEAN     NOT NULL DEFAULT false,
    trashed_at   TIMESTAMPTZ,
    created_by   UUID        NOT NULL REFERENCES app_user (id),
    updated_by   UUID        NOT NULL REFERENCES app_user (id),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
-- Keyset paging of a workspace's documents is by (created_at, id).
CREATE INDEX document_workspace_page ON document (workspace_id, created_at, id);
CREATE INDEX document_parent ON document (parent_id);
CREATE INDEX document_workspace_title ON document (workspace_id, lower(title));

-- Every revision of a document, so any save can be read back or restored.
CREATE TABLE document_version (
    document_id UUID        NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    revision    BIGINT      NOT NULL,
    title       TEXT        NOT NULL,
    content     TEXT        NOT NULL,
    tags        TEXT[]      NOT NULL,
    author_id   UUID        NOT NULL REFERENCES app_user (id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (document_id, revision)
);

-- Edges of the knowledge graph, derived from a document's content on every save.
CREATE TABLE document_link (
    source_id    UUID NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    target_id    UUID NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    workspace_id UUID NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, target_id)
);
CREATE INDEX document_link_target ON document_link (target_id);
