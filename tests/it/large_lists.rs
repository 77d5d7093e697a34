//! Lists larger than `LARGE_LIST`: a searched word is read from the text index, a common one is
//! capped at `SEARCH_CAP` newest matches ("1 000+"), short words wait for a longer one, and the
//! app shows which. Built on a generated database of 7 000 cases.

use crate::common;

use bidrag::domain::search::{Anchor, CaseQuery, RowKey, Search, Sort};
use bidrag::domain::{CaseSource, Queue};
use bidrag::storage::Store;
use bidrag::storage::queries::{LARGE_LIST, SEARCH_CAP};
use std::collections::BTreeSet;
use std::sync::{LazyLock, Mutex};

/// The large database, generated once for this module's tests, which each get a copy.
static LARGE: LazyLock<Mutex<Store>> = LazyLock::new(|| {
    let mut store = Store::open_in_memory(common::now()).expect("store");
    bidrag::demo::generate_scaled(&mut store, common::today(), &common::checklists(), 7_000)
        .expect("generate");
    Mutex::new(store)
});

fn large_store() -> Store {
    common::copy_of(&LARGE)
}

fn query(source: CaseSource, text: &str, body: bool) -> CaseQuery {
    CaseQuery {
        source,
        search: Search::parse(text).expect("parses"),
        body,
        sort: Sort::Received,
    }
}

/// The ids of every case in `source` whose text matches `fts` (an FTS5 expression), by SQL
/// written here, independently of the list code.
fn expected(store: &Store, source: CaseSource, fts: &str) -> BTreeSet<i64> {
    let in_source: BTreeSet<i64> = store
        .case_window(source, 1, common::today(), 0, 1_000_000)
        .expect("source")
        .iter()
        .map(|r| r.id)
        .collect();
    let mut stmt = store
        .connection()
        .prepare("SELECT rowid FROM case_text WHERE case_text MATCH ?1")
        .expect("prepare");
    stmt.query_map([fts], |r| r.get::<_, i64>(0))
        .expect("match")
        .map(|r| r.expect("row"))
        .filter(|id| in_source.contains(id))
        .collect()
}

fn all_rows(store: &Store, q: &CaseQuery, capped: bool) -> Vec<i64> {
    let mut out = Vec::new();
    let mut anchor = Anchor::At;
    loop {
        let rows = store
            .query_window_at(q, 1, common::today(), capped, &anchor, 0, 150)
            .expect("window");
        let Some(last) = rows.last() else { break };
        anchor = Anchor::After(RowKey::of(last));
        out.extend(rows.iter().map(|r| r.id));
    }
    out
}

/// Every window of a list read from an anchor, backwards from the end.
fn all_rows_backwards(store: &Store, q: &CaseQuery) -> Vec<i64> {
    let mut out = Vec::new();
    let mut anchor = Anchor::End;
    loop {
        let rows = store
            .query_window_at(q, 1, common::today(), false, &anchor, 0, 150)
            .expect("window");
        let Some(first) = rows.first() else { break };
        anchor = Anchor::Before(RowKey::of(first));
        out.splice(0..0, rows.iter().map(|r| r.id));
    }
    out
}

