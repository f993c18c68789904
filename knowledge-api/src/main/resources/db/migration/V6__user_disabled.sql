-- Platform admins disable accounts: a disabled user cannot log in or refresh (their refresh tokens are revoked
-- when disabled). NULL = enabled.
ALTER TABLE app_user ADD COLUMN disabled_at TIMESTAMPTZ;

-- The admins' user list pages by (created_at, id).
CREATE INDEX app_user_created ON app_user (created_at, id);
