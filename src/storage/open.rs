//! Opening a database file safely: nothing is written until the file is known to be a bidrag
//! database of a version this program understands.

use super::reference;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Ordered migrations; the index + 1 is the schema version they lead to.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_checklist_versions.sql"),
    include_str!("migrations/0003_decisions.sql"),
    include_str!("migrations/0004_reform_areas.sql"),
    include_str!("migrations/0005_search.sql"),
    include_str!("migrations/0006_followup.sql"),
    include_str!("migrations/0007_multiyear.sql"),
    include_str!("migrations/0008_tallies.sql"),
    include_str!("migrations/0009_decision_rules.sql"),
    include_str!("migrations/0010_agency.sql"),
    include_str!("migrations/0011_unsent.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks a file as a bidrag database ("BIDR").
const APPLICATION_ID: i64 = 0x4249_4452;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0} is a directory, not a database file")]
    IsDirectory(PathBuf),
    #[error("{0} is not a SQLite database")]
    NotADatabase(PathBuf),
    #[error("{0} is damaged")]
    Corrupt(PathBuf),
    #[error("{0} is a SQLite database, but not a bidrag database")]
    ForeignDatabase(PathBuf),
    #[error(
        "{path} has schema version {found}, newer than this bidrag understands ({supported}); use a newer bidrag"
    )]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("cannot create {path}: the folder {folder} does not exist")]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot create {path}: {reason}")]
    CannotCreate { path: PathBuf, reason: String },
    #[error("cannot open {path}: {reason}")]
    CannotOpen { path: PathBuf, reason: String },
    #[error("the database could not be prepared: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the reference data could not be loaded: {0}")]
    Seed(#[from] super::StoreError),
}

