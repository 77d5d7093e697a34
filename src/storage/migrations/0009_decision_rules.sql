-- Version 9: the database itself refuses a decision that breaks four eyes or jäv (issue 15),
-- whatever program writes. A decision (kind 'beslut') and an återkrav decision may not be
-- made by their föredragande, nor by anyone with an active jäv declaration for the case's
-- organisation. The messages are how bidrag recognises the refusal (storage::DbRule): never
-- change them. Rows written before this version are left as they are; `bidrag check` lists
-- those that break a rule.

CREATE TRIGGER decisions_four_eyes BEFORE INSERT ON decisions
WHEN NEW.kind = 'beslut' AND NEW.decider_id = NEW.presenter_id
BEGIN SELECT RAISE(ABORT, 'bidrag rule four_eyes: the decider presented the proposal'); END;

CREATE TRIGGER decisions_four_eyes_update
BEFORE UPDATE OF kind, presenter_id, decider_id ON decisions
WHEN NEW.kind = 'beslut' AND NEW.decider_id = NEW.presenter_id
BEGIN SELECT RAISE(ABORT, 'bidrag rule four_eyes: the decider presented the proposal'); END;

CREATE TRIGGER decisions_jav BEFORE INSERT ON decisions
WHEN NEW.kind = 'beslut' AND EXISTS (
    SELECT 1 FROM cases c JOIN jav j ON j.organisation_id = c.organisation_id
    WHERE c.id = NEW.case_id AND j.user_id = NEW.decider_id AND j.withdrawn_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'bidrag rule jav: the decider declared jäv for the organisation'); END;

CREATE TRIGGER decisions_jav_update BEFORE UPDATE OF kind, case_id, decider_id ON decisions
WHEN NEW.kind = 'beslut' AND EXISTS (
    SELECT 1 FROM cases c JOIN jav j ON j.organisation_id = c.organisation_id
    WHERE c.id = NEW.case_id AND j.user_id = NEW.decider_id AND j.withdrawn_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'bidrag rule jav: the decider declared jäv for the organisation'); END;

-- Återkrav (migration 6) name their föredragande and beslutsfattare by id too. Four eyes was a
-- CHECK there already; these triggers say so in the words bidrag recognises.
CREATE TRIGGER recoveries_four_eyes BEFORE INSERT ON recoveries
WHEN NEW.decider_id = NEW.presenter_id
BEGIN SELECT RAISE(ABORT, 'bidrag rule four_eyes: the decider presented the proposal'); END;

CREATE TRIGGER recoveries_four_eyes_update
BEFORE UPDATE OF presenter_id, decider_id ON recoveries
WHEN NEW.decider_id = NEW.presenter_id
BEGIN SELECT RAISE(ABORT, 'bidrag rule four_eyes: the decider presented the proposal'); END;

CREATE TRIGGER recoveries_jav BEFORE INSERT ON recoveries
WHEN EXISTS (
    SELECT 1 FROM cases c JOIN jav j ON j.organisation_id = c.organisation_id
    WHERE c.id = NEW.case_id AND j.user_id = NEW.decider_id AND j.withdrawn_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'bidrag rule jav: the decider declared jäv for the organisation'); END;

CREATE TRIGGER recoveries_jav_update BEFORE UPDATE OF case_id, decider_id ON recoveries
WHEN EXISTS (
    SELECT 1 FROM cases c JOIN jav j ON j.organisation_id = c.organisation_id
    WHERE c.id = NEW.case_id AND j.user_id = NEW.decider_id AND j.withdrawn_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'bidrag rule jav: the decider declared jäv for the organisation'); END;
