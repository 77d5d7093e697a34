-- Version 10: the agency sets itself up (issue 17). Users carry a title for letters and a
-- beslutsfattare's delegation; calls carry what their letters and rules need (the förordning's
-- version, the bemyndiganderam for later years, the checklist version, villkor and the appeal
-- clause), their beslutstillfällen and, where the förordning's version lists them, the kommuner
-- that may apply. Every change is an event; nothing here rewrites a row it finds.

-- A title for letters ("handläggare", "direktör"), and a beslutsfattare's delegation: the
-- outcomes they may decide (comma-separated codes; empty: all) and the highest amount (NULL: no
-- limit).
ALTER TABLE users ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN delegation_outcomes TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN delegation_max_ore INTEGER
    CHECK (delegation_max_ore IS NULL OR delegation_max_ore >= 0);

-- The wording of the förordning in force for the call (its SFS number, e.g. 2022:59; empty: the
-- original), the bemyndiganderam (what the call may commit for later years), the checklist
-- version new assessments use (NULL: the step's current), and the texts its letters use.
ALTER TABLE calls ADD COLUMN regulation_version TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN commitment_ore INTEGER NOT NULL DEFAULT 0 CHECK (commitment_ore >= 0);
ALTER TABLE calls ADD COLUMN checklist_id TEXT;
ALTER TABLE calls ADD COLUMN conditions_text TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN appeal_text TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN appeal_paragraph TEXT NOT NULL DEFAULT '';

-- A call's beslutstillfällen: applications received by the cut-off date are decided at it.
CREATE TABLE call_sittings (
    id        INTEGER PRIMARY KEY,
    call_id   INTEGER NOT NULL REFERENCES calls (id),
    held_on   TEXT NOT NULL,
    cutoff_on TEXT NOT NULL CHECK (cutoff_on <= held_on),
    UNIQUE (call_id, held_on)
) STRICT;

-- The kommuner that may apply in a call whose förordning version lists them (2018:118 in the
-- 2022 wording has a bilaga). No row: the förordning sets no list.
CREATE TABLE call_kommuner (
    call_id         INTEGER NOT NULL REFERENCES calls (id),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (call_id, organisation_id)
) STRICT, WITHOUT ROWID;