/// Everything that refuses a database path, without writing anything: a directory, a missing
/// folder, a file that is not SQLite, another program's database, a newer bidrag's. Returns
/// whether the file exists.
pub fn probe(path: &Path) -> Result<bool, OpenError> {
    let exists = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(OpenError::IsDirectory(path.to_path_buf())),
        Ok(_) => true,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            false
        }
        Err(e) => {
            return Err(OpenError::CannotOpen {
                path: path.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    if !exists {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            return Err(OpenError::MissingFolder {
                path: path.to_path_buf(),
                folder: parent.to_path_buf(),
            });
        }
        return Ok(false);
    }
    check_header(path)?;
    // A read-only, immutable look: closing a read-write connection can checkpoint a left-over
    // WAL into a file that is about to be refused, and even a read-only one creates WAL side
    // files. "immutable" makes SQLite touch nothing but the file's own bytes.
    let probe = Connection::open_with_flags(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| OpenError::CannotOpen {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let (app_id, version, objects) = read_identity(&probe).map_err(|e| identity_error(path, e))?;
    drop(probe);
    refuse_foreign_or_newer(path, app_id, version, objects)?;
    Ok(true)
}

/// "file:/path/x.db?immutable=1", the path's URI-special characters escaped.
fn immutable_uri(path: &Path) -> String {
    let mut out = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push_str("?immutable=1");
    out
}

pub(super) fn open_file(path: &Path, now: DateTime<Utc>) -> Result<Connection, OpenError> {
    let exists = probe(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| {
        if exists {
            OpenError::CannotOpen {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }
        } else {
            OpenError::CannotCreate {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }
        }
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if !exists {
        // The database holds personal data: readable by its owner only. SQLite gives the WAL
        // and shared-memory files the same permissions as the database file.
        owner_only(path);
    }
    let (app_id, version, objects) = read_identity(&conn).map_err(|e| identity_error(path, e))?;
    refuse_foreign_or_newer(path, app_id, version, objects)?;
    if version > 0 && version < LATEST_VERSION {
        backup_before_migration(&conn, path, version, now)?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| OpenError::CannotOpen {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    prepare(conn, now)
}

pub(super) fn open_read_only(path: &Path) -> Result<Connection, OpenError> {
    if !probe(path)? {
        return Err(OpenError::CannotOpen {
            path: path.to_path_buf(),
            reason: std::io::Error::from(std::io::ErrorKind::NotFound).to_string(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| OpenError::CannotOpen {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    // Reading needs bidrag's tables: an empty file is not a bidrag database either.
    let (app_id, _, _) = read_identity(&conn).map_err(|e| identity_error(path, e))?;
    if app_id != APPLICATION_ID {
        return Err(OpenError::ForeignDatabase(path.to_path_buf()));
    }
    Ok(conn)
}

pub(super) fn open_memory(now: DateTime<Utc>) -> Result<Connection, OpenError> {
    prepare(Connection::open_in_memory()?, now)
}

pub(super) fn prepare(mut conn: Connection, now: DateTime<Utc>) -> Result<Connection, OpenError> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted and overwritten personal data (contacts) is zeroed, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Every commit is on disk before it is acknowledged: with WAL, NORMAL syncs only at
    // checkpoints, and a power cut can take the last acts back. Only the bulk load of a file
    // being created (`demo --cases`) turns this off, for its own transaction.
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Sorting and union sets of a large list stay in memory rather than in temporary files.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    migrate(&mut conn, now)?;
    Ok(conn)
}

/// Reads the header without SQLite so a file that is not a database is never touched.
fn check_header(path: &Path) -> Result<(), OpenError> {
    let mut file = std::fs::File::open(path).map_err(|e| OpenError::CannotOpen {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(OpenError::CannotOpen {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        }
    }
    if read == 0 {
        // SQLite treats an empty file as an empty database; so do we.
        return Ok(());
    }
    if read < header.len() || &header[..16] != SQLITE_HEADER {
        return Err(OpenError::NotADatabase(path.to_path_buf()));
    }
    let version = i64::from(u32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    if version > LATEST_VERSION {
        return Err(OpenError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

fn identity_error(path: &Path, e: rusqlite::Error) -> OpenError {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            OpenError::NotADatabase(path.to_path_buf())
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseCorrupt => {
            OpenError::Corrupt(path.to_path_buf())
        }
        other => OpenError::CannotOpen {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    }
}

/// A file of another program, or of a newer bidrag, is refused before anything is written.
/// An empty database (no application id, no objects) is one bidrag may fill.
fn refuse_foreign_or_newer(
    path: &Path,
    app_id: i64,
    version: i64,
    objects: i64,
) -> Result<(), OpenError> {
    if app_id != APPLICATION_ID && (app_id != 0 || objects > 0) {
        return Err(OpenError::ForeignDatabase(path.to_path_buf()));
    }
    if version > LATEST_VERSION {
        return Err(OpenError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

fn read_identity(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app_id, version, objects))
}

/// Copies the database beside itself ("bidrag.db.v1-20261128T101500Z.bak") before a migration,
/// so a failed or unwanted migration can be undone by hand.
pub(super) fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    version: i64,
    now: DateTime<Utc>,
) -> Result<PathBuf, OpenError> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}-{}.bak", now.format("%Y%m%dT%H%M%SZ")));
    let target = PathBuf::from(name);
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()])
        .map_err(|e| OpenError::CannotCreate {
            path: target.clone(),
            reason: e.to_string(),
        })?;
    owner_only(&target);
    Ok(target)
}

/// Makes a file readable and writable by its owner only (no-op where there are no such modes).
pub fn owner_only(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn migrate(conn: &mut Connection, now: DateTime<Utc>) -> Result<(), OpenError> {
    migrate_to(conn, LATEST_VERSION, now)
}

/// Creates a database file as an earlier version of bidrag left it, to test migrations from it.
#[doc(hidden)]
pub fn create_at_version(path: &Path, target: i64, now: DateTime<Utc>) -> Result<(), OpenError> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate_to(&mut conn, target, now)
}

fn migrate_to(conn: &mut Connection, target: i64, now: DateTime<Utc>) -> Result<(), OpenError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current >= target {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current || version > target {
            continue;
        }
        tx.execute_batch(sql)?;
        if version == 1 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            reference::seed(&tx, now)?;
        }
        if version == 2 {
            reference::store_referenced_checklists(&tx, now)?;
        }
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn backup_before_migration_is_a_full_copy() {
        let dir = std::env::temp_dir().join(format!("bidrag-backup-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("b.db");
        let now = Utc
            .with_ymd_and_hms(2026, 11, 28, 10, 15, 0)
            .single()
            .expect("time");
        let conn = open_file(&path, now).expect("create");
        let target = backup_before_migration(&conn, &path, 1, now).expect("backup");
        assert!(
            target
                .to_string_lossy()
                .ends_with("b.db.v1-20261128T101500Z.bak")
        );
        let copy = Connection::open(&target).expect("open copy");
        let orgs: i64 = copy
            .query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))
            .expect("count");
        assert_eq!(orgs, 311);
        drop(copy);
        drop(conn);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_database_syncs_every_commit() {
        let dir = tempfile::TempDir::new().expect("tmp");
        let path = dir.path().join("s.db");
        let now = Utc
            .with_ymd_and_hms(2026, 11, 28, 10, 15, 0)
            .single()
            .expect("time");
        for _ in 0..2 {
            // Created, then opened again.
            let conn = open_file(&path, now).expect("open");
            let journal: String = conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .expect("journal");
            let synchronous: i64 = conn
                .query_row("PRAGMA synchronous", [], |r| r.get(0))
                .expect("synchronous");
            // 2: FULL, the WAL synced at every commit.
            assert_eq!((journal.as_str(), synchronous), ("wal", 2));
        }
    }
}
