-- Version 2: every checklist version a case is assessed against is kept in the database, so
-- the case keeps showing that version after the checklist files change.

CREATE TABLE checklist_versions (
    id        TEXT PRIMARY KEY,      -- "key@version"
    step      INTEGER NOT NULL CHECK (step BETWEEN 1 AND 4),
    body      TEXT NOT NULL,         -- the checklist file's TOML text
    stored_at TEXT NOT NULL
) STRICT;
