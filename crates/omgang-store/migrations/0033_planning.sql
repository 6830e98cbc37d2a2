-- The weekly planner (issue 13): what the planner needs that was not stored before, and its
-- proposals. Portable DDL, one script for both engines.
--
-- The family's time windows per case (weekday 1 = Monday … 7 = Sunday, HH:MM to HH:MM); a
-- case without any gets the default windows of the planner (weekday afternoons and evenings,
-- Wednesday from 12:30, Saturday 09:00–16:00).
CREATE TABLE case_windows (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    weekday BIGINT NOT NULL,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL
);
CREATE INDEX case_windows_case ON case_windows (case_id);

-- A location's opening hours (none stored: weekdays 09:00–21:00, Saturday 09:00–17:00).
CREATE TABLE location_hours (
    id TEXT PRIMARY KEY,
    location_id TEXT NOT NULL REFERENCES locations (id),
    weekday BIGINT NOT NULL,
    opens TEXT NOT NULL,
    closes TEXT NOT NULL
);
CREATE INDEX location_hours_location ON location_hours (location_id);

-- A supervisor's or volunteer's hours a week, in minutes (none stored: 1800 for a
-- professional, 600 for a volunteer).
CREATE TABLE staff_hours (
    user_id TEXT PRIMARY KEY REFERENCES users (id),
    weekly_minutes BIGINT NOT NULL
);

-- Requests the coordinator dropped from a week before planning it.
CREATE TABLE planning_dropped (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    week TEXT NOT NULL,
    request_id TEXT NOT NULL,
    dropped_by TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (org_id, week, request_id)
);

-- Requests a coordinator added to a week (an extra session the rules do not ask for).
CREATE TABLE planning_added (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    week TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    added_by TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX planning_added_week ON planning_added (org_id, week);

-- A run of the planner: the requests as the coordinator saw them, the instance the planner
-- was given and the plan it proposed (JSON in the format of shared/planner/FORMAT.md), and
-- what became of each accepted placement.
CREATE TABLE planning_runs (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    week TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seconds BIGINT NOT NULL,
    requests TEXT NOT NULL,
    instance TEXT NOT NULL,
    solution TEXT NOT NULL,
    accepted TEXT NOT NULL
);
CREATE INDEX planning_runs_week ON planning_runs (org_id, week, created_at);
