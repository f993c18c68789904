-- Users of the platform. Emails are stored normalized (trimmed, lower-case), so the unique index is the
-- duplicate check.
CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    email         TEXT        NOT NULL UNIQUE,
    display_name  TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    platform_role TEXT        NOT NULL DEFAULT 'USER' CHECK (platform_role IN ('USER', 'ADMIN')),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Opaque refresh tokens, only their SHA-256 is stored. A token is used once; its successor shares the
-- family, so presenting a used token again revokes every token of that family.
CREATE TABLE refresh_token (
    token_hash TEXT PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id  UUID        NOT NULL,
    amr        TEXT        NOT NULL DEFAULT 'pwd',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);
