-- One row per sign-in (a refresh-token family). Refreshes lock it and revocations update it, so a revocation waits
-- for a refresh in flight and then also revokes the successor that refresh inserted; its started_at bounds the
-- session's absolute lifetime whatever the refreshes.
CREATE TABLE refresh_family (
    id         UUID PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_family_user ON refresh_family (user_id);

INSERT INTO refresh_family (id, user_id, started_at, revoked_at)
SELECT family_id, min(user_id::text)::uuid, min(created_at),
       CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END
  FROM refresh_token GROUP BY family_id;
