-- Version 6: follow-up of a grant (issue 6): the payment plan, the reports the decision asks
-- for and their review, and återkrav with decision and repayments.

-- Delbetalningar. A plan may be replaced while nothing is paid; a paid instalment never changes.
CREATE TABLE instalments (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    no              INTEGER NOT NULL CHECK (no > 0),
    due_on          TEXT NOT NULL,
    amount_ore      INTEGER NOT NULL CHECK (amount_ore > 0),
    -- paid only once a lägesrapport is approved
    requires_report INTEGER NOT NULL DEFAULT 0 CHECK (requires_report IN (0, 1)),
    paid_on         TEXT,
    paid_ore        INTEGER CHECK (paid_ore IS NULL OR paid_ore > 0),
    paid_by         INTEGER REFERENCES users (id),
    UNIQUE (case_id, no)
) STRICT;
CREATE TRIGGER instalments_paid_are_final BEFORE UPDATE ON instalments
    WHEN OLD.paid_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a paid instalment never changes'); END;
CREATE TRIGGER instalments_paid_stay BEFORE DELETE ON instalments WHEN OLD.paid_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a paid instalment never changes'); END;

-- Lägesrapporter and slutrapporter the decision asks for; received, then reviewed.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    case_id        INTEGER NOT NULL REFERENCES cases (id),
    kind           TEXT NOT NULL CHECK (kind IN ('lagesrapport', 'slutrapport')),
    due_on         TEXT NOT NULL,
    received_on    TEXT,
    document_no    INTEGER,
    reviewed_on    TEXT,
    reviewed_by    INTEGER REFERENCES users (id),
    outcome        TEXT CHECK (outcome IN ('godkand', 'komplettering', 'aterkrav')),
    -- answer codes per checklist item, comma-separated, in the checklist's order
    answers        TEXT NOT NULL DEFAULT '',
    review_comment TEXT NOT NULL DEFAULT '',
    checklist_id   TEXT
) STRICT;
CREATE INDEX reports_case ON reports (case_id);
CREATE INDEX reports_missing ON reports (due_on) WHERE received_on IS NULL;

-- The ekonomisk redovisning of a received report: used amount per budget line.
CREATE TABLE report_lines (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    line_no   INTEGER NOT NULL CHECK (line_no > 0),
    label     TEXT NOT NULL CHECK (length(trim(label)) > 0),
    used_ore  INTEGER NOT NULL CHECK (used_ore >= 0),
    PRIMARY KEY (report_id, line_no)
) STRICT;

-- Återkrav: ground, amount, kommunicering, the decision (krav or eftergift) and repayments.
CREATE TABLE recoveries (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    report_id       INTEGER REFERENCES reports (id),
    ground          TEXT NOT NULL CHECK (ground IN ('outnyttjat', 'ej_for_andamalet',
                        'rapport_saknas', 'felaktiga_uppgifter', 'villkor_ej_uppfyllda')),
    amount_ore      INTEGER NOT NULL CHECK (amount_ore > 0),
    communicated_on TEXT NOT NULL,
    response_due_on TEXT NOT NULL,
    presenter_id    INTEGER NOT NULL REFERENCES users (id),
    opened_at       TEXT NOT NULL,
    decision        TEXT CHECK (decision IN ('krav', 'eftergift_helt', 'eftergift_delvis')),
    waived_ore      INTEGER NOT NULL DEFAULT 0 CHECK (waived_ore >= 0 AND waived_ore <= amount_ore),
    motivation      TEXT NOT NULL DEFAULT '',
    decider_id      INTEGER REFERENCES users (id),
    decided_on      TEXT,
    pay_by          TEXT,
    CHECK (decision IS NULL OR decision = 'krav' OR length(trim(motivation)) > 0),
    CHECK (decider_id IS NULL OR decider_id <> presenter_id)
) STRICT;
CREATE INDEX recoveries_case ON recoveries (case_id);
CREATE TRIGGER recoveries_decided_are_final BEFORE UPDATE ON recoveries
    WHEN OLD.decision IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a decided återkrav never changes'); END;
CREATE TRIGGER recoveries_no_delete BEFORE DELETE ON recoveries
BEGIN SELECT RAISE(ABORT, 'återkrav are never deleted'); END;

CREATE TABLE repayments (
    id            INTEGER PRIMARY KEY,
    recovery_id   INTEGER NOT NULL REFERENCES recoveries (id),
    paid_on       TEXT NOT NULL,
    amount_ore    INTEGER NOT NULL CHECK (amount_ore > 0),
    registered_by INTEGER NOT NULL REFERENCES users (id),
    registered_at TEXT NOT NULL
) STRICT;
CREATE INDEX repayments_recovery ON repayments (recovery_id);
CREATE TRIGGER repayments_no_update BEFORE UPDATE ON repayments
BEGIN SELECT RAISE(ABORT, 'repayments are never changed'); END;
CREATE TRIGGER repayments_no_delete BEFORE DELETE ON repayments
BEGIN SELECT RAISE(ABORT, 'repayments are never changed'); END;

-- Grants decided before this version: one instalment of the whole amount on the decision date,
-- and the slutrapport the decision asks for, for cases still followed up.
INSERT INTO instalments (case_id, no, due_on, amount_ore)
SELECT c.id, 1, d.decided_on, c.granted_ore
FROM cases c JOIN decisions d ON d.id = (SELECT MAX(x.id) FROM decisions x
                                         WHERE x.case_id = c.id AND x.kind = 'beslut')
WHERE c.granted_ore > 0;
INSERT INTO reports (case_id, kind, due_on)
SELECT c.id, 'slutrapport', c.report_due_on FROM cases c
WHERE c.granted_ore > 0 AND c.report_due_on IS NOT NULL
  AND c.state IN ('beslutad', 'expedierad', 'pagaende', 'rapport_vantas');
