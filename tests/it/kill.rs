//! A batch action killed (SIGKILL) in the middle: the database passes `bidrag check` and holds
//! all or none of the batch's changes. The batch runs in a child process (this test binary
//! again, running the ignored `kill::batch_child`), through the same app code as the TUI; the
//! test hook `BIDRAG_TEST_PAUSE_IN_WRITE` holds it inside the transaction, after its changes
//! and before its commit, until it is killed there.

use crate::common;

use bidrag::app::{App, Keymap};
use bidrag::domain::{CaseSource, Queue};
use bidrag::i18n::Lang;
use bidrag::service::drive;
use bidrag::storage::Store;

const DB_VAR: &str = "BIDRAG_KILL_TEST_DB";

fn assigned(db: &std::path::Path) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM cases WHERE assignee_id = (SELECT id FROM users WHERE login = ?1)",
            [common::account()],
            |r| r.get(0),
        )
        .expect("count")
}

/// Marks every case in "Nya" and assigns them all to the acting user in one batch.
#[test]
#[ignore = "the child process of a_batch_killed_midway_is_all_or_none"]
fn batch_child() {
    let Ok(db) = std::env::var(DB_VAR) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&db), common::now()).expect("open");
    // The account that ran `init` and the import: the database's first administratör.
    let user = store
        .users()
        .expect("users")
        .into_iter()
        .find(|u| u.has(bidrag::domain::Role::Administrator))
        .expect("the first administratör");
    let mut app = App::new(
        Lang::Sv,
        user,
        common::today(),
        db.clone(),
        Keymap::default_map(),
        common::checklists(),
    );
    let start = app.start();
    drive(&mut app, &mut store, start, &common::now);
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::New),
            app.user.id,
            common::today(),
            0,
            1_000_000,
        )
        .expect("rows");
    for r in rows {
        app.marked.insert(r.id, r);
    }
    common::press(&mut app, &mut store, "<Enter> a <C-s>");
    eprintln!("batch finished: {:?}", app.status);
}

fn events(db: &std::path::Path) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count")
}

#[cfg(unix)]
#[test]
fn a_batch_killed_midway_is_all_or_none() {
    let home = tempfile::TempDir::new().expect("tmp");
    let db = home.path().join("k.db");
    let bin = assert_cmd::cargo::cargo_bin("bidrag");
    let run = |args: &[&str]| {
        std::process::Command::new(&bin)
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "tester")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("runs")
    };
    assert!(run(&["init"]).status.success());
    common::give_all_roles(home.path(), &db);
    // Enough new cases that the batch is a large transaction.
    let file = home.path().join("many.csv");
    let mut csv = String::from("organisationsnummer,inkommen,beskrivning\n");
    for i in 0..3_000 {
        csv.push_str(&format!("212000-1124,2018-05-02,Anmälan nummer {i}\n"));
    }
    std::fs::write(&file, csv).expect("write");
    let out = run(&["import", "applications", file.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let total: i64 = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM cases WHERE state = 'inkommen'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(total, 3_000);
    // The child: this test binary again, running only the ignored batch_child.
    let me = std::env::current_exe().expect("test binary");
    let child = || {
        let mut cmd = std::process::Command::new(&me);
        cmd.env(DB_VAR, &db)
            .env("HOME", home.path())
            .env_remove(common::PAUSE_IN_WRITE)
            .args(["--exact", "kill::batch_child", "--ignored", "--nocapture"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    // Killed inside the batch's transaction, after all its changes and before the commit:
    // none of them is left, and the database is sound.
    let events_before = events(&db);
    let marker = home.path().join("paused-in-write");
    let mut paused = child()
        .env(common::PAUSE_IN_WRITE, &marker)
        .spawn()
        .expect("spawn");
    let changed = common::kill_inside_write(&mut paused, &marker);
    assert!(
        changed >= total as u64,
        "the child paused in a write of {changed} rows, not in the batch of {total} cases"
    );
    let out = run(&["check"]);
    assert!(
        out.status.success(),
        "after a kill inside the transaction: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        assigned(&db),
        0,
        "cases assigned after a kill inside the transaction"
    );
    assert_eq!(
        events(&db),
        events_before,
        "events written after a kill inside the transaction"
    );
    // Left to commit: all of them.
    let out = child().output().expect("runs");
    assert!(out.status.success());
    let out = run(&["check"]);
    assert!(
        out.status.success(),
        "after the batch: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(assigned(&db), total);
    assert!(events(&db) > events_before);
}
