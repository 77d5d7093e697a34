//! The agency's set-up through the real binary: who acts (the account, never `--user` on a real
//! database), users and roles, calls and settings, and every refusal with nothing written.

use crate::common::{self, account};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

struct Db {
    home: TempDir,
    path: PathBuf,
}

impl Db {
    /// A new database made by `bidrag init`: the account is its first administratör.
    fn new() -> Db {
        let home = TempDir::new().expect("tmp");
        let path = home.path().join("team.db");
        let db = Db { home, path };
        let (code, out, err) = db.run(&["init"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("första administratör"), "{out}");
        db
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("bidrag"));
        cmd.env_clear()
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd
    }

    /// Runs bidrag with `--db` given after the subcommand, as people type it.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self
            .command()
            .args(args)
            .arg("--db")
            .arg(&self.path)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    }

    fn events(&self) -> i64 {
        rusqlite::Connection::open(&self.path)
            .expect("open")
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .expect("count")
    }

    /// Runs `args`, expects a refusal with `code` naming `words`, and nothing written.
    fn refused(&self, args: &[&str], code: i32, words: &str) {
        let before = self.events();
        let (got, _, err) = self.run(args);
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert_eq!(self.events(), before, "{args:?} wrote");
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("json")
}

const CALL_2027: [&str; 14] = [
    "call",
    "add",
    "--name",
    "2027 Intresseanmälan",
    "--step",
    "1",
    "--regulation",
    "2018:118",
    "--opens",
    "2027-01-15",
    "--closes",
    "2027-03-31",
    "--budget",
    "5 000 000",
];

#[test]
fn the_first_administrator_sets_up_users_and_a_call_and_each_change_is_an_event() {
    let db = Db::new();
    let users = json(&db.ok(&["user", "list", "--format", "json"]));
    assert_eq!(users[0]["login"], account());
    assert_eq!(users[0]["roles"], serde_json::json!(["administrator"]));
    let before = db.events();
    db.ok(&[
        "user",
        "add",
        "bea",
        "--name",
        "Bea Berg",
        "--title",
        "handläggare",
        "--roles",
        "handläggare",
    ]);
    db.ok(&[
        "user",
        "add",
        "cia",
        "--name",
        "Cia Cederlund",
        "--title",
        "enhetschef",
        "--roles",
        "beslutsfattare",
        "--outcomes",
        "bifall,delvis_bifall,avslag",
        "--max-amount",
        "1 000 000",
    ]);
    let mut call = CALL_2027.to_vec();
    call.extend([
        "--sitting",
        "2027-04-20/2027-03-31",
        "--kommuner",
        "Malmö, 0180",
    ]);
    let out = db.ok(&call);
    assert!(out.contains("2027 Intresseanmälan"), "{out}");
    db.ok(&[
        "call",
        "edit",
        "2027 intresseanmälan",
        "--budget",
        "6 000 000",
    ]);
    db.ok(&["settings", "set", "dnr_prefix", "MYND"]);
    assert_eq!(db.events(), before + 5, "one event per change");

    let users = json(&db.ok(&["user", "list", "--format", "json"]));
    let cia = users
        .as_array()
        .expect("list")
        .iter()
        .find(|u| u["login"] == "cia")
        .expect("cia");
    assert_eq!(cia["delegation"]["max_ore"], 100_000_000);
    assert_eq!(
        cia["delegation"]["outcomes"],
        serde_json::json!(["bifall", "delvis_bifall", "avslag"])
    );
    let calls = json(&db.ok(&["call", "list", "--format", "json"]));
    let c = calls
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == "2027 Intresseanmälan")
        .expect("the call");
    assert_eq!(c["budget_ore"], 600_000_000);
    assert_eq!(c["regulation"], "2018:118");
    assert_eq!(c["kommuner"], serde_json::json!(["Stockholm", "Malmö"]));
    assert_eq!(c["sittings"][0]["held_on"], "2027-04-20");
    let text = db.ok(&["user", "list"]);
    assert!(
        text.contains("bea\tBea Berg\thandläggare\thandläggare"),
        "{text}"
    );
    assert!(
        text.contains("avslag upp till 1 000 000 kr"),
        "the delegation in words: {text}"
    );
    assert!(
        db.ok(&["settings", "list"])
            .contains("dnr_prefix\tDiarienummerprefix\tMYND")
    );
    // Every user is what the events that set them up say.
    db.ok(&["check"]);
}

