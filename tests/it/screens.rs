//! The screens and the terminal loop of issues 19 and 20: input bursts, screens that tell the
//! truth, nothing important cut, hints, finding things.

use crate::common::*;
use bidrag::app::burst::Input;
use bidrag::app::{App, Effect, Key, KeyCode, Msg};
use bidrag::i18n::Lang;
use bidrag::service::drive;
use bidrag::storage::Store;

/// Feeds a burst as the terminal loop does, counting the case-list loads that ran.
fn feed_counting(app: &mut App, store: &mut Store, inputs: Vec<Input>) -> usize {
    let mut loads = 0;
    app.feed(inputs, |app, effects| {
        loads += effects
            .iter()
            .filter(|e| matches!(e, Effect::LoadCases { .. }))
            .count();
        drive(app, store, effects, &now);
    });
    loads
}

const PHRASE: &str = "mötesplats läxhjälp föräldrar språkcafé trygghet samverkan";

#[test]
fn a_burst_of_typed_keys_costs_one_search_and_loses_no_key() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "f");
    let keys: Vec<Input> = PHRASE.chars().map(|c| Input::Key(Key::ch(c))).collect();
    assert!(keys.len() >= 55);
    let loads = feed_counting(&mut app, &mut store, keys);
    assert_eq!(loads, 1, "one search for the whole burst");
    assert_eq!(app.filter.text, PHRASE);
    assert_eq!(
        app.cases.query.as_ref().map(|q| &q.search),
        Some(&app.filter.search)
    );
    assert!(!app.cases.loading, "the last query's rows are loaded");

    // Keys after the typed text in the same burst act on the loaded list, in order.
    press(&mut app, &mut store, "<Esc> f");
    let mut inputs: Vec<Input> = "mosaik".chars().map(|c| Input::Key(Key::ch(c))).collect();
    inputs.push(Input::Key(Key::plain(KeyCode::Enter)));
    inputs.push(Input::Key(Key::ch('j')));
    let loads = feed_counting(&mut app, &mut store, inputs);
    assert_eq!(loads, 1);
    assert!(!app.filter.typing, "Enter was not lost");
    assert!(app.cases.total > 1, "{}", app.cases.total);
    assert_eq!(app.cases.selected, 1, "j after Enter was not lost");
}

#[test]
fn a_bracketed_paste_into_search_is_one_search() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "f");
    let loads = feed_counting(
        &mut app,
        &mut store,
        vec![Input::Msg(Msg::Paste("mosaik\n".into()))],
    );
    assert_eq!(app.filter.text, "mosaik ", "a newline pasted is a space");
    assert_eq!(loads, 1);
    assert!(app.cases.total > 0);
}

/// Opens the first grant proposal of "Redo för beslut" as `login`, with `b`.
fn decide_dialog_on_a_grant(login: &str) -> (App, Store) {
    use bidrag::domain::{CaseSource, Queue};
    let (mut app, mut store) = app_on_demo(Lang::Sv, login);
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::ReadyForDecision),
            app.user.id,
            today(),
            0,
            100,
        )
        .expect("window");
    let index = rows
        .iter()
        .position(|r| {
            store
                .case_detail(r.id)
                .expect("detail")
                .proposal()
                .is_some_and(|p| bidrag::domain::decision::is_grant(p.outcome))
        })
        .expect("a grant proposal");
    press(&mut app, &mut store, "3 j j j j <Enter>");
    for _ in 0..index {
        press(&mut app, &mut store, "j");
    }
    press(&mut app, &mut store, "<Enter> b");
    assert!(app.modal.is_some(), "{:?}", app.status);
    (app, store)
}

#[test]
fn the_decision_dialog_shows_the_whole_budget_line_and_never_splits_an_amount() {
    let (app, _store) = decide_dialog_on_a_grant("cecilia");
    let Some(bidrag::app::Modal::Form(form)) = &app.modal else {
        panic!("no decision form")
    };
    let line = form
        .info
        .iter()
        .map(|i| bidrag::ui::info_text(&app, i))
        .find(|l| l.starts_with("Budget"))
        .expect("a budget line");
    // Every part of it, each amount whole on one row, at 100 columns and more.
    let parts: Vec<&str> = line.split(" · ").collect();
    assert!(parts.iter().any(|p| p.starts_with("kvar ")), "{line}");
    for width in [100, 120, 160, 200] {
        let text = screen(&app, width, 40);
        for part in &parts {
            for amount in part.split(", ") {
                let amount = amount.trim_start_matches(|c: char| !c.is_ascii_digit());
                assert!(
                    text.contains(amount),
                    "{width}: {amount:?} of {line:?}\n{text}"
                );
            }
        }
        assert!(text.contains("kvar "), "{width}:\n{text}");
    }
}

#[test]
fn no_budget_shows_more_paid_than_granted_and_later_years_show_apart() {
    let (app, store) = app_on_demo(Lang::Sv, "anna");
    let mut later_seen = false;
    for call in &app.calls.items {
        let b = store.call_budget(call.id).expect("budget");
        assert!(b.paid <= b.granted, "{}: {b:?}", call.name);
        assert!(b.paid_later <= b.later, "{}: {b:?}", call.name);
        assert!(b.paid_committed <= b.committed, "{}: {b:?}", call.name);
        later_seen |= b.later.ore() > 0;
    }
    assert!(later_seen, "the demo has multi-year grants");
}
