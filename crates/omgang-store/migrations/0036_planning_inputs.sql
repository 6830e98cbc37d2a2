-- Accepting a planner's proposal, item by item (issue 13): a row claims a request of a run
-- before its session is planned, so two accepts of the same run at the same moment — from
-- two tabs or two instances — never plan it twice (the primary key and the state decide who
-- goes on). `state`: claimed (being planned), planned, or open (refused or waiting for
-- confirmation: it may be accepted again). `item` holds what became of it (JSON).
CREATE TABLE planning_accepts (
    run_id TEXT NOT NULL REFERENCES planning_runs (id),
    request_id TEXT NOT NULL,
    state TEXT NOT NULL,
    item TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (run_id, request_id)
);

-- The children's school hours per case (weekday 1–7, HH:MM to HH:MM): the planner keeps
-- visits and handovers, which the child attends, out of them.
CREATE TABLE case_school_hours (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    weekday BIGINT NOT NULL,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL
);
CREATE INDEX case_school_hours_case ON case_school_hours (case_id);

-- Travel time in minutes from one of an organisation's locations to another (the planner
-- keeps a supervisor's sessions at two locations that far apart; none stored: 30).
CREATE TABLE location_travel (
    from_location TEXT NOT NULL REFERENCES locations (id),
    to_location TEXT NOT NULL REFERENCES locations (id),
    minutes BIGINT NOT NULL,
    PRIMARY KEY (from_location, to_location)
);