#[test]
fn bad_calls_are_refused_with_the_field_and_the_rule_and_nothing_is_written() {
    let db = Db::new();
    // The good call with one option's value replaced, or an option added.
    let with = |extra: &[&'static str]| {
        let mut args = CALL_2027.to_vec();
        match args.iter().position(|a| *a == extra[0]) {
            Some(i) => args[i + 1] = extra[1],
            None => args.extend_from_slice(extra),
        }
        args
    };
    db.refused(
        &with(&["--opens", "2027-04-01"]),
        1,
        "Stänger: måste vara samma dag som utlysningen öppnar eller senare",
    );
    db.refused(
        &with(&["--budget", "-5"]),
        1,
        "Budget: får inte vara negativ",
    );
    db.refused(
        &with(&["--sitting", "2027-06-01/2027-05-01"]),
        1,
        "ligger utanför utlysningens period",
    );
    db.refused(
        &with(&["--kommuner", "Malmö, Gotham"]),
        1,
        "Gotham är ingen kommun",
    );
    db.refused(
        &with(&["--name", "Utlysning\u{1b}]0;x\u{7}"]),
        1,
        "kontrolltecken",
    );
    db.refused(&with(&["--step", "7"]), 2, "steget är 1, 2, 3 eller 4");
    db.refused(&with(&["--regulation", "2019:1"]), 2, "2018:118");
    db.refused(&["call", "add", "--name", "Ofullständig"], 2, "--step");
    db.ok(&CALL_2027);
    db.refused(&CALL_2027, 1, "en annan utlysning heter så");
}

#[test]
fn bad_users_are_refused_and_the_last_administrator_stays() {
    let db = Db::new();
    let me = account();
    db.ok(&[
        "user",
        "add",
        "bea",
        "--name",
        "Bea Berg",
        "--roles",
        "handläggare",
    ]);
    db.refused(
        &[
            "user",
            "add",
            "bea",
            "--name",
            "Bea igen",
            "--roles",
            "handläggare",
        ],
        1,
        "bea finns redan",
    );
    db.refused(
        &[
            "user",
            "add",
            "b e",
            "--name",
            "X",
            "--roles",
            "handläggare",
        ],
        1,
        "kontonamnet",
    );
    db.refused(
        &[
            "user",
            "add",
            "dan",
            "--name",
            "Dan\u{1b}[2J",
            "--roles",
            "handläggare",
        ],
        1,
        "kontrolltecken",
    );
    db.refused(
        &[
            "user",
            "add",
            "dan",
            "--name",
            "Dan",
            "--title",
            "x\u{7}",
            "--roles",
            "handläggare",
        ],
        1,
        "kontrolltecken",
    );
    db.refused(
        &["user", "add", "dan", "--name", "Dan", "--roles", "chef"],
        2,
        "okänd roll",
    );
    db.refused(
        &["user", "add", "dan", "--name", "Dan"],
        1,
        "Roller: välj minst en",
    );
    db.refused(
        &[
            "user",
            "add",
            "dan",
            "--name",
            "Dan",
            "--roles",
            "handläggare",
            "--max-amount",
            "5",
        ],
        1,
        "beslutsfattare",
    );
    db.refused(
        &["user", "edit", &me, "--roles", "handläggare"],
        1,
        "sista aktiva administratören",
    );
    db.refused(
        &["user", "deactivate", &me],
        1,
        "sista aktiva administratören",
    );
    db.refused(&["user", "edit", "nobody", "--title", "x"], 1, "nobody");
}

