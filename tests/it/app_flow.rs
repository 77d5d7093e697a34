//! Scripted key sequences against the app, without a terminal: state out.

use crate::common;

use bidrag::app::{Pane, Screen, Tab};
use bidrag::domain::{CaseSource, CaseState, Queue};
use bidrag::i18n::Lang;
use common::{app_on_demo, press};

#[test]
fn starts_on_the_queues_with_live_counts() {
    let (app, _store) = app_on_demo(Lang::Sv, "anna");
    assert_eq!(app.screen, Screen::Home);
    assert_eq!(app.focus, Pane::Queues);
    assert_eq!(app.queues.items.len(), Queue::ALL.len());
    assert!(app.calls.items.len() >= 3);
    assert!(app.orgs.items.len() >= 311);
    assert_eq!(app.cases.source(), Some(CaseSource::Queue(Queue::New)));
    let new_count = app.queues.items[0].count() as usize;
    assert_eq!(app.cases.total, new_count);
}

#[test]
fn moving_in_a_left_pane_changes_the_case_list() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "j j j");
    assert_eq!(
        app.cases.source(),
        Some(CaseSource::Queue(Queue::AwaitingSupplement))
    );
    assert!(
        app.cases
            .rows
            .iter()
            .all(|r| r.state == CaseState::SupplementRequested)
    );
    press(&mut app, &mut store, "1");
    assert_eq!(app.focus, Pane::Calls);
    let call = app.calls.items[0].id;
    assert_eq!(app.cases.source(), Some(CaseSource::Call(call)));
    press(&mut app, &mut store, "2 j");
    let org = app.orgs.items[1].id;
    assert_eq!(app.cases.source(), Some(CaseSource::Organisation(org)));
}

#[test]
fn tab_cycles_panes_and_shift_tab_goes_back() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Tab>");
    assert_eq!(app.focus, Pane::Cases);
    press(&mut app, &mut store, "<Tab>");
    assert_eq!(app.focus, Pane::Calls);
    press(&mut app, &mut store, "<S-Tab>");
    assert_eq!(app.focus, Pane::Cases);
    // The list keeps the source of the last left pane.
    assert_eq!(
        app.cases.source(),
        Some(CaseSource::Call(app.calls.items[0].id))
    );
}

#[test]
fn open_a_case_read_its_tabs_and_go_back() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter>");
    assert_eq!(app.focus, Pane::Cases);
    press(&mut app, &mut store, "j <Enter>");
    assert_eq!(app.screen, Screen::Case);
    let view = app.case_view.as_ref().expect("case open");
    assert_eq!(view.detail.id, app.cases.rows[1].id);
    assert_eq!(view.tab, Tab::Checklist);
    for (key, tab) in [
        ("2", Tab::Documents),
        ("3", Tab::Notes),
        ("4", Tab::Decisions),
        ("5", Tab::History),
        ("6", Tab::Followup),
        ("<Tab>", Tab::Checklist),
        ("<S-Tab>", Tab::Followup),
    ] {
        press(&mut app, &mut store, key);
        assert_eq!(app.case_view.as_ref().map(|v| v.tab), Some(tab), "{key}");
    }
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(app.screen, Screen::Home);
    assert_eq!(app.focus, Pane::Cases);
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(app.focus, Pane::Queues);
    press(&mut app, &mut store, "<Esc>");
    assert!(!app.quit, "Esc never quits");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("q avslutar"))
    );
    press(&mut app, &mut store, "q");
    assert!(app.quit);
}

#[test]
fn case_list_pages_through_a_large_queue() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "G");
    let total = app.cases.total;
    let all_open = app.queues.items[7].count() as usize;
    assert_eq!(total, all_open);
    press(&mut app, &mut store, "4 G");
    assert_eq!(app.cases.selected, total - 1);
    assert!(
        app.cases.selected_row().is_some(),
        "window follows the selection"
    );
    assert!(app.cases.rows.len() <= bidrag::app::CASE_PAGE);
    press(&mut app, &mut store, "g");
    assert_eq!(app.cases.selected, 0);
    assert_eq!(
        app.cases.selected_row().map(|r| r.id),
        app.cases.rows.first().map(|r| r.id)
    );
}

#[test]
fn help_opens_and_closes_without_quitting() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "?");
    assert!(app.help.is_some());
    // Typing narrows the help; q is a letter there, not quit.
    press(&mut app, &mut store, "q u i");
    assert_eq!(app.help_filter.as_deref(), Some("qui"));
    assert!(!app.quit, "q types into the help's search");
    press(&mut app, &mut store, "<Esc>");
    assert!(app.help.is_none());
    press(&mut app, &mut store, "<F1> <Esc>");
    assert!(app.help.is_none());
}

#[test]
fn mine_queue_is_the_acting_users() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "j");
    assert_eq!(app.cases.source(), Some(CaseSource::Queue(Queue::Mine)));
    assert!(app.cases.total > 0);
    assert!(
        app.cases
            .rows
            .iter()
            .all(|r| r.assignee.as_deref() == Some("Anna Lindqvist"))
    );
}

#[test]
fn enter_on_an_empty_list_explains() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "newcomer");
    press(&mut app, &mut store, "j");
    assert_eq!(app.cases.total, 0, "a new user has no cases");
    press(&mut app, &mut store, "<Enter> <Enter>");
    assert_eq!(app.screen, Screen::Home);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("Inget ärende"))
    );
}

#[test]
fn a_queue_larger_than_one_window_pages_by_the_selection() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Add enough new cases that the "Nya" queue spans several windows.
    let org = app.orgs.items[0].id;
    let call = app.calls.items[0].id;
    store
        .write(common::now(), |w| {
            for i in 0..450 {
                w.insert_case(
                    1,
                    &bidrag::storage::NewCase {
                        call_id: call,
                        organisation_id: org,
                        parent_case_id: None,
                        step: bidrag::domain::Step::Interest,
                        title: &format!("Extra {i}"),
                        received_on: common::today(),
                        requested: bidrag::domain::Money(0),
                        checklist_id: None,
                    },
                )?;
            }
            Ok(())
        })
        .expect("insert");
    // Leave and come back so the queue reloads.
    press(&mut app, &mut store, "j k <Enter>");
    let total = app.cases.total;
    assert!(total > 2 * bidrag::app::CASE_PAGE, "{total}");
    press(&mut app, &mut store, "G");
    assert_eq!(app.cases.selected, total - 1);
    assert!(app.cases.offset > 0, "the window moved");
    assert!(app.cases.rows.len() <= bidrag::app::CASE_PAGE);
    let last = app
        .cases
        .selected_row()
        .expect("selected row loaded")
        .clone();
    assert_eq!(last.organisation, app.orgs.items[0].name);
    press(&mut app, &mut store, "<PageUp> <PageUp> g");
    assert_eq!(app.cases.offset, 0);
    assert_eq!(
        app.cases.selected_row().map(|r| r.id),
        app.cases.rows.first().map(|r| r.id)
    );
    press(&mut app, &mut store, "<Enter>");
    assert_eq!(app.screen, Screen::Case);
}
