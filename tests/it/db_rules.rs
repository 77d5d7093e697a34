//! The database itself refuses a decision that breaks four eyes or jäv (migration 9), whatever
//! program writes: raw SQL on the connection, and the writer, which gets a typed error. Rows
//! written before version 9 are kept as they are, and `bidrag check` names them.

use crate::common;

use assert_cmd::Command;
use bidrag::domain::followup::{Ground, RecoveryDecision, RecoveryDecisionKind};
use bidrag::domain::{DecisionKind, Money, Outcome, Role};
use bidrag::storage::{
    DbRule, LATEST_VERSION, NewCase, NewDecision, NewRecovery, Problem, RuledRecord, Store,
    StoreError,
};
use chrono::NaiveDate;
use rusqlite::Connection;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Users anna (caseworker), cecilia and erik (decision makers), and one case; erik has declared
/// jäv for the case's organisation.
struct Setup {
    store: Store,
    anna: i64,
    cecilia: i64,
    erik: i64,
    case_id: i64,
}

fn setup() -> Setup {
    let mut store = Store::open_in_memory(common::now()).expect("store");
    let call = store.calls().expect("calls")[2].clone();
    let org = store.organisations().expect("orgs")[0].id;
    let (anna, cecilia, erik, case_id) = store
        .write(common::now(), |w| {
            let anna = w.insert_user("anna", "Anna", &[Role::Caseworker])?;
            let cecilia = w.insert_user("cecilia", "Cecilia", &[Role::DecisionMaker])?;
            let erik = w.insert_user("erik", "Erik", &[Role::DecisionMaker])?;
            let case = w.insert_case(
                anna,
                &NewCase {
                    call_id: call.id,
                    organisation_id: org,
                    parent_case_id: None,
                    step: call.step,
                    title: "Trygghet i området",
                    received_on: date(2026, 5, 2),
                    requested: Money(10_000_000),
                    checklist_id: None,
                },
            )?;
            w.declare_jav(erik, org, "Min bror är ordförande")?;
            Ok((anna, cecilia, erik, case.id))
        })
        .expect("setup");
    Setup {
        store,
        anna,
        cecilia,
        erik,
        case_id,
    }
}

