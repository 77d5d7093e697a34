//! SQLite storage. All SQL lives in this module; it returns domain records.

mod admin;
pub mod bulk;
mod check;
mod derived;
mod export;
mod facts;
mod followup;
mod import_write;
mod open;
pub mod queries;
mod reference;
mod write;

pub use admin::{CallSetup, draft_of};
pub use check::{CheckReport, Problem, RuledRecord, UserDiffers};
pub use export::{Table, kronor};
pub use followup::{NewRecovery, NewReport, NewReview, SentGrant};
pub use import_write::{ExistingCases, ImportSource, ImportWritten, ImportedCase, title_key};
pub use open::{LATEST_VERSION, OpenError, create_at_version, probe};
pub use queries::{Contact, Granted, OrgCase, OrgOverview};
pub use reference::{REGULATION, SHIPPED_CHECKLISTS};
pub use write::{NewCase, NewDecision, NewDocument, Registered, Writer};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Errors from reads and writes after the database is open.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
    /// The database refused the write: it breaks a rule the schema itself enforces.
    #[error("refused by the database: {0}")]
    Rule(DbRule),
    #[error("stored value {value:?} in {column} is not valid")]
    BadValue { column: &'static str, value: String },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Someone else changed the case since it was read.
    #[error("the case was changed by {by} at {at}")]
    Conflict { by: String, at: DateTime<Utc> },
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match DbRule::raised_by(&e) {
            Some(rule) => StoreError::Rule(rule),
            None => StoreError::Sqlite(e),
        }
    }
}

/// A rule of the authority's decisions that the database enforces by trigger (migration 9),
/// whatever program writes: a write that breaks it is refused whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DbRule {
    /// Four eyes: the beslutsfattare of a decision (or återkrav decision) is not its
    /// föredragande.
    FourEyes,
    /// Jäv: the beslutsfattare has no active jäv declaration for the case's organisation.
    Jav,
}

impl DbRule {
    pub const ALL: [DbRule; 2] = [DbRule::FourEyes, DbRule::Jav];

    /// The message the triggers of migration 9 raise (`RAISE(ABORT, …)`), by which the error is
    /// known. A shipped migration never changes, and neither do these.
    pub fn message(self) -> &'static str {
        match self {
            DbRule::FourEyes => "bidrag rule four_eyes: the decider presented the proposal",
            DbRule::Jav => "bidrag rule jav: the decider declared jäv for the organisation",
        }
    }

    /// The rule a trigger refused the write by, if that is what `e` is.
    fn raised_by(e: &rusqlite::Error) -> Option<DbRule> {
        match e {
            rusqlite::Error::SqliteFailure(f, Some(text))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                DbRule::ALL.into_iter().find(|r| r.message() == text)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for DbRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DbRule::FourEyes => "four eyes: the decider presented the proposal",
            DbRule::Jav => "jäv: the decider declared jäv for the organisation",
        })
    }
}

/// SQLite's own error, for callers that must tell a busy database from a broken one.
pub type SqliteError = rusqlite::Error;

