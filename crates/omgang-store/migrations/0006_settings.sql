-- Installation settings (e.g. a sealed check value that tells whether the data keys fit).
CREATE TABLE installation_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
