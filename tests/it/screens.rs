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
