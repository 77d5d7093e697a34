//! Multi-year grants (issue 6): a decision grants an amount per year; later years show as
//! commitments against the call budgets of those years. Through the keys, the storage and the
//! migration, and property tests for the split.

use crate::common;

use bidrag::app::{App, Modal, Screen};
use bidrag::domain::decision::is_grant;
use bidrag::domain::multiyear::{self, YearAmount, YearsError};
use bidrag::domain::workflow::Transition;
use bidrag::domain::{CaseSource, CaseState, Money, Queue, Step};
use bidrag::i18n::Lang;
use bidrag::storage::Store;
use chrono::{Datelike, NaiveDate};
use common::{app_on_demo, draw, now, press, reopen, today, type_text};
use proptest::prelude::*;

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn one(store: &Store, sql: &str, id: i64) -> i64 {
    store
        .connection()
        .query_row(sql, [id], |r| r.get(0))
        .expect("query")
}

fn screen_text(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, &bidrag::ui::Theme::mono(), width, height);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// A grant proposal in "Redo för beslut", taken back to handling by `app`'s user so that a new
/// proposal can be made; returns the case.
fn grant_case_back_in_handling(app: &mut App, store: &mut Store) -> i64 {
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::ReadyForDecision),
            app.user.id,
            today(),
            0,
            100,
        )
        .expect("window");
    let case = rows
        .iter()
        .map(|r| store.case_detail(r.id).expect("detail"))
        .find(|d| d.step == Step::Measures && d.proposal().is_some_and(|p| is_grant(p.outcome)))
        .expect("a grant proposal in step 3")
        .id;
    reopen(app, store, case);
    assert_eq!(app.screen, Screen::Case);
    choose(app, store, Transition::Reopen);
    type_text(app, store, "Förslaget görs om med belopp per år.");
    press(app, store, "<C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.state, CaseState::InProgress, "{}", status(app));
    case
}

fn choose(app: &mut App, store: &mut Store, t: Transition) {
    press(app, store, "s");
    common::pick_transition(app, store, t);
}

/// Opens the proposal form for a full bifall and moves to "Belopp per år" (motivering, rules,
/// then the split).
fn proposal_form_at_years(app: &mut App, store: &mut Store) {
    choose(app, store, Transition::Propose);
    assert!(
        matches!(app.modal, Some(Modal::Picker(_))),
        "outcome picker"
    );
    press(app, store, "<Enter>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("no proposal form")
    };
    assert_eq!(form.focus, 4, "the motivering first");
    press(app, store, "<Tab> <Tab>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("no proposal form")
    };
    assert_eq!(
        form.fields[form.focus].id,
        bidrag::app::form::FieldId::Years,
        "the last field"
    );
}

fn form_error(app: &App) -> String {
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("the form closed: {}", status(app))
    };
    form.error
        .as_ref()
        .map(|e| e.message.clone())
        .unwrap_or_default()
}

