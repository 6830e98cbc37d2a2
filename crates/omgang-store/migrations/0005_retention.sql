-- What stays of a case after its retention period: figures without a person in them.
CREATE TABLE anonymised_cases (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    programme_id TEXT NOT NULL,
    registered_month TEXT NOT NULL,
    closed_on TEXT NOT NULL,
    outcome TEXT NOT NULL,
    anonymised_at BIGINT NOT NULL
);
-- Scheduled work runs once per day over all instances: the first to insert the row runs it.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    day TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    PRIMARY KEY (job, day)
);
