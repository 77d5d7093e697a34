//! Queues, search and the triage loop, driven by keys as a caseworker would, with the database
//! rows checked afterwards.

use crate::common;

use bidrag::app::modal::{Modal, PreviewAction};
use bidrag::app::{App, CaseWrite, Pane, QueueEntry, Screen};
use bidrag::domain::search::{CaseQuery, Search, Sort};
use bidrag::domain::{CaseSource, CaseState, Queue};
use bidrag::i18n::Lang;
use bidrag::storage::Store;
use common::{app_on_demo, press, screen, type_text};

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn one(store: &Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .expect("query")
}

fn state(store: &Store, case: i64) -> String {
    store
        .connection()
        .query_row("SELECT state FROM cases WHERE id = ?1", [case], |r| {
            r.get(0)
        })
        .expect("state")
}

fn new_queue_ids(store: &Store, app: &App) -> Vec<i64> {
    store
        .case_window(
            CaseSource::Queue(Queue::New),
            app.user.id,
            common::today(),
            0,
            1000,
        )
        .expect("window")
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn open_id(app: &App) -> Option<i64> {
    app.case_view.as_ref().map(|v| v.detail.id)
}

#[test]
fn a_queue_is_cleared_from_the_case_view_answer_act_next() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let queue = new_queue_ids(&store, &app);
    assert!(queue.len() >= 3);
    // Nya is selected at start: Enter goes to the list, Enter opens its first case.
    press(&mut app, &mut store, "<Enter> <Enter>");
    assert_eq!(open_id(&app), Some(queue[0]));
    assert!(
        app.case_view
            .as_ref()
            .is_some_and(|v| v.tab == bidrag::app::Tab::Checklist)
    );

    // Answering starts the handling (the case leaves "Nya") but the assessment stays open.
    press(&mut app, &mut store, "u");
    assert_eq!(state(&store, queue[0]), "under_handlaggning");
    assert_eq!(
        open_id(&app),
        Some(queue[0]),
        "answering keeps the case open"
    );

    // An act that moves the case on: the next one in the queue opens by itself.
    press(&mut app, &mut store, "K");
    type_text(&mut app, &mut store, "Underskrift saknas.");
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(state(&store, queue[0]), "komplettering_begard");
    assert_eq!(app.screen, Screen::Case);
    assert_eq!(open_id(&app), Some(queue[1]), "{}", status(&app));
    assert!(status(&app).contains("nästa är öppnat"), "{}", status(&app));

    // n and p walk the queue without leaving the case view.
    press(&mut app, &mut store, "n");
    assert_eq!(open_id(&app), Some(queue[2]));
    press(&mut app, &mut store, "p");
    assert_eq!(open_id(&app), Some(queue[1]));
    press(&mut app, &mut store, "p");
    assert_eq!(open_id(&app), Some(queue[1]), "first in the list");
    assert!(status(&app).contains("första"), "{}", status(&app));
}

#[test]
fn next_action_is_computed_per_case() {
    use bidrag::domain::search::NextAction;
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Enter>");
    let d = app.case_view.as_ref().expect("open").detail.clone();
    let next = app.next_action_of_case(&d);
    let row = app.cases.selected_row().expect("row").clone();
    match d.assignee_id {
        None => assert_eq!(app.next_action_of_row(&row), NextAction::Assign),
        Some(_) => assert!(matches!(next, NextAction::Unanswered { .. })),
    }
    // Assigning to oneself: now the mandatory items are what is left.
    press(&mut app, &mut store, "a");
    let d = app.case_view.as_ref().expect("open").detail.clone();
    let n = app.next_action_of_case(&d);
    assert!(
        matches!(
            n,
            NextAction::Unanswered {
                mandatory: true,
                ..
            }
        ),
        "{n:?}"
    );
    assert!(bidrag::i18n::next_action(Lang::Sv, n).contains("obligatoriska punkter obesvarade"));
}

