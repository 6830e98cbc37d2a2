-- What a personal API token may do: read (GET only) or full (everything its user may do).
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
