//! What `bidrag import` reads and writes in bulk. The check reads organisations and calls once
//! (without the counts and budgets the screens show) and asks "is this row already here?" once
//! per organisation, call and day rather than once per row. The write registers a plan's cases
//! inside the import's one transaction a chunk at a time ([`CHUNK`]): each chunk's cases and
//! then their incoming documents go in with one `INSERT … SELECT` each; the search text and the
//! counters of them all with one statement each more at the end ([`derived::add_cases`]),
//! instead of triggers firing per case (see [`ImportSetAside`]); and the events are hashed in
//! memory from the chain head, read once, on a second thread. What is written is what
//! registering the cases one by one writes: the same rows, ids, diarienummer, search text,
//! counters and events, in the same order. The cases are read from an [`ImportSource`] as they
//! are needed, so nothing of a large import is held twice.

use super::{Result, Store, StoreError, Writer, date_to_sql, derived, time_to_sql};
use crate::domain::audit::{EventContent, event_hash};
use crate::domain::{CaseState, ChecklistTemplate, Direction, EventKind, Money, ReformArea, Step};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{HashMap, HashSet};
use std::sync::mpsc::SyncSender;

/// A case's summary as "the same row" compares it: case ignored the way SQLite's built-in
/// `lower()` ignores it (ASCII letters only), which is how the database has always compared.
pub fn title_key(title: &str) -> String {
    title.to_ascii_lowercase()
}

/// The summaries ([`title_key`]) of the organisation's cases in the call received that day, if
/// there are at most `most`; None if there are more.
fn titles_on(
    conn: &Connection,
    organisation_id: i64,
    call_id: i64,
    received_on: NaiveDate,
    most: usize,
) -> Result<Option<HashSet<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lower(title) FROM cases
         WHERE organisation_id = ?1 AND call_id = ?2 AND received_on = ?3 LIMIT ?4",
    )?;
    let limit = i64::try_from(most + 1).unwrap_or(i64::MAX);
    let titles: HashSet<String> = stmt
        .query_map(
            params![organisation_id, call_id, date_to_sql(received_on), limit],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok((titles.len() <= most).then_some(titles))
}

/// Which cases are already in the database. The summaries of an organisation's cases in a call
/// on a day are read once and kept, where there are a few; a day with many is asked row by row
/// through the index. What is kept is bounded ([`ExistingCases::KEPT_TITLES`]), so checking a
/// large file keeps no copy of the database's summaries.
#[derive(Debug, Default)]
pub struct ExistingCases {
    titles: HashMap<(i64, i64, NaiveDate), HashSet<String>>,
    /// Days with more than [`ExistingCases::PER_DAY`] cases: asked row by row.
    many: HashSet<(i64, i64, NaiveDate)>,
    kept: usize,
}

impl ExistingCases {
    /// The most summaries kept for one organisation, call and day.
    const PER_DAY: usize = 64;
    /// The most summaries kept in all; then what is kept is let go and read again as needed.
    const KEPT_TITLES: usize = 65_536;
    /// The most organisation, call and day answers kept.
    const KEPT_DAYS: usize = 16_384;

    /// Is there already a case of the organisation in the call, received that day, with that
    /// summary? The same answer as [`Store::case_exists`].
    pub fn contains(
        &mut self,
        store: &Store,
        organisation_id: i64,
        call_id: i64,
        received_on: NaiveDate,
        title: &str,
    ) -> Result<bool> {
        self.contains_in(&store.conn, organisation_id, call_id, received_on, title)
    }

    /// As [`ExistingCases::contains`], on a connection (inside a write transaction).
    fn contains_in(
        &mut self,
        conn: &Connection,
        organisation_id: i64,
        call_id: i64,
        received_on: NaiveDate,
        title: &str,
    ) -> Result<bool> {
        let key = (organisation_id, call_id, received_on);
        let exists = |title: &str| {
            super::queries::case_exists(conn, organisation_id, call_id, received_on, title)
        };
        if self.many.contains(&key) {
            return exists(title);
        }
        if !self.titles.contains_key(&key) {
            let Some(titles) =
                titles_on(conn, organisation_id, call_id, received_on, Self::PER_DAY)?
            else {
                if self.many.len() >= Self::KEPT_DAYS {
                    self.many.clear();
                }
                self.many.insert(key);
                return exists(title);
            };
            if self.kept + titles.len() > Self::KEPT_TITLES || self.titles.len() >= Self::KEPT_DAYS
            {
                self.titles.clear();
                self.kept = 0;
            }
            self.kept += titles.len();
            self.titles.insert(key, titles);
        }
        Ok(self
            .titles
            .get(&key)
            .is_some_and(|t| t.contains(&title_key(title))))
    }
}

