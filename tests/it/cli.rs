//! The real binary: command-line options and every bad database path. A refused file must be
//! left byte-for-byte as it was.

use crate::common;
use assert_cmd::Command;
use std::path::Path;
use tempfile::TempDir;

/// The binary with a private home, so no test touches the real data or config directories.
fn bidrag(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("bidrag").expect("binary");
    cmd.env_clear()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("USER", "tester")
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd
}

fn stderr_of(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_refused_unchanged(home: &TempDir, path: &Path, expect: &str) {
    let before = std::fs::read(path).expect("read before");
    let (code, err) = stderr_of(bidrag(home).arg("--db").arg(path));
    assert_ne!(code, 0, "{err}");
    assert!(err.contains(expect), "stderr: {err}");
    assert_eq!(
        std::fs::read(path).expect("read after"),
        before,
        "file changed"
    );
    let wal = path.with_extension("db-wal");
    assert!(
        !wal.exists(),
        "a WAL file was created beside a refused file"
    );
}

#[test]
fn help_lists_the_options() {
    let home = TempDir::new().expect("tmp");
    let out = bidrag(&home).arg("--help").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for opt in ["--db", "--demo", "--user", "--lang", "--config"] {
        assert!(text.contains(opt), "{opt} missing from --help");
    }
}

#[test]
fn text_file_is_refused_and_unchanged() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("notes.db");
    std::fs::write(
        &path,
        "Det här är ingen databas, bara en anteckning.\n".repeat(10),
    )
    .expect("write");
    assert_refused_unchanged(&home, &path, "är ingen SQLite-databas");
}

#[test]
fn short_garbage_file_is_refused_and_unchanged() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("tiny.db");
    std::fs::write(&path, b"SQLite").expect("write");
    assert_refused_unchanged(&home, &path, "är ingen SQLite-databas");
}

#[test]
fn directory_is_refused() {
    let home = TempDir::new().expect("tmp");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(home.path()));
    assert_eq!(code, 1);
    assert!(err.contains("är en katalog"), "{err}");
}

#[test]
fn newer_schema_is_refused_and_unchanged() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(
            "PRAGMA application_id = 1112097874; CREATE TABLE x (a); PRAGMA user_version = 99;",
        )
        .expect("setup");
    }
    assert_refused_unchanged(&home, &path, "schemaversion 99");
}

#[test]
fn foreign_sqlite_database_is_refused_and_unchanged() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1);")
            .expect("setup");
    }
    assert_refused_unchanged(&home, &path, "inte bidrags");
}

