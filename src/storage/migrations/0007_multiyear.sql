-- Version 7: multi-year grants (issue 6). A proposal or decision may split its amount per
-- calendar year; no rows means the whole amount falls in one year.
--
-- How a year is charged to a call budget: the first (earliest) year of a split is charged to the
-- grant's own call, like a one-year grant. Every later year is a commitment (åtagande) against
-- the call of the same step whose opens_on falls in that year (the earliest-opening one if there
-- are several; never the grant's own call). A later year with no such call is an unassigned
-- commitment ("utan utlysning"), listed in the statistics until a call for that year exists.
CREATE TABLE decision_years (
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    amount_ore  INTEGER NOT NULL CHECK (amount_ore > 0),
    PRIMARY KEY (decision_id, year)
) STRICT;

-- Written with its decision; an expedited decision's years never change, like the decision.
CREATE TRIGGER decision_years_sent_are_final BEFORE INSERT ON decision_years
    WHEN (SELECT sent_on FROM decisions WHERE id = NEW.decision_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an expedited decision never changes; make a new decision'); END;
CREATE TRIGGER decision_years_no_update BEFORE UPDATE ON decision_years
BEGIN SELECT RAISE(ABORT, 'decisions are never changed; make a new decision'); END;
CREATE TRIGGER decision_years_no_delete BEFORE DELETE ON decision_years
BEGIN SELECT RAISE(ABORT, 'decisions are never deleted'); END;

-- The later years of each case's current grant (its latest beslut, while the case has a granted
-- amount), with the call each is charged to (NULL: no call for that year yet).
CREATE VIEW commitments AS
SELECT c.id AS case_id, c.call_id AS from_call_id, k.step AS step, y.year AS year,
       y.amount_ore AS amount_ore,
       (SELECT t.id FROM calls t
         WHERE t.step = k.step AND t.id <> k.id
           AND CAST(substr(t.opens_on, 1, 4) AS INTEGER) = y.year
         ORDER BY t.opens_on, t.id LIMIT 1) AS call_id
FROM cases c
JOIN calls k ON k.id = c.call_id
JOIN decisions d ON d.id = (SELECT MAX(x.id) FROM decisions x
                            WHERE x.case_id = c.id AND x.kind = 'beslut')
JOIN decision_years y ON y.decision_id = d.id
WHERE c.granted_ore > 0
  AND y.year > (SELECT MIN(z.year) FROM decision_years z WHERE z.decision_id = d.id);