/// The cases of an import seen so far, to find one twice: a 64-bit hash of each key (its
/// organisation, call, received date and [`title_key`]) with the first case that has it; a hash
/// met again is confirmed against that case, and keys whose hashes collide are kept whole.
#[derive(Default)]
struct SeenCases {
    first: HashMap<u64, usize>,
    collided: HashSet<(i64, i64, NaiveDate, String)>,
}

impl SeenCases {
    fn key(c: &ImportedCase<'_>) -> (i64, i64, NaiveDate, String) {
        (
            c.organisation_id,
            c.call_id,
            c.received_on,
            title_key(c.title),
        )
    }

    /// Is case `i` (`c`) the same as an earlier one? Remembers it if not.
    fn twice(&mut self, cases: &dyn ImportSource, i: usize, c: &ImportedCase<'_>) -> Result<bool> {
        use std::hash::{Hash, Hasher};
        let key = Self::key(c);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        let hash = h.finish();
        match self.first.get(&hash) {
            None => {
                self.first.insert(hash, i);
                Ok(false)
            }
            Some(&j) => {
                let earlier = cases.case(j).ok_or(StoreError::NotFound("case"))?;
                if Self::key(&earlier) == key {
                    return Ok(true);
                }
                Ok(!self.collided.insert(key))
            }
        }
    }
}

/// One case an import registers, with what hangs on it.
#[derive(Debug, Clone)]
pub struct ImportedCase<'a> {
    pub organisation_id: i64,
    pub call_id: i64,
    pub step: Step,
    pub title: &'a str,
    pub received_on: NaiveDate,
    pub requested: Money,
    /// The incoming application: its counterpart (the organisation's name) and description.
    pub counterpart: &'a str,
    pub description: &'a str,
    pub reform_areas: Vec<ReformArea>,
    /// The checklist version the case is assessed against, and its file's text.
    pub checklist: Option<(&'a ChecklistTemplate, &'a str)>,
}

/// The cases an import registers, handed out one at a time (twice: to be written, then for
/// their events), so that a large import is never held in memory as rows besides its plan.
pub trait ImportSource: Sync {
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th case, for `i < len()`.
    fn case(&self, i: usize) -> Option<ImportedCase<'_>>;
}

impl ImportSource for Vec<ImportedCase<'_>> {
    fn len(&self) -> usize {
        <[ImportedCase<'_>]>::len(self)
    }

    fn case(&self, i: usize) -> Option<ImportedCase<'_>> {
        self.get(i).cloned()
    }
}

/// What [`Writer::register_imported`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportWritten {
    pub cases: usize,
    /// Cases already in the database (written by someone else since the check): not written.
    pub skipped: usize,
}

/// Cases staged, inserted and their reform areas set at a time: the staging table and the
/// reform areas waiting for their cases' ids stay this small.
const CHUNK: usize = 4_096;

/// Events waiting to be inserted, several rows to a statement: (case, kind, after, prev_hash,
/// hash), and how many cases' last event is among them.
#[derive(Default)]
struct EventBatch {
    rows: Vec<(i64, &'static str, String, String, String)>,
    cases: usize,
}

impl EventBatch {
    const ROWS: usize = 64;