#[test]
fn multi_year_commitments_in_the_budget_view() {
    let (mut anna, mut store) = app_on_demo(Lang::Sv, "anna");
    // Next year's call for insatser, as the agency would open it.
    let next = today().year() + 1;
    let later_call = store
        .write(now(), |w| {
            w.insert_call(
                &format!("{next} Insatser (flerårig test)"),
                Step::Measures,
                bidrag::storage::REGULATION,
                NaiveDate::from_ymd_opt(next, 2, 1).expect("date"),
                Some(NaiveDate::from_ymd_opt(next, 3, 31).expect("date")),
                Money::from_kronor(20_000_000).expect("money"),
            )
        })
        .expect("call");
    // The demo's commitments for next year, "utan utlysning" until now, find this call.
    let committed_before = store.call_budget(later_call).expect("budget").committed;
    assert!(committed_before.ore() > 0);
    assert!(
        store
            .unassigned_commitments()
            .expect("unassigned")
            .iter()
            .all(|(y, s, _)| (*y, *s) != (next, Step::Measures))
    );

    let case = grant_case_back_in_handling(&mut anna, &mut store);
    let d = anna.case_view.as_ref().expect("open").detail.clone();
    let own_before = store.call_budget(d.call.id).expect("budget");
    let requested = d.requested;
    let later = Money(requested.ore() / 100 * 40);
    let first = Money(requested.ore() - later.ore());
    let split = format!(
        "{}: {}; {next}: {}",
        today().year(),
        first.format_number(),
        later.format_number()
    );
    proposal_form_at_years(&mut anna, &mut store);
    type_text(&mut anna, &mut store, &split);
    press(&mut anna, &mut store, "<C-s>");
    assert!(anna.modal.is_none(), "{}", form_error(&anna));
    reopen(&mut anna, &mut store, case);
    let p = anna
        .case_view
        .as_ref()
        .expect("open")
        .detail
        .proposal()
        .expect("proposal")
        .clone();
    assert_eq!(
        p.years,
        vec![
            YearAmount {
                year: today().year(),
                amount: first
            },
            YearAmount {
                year: next,
                amount: later
            }
        ]
    );
    // Proposed: only the first year counts against the own call.
    let own = store.call_budget(d.call.id).expect("budget");
    assert_eq!(own.proposed.ore() - own_before.proposed.ore(), first.ore());

    // Cecilia decides it.
    let (user, _) = store
        .write(now(), |w| w.ensure_user("cecilia"))
        .expect("user");
    let mut cecilia = App::new(
        Lang::Sv,
        user,
        today(),
        "demo.sqlite3".into(),
        bidrag::app::Keymap::default_map(),
        common::checklists(),
    );
    let start = cecilia.start();
    bidrag::service::drive(&mut cecilia, &mut store, start, &now);
    reopen(&mut cecilia, &mut store, case);
    press(&mut cecilia, &mut store, "b <C-s>");
    if cecilia.modal.is_some() {
        // Over budget: the explicit confirmation.
        press(&mut cecilia, &mut store, "<C-s>");
    }
    assert!(cecilia.modal.is_none(), "{}", status(&cecilia));
    reopen(&mut cecilia, &mut store, case);
    let d = cecilia.case_view.as_ref().expect("open").detail.clone();
    assert_eq!(d.state, CaseState::Decided);
    assert_eq!(d.granted, Some(requested));
    let dec = d.decision().expect("decision");
    assert_eq!(dec.years, p.years, "the decision keeps the split");

    // The later year is a commitment against next year's call; the own call counts the first.
    let later_budget = store.call_budget(later_call).expect("budget");
    assert_eq!(
        later_budget.committed.ore() - committed_before.ore(),
        later.ore()
    );
    assert_eq!(
        later_budget.remaining(),
        Money(later_budget.budget.ore() - later_budget.committed.ore())
    );
    let own_after = store.call_budget(d.call.id).expect("budget");
    assert_eq!(own_after.granted.ore() - own.granted.ore(), first.ore());

    // One instalment per year: the decision date, then 1 January of the later year.
    assert_eq!(
        d.followup
            .instalments
            .iter()
            .map(|i| (i.due_on, i.amount))
            .collect::<Vec<_>>(),
        vec![
            (today(), first),
            (NaiveDate::from_ymd_opt(next, 1, 1).expect("date"), later)
        ]
    );

    // The Beslut tab shows the amounts per year.
    press(&mut cecilia, &mut store, "4 G");
    let text = screen_text(&cecilia, 160, 40);
    assert!(text.contains("Belopp per år:"), "{text}");
    assert!(
        text.contains(&format!("{next}: {later} (åtagande)")),
        "{text}"
    );

    // The home screen: next year's call (the newest, first in Utlysningar) shows the commitment.
    press(&mut cecilia, &mut store, "<Esc>");
    let mut home = App::new(
        Lang::Sv,
        cecilia.user.clone(),
        today(),
        "demo.sqlite3".into(),
        bidrag::app::Keymap::default_map(),
        common::checklists(),
    );
    let start = home.start();
    bidrag::service::drive(&mut home, &mut store, start, &now);
    press(&mut home, &mut store, "1 g");
    let text = screen_text(&home, 200, 40);
    assert!(
        text.contains(&format!(
            "åtaget från tidigare år {}",
            later_budget.committed
        )),
        "{text}"
    );
}

