-- Wrong second factors are counted per account, across login challenges and confirm/disable, so guessing
-- cannot go on login after login; past the limit the account's MFA step stays locked until an admin lifts it.
ALTER TABLE app_user
    ADD COLUMN mfa_failed_attempts INT NOT NULL DEFAULT 0,
    ADD COLUMN mfa_locked_at TIMESTAMPTZ;