#[test]
fn unwritable_places_are_refused() {
    let home = TempDir::new().expect("tmp");
    let missing = home.path().join("no-such-folder").join("x.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&missing));
    assert_eq!(code, 1);
    assert!(
        err.contains("Kan inte skapa") && err.contains("finns inte"),
        "{err}"
    );
    assert!(!missing.exists());

    let file = home.path().join("plain-file");
    std::fs::write(&file, "x").expect("write");
    let under_file = file.join("x.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&under_file));
    assert_eq!(code, 1);
    assert!(err.contains("Kan inte skapa"), "{err}");
}

#[test]
fn bidrag_db_variable_overrides_the_default() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("env.db");
    std::fs::write(&path, "not a database at all, really not").expect("write");
    let (code, err) = stderr_of(bidrag(&home).env("BIDRAG_DB", &path));
    assert_eq!(code, 1);
    assert!(err.contains(&path.display().to_string()), "{err}");
}

#[test]
fn english_messages_with_lang_en() {
    let home = TempDir::new().expect("tmp");
    let (code, err) = stderr_of(
        bidrag(&home)
            .args(["--lang", "en", "--db"])
            .arg(home.path()),
    );
    assert_eq!(code, 1);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn bad_language_and_user_are_refused() {
    let home = TempDir::new().expect("tmp");
    let (code, err) = stderr_of(bidrag(&home).args(["--lang", "fr"]));
    assert_eq!(code, 2);
    assert!(err.contains("okänt språk \"fr\""), "{err}");
    let (code, err) = stderr_of(bidrag(&home).args(["--user", ""]));
    assert_eq!(code, 2);
    assert!(err.contains("får inte vara tomt"), "{err}");
    let (code, err) = stderr_of(bidrag(&home).args(["--user", "anna; drop"]));
    assert_eq!(code, 2);
    assert!(err.contains("--user"), "{err}");
}

#[test]
fn config_file_with_unknown_key_is_refused() {
    let home = TempDir::new().expect("tmp");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "user = \"anna\"\ncolour = \"blue\"\n").expect("write");
    let (code, err) = stderr_of(bidrag(&home).arg("--config").arg(&config));
    assert_eq!(code, 2);
    assert!(
        err.contains("config.toml") && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn without_a_terminal_nothing_is_written() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("new.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&path));
    assert_eq!(code, 1);
    assert!(err.contains("behöver en terminal"), "{err}");
    assert!(!path.exists(), "no database created without a terminal");
}

#[test]
fn init_creates_the_database_with_reference_data() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("new.db");
    let out = bidrag(&home)
        .arg("--db")
        .arg(&path)
        .arg("init")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("är klar (0 ärenden)"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    let orgs: i64 = conn
        .query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))
        .expect("count");
    assert_eq!(orgs, 311);
    let users: i64 = conn
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .expect("users");
    assert_eq!(users, 1, "init registers its account, and nobody else");
    let roles: String = conn
        .query_row("SELECT roles FROM users", [], |r| r.get(0))
        .expect("roles");
    assert_eq!(roles, "administrator", "the first user administers");
}

#[test]
fn default_database_lives_in_the_data_directory() {
    let home = TempDir::new().expect("tmp");
    let (code, err) = stderr_of(bidrag(&home).arg("init"));
    assert_eq!(code, 0, "{err}");
    let data = home.path().join("data").join("bidrag");
    assert!(
        data.join("bidrag.sqlite3").exists(),
        "no database in {}",
        data.display()
    );
    let (code, err) = stderr_of(bidrag(&home).args(["--demo", "init"]));
    assert_eq!(code, 0, "{err}");
    let demo = rusqlite::Connection::open(data.join("demo.sqlite3")).expect("open demo");
    let cases: i64 = demo
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .expect("count");
    assert!(cases >= 300);
}

#[test]
fn demo_refuses_a_database_with_real_data() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("real.db");
    let (code, _) = stderr_of(bidrag(&home).arg("--db").arg(&path).arg("init"));
    assert_eq!(code, 0);
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute(
            "INSERT INTO users (login, name, roles) VALUES ('x', 'X', 'handlaggare')",
            [],
        )
        .expect("a real user");
    let before = std::fs::read(&path).expect("read");
    let (code, err) = stderr_of(
        bidrag(&home)
            .args(["--demo", "--db"])
            .arg(&path)
            .arg("init"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("--demo"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn login_name_falls_back_to_the_system_user() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("nouser.db");
    // Without USER the login still resolves (from the system), so init goes through.
    let (code, err) = stderr_of(
        bidrag(&home)
            .env_remove("USER")
            .arg("--db")
            .arg(&path)
            .arg("init"),
    );
    assert_eq!(code, 0, "{err}");
}

fn demo_db(home: &TempDir) -> std::path::PathBuf {
    let path = home.path().join("demo.db");
    let (code, err) = stderr_of(
        bidrag(home)
            .arg("--demo")
            .arg("--db")
            .arg(&path)
            .arg("init"),
    );
    assert_eq!(code, 0, "{err}");
    path
}

#[test]
fn check_passes_a_sound_database_and_changes_nothing() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    let before = std::fs::read(&path).expect("read");
    let out = bidrag(&home)
        .arg("--db")
        .arg(&path)
        .arg("check")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("OK: databasen är hel;"), "{text}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn check_finds_an_event_edited_outside_bidrag() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "DROP TRIGGER events_no_update;
             UPDATE events SET after = '{\"forged\":true}' WHERE id = 40;",
        )
        .expect("tamper");
    }
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&path).arg("check"));
    assert_eq!(code, 1);
    assert!(
        err.contains("bruten vid händelse 40: innehållet har ändrats"),
        "{err}"
    );
}

#[test]
fn check_finds_a_removed_event() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 41;")
            .expect("tamper");
    }
    let (code, err) = stderr_of(
        bidrag(&home)
            .args(["--lang", "en", "--db"])
            .arg(&path)
            .arg("check"),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("broken at event 42: the previous hash"),
        "{err}"
    );
}

#[test]
fn check_refuses_a_file_that_is_not_bidrags() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("text.db");
    std::fs::write(&path, "hello, this is not a database at all........").expect("write");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&path).arg("check"));
    assert_eq!(code, 1);
    assert!(err.contains("är ingen SQLite-databas"), "{err}");
}

