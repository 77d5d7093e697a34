-- Version 1: the foundation schema. Never edit a shipped migration; add a new file instead.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id     INTEGER PRIMARY KEY,
    login  TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    -- comma-separated role codes: handlaggare, beslutsfattare, administrator
    roles  TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('kommun', 'region', 'kommunalforbund',
                                              'ideell_forening', 'stiftelse', 'trossamfund')),
    name        TEXT NOT NULL,
    org_nr      TEXT UNIQUE,
    -- kommunkod (kommun) or länskod (region)
    code        TEXT,
    county_code TEXT,
    county      TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX organisations_name ON organisations (name);

CREATE TABLE contacts (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    name            TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contacts_organisation ON contacts (organisation_id);

CREATE TABLE calls (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    step        INTEGER NOT NULL CHECK (step BETWEEN 1 AND 4),
    regulation  TEXT NOT NULL,
    opens_on    TEXT NOT NULL,
    closes_on   TEXT,
    budget_ore  INTEGER NOT NULL CHECK (budget_ore >= 0)
) STRICT;

CREATE TABLE dnr_sequences (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    dnr_year          INTEGER NOT NULL,
    dnr_seq           INTEGER NOT NULL,
    call_id           INTEGER NOT NULL REFERENCES calls (id),
    organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
    parent_case_id    INTEGER REFERENCES cases (id),
    step              INTEGER NOT NULL CHECK (step BETWEEN 1 AND 4),
    state             TEXT NOT NULL CHECK (state IN ('inkommen', 'under_handlaggning',
                          'komplettering_begard', 'forslag_till_beslut', 'beslutad', 'expedierad',
                          'pagaende', 'rapport_vantas', 'avslutad', 'aterkallad', 'avskriven')),
    title             TEXT NOT NULL,
    received_on       TEXT NOT NULL,
    requested_ore     INTEGER NOT NULL DEFAULT 0,
    granted_ore       INTEGER,
    assignee_id       INTEGER REFERENCES users (id),
    checklist_id      TEXT,
    supplement_due_on TEXT,
    report_due_on     TEXT,
    updated_at        TEXT NOT NULL,
    -- bumped on every change, so a stale write can be detected
    version           INTEGER NOT NULL DEFAULT 1,
    UNIQUE (dnr_year, dnr_seq)
) STRICT;
CREATE INDEX cases_call ON cases (call_id, received_on, id);
CREATE INDEX cases_organisation ON cases (organisation_id, received_on, id);
CREATE INDEX cases_state ON cases (state, received_on, id);
CREATE INDEX cases_assignee ON cases (assignee_id, state, received_on, id);
CREATE INDEX cases_supplement_due ON cases (supplement_due_on) WHERE supplement_due_on IS NOT NULL;
CREATE INDEX cases_report_due ON cases (report_due_on) WHERE report_due_on IS NOT NULL;
CREATE INDEX cases_parent ON cases (parent_case_id) WHERE parent_case_id IS NOT NULL;

CREATE TABLE checklist_answers (
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    item_key    TEXT NOT NULL,
    answer      TEXT NOT NULL CHECK (answer IN ('uppfyllt', 'delvis', 'ej_uppfyllt', 'ej_aktuellt')),
    comment     TEXT NOT NULL DEFAULT '',
    answered_by INTEGER NOT NULL REFERENCES users (id),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (case_id, item_key)
) STRICT;

CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    kind          TEXT NOT NULL CHECK (kind IN ('forslag', 'beslut')),
    decided_on    TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    amount_ore    INTEGER,
    period_from   TEXT,
    period_to     TEXT,
    motivation    TEXT NOT NULL DEFAULT '',
    rules         TEXT NOT NULL DEFAULT '',
    presenter_id  INTEGER REFERENCES users (id),
    decider_id    INTEGER REFERENCES users (id),
    report_due_on TEXT,
    appeal_text   TEXT NOT NULL DEFAULT '',
    sent_on       TEXT,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_case ON decisions (case_id);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    sub_no        INTEGER NOT NULL CHECK (sub_no > 0),
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'ut')),
    doc_date      TEXT NOT NULL,
    counterpart   TEXT NOT NULL,
    description   TEXT NOT NULL,
    file_path     TEXT,
    registered_by INTEGER NOT NULL REFERENCES users (id),
    registered_at TEXT NOT NULL,
    UNIQUE (case_id, sub_no)
) STRICT;

-- Tjänsteanteckningar (FL 27 §): never changed or removed once saved.
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    author_id  INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0)
) STRICT;
CREATE INDEX notes_case ON notes (case_id);
CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are immutable'); END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are immutable'); END;

-- The append-only, hash-chained audit log.
CREATE TABLE events (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES users (id),
    case_id   INTEGER REFERENCES cases (id),
    kind      TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX events_case ON events (case_id) WHERE case_id IS NOT NULL;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
