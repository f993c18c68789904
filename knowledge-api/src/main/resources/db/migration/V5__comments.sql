-- Threaded comments on documents. A deleted comment keeps its row (without body) so its replies stay in place.
CREATE TABLE comment (
    id          UUID PRIMARY KEY,
    document_id UUID        NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    parent_id   UUID        REFERENCES comment (id) ON DELETE CASCADE,
    author_id   UUID        NOT NULL REFERENCES app_user (id),
    body        TEXT        NOT NULL,
    resolved    BOOLEAN     NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    deleted_at  TIMESTAMPTZ
);
CREATE INDEX comment_document_page ON comment (document_id, created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comment_parent ON comment (parent_id, created_at, id);
