//! Loading many generated cases at once (`bidrag demo --cases N`).
//!
//! The work is shared between three threads:
//!
//! - a preparing thread computes everything that needs no database (numbers, dates, the event
//!   chain's hashes, the search text) and hands the rows over in batches;
//! - this thread inserts the rows in one transaction without a journal, with the loaded
//!   tables' triggers and secondary indexes set aside: the indexes are built afterwards from
//!   the finished tables, far faster than row by row, and the triggers are put back unchanged;
//! - a search thread builds the full-text index (`case_text`, the costliest part) in a
//!   separate scratch database, which is copied in once both are done.
//!
//! Since no trigger fires on the loaded tables during the load, whatever triggers maintain is
//! written by the load itself (the search text) or rebuilt at the end
//! ([`rebuild_derived_data`]).

use super::{Result, Store, StoreError, date_to_sql, derived, time_to_sql};
use crate::domain::audit::{EventContent, event_hash};
use crate::domain::{CaseState, Money, Step};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, params};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

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

/// The tables a bulk load inserts into, besides the search text. Their triggers and secondary
/// indexes are set aside during the load.
const LOADED_TABLES: [&str; 5] = ["cases", "checklist_answers", "documents", "notes", "events"];

/// The full-text table the load fills (see migration 0005).
const SEARCH_TABLE: &str = "case_text";

/// The schema name the scratch database is attached as, to copy the search index from.
const SCRATCH: &str = "bulk_search";

/// The memory the search index is built in before it is written out (FTS5's `hashsize`).
const SEARCH_BUFFER: i64 = 256 * 1024 * 1024;

/// The page cache of the load (64 MB, as `cache_size`): the tables are only appended to and
/// the indexes built afterwards, so a larger one costs memory and gains nothing measurable.
const LOAD_CACHE: &str = "-65536";

/// Cases handed from the preparing thread to the others at a time.
const BATCH: usize = 2048;

/// A case made ready for insertion: everything computed that does not need the database.
struct Row {
    id: i64,
    year: i32,
    seq: i64,
    case: BulkCase,
    received_on: String,
    supplement_due_on: Option<String>,
    report_due_on: Option<String>,
    /// The "case_registered" event: its `after`, the previous event's hash and its own.
    event_after: String,
    prev_hash: String,
    hash: String,
}

/// A case's row of the search text (`case_text`), with `rowid` = the case's id.
struct SearchRow {
    id: i64,
    text: derived::SearchText,
}

/// What the preparing thread needs from the database, and carries from one case to the next.
struct Preparer<'a> {
    next_id: i64,
    seqs: HashMap<i32, i64>,
    prev_hash: String,
    at: &'a str,
    user_id: i64,
    /// The rows the cases refer to. Foreign keys are not enforced during the load (looking
    /// them up row by row is much of its cost), so the references are checked here instead.
    calls: HashSet<i64>,
    organisations: HashSet<i64>,
    users: HashSet<i64>,
}