/// Is this the error of a database another process holds (busy or locked)?
pub fn is_busy(e: &SqliteError) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// An open, migrated bidrag database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if absent) the database at `path`, refusing files that are not bidrag
    /// databases or come from a newer version, without changing them.
    pub fn open(path: &Path, now: DateTime<Utc>) -> std::result::Result<Self, OpenError> {
        let conn = open::open_file(path, now)?;
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// Opens an existing database only to read it: nothing is created or migrated.
    pub fn open_read_only(path: &Path) -> std::result::Result<Self, OpenError> {
        let conn = open::open_read_only(path)?;
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A fresh in-memory database with the schema and reference data.
    pub fn open_in_memory(now: DateTime<Utc>) -> std::result::Result<Self, OpenError> {
        let conn = open::open_memory(now)?;
        Ok(Self { conn, path: None })
    }

    /// An independent in-memory copy of `source` (SQLite's backup API), set up as
    /// `open_in_memory` sets up a fresh one (`now` dates a migration, should `source` be of an
    /// older version). Tests use it to start many times from one generated demo database
    /// without generating it again.
    pub fn open_in_memory_copy_of(
        source: &Store,
        now: DateTime<Utc>,
    ) -> std::result::Result<Self, OpenError> {
        let mut conn = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&source.conn, &mut conn)?.run_to_completion(
            i32::MAX,
            std::time::Duration::ZERO,
            None,
        )?;
        let conn = open::prepare(conn, now)?;
        Ok(Self { conn, path: None })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in one transaction: all of it is written, or none.
    pub fn write<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transact(now, |_, w| f(w))
    }

    /// Runs `f` in one transaction, giving it the store to read (on the same connection, so it
    /// reads what the transaction sees) and the writer. `f` may fail with any error a storage
    /// error converts into (a service's refusal, say); then nothing is written.
    pub fn transact<T, E: From<StoreError>>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&Store, &mut Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        // IMMEDIATE: the checks and the change happen under one write lock.
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| E::from(StoreError::from(e)))?;
        let open = OpenTransaction(&self.conn);
        let pause = pause_in_write();
        let changes_before = pause.map(|_| self.conn.total_changes());
        let mut w = Writer::new(&self.conn, now);
        let out = f(self, &mut w)?;
        if let (Some(marker), Some(before)) = (pause, changes_before) {
            pause_before_commit(marker, self.conn.total_changes().saturating_sub(before));
        }
        self.conn
            .execute_batch("COMMIT")
            .map_err(|e| E::from(StoreError::from(e)))?;
        drop(open);
        Ok(out)
    }

    /// Copies the write-ahead log into the database file and empties it, so what was erased
    /// is gone from the log too (the database zeroes deleted content: secure_delete).
    pub fn checkpoint(&self) -> Result<()> {
        if self.path.is_some() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// How long a write waits for another process's lock before it gives up as busy.
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// Raw access for tests of the schema's own guarantees (triggers, foreign keys).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Rolls the transaction back unless it was committed (an error, or a panic, in the middle).
struct OpenTransaction<'c>(&'c Connection);

impl Drop for OpenTransaction<'_> {
    fn drop(&mut self) {
        if !self.0.is_autocommit() {
            let _ = self.0.execute_batch("ROLLBACK");
        }
    }
}

/// Test hook for the kill tests (`tests/it/kill.rs`, `tests/it/cli.rs`): the file named by
/// `BIDRAG_TEST_PAUSE_IN_WRITE`, if set. The variable is read once; unset, a write pays one
/// check of an initialised `OnceLock`.
fn pause_in_write() -> Option<&'static Path> {
    static MARKER: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    MARKER
        .get_or_init(|| std::env::var_os("BIDRAG_TEST_PAUSE_IN_WRITE").map(PathBuf::from))
        .as_deref()
}

/// Test hook: the first write that changed a row stops here, after its changes and before its
/// commit, creates `marker` (holding the number of rows changed) and sleeps, so that a test can
/// kill the process inside the transaction. Should no one kill it, it exits after ten minutes,
/// still without committing.
fn pause_before_commit(marker: &Path, changed: u64) {
    if changed == 0 {
        return;
    }
    // Without the marker the test fails waiting for it, saying so.
    let _ = std::fs::write(marker, changed.to_string());
    for _ in 0..600 {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    std::process::exit(101);
}

pub(crate) fn date_to_sql(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn time_to_sql(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(crate) fn date_from_sql(column: &'static str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::BadValue {
        column,
        value: s.to_string(),
    })
}

pub(crate) fn time_from_sql(column: &'static str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::BadValue {
            column,
            value: s.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::DbRule;

    #[test]
    fn every_rule_is_raised_by_migration_9_in_the_words_it_is_known_by() {
        let migration = include_str!("migrations/0009_decision_rules.sql");
        for rule in DbRule::ALL {
            let raise = format!("RAISE(ABORT, '{}')", rule.message());
            // Guarded on insert and on update, of decisions and of återkrav.
            assert_eq!(migration.matches(&raise).count(), 4, "{rule:?}");
        }
    }
}