#[test]
fn only_an_administrator_administers_and_a_deactivated_user_cannot_act() {
    let db = Db::new();
    let me = account();
    db.ok(&[
        "user",
        "add",
        "ada",
        "--name",
        "Ada",
        "--roles",
        "administratör",
    ]);
    // The account gives up its administratör role: Ada is one.
    db.ok(&["user", "edit", &me, "--roles", "handläggare"]);
    for args in [
        vec![
            "user",
            "add",
            "eve",
            "--name",
            "Eve",
            "--roles",
            "handläggare",
        ],
        vec!["user", "deactivate", "ada"],
        vec!["settings", "set", "agency_name", "Annan myndighet"],
        CALL_2027.to_vec(),
        vec!["call", "close", "1"],
    ] {
        db.refused(&args, 1, "kräver rollen administratör");
    }
    // Deactivated (by the database's other administratör, here with sqlite3 standing in for
    // Ada's own session): the account can no longer act at all.
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute("UPDATE users SET active = 0 WHERE login = ?1", [&me])
        .expect("deactivate");
    drop(conn);
    let file = db.home.path().join("a.csv");
    std::fs::write(
        &file,
        "organisationsnummer,inkommen,beskrivning\n212000-1124,2018-05-02,X\n",
    )
    .expect("write");
    db.refused(
        &["import", "applications", file.to_str().expect("utf-8")],
        1,
        "avaktiverad",
    );
}

#[test]
fn the_account_acts_and_user_is_refused_on_a_real_database() {
    let db = Db::new();
    db.refused(
        &["--user", "cecilia", "settings", "set", "agency_name", "X"],
        2,
        "bara väljas i en demodatabas",
    );
    db.refused(
        &["settings", "set", "agency_name", "X", "--user", "cecilia"],
        2,
        "bara väljas i en demodatabas",
    );
    // BIDRAG_USER, USER and LOGNAME choose nobody either.
    let before = db.events();
    let out = db
        .command()
        .env("USER", "cecilia")
        .env("LOGNAME", "cecilia")
        .args(["settings", "set", "agency_name", "Myndigheten", "--db"])
        .arg(&db.path)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(db.events(), before + 1);
    let who: String = rusqlite::Connection::open(&db.path)
        .expect("open")
        .query_row(
            "SELECT u.login FROM events e JOIN users u ON u.id = e.user_id ORDER BY e.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("who");
    assert_eq!(who, account());
    let out = db
        .command()
        .env("BIDRAG_USER", "cecilia")
        .args(["settings", "set", "agency_name", "X", "--db"])
        .arg(&db.path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_account_that_is_not_registered_is_told_to_ask_an_administrator() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("other.db");
    // A database whose users do not include this account (made by someone else).
    drop(bidrag::storage::Store::open(&path, common::now()).expect("create"));
    let db = Db {
        home,
        path: path.clone(),
    };
    let file = db.home.path().join("a.csv");
    std::fs::write(
        &file,
        "organisationsnummer,inkommen,beskrivning\n212000-1124,2018-05-02,X\n",
    )
    .expect("write");
    db.refused(
        &["import", "applications", file.to_str().expect("utf-8")],
        1,
        "Be en administratör lägga till dig",
    );
    assert_eq!(users(&path), 0, "nobody registered");
}

fn users(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .expect("open")
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_command_on_a_missing_database_says_how_to_create_it_and_creates_nothing() {
    let home = TempDir::new().expect("tmp");
    let path = home.path().join("none.db");
    let db = Db {
        home,
        path: path.clone(),
    };
    for args in [
        vec!["check"],
        vec!["user", "list"],
        vec!["call", "list"],
        vec!["import", "applications", "x.csv"],
    ] {
        let (code, _, err) = db.run(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(
            err.contains("finns inte. Skapa den med: bidrag init --db"),
            "{err}"
        );
        assert!(!path.exists(), "{args:?} created the database");
    }
}
