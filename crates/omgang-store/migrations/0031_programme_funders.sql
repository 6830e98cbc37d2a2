-- Which funder (a municipality) pays for which programme of a provider: its dashboard shows
-- the anonymised figures of those cases (and of the cases its own staff referred).
CREATE TABLE programme_funders (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    programme_id TEXT NOT NULL,
    funder_org_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (org_id, programme_id, funder_org_id)
);
CREATE INDEX programme_funders_funder ON programme_funders (funder_org_id);
