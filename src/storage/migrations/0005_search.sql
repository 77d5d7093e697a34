-- Version 5: full-text search over cases, saved queues, and the deadline order.

-- The text a case is found by, one row per case (rowid = cases.id). The trigram tokenizer
-- matches any substring of three or more characters, so the `/` filter needs no prefix rules.
-- Triggers keep it in step with every write, whatever program makes it.
CREATE VIRTUAL TABLE case_text USING fts5(
    dnr, title, organisation, county, body,
    tokenize = 'trigram'
);

CREATE VIEW case_text_source AS
SELECT c.id AS case_id,
       c.dnr_year || '/' || c.dnr_seq AS dnr,
       c.title AS title,
       o.name AS organisation,
       coalesce(o.county, '') AS county,
       coalesce((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.case_id = c.id), '')
         || ' ' ||
       coalesce((SELECT group_concat(d.counterpart || ' ' || d.description, ' ')
                 FROM documents d WHERE d.case_id = c.id), '') AS body
FROM cases c JOIN organisations o ON o.id = c.organisation_id;

INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
SELECT case_id, dnr, title, organisation, county, body FROM case_text_source;

CREATE TRIGGER case_text_insert AFTER INSERT ON cases BEGIN
    INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
    SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
    WHERE case_id = NEW.id;
END;

CREATE TRIGGER case_text_update AFTER UPDATE OF title, organisation_id ON cases BEGIN
    DELETE FROM case_text WHERE rowid = NEW.id;
    INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
    SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
    WHERE case_id = NEW.id;
END;

CREATE TRIGGER case_text_delete AFTER DELETE ON cases BEGIN
    DELETE FROM case_text WHERE rowid = OLD.id;
END;

CREATE TRIGGER case_text_note AFTER INSERT ON notes BEGIN
    DELETE FROM case_text WHERE rowid = NEW.case_id;
    INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
    SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
    WHERE case_id = NEW.case_id;
END;

CREATE TRIGGER case_text_document AFTER INSERT ON documents BEGIN
    DELETE FROM case_text WHERE rowid = NEW.case_id;
    INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
    SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
    WHERE case_id = NEW.case_id;
END;

-- A pseudonymised counterpart must leave the search text too.
CREATE TRIGGER case_text_document_update AFTER UPDATE ON documents BEGIN
    DELETE FROM case_text WHERE rowid = NEW.case_id;
    INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
    SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
    WHERE case_id = NEW.case_id;
END;

CREATE TRIGGER case_text_organisation AFTER UPDATE OF name, county ON organisations BEGIN
    DELETE FROM case_text WHERE rowid IN (SELECT id FROM cases WHERE organisation_id = NEW.id);
    INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
    SELECT s.case_id, s.dnr, s.title, s.organisation, s.county, s.body
    FROM case_text_source s JOIN cases c ON c.id = s.case_id
    WHERE c.organisation_id = NEW.id;
END;

-- A caseworker's own queues: a named filter over a list.
CREATE TABLE saved_queues (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (id),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- the list it filters: 'queue:<code>', 'call:<id>', 'organisation:<id>' or 'search'
    source    TEXT NOT NULL,
    query     TEXT NOT NULL,
    sort      TEXT NOT NULL DEFAULT 'received',
    created_at TEXT NOT NULL,
    UNIQUE (user_id, name)
) STRICT;

-- The nearest deadline of a case, for the deadline order.
CREATE INDEX cases_deadline ON cases (
    coalesce(supplement_due_on, report_due_on, date(received_on, '+6 months')), id);

-- Lists of open cases (Alla öppna, Mina, Ej tilldelade) in received order without reading the
-- closed ones; the WHERE is written exactly as the queries write it.
CREATE INDEX cases_open ON cases (received_on, id)
WHERE state IN ('inkommen', 'under_handlaggning', 'komplettering_begard',
     'forslag_till_beslut', 'beslutad', 'expedierad', 'pagaende', 'rapport_vantas');
CREATE INDEX cases_step ON cases (step, received_on, id);
CREATE INDEX cases_received ON cases (received_on, id);

-- What an import asks for each row ("is this case already here?"): one index lookup, so a
-- large import of one organisation's cases is not quadratic.
CREATE INDEX cases_identity ON cases (organisation_id, call_id, received_on, lower(title));
