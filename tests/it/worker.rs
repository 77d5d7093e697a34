//! Long work on the worker thread: progress comes back while it runs, and a cancel before the
//! write's end leaves nothing written.

use crate::common;

use bidrag::app::{CaseWrite, Effect, Msg};
use bidrag::domain::workflow::Transition;
use bidrag::service::Ctx;
use bidrag::service::worker::{Worker, run_long};
use bidrag::storage::Store;

fn events(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count")
}

/// A plan to import `n` intresseanmälningar into the demo.
fn import_plan(store: &Store, n: usize) -> bidrag::io::import::Plan {
    let mut csv = String::from("organisationsnummer,inkommen,beskrivning,utlysning\n");
    for i in 0..n {
        csv.push_str(&format!(
            "212000-1124,2018-05-02,Anmälan från arbetaren {i},2018 Intresseanmälan\n"
        ));
    }
    let mut table = bidrag::io::table::Table::open(bidrag::io::table::Input::Bytes(csv.as_bytes()))
        .expect("table");
    let plan = bidrag::io::import::plan_applications(&mut table, store, None, common::today())
        .expect("plan");
    assert!(plan.ok(), "{:?}", plan.errors);
    plan
}

/// Waits for the worker's final message, gathering the progress before it.
fn finish(worker: &Worker) -> (Vec<(usize, usize)>, Msg) {
    let mut progress = Vec::new();
    loop {
        match worker
            .results
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the worker answers")
        {
            Msg::Progress { done, total } => progress.push((done, total)),
            other => return (progress, other),
        }
    }
}

#[test]
fn an_import_on_the_worker_reports_progress_and_a_cancel_writes_nothing() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("w.sqlite3");
    let mut store = common::demo_store_at(&path);
    let (anna, _) =
        bidrag::service::admin::ensure_user(&mut store, common::now(), "anna").expect("user");
    let plan = import_plan(&store, 1_200);
    let worker =
        Worker::start(&path, common::checklists(), dir.path().join("brev")).expect("start");
    let job = || Effect::ApplyImport {
        plan: std::sync::Arc::new(plan.clone()),
        source: "arbetaren.csv".into(),
    };
    // Cancelled before it starts: nothing.
    let before = events(&store);
    worker.submit(job(), anna.id, common::today(), common::now());
    worker.cancel();
    let (_, msg) = finish(&worker);
    assert_eq!(msg, Msg::Cancelled);
    assert_eq!(events(&store), before, "nothing written");
    // Left to run: progress on the way, then all of it.
    worker.submit(job(), anna.id, common::today(), common::now());
    let (progress, msg) = finish(&worker);
    assert_eq!(msg, Msg::Imported(1_200, 0, 0));
    assert!(
        progress
            .iter()
            .any(|(done, total)| *done > 0 && *total == 1_200),
        "{progress:?}"
    );
}

#[test]
fn a_batch_cancelled_midway_writes_nothing() {
    let mut store = common::demo_store();
    let checklists = common::checklists();
    let anna = store.user_by_login("anna").expect("read").expect("anna");
    let ids: Vec<(i64, i64)> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT id, version FROM cases WHERE state = 'inkommen' ORDER BY id")
            .expect("prepare");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert!(ids.len() > 3, "the demo has new cases");
    let items: Vec<(i64, i64, CaseWrite)> = ids
        .iter()
        .map(|(id, v)| {
            (
                *id,
                *v,
                CaseWrite::Transition {
                    transition: Transition::StartHandling,
                    reason: None,
                },
            )
        })
        .collect();
    let ctx = Ctx {
        user_id: anna.id,
        today: common::today(),
        now: common::now(),
        checklists: &checklists,
        letters_dir: std::path::Path::new("brev"),
    };
    let before = events(&store);
    // Esc after the third case: the cases already changed in the transaction are rolled back.
    let stop_after_three = |done: usize, _: usize| done < 3;
    let msg = run_long(
        &mut store,
        &ctx,
        &Effect::ApplyBatch { items },
        &stop_after_three,
    );
    assert_eq!(msg, Msg::Cancelled);
    assert_eq!(events(&store), before, "nothing written");
}
