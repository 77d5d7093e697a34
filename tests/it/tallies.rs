//! The counters of migration 8 (queue counts, case counts per call and organisation, a call's
//! granted, proposed and paid sums) stay equal to a recount through every kind of write, and
//! keyset windows hold exactly the rows that positions do.

use crate::common;

use bidrag::domain::search::{Anchor, CaseQuery, RowKey, Search, Sort};
use bidrag::domain::{CaseSource, CaseState, DecisionKind, Money, Outcome, Queue};
use bidrag::storage::{NewDecision, Store};
use chrono::NaiveDate;
use proptest::prelude::*;

/// What the lists themselves find: every row of the source's windows, read by position.
fn listed(store: &Store, source: CaseSource) -> Vec<i64> {
    store
        .case_window(source, 1, common::today(), 0, 1_000_000)
        .expect("window")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn assert_counts_match(store: &Store) {
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    for (queue, n) in store.queue_counts(1, common::today()).expect("counts") {
        let rows = listed(store, CaseSource::Queue(queue));
        assert_eq!(n as usize, rows.len(), "{queue:?}");
    }
    for call in store.calls().expect("calls") {
        assert_eq!(
            call.case_count as usize,
            listed(store, CaseSource::Call(call.id)).len(),
            "{}",
            call.name
        );
    }
    for org in store.organisations().expect("orgs").iter().take(40) {
        assert_eq!(
            org.case_count as usize,
            listed(store, CaseSource::Organisation(org.id)).len()
        );
    }
    let all = store
        .count_cases(CaseSource::All, 1, common::today())
        .expect("all");
    assert_eq!(all, store.count_all_cases().expect("count"));
}

#[test]
fn the_demo_counts_match_a_recount() {
    assert_counts_match(&common::demo_store());
}

#[derive(Debug, Clone)]
enum Op {
    State(usize, usize),
    Assign(usize, bool),
    Grant(usize, i64),
    Propose(usize, i64, bool),
    PayFirst(usize, i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..400usize, 0..11usize).prop_map(|(c, s)| Op::State(c, s)),
        (0..400usize, any::<bool>()).prop_map(|(c, a)| Op::Assign(c, a)),
        (0..400usize, 1..5_000_000i64).prop_map(|(c, m)| Op::Grant(c, m)),
        (0..400usize, 2..5_000_000i64, any::<bool>()).prop_map(|(c, m, y)| Op::Propose(c, m, y)),
        (0..400usize, 1..1_000_000i64).prop_map(|(c, m)| Op::PayFirst(c, m)),
    ]
}

const STATES: [CaseState; 11] = [
    CaseState::Received,
    CaseState::InProgress,
    CaseState::SupplementRequested,
    CaseState::ProposedDecision,
    CaseState::Decided,
    CaseState::Dispatched,
    CaseState::Ongoing,
    CaseState::ReportDue,
    CaseState::Closed,
    CaseState::Withdrawn,
    CaseState::WrittenOff,
];

fn apply(store: &mut Store, ids: &[i64], op: &Op) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
    let pick = |i: usize| ids[i % ids.len()];
    // A write the rules refuse (a paid instalment, say) is simply not made; the counters must
    // match either way.
    let _ = store.write(common::now(), |w| match *op {
        Op::State(c, s) => w.set_state(1, pick(c), STATES[s]),
        Op::Assign(c, a) => w.set_assignee(1, pick(c), a.then_some(1)),
        Op::Grant(c, m) => w.set_granted(1, pick(c), Money(m)),
        Op::Propose(c, m, split) => {
            let years = [
                bidrag::domain::multiyear::YearAmount {
                    year: 2026,
                    amount: Money(m - m / 2),
                },
                bidrag::domain::multiyear::YearAmount {
                    year: 2027,
                    amount: Money(m / 2),
                },
            ];
            w.insert_decision(
                1,
                &NewDecision {
                    case_id: pick(c),
                    kind: DecisionKind::Proposal,
                    decided_on: day,
                    outcome: Outcome::Granted,
                    amount: Some(Money(m)),
                    period: None,
                    motivation: "",
                    rules: "",
                    presenter_id: Some(1),
                    decider_id: None,
                    report_due_on: None,
                    appeal_text: "",
                    sent_on: None,
                    years: if split && m / 2 > 0 { &years } else { &[] },
                },
            )
            .map(|_| ())
        }
        Op::PayFirst(c, _) => w.set_state(1, pick(c), CaseState::Ongoing),
    });
    // A payment: a plan written, then its first instalment paid.
    if let Op::PayFirst(c, m) = *op {
        let case_id = pick(c);
        if store
            .write(common::now(), |w| {
                w.set_payment_plan(1, case_id, &[(day, Money(m))], None)
            })
            .is_err()
        {
            return;
        }
        let id: i64 = store
            .connection()
            .query_row(
                "SELECT id FROM instalments WHERE case_id = ?1 ORDER BY no LIMIT 1",
                [case_id],
                |r| r.get(0),
            )
            .expect("instalment");
        let _ = store.write(common::now(), |w| {
            w.mark_paid(1, case_id, id, day, Money(m))
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn every_write_keeps_the_counters(ops in prop::collection::vec(op(), 1..40)) {
        let mut store = common::demo_store();
        let ids: Vec<i64> = listed(&store, CaseSource::All);
        for op in &ops {
            apply(&mut store, &ids, op);
        }
        assert_counts_match(&store);
    }
}

/// Reads a whole list window by window, each sought from the previous one's last row.
fn by_keyset(store: &Store, query: &CaseQuery, page: usize) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    let mut anchor = Anchor::At;
    loop {
        let rows = store
            .query_window_at(query, 1, common::today(), false, &anchor, 0, page)
            .expect("window");
        let Some(last) = rows.last() else { break };
        anchor = Anchor::After(RowKey::of(last));
        out.extend(rows.iter().map(|r| r.id));
    }
    out
}

#[test]
fn keyset_windows_hold_the_rows_positions_hold() {
    let store = common::demo_store();
    for sort in Sort::ALL {
        for source in [
            CaseSource::Queue(Queue::AllOpen),
            CaseSource::Queue(Queue::Overdue),
            CaseSource::All,
            CaseSource::Call(1),
        ] {
            for text in ["", "a", "röda"] {
                let query = CaseQuery {
                    source,
                    search: Search::parse(text).expect("parses"),
                    body: false,
                    sort,
                };
                let by_position: Vec<i64> = store
                    .query_window(&query, 1, common::today(), 0, 1_000_000)
                    .expect("all")
                    .iter()
                    .map(|r| r.id)
                    .collect();
                assert_eq!(by_keyset(&store, &query, 7), by_position, "{query:?}");
                if by_position.len() < 8 {
                    continue;
                }
                // Backwards from a row: the rows just before it, in order.
                let rows = store
                    .query_window(&query, 1, common::today(), 0, 1_000_000)
                    .expect("all");
                let at = by_position.len() / 2;
                let before = store
                    .query_window_at(
                        &query,
                        1,
                        common::today(),
                        false,
                        &Anchor::Before(RowKey::of(&rows[at])),
                        0,
                        3,
                    )
                    .expect("before");
                let ids: Vec<i64> = before.iter().map(|r| r.id).collect();
                assert_eq!(ids, by_position[at - 3..at], "{query:?}");
                let end = store
                    .query_window_at(&query, 1, common::today(), false, &Anchor::End, 0, 3)
                    .expect("end");
                let ids: Vec<i64> = end.iter().map(|r| r.id).collect();
                assert_eq!(ids, by_position[by_position.len() - 3..], "{query:?}");
            }
        }
    }
}
