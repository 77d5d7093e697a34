//! Storage: schema, reference data, the event log's guarantees and the demo database.

use crate::common;

use bidrag::domain::{CaseSource, CaseState, Queue, Step};
use bidrag::storage::{LATEST_VERSION, Store};
use common::{demo_store, now, today};
use std::collections::HashSet;

#[test]
fn new_database_has_schema_and_reference_data() {
    let store = Store::open_in_memory(now()).expect("open");
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
    let orgs = store.organisations().expect("orgs");
    let kommuner = orgs
        .iter()
        .filter(|o| o.kind == bidrag::domain::OrgKind::Kommun)
        .count();
    let regioner = orgs
        .iter()
        .filter(|o| o.kind == bidrag::domain::OrgKind::Region)
        .count();
    assert_eq!((kommuner, regioner), (290, 21));
    let with_nr = orgs.iter().filter(|o| o.org_nr.is_some()).count();
    assert_eq!(
        with_nr,
        14 + 7,
        "known organisationsnummer: 14 kommuner, 7 regioner"
    );
    let calls = store.calls().expect("calls");
    assert_eq!(calls.len(), 3);
    let steps: Vec<Step> = calls.iter().map(|c| c.step).collect();
    assert!(
        steps.contains(&Step::Interest)
            && steps.contains(&Step::Mapping)
            && steps.contains(&Step::Measures)
    );
    let interest = calls
        .iter()
        .find(|c| c.step == Step::Interest)
        .expect("interest call");
    assert_eq!(
        interest.closes_on.map(|d| d.to_string()).as_deref(),
        Some("2018-05-15")
    );
}

#[test]
fn foreign_keys_and_integrity_hold() {
    let store = demo_store();
    let conn = store.connection();
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("fk check");
    assert_eq!(fk, 0);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(ok, "ok");
    let on: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(on, 1);
}

#[test]
fn event_log_refuses_update_and_delete() {
    let store = demo_store();
    let conn = store.connection();
    let before: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    let upd = conn.execute("UPDATE events SET kind = 'forged' WHERE id = 1", []);

    let err = upd.expect_err("refused");
    assert!(err.to_string().contains("append-only"));
    assert!(conn.execute("DELETE FROM events WHERE id = 1", []).is_err());
    let after: i64 = conn
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(before, after);
    let kind: String = conn
        .query_row("SELECT kind FROM events WHERE id = 1", [], |r| r.get(0))
        .expect("kind");
    assert_ne!(kind, "forged");
}

#[test]
fn notes_are_immutable() {
    let store = demo_store();
    let conn = store.connection();
    assert!(conn.execute("UPDATE notes SET body = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM notes", []).is_err());
}

#[test]
fn event_chain_links_every_event_to_the_previous() {
    let store = demo_store();
    let conn = store.connection();
    let mut stmt = conn
        .prepare("SELECT prev_hash, hash FROM events ORDER BY id")
        .expect("prepare");
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(rows.len() > 1000);
    assert_eq!(rows[0].0, bidrag::domain::audit::GENESIS);
    for pair in rows.windows(2) {
        assert_eq!(pair[1].0, pair[0].1);
    }
}

#[test]
fn demo_covers_every_step_and_state() {
    let store = demo_store();
    let conn = store.connection();
    let total: i64 = conn
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .expect("count");
    assert!(total >= 300, "demo has {total} cases");
    let mut stmt = conn
        .prepare("SELECT DISTINCT step, state FROM cases")
        .expect("prepare");
    let pairs: HashSet<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for step in 1..=4 {
        assert!(
            pairs.iter().any(|(s, _)| *s == step),
            "no case in step {step}"
        );
    }
    for state in CaseState::ALL {
        assert!(
            pairs.iter().any(|(_, s)| s == state.code()),
            "no case in state {state:?}"
        );
    }
    let users = store.users().expect("users");
    assert!(users.len() >= 3);
    for table in ["checklist_answers", "documents", "notes", "decisions"] {
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        assert!(n > 0, "demo has no {table}");
    }
}

#[test]
fn demo_has_one_application_per_organisation_and_call_but_one() {
    let store = demo_store();
    let twice: Vec<(i64, i64, i64)> = store
        .connection()
        .prepare(
            "SELECT organisation_id, call_id, count(*) FROM cases WHERE step <= 3
             GROUP BY organisation_id, call_id HAVING count(*) > 1",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        twice.len(),
        1,
        "one deliberate second application, no other: {twice:?}"
    );
    assert_eq!(twice[0].2, 2);
}

#[test]
fn demo_organisations_are_in_a_lan_and_so_is_every_granted_krona() {
    let store = demo_store();
    let conn = store.connection();
    let without: Vec<String> = conn
        .prepare("SELECT name FROM organisations WHERE county IS NULL OR county = ''")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(without.is_empty(), "without a län: {without:?}");
    let report = bidrag::io::report::text(
        &store.granted(None).expect("granted"),
        bidrag::i18n::Lang::Sv,
        "Beviljat",
    );
    assert!(!report.contains("Okänt län"), "{report}");
}