#[test]
fn a_bad_user_checklist_is_refused_with_file_item_and_rule() {
    let home = TempDir::new().expect("tmp");
    let dir = home.path().join("config").join("bidrag").join("checklists");
    std::fs::create_dir_all(&dir).expect("dir");
    let shipped = include_str!("../../assets/checklists/intresseanmalan.toml");
    let broken = shipped.replacen("rule = \"Utlysningen\"", "rule = \"\"", 1);
    std::fs::write(dir.join("min-intresseanmalan.toml"), broken).expect("write");
    let db = home.path().join("x.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("init"));
    assert_eq!(code, 2);
    assert!(err.contains("min-intresseanmalan.toml"), "{err}");
    assert!(
        err.contains("punkt inkom_i_tid: `rule` får inte vara tomt"),
        "{err}"
    );
    assert!(!db.exists(), "nothing was created");
}

#[test]
fn an_edited_checklist_that_keeps_its_version_is_refused() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("x.db");
    let path = demo_db(&home);
    let _ = db;
    let dir = home.path().join("config").join("bidrag").join("checklists");
    std::fs::create_dir_all(&dir).expect("dir");
    let shipped = include_str!("../../assets/checklists/intresseanmalan.toml");
    let edited = shipped.replacen("Kom intresseanmälan in i tid?", "Kom anmälan in i tid?", 1);
    std::fs::write(dir.join("egen.toml"), edited).expect("write");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&path).arg("init"));
    assert_eq!(code, 2);
    assert!(
        err.contains("intresseanmalan@2018.1") && err.contains("nytt versionsnummer"),
        "{err}"
    );
}

#[test]
fn export_cases_as_semicolon_csv_for_swedish_excel() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    let out = bidrag(&home)
        .arg("--db")
        .arg(&path)
        .args(["export", "cases", "--delimiter", ";"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "diarienummer;organisationsnummer;organisation;kommun;lan;utlysning;steg;status;inkommen;belopp;beviljat;handlaggare;beskrivning;reformomraden"
        )
    );
    let conn = rusqlite::Connection::open(&path).expect("open");
    let cases: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .expect("count");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("csv");
    assert_eq!(rows.len() as i64, cases);
    assert!(rows.iter().all(|r| r[0].starts_with("DELMOS 20")));
}

#[test]
fn export_decisions_as_json_into_a_new_private_file() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    let file = home.path().join("beslut.json");
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&path)
            .args(["export", "decisions", "--format", "json", "--out"])
            .arg(&file),
    );
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    let conn = rusqlite::Connection::open(&path).expect("open");
    let decisions: i64 = conn
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .expect("count");
    assert_eq!(value.as_array().map(Vec::len), Some(decisions as usize));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "readable by the owner only");
    }
    // Never overwritten.
    let before = std::fs::read(&file).expect("read");
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&path)
            .args(["export", "cases", "--out"])
            .arg(&file),
    );
    assert_eq!(code, 2);
    assert!(err.contains("finns redan"), "{err}");
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&path).args([
        "export",
        "cases",
        "--delimiter",
        "ab",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("--delimiter"), "{err}");
}

#[test]
fn backup_is_a_checked_private_copy_and_never_overwrites() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    let copy = home.path().join("kopia.db");
    let out = bidrag(&home)
        .arg("--db")
        .arg(&path)
        .arg("backup")
        .arg(&copy)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("kontrollerad"));
    let count = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .expect("open")
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .expect("count")
    };
    assert_eq!(count(&copy), count(&path));
    let (code, _) = stderr_of(bidrag(&home).arg("--db").arg(&copy).arg("check"));
    assert_eq!(code, 0);
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&path)
            .arg("backup")
            .arg(&copy),
    );
    assert_eq!(code, 2);
    assert!(err.contains("finns redan"), "{err}");
}

#[cfg(unix)]
#[test]
fn the_database_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("p.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    let mode = std::fs::metadata(&db).expect("meta").permissions().mode();
    assert_eq!(mode & 0o077, 0, "mode {mode:o}");
}

