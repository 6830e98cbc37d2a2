-- The hourly reminders find the cases with a session in the next hours through this index,
-- instead of reading every open case of every organisation.
CREATE INDEX appointments_starts ON appointments (starts_at);
