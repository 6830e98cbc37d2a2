-- Search by name: one folded text per case (reference, children, people; lower case, no
-- accents), with a trigram index (pg_trgm) so `LIKE '%…%'` on any part of a name uses it.
-- Where the extension cannot be created (no rights), search still works, unindexed.
CREATE TABLE case_search (
    case_id TEXT PRIMARY KEY,
    text TEXT NOT NULL
);
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX case_search_trgm ON case_search USING gin (text gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available: case search is not indexed';
END
$$;