#[cfg(unix)]
#[test]
fn a_read_only_database_refuses_commands_that_write_and_stays_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let home = TempDir::new().expect("tmp");
    let db = demo_db(&home);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&db).expect("read");
    let file = home.path().join("x.csv");
    std::fs::write(
        &file,
        "organisationsnummer,inkommen,beskrivning\n212000-1124,2018-05-02,X\n",
    )
    .expect("write");
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&db)
            .args(["import", "applications"])
            .arg(&file),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("är skrivskyddad (filen eller dess mapp): importen kan inte skriva"),
        "{err}"
    );
    assert!(
        !err.contains("uppgraderas"),
        "nothing needs an upgrade: {err}"
    );
    // A dry run only reads, and works.
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&db)
            .args(["import", "applications", "--dry-run"])
            .arg(&file),
    );
    assert_eq!(code, 0, "{err}");
    // Reading still works.
    let (code, _) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("check"));
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn a_damaged_database_is_refused_and_unchanged() {
    let home = TempDir::new().expect("tmp");
    let db = demo_db(&home);
    let mut bytes = std::fs::read(&db).expect("read");
    // Keep the 100-byte header, garble the rest of the first page (the schema).
    for b in bytes.iter_mut().take(4096).skip(100) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).expect("write");
    let _ = std::fs::remove_file(db.with_extension("db-wal"));
    let _ = std::fs::remove_file(db.with_extension("db-shm"));
    assert_refused_unchanged(&home, &db, "är skadad");
}

#[cfg(unix)]
#[test]
fn an_import_killed_midway_leaves_all_or_none_of_its_rows() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("k.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    crate::common::give_all_roles(home.path(), &db);
    let file = home.path().join("big.csv");
    let mut csv = String::from("organisationsnummer,inkommen,beskrivning\n");
    for i in 0..20_000 {
        csv.push_str(&format!("212000-1124,2018-05-02,Anmälan nummer {i}\n"));
    }
    std::fs::write(&file, csv).expect("write");
    let bin = assert_cmd::cargo::cargo_bin("bidrag");
    let import_of = |file: &std::path::Path| {
        let mut cmd = std::process::Command::new(&bin);
        cmd.env_clear()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "tester")
            .arg("--db")
            .arg(&db)
            .args(["import", "applications"])
            .arg(file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    let import = || import_of(&file);
    let cases = || -> i64 {
        rusqlite::Connection::open(&db)
            .expect("open")
            .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
            .expect("count")
    };
    // The user's first act registers them, in a write of its own: one small import first, so
    // the write the kill lands in is the big import's.
    let one = home.path().join("one.csv");
    std::fs::write(
        &one,
        "organisationsnummer,inkommen,beskrivning\n212000-1124,2018-05-03,Först\n",
    )
    .expect("write");
    assert!(import_of(&one).status().expect("runs").success());
    assert_eq!(cases(), 1);
    // Killed inside the import's transaction, after all its rows and before the commit: none.
    let marker = home.path().join("paused-in-write");
    let mut child = import()
        .env(common::PAUSE_IN_WRITE, &marker)
        .spawn()
        .expect("spawn");
    let changed = common::kill_inside_write(&mut child, &marker);
    assert!(
        changed >= 20_000,
        "the import paused in a write of {changed} rows, not in its own of 20 000"
    );
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("check"));
    assert_eq!(code, 0, "after a kill inside the transaction: {err}");
    assert_eq!(cases(), 1, "rows left after a kill inside the transaction");
    // Left to commit: all of them.
    assert!(import().status().expect("runs").success());
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("check"));
    assert_eq!(code, 0, "after the import: {err}");
    assert_eq!(cases(), 20_001);
}

