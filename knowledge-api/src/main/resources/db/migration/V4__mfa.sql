-- TOTP (RFC 6238). totp_secret is set at enrolment and only trusted once totp_enabled (after a confirmed code);
-- totp_last_step stops a code from being used twice.
ALTER TABLE app_user
    ADD COLUMN totp_secret    TEXT,
    ADD COLUMN totp_enabled   BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN totp_last_step BIGINT  NOT NULL DEFAULT 0;

-- One-time recovery codes, stored as SHA-256 digests.
CREATE TABLE mfa_recovery_code (
    user_id   UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);