fn decision(
    case_id: i64,
    kind: DecisionKind,
    presenter: i64,
    decider: Option<i64>,
) -> NewDecision<'static> {
    NewDecision {
        case_id,
        kind,
        decided_on: date(2026, 11, 28),
        outcome: Outcome::Granted,
        amount: Some(Money(5_000_000)),
        period: None,
        motivation: "",
        rules: "",
        presenter_id: Some(presenter),
        decider_id: decider,
        report_due_on: None,
        appeal_text: "",
        sent_on: None,
        years: &[],
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// Every row count a refused write could have changed.
fn counts(store: &Store) -> Vec<i64> {
    let conn = store.connection();
    [
        "SELECT count(*) FROM decisions",
        "SELECT count(*) FROM decision_years",
        "SELECT count(*) FROM events",
        "SELECT count(*) FROM recoveries WHERE decision IS NOT NULL",
        "SELECT count(*) FROM documents",
        "SELECT coalesce(sum(version), 0) FROM cases",
    ]
    .iter()
    .map(|sql| count(conn, sql))
    .collect()
}

/// The rule a raw SQL statement was refused by, as the storage layer knows it.
fn refused_by(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Option<DbRule> {
    match conn.execute(sql, params).map_err(StoreError::from) {
        Err(StoreError::Rule(rule)) => Some(rule),
        Err(other) => panic!("refused, but not by a rule: {other}"),
        Ok(_) => None,
    }
}

const INSERT_DECISION: &str =
    "INSERT INTO decisions (case_id, kind, decided_on, outcome, presenter_id, decider_id,
         created_at)
     VALUES (?1, ?2, '2026-11-28', 'bifall', ?3, ?4, '2026-11-28T10:00:00Z')";

#[test]
fn raw_sql_that_breaks_four_eyes_or_jav_is_refused_with_nothing_written() {
    let s = setup();
    let conn = s.store.connection();
    let before = counts(&s.store);
    let insert = |kind: &str, presenter: i64, decider: i64| {
        refused_by(
            conn,
            INSERT_DECISION,
            rusqlite::params![s.case_id, kind, presenter, decider],
        )
    };
    assert_eq!(insert("beslut", s.anna, s.anna), Some(DbRule::FourEyes));
    assert_eq!(insert("beslut", s.anna, s.erik), Some(DbRule::Jav));
    // The refusal is the trigger's own words, which the storage layer recognises.
    let raw = conn
        .execute(
            INSERT_DECISION,
            rusqlite::params![s.case_id, "beslut", s.cecilia, s.cecilia],
        )
        .expect_err("refused");
    assert!(
        raw.to_string().contains(DbRule::FourEyes.message()),
        "{raw}"
    );
    assert_eq!(counts(&s.store), before);

    // A proposal has no decider to hold to the rules; a decision by someone else is made.
    assert_eq!(insert("forslag", s.anna, s.anna), None);
    assert_eq!(insert("beslut", s.anna, s.cecilia), None);
    let id = conn.last_insert_rowid();
    // Nor may the decision be made to break them afterwards.
    let update = |sql: &str, value: i64| refused_by(conn, sql, rusqlite::params![value, id]);
    assert_eq!(
        update("UPDATE decisions SET decider_id = ?1 WHERE id = ?2", s.anna),
        Some(DbRule::FourEyes)
    );
    assert_eq!(
        update(
            "UPDATE decisions SET presenter_id = ?1 WHERE id = ?2",
            s.cecilia
        ),
        Some(DbRule::FourEyes)
    );
    assert_eq!(
        update("UPDATE decisions SET decider_id = ?1 WHERE id = ?2", s.erik),
        Some(DbRule::Jav)
    );
    let decider: i64 = conn
        .query_row(
            "SELECT decider_id FROM decisions WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .expect("decider");
    assert_eq!(decider, s.cecilia);

    // Once the jäv is withdrawn, erik may decide.
    let org: i64 = conn
        .query_row(
            "SELECT organisation_id FROM cases WHERE id = ?1",
            [s.case_id],
            |r| r.get(0),
        )
        .expect("org");
    conn.execute(
        "UPDATE jav SET withdrawn_at = '2026-11-28T11:00:00Z', withdrawn_reason = 'Avgått'
         WHERE user_id = ?1 AND organisation_id = ?2",
        [s.erik, org],
    )
    .expect("withdraw");
    assert_eq!(insert("beslut", s.anna, s.erik), None);
}

#[test]
fn raw_sql_that_decides_an_aterkrav_against_the_rules_is_refused() {
    let s = setup();
    let conn = s.store.connection();
    conn.execute(
        "INSERT INTO recoveries (case_id, ground, amount_ore, communicated_on, response_due_on,
             presenter_id, opened_at)
         VALUES (?1, 'outnyttjat', 1000, '2026-11-01', '2026-11-15', ?2, '2026-11-01T09:00:00Z')",
        [s.case_id, s.anna],
    )
    .expect("recovery");
    let id = conn.last_insert_rowid();
    let decide = |decider: i64| {
        refused_by(
            conn,
            "UPDATE recoveries SET decision = 'krav', decider_id = ?1, decided_on = '2026-11-28'
             WHERE id = ?2",
            rusqlite::params![decider, id],
        )
    };
    assert_eq!(decide(s.anna), Some(DbRule::FourEyes));
    assert_eq!(decide(s.erik), Some(DbRule::Jav));
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM recoveries WHERE decision IS NOT NULL"
        ),
        0
    );
    // Inserted decided, as another program might.
    let inserted = refused_by(
        conn,
        "INSERT INTO recoveries (case_id, ground, amount_ore, communicated_on, response_due_on,
             presenter_id, opened_at, decision, decider_id, decided_on)
         VALUES (?1, 'outnyttjat', 1000, '2026-11-01', '2026-11-15', ?2, '2026-11-01T09:00:00Z',
             'krav', ?3, '2026-11-28')",
        rusqlite::params![s.case_id, s.anna, s.erik],
    );
    assert_eq!(inserted, Some(DbRule::Jav));
    assert_eq!(decide(s.cecilia), None);
}