#[test]
fn contacts_are_listed_per_person_and_pseudonymised_or_removed_with_an_event() {
    let home = TempDir::new().expect("tmp");
    let db = demo_db(&home);
    let out = bidrag(&home)
        .arg("--db")
        .arg(&db)
        .args(["contacts", "--search", "example.org"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let list = String::from_utf8_lossy(&out.stdout).into_owned();
    let first: Vec<&str> = list
        .lines()
        .next()
        .expect("a contact")
        .split('\t')
        .collect();
    let (id, name, email) = (
        first[0].to_string(),
        first[1].to_string(),
        first[3].to_string(),
    );
    assert!(email.ends_with("@example.org"));
    let (code, err) =
        stderr_of(
            bidrag(&home)
                .arg("--db")
                .arg(&db)
                .args(["contacts", "--pseudonymise", &id]),
        );
    assert_eq!(code, 0, "{err}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (now_name, now_email): (String, String) = conn
        .query_row(
            "SELECT name, email FROM contacts WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("contact");
    assert_eq!(now_name, format!("Pseudonymiserad kontakt {id}"));
    assert_eq!(now_email, "");
    // The log records the act, not the erased data.
    let logged: String = conn
        .query_row(
            "SELECT after FROM events WHERE kind = 'contact_pseudonymised' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("event");
    assert!(!logged.contains(&name) && !logged.contains(&email));
    let dump: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE after LIKE '%' || ?1 || '%' OR before LIKE '%' || ?1 || '%'",
            [&email],
            |r| r.get(0),
        )
        .expect("search");
    assert_eq!(dump, 0, "the e-mail address is nowhere in the event log");
    let (code, _) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&db)
            .args(["contacts", "--remove", &id]),
    );
    assert_eq!(code, 0);
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--db")
            .arg(&db)
            .args(["contacts", "--remove", &id]),
    );
    assert_eq!(code, 2);
    assert!(err.contains("finns inte"), "{err}");
    let (code, _) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("check"));
    assert_eq!(code, 0);
}

#[test]
fn a_contact_named_in_a_registered_document_is_kept() {
    let home = TempDir::new().expect("tmp");
    let db = demo_db(&home);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let (id, name): (i64, String) = conn
        .query_row("SELECT id, name FROM contacts LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("contact");
    conn.execute(
        "INSERT INTO documents (case_id, sub_no, direction, doc_date, counterpart, description,
             registered_by, registered_at)
         VALUES (1, 99, 'in', '2018-05-02', ?1, 'Brev från kontaktpersonen', 1, '2018-05-02T08:00:00Z')",
        [&name],
    )
    .expect("document");
    drop(conn);
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).args([
        "contacts",
        "--remove",
        &id.to_string(),
    ]));
    assert_eq!(code, 1);
    assert!(
        err.contains("registrerade handlingar") && err.contains("-99"),
        "{err}"
    );
}

#[test]
fn a_user_keymap_with_a_conflict_is_refused_at_start_with_file_key_and_reason() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("k.db");
    let out = bidrag(&home)
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let config_dir = home.path().join("conf");
    std::fs::create_dir_all(&config_dir).expect("dir");
    let config = config_dir.join("config.toml");
    std::fs::write(&config, "").expect("config");
    let keymap = config_dir.join("keymap.toml");
    std::fs::write(&keymap, "[[home]]\naction = \"import\"\nkeys = [\"j\"]\n").expect("keymap");
    let before = std::fs::read(&db).expect("db");
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--config")
            .arg(&config)
            .arg("--db")
            .arg(&db),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&keymap.display().to_string()), "{err}");
    assert!(
        err.contains("import: key j is already bound to move_down"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).expect("db"), before, "nothing written");
    // An unknown action is refused the same way.
    std::fs::write(&keymap, "[[home]]\naction = \"fly\"\nkeys = [\"x\"]\n").expect("keymap");
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--config")
            .arg(&config)
            .arg("--db")
            .arg(&db),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("fly"), "{err}");
    // A valid one passes the check (and stops only because tests have no terminal).
    std::fs::write(&keymap, "[[home]]\naction = \"import\"\nkeys = [\"I\"]\n").expect("keymap");
    let (code, err) = stderr_of(
        bidrag(&home)
            .arg("--config")
            .arg(&config)
            .arg("--db")
            .arg(&db),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("terminal"), "{err}");
}

/// Does the database file, or its write-ahead log, hold these bytes anywhere?
fn file_holds(db: &Path, needle: &str) -> bool {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [db.to_path_buf(), std::path::PathBuf::from(wal)]
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .any(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

#[test]
fn a_removed_or_pseudonymised_contact_leaves_no_trace_in_the_file() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("b.db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    for (name, email) in [
        ("Qwxzy Borttagensson", "qwxzy.borttagen@example.org"),
        ("Vyxqz Pseudonymsdotter", "vyxqz.pseudonym@example.org"),
    ] {
        conn.execute(
            "INSERT INTO contacts (organisation_id, name, role, email, phone)
             VALUES (1, ?1, 'Kontaktperson', ?2, '070-1234567')",
            [name, email],
        )
        .expect("contact");
    }
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM contacts WHERE name LIKE '%Qwxzy%' OR name LIKE '%Vyxqz%' ORDER BY name")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("ids");
    drop(conn);
    assert!(file_holds(&db, "Qwxzy Borttagensson"));
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).args([
        "contacts",
        "--remove",
        &ids[0].to_string(),
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).args([
        "contacts",
        "--pseudonymise",
        &ids[1].to_string(),
    ]));
    assert_eq!(code, 0, "{err}");
    for gone in [
        "Qwxzy Borttagensson",
        "qwxzy.borttagen@example.org",
        "Vyxqz Pseudonymsdotter",
        "vyxqz.pseudonym@example.org",
    ] {
        assert!(!file_holds(&db, gone), "{gone} is still in the file");
    }
}

