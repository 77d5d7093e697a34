//! What durability costs per act: one write as the app makes it (a note, or an assignment; each
//! its own IMMEDIATE transaction with its event) on a file database, with `synchronous = FULL`
//! (what bidrag uses) and with `NORMAL` (what it used before). `cargo bench --bench durability`.

use bidrag::storage::Store;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::cell::Cell;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
        .single()
        .expect("time")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

fn main() {
    divan::main();
}

/// One act, alternately a note and an assignment, on the demo database in a file on the disk
/// the build uses (beside `target/`), with the given `synchronous` setting.
#[divan::bench(args = ["FULL", "NORMAL"], sample_count = 200, sample_size = 1)]
fn one_act(bencher: divan::Bencher, synchronous: &str) {
    let dir = tempfile::TempDir::new_in(env!("CARGO_TARGET_TMPDIR")).expect("tmp");
    let path = dir.path().join("acts.sqlite3");
    let checklists = bidrag::checklists::shipped().expect("checklists");
    {
        let mut store = Store::open(&path, now()).expect("create");
        bidrag::demo::generate(&mut store, today(), &checklists).expect("demo");
    }
    let mut store = Store::open(&path, now()).expect("open");
    store
        .connection()
        .pragma_update(None, "synchronous", synchronous)
        .expect("synchronous");
    let (user, _) = store.write(now(), |w| w.ensure_user("anna")).expect("user");
    let case_id: i64 = store
        .connection()
        .query_row("SELECT min(id) FROM cases", [], |r| r.get(0))
        .expect("a case");
    let n = Cell::new(0u64);
    bencher.bench_local(|| {
        let i = n.get();
        n.set(i + 1);
        store
            .write(now(), |w| {
                if i.is_multiple_of(2) {
                    w.add_note(user.id, case_id, "Ringde föreningen om budgeten.")?;
                } else {
                    w.set_assignee(user.id, case_id, (i % 4 == 1).then_some(user.id))?;
                }
                Ok(())
            })
            .expect("act");
    });
}