#[test]
fn the_filter_narrows_as_typed_and_esc_clears_it() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Alla öppna: the last built-in queue.
    press(&mut app, &mut store, "3 G");
    let all = app.cases.total;
    assert_eq!(all as i64, app.queues.items[7].count());
    assert!(all > 50);
    press(&mut app, &mut store, "/");
    assert!(app.filter.typing);
    type_text(&mut app, &mut store, "rö");
    let two = app.cases.total;
    type_text(&mut app, &mut store, "da");
    let four = app.cases.total;
    assert!(four <= two && two < all, "{all} {two} {four}");
    assert!(four > 0);
    assert!(
        app.cases
            .rows
            .iter()
            .all(|r| r.organisation.to_lowercase().contains("röda")),
        "{:?}",
        app.cases.rows
    );
    // Backspace widens again; Enter keeps the filter and returns the keys to the list.
    press(&mut app, &mut store, "<Backspace> <Backspace>");
    assert_eq!(app.cases.total, two);
    type_text(&mut app, &mut store, "da");
    press(&mut app, &mut store, "<Enter>");
    assert!(!app.filter.typing);
    assert_eq!(app.cases.total, four);
    press(&mut app, &mut store, "j");
    assert_eq!(app.cases.selected, 1.min(four - 1));
    // Esc clears it: the whole queue again.
    press(&mut app, &mut store, "<Esc>");
    assert!(!app.filter.active());
    assert_eq!(app.cases.total, all);

    // A bad field word says what is wrong and keeps the last good list.
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "färg:röd");
    assert!(
        app.filter
            .error
            .as_deref()
            .is_some_and(|e| e.contains("Okänt fält färg:")),
        "{:?}",
        app.filter.error
    );
    press(&mut app, &mut store, "<Esc>");
    assert!(!app.filter.active());
}

#[test]
fn full_text_search_with_field_words() {
    let mut store = common::demo_store();
    let today = common::today();
    let count = |store: &Store, text: &str, body: bool| {
        store
            .count_query(
                &CaseQuery {
                    source: CaseSource::All,
                    search: Search::parse(text).expect("parses"),
                    body,
                    sort: Sort::Received,
                },
                1,
                today,
            )
            .expect("count")
    };
    let sql = |store: &Store, sql: &str| one(store, sql);
    assert_eq!(
        count(&store, "status:inkommen steg:1", false),
        sql(
            &store,
            "SELECT count(*) FROM cases WHERE state = 'inkommen' AND step = 1"
        )
    );
    assert_eq!(
        count(&store, "kommun:avesta", false),
        sql(
            &store,
            "SELECT count(*) FROM cases c JOIN organisations o ON o.id = c.organisation_id
             WHERE o.name LIKE '%avesta%' AND o.kind = 'kommun'"
        )
    );
    let (year, seq): (i64, i64) = store
        .connection()
        .query_row(
            "SELECT dnr_year, dnr_seq FROM cases ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("dnr");
    assert_eq!(count(&store, &format!("dnr:{year}/{seq}"), false), 1);
    assert_eq!(
        count(&store, "handläggare:anna", false),
        sql(
            &store,
            "SELECT count(*) FROM cases c JOIN users u ON u.id = c.assignee_id
             WHERE u.login = 'anna'"
        )
    );
    // A word in a note is found by the full-text search, not by the list filter.
    let case: i64 = sql(&store, "SELECT max(id) FROM cases");
    store
        .write(common::now(), |w| {
            w.add_note(1, case, "Kontrollerat mot Zebrafinkregistret.")
        })
        .expect("note");
    assert_eq!(count(&store, "zebrafink", true), 1);
    assert_eq!(count(&store, "ZEBRAFINK", true), 1, "case-insensitive");
    assert_eq!(count(&store, "zebrafink", false), 0);
    // Words are ANDed; a prefix or a middle part of a word matches.
    assert_eq!(count(&store, "zebra finkreg", true), 1);
    assert_eq!(count(&store, "zebra nonexistentword", true), 0);
    // The search text follows renamed organisations.
    let org: i64 = sql(
        &store,
        &format!("SELECT organisation_id FROM cases WHERE id = {case}"),
    );
    store
        .connection()
        .execute(
            "UPDATE organisations SET name = 'Pelikanföreningen' WHERE id = ?1",
            [org],
        )
        .expect("rename");
    assert!(count(&store, "pelikan", false) >= 1);
    // Wildcards typed by the user are taken literally.
    assert_eq!(count(&store, "%", false), 0);
    assert_eq!(count(&store, "a_", false), 0);
}

#[test]
fn full_text_search_from_the_keyboard_opens_like_a_queue() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "f");
    type_text(&mut app, &mut store, "status:förslag");
    press(&mut app, &mut store, "<Enter>");
    assert_eq!(app.cases.source(), Some(CaseSource::All));
    assert_eq!(
        app.cases.total as i64,
        one(
            &store,
            "SELECT count(*) FROM cases WHERE state = 'forslag_till_beslut'"
        )
    );
    assert!(
        app.cases
            .rows
            .iter()
            .all(|r| r.state == CaseState::ProposedDecision)
    );
    press(&mut app, &mut store, "<Enter>");
    assert_eq!(app.screen, Screen::Case);
    let first = open_id(&app);
    press(&mut app, &mut store, "n");
    assert_ne!(open_id(&app), first, "n walks the search results");
}