#[test]
fn a_reader_that_goes_away_is_no_error() {
    let home = TempDir::new().expect("tmp");
    let db = demo_db(&home);
    for args in [
        &["contacts"][..],
        &["export", "cases"],
        &["export", "cases", "--format", "json"],
        &["report", "granted"],
        &["report", "granted", "--format", "csv"],
        &["check"],
    ] {
        // A pipe whose reading end is closed before the command writes a byte: every write
        // fails with EPIPE, as `| head -1` makes it fail after the first line.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("bidrag"))
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "tester")
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

#[test]
fn a_delimiter_must_be_one_printable_character() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    // (A NUL cannot be passed as an argument at all.)
    for bad in [
        "\n", "\r", "\t", "\u{1b}", "\u{7f}", " ", "\"", "a", "7", ";;", "§", "",
    ] {
        for command in [
            &["export", "cases", "--delimiter"][..],
            &["report", "granted", "--format", "csv", "--delimiter"][..],
        ] {
            let out = bidrag(&home)
                .arg("--db")
                .arg(&path)
                .args(command)
                .arg(bad)
                .output()
                .expect("runs");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{bad:?} {command:?}: {err}");
            assert!(err.contains("--delimiter"), "{bad:?}: {err}");
            assert!(
                !err.contains('\u{1b}'),
                "the escape is shown escaped: {err}"
            );
            assert!(out.stdout.is_empty(), "{bad:?}: nothing written");
        }
    }
    for good in [",", ";", "|", ":"] {
        let out = bidrag(&home)
            .arg("--db")
            .arg(&path)
            .args(["export", "organisations", "--delimiter", good])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{good:?}");
    }
}

/// A tmpfs of a few KiB, mounted for a test and unmounted when dropped: a disk that fills up.
/// None where mounting is not allowed (not root, no tmpfs): the test then says so and passes.
#[cfg(target_os = "linux")]
struct TinyDisk {
    dir: TempDir,
}