#[test]
fn demo_cases_are_registered_in_the_order_received() {
    let store = demo_store();
    let received: Vec<String> = store
        .connection()
        .prepare("SELECT received_on FROM cases ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let out_of_order = received.windows(2).filter(|w| w[1] < w[0]).count();
    assert_eq!(out_of_order, 0, "{received:?}");
}

#[test]
fn demo_is_deterministic() {
    let dump = |s: &Store| -> Vec<(i64, String, String)> {
        let mut stmt = s
            .connection()
            .prepare("SELECT id, state, title FROM cases ORDER BY id")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    // Generated afresh, compared with the run's template (another, earlier generation).
    assert_eq!(dump(&common::fresh_demo_store()), dump(&demo_store()));
}

#[test]
fn queue_counts_match_windows() {
    let store = demo_store();
    let anna = store.user_by_login("anna").expect("query").expect("anna");
    let counts = store.queue_counts(anna.id, today()).expect("counts");
    for (queue, count) in counts {
        let rows = store
            .case_window(CaseSource::Queue(queue), anna.id, today(), 0, 1000)
            .expect("window");
        assert_eq!(rows.len() as i64, count, "{queue:?}");
        assert!(count > 0, "demo queue {queue:?} is empty");
        if queue == Queue::New {
            assert!(rows.iter().all(|r| r.state == CaseState::Received));
        }
        if queue == Queue::ToDispatch {
            // Exactly the cases with a decision not yet sent (a changed one included).
            let mut unsent: Vec<i64> = store
                .connection()
                .prepare(
                    "SELECT DISTINCT case_id FROM decisions
                     WHERE kind = 'beslut' AND sent_on IS NULL ORDER BY case_id",
                )
                .expect("prepare")
                .query_map([], |r| r.get(0))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            let mut listed: Vec<i64> = rows.iter().map(|r| r.id).collect();
            listed.sort();
            unsent.sort();
            assert_eq!(listed, unsent);
            assert!(rows.iter().any(|r| r.state == CaseState::Decided));
        }
    }
}

#[test]
fn case_window_pages_without_overlap() {
    let store = demo_store();
    let src = CaseSource::Queue(Queue::AllOpen);
    let all = store.case_window(src, 1, today(), 0, 10_000).expect("all");
    let first = store.case_window(src, 1, today(), 0, 50).expect("page 1");
    let second = store.case_window(src, 1, today(), 50, 50).expect("page 2");
    assert_eq!(first[..], all[..50]);
    assert_eq!(second[..], all[50..100]);
}

#[test]
fn case_detail_shows_real_rows() {
    let store = demo_store();
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::ReadyForDecision),
            1,
            today(),
            0,
            10,
        )
        .expect("window");
    let detail = store.case_detail(rows[0].id).expect("detail");
    assert_eq!(detail.state, CaseState::ProposedDecision);
    assert!(!detail.documents.is_empty());
    assert!(!detail.answers.is_empty());
    assert!(!detail.decisions.is_empty());
    assert!(!detail.events.is_empty());
    assert!(detail.dnr.to_string().starts_with("DELMOS 20"));
}

#[test]
fn file_database_reopens_without_reseeding() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("b.db");
    {
        let mut store = Store::open(&path, now()).expect("create");
        store.write(now(), |w| w.ensure_user("anna")).expect("user");
    }
    let store = Store::open(&path, now()).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
    assert_eq!(store.organisations().expect("orgs").len(), 311);
    assert_eq!(store.calls().expect("calls").len(), 3);
    assert!(store.user_by_login("anna").expect("query").is_some());
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut store = Store::open_in_memory(now()).expect("open");
    let events_before: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    let result = store.write(now(), |w| {
        w.insert_user("x", "X", &[bidrag::domain::Role::Caseworker])?;
        // The same login twice violates UNIQUE: the whole write must roll back.
        w.insert_user("x", "X", &[bidrag::domain::Role::Caseworker])
    });
    assert!(result.is_err());
    assert!(store.user_by_login("x").expect("query").is_none());
    let events_after: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(events_before, events_after);
}

#[test]
fn diarienummer_run_per_year() {
    let store = demo_store();
    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT dnr_year, min(dnr_seq), max(dnr_seq), count(*) FROM cases GROUP BY dnr_year",
        )
        .expect("prepare");
    let rows: Vec<(i64, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(rows.len() >= 2);
    for (year, min, max, count) in rows {
        assert_eq!(
            (min, max),
            (1, count),
            "year {year} has gaps or does not start at 1"
        );
    }
}