#[test]
fn a_batch_preview_is_exactly_what_is_written() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Mark three cases of "Väntar på komplettering" (a withdrawal is allowed from there).
    press(&mut app, &mut store, "3 j j j <Enter>");
    assert_eq!(
        app.cases.source(),
        Some(CaseSource::Queue(Queue::AwaitingSupplement))
    );
    press(&mut app, &mut store, "<Space> <Space> <Space>");
    assert_eq!(app.marked.len(), 3);
    let marked: Vec<i64> = app.marked.keys().copied().collect();
    press(&mut app, &mut store, "s");
    common::pick_transition(
        &mut app,
        &mut store,
        bidrag::domain::workflow::Transition::Withdraw,
    );
    type_text(&mut app, &mut store, "Sökanden har dragit tillbaka.");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Preview(preview)) = &app.modal else {
        panic!("no preview: {}", status(&app))
    };
    let PreviewAction::Batch { items } = &preview.action else {
        panic!("nothing to write")
    };
    let planned: Vec<(i64, CaseState)> = items
        .iter()
        .map(|(id, _, w)| match w {
            CaseWrite::Transition {
                transition: bidrag::domain::workflow::Transition::Withdraw,
                ..
            } => (*id, CaseState::Withdrawn),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        planned.len(),
        3,
        "{:?}",
        bidrag::ui::preview::lines(&app, &preview.content)
    );
    assert_eq!(bidrag::ui::preview::lines(&app, &preview.content).len(), 3);
    let events_before = one(&store, "SELECT count(*) FROM events");
    // Nothing is written by the preview.
    for id in &marked {
        assert_eq!(state(&store, *id), "komplettering_begard");
    }
    press(&mut app, &mut store, "<C-s>");
    for (id, to) in &planned {
        assert_eq!(state(&store, *id), to.code());
    }
    assert!(
        status(&app).contains("3 ärenden ändrades"),
        "{}",
        status(&app)
    );
    assert!(app.marked.is_empty());
    assert!(one(&store, "SELECT count(*) FROM events") > events_before);
    let notes = one(
        &store,
        "SELECT count(*) FROM notes WHERE body LIKE '%dragit tillbaka%'",
    );
    assert_eq!(notes, 3);
}

