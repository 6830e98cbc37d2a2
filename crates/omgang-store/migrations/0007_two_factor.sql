-- Two-factor sign-in (TOTP): the secret (sealed), one being enrolled, the last time step used
-- (so a code works once), one-time recovery codes (hashed), and sessions that wait for the
-- second factor or its enrolment.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
ALTER TABLE auth_sessions ADD COLUMN pending BIGINT NOT NULL DEFAULT 0;