    /// Inserts the waiting events, in order, all stamped `at` by `user_id`.
    fn insert(&mut self, conn: &Connection, at: &str, user_id: i64) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let values: Vec<String> = (0..self.rows.len())
            .map(|i| {
                let p = 3 + 5 * i;
                format!(
                    "(?1, ?2, ?{}, ?{}, NULL, ?{}, ?{}, ?{})",
                    p,
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO events (at, user_id, case_id, kind, before, after, prev_hash, hash)
             VALUES {}",
            values.join(", ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(2 + 5 * self.rows.len());
        params.push(&at);
        params.push(&user_id);
        for (case_id, kind, after, prev, hash) in &self.rows {
            params.extend([case_id as &dyn rusqlite::ToSql, kind, after, prev, hash]);
        }
        stmt.execute(params.as_slice())?;
        self.rows.clear();
        Ok(())
    }
}

/// What the events of an import are hashed from, besides each case.
struct ChainedEvents<'e> {
    at: &'e str,
    user_id: i64,
    source: &'e str,
}

impl ChainedEvents<'_> {
    /// The events of the cases written (`written[i]`), case after case, chained from `prev`
    /// and sent in batches (until the receiver is gone). Their ids follow `last_id` and their
    /// diarienummer each year's last number before the import (`seqs`), in the order written.
    fn hash(
        &self,
        cases: &dyn ImportSource,
        written: &[bool],
        last_id: i64,
        mut seqs: HashMap<i32, i64>,
        mut prev: String,
        send: &SyncSender<EventBatch>,
    ) {
        let mut batch = EventBatch::default();
        let mut id = last_id;
        let cases = (0..cases.len())
            .filter(|&i| written.get(i).copied().unwrap_or(false))
            .filter_map(|i| cases.case(i));
        for c in cases {
            id += 1;
            let year = c.received_on.year();
            let seq = seqs.entry(year).or_insert(0);
            *seq += 1;
            let registered =
                super::write::registered_event(year, *seq, CaseState::Received, c.title);
            let checklist_id = c.checklist.map(|(t, _)| t.id());
            let areas = (!c.reform_areas.is_empty()).then(|| {
                c.reform_areas
                    .iter()
                    .map(|a| a.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            let document = super::write::document_event(1, Direction::Incoming, c.description);
            let events = [
                Some((EventKind::CaseRegistered, registered.as_str())),
                checklist_id
                    .as_deref()
                    .map(|id| (EventKind::ChecklistChosen, id)),
                Some((EventKind::DocumentRegistered, document.as_str())),
                areas.as_deref().map(|a| (EventKind::ReformAreasSet, a)),
                Some((EventKind::Imported, self.source)),
            ];
            for (kind, after) in events.into_iter().flatten() {
                let hash = event_hash(
                    &prev,
                    &EventContent {
                        at: self.at,
                        user_id: Some(self.user_id),
                        case_id: Some(id),
                        kind: kind.code(),
                        before: None,
                        after: Some(after),
                    },
                );
                let prev_hash = std::mem::replace(&mut prev, hash);
                batch
                    .rows
                    .push((id, kind.code(), after.to_string(), prev_hash, prev.clone()));
            }
            batch.cases += 1;
            if batch.rows.len() >= EventBatch::ROWS
                && send.send(std::mem::take(&mut batch)).is_err()
            {
                return;
            }
        }
        if !batch.rows.is_empty() || batch.cases > 0 {
            // The receiver may be gone after an error; it has nothing left to be told.
            let _ = send.send(batch);
        }
    }
}

/// A trigger's CREATE statement as its migration wrote it, without the closing semicolon (as
/// `sqlite_master` keeps it).
fn made_by(migration: &'static str, name: &str) -> Option<&'static str> {
    let start = migration.find(&format!("CREATE TRIGGER {name} "))?;
    let len = migration[start..].find("\nEND;")? + "\nEND".len();
    migration.get(start..start + len)
}

/// How much new search text FTS5 holds in memory before it writes it out as a segment, during
/// an import (1 MB otherwise): 100 000 cases' text becomes one segment, not a hundred small ones
/// merged again and again.
const IMPORT_SEARCH_BUFFER: i64 = 16 << 20;

fn whitespace_collapsed(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One of the search index's FTS5 settings: the table's own, else FTS5's default.
fn search_setting(conn: &Connection, key: &str) -> Result<i64> {
    let default = match key {
        "hashsize" => 1 << 20,
        "automerge" => 4,
        _ => 0,
    };
    Ok(conn
        .prepare_cached("SELECT v FROM case_text_config WHERE k = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .unwrap_or(default))
}

/// Sets one of the search index's FTS5 settings. FTS5 writes out the text it holds in memory
/// first, under the settings in force until then.
fn set_search_setting(conn: &Connection, key: &str, value: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO case_text (case_text, rank) VALUES (?1, ?2)",
        params![key, value],
    )?;
    Ok(())
}

/// What an import sets aside within its transaction, and puts back before the commit, so that
/// other writers never see it changed.
///
/// - The insert triggers of derived data ([`derived::INSERT_TRIGGERS`]), while every one is
///   exactly what its migration made (whitespace aside); [`derived::add_cases`] then writes what
///   they would have written, with one statement per table instead of a few per case. Otherwise
///   they fire as usual.
/// - FTS5's settings: it buffers the new text in memory up to [`IMPORT_SEARCH_BUFFER`], and does
///   not merge the index's existing segments meanwhile (`automerge` 0). Merging is left to later
///   writes, which each merge in proportion to what they write: done inside the import, it
///   rewrote about a hundred MB of a million cases' index for 100 000 new rows.
struct ImportSetAside {
    /// The set-aside triggers' SQL, to create again; empty when they fire as usual.
    triggers: Vec<String>,
    /// The FTS5 settings to put back, as they were.
    settings: Vec<(&'static str, i64)>,
}

impl ImportSetAside {
    fn begin(conn: &Connection) -> Result<Self> {
        let mut settings = Vec::new();
        for (key, during) in [("hashsize", IMPORT_SEARCH_BUFFER), ("automerge", 0)] {
            let before = search_setting(conn, key)?;
            set_search_setting(conn, key, during)?;
            settings.push((key, before));
        }
        let mut found = Vec::new();
        for (name, migration) in derived::INSERT_TRIGGERS {
            let sql: Option<String> = conn
                .prepare_cached(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                )?
                .query_row([name], |r| r.get(0))
                .optional()?;
            let as_made = made_by(migration, name)
                .zip(sql.as_deref())
                .is_some_and(|(made, sql)| whitespace_collapsed(made) == whitespace_collapsed(sql));
            match sql {
                Some(sql) if as_made => found.push((name, sql)),
                _ => {
                    return Ok(Self {
                        triggers: Vec::new(),
                        settings,
                    });
                }
            }
        }
        let mut triggers = Vec::new();
        for (name, sql) in found {
            conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
            triggers.push(sql);
        }
        Ok(Self { triggers, settings })
    }

    /// Writes what the set-aside triggers would have for the cases `first..=last`, and puts the
    /// triggers and settings back.
    fn end(self, conn: &Connection, first: i64, last: i64) -> Result<()> {
        if !self.triggers.is_empty() {
            derived::add_cases(conn, first, last)?;
            for sql in &self.triggers {
                conn.execute_batch(sql)?;
            }
        }
        // The buffer first: it is written out while automerge is still 0.
        for (key, value) in self.settings {
            set_search_setting(conn, key, value)?;
        }
        Ok(())
    }
}

impl Store {
    /// Runs `f` (an import's transaction) with SQLite's temporary storage in files rather than
    /// in memory, where bidrag keeps it otherwise. A statement that changes pages the database
    /// had before it keeps their old content for its own rollback (a statement journal); when
    /// the search index merges a full level of its segments inside the import's statement, that
    /// is most of the index, and in memory it took hundreds of MB (800 MB for 550 000 rows into
    /// a million cases). In a file it takes none. Put back afterwards, whatever `f` returns.
    pub fn with_temporary_files<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> Result<T> {
        self.conn.execute_batch("PRAGMA temp_store = FILE")?;
        let out = f(self);
        self.conn.execute_batch("PRAGMA temp_store = MEMORY")?;
        Ok(out)
    }
}

impl Writer<'_> {
    /// Registers the cases as registering them one by one would: each case not already in the
    /// database (asked again here, inside the transaction, as the check asks it: see
    /// [`ExistingCases`]) and not earlier in `cases` gets the next diarienummer of its received
    /// year, its checklist version,
    /// its incoming document (sub-number 1), its reform areas and the events case_registered,
    /// checklist_chosen, document_registered, reform_areas_set and `imported` (`source`),
    /// chained in that order case after case. The cases go in [`CHUNK`] at a time, so what is
    /// held besides `cases` stays small. `progress` is told of every case, written or skipped.
    pub fn register_imported(
        &mut self,
        user_id: i64,
        source: &str,
        cases: &dyn ImportSource,
        progress: &mut dyn FnMut(usize),
    ) -> Result<ImportWritten> {
        let tx = self.tx;
        let total = cases.len();
        let at = time_to_sql(self.now);
        // Ids and diarienummer as inserting the cases one by one gives them.
        let last_id: i64 =
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM cases", [], |r| r.get(0))?;
        let mut next_id = last_id;
        // Each year's last number before the import, and as the import goes on.
        let mut seqs_before: HashMap<i32, i64> = HashMap::new();
        let mut seqs: HashMap<i32, i64> = HashMap::new();
        let mut written = vec![false; total];
        let mut count = 0;
        let mut stored: HashSet<String> = HashSet::new();
        let mut set_aside: Option<ImportSetAside> = None;
        tx.execute_batch(
            "DROP TABLE IF EXISTS temp.import_cases;
             CREATE TEMP TABLE import_cases (
                 id INTEGER PRIMARY KEY, dnr_year INTEGER NOT NULL, dnr_seq INTEGER NOT NULL,
                 call_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL,
                 step INTEGER NOT NULL, title TEXT NOT NULL, received_on TEXT NOT NULL,
                 requested_ore INTEGER NOT NULL, checklist_id TEXT, version INTEGER NOT NULL,
                 counterpart TEXT NOT NULL, description TEXT NOT NULL)",
        )?;
        // What someone else registered since the check is skipped (the database as it was when
        // this transaction began, asked as the check asks it); so is a second row of the same
        // case in this import (the check refuses those, but the write does not rely on it),
        // found by a hash of its key and confirmed against the case it hashes with.
        let mut existing = ExistingCases::default();
        let mut seen = SeenCases::default();
        let mut start = 0;
        while start < total {
            let end = (start + CHUNK).min(total);
            let mut areas: Vec<(i64, Vec<ReformArea>)> = Vec::new();
            let mut staged = 0;
            for i in start..end {
                let c = cases.case(i).ok_or(StoreError::NotFound("case"))?;
                if seen.twice(cases, i, &c)?
                    || existing.contains_in(
                        tx,
                        c.organisation_id,
                        c.call_id,
                        c.received_on,
                        c.title,
                    )?
                {
                    progress(1);
                    continue;
                }
                if let Some((template, body)) = c.checklist
                    && stored.insert(template.id())
                {
                    self.store_checklist(template, body)?;
                }
                next_id = next_id.checked_add(1).ok_or(StoreError::BadValue {
                    column: "cases.id",
                    value: next_id.to_string(),
                })?;
                let year = c.received_on.year();
                let seq = match seqs.get_mut(&year) {
                    Some(s) => s,
                    None => {
                        let last: i64 = tx
                            .prepare_cached("SELECT last FROM dnr_sequences WHERE year = ?1")?
                            .query_row([year], |r| r.get(0))
                            .optional()?
                            .unwrap_or(0);
                        seqs_before.insert(year, last);
                        seqs.entry(year).or_insert(last)
                    }
                };
                *seq += 1;
                // Registered (1), then one change each: the checklist chosen, the document
                // registered, the reform areas set.
                let version =
                    2 + i64::from(c.checklist.is_some()) + i64::from(!c.reform_areas.is_empty());
                tx.prepare_cached(
                    "INSERT INTO temp.import_cases (id, dnr_year, dnr_seq, call_id,
                         organisation_id, step, title, received_on, requested_ore, checklist_id,
                         version, counterpart, description)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )?
                .execute(params![
                    next_id,
                    year,
                    *seq,
                    c.call_id,
                    c.organisation_id,
                    c.step.number(),
                    c.title,
                    date_to_sql(c.received_on),
                    c.requested.ore(),
                    c.checklist.map(|(t, _)| t.id()),
                    version,
                    c.counterpart,
                    c.description,
                ])?;
                if let Some(w) = written.get_mut(i) {
                    *w = true;
                }
                if !c.reform_areas.is_empty() {
                    areas.push((next_id, c.reform_areas));
                }
                staged += 1;
            }
            start = end;
            if staged == 0 {
                continue;
            }
            count += staged;
            if set_aside.is_none() {
                set_aside = Some(ImportSetAside::begin(tx)?);
            }
            // The chunk's cases and their documents, with one statement each.
            tx.prepare_cached(
                "INSERT INTO cases (id, dnr_year, dnr_seq, call_id, organisation_id,
                     parent_case_id, step, state, title, received_on, requested_ore,
                     checklist_id, updated_at, version)
                 SELECT id, dnr_year, dnr_seq, call_id, organisation_id, NULL, step, ?1, title,
                     received_on, requested_ore, checklist_id, ?2, version
                 FROM temp.import_cases ORDER BY id",
            )?
            .execute(params![CaseState::Received.code(), at])?;
            tx.prepare_cached(
                "INSERT INTO documents (case_id, sub_no, direction, doc_date, counterpart,
                     description, file_path, registered_by, registered_at)
                 SELECT id, 1, ?1, received_on, counterpart, description, NULL, ?2, ?3
                 FROM temp.import_cases ORDER BY id",
            )?
            .execute(params![Direction::Incoming.code(), user_id, at])?;
            tx.execute_batch("DELETE FROM temp.import_cases")?;
            let mut area =
                tx.prepare_cached("INSERT INTO case_reform_areas (case_id, area) VALUES (?1, ?2)")?;
            for (id, list) in &areas {
                for a in list {
                    area.execute(params![id, a.code()])?;
                }
            }
        }
        tx.execute_batch("DROP TABLE temp.import_cases")?;
        let skipped = total - count;
        let Some(set_aside) = set_aside else {
            return Ok(ImportWritten { cases: 0, skipped });
        };
        set_aside.end(tx, last_id + 1, next_id)?;
        {
            let mut seq = tx.prepare_cached(
                "INSERT INTO dnr_sequences (year, last) VALUES (?1, ?2)
                 ON CONFLICT (year) DO UPDATE SET last = excluded.last",
            )?;
            for (year, last) in &seqs {
                seq.execute(params![year, last])?;
            }
        }

        // The events, case after case, hashed in memory from the chain head.
        let prev = super::write::chain_head(tx)?;
        // Hashed on a second thread, a few batches ahead of the inserts: the hashing and the
        // SQLite work overlap instead of taking turns.
        let (send, batches) = std::sync::mpsc::sync_channel::<EventBatch>(16);
        let chain = ChainedEvents {
            at: &at,
            user_id,
            source,
        };
        let written = &written;
        std::thread::scope(|scope| {
            scope.spawn(move || chain.hash(cases, written, last_id, seqs_before, prev, &send));
            for mut batch in batches {
                // An error drops `batches`, which stops the hashing thread at its next batch.
                batch.insert(tx, &at, user_id)?;
                progress(batch.cases);
            }
            Ok::<_, StoreError>(())
        })?;
        Ok(ImportWritten {
            cases: count,
            skipped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records;
    use crate::storage::{NewCase, NewDocument};
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
            .single()
            .expect("time")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// Every row of the tables an import writes, as text.
    fn dump(store: &Store) -> Vec<String> {
        let mut out = Vec::new();
        for table in [
            "cases",
            "documents",
            "events",
            "case_reform_areas",
            "dnr_sequences",
            "checklist_versions",
            "case_text",
            "call_tallies",
            "organisation_tallies",
            "state_tallies",
        ] {
            let conn = store.connection();
            let mut stmt = conn
                .prepare(&if table == "case_text" {
                    "SELECT rowid, * FROM case_text ORDER BY rowid".to_string()
                } else {
                    format!("SELECT * FROM {table} ORDER BY 1, 2")
                })
                .expect("prepare");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .expect("query")
                .collect::<rusqlite::Result<Vec<_>>>()
                .expect("rows");
            out.extend(
                rows.into_iter()
                    .map(|r| format!("{table}: {}", r.join(" | "))),
            );
        }
        out
    }

    /// A store with a case already registered (so ids and diarienummer do not start at 1), the
    /// organisations and the calls to import into.
    fn store_with_a_case() -> (
        Store,
        i64,
        Vec<crate::domain::Organisation>,
        Vec<crate::domain::Call>,
    ) {
        let mut store = Store::open_in_memory(now()).expect("store");
        let orgs = store.organisations().expect("orgs");
        let calls = store.calls().expect("calls");
        let user = store
            .write(now(), |w| {
                let (user, _) = w.ensure_user("anna")?;
                w.insert_case(
                    user.id,
                    &NewCase {
                        call_id: calls[2].id,
                        organisation_id: orgs[0].id,
                        parent_case_id: None,
                        step: calls[2].step,
                        title: "Trygghet i OMRÅDET",
                        received_on: date(2018, 5, 2),
                        requested: Money::ZERO,
                        checklist_id: None,
                    },
                )?;
                Ok(user.id)
            })
            .expect("case");
        (store, user, orgs, calls)
    }

    #[test]
    fn registers_what_registering_case_by_case_registers() {
        registers_as_case_by_case("");
    }

    #[test]
    fn triggers_changed_since_their_migration_fire_as_usual() {
        // Textually different, so the import cannot know what they write: it lets them fire.
        let changed = "DROP TRIGGER case_text_insert;
            CREATE TRIGGER case_text_insert AFTER INSERT ON cases BEGIN
                -- changed
                INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
                SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
                WHERE case_id = NEW.id;
            END;";
        let (mut store, ..) = store_with_a_case();
        store.connection().execute_batch(changed).expect("change");
        store
            .write(now(), |w| {
                let set_aside = ImportSetAside::begin(w.tx)?;
                assert!(set_aside.triggers.is_empty());
                set_aside.end(w.tx, 1, 0)
            })
            .expect("write");
        registers_as_case_by_case(changed);
    }

    /// Every trigger's SQL, and the search index's settings as FTS5 uses them.
    fn search_setup(store: &Store) -> (Vec<(String, String)>, i64, i64) {
        let conn = store.connection();
        let triggers = conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let setting = |key| search_setting(conn, key).expect("setting");
        (triggers, setting("hashsize"), setting("automerge"))
    }

    #[test]
    fn the_replaced_triggers_and_search_settings_are_set_aside_and_put_back() {
        let (mut store, ..) = store_with_a_case();
        let before = search_setup(&store);
        assert_eq!((before.1, before.2), (1 << 20, 4), "FTS5's defaults");
        store
            .write(now(), |w| {
                let set_aside = ImportSetAside::begin(w.tx)?;
                // The schema as migrated has the triggers the import knows.
                assert_eq!(set_aside.triggers.len(), derived::INSERT_TRIGGERS.len());
                assert_eq!(search_setting(w.tx, "hashsize")?, IMPORT_SEARCH_BUFFER);
                assert_eq!(search_setting(w.tx, "automerge")?, 0);
                let left: i64 = w.tx.query_row(
                    "SELECT count(*) FROM sqlite_master
                     WHERE name IN ('case_text_insert', 'case_text_document', 'tally_case_insert')",
                    [],
                    |r| r.get(0),
                )?;
                assert_eq!(left, 0);
                set_aside.end(w.tx, 1, 0)
            })
            .expect("write");
        assert_eq!(search_setup(&store), before);
    }

    /// Registers the same cases at once and case by case, in two stores changed alike by
    /// `schema_change`, and compares every row written.
    fn registers_as_case_by_case(schema_change: &str) {
        let checklists = crate::checklists::shipped().expect("checklists");
        let checklist = |step: Step| {
            checklists
                .iter()
                .find(|c| c.template.step() == Some(step))
                .map(|c| (&c.template, c.body.as_str()))
        };
        let (mut one_by_one, user, orgs, calls) = store_with_a_case();
        let (mut at_once, _, _, _) = store_with_a_case();
        for store in [&one_by_one, &at_once] {
            store
                .connection()
                .execute_batch(schema_change)
                .expect("schema change");
        }
        let areas = [ReformArea::Housing, ReformArea::Labour];
        let case =
            |org: usize, call: usize, title: &'static str, on: NaiveDate, areas: &[ReformArea]| {
                let call: &crate::domain::Call = &calls[call];
                ImportedCase {
                    organisation_id: orgs[org].id,
                    call_id: call.id,
                    step: call.step,
                    title,
                    received_on: on,
                    requested: Money(10_000),
                    counterpart: &orgs[org].name,
                    description: records::incoming_document(call.step),
                    reform_areas: areas.to_vec(),
                    // One case without a checklist.
                    checklist: if title.ends_with('C') {
                        None
                    } else {
                        checklist(call.step)
                    },
                }
            };
        let mut cases = vec![
            case(0, 2, "Ärende A", date(2018, 5, 2), &areas[..]),
            // Already there: differs in ASCII case only.
            case(0, 2, "trygghet i omrÅdet", date(2018, 5, 2), &[]),
            // Not the same: SQLite's lower() leaves Å as it is.
            case(0, 2, "trygghet i området", date(2018, 5, 2), &[]),
            case(1, 1, "Ärende B", date(2019, 1, 3), &areas[1..]),
            case(2, 0, "Ärende C", date(2018, 6, 1), &[]),
            // The same case twice in one import: written once.
            case(2, 0, "ÄRENDE C", date(2018, 6, 1), &[]),
        ];
        // Enough cases for several statements' worth of events.
        cases.extend(
            (0..30).map(|d| case(1, 2, "Ärende D", date(2018, 4, 16) + Duration::days(d), &[])),
        );

        // Case by case, as `bidrag import` wrote before.
        let expected = one_by_one
            .write(now(), |w| {
                let (mut written, mut skipped) = (0, 0);
                for c in &cases {
                    if w.case_exists(c.organisation_id, c.call_id, c.received_on, c.title)? {
                        skipped += 1;
                        continue;
                    }
                    let reg = w.insert_case(
                        user,
                        &NewCase {
                            call_id: c.call_id,
                            organisation_id: c.organisation_id,
                            parent_case_id: None,
                            step: c.step,
                            title: c.title,
                            received_on: c.received_on,
                            requested: c.requested,
                            checklist_id: None,
                        },
                    )?;
                    if let Some((template, body)) = c.checklist {
                        w.set_checklist(user, reg.id, template, body)?;
                    }
                    w.register_document(
                        user,
                        &NewDocument {
                            case_id: reg.id,
                            direction: Direction::Incoming,
                            date: c.received_on,
                            counterpart: c.counterpart,
                            description: c.description,
                            file_path: None,
                        },
                    )?;
                    if !c.reform_areas.is_empty() {
                        w.set_reform_areas(user, reg.id, &c.reform_areas)?;
                    }
                    w.event(
                        Some(user),
                        Some(reg.id),
                        EventKind::Imported,
                        None,
                        Some("fil.csv"),
                    )?;
                    written += 1;
                }
                Ok(ImportWritten {
                    cases: written,
                    skipped,
                })
            })
            .expect("one by one");
        let mut told = 0;
        let written = at_once
            .write(now(), |w| {
                w.register_imported(user, "fil.csv", &cases, &mut |n| told += n)
            })
            .expect("at once");
        assert_eq!(written, expected);
        assert_eq!(
            written,
            ImportWritten {
                cases: 34,
                skipped: 2
            }
        );
        assert_eq!(told, cases.len());
        assert_eq!(dump(&at_once), dump(&one_by_one));
        // The triggers and the search index's settings are as they were, and its index whole.
        assert_eq!(search_setup(&at_once), search_setup(&one_by_one));
        at_once
            .connection()
            .execute(
                "INSERT INTO case_text (case_text) VALUES ('integrity-check')",
                [],
            )
            .expect("the search index matches its text");
        let report = at_once.check().expect("check");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        // The search text is found as written by the triggers.
        let found: i64 = at_once
            .connection()
            .query_row(
                "SELECT count(*) FROM case_text WHERE case_text MATCH '\"ärende b\"'",
                [],
                |r| r.get(0),
            )
            .expect("search");
        assert_eq!(found, 1);

        // Again: everything is there now.
        let again = at_once
            .write(now(), |w| {
                w.register_imported(user, "fil.csv", &cases, &mut |_| {})
            })
            .expect("again");
        assert_eq!(
            again,
            ImportWritten {
                cases: 0,
                skipped: cases.len()
            }
        );
    }

    #[test]
    fn a_failing_event_write_fails_the_import_and_writes_nothing() {
        let (mut store, user, orgs, calls) = store_with_a_case();
        // Past the first batches, so the hashing thread is still sending when the write fails.
        store
            .connection()
            .execute_batch(
                "CREATE TRIGGER refuse BEFORE INSERT ON events
                 WHEN NEW.kind = 'imported' AND NEW.case_id > 300
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;",
            )
            .expect("trigger");
        let before = (dump(&store), search_setup(&store));
        let titles: Vec<String> = (0..1_000).map(|i| format!("Ärende {i}")).collect();
        let call = &calls[2];
        let cases: Vec<ImportedCase<'_>> = titles
            .iter()
            .map(|title| ImportedCase {
                organisation_id: orgs[1].id,
                call_id: call.id,
                step: call.step,
                title,
                received_on: date(2018, 5, 2),
                requested: Money::ZERO,
                counterpart: &orgs[1].name,
                description: records::incoming_document(call.step),
                reform_areas: Vec::new(),
                checklist: None,
            })
            .collect();
        let err = store
            .write(now(), |w| {
                w.register_imported(user, "fil.csv", &cases, &mut |_| {})
            })
            .expect_err("refused");
        assert!(err.to_string().contains("refused"), "{err}");
        // The rollback takes back the set-aside triggers and the FTS5 settings too.
        assert_eq!((dump(&store), search_setup(&store)), before);
    }

    #[test]
    fn a_case_twice_is_written_once_across_chunks() {
        let (mut store, user, orgs, calls) = store_with_a_case();
        let call = &calls[2];
        let mut titles: Vec<String> = (0..CHUNK + 10).map(|i| format!("Ärende {i}")).collect();
        // Row 1 again in the next chunk (differing in ASCII case only), and the case the
        // store has already.
        titles[CHUNK + 2] = "ÄRENDE 1".to_string();
        titles[CHUNK + 3] = "Trygghet i OMRÅDET".to_string();
        let cases: Vec<ImportedCase<'_>> = titles
            .iter()
            .map(|title| ImportedCase {
                organisation_id: orgs[0].id,
                call_id: call.id,
                step: call.step,
                title,
                received_on: date(2018, 5, 2),
                requested: Money::ZERO,
                counterpart: &orgs[0].name,
                description: records::incoming_document(call.step),
                reform_areas: Vec::new(),
                checklist: None,
            })
            .collect();
        let mut told = 0;
        let written = store
            .write(now(), |w| {
                w.register_imported(user, "fil.csv", &cases, &mut |n| told += n)
            })
            .expect("written");
        assert_eq!(
            written,
            ImportWritten {
                cases: CHUNK + 8,
                skipped: 2
            }
        );
        assert_eq!(told, cases.len());
        let report = store.check().expect("check");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }

    #[test]
    fn a_day_of_many_cases_is_asked_row_by_row_with_the_same_answers() {
        let (mut store, user, orgs, calls) = store_with_a_case();
        let (org, call, on) = (orgs[1].id, calls[2].id, date(2018, 5, 3));
        let titles: Vec<String> = (0..100).map(|i| format!("Ärende {i}")).collect();
        store
            .write(now(), |w| {
                for t in &titles {
                    w.insert_case(
                        user,
                        &NewCase {
                            call_id: call,
                            organisation_id: org,
                            parent_case_id: None,
                            step: calls[2].step,
                            title: t,
                            received_on: on,
                            requested: Money::ZERO,
                            checklist_id: None,
                        },
                    )?;
                }
                Ok(())
            })
            .expect("cases");
        let mut existing = ExistingCases::default();
        for t in titles
            .iter()
            .map(String::as_str)
            .chain(["ÄRENDE 7", "Ärende 100"])
        {
            assert_eq!(
                existing
                    .contains(&store, org, call, on, t)
                    .expect("existing"),
                store.case_exists(org, call, on, t).expect("exists"),
                "{t}"
            );
        }
        assert!(existing.many.contains(&(org, call, on)), "asked row by row");
        assert_eq!(existing.kept, 0, "nothing of that day kept");
    }

    #[test]
    fn an_existing_case_is_found_as_the_database_compares_summaries() {
        let (store, _, orgs, calls) = store_with_a_case();
        let mut existing = ExistingCases::default();
        let (org, call, on) = (orgs[0].id, calls[2].id, date(2018, 5, 2));
        for title in [
            "Trygghet i OMRÅDET",
            "TRYGGHET I OMRÅDET",
            "trygghet i omrÅdet",
            "trygghet i området",
            "Trygghet i OMRÅDET ",
        ] {
            assert_eq!(
                existing
                    .contains(&store, org, call, on, title)
                    .expect("existing"),
                store.case_exists(org, call, on, title).expect("exists"),
                "{title}"
            );
        }
        assert!(
            !existing
                .contains(&store, org, call, date(2018, 5, 3), "Trygghet i OMRÅDET")
                .expect("other day")
        );
    }
}
