-- Decisions decided and not yet sent, for the queue Att expediera: the index holds only them,
-- so the queue and its count read a handful of rows however many decisions there are.
CREATE INDEX decisions_unsent ON decisions (case_id) WHERE kind = 'beslut' AND sent_on IS NULL;