#[test]
fn a_batch_is_refused_whole_when_a_case_changed_after_the_preview() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Space> <Space>");
    let marked: Vec<i64> = app.marked.keys().copied().collect();
    press(&mut app, &mut store, "a");
    assert!(matches!(app.modal, Some(Modal::Preview(_))));
    // A colleague changes one of them meanwhile.
    store
        .write(common::now(), |w| {
            w.add_note(1, marked[1], "Kollegan var här.")
        })
        .expect("note");
    store
        .connection()
        .execute(
            "UPDATE cases SET version = version + 1 WHERE id = ?1",
            [marked[1]],
        )
        .expect("bump");
    let assigned_before = one(
        &store,
        "SELECT count(*) FROM cases WHERE assignee_id IS NOT NULL",
    );
    press(&mut app, &mut store, "<C-s>");
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "{}",
        status(&app)
    );
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM cases WHERE assignee_id IS NOT NULL"
        ),
        assigned_before,
        "nothing written"
    );
}

#[test]
fn a_filter_saved_as_a_queue_comes_back_with_its_count() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "3 G /");
    type_text(&mut app, &mut store, "steg:1");
    press(&mut app, &mut store, "<Enter>");
    let filtered = app.cases.total as i64;
    press(&mut app, &mut store, "w");
    type_text(&mut app, &mut store, "Mina intresseanmälningar");
    press(&mut app, &mut store, "<C-s>");
    assert!(status(&app).contains("sparades"), "{}", status(&app));
    let saved = app
        .queues
        .items
        .iter()
        .find_map(|e| match e {
            QueueEntry::Saved(q, size) => Some((q.clone(), size.total as i64)),
            QueueEntry::Builtin(..) => None,
        })
        .expect("saved queue listed");
    assert_eq!(saved.0.name, "Mina intresseanmälningar");
    assert_eq!(saved.1, filtered);
    // Leaving it and coming back restores its filter.
    press(&mut app, &mut store, "3 g");
    assert!(!app.filter.active());
    press(&mut app, &mut store, "G");
    assert_eq!(app.filter.text, "steg:1");
    assert_eq!(app.cases.total as i64, filtered);
    // D asks first; Esc keeps it, Enter deletes it.
    press(&mut app, &mut store, "D");
    assert!(
        matches!(app.modal, Some(Modal::Confirm(_))),
        "D asks before deleting"
    );
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(one(&store, "SELECT count(*) FROM saved_queues"), 1);
    press(&mut app, &mut store, "D <Enter>");
    assert!(
        !app.queues
            .items
            .iter()
            .any(|e| matches!(e, QueueEntry::Saved(..)))
    );
    assert_eq!(one(&store, "SELECT count(*) FROM saved_queues"), 0);
}

#[test]
fn the_palette_runs_any_action_by_name() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, ":");
    assert!(matches!(app.modal, Some(Modal::Picker(_))));
    type_text(&mut app, &mut store, "statistics");
    press(&mut app, &mut store, "<Enter>");
    assert!(
        matches!(&app.modal, Some(Modal::Preview(p)) if !bidrag::ui::preview::lines(&app, &p.content).is_empty()),
        "statistics shown"
    );
    // Every action is in the palette.
    press(&mut app, &mut store, "<Esc> :");
    let Some(Modal::Picker(p)) = &app.modal else {
        panic!("palette")
    };
    assert_eq!(p.items.len(), bidrag::app::Action::ALL.len());
}

#[test]
fn sort_orders_change_the_list() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "3 G <Enter>");
    let received: Vec<_> = app.cases.rows.iter().map(|r| r.received_on).collect();
    assert!(received.windows(2).all(|w| w[0] <= w[1]));
    press(&mut app, &mut store, "o o");
    assert_eq!(app.sort, Sort::Organisation);
    let names: Vec<String> = app
        .cases
        .rows
        .iter()
        .map(|r| r.organisation.clone())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    press(&mut app, &mut store, "o");
    assert_eq!(app.sort, Sort::Received);
}

