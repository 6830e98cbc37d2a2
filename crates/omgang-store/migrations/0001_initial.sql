-- Portable DDL: the same text runs on SQLite and PostgreSQL. Times are BIGINT milliseconds
-- since the Unix epoch (UTC); dates are TEXT 'YYYY-MM-DD'; flags are BIGINT 0/1.

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_volunteer BIGINT NOT NULL DEFAULT 0,
    vog_issued_on TEXT,
    training_completed_on TEXT,
    active BIGINT NOT NULL DEFAULT 1,
    lang TEXT NOT NULL DEFAULT 'nl',
    created_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE auth_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    org_id TEXT REFERENCES organisations (id),
    source TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE locations (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    margin_minutes BIGINT NOT NULL DEFAULT 15
);

CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES locations (id),
    name TEXT NOT NULL,
    room_type TEXT NOT NULL
);

CREATE TABLE case_reference_counters (
    year BIGINT PRIMARY KEY,
    next_number BIGINT NOT NULL
);

-- The case snapshot is a cache of folding case_events; both are written in one transaction.
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    status TEXT NOT NULL,
    phase TEXT,
    registered_on TEXT NOT NULL,
    coordinator_user_id TEXT,
    supervisor_user_id TEXT,
    partner_org_id TEXT,
    case_director_user_id TEXT,
    referrer_user_id TEXT,
    version BIGINT NOT NULL,
    snapshot TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_org_status ON cases (org_id, status);
CREATE INDEX cases_supervisor ON cases (supervisor_user_id);
CREATE INDEX cases_partner ON cases (partner_org_id);
CREATE INDEX cases_case_director ON cases (case_director_user_id);
CREATE INDEX cases_referrer ON cases (referrer_user_id);

CREATE TABLE case_events (
    case_id TEXT NOT NULL REFERENCES cases (id),
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor_user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- Projection of every case's sessions, for agendas and double-booking checks.
CREATE TABLE appointments (
    session_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    org_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    supervisor_user_id TEXT,
    location_id TEXT,
    room_id TEXT,
    state TEXT NOT NULL
);
CREATE INDEX appointments_supervisor ON appointments (supervisor_user_id, starts_at);
CREATE INDEX appointments_org ON appointments (org_id, starts_at);
CREATE INDEX appointments_case ON appointments (case_id);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id TEXT,
    role TEXT,
    org_id TEXT,
    action TEXT NOT NULL,
    case_id TEXT,
    detail TEXT NOT NULL,
    ip TEXT,
    allowed BIGINT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