#[test]
fn migrates_from_every_earlier_version_with_a_backup_first() {
    for from in 1..LATEST_VERSION {
        let dir = tempfile::TempDir::new().expect("tmp");
        let path = dir.path().join("old.db");
        bidrag::storage::create_at_version(&path, from, now()).expect("old database");
        {
            // A case as that version wrote it, assessed against the shipped checklist.
            let conn = rusqlite::Connection::open(&path).expect("open old");
            conn.execute_batch(
                "INSERT INTO users (login, name, roles) VALUES ('anna', 'Anna', 'handlaggare');
                 INSERT INTO cases (dnr_year, dnr_seq, call_id, organisation_id, step, state, title,
                     received_on, checklist_id, updated_at)
                 VALUES (2018, 1, 1, 1, 1, 'under_handlaggning', 'Gammalt ärende', '2018-05-02',
                     'intresseanmalan@2018.1', '2018-05-02T08:00:00Z');",
            )
            .expect("old rows");
            if from >= 2 {
                // From version 2 on, the text of the version is kept when a case takes it.
                conn.execute(
                    "INSERT INTO checklist_versions (id, step, body, stored_at)
                     VALUES ('intresseanmalan@2018.1', 1, ?1, '2018-05-02T08:00:00Z')",
                    [bidrag::storage::SHIPPED_CHECKLISTS[0].1],
                )
                .expect("kept version");
            }
        }
        let store = Store::open(&path, now()).expect("migrates");
        assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
        let detail = store.case_detail(1).expect("old case");
        assert_eq!(detail.title, "Gammalt ärende");
        let checklist = detail.checklist.expect("checklist kept by the migration");
        assert_eq!(checklist.id(), "intresseanmalan@2018.1");
        let backups: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .contains(&format!(".v{from}-"))
            })
            .collect();
        assert_eq!(backups.len(), 1, "one backup of version {from}");
    }
}

#[test]
fn a_case_keeps_its_checklist_version_when_the_files_change() {
    let mut store = demo_store();
    let anna = store.user_by_login("anna").expect("q").expect("anna");
    let case = store
        .case_window(CaseSource::Queue(Queue::New), anna.id, today(), 0, 1)
        .expect("window")[0]
        .id;
    let before = store
        .case_detail(case)
        .expect("detail")
        .checklist
        .expect("checklist");
    // A new version of the same checklist arrives; the case still shows the one it recorded.
    let mut newer = common::checklists().remove(0);
    newer.template.version = "2027.1".into();
    newer.template.items.truncate(2);
    store
        .write(now(), |w| w.store_checklist(&newer.template, &newer.body))
        .expect("store");
    let after = store
        .case_detail(case)
        .expect("detail")
        .checklist
        .expect("checklist");
    assert_eq!(before, after);
}

#[test]
fn a_stale_write_is_refused_with_who_and_when() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("shared.db");
    let mut mine = common::demo_store_at(&path);
    let mut theirs = Store::open(&path, now()).expect("second connection");
    let case = mine
        .case_window(CaseSource::Queue(Queue::New), 1, today(), 0, 1)
        .expect("window")[0]
        .id;
    let read = mine.case_detail(case).expect("detail").version;
    let bertil = theirs.user_by_login("bertil").expect("q").expect("bertil");
    theirs
        .write(now(), |w| {
            w.check_version(case, read)?;
            w.add_note(bertil.id, case, "Bertil hann före.")
        })
        .expect("their write");
    let anna = mine.user_by_login("anna").expect("q").expect("anna");
    let err = mine
        .write(now(), |w| {
            w.check_version(case, read)?;
            w.add_note(anna.id, case, "Annas anteckning")
        })
        .expect_err("stale write refused");
    match err {
        bidrag::storage::StoreError::Conflict { by, at } => {
            assert_eq!(by, "Bertil Okafor");
            assert_eq!(at, now());
        }
        other => panic!("{other:?}"),
    }
    let notes = mine.case_detail(case).expect("detail").notes;
    assert!(
        notes.iter().all(|n| n.body != "Annas anteckning"),
        "nothing written"
    );
}

#[test]
fn every_change_to_a_case_counts_in_its_version() {
    let mut store = demo_store();
    let case = store
        .case_window(CaseSource::Queue(Queue::New), 1, today(), 0, 1)
        .expect("window")[0]
        .id;
    let v0 = store.case_detail(case).expect("d").version;
    store
        .write(now(), |w| {
            w.answer_item(1, case, "syfte", bidrag::domain::Answer::Met, "")
        })
        .expect("answer");
    let v1 = store.case_detail(case).expect("d").version;
    assert!(v1 > v0, "an answer bumps the version");
    store
        .write(now(), |w| w.add_note(1, case, "x").map(|_| ()))
        .expect("note");
    assert!(store.case_detail(case).expect("d").version > v1);
}
