-- Version 3: decisions with four eyes and jäv, decision rounds, and letters.

-- Jäv declared by a user for an organisation; withdrawn, never deleted.
CREATE TABLE jav (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id),
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    declared_at      TEXT NOT NULL,
    withdrawn_at     TEXT,
    withdrawn_reason TEXT
) STRICT;
CREATE UNIQUE INDEX jav_active ON jav (user_id, organisation_id) WHERE withdrawn_at IS NULL;
CREATE INDEX jav_organisation ON jav (organisation_id) WHERE withdrawn_at IS NULL;

-- Beslutstillfällen: a date on which a decision maker takes a batch of proposals.
CREATE TABLE decision_rounds (
    id         INTEGER PRIMARY KEY,
    held_on    TEXT NOT NULL,
    decider_id INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;

ALTER TABLE decisions ADD COLUMN round_id INTEGER REFERENCES decision_rounds (id);
-- A correction or change is a new decision that names the one it replaces.
ALTER TABLE decisions ADD COLUMN supersedes_id INTEGER REFERENCES decisions (id);
ALTER TABLE decisions ADD COLUMN over_budget_confirmed INTEGER NOT NULL DEFAULT 0
    CHECK (over_budget_confirmed IN (0, 1));
ALTER TABLE decisions ADD COLUMN sent_how TEXT;

CREATE INDEX decisions_kind ON decisions (kind, case_id);

-- Once expedited, a decision never changes (FL 36–39 §§: corrections are new decisions).
CREATE TRIGGER decisions_sent_are_final BEFORE UPDATE ON decisions WHEN OLD.sent_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an expedited decision never changes; make a new decision'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;