#[test]
fn the_writer_gets_a_typed_error_and_writes_nothing() {
    let mut s = setup();
    let before = counts(&s.store);
    let (case_id, anna, erik) = (s.case_id, s.anna, s.erik);
    let err = s
        .store
        .write(common::now(), |w| {
            w.insert_decision(
                anna,
                &decision(case_id, DecisionKind::Decision, anna, Some(anna)),
            )
        })
        .expect_err("four eyes");
    assert!(matches!(err, StoreError::Rule(DbRule::FourEyes)), "{err:?}");
    assert_eq!(counts(&s.store), before);

    // Through `decide`: the proposal is anna's, erik has declared jäv.
    let proposal = s
        .store
        .write(common::now(), |w| {
            w.insert_decision(anna, &decision(case_id, DecisionKind::Proposal, anna, None))
        })
        .expect("proposal");
    let before = counts(&s.store);
    let state = |store: &Store| store.case_detail(case_id).expect("case").state;
    let state_before = state(&s.store);
    let err = s
        .store
        .write(common::now(), |w| {
            w.decide(erik, case_id, proposal, date(2026, 11, 28), "", false, None)
        })
        .expect_err("jäv");
    assert!(matches!(err, StoreError::Rule(DbRule::Jav)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "refused by the database: jäv: the decider declared jäv for the organisation"
    );
    assert_eq!(counts(&s.store), before);
    assert_eq!(state(&s.store), state_before);
    // The föredragande cannot decide their own proposal either.
    let err = s
        .store
        .write(common::now(), |w| {
            w.decide(anna, case_id, proposal, date(2026, 11, 28), "", false, None)
        })
        .expect_err("four eyes");
    assert!(matches!(err, StoreError::Rule(DbRule::FourEyes)), "{err:?}");
    assert_eq!(counts(&s.store), before);

    // An återkrav decided by its föredragande or by erik: refused, nothing written.
    let recovery = s
        .store
        .write(common::now(), |w| {
            w.open_recovery(
                anna,
                case_id,
                &NewRecovery {
                    report_id: None,
                    ground: Ground::UnusedFunds,
                    amount: Money(100_000),
                    communicated_on: date(2026, 11, 1),
                    response_due: date(2026, 11, 15),
                    counterpart: "Föreningen",
                    description: "Kommunicering av återkrav",
                },
            )
        })
        .expect("recovery");
    let before = counts(&s.store);
    for (decider, rule) in [(anna, DbRule::FourEyes), (erik, DbRule::Jav)] {
        let err = s
            .store
            .write(common::now(), |w| {
                w.decide_recovery(
                    decider,
                    case_id,
                    recovery,
                    &RecoveryDecision {
                        kind: RecoveryDecisionKind::Claim,
                        waived: Money::ZERO,
                        motivation: String::new(),
                        decider: "x".into(),
                        decided_on: date(2026, 11, 28),
                        pay_by: None,
                    },
                    None,
                    "Föreningen",
                    "Beslut om återkrav",
                )
            })
            .expect_err("refused");
        assert!(matches!(err, StoreError::Rule(r) if r == rule), "{err:?}");
        assert_eq!(counts(&s.store), before);
    }
}

#[test]
fn the_demo_database_passes_the_check() {
    let store = common::demo_store();
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

/// Two rows as an older bidrag (or a hand) could write them: a decision by its own
/// föredragande and, from version 3 (jäv), one by a decider with jäv declared before it.
/// From version 6, an återkrav decided by a decider with jäv.
/// The version whose triggers refuse decisions that break four eyes or jäv.
const RULES_VERSION: i64 = 9;

fn write_breaking_rows(path: &std::path::Path, from: i64) {
    let conn = Connection::open(path).expect("open old");
    conn.execute_batch(
        "INSERT INTO users (id, login, name, roles) VALUES
             (1, 'anna', 'Anna', 'handlaggare'),
             (2, 'cecilia', 'Cecilia', 'beslutsfattare'),
             (3, 'erik', 'Erik', 'beslutsfattare');
         INSERT INTO cases (id, dnr_year, dnr_seq, call_id, organisation_id, step, state, title,
             received_on, updated_at)
         VALUES (1, 2018, 1, 1, 1, 1, 'beslutad', 'Gammalt ärende', '2018-05-02',
             '2018-06-01T08:00:00Z');
         INSERT INTO decisions (id, case_id, kind, decided_on, outcome, presenter_id,
             decider_id, created_at)
         VALUES (1, 1, 'beslut', '2018-06-01', 'positivt_besked', 2, 2, '2018-06-01T08:00:00Z');",
    )
    .expect("four eyes row");
    if from >= 3 {
        conn.execute_batch(
            "INSERT INTO jav (user_id, organisation_id, reason, declared_at)
             VALUES (3, 1, 'Styrelseledamot', '2018-05-01T08:00:00Z');
             INSERT INTO decisions (id, case_id, kind, decided_on, outcome, presenter_id,
                 decider_id, created_at)
             VALUES (2, 1, 'beslut', '2018-06-02', 'positivt_besked', 1, 3,
                 '2018-06-02T08:00:00Z');",
        )
        .expect("jäv row");
    }
    if from >= 6 {
        conn.execute_batch(
            "INSERT INTO recoveries (id, case_id, ground, amount_ore, communicated_on,
                 response_due_on, presenter_id, opened_at, decision, decider_id, decided_on)
             VALUES (1, 1, 'outnyttjat', 1000, '2018-07-01', '2018-07-15', 1,
                 '2018-07-01T08:00:00Z', 'krav', 3, '2018-08-01');",
        )
        .expect("återkrav row");
    }
}

fn expected_problems(from: i64) -> Vec<(RuledRecord, i64, DbRule)> {
    let mut out = vec![(RuledRecord::Decision, 1, DbRule::FourEyes)];
    if from >= 3 {
        out.push((RuledRecord::Decision, 2, DbRule::Jav));
    }
    if from >= 6 {
        out.push((RuledRecord::Recovery, 1, DbRule::Jav));
    }
    out
}

#[test]
fn rows_breaking_the_rules_survive_the_migration_from_every_version_and_check_names_them() {
    // Versions before 9, whose database did not yet refuse such rows.
    for from in 1..RULES_VERSION {
        let dir = tempfile::TempDir::new().expect("tmp");
        let path = dir.path().join("old.db");
        bidrag::storage::create_at_version(&path, from, common::now()).expect("old database");
        write_breaking_rows(&path, from);
        let decisions_before = count(
            &Connection::open(&path).expect("open"),
            "SELECT count(*) FROM decisions",
        );

        let store = Store::open(&path, common::now()).expect("migrates");
        assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
        let conn = store.connection();
        // Never rewritten: the rows are there as they were.
        assert_eq!(
            count(conn, "SELECT count(*) FROM decisions"),
            decisions_before
        );
        assert_eq!(
            count(conn, "SELECT decider_id FROM decisions WHERE id = 1"),
            2,
            "from version {from}"
        );
        let report = store.check().expect("check");
        // The rows' users are inserted without their events here: check names them too
        // (`cli::check_finds_roles_set_outside_bidrag`), which is not this test's point.
        let found: Vec<(RuledRecord, i64, DbRule)> = report
            .problems
            .iter()
            .filter(|p| !matches!(p, Problem::User { .. }))
            .map(|p| match p {
                Problem::Rule {
                    record,
                    id,
                    dnr,
                    rule,
                } => {
                    assert_eq!(dnr.to_string(), "DELMOS 2018/1");
                    (*record, *id, *rule)
                }
                other => panic!("from version {from}: {other:?}"),
            })
            .collect();
        assert_eq!(found, expected_problems(from), "from version {from}");

        // The rows stay usable where the rules are not touched; new ones are refused.
        conn.execute(
            "UPDATE decisions SET sent_on = '2018-06-03', sent_how = 'post' WHERE id = 1",
            [],
        )
        .expect("a kept row can still be expedited");
        assert_eq!(
            refused_by(conn, INSERT_DECISION, rusqlite::params![1, "beslut", 1, 1]),
            Some(DbRule::FourEyes),
            "from version {from}"
        );
    }
}

#[test]
fn check_on_the_command_line_names_the_decision_the_case_and_the_rule() {
    let home = tempfile::TempDir::new().expect("tmp");
    let path = home.path().join("old.db");
    bidrag::storage::create_at_version(&path, 8, common::now()).expect("old database");
    write_breaking_rows(&path, 8);
    // `bidrag init` migrates; `check` finds what the migration kept.
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("bidrag")
            .expect("binary")
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("USER", "tester")
            .arg("--db")
            .arg(&path)
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["init"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Beslut 1 i DELMOS 2018/1 bryter mot fyra ögon"),
        "{err}"
    );
    assert!(
        err.contains("Beslut 2 i DELMOS 2018/1 bryter mot jäv"),
        "{err}"
    );
    assert!(
        err.contains("Återkravsbeslut 1 i DELMOS 2018/1 bryter mot jäv"),
        "{err}"
    );
    let (code, err) = run(&["--lang", "en", "check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Decision 1 in DELMOS 2018/1 breaks four eyes"),
        "{err}"
    );
}

#[test]
fn a_jav_declared_after_the_decision_is_no_problem() {
    let mut s = setup();
    let (case_id, anna, cecilia) = (s.case_id, s.anna, s.cecilia);
    let org: i64 = count(
        s.store.connection(),
        &format!("SELECT organisation_id FROM cases WHERE id = {case_id}"),
    );
    let later = common::now() + chrono::Duration::hours(1);
    s.store
        .write(common::now(), |w| {
            w.insert_decision(
                cecilia,
                &decision(case_id, DecisionKind::Decision, anna, Some(cecilia)),
            )
        })
        .expect("decision");
    s.store
        .write(later, |w| {
            w.declare_jav(cecilia, org, "Nyligen invald i styrelsen")
        })
        .expect("jäv");
    let report = s.store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