impl Preparer<'_> {
    fn prepare(&mut self, case: BulkCase) -> Result<(Row, SearchRow)> {
        if !self.calls.contains(&case.call_id) {
            return Err(StoreError::NotFound("call"));
        }
        if !self.organisations.contains(&case.organisation_id) {
            return Err(StoreError::NotFound("organisation"));
        }
        if case.assignee_id.is_some_and(|u| !self.users.contains(&u)) {
            return Err(StoreError::NotFound("user"));
        }
        let id = self.next_id;
        self.next_id += 1;
        let year = case.received_on.year();
        let seq = self.seqs.entry(year).or_insert(0);
        *seq += 1;
        let seq = *seq;
        let event_after = super::write::registered_event(year, seq, case.state, &case.title);
        let hash = event_hash(
            &self.prev_hash,
            &EventContent {
                at: self.at,
                user_id: Some(self.user_id),
                case_id: Some(id),
                kind: crate::domain::EventKind::CaseRegistered.code(),
                before: None,
                after: Some(&event_after),
            },
        );
        let prev_hash = std::mem::replace(&mut self.prev_hash, hash.clone());
        // The same text the triggers would write.
        let (counterpart, description) = &case.document;
        let search = SearchRow {
            id,
            text: derived::SearchText::of(
                (year, seq),
                &case.title,
                (&case.organisation, &case.county),
                case.note.as_deref().as_slice(),
                &[(counterpart, description)],
            ),
        };
        let row = Row {
            id,
            year,
            seq,
            received_on: date_to_sql(case.received_on),
            supplement_due_on: case.supplement_due_on.map(date_to_sql),
            report_due_on: case.report_due_on.map(date_to_sql),
            event_after,
            prev_hash,
            hash,
            case,
        };
        Ok((row, search))
    }

    /// Prepares all the cases, handing them on in batches; returns the last numbers used per
    /// year. Stops early (without error) when a receiving side has gone, which it does only
    /// when it has failed.
    fn run(
        mut self,
        cases: impl Iterator<Item = BulkCase>,
        to_db: mpsc::SyncSender<Vec<Row>>,
        to_search: mpsc::SyncSender<Vec<SearchRow>>,
    ) -> Result<HashMap<i32, i64>> {
        let mut cases = cases.peekable();
        while cases.peek().is_some() {
            let mut rows = Vec::with_capacity(BATCH);
            let mut texts = Vec::with_capacity(BATCH);
            for case in cases.by_ref().take(BATCH) {
                let (row, text) = self.prepare(case)?;
                rows.push(row);
                texts.push(text);
            }
            if to_db.send(rows).is_err() || to_search.send(texts).is_err() {
                break;
            }
        }
        Ok(self.seqs)
    }
}

/// A table's triggers and secondary indexes, dropped for a load and recreated after it from
/// the SQL `sqlite_master` held for them (so whatever later migrations add is handled too).
struct SetAside {
    indexes: Vec<String>,
    triggers: Vec<String>,
}

impl SetAside {
    fn drop_from(tx: &Transaction<'_>, tables: &[&str]) -> Result<Self> {
        let mut stmt = tx.prepare(
            "SELECT type, name, sql FROM sqlite_master
             WHERE type IN ('index', 'trigger') AND tbl_name = ?1 AND sql IS NOT NULL
             ORDER BY rowid",
        )?;
        let mut indexes = Vec::new();
        let mut triggers = Vec::new();
        let mut drops = Vec::new();
        for table in tables {
            let rows = stmt.query_map([table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })?;
            for row in rows {
                let (kind, name, sql) = row?;
                let name = quote(&name);
                if kind == "index" {
                    drops.push(format!("DROP INDEX {name}"));
                    indexes.push(sql);
                } else {
                    drops.push(format!("DROP TRIGGER {name}"));
                    triggers.push(sql);
                }
            }
        }
        for drop in drops {
            tx.execute_batch(&drop)?;
        }
        Ok(Self { indexes, triggers })
    }