#[cfg(target_os = "linux")]
impl TinyDisk {
    fn mount(kib: u32) -> Option<Self> {
        let dir = TempDir::new().ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Self { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

#[cfg(target_os = "linux")]
impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_no_partial_file_names_the_cause_and_blocks_no_retry() {
    let home = TempDir::new().expect("tmp");
    let db = demo_db(&home);
    let Some(disk) = TinyDisk::mount(8192) else {
        eprintln!("no tmpfs could be mounted (not root?): the full disk is not tried here");
        return;
    };
    // Nearly full: a few KiB free, less than any of the files below needs.
    let filler = disk.path().join("fyllnad");
    let free = |disk: &TinyDisk| {
        let out = std::process::Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(disk.path())
            .output()
            .expect("df");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .and_then(|l| l.trim().parse::<u64>().ok())
            .expect("free bytes")
    };
    let room = free(&disk) - 4096;
    std::fs::write(&filler, vec![0u8; room as usize]).expect("fill");
    let commands: Vec<(&str, Vec<&str>)> = vec![
        ("ärenden.csv", vec!["export", "cases", "--out"]),
        (
            "beslut.json",
            vec!["export", "decisions", "--format", "json", "--out"],
        ),
        (
            "beviljat.xlsx",
            vec!["report", "granted", "--format", "xlsx", "--out"],
        ),
        (
            "beviljat.csv",
            vec!["report", "granted", "--format", "csv", "--out"],
        ),
        ("beviljat.txt", vec!["report", "granted", "--out"]),
        ("kopia.db", vec!["backup"]),
    ];
    for (name, args) in &commands {
        let target = disk.path().join(name);
        let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).args(args).arg(&target));
        assert_eq!(code, 1, "{name}: {err}");
        let said = format!("Kunde inte skriva {}: ", target.display());
        assert!(err.contains(&said), "{name}: {err}");
        assert!(
            err.contains("No space left on device") || err.contains("database or disk is full"),
            "{name}: the cause is named: {err}"
        );
        assert!(
            err.contains("Ingen fil med det namnet skapades"),
            "{name}: {err}"
        );
        assert_eq!(
            disk.names(),
            ["fyllnad"],
            "{name}: no partial or temporary file"
        );
    }
    // A generated database that does not fit: refused, and nothing of it left.
    let generated = disk.path().join("stor.db");
    let (code, err) = stderr_of(
        bidrag(&home)
            .args(["demo", "--cases", "2000", "--out"])
            .arg(&generated),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("full"), "the cause is named: {err}");
    assert_eq!(
        disk.names(),
        ["fyllnad"],
        "no partial database or scratch file"
    );
    // With room again, every one goes through: nothing left behind blocks the retry.
    std::fs::remove_file(&filler).expect("room");
    for (name, args) in &commands {
        let target = disk.path().join(name);
        let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db).args(args).arg(&target));
        assert_eq!(code, 0, "{name}: {err}");
        assert!(
            std::fs::metadata(&target).expect("written").len() > 0,
            "{name}"
        );
    }
    let mut names = disk.names();
    names.retain(|n| n.starts_with('.'));
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_killed_demo_generation_leaves_no_database_and_the_next_run_removes_its_files() {
    let home = TempDir::new().expect("tmp");
    let dir = home.path().join("ut");
    std::fs::create_dir(&dir).expect("dir");
    let out = dir.join("stor.db");
    let names = || -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bidrag"))
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("USER", "tester")
        .args(["demo", "--cases", "400000", "--out"])
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Killed while the cases are loaded: the database being made has grown past the demo's
    // few MB, and the search index's scratch database is open.
    let loading = || {
        std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .any(|e| e.metadata().is_ok_and(|m| m.len() > 24 << 20))
    };
    let started = std::time::Instant::now();
    while !loading() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "the load never started: {:?}",
            names()
        );
        assert!(
            child.try_wait().expect("wait").is_none(),
            "finished before the kill"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(!out.exists(), "no database of that name, whole or not");
    let left = names();
    assert!(
        !left.is_empty()
            && left
                .iter()
                .all(|n| n.starts_with('.') && n.contains(".tmp")),
        "only hidden temporary files: {left:?}"
    );
    assert!(
        !left.iter().any(|n| n.contains(".search.")),
        "the scratch database went with the process: {left:?}"
    );
    // The next generation into the folder removes them, and makes a whole database.
    let (code, err) = stderr_of(
        bidrag(&home)
            .args(["demo", "--cases", "500", "--out"])
            .arg(&out),
    );
    assert_eq!(code, 0, "{err}");
    for name in &left {
        assert!(
            err.contains(name.as_str()),
            "{name} named as removed: {err}"
        );
    }
    assert_eq!(names(), ["stor.db"]);
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&out).arg("check"));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn check_finds_roles_set_outside_bidrag() {
    let home = TempDir::new().expect("tmp");
    let path = demo_db(&home);
    let check = |home: &TempDir| stderr_of(bidrag(home).arg("--db").arg(&path).arg("check"));
    // As bidrag set them up, every user is what their events say.
    let (code, err) = check(&home);
    assert_eq!(code, 0, "{err}");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "UPDATE users SET roles = 'handlaggare,beslutsfattare' WHERE login = 'anna';
             UPDATE users SET delegation_max_ore = 1 WHERE login = 'cecilia';
             UPDATE users SET active = 0 WHERE login = 'bertil';
             INSERT INTO users (login, name, roles) VALUES ('mallory', 'Mallory', 'administrator');",
        )
        .expect("tamper");
    }
    let (code, err) = check(&home);
    assert_eq!(code, 1);
    for line in [
        "Användaren anna har andra roller än händelserna gav",
        "Användaren cecilia har en annan delegation än händelserna gav",
        "Användaren bertil är aktiv eller avaktiverad i strid med händelserna",
        "Användaren mallory finns men ingen händelse registrerade hen",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    assert!(!err.contains("dalia"), "{err}");
}

