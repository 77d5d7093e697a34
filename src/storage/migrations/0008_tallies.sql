-- Version 8: counters kept in the same transaction as the rows they count (issue 8). At a
-- million cases, summing the cases for the home screen, the queue counts and a call's budget
-- took seconds; these tables hold the sums, and the triggers below keep them whatever program
-- writes. `bidrag check` recounts them.

-- The first-year amount of the case's latest förslag (what it would charge its own call).
ALTER TABLE cases ADD COLUMN proposed_ore INTEGER;

CREATE TABLE call_tallies (
    call_id      INTEGER PRIMARY KEY REFERENCES calls (id),
    cases        INTEGER NOT NULL DEFAULT 0,
    granted_ore  INTEGER NOT NULL DEFAULT 0,
    -- of the cases in forslag_till_beslut only
    proposed_ore INTEGER NOT NULL DEFAULT 0,
    paid_ore     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE organisation_tallies (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id),
    cases           INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Cases per state and assignee (0: nobody), for every queue but Försenade, which depends on
-- the day and is counted from indexed ranges.
CREATE TABLE state_tallies (
    state       TEXT NOT NULL,
    assignee_id INTEGER NOT NULL,
    cases       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (state, assignee_id)
) STRICT, WITHOUT ROWID;

UPDATE cases SET proposed_ore = (
    SELECT coalesce(d.amount_ore, 0)
           - coalesce((SELECT sum(y.amount_ore) FROM decision_years y
                       WHERE y.decision_id = d.id
                         AND y.year > (SELECT min(z.year) FROM decision_years z
                                       WHERE z.decision_id = d.id)), 0)
    FROM decisions d
    WHERE d.id = (SELECT max(x.id) FROM decisions x WHERE x.case_id = cases.id AND x.kind = 'forslag'))
WHERE id IN (SELECT case_id FROM decisions WHERE kind = 'forslag');

INSERT INTO call_tallies (call_id, cases, granted_ore, proposed_ore)
SELECT call_id, count(*), coalesce(sum(granted_ore), 0),
       coalesce(sum(CASE WHEN state = 'forslag_till_beslut' THEN proposed_ore END), 0)
FROM cases GROUP BY call_id;
UPDATE call_tallies SET paid_ore = (
    SELECT coalesce(sum(i.paid_ore), 0) FROM instalments i JOIN cases c ON c.id = i.case_id
    WHERE c.call_id = call_tallies.call_id AND i.paid_on IS NOT NULL);
INSERT INTO organisation_tallies (organisation_id, cases)
SELECT organisation_id, count(*) FROM cases GROUP BY organisation_id;
INSERT INTO state_tallies (state, assignee_id, cases)
SELECT state, coalesce(assignee_id, 0), count(*) FROM cases GROUP BY state, coalesce(assignee_id, 0);

CREATE TRIGGER tally_case_insert AFTER INSERT ON cases BEGIN
    INSERT INTO call_tallies (call_id, cases, granted_ore, proposed_ore)
    VALUES (NEW.call_id, 1, coalesce(NEW.granted_ore, 0),
            CASE WHEN NEW.state = 'forslag_till_beslut' THEN coalesce(NEW.proposed_ore, 0) ELSE 0 END)
    ON CONFLICT (call_id) DO UPDATE SET cases = cases + 1,
        granted_ore = granted_ore + excluded.granted_ore,
        proposed_ore = proposed_ore + excluded.proposed_ore;
    INSERT INTO organisation_tallies (organisation_id, cases) VALUES (NEW.organisation_id, 1)
    ON CONFLICT (organisation_id) DO UPDATE SET cases = cases + 1;
    INSERT INTO state_tallies (state, assignee_id, cases)
    VALUES (NEW.state, coalesce(NEW.assignee_id, 0), 1)
    ON CONFLICT (state, assignee_id) DO UPDATE SET cases = cases + 1;
END;

CREATE TRIGGER tally_case_delete AFTER DELETE ON cases BEGIN
    UPDATE call_tallies SET cases = cases - 1,
        granted_ore = granted_ore - coalesce(OLD.granted_ore, 0),
        proposed_ore = proposed_ore - CASE WHEN OLD.state = 'forslag_till_beslut'
                                           THEN coalesce(OLD.proposed_ore, 0) ELSE 0 END
    WHERE call_id = OLD.call_id;
    UPDATE organisation_tallies SET cases = cases - 1 WHERE organisation_id = OLD.organisation_id;
    UPDATE state_tallies SET cases = cases - 1
    WHERE state = OLD.state AND assignee_id = coalesce(OLD.assignee_id, 0);
END;

CREATE TRIGGER tally_case_update
AFTER UPDATE OF call_id, organisation_id, state, assignee_id, granted_ore, proposed_ore ON cases
BEGIN
    UPDATE call_tallies SET cases = cases - 1,
        granted_ore = granted_ore - coalesce(OLD.granted_ore, 0),
        proposed_ore = proposed_ore - CASE WHEN OLD.state = 'forslag_till_beslut'
                                           THEN coalesce(OLD.proposed_ore, 0) ELSE 0 END,
        paid_ore = paid_ore - CASE WHEN OLD.call_id = NEW.call_id THEN 0
            ELSE (SELECT coalesce(sum(paid_ore), 0) FROM instalments
                  WHERE case_id = OLD.id AND paid_on IS NOT NULL) END
    WHERE call_id = OLD.call_id;
    INSERT INTO call_tallies (call_id, cases, granted_ore, proposed_ore, paid_ore)
    VALUES (NEW.call_id, 1, coalesce(NEW.granted_ore, 0),
            CASE WHEN NEW.state = 'forslag_till_beslut' THEN coalesce(NEW.proposed_ore, 0) ELSE 0 END,
            CASE WHEN OLD.call_id = NEW.call_id THEN 0
                ELSE (SELECT coalesce(sum(paid_ore), 0) FROM instalments
                      WHERE case_id = NEW.id AND paid_on IS NOT NULL) END)
    ON CONFLICT (call_id) DO UPDATE SET cases = cases + 1,
        granted_ore = granted_ore + excluded.granted_ore,
        proposed_ore = proposed_ore + excluded.proposed_ore,
        paid_ore = paid_ore + excluded.paid_ore;
    UPDATE organisation_tallies SET cases = cases - 1 WHERE organisation_id = OLD.organisation_id;
    INSERT INTO organisation_tallies (organisation_id, cases) VALUES (NEW.organisation_id, 1)
    ON CONFLICT (organisation_id) DO UPDATE SET cases = cases + 1;
    UPDATE state_tallies SET cases = cases - 1
    WHERE state = OLD.state AND assignee_id = coalesce(OLD.assignee_id, 0);
    INSERT INTO state_tallies (state, assignee_id, cases)
    VALUES (NEW.state, coalesce(NEW.assignee_id, 0), 1)
    ON CONFLICT (state, assignee_id) DO UPDATE SET cases = cases + 1;
END;

-- A förslag's amount, and its later years once they are written, set the case's proposed_ore.
CREATE TRIGGER tally_proposal AFTER INSERT ON decisions WHEN NEW.kind = 'forslag' BEGIN
    UPDATE cases SET proposed_ore = coalesce(NEW.amount_ore, 0) WHERE id = NEW.case_id;
END;

CREATE TRIGGER tally_proposal_years AFTER INSERT ON decision_years
WHEN (SELECT kind FROM decisions WHERE id = NEW.decision_id) = 'forslag'
BEGIN
    UPDATE cases SET proposed_ore = (
        SELECT coalesce(d.amount_ore, 0)
               - coalesce((SELECT sum(y.amount_ore) FROM decision_years y
                           WHERE y.decision_id = d.id
                             AND y.year > (SELECT min(z.year) FROM decision_years z
                                           WHERE z.decision_id = d.id)), 0)
        FROM decisions d WHERE d.id = NEW.decision_id)
    WHERE id = (SELECT case_id FROM decisions WHERE id = NEW.decision_id)
      AND NEW.decision_id = (SELECT max(x.id) FROM decisions x
                             WHERE x.case_id = cases.id AND x.kind = 'forslag');
END;

CREATE TRIGGER tally_instalment_insert AFTER INSERT ON instalments
WHEN NEW.paid_on IS NOT NULL
BEGIN
    UPDATE call_tallies SET paid_ore = paid_ore + coalesce(NEW.paid_ore, 0)
    WHERE call_id = (SELECT call_id FROM cases WHERE id = NEW.case_id);
END;

CREATE TRIGGER tally_instalment_update AFTER UPDATE OF case_id, paid_on, paid_ore ON instalments
BEGIN
    UPDATE call_tallies SET paid_ore = paid_ore
        - CASE WHEN OLD.paid_on IS NOT NULL THEN coalesce(OLD.paid_ore, 0) ELSE 0 END
    WHERE call_id = (SELECT call_id FROM cases WHERE id = OLD.case_id);
    UPDATE call_tallies SET paid_ore = paid_ore
        + CASE WHEN NEW.paid_on IS NOT NULL THEN coalesce(NEW.paid_ore, 0) ELSE 0 END
    WHERE call_id = (SELECT call_id FROM cases WHERE id = NEW.case_id);
END;

CREATE TRIGGER tally_instalment_delete AFTER DELETE ON instalments
WHEN OLD.paid_on IS NOT NULL
BEGIN
    UPDATE call_tallies SET paid_ore = paid_ore - coalesce(OLD.paid_ore, 0)
    WHERE call_id = (SELECT call_id FROM cases WHERE id = OLD.case_id);
END;

-- Multi-year commitments are few (one row per later year of a multi-year grant): the view now
-- starts from those years instead of from every granted case.
DROP VIEW commitments;
CREATE VIEW commitments AS
SELECT c.id AS case_id, c.call_id AS from_call_id, k.step AS step, y.year AS year,
       y.amount_ore AS amount_ore,
       (SELECT t.id FROM calls t
         WHERE t.step = k.step AND t.id <> k.id
           AND CAST(substr(t.opens_on, 1, 4) AS INTEGER) = y.year
         ORDER BY t.opens_on, t.id LIMIT 1) AS call_id
FROM decision_years y
CROSS JOIN decisions d ON d.id = y.decision_id
CROSS JOIN cases c ON c.id = d.case_id
JOIN calls k ON k.id = c.call_id
WHERE d.kind = 'beslut'
  AND d.id = (SELECT max(x.id) FROM decisions x WHERE x.case_id = c.id AND x.kind = 'beslut')
  AND c.granted_ore > 0
  AND y.year > (SELECT min(z.year) FROM decision_years z WHERE z.decision_id = d.id);

-- Försenade counted from index entries alone: each way of being late is a covered range.
CREATE INDEX cases_supplement_late ON cases (state, supplement_due_on, received_on)
    WHERE supplement_due_on IS NOT NULL;
CREATE INDEX cases_report_late ON cases (state, report_due_on)
    WHERE report_due_on IS NOT NULL;

