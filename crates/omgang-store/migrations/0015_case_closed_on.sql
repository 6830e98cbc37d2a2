-- The day a case was closed, projected from the snapshot, so retention finds the cases past
-- their term with one indexed query instead of reading every closed case. Filled in for
-- existing closed cases by the migration runner (`Store::backfill_closed_on`).
ALTER TABLE cases ADD COLUMN closed_on TEXT;
CREATE INDEX cases_closed_on ON cases (closed_on);
