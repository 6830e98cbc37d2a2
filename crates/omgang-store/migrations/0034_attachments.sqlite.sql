-- Files of a case (a signed paper plan, a court order, a referral letter): kept in the
-- database, so the backup holds them and they go with the case at the end of retention.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    description TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id, uploaded_at);

-- An organisation's logo for the letterhead of its documents (one per organisation).
CREATE TABLE organisation_logos (
    org_id TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    content BLOB NOT NULL,
    updated_at BIGINT NOT NULL
);