#[test]
fn a_split_that_does_not_hold_is_refused_and_nothing_is_written() {
    let (mut anna, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = grant_case_back_in_handling(&mut anna, &mut store);
    let requested = anna.case_view.as_ref().expect("open").detail.requested;
    let events = |store: &Store| {
        one(
            store,
            "SELECT count(*) FROM events WHERE case_id = ?1",
            case,
        )
    };
    let proposals = |store: &Store| {
        one(
            store,
            "SELECT count(*) FROM decisions WHERE case_id = ?1 AND kind = 'forslag'",
            case,
        )
    };
    let (events_before, proposals_before) = (events(&store), proposals(&store));
    let year = today().year();
    proposal_form_at_years(&mut anna, &mut store);
    let field = "Belopp per år (ÅÅÅÅ: belopp; tomt = ett år)";

    // Years that do not add up to the amount.
    type_text(
        &mut anna,
        &mut store,
        &format!("{year}: 100; {}: 200", year + 1),
    );
    press(&mut anna, &mut store, "<C-s>");
    assert_eq!(
        form_error(&anna),
        format!(
            "{field}: åren summerar till 300 kr men beloppet är {requested}; åren ska summera till beloppet."
        )
    );
    // A year before the decision's year.
    press(&mut anna, &mut store, "<C-u>");
    type_text(
        &mut anna,
        &mut store,
        &format!("{}: 1; {year}: {}", year - 1, requested.format_number()),
    );
    press(&mut anna, &mut store, "<C-s>");
    assert_eq!(
        form_error(&anna),
        format!("{field}: året {} ligger före beslutsåret {year}.", year - 1)
    );
    // A part that is not "year: amount".
    press(&mut anna, &mut store, "<C-u>");
    type_text(&mut anna, &mut store, &format!("{year}: 1; {} 2", year + 1));
    press(&mut anna, &mut store, "<C-s>");
    assert_eq!(
        form_error(&anna),
        format!("{field}: del 2 är inte ÅÅÅÅ: belopp (t.ex. 2026: 500 000; 2027: 300 000).")
    );
    // An amount the money parser cannot read.
    press(&mut anna, &mut store, "<C-u>");
    type_text(&mut anna, &mut store, &format!("{year}: femhundra"));
    press(&mut anna, &mut store, "<C-s>");
    assert_eq!(
        form_error(&anna),
        format!("{field}: del 1 har inget belopp över noll.")
    );
    press(&mut anna, &mut store, "<Esc>");
    assert!(anna.modal.is_none());
    assert_eq!(events(&store), events_before, "nothing written");
    assert_eq!(proposals(&store), proposals_before, "no proposal");
    assert_eq!(
        store
            .connection()
            .query_row(
                "SELECT count(*) FROM decision_years y JOIN decisions d ON d.id = y.decision_id
                 WHERE d.case_id = ?1",
                [case],
                |r| r.get::<_, i64>(0),
            )
            .expect("count"),
        0
    );
}

#[test]
fn an_empty_split_is_one_year_as_before() {
    let (mut anna, mut store) = app_on_demo(Lang::En, "anna");
    let case = grant_case_back_in_handling(&mut anna, &mut store);
    proposal_form_at_years(&mut anna, &mut store);
    press(&mut anna, &mut store, "<C-s>");
    assert!(anna.modal.is_none(), "{}", form_error(&anna));
    reopen(&mut anna, &mut store, case);
    let d = &anna.case_view.as_ref().expect("open").detail;
    assert!(d.proposal().expect("proposal").years.is_empty());
}

#[test]
fn the_demo_has_commitments_against_a_later_call_and_some_without_a_call() {
    let store = common::demo_store();
    let calls = store.calls().expect("calls");
    let committed: Vec<_> = calls.iter().filter(|c| c.committed.ore() > 0).collect();
    assert!(!committed.is_empty(), "a later call carries commitments");
    for c in &committed {
        assert_eq!(c.opens_on.year(), today().year());
    }
    let unassigned = store.unassigned_commitments().expect("unassigned");
    assert!(
        unassigned
            .iter()
            .any(|(y, _, m)| *y == today().year() + 1 && m.ore() > 0),
        "{unassigned:?}"
    );
    let n: i64 = store
        .connection()
        .query_row(
            "SELECT count(DISTINCT decision_id) FROM decision_years",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert!((2..=20).contains(&n), "a few multi-year grants: {n}");

    // The statistics list the commitments that have no call yet.
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "S");
    let text = screen_text(&app, 160, 200);
    assert!(text.contains("Åtaganden utan utlysning"), "{text}");
    assert!(
        text.contains(&format!("{} · Insatser:", today().year() + 1)),
        "{text}"
    );
}

#[test]
fn a_version_6_database_migrates_and_its_grants_stay_one_year() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("v6.db");
    bidrag::storage::create_at_version(&path, 6, now()).expect("v6");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "INSERT INTO users (login, name, roles) VALUES ('anna', 'Anna', 'handlaggare');
             INSERT INTO users (login, name, roles) VALUES ('cecilia', 'Cecilia', 'beslutsfattare');
             INSERT INTO cases (dnr_year, dnr_seq, call_id, organisation_id, step, state, title,
                 received_on, requested_ore, granted_ore, report_due_on, updated_at)
             VALUES (2026, 1, 2, 1, 2, 'pagaende', 'Kartläggning', '2026-01-10', 50000000,
                 50000000, '2026-10-31', '2026-02-01T08:00:00Z');
             INSERT INTO decisions (case_id, kind, decided_on, outcome, amount_ore, presenter_id,
                 decider_id, report_due_on, sent_on, created_at)
             VALUES (1, 'beslut', '2026-02-01', 'bifall', 50000000, 1, 2, '2026-10-31',
                 '2026-02-02', '2026-02-01T08:00:00Z');",
        )
        .expect("old rows");
    }
    let store = Store::open(&path, now()).expect("migrates");
    assert_eq!(
        store.schema_version().expect("version"),
        bidrag::storage::LATEST_VERSION
    );
    let d = store.case_detail(1).expect("case");
    assert!(d.decision().expect("decision").years.is_empty());
    let b = store.call_budget(2).expect("budget");
    assert_eq!(b.granted, Money(50_000_000), "all in the own call");
    assert_eq!(b.committed, Money::ZERO);
    assert!(store.unassigned_commitments().expect("none").is_empty());
    // The expedited decision's years can never be added afterwards.
    let err = store
        .connection()
        .execute(
            "INSERT INTO decision_years (decision_id, year, amount_ore) VALUES (1, 2027, 1)",
            [],
        )
        .expect_err("refused");
    assert!(err.to_string().contains("never changes"), "{err}");
    drop(store);
    let backups = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".v6-"))
        .count();
    assert_eq!(backups, 1, "a backup of version 6 first");
}