/// A decision letter sent through the service on the demo at `path`; returns the letter's text.
fn send_a_decision_letter(path: &Path, letters: &Path) -> String {
    let mut store = crate::common::demo_store_at(path);
    let (case_id, decision_id): (i64, i64) = store
        .connection()
        .query_row(
            "SELECT c.id, d.id FROM cases c JOIN decisions d ON d.case_id = c.id
             WHERE c.state = 'beslutad' AND d.kind = 'beslut' AND d.sent_on IS NULL
             ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a decided case to send");
    let version = store.case_detail(case_id).expect("case").version;
    let checklists = crate::common::checklists();
    let anna = store.user_by_login("anna").expect("read").expect("anna");
    let ctx = bidrag::service::Ctx {
        user_id: anna.id,
        today: crate::common::today(),
        now: crate::common::now(),
        checklists: &checklists,
        letters_dir: letters,
    };
    let sent = bidrag::service::dispatch::dispatch(&mut store, &ctx, case_id, version, decision_id)
        .expect("sent");
    std::fs::read_to_string(sent).expect("the letter")
}

#[test]
fn a_letter_carries_the_chain_head_and_check_confirms_it_after_a_recomputed_rewrite() {
    use bidrag::domain::audit::{Anchor, EventContent, GENESIS, event_hash};
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("demo.db");
    let letters = home.path().join("brev");
    let letter = send_a_decision_letter(&path, &letters);
    let anchors = Anchor::find_all(&letter);
    assert_eq!(anchors.len(), 1, "{letter}");
    let anchor = &anchors[0];
    assert!(
        letter.contains(&format!(
            "Diariets kontrollvärde vid expediering: {}",
            anchor.text()
        )),
        "{letter}"
    );
    let check = |extra: &[&str]| {
        let out = bidrag(&home)
            .arg("--db")
            .arg(&path)
            .arg("check")
            .args(extra)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let dir = letters.to_str().expect("utf-8");
    let (code, out) = check(&["--anchors", dir]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 av 1 ankare finns i kedjan"), "{out}");
    let given = format!("{}:{}", anchor.event_id, anchor.hash);
    let (code, out) = check(&["--anchor", &given]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = check(&["--anchor", "12:nothex"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("är inget ankare"), "{out}");

    // History before the letter rewritten, and every hash from there on recomputed: the chain
    // is whole again, so only the anchor can tell.
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "DROP TRIGGER events_no_update;
             UPDATE events SET after = '{\"forged\":true}' WHERE id = 40;",
        )
        .expect("tamper");
        type Row = (
            i64,
            String,
            Option<i64>,
            Option<i64>,
            String,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = conn
            .prepare("SELECT id, at, user_id, case_id, kind, before, after FROM events ORDER BY id")
            .expect("prepare")
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        let mut prev = GENESIS.to_string();
        let tx = conn.unchecked_transaction().expect("tx");
        for (id, at, user_id, case_id, kind, before, after) in rows {
            let hash = event_hash(
                &prev,
                &EventContent {
                    at: &at,
                    user_id,
                    case_id,
                    kind: &kind,
                    before: before.as_deref(),
                    after: after.as_deref(),
                },
            );
            tx.execute(
                "UPDATE events SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
                rusqlite::params![prev, hash, id],
            )
            .expect("recompute");
            prev = hash;
        }
        tx.commit().expect("commit");
    }
    let (code, out) = check(&[]);
    assert_eq!(code, 0, "the recomputed chain is whole: {out}");
    let (code, out) = check(&["--anchors", dir]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("Ankaret {} i ", anchor.text()))
            && out.contains("finns inte i kedjan"),
        "{out}"
    );
    assert!(out.contains("0 av 1 ankare finns i kedjan"), "{out}");
}

#[test]
fn an_agency_letter_template_without_the_appeal_clause_is_refused_at_start() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("t.db");
    let out = bidrag(&home)
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let dir = home.path().join("config").join("bidrag").join("templates");
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("beslut.md");
    std::fs::write(
        &file,
        bidrag::io::letters::DECISION_TEMPLATE.replace("{{overklagande}}", "Kontakta oss."),
    )
    .expect("template");
    let before = std::fs::read(&db).expect("db");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains("{{overklagande}}"), "{err}");
    assert_eq!(std::fs::read(&db).expect("db"), before, "nothing written");

    // A field the letter does not have is refused by name too.
    std::fs::write(
        &file,
        format!(
            "{}\n{{{{handlaggarens_telefon}}}}\n",
            bidrag::io::letters::DECISION_TEMPLATE
        ),
    )
    .expect("template");
    let (code, err) = stderr_of(bidrag(&home).arg("--db").arg(&db));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("handlaggarens_telefon"), "{err}");
}
