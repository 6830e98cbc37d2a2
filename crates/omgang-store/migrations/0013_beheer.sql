-- Administration (beheer): the entrances of a location, the weekly availability of
-- supervisors and volunteers, which programmes an organisation opens for the public
-- registration form, and that form's counter per address (abuse protection).
ALTER TABLE locations ADD COLUMN entrances TEXT NOT NULL DEFAULT '';

CREATE TABLE staff_availability (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    weekday BIGINT NOT NULL,
    starts TEXT NOT NULL,
    ends TEXT NOT NULL
);
CREATE INDEX staff_availability_user ON staff_availability (user_id);

CREATE TABLE public_programmes (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    PRIMARY KEY (org_id, programme_id)
);

CREATE TABLE public_submissions (
    id TEXT PRIMARY KEY,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX public_submissions_ip ON public_submissions (ip, at);

CREATE INDEX appointments_room ON appointments (room_id, starts_at);
CREATE INDEX appointments_location ON appointments (location_id, starts_at);
