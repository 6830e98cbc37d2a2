-- "Wat is er veranderd" on Mijn werk: when each user last marked the changes as seen, and an
-- index to read the recent events of the cases a user may see.
ALTER TABLE users ADD COLUMN changes_seen_at BIGINT;
CREATE INDEX case_events_at ON case_events (at);
