-- The signals projection: beside each case, the first day on which it has a signal
-- (`signals_from`, from `signals::first_signal_day`) and the day that was worked out
-- (`signals_checked_on`). Written with every change of the case. An organisation's signals
-- read only the cases with a signal possible on the day asked for; NULL means not yet
-- worked out (read it).
ALTER TABLE cases ADD COLUMN signals_from TEXT;
ALTER TABLE cases ADD COLUMN signals_checked_on TEXT;
-- Covering: which of an organisation's open cases, at which version, comes from the index
-- alone, without touching the rows (each row is mostly its snapshot).
CREATE INDEX cases_org_signals ON cases (org_id, status, signals_checked_on, signals_from, id, version);