#[test]
fn the_organisation_view_lists_cases_and_granted_total() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Enter> v");
    let Some(Modal::Preview(p)) = &app.modal else {
        panic!("no overview: {}", status(&app))
    };
    assert!(p.title.starts_with("Organisation · "));
    assert!(
        bidrag::ui::preview::lines(&app, &p.content)
            .iter()
            .any(|l| l.contains("beviljat totalt"))
    );
    assert!(
        bidrag::ui::preview::lines(&app, &p.content)
            .iter()
            .any(|l| l.contains("Kontaktpersoner"))
    );
}

#[test]
fn a_click_focuses_a_pane_and_selects_the_row() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let size = ratatui::layout::Rect::new(0, 0, 120, 40);
    // The organisation pane starts below the calls; find it by asking the hit test.
    let (pane, row) = (0..40)
        .find_map(|y| match bidrag::ui::hit(&app, size, 5, y) {
            Some((Pane::Orgs, Some(r))) => Some((Pane::Orgs, (y, r))),
            _ => None,
        })
        .expect("an organisation row");
    let (y, first) = row;
    let target = bidrag::ui::hit(&app, size, 5, y + 3).expect("hit");
    assert_eq!(target, (pane, Some(first + 3)));
    let effects = app.update(bidrag::app::Msg::Click {
        pane: target.0,
        row: target.1,
    });
    bidrag::service::drive(&mut app, &mut store, effects, &common::now);
    assert_eq!(app.focus, Pane::Orgs);
    assert_eq!(app.orgs.selected, first + 3);
    assert!(matches!(
        app.cases.source(),
        Some(CaseSource::Organisation(_))
    ));
    // The wheel scrolls the focused list.
    let effects = app.update(bidrag::app::Msg::Scroll { down: true });
    bidrag::service::drive(&mut app, &mut store, effects, &common::now);
    assert_eq!(app.orgs.selected, first + 6);
}

#[test]
fn slash_on_organisationer_narrows_that_pane_by_name_number_or_county() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let all = app.orgs.items.len();
    press(&mut app, &mut store, "2 /");
    type_text(&mut app, &mut store, "ale");
    assert!(!app.orgs.items.is_empty());
    assert!(app.orgs.items.len() < all);
    assert!(app.orgs.items.iter().all(|o| o.matches("ale")));
    assert!(app.orgs.items.iter().any(|o| o.name == "Ale"));
    // The case list is the selected organisation's, unfiltered.
    assert_eq!(
        app.cases.query.as_ref().map(|q| q.source),
        Some(bidrag::domain::CaseSource::Organisation(
            app.orgs.items[0].id
        ))
    );
    assert!(screen(&app, 120, 40).contains("2 Organisationer · /ale"));
    // Enter keeps the filter and walks its rows; Esc shows every organisation again.
    press(&mut app, &mut store, "<Enter> j");
    assert_eq!(app.orgs.selected, 1.min(app.orgs.items.len() - 1));
    assert!(app.orgs.items.iter().all(|o| o.matches("ale")));
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(app.orgs.items.len(), all);

    // By organisationsnummer, with or without its dash; by län.
    let numbered = app
        .orgs
        .items
        .iter()
        .find_map(|o| o.org_nr.map(|n| (o.id, n.to_string())))
        .expect("a numbered organisation");
    for text in [numbered.1.clone(), numbered.1.replace('-', "")] {
        press(&mut app, &mut store, "/");
        type_text(&mut app, &mut store, &text);
        assert_eq!(
            app.orgs.items.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![numbered.0],
            "{text}"
        );
        press(&mut app, &mut store, "<Esc>");
    }
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "skåne");
    assert!(app.orgs.items.len() > 1);
    assert!(app.orgs.items.iter().all(|o| {
        o.county
            .as_deref()
            .is_some_and(|c| c.to_lowercase().contains("skåne"))
            || o.name.to_lowercase().contains("skåne")
    }));
    type_text(&mut app, &mut store, " zzz");
    assert!(app.orgs.items.is_empty());
    assert!(screen(&app, 120, 40).contains("Ingen organisation med det namnet"));
}
