-- Agenda views per partner organisation (location and room indexes: 0013), and the kind of place of each
-- session (shown in the agenda). Existing rows are filled in from the case snapshots by the
-- migration runner right after this script (`Store::rebuild_appointments`).
ALTER TABLE appointments ADD COLUMN place_kind TEXT;
ALTER TABLE appointments ADD COLUMN partner_org_id TEXT;
CREATE INDEX appointments_partner ON appointments (partner_org_id, starts_at);
