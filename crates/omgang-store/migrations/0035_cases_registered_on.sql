-- The figures of a year (a funder's dashboard spans many organisations) read the cases
-- registered in it through this index instead of every case.
CREATE INDEX cases_registered_on ON cases (registered_on);
