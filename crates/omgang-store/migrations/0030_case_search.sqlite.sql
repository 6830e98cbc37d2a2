-- Search by name: one folded text per case (reference, children, people; lower case, no
-- accents), indexed by an FTS5 trigram index so any part of a name of three letters or more
-- is found through the index (`LIKE '%…%'` on the FTS table uses it).
CREATE TABLE case_search (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL
);
CREATE VIRTUAL TABLE case_search_fts USING fts5(
    text, content = 'case_search', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER case_search_insert AFTER INSERT ON case_search BEGIN
    INSERT INTO case_search_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER case_search_delete AFTER DELETE ON case_search BEGIN
    INSERT INTO case_search_fts (case_search_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER case_search_update AFTER UPDATE ON case_search BEGIN
    INSERT INTO case_search_fts (case_search_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO case_search_fts (rowid, text) VALUES (new.id, new.text);
END;