fn split_strategy() -> impl Strategy<Value = (i32, Vec<i64>)> {
    (
        2018i32..2100,
        prop::collection::vec(1i64..10_000_000_000, 1..6),
    )
}

fn years_of(first: i32, amounts: &[i64]) -> Vec<YearAmount> {
    amounts
        .iter()
        .enumerate()
        .map(|(i, &a)| YearAmount {
            year: first + i as i32,
            amount: Money(a),
        })
        .collect()
}

proptest! {
    #[test]
    fn parse_years_never_panics(s in "\\PC{0,60}") {
        let _ = multiyear::parse_years(&s);
    }

    #[test]
    fn a_split_round_trips_and_holds_when_it_sums_up((first, amounts) in split_strategy()) {
        let years = years_of(first, &amounts);
        let total = Money(amounts.iter().sum());
        prop_assert_eq!(multiyear::parse_years(&multiyear::format_years(&years)), Ok(years.clone()));
        let decided = NaiveDate::from_ymd_opt(first, 6, 1).expect("date");
        prop_assert_eq!(multiyear::check_years(&years, total, decided, None), Ok(()));
        // The plan per year pays exactly the total, never before the decision.
        let plan = multiyear::default_plan(total, decided, &years);
        prop_assert_eq!(plan.iter().map(|(_, m)| m.ore()).sum::<i64>(), total.ore());
        prop_assert!(plan.iter().all(|(d, _)| *d >= decided));
        prop_assert_eq!(plan.len(), years.len());
        // Later years are everything but the first, and they sum to the total less the first.
        let later: i64 = multiyear::later_years(&years).iter().map(|y| y.amount.ore()).sum();
        prop_assert_eq!(later, total.ore() - amounts[0]);
    }

    #[test]
    fn a_split_that_misses_the_total_is_refused(
        (first, amounts) in split_strategy(),
        delta in prop_oneof![-1_000_000i64..-1, 1i64..1_000_000],
    ) {
        let years = years_of(first, &amounts);
        let sum = Money(amounts.iter().sum());
        let total = Money(sum.ore() + delta);
        let decided = NaiveDate::from_ymd_opt(first, 6, 1).expect("date");
        prop_assert_eq!(
            multiyear::check_years(&years, total, decided, None),
            Err(YearsError::Sum { sum, total })
        );
    }

    #[test]
    fn a_year_before_the_decision_is_refused((first, amounts) in split_strategy(), back in 1i32..5) {
        let years = years_of(first, &amounts);
        let total = Money(amounts.iter().sum());
        let decided = NaiveDate::from_ymd_opt(first + back, 1, 1).expect("date");
        let refused = matches!(
            multiyear::check_years(&years, total, decided, None),
            Err(YearsError::BeforeDecisionYear { year, .. }) if year == first
        );
        prop_assert!(refused);
    }
}
