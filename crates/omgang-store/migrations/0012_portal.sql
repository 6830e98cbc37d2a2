-- The portal: user accounts of the people of a case (parents, guardians, referrers), and
-- one-time invitations that make them. Only the hash of an invitation's secret is stored.
CREATE TABLE case_accounts (
    case_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_accounts_user ON case_accounts (user_id);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT,
    person_id TEXT,
    lang TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    user_id TEXT
);
CREATE INDEX invitations_case ON invitations (case_id);