    fn recreate_indexes(&self, tx: &Transaction<'_>) -> Result<()> {
        for sql in &self.indexes {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }

    fn recreate_triggers(&self, tx: &Transaction<'_>) -> Result<()> {
        for sql in &self.triggers {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// After the rows are in: rebuild derived data.
///
/// No trigger on the loaded tables fires during the load, so whatever a trigger keeps in step
/// with them must be brought up to date here. It runs inside the load's transaction, after the
/// indexes are rebuilt and before the triggers are back. The search text (`case_text`) is
/// written by the load itself ([`derived::SearchText`]) and needs nothing here; the counters of
/// migration 8 are recounted whole ([`derived::recount`]). The test
/// `every_insert_trigger_on_the_loaded_tables_is_accounted_for` names any trigger that is not
/// accounted for.
fn rebuild_derived_data(tx: &Transaction<'_>) -> Result<()> {
    derived::recount(tx)
}

/// The search table as it was before the load, to build it again in a scratch database.
struct SearchTable {
    /// Its `CREATE VIRTUAL TABLE` statement.
    sql: String,
    /// Its settings (`<name>_config`), other than the format version.
    config: Vec<(String, rusqlite::types::Value)>,
    /// Its rows (the cases there before the load).
    rows: Vec<SearchRow>,
}

impl SearchTable {
    fn read(tx: &Transaction<'_>) -> Result<Self> {
        let sql: String = tx.query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [SEARCH_TABLE],
            |r| r.get(0),
        )?;
        let config = tx
            .prepare(&format!(
                "SELECT k, v FROM {} WHERE k <> 'version' ORDER BY k",
                quote(&format!("{SEARCH_TABLE}_config"))
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let rows = tx
            .prepare(&format!(
                "SELECT rowid, dnr, title, organisation, county, body FROM {} ORDER BY rowid",
                quote(SEARCH_TABLE)
            ))?
            .query_map([], |r| {
                Ok(SearchRow {
                    id: r.get(0)?,
                    text: derived::SearchText {
                        dnr: r.get(1)?,
                        title: r.get(2)?,
                        organisation: r.get(3)?,
                        county: r.get(4)?,
                        body: r.get(5)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self { sql, config, rows })
    }

    /// Builds the table in the scratch database `conn` has open: the rows it had, then those
    /// received, in one transaction.
    fn build(&self, mut conn: Connection, received: mpsc::Receiver<Vec<SearchRow>>) -> Result<()> {
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;",
        )?;
        let tx = conn.transaction()?;
        tx.execute_batch(&self.sql)?;
        let table = quote(SEARCH_TABLE);
        let special = format!("INSERT INTO {table} ({table}, rank) VALUES (?1, ?2)");
        for (key, value) in &self.config {
            tx.execute(&special, params![key, value])?;
        }
        // Settings of the scratch copy only (the table copied in keeps the original ones):
        // up to 256 MB of text is indexed in memory before it is written out as a segment (1 MB
        // by default), and segments are merged 16 at a time (4), so the index is rewritten by
        // fewer merges and ends in a few large segments.
        tx.execute(&special, params!["hashsize", SEARCH_BUFFER])?;
        tx.execute(&special, params!["automerge", 16])?;
        {
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {table} (rowid, dnr, title, organisation, county, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ))?;
            let mut put = |r: &SearchRow| {
                let t = &r.text;
                insert.execute(params![
                    r.id,
                    t.dnr,
                    t.title,
                    t.organisation,
                    t.county,
                    t.body
                ])
            };
            for r in &self.rows {
                put(r)?;
            }
            for batch in received {
                for r in &batch {
                    put(r)?;
                }
            }
        }
        tx.commit()?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    }

    /// Replaces the table with the one built in the scratch database (attached as
    /// [`SCRATCH`] before the load began, detached once it is over; see `bulk_load`). The table
    /// is dropped and created anew (so no part of it, nor anything this connection holds about
    /// it, is left from before), its storage tables are filled from the scratch copy (the same
    /// statement made them, so their contents are interchangeable), and its settings are put
    /// back.
    fn replace_from(&self, tx: &Transaction<'_>, rows: usize) -> Result<()> {
        let table = quote(SEARCH_TABLE);
        tx.execute_batch(&format!("DROP TABLE {table}"))?;
        tx.execute_batch(&self.sql)?;
        let storage: Vec<String> = tx
            .prepare(&format!(
                "SELECT name FROM {SCRATCH}.sqlite_master
                 WHERE type = 'table' AND name LIKE ?1 ESCAPE '\\' AND name <> ?2
                 ORDER BY name"
            ))?
            .query_map(
                params![
                    format!("{}\\_%", SEARCH_TABLE.replace('_', "\\_")),
                    format!("{SEARCH_TABLE}_config")
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        for name in storage {
            let name = quote(&name);
            tx.execute_batch(&format!(
                "DELETE FROM main.{name}; INSERT INTO main.{name} SELECT * FROM {SCRATCH}.{name};"
            ))?;
        }
        let special = format!("INSERT INTO {table} ({table}, rank) VALUES (?1, ?2)");
        for (key, value) in &self.config {
            tx.execute(&special, params![key, value])?;
        }
        let copied: i64 =
            tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if usize::try_from(copied).ok() != Some(rows) {
            return Err(StoreError::BadValue {
                column: SEARCH_TABLE,
                value: format!("{copied} rows copied, {rows} built"),
            });
        }
        Ok(())
    }
}

/// The scratch database the search index is built in, next to the database (in the temporary
/// directory for one in memory); its name is taken away once it is open (on Unix), and it is
/// removed when dropped where it still has one.
struct Scratch {
    path: PathBuf,
    /// The same, absolute and as text, for ATTACH (never taken for a URI).
    name: String,
}

impl Scratch {
    fn create(beside: Option<&Path>) -> Result<Self> {
        let dir = beside
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_else(std::env::temp_dir);
        let file = beside
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "bidrag".to_string());
        // Unique per load, not only per process: tests generate in parallel threads. A name
        // left behind by a killed load is skipped, never reused.
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut attempt = 0;
        let (absolute, name) = loop {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            // Named as every temporary file of bidrag is (`.<name>.<pid>-<n>.tmp`), so one a
            // killed load left is found and removed by the next (`io::output::leftovers`).
            let path = dir.join(format!(".{file}.search.{}-{n}.tmp", std::process::id()));
            let cannot = |reason: String| {
                rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(format!("{}: {reason}", path.display())),
                )
            };
            let absolute = std::path::absolute(&path).map_err(|e| cannot(e.to_string()))?;
            let name = absolute
                .to_str()
                .ok_or_else(|| cannot("not UTF-8".to_string()))?
                .to_string();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            match options.open(&absolute) {
                Ok(_) => break (absolute, name),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(cannot(e.to_string()).into()),
            }
        };
        Ok(Self {
            path: absolute,
            name,
        })
    }
}

impl Scratch {
    /// Takes the scratch database's name away while it is open: its space is freed when the
    /// last connection closes, however the process ends.
    #[cfg(unix)]
    fn unlink(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn ids(tx: &Transaction<'_>, table: &str) -> Result<HashSet<i64>> {
    Ok(tx
        .prepare(&format!("SELECT id FROM {}", quote(table)))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Inserts the cases in one transaction; returns how many. Only for a database file that is
    /// being created (`bidrag demo`): it runs without a journal, and a failure leaves the file
    /// unusable.
    pub fn bulk_insert(
        &mut self,
        now: DateTime<Utc>,
        user_id: i64,
        cases: impl Iterator<Item = BulkCase> + Send,
    ) -> Result<usize> {
        // A file being generated has nothing to lose to a crash: no journal, no syncing, no
        // zeroing of freed pages. Foreign keys and CHECK constraints are not enforced either
        // (they are most of the cost of a row): the references are checked as the rows are
        // prepared, the values are the generator's own, and `bidrag check` verifies both.
        // Everything is set back as it was when the load is done.
        let saved: Vec<(&str, String)> = LOAD_PRAGMAS
            .iter()
            .map(|(name, _)| {
                let value = self.conn.query_row(&format!("PRAGMA {name}"), [], |r| {
                    r.get::<_, rusqlite::types::Value>(0)
                })?;
                Ok((*name, sql_literal(&value)))
            })
            .collect::<Result<_>>()?;
        for (name, value) in LOAD_PRAGMAS {
            self.conn
                .execute_batch(&format!("PRAGMA {name} = {value}"))?;
        }
        let count = self.bulk_load(now, user_id, cases);
        for (name, value) in &saved {
            self.conn
                .execute_batch(&format!("PRAGMA {name} = {value}"))?;
        }
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
        cases: impl Iterator<Item = BulkCase> + Send,
    ) -> Result<usize> {
        let scratch = Scratch::create(self.path.as_deref())?;
        // Both connections open the scratch database before the load, and then its name goes
        // (where open files outlive their names): a load that is killed leaves nothing of it.
        self.conn
            .execute(&format!("ATTACH DATABASE ?1 AS {SCRATCH}"), [&scratch.name])?;
        let builder = Connection::open(&scratch.path)?;
        #[cfg(unix)]
        scratch.unlink();
        let loaded = self.load_in_transaction(now, user_id, cases, builder);
        // The scratch database can only be detached once the transaction has ended.
        let attached: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM pragma_database_list WHERE name = ?1",
            [SCRATCH],
            |r| r.get(0),
        )?;
        if attached {
            self.conn
                .execute_batch(&format!("DETACH DATABASE {SCRATCH}"))?;
        }
        loaded
    }

    fn load_in_transaction(
        &mut self,
        now: DateTime<Utc>,
        user_id: i64,
        cases: impl Iterator<Item = BulkCase> + Send,
        builder: Connection,
    ) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let set_aside = SetAside::drop_from(&tx, &LOADED_TABLES)?;
        let search = SearchTable::read(&tx)?;
        let at = time_to_sql(now);
        let prev_hash = super::write::chain_head(&tx)?;
        let first_case_id: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM cases", [], |r| {
                r.get(0)
            })?;
        let users = ids(&tx, "users")?;
        if !users.contains(&user_id) {
            return Err(StoreError::NotFound("user"));
        }
        let preparer = Preparer {
            next_id: first_case_id,
            seqs: tx
                .prepare("SELECT year, last FROM dnr_sequences")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?,
            prev_hash,
            at: &at,
            user_id,
            calls: ids(&tx, "calls")?,
            organisations: ids(&tx, "organisations")?,
            users,
        };
        let count = std::thread::scope(|scope| -> Result<usize> {
            let (to_db, db_rows) = mpsc::sync_channel(4);
            let (to_search, search_rows) = mpsc::sync_channel(4);
            let search = &search;
            let searcher = scope.spawn(move || search.build(builder, search_rows));
            let preparer = scope.spawn(move || preparer.run(cases, to_db, to_search));
            // A failure on any side ends the others: a closed channel stops the preparer, which
            // closes the channels it sends on.
            let inserted = insert_rows(&tx, &at, user_id, db_rows);
            let seqs = preparer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let count = inserted.and_then(|count| {
                let mut seq_stmt = tx.prepare(
                    "INSERT INTO dnr_sequences (year, last) VALUES (?1, ?2)
                     ON CONFLICT (year) DO UPDATE SET last = excluded.last",
                )?;
                for (year, last) in &seqs? {
                    seq_stmt.execute(params![year, last])?;
                }
                // While the search index is still being built on the other thread.
                set_aside.recreate_indexes(&tx)?;
                Ok(count)
            });
            searcher
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            count
        })?;
        search.replace_from(&tx, search.rows.len() + count)?;
        // After the rows are in: rebuild derived data, then put the triggers back.
        rebuild_derived_data(&tx)?;
        set_aside.recreate_triggers(&tx)?;
        tx.commit()?;
        Ok(count)
    }
}

/// What the load changes about the connection, with the values it uses; each is set back to
/// the value it had.
const LOAD_PRAGMAS: [(&str, &str); 6] = [
    ("journal_mode", "OFF"),
    ("synchronous", "OFF"),
    ("secure_delete", "OFF"),
    ("cache_size", LOAD_CACHE),
    ("foreign_keys", "OFF"),
    ("ignore_check_constraints", "ON"),
];

/// A pragma's value as SQL.
fn sql_literal(value: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match value {
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) => format!("'{}'", t.replace('\'', "''")),
        Value::Null | Value::Blob(_) => "NULL".to_string(),
    }
}

/// The most checklist answers inserted by one statement.
const ANSWERS_AT_ONCE: usize = 32;

/// Inserts `n` answers of one case: the case ?1, by ?2 at ?3, the item keys from ?4 on.
fn answers_sql(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|i| format!("(?1, ?{}, 'uppfyllt', ?2, ?3)", i + 4))
        .collect();
    format!(
        "INSERT INTO checklist_answers (case_id, item_key, answer, answered_by, answered_at)
         VALUES {}",
        rows.join(", ")
    )
}

/// Inserts the prepared rows as they arrive, in rowid order; returns how many cases.
fn insert_rows(
    tx: &Transaction<'_>,
    at: &str,
    user_id: i64,
    rows: mpsc::Receiver<Vec<Row>>,
) -> Result<usize> {
    let mut case_stmt = tx.prepare(
        "INSERT INTO cases (id, dnr_year, dnr_seq, call_id, organisation_id, step, state,
             title, received_on, requested_ore, granted_ore, assignee_id, checklist_id,
             supplement_due_on, report_due_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    let mut event_stmt = tx.prepare(
        "INSERT INTO events (at, user_id, case_id, kind, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?7, NULL, ?4, ?5, ?6)",
    )?;
    let mut doc_stmt = tx.prepare(
        "INSERT INTO documents (case_id, sub_no, direction, doc_date, counterpart,
             description, registered_by, registered_at)
         VALUES (?1, 1, 'in', ?2, ?3, ?4, ?5, ?6)",
    )?;
    // A case's answers in one statement, prepared for each number of answers as it occurs.
    let mut answer_stmts: Vec<Option<rusqlite::Statement<'_>>> = Vec::new();
    let mut note_stmt = tx.prepare(
        "INSERT INTO notes (case_id, author_id, created_at, body) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut count = 0;
    for batch in rows {
        for r in batch {
            let c = &r.case;
            case_stmt.execute(params![
                r.id,
                r.year,
                r.seq,
                c.call_id,
                c.organisation_id,
                c.step.number(),
                c.state.code(),
                c.title,
                r.received_on,
                c.requested.ore(),
                c.granted.map(Money::ore),
                c.assignee_id,
                c.checklist_id,
                r.supplement_due_on,
                r.report_due_on,
                at,
            ])?;
            event_stmt.execute(params![
                at,
                user_id,
                r.id,
                r.event_after,
                r.prev_hash,
                r.hash,
                crate::domain::EventKind::CaseRegistered.code()
            ])?;
            doc_stmt.execute(params![
                r.id,
                r.received_on,
                c.document.0,
                c.document.1,
                user_id,
                at
            ])?;
            for keys in c.answers.chunks(ANSWERS_AT_ONCE) {
                if answer_stmts.len() < keys.len() {
                    answer_stmts.resize_with(keys.len(), || None);
                }
                let slot = &mut answer_stmts[keys.len() - 1];
                let stmt = match slot {
                    Some(stmt) => stmt,
                    None => slot.insert(tx.prepare(&answers_sql(keys.len()))?),
                };
                stmt.raw_bind_parameter(1, r.id)?;
                stmt.raw_bind_parameter(2, user_id)?;
                stmt.raw_bind_parameter(3, at)?;
                for (i, key) in keys.iter().enumerate() {
                    stmt.raw_bind_parameter(i + 4, key)?;
                }
                stmt.raw_execute()?;
            }
            if let Some(note) = &c.note {
                note_stmt.execute(params![r.id, user_id, at, note])?;
            }
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The triggers on the loaded tables that fire on INSERT and whose work the load does
    /// itself (the search text) or redoes after it (the counters, in `rebuild_derived_data`).
    const WRITTEN_BY_THE_LOAD: [&str; 4] = [
        "case_text_insert",
        "case_text_note",
        "case_text_document",
        "tally_case_insert",
    ];

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
            .single()
            .expect("time")
    }

    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = conn
            .prepare(
                "SELECT type, name, sql FROM sqlite_master
                 WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
            )
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    #[test]
    fn every_insert_trigger_on_the_loaded_tables_is_accounted_for() {
        // A trigger the load drops does not fire for the rows it loads: what it maintains must
        // be rebuilt in `rebuild_derived_data` (then add it to WRITTEN_BY_THE_LOAD).
        let store = Store::open_in_memory(now()).expect("store");
        let mut stmt = store
            .conn
            .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            .expect("prepare");
        let triggers: Vec<(String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        for (name, table, sql) in triggers {
            let words = sql.split_whitespace().collect::<Vec<_>>().join(" ");
            let on_insert = words.to_uppercase().contains(" INSERT ON ");
            if LOADED_TABLES.contains(&table.as_str()) && on_insert {
                assert!(
                    WRITTEN_BY_THE_LOAD.contains(&name.as_str()),
                    "{name} on {table} does not fire during a bulk load: rebuild what it \
                     maintains in storage::bulk::rebuild_derived_data"
                );
            }
        }
    }

    #[test]
    fn a_scaled_demo_passes_the_check_with_its_schema_and_search_text_as_made_row_by_row() {
        let dir = tempfile::TempDir::new().expect("tmp");
        let path = dir.path().join("scaled.sqlite3");
        let checklists = crate::checklists::shipped().expect("checklists");
        let mut plain = Store::open_in_memory(now()).expect("store");
        let base = crate::demo::generate(&mut plain, today(), &checklists).expect("demo");
        let mut store = Store::open(&path, now()).expect("store");
        let made = crate::demo::generate_scaled(&mut store, today(), &checklists, base + 3000)
            .expect("scaled demo");
        assert_eq!(made, base + 3000);

        let report = store.check().expect("check");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(schema(&store.conn), schema(&plain.conn));
        let conn = &store.conn;
        let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
        assert_eq!(
            one("SELECT count(*) FROM cases"),
            i64::try_from(made).expect("n")
        );
        assert_eq!(
            one("SELECT count(*) FROM case_text"),
            one("SELECT count(*) FROM cases")
        );
        // The search text is what the triggers would have written, and its index is whole.
        assert_eq!(
            one(
                "SELECT count(*) FROM case_text t JOIN case_text_source s ON s.case_id = t.rowid
                 WHERE t.dnr IS s.dnr AND t.title IS s.title AND t.organisation IS s.organisation
                   AND t.county IS s.county AND t.body IS s.body"
            ),
            one("SELECT count(*) FROM cases")
        );
        conn.execute(
            "INSERT INTO case_text (case_text, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("search index is whole");
        assert!(one("SELECT count(*) FROM case_text WHERE case_text MATCH 'Intresseanmälan'") > 0);
        // The demo's cases and then the generated ones, each registered in the order received.
        for (from, to) in [(1, base), (base + 1, made)] {
            let out_of_order = one(&format!(
                "SELECT count(*) FROM cases a JOIN cases b ON b.id = a.id + 1
                 WHERE a.id BETWEEN {from} AND {to} AND b.id <= {to}
                   AND b.received_on < a.received_on"
            ));
            assert_eq!(out_of_order, 0, "cases {from}..={to}");
        }
        // Its settings are the shipped ones; the scratch database is gone.
        assert_eq!(
            one("SELECT count(*) FROM case_text_config WHERE k <> 'version'"),
            0
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("search"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        // The connection is as it was.
        assert_eq!(one("PRAGMA foreign_keys"), 1);
        assert_eq!(one("PRAGMA secure_delete"), 1);
        assert_eq!(one("PRAGMA ignore_check_constraints"), 0);
        assert_eq!(one("PRAGMA synchronous"), 2, "FULL, as the store opened it");
        let journal: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal");
        assert_eq!(journal, "wal");
        // The numbering goes on after the loaded cases.
        assert_eq!(
            one("SELECT count(*) FROM dnr_sequences s
                 WHERE s.last <> (SELECT max(dnr_seq) FROM cases WHERE dnr_year = s.year)"),
            0
        );
    }

    #[test]
    fn a_case_referring_to_a_missing_call_is_refused() {
        let mut store = Store::open_in_memory(now()).expect("store");
        let user: i64 = store
            .conn
            .query_row("SELECT min(id) FROM users", [], |r| r.get(0))
            .unwrap_or(1);
        let case = BulkCase {
            call_id: 999_999,
            organisation_id: 1,
            organisation: "X".into(),
            county: String::new(),
            step: Step::Interest,
            state: CaseState::Received,
            title: "T".into(),
            received_on: today(),
            requested: Money(0),
            granted: None,
            assignee_id: None,
            checklist_id: None,
            supplement_due_on: None,
            report_due_on: None,
            answers: Vec::new(),
            document: ("X".into(), "Y".into()),
            note: None,
        };
        let result = store.bulk_insert(now(), user, std::iter::once(case));
        assert!(result.is_err(), "{result:?}");
    }

    #[test]
    fn the_registered_event_is_the_json_object_it_always_was() {
        for title in ["Vanlig titel", "Citat \"här\" och \\ och \u{1} och åäö"] {
            assert_eq!(
                super::super::write::registered_event(2026, 7, CaseState::InProgress, title),
                serde_json::json!({
                    "dnr": "2026/7",
                    "state": CaseState::InProgress.code(),
                    "title": title,
                })
                .to_string()
            );
        }
    }
}