#[test]
fn a_large_list_in_deadline_order_is_read_along_the_deadline_index() {
    let store = large_store();
    let today = common::today();
    let mut q = query(CaseSource::Queue(Queue::AllOpen), "", false);
    q.sort = Sort::Deadline;
    assert!(store.walks_deadline_index(&q, 1, today).expect("shape"));
    // A small queue is sorted instead: the walk would pass too many other cases.
    let mut few = query(CaseSource::Queue(Queue::AwaitingSupplement), "", false);
    few.sort = Sort::Deadline;
    assert!(!store.walks_deadline_index(&few, 1, today).expect("shape"));

    // The order, computed here: the nearest deadline, then the id.
    let mut expected: Vec<(String, i64)> = store
        .connection()
        .prepare(
            "SELECT coalesce(supplement_due_on, report_due_on, date(received_on, '+6 months')), id
             FROM cases WHERE state NOT IN ('avslutad', 'avskriven', 'aterkallad')",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    expected.sort();
    let expected: Vec<i64> = expected.into_iter().map(|(_, id)| id).collect();
    let n = store.count_cases(q.source, 1, today).expect("n");
    assert_eq!(expected.len() as i64, n, "the open states");
    assert_eq!(all_rows(&store, &q, false), expected, "forwards");
    assert_eq!(all_rows_backwards(&store, &q), expected, "backwards");
    let middle = store
        .query_window_at(&q, 1, today, false, &Anchor::At, 1_234, 50)
        .expect("window");
    let ids: Vec<i64> = middle.iter().map(|r| r.id).collect();
    assert_eq!(ids, expected[1_234..1_284], "by position");
}

#[test]
fn a_rare_word_in_a_large_list_is_exact_and_in_the_lists_order() {
    let store = large_store();
    let source = CaseSource::All;
    assert!(store.count_cases(source, 1, common::today()).expect("n") > LARGE_LIST);
    // A word of a few organisations' names: fewer matches than the cap.
    let org = store
        .organisations()
        .expect("orgs")
        .into_iter()
        .find(|o| {
            o.case_count > 3
                && o.name
                    .split(' ')
                    .next_back()
                    .is_some_and(|w| w.chars().count() >= 3)
        })
        .expect("an organisation with cases");
    let word = org.name.split(' ').next_back().expect("word").to_string();
    let q = query(source, &word, false);
    let size = store.list_size(&q, 1, common::today()).expect("size");
    let want = expected(
        &store,
        source,
        &format!("{{dnr title organisation county}} : \"{word}\""),
    );
    assert!(
        !size.capped && size.total == want.len(),
        "{size:?} {}",
        want.len()
    );
    let rows = all_rows(&store, &q, false);
    assert_eq!(rows.iter().copied().collect::<BTreeSet<_>>(), want);
    // In received order, as the list is sorted.
    let listed = store
        .query_window(&q, 1, common::today(), 0, 1_000_000)
        .expect("rows");
    assert!(
        listed
            .windows(2)
            .all(|w| (w[0].received_on, w[0].id) <= (w[1].received_on, w[1].id))
    );
}

#[test]
fn a_common_word_is_capped_to_the_newest_matches() {
    let store = large_store();
    let q = query(CaseSource::All, "samverkan", true);
    let size = store.list_size(&q, 1, common::today()).expect("size");
    assert!(size.capped, "{size:?}");
    assert_eq!(size.total, SEARCH_CAP);
    let want = expected(&store, CaseSource::All, "\"samverkan\"");
    assert!(want.len() > SEARCH_CAP);
    let newest: Vec<i64> = want.iter().rev().take(SEARCH_CAP).copied().collect();
    // Forwards window by window (the app stops at the cap), and the same rows by position.
    let forwards: Vec<i64> = all_rows(&store, &q, true)
        .into_iter()
        .take(SEARCH_CAP)
        .collect();
    assert_eq!(forwards, newest);
    let by_position = store
        .query_window_at(&q, 1, common::today(), true, &Anchor::At, 0, 5_000)
        .expect("at");
    assert_eq!(by_position.iter().map(|r| r.id).collect::<Vec<_>>(), newest);
    // Backwards from a row, and the end of the list (the cap, not the oldest match).
    let before = store
        .query_window_at(
            &q,
            1,
            common::today(),
            true,
            &Anchor::Before(RowKey::of(&by_position[500])),
            0,
            10,
        )
        .expect("before");
    assert_eq!(
        before.iter().map(|r| r.id).collect::<Vec<_>>(),
        newest[490..500]
    );
    let end = store
        .query_window_at(&q, 1, common::today(), true, &Anchor::End, 0, 10)
        .expect("end");
    assert_eq!(
        end.iter().map(|r| r.id).collect::<Vec<_>>(),
        newest[SEARCH_CAP - 10..]
    );
}

#[test]
fn short_words_wait_for_a_longer_one_in_a_large_list() {
    let store = large_store();
    let source = CaseSource::All;
    let whole = store.count_cases(source, 1, common::today()).expect("n");
    let size = store
        .list_size(&query(source, "sa", false), 1, common::today())
        .expect("size");
    assert!(size.short_dropped);
    assert_eq!(size.total as i64, whole, "the list is not narrowed yet");
    // With a longer word the short one narrows too.
    let both = store
        .list_size(&query(source, "sa samverkan", false), 1, common::today())
        .expect("size");
    assert!(!both.short_dropped);
}

#[test]
fn the_app_says_when_a_list_is_capped() {
    let store = large_store();
    let (mut app, mut store) = common::app_on_store(store, bidrag::i18n::Lang::Sv, "anna");
    common::press(&mut app, &mut store, "f s a m v e r k a n <Enter>");
    assert!(app.cases.capped, "capped");
    assert_eq!(app.cases.total, SEARCH_CAP);
    let screen = common::screen(&app, 120, 40);
    assert!(screen.contains("1 000+"), "{screen}");
    // G goes to the last listed row; its window is read at the cap.
    common::press(&mut app, &mut store, "G");
    assert_eq!(app.cases.selected, SEARCH_CAP - 1);
    assert!(app.cases.selected_row().is_some());

    // Saved as a queue, its count on the home screen says so too.
    common::press(&mut app, &mut store, "w");
    for c in "Samverkan".chars() {
        common::press(&mut app, &mut store, &c.to_string());
    }
    common::press(&mut app, &mut store, "<C-s>");
    let screen = common::screen(&app, 120, 40);
    assert!(screen.contains("1 000+  ★ Samverkan"), "{screen}");
}
