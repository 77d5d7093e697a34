//! Loading many generated cases at once (`bidrag demo --cases N`): one transaction, prepared
//! statements, the event chain hashed in memory, and the search text written directly rather
//! than by the per-row triggers (which are put back, unchanged, before the commit).

use super::{Result, Store, date_to_sql, time_to_sql};
use crate::domain::audit::{EventContent, GENESIS, event_hash};
use crate::domain::{CaseState, Money, Step};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

/// One generated case with what hangs on it.
#[derive(Debug, Clone)]
pub struct BulkCase {
    pub call_id: i64,
    pub organisation_id: i64,
    /// For the search text (the organisation's name and county).
    pub organisation: String,
    pub county: String,
    pub step: Step,
    pub state: CaseState,
    pub title: String,
    pub received_on: NaiveDate,
    pub requested: Money,
    pub granted: Option<Money>,
    pub assignee_id: Option<i64>,
    pub checklist_id: Option<String>,
    pub supplement_due_on: Option<NaiveDate>,
    pub report_due_on: Option<NaiveDate>,
    /// Checklist item keys answered "uppfyllt".
    pub answers: Vec<String>,
    /// The incoming application: (counterpart, description).
    pub document: (String, String),
    pub note: Option<String>,
}

/// The triggers that keep the search text in step, row by row.
const TEXT_TRIGGERS: [&str; 3] = ["case_text_insert", "case_text_note", "case_text_document"];

impl Store {
    /// Inserts the cases in one transaction; returns how many. Only for a database file that is
    /// being created (`bidrag demo`): it runs without a journal.
    pub fn bulk_insert(
        &mut self,
        now: DateTime<Utc>,
        user_id: i64,
        cases: impl Iterator<Item = BulkCase>,
    ) -> Result<usize> {
        // A file being generated has nothing to lose to a crash: no journal, no syncing, a
        // large cache; WAL comes back when the load is done.
        self.conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288;",
        )?;
        let count = self.bulk_load(now, user_id, cases);
        self.conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;",
        )?;
        let count = count?;
        // Fresh statistics so the planner picks the indexes a large database needs.
        self.conn
            .execute_batch("PRAGMA analysis_limit = 1000; ANALYZE")?;
        Ok(count)
    }

    fn bulk_load(
        &mut self,
        now: DateTime<Utc>,
        user_id: i64,
        cases: impl Iterator<Item = BulkCase>,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut triggers = Vec::new();
        for name in TEXT_TRIGGERS {
            let sql: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(sql) = sql {
                tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
                triggers.push(sql);
            }
        }
        let at = time_to_sql(now);
        let mut prev: String = tx
            .query_row(
                "SELECT hash FROM events ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| GENESIS.to_string());
        let mut seqs: std::collections::HashMap<i32, i64> = tx
            .prepare("SELECT year, last FROM dnr_sequences")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut count = 0;
        {
            let mut case_stmt = tx.prepare(
                "INSERT INTO cases (dnr_year, dnr_seq, call_id, organisation_id, step, state,
                     title, received_on, requested_ore, granted_ore, assignee_id, checklist_id,
                     supplement_due_on, report_due_on, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            let mut event_stmt = tx.prepare(
                "INSERT INTO events (at, user_id, case_id, kind, before, after, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7)",
            )?;
            let mut doc_stmt = tx.prepare(
                "INSERT INTO documents (case_id, sub_no, direction, doc_date, counterpart,
                     description, registered_by, registered_at)
                 VALUES (?1, 1, 'in', ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut answer_stmt = tx.prepare(
                "INSERT INTO checklist_answers (case_id, item_key, answer, answered_by, answered_at)
                 VALUES (?1, ?2, 'uppfyllt', ?3, ?4)",
            )?;
            let mut note_stmt = tx.prepare(
                "INSERT INTO notes (case_id, author_id, created_at, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut text_stmt = tx.prepare(
                "INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in cases {
                use chrono::Datelike;
                let year = c.received_on.year();
                let seq = seqs.entry(year).or_insert(0);
                *seq += 1;
                let seq = *seq;
                case_stmt.execute(params![
                    year,
                    seq,
                    c.call_id,
                    c.organisation_id,
                    c.step.number(),
                    c.state.code(),
                    c.title,
                    date_to_sql(c.received_on),
                    c.requested.ore(),
                    c.granted.map(Money::ore),
                    c.assignee_id,
                    c.checklist_id,
                    c.supplement_due_on.map(date_to_sql),
                    c.report_due_on.map(date_to_sql),
                    at,
                ])?;
                let id = tx.last_insert_rowid();
                let after = super::write::registered_event(year, seq, c.state, &c.title);
                let hash = event_hash(
                    &prev,
                    &EventContent {
                        at: &at,
                        user_id: Some(user_id),
                        case_id: Some(id),
                        kind: "case_registered",
                        before: None,
                        after: Some(&after),
                    },
                );
                event_stmt.execute(params![
                    at,
                    user_id,
                    id,
                    "case_registered",
                    after,
                    prev,
                    hash
                ])?;
                prev = hash;
                doc_stmt.execute(params![
                    id,
                    date_to_sql(c.received_on),
                    c.document.0,
                    c.document.1,
                    user_id,
                    at
                ])?;
                for key in &c.answers {
                    answer_stmt.execute(params![id, key, user_id, at])?;
                }
                if let Some(note) = &c.note {
                    note_stmt.execute(params![id, user_id, at, note])?;
                }
                let body = match &c.note {
                    Some(n) => format!("{n} {} {}", c.document.0, c.document.1),
                    None => format!(" {} {}", c.document.0, c.document.1),
                };
                text_stmt.execute(params![
                    id,
                    format!("{year}/{seq}"),
                    c.title,
                    c.organisation,
                    c.county,
                    body
                ])?;
                count += 1;
            }
            let mut seq_stmt = tx.prepare(
                "INSERT INTO dnr_sequences (year, last) VALUES (?1, ?2)
                 ON CONFLICT (year) DO UPDATE SET last = excluded.last",
            )?;
            for (year, last) in &seqs {
                seq_stmt.execute(params![year, last])?;
            }
        }
        for sql in triggers {
            tx.execute_batch(&sql)?;
        }
        tx.commit()?;
        Ok(count)
    }
}
