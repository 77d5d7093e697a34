//! Proposals and decisions through the keys: four eyes, jäv, the budget, letters, rounds and the
//! chain of steps.

use crate::common;

use bidrag::app::{App, Modal, Screen};
use bidrag::domain::decision::is_grant;
use bidrag::domain::{CaseSource, CaseState, Queue, Step};
use bidrag::i18n::Lang;
use bidrag::storage::Store;
use common::{app_on_demo, press, type_text};

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

/// Opens the first case in "Redo för beslut" that `pick` accepts.
fn open_proposal(
    app: &mut App,
    store: &mut Store,
    pick: impl Fn(&bidrag::domain::CaseDetail) -> bool,
) -> i64 {
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::ReadyForDecision),
            app.user.id,
            common::today(),
            0,
            100,
        )
        .expect("window");
    let index = rows
        .iter()
        .position(|r| pick(&store.case_detail(r.id).expect("detail")))
        .expect("a matching proposal");
    press(app, store, "3 j j j j <Enter>");
    for _ in 0..index {
        press(app, store, "j");
    }
    press(app, store, "<Enter>");
    assert_eq!(app.screen, Screen::Case);
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.state, CaseState::ProposedDecision);
    d.id
}

fn grant_proposal(d: &bidrag::domain::CaseDetail) -> bool {
    d.proposal().is_some_and(|p| is_grant(p.outcome))
}

#[test]
fn a_caseworker_cannot_decide_and_nor_can_the_presenter() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_proposal(&mut app, &mut store, |_| true);
    let events = one(
        &store,
        "SELECT count(*) FROM events WHERE case_id = ?1",
        case,
    );
    press(&mut app, &mut store, "b");
    assert!(app.modal.is_none());
    assert_eq!(
        status(&app),
        "Bara en beslutsfattare kan besluta; du är handläggare."
    );
    // Erik is a beslutsfattare; as föredragande of his own proposal he may not decide it.
    let (mut erik, mut store2) = app_on_demo(Lang::Sv, "erik");
    let case2 = open_proposal(&mut erik, &mut store2, |_| true);
    let presenter = one(
        &store2,
        "SELECT presenter_id FROM decisions WHERE case_id = ?1 AND kind = 'forslag'",
        case2,
    );
    store2
        .connection()
        .execute(
            "UPDATE decisions SET presenter_id = ?1 WHERE presenter_id = ?2 AND case_id = ?3",
            [erik.user.id, presenter, case2],
        )
        .expect("make erik the presenter");
    press(&mut erik, &mut store2, "<Esc> <Enter>");
    press(&mut erik, &mut store2, "b");
    assert_eq!(
        status(&erik),
        "Fyra ögon: du var föredragande och kan inte också besluta."
    );
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM events WHERE case_id = ?1",
            case
        ),
        events
    );
}

#[test]
fn jav_stops_the_decider_until_withdrawn_and_is_logged() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    let case = open_proposal(&mut app, &mut store, |_| true);
    let org = app
        .case_view
        .as_ref()
        .expect("open")
        .detail
        .organisation
        .name
        .clone();
    press(&mut app, &mut store, "J");
    type_text(
        &mut app,
        &mut store,
        "Min make sitter i föreningens styrelse.",
    );
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(status(&app), format!("Jäv anmält för {org}."));
    press(&mut app, &mut store, "b");
    assert_eq!(
        status(&app),
        format!("Du har anmält jäv för {org} och kan inte besluta.")
    );
    assert!(app.modal.is_none());
    press(&mut app, &mut store, "J");
    type_text(&mut app, &mut store, "Maken har lämnat styrelsen.");
    press(&mut app, &mut store, "<C-s>");
    press(&mut app, &mut store, "b");
    assert!(
        matches!(app.modal, Some(Modal::Form(_))),
        "{}",
        status(&app)
    );
    let kinds: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM events WHERE kind IN ('jav_declared', 'jav_withdrawn')",
            [],
            |r| r.get(0),
        )
        .expect("events");
    assert_eq!(kinds, 2);
    let _ = case;
}

#[test]
fn jav_hides_a_colleague_from_assignment() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Enter>");
    let org = app.case_view.as_ref().expect("open").detail.organisation.id;
    let dalia = store.user_by_login("dalia").expect("q").expect("dalia");
    store
        .write(common::now(), |w| {
            w.declare_jav(dalia.id, org, "Anställd där förut.")
        })
        .expect("jäv");
    press(&mut app, &mut store, "<Esc> <Enter> A");
    let Some(Modal::Picker(p)) = &app.modal else {
        panic!("no picker")
    };
    assert!(
        p.items.iter().all(|(id, _)| *id != dalia.id),
        "dalia is hidden"
    );
    assert!(!p.items.is_empty());
}

#[test]
fn a_decision_over_budget_needs_an_explicit_confirmation_that_is_logged() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    let case = open_proposal(&mut app, &mut store, grant_proposal);
    let call = app.case_view.as_ref().expect("open").detail.call.id;
    // Shrink the call's budget below what is already granted.
    store
        .connection()
        .execute("UPDATE calls SET budget_ore = 100 WHERE id = ?1", [call])
        .expect("budget");
    common::reload(&mut app, &mut store, case);
    press(&mut app, &mut store, "b <C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("decided without confirmation")
    };
    assert!(
        form.warning
            .as_ref()
            .is_some_and(|w| w.contains("över budget")),
        "{:?}",
        form.warning
    );
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM decisions WHERE case_id = ?1 AND kind = 'beslut'",
            case
        ),
        0
    );
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none());
    // The decided case left "Redo för beslut": the triage loop opened the next; back to it.
    common::reopen(&mut app, &mut store, case);
    assert_eq!(
        one(
            &store,
            "SELECT over_budget_confirmed FROM decisions WHERE case_id = ?1 AND kind = 'beslut'",
            case
        ),
        1
    );
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM events WHERE case_id = ?1 AND kind = 'over_budget_confirmed'",
            case
        ),
        1
    );
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.state, CaseState::Decided);
    assert_eq!(d.granted, d.proposal().and_then(|p| p.amount));
    assert!(d.report_due_on.is_some());
}

#[test]
fn decide_then_dispatch_writes_the_letter_and_the_decision_is_final() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    app.letters_dir = dir.path().join("brev");
    let case = open_proposal(&mut app, &mut store, grant_proposal);
    press(&mut app, &mut store, "b <C-s>");
    if let Some(Modal::Form(f)) = &app.modal {
        panic!("form still open: {:?} / {}", f.error, status(&app));
    }
    assert!(
        status(&app).contains("nästa är öppnat") || status(&app).contains("allt klart"),
        "{}",
        status(&app)
    );
    common::reopen(&mut app, &mut store, case);
    assert_eq!(
        app.case_view.as_ref().map(|v| v.detail.state),
        Some(CaseState::Decided),
        "{}",
        status(&app)
    );
    // E shows the letter first and says the decision becomes unchangeable; nothing is written.
    let events_before = one(
        &store,
        "SELECT count(*) FROM events WHERE case_id = ?1",
        case,
    );
    press(&mut app, &mut store, "E");
    let Some(Modal::Preview(letter)) = &app.modal else {
        panic!("no letter to confirm: {}", status(&app))
    };
    let shown = bidrag::ui::preview::lines(&app, &letter.content).join("\n");
    assert!(shown.contains("kan det inte längre ändras"), "{shown}");
    assert!(shown.contains("Delegationen mot segregation"), "{shown}");
    assert_eq!(
        one(
            &store,
            "SELECT count(*) FROM events WHERE case_id = ?1",
            case
        ),
        events_before
    );
    press(&mut app, &mut store, "<C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.state, CaseState::Dispatched, "{}", status(&app));
    let doc = d.documents.last().expect("letter registered");
    assert_eq!(doc.description, "Beslut");
    let path: String = store
        .connection()
        .query_row(
            "SELECT file_path FROM documents WHERE case_id = ?1 ORDER BY sub_no DESC LIMIT 1",
            [case],
            |r| r.get(0),
        )
        .expect("path");
    let letter = std::fs::read_to_string(&path).expect("letter file");
    let dec = d.decision().expect("decision");
    assert!(letter.contains(&d.dnr.to_string()));
    assert!(letter.contains("Beviljat belopp"));
    assert!(letter.contains(&dec.amount.expect("amount").to_string()));
    assert!(letter.contains("Beslutet har fattats av Cecilia Holm."));
    assert!(dec.sent_on.is_some());
    // Expedited: the record never changes.
    let err = store
        .connection()
        .execute(
            "UPDATE decisions SET motivation = 'ändrad' WHERE id = ?1",
            [dec.id],
        )
        .expect_err("immutable");
    assert!(err.to_string().contains("never changes"));
    assert!(
        store
            .connection()
            .execute("DELETE FROM decisions WHERE id = ?1", [dec.id])
            .is_err()
    );
}

#[test]
fn a_letter_with_a_missing_part_is_not_produced() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    app.letters_dir = dir.path().join("brev");
    let case = open_proposal(&mut app, &mut store, grant_proposal);
    press(&mut app, &mut store, "b <C-s>");
    if matches!(app.modal, Some(Modal::Form(_))) {
        press(&mut app, &mut store, "<C-s>");
    }
    // Empty the appeal text and report date behind bidrag's back (the forms would refuse it).
    store
        .connection()
        .execute(
            "UPDATE decisions SET appeal_text = '', report_due_on = NULL
             WHERE case_id = ?1 AND kind = 'beslut'",
            [case],
        )
        .expect("blank");
    common::reload(&mut app, &mut store, case);
    press(&mut app, &mut store, "E");
    assert_eq!(
        status(&app),
        "Brevet kan inte skapas; det saknas: överklagandetext, datum för redovisning."
    );
    assert!(!dir.path().join("brev").exists(), "no letter written");
    assert_eq!(
        app.case_view.as_ref().map(|v| v.detail.state),
        Some(CaseState::Decided)
    );
}

#[test]
fn the_letter_text_is_stable() {
    let store = common::demo_store();
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::AllOpen),
            1,
            common::today(),
            0,
            500,
        )
        .expect("window");
    let d = rows
        .iter()
        .map(|r| store.case_detail(r.id).expect("detail"))
        .find(|d| {
            d.state == CaseState::Dispatched
                && d.step == Step::Mapping
                && d.decision().is_some_and(|x| is_grant(x.outcome))
        })
        .expect("a dispatched grant");
    let text =
        bidrag::io::letters::decision_letter(&d, d.decision().expect("decision")).expect("letter");
    insta::assert_snapshot!("letter_grant", text);
    let besked = rows
        .iter()
        .map(|r| store.case_detail(r.id).expect("detail"))
        .find(|d| d.state == CaseState::Dispatched && d.step == Step::Interest)
        .expect("a dispatched besked");
    let text = bidrag::io::letters::decision_letter(&besked, besked.decision().expect("decision"))
        .expect("letter");
    insta::assert_snapshot!("letter_besked", text);

    // The agency's settings, as an administratör sets them, head and sign every letter.
    let mut store = store;
    let erik = store.user_by_login("erik").expect("read").expect("erik").id;
    store
        .write(common::now(), |w| {
            use bidrag::domain::admin::Setting;
            w.change_setting(erik, Setting::AgencyName, "Myndigheten för exempel")?;
            w.change_setting(erik, Setting::PostalAddress, "Box 100\n111 11 Exempelstad")?;
            w.change_setting(erik, Setting::OrgNr, "202100-0000")?;
            w.change_setting(
                erik,
                Setting::Contact,
                "registrator@exempel.se, 010-000 00 00",
            )
        })
        .expect("settings");
    let d = store.case_detail(d.id).expect("detail");
    let text =
        bidrag::io::letters::decision_letter(&d, d.decision().expect("decision")).expect("letter");
    insta::assert_snapshot!("letter_grant_with_settings", text);
}

#[test]
fn a_decision_round_decides_exactly_what_the_preview_shows() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    // One organisation with jäv: its proposal is skipped, with the reason.
    let rows = store
        .case_window(
            CaseSource::Queue(Queue::ReadyForDecision),
            app.user.id,
            common::today(),
            0,
            100,
        )
        .expect("window");
    let skipped_case = rows[0].id;
    let org = store
        .case_detail(skipped_case)
        .expect("detail")
        .organisation
        .id;
    let cecilia = app.user.id;
    store
        .write(common::now(), |w| w.declare_jav(cecilia, org, "Jäv."))
        .expect("jäv");
    press(&mut app, &mut store, "B");
    let Some(Modal::Round(round)) = &app.modal else {
        panic!("no preview: {}", status(&app))
    };
    let will: Vec<i64> = round
        .items
        .iter()
        .filter(|i| i.skipped.is_none())
        .map(|i| i.case_id)
        .collect();
    let skipped: Vec<i64> = round
        .items
        .iter()
        .filter(|i| i.skipped.is_some())
        .map(|i| i.case_id)
        .collect();
    assert_eq!(round.items.len(), rows.len());
    assert!(skipped.contains(&skipped_case));
    press(&mut app, &mut store, "<C-s>");
    if app.modal.is_some() {
        // Over budget: the warning, then the confirmation.
        press(&mut app, &mut store, "<C-s>");
    }
    assert!(
        app.modal.is_none(),
        "{:?} {}",
        app.modal.as_ref().map(|m| match m {
            Modal::Round(r) => r.warning,
            _ => None,
        }),
        status(&app)
    );
    for id in &will {
        assert_eq!(
            store.case_detail(*id).expect("d").state,
            CaseState::Decided,
            "case {id}"
        );
    }
    for id in &skipped {
        assert_eq!(
            store.case_detail(*id).expect("d").state,
            CaseState::ProposedDecision
        );
    }
    let in_round: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM decisions WHERE round_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(in_round as usize, will.len());
    assert_eq!(
        status(&app),
        format!("Beslutstillfället klart: {} beslut.", will.len())
    );
}

#[test]
fn registering_in_a_later_step_needs_eligibility_or_a_recorded_exception() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "Kiruna");
    press(&mut app, &mut store, "<Enter>");
    type_text(&mut app, &mut store, "2026 kartl");
    press(&mut app, &mut store, "<Enter>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("no form")
    };
    let info: Vec<String> = form
        .info
        .iter()
        .map(|i| bidrag::ui::info_text(&app, i))
        .collect();
    assert_eq!(
        info,
        [
            "Kiruna saknar ett positivt besked på en intresseanmälan; ange en motivering för undantag."
        ]
    );
    type_text(&mut app, &mut store, "Kartläggning i Kiruna");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("registered without a reason")
    };
    assert_eq!(
        form.error.as_ref().map(|e| e.message.as_str()),
        Some("Motivering för undantag: får inte vara tomt.")
    );
    type_text(&mut app, &mut store, "Beslut av direktören 2026-11-20.");
    press(&mut app, &mut store, "<C-s>");
    let d = &app.case_view.as_ref().expect("registered").detail;
    assert_eq!(d.step, Step::Mapping);
    assert!(
        d.notes
            .iter()
            .any(|n| n.body.contains("Beslut av direktören"))
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.is(bidrag::domain::EventKind::EligibilityOverridden))
    );
}

#[test]
fn a_changed_decision_is_a_new_decision_linked_to_the_old() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    app.letters_dir = dir.path().join("brev");
    let case = open_proposal(&mut app, &mut store, grant_proposal);
    press(&mut app, &mut store, "b <C-s>");
    if matches!(app.modal, Some(Modal::Form(_))) {
        press(&mut app, &mut store, "<C-s>");
    }
    common::reopen(&mut app, &mut store, case);
    press(&mut app, &mut store, "c");
    assert_eq!(
        status(&app),
        "Beslutet är inte expedierat; ändringar görs i ett nytt beslut först efter expediering."
    );
    press(&mut app, &mut store, "E <C-s>");
    let first = app
        .case_view
        .as_ref()
        .expect("open")
        .detail
        .decision()
        .expect("d")
        .clone();
    press(&mut app, &mut store, "c <C-u>");
    type_text(&mut app, &mut store, "100 000");
    press(&mut app, &mut store, "<Tab> <Tab>");
    type_text(&mut app, &mut store, "Sökande har dragit ned verksamheten.");
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(status(&app), "Ändrat beslut fattat; expediera det med E.");
    let d = &app.case_view.as_ref().expect("open").detail;
    let second = d.decision().expect("new decision");
    assert_ne!(second.id, first.id);
    assert_eq!(second.supersedes, Some(first.decided_on));
    assert_eq!(second.amount, Some(bidrag::domain::Money(10_000_000)));
    assert_eq!(d.granted, Some(bidrag::domain::Money(10_000_000)));
    assert_eq!(d.state, CaseState::Dispatched, "the case stays where it is");
    // The old decision is untouched.
    let old = d.decisions.iter().find(|x| x.id == first.id).expect("old");
    assert_eq!(old, &first);
    press(&mut app, &mut store, "E <C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    assert!(d.decision().expect("new").sent_on.is_some());
    let path: String = store
        .connection()
        .query_row(
            "SELECT file_path FROM documents WHERE case_id = ?1 ORDER BY sub_no DESC LIMIT 1",
            [case],
            |r| r.get(0),
        )
        .expect("path");
    let letter = std::fs::read_to_string(path).expect("letter");
    assert!(letter.contains(&format!("(ändrar beslutet den {})", first.decided_on)));
    assert!(letter.contains("100 000 kr"));
    press(&mut app, &mut store, "E");
    assert_eq!(
        status(&app),
        "Beslutet är redan expedierat; ett ändrat beslut görs med c."
    );
}

#[test]
fn the_granted_report_is_stable() {
    let store = common::demo_store();
    let rows = store.granted(None).expect("granted");
    assert!(rows.iter().any(|g| !g.reform_areas.is_empty()));
    let text = bidrag::io::report::text(&rows, Lang::Sv, "Sammanställning av beviljat statsbidrag");
    insta::assert_snapshot!("report_granted_text", text);
    let csv = bidrag::io::report::csv(&rows, b';', Lang::Sv).expect("csv");
    insta::assert_snapshot!("report_granted_csv", String::from_utf8(csv).expect("utf-8"));
}

#[test]
fn reform_areas_are_chosen_one_toggle_per_area() {
    use bidrag::app::form::{FieldId, Input};
    use bidrag::domain::ReformArea;
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Enter> O");
    let want = [ReformArea::Housing, ReformArea::Democracy];
    // Only the six areas, each a yes/no named in words; Space toggles, Tab moves on.
    for area in ReformArea::ALL {
        let Some(Modal::Form(form)) = &app.modal else {
            panic!("no form")
        };
        let field = &form.fields[form.focus];
        assert_eq!(field.id, FieldId::Area(area));
        let Input::Toggle(on) = field.input else {
            panic!("not a toggle: {field:?}")
        };
        if on != want.contains(&area) {
            press(&mut app, &mut store, "<Space>");
        }
        press(&mut app, &mut store, "<Tab>");
    }
    press(&mut app, &mut store, "<C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.reform_areas, want);
}

#[test]
fn a_round_is_all_or_nothing_when_one_case_changed_meanwhile() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    press(&mut app, &mut store, "B");
    let Some(Modal::Round(round)) = &app.modal else {
        panic!("no preview")
    };
    let ids: Vec<i64> = round.items.iter().map(|i| i.case_id).collect();
    let last = *ids.last().expect("items");
    // A colleague notes something on the last case after the preview was made.
    store
        .write(common::now(), |w| {
            w.add_note(1, last, "Ny uppgift från sökande.").map(|_| ())
        })
        .expect("note");
    let before: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM decisions WHERE kind = 'beslut'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    press(&mut app, &mut store, "<C-s>");
    if app.modal.is_some() {
        press(&mut app, &mut store, "<C-s>");
    }
    let after: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM decisions WHERE kind = 'beslut'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(before, after, "no decision of the round was written");
    assert!(status(&app).contains("ändrades av"), "{}", status(&app));
    for id in ids {
        assert_eq!(
            store.case_detail(id).expect("d").state,
            CaseState::ProposedDecision
        );
    }
}

/// Decides and expedites a grant proposal as cecilia, then opens the change form; returns the
/// case, the expedited decision and its amount.
fn expedited_grant(app: &mut App, store: &mut Store, dir: &std::path::Path) -> (i64, i64, i64) {
    app.letters_dir = dir.join("brev");
    let case = open_proposal(app, store, grant_proposal);
    press(app, store, "b <C-s>");
    if matches!(app.modal, Some(Modal::Form(_))) {
        press(app, store, "<C-s>");
    }
    common::reopen(app, store, case);
    press(app, store, "E <C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    let dec = d.decision().expect("decision");
    assert!(dec.sent_on.is_some(), "{}", status(app));
    (case, dec.id, dec.amount.expect("amount").ore())
}

fn decisions_of(store: &Store, case: i64) -> i64 {
    one(
        store,
        "SELECT count(*) FROM decisions WHERE case_id = ?1",
        case,
    )
}

#[test]
fn a_changed_grant_cannot_give_more_than_was_asked_for() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    let (case, _, _) = expedited_grant(&mut app, &mut store, dir.path());
    let requested = app.case_view.as_ref().expect("open").detail.requested;
    let before = decisions_of(&store, case);
    press(&mut app, &mut store, "c <C-u>");
    let more = bidrag::domain::Money(requested.ore() + 100_000);
    type_text(&mut app, &mut store, &more.format_number());
    press(&mut app, &mut store, "<Tab> <Tab>");
    type_text(&mut app, &mut store, "Mer pengar.");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("changed above the requested amount: {}", status(&app))
    };
    let partly = app
        .case_view
        .as_ref()
        .and_then(|v| v.detail.decision().map(|x| x.outcome))
        == Some(bidrag::domain::Outcome::PartlyGranted);
    let expected = if partly {
        format!("Belopp: delvis bifall ska vara mindre än sökt belopp ({requested}).")
    } else {
        format!("Belopp: får inte vara mer än sökt belopp ({requested}).")
    };
    assert_eq!(
        form.error.as_ref().map(|e| e.message.clone()),
        Some(expected)
    );
    assert_eq!(decisions_of(&store, case), before, "nothing written");
}

#[test]
fn a_raised_grant_over_budget_needs_an_explicit_confirmation() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    let (case, _, amount) = expedited_grant(&mut app, &mut store, dir.path());
    let call = app.case_view.as_ref().expect("open").detail.call.id;
    // Room to raise within what was asked for, and no money left in the call.
    store
        .connection()
        .execute(
            "UPDATE cases SET requested_ore = requested_ore * 2 WHERE id = ?1",
            [case],
        )
        .expect("requested");
    store
        .connection()
        .execute("UPDATE calls SET budget_ore = 100 WHERE id = ?1", [call])
        .expect("budget");
    common::reload(&mut app, &mut store, case);
    let before = decisions_of(&store, case);
    press(&mut app, &mut store, "c <C-u>");
    type_text(
        &mut app,
        &mut store,
        &bidrag::domain::Money(amount + 100_000).format_number(),
    );
    press(&mut app, &mut store, "<Tab> <Tab>");
    type_text(&mut app, &mut store, "Utökad verksamhet.");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("raised over budget without confirmation: {}", status(&app))
    };
    assert!(
        form.warning
            .as_ref()
            .is_some_and(|w| w.contains("över budget")),
        "{:?}",
        form.warning
    );
    assert_eq!(decisions_of(&store, case), before, "nothing written");
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none(), "{}", status(&app));
    assert_eq!(
        one(
            &store,
            "SELECT over_budget_confirmed FROM decisions WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            case
        ),
        1
    );
}

#[test]
fn changing_a_decision_that_does_not_exist_is_not_found() {
    let mut store = common::demo_store();
    let before: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .expect("count");
    let result = store.write(common::now(), |w| {
        w.correct_decision(
            1,
            1,
            999_999,
            None,
            None,
            "Skäl.",
            "Överklagande.",
            common::today(),
            &[],
        )
    });
    assert!(
        matches!(
            result,
            Err(bidrag::storage::StoreError::NotFound("decision"))
        ),
        "{result:?}"
    );
    let after: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .expect("count");
    assert_eq!(after, before);
}

#[test]
fn a_round_flags_over_budget_only_the_call_that_goes_over() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    press(&mut app, &mut store, "B");
    let Some(Modal::Round(round)) = &app.modal else {
        panic!("no preview: {}", status(&app))
    };
    let mut calls: Vec<i64> = round
        .items
        .iter()
        .filter(|i| i.skipped.is_none() && i.amount.is_some())
        .map(|i| i.call_id)
        .collect();
    calls.sort_unstable();
    calls.dedup();
    assert!(
        calls.len() >= 2,
        "the demo round has grants in two calls: {calls:?}"
    );
    let (over, under) = (calls[0], calls[1]);
    // One call has no money left, the other plenty.
    for (call, budget) in [(over, 100_i64), (under, 1_000_000_000_000)] {
        store
            .connection()
            .execute(
                "UPDATE calls SET budget_ore = ?1 WHERE id = ?2",
                [budget, call],
            )
            .expect("budget");
    }
    press(&mut app, &mut store, "<Esc> B <C-s>");
    let Some(Modal::Round(round)) = &app.modal else {
        panic!("no warning: {}", status(&app))
    };
    assert!(round.warning.is_some());
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none(), "{}", status(&app));
    let flagged = |call: i64| -> (i64, i64) {
        store
            .connection()
            .query_row(
                "SELECT count(*), COALESCE(sum(d.over_budget_confirmed), 0) FROM decisions d
                 JOIN cases c ON c.id = d.case_id
                 WHERE d.round_id IS NOT NULL AND d.amount_ore > 0 AND c.call_id = ?1",
                [call],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("flags")
    };
    let (n_over, f_over) = flagged(over);
    let (n_under, f_under) = flagged(under);
    assert!(n_over > 0 && n_under > 0);
    assert_eq!(
        f_over, n_over,
        "every grant of the call over budget is flagged"
    );
    assert_eq!(f_under, 0, "no grant of the call within budget is flagged");
}

#[test]
fn a_letter_file_left_by_a_crash_before_registering_does_not_block_the_resend() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "cecilia");
    app.letters_dir = dir.path().join("brev");
    let case = open_proposal(&mut app, &mut store, grant_proposal);
    press(&mut app, &mut store, "b <C-s>");
    if matches!(app.modal, Some(Modal::Form(_))) {
        press(&mut app, &mut store, "<C-s>");
    }
    common::reopen(&mut app, &mut store, case);
    let d = &app.case_view.as_ref().expect("open").detail;
    let dec = d.decision().expect("decided");
    // What a crash after writing the file and before the commit leaves behind.
    std::fs::create_dir_all(&app.letters_dir).expect("dir");
    let orphan = app.letters_dir.join(format!(
        "{}-{}-{}-beslut-{}.md",
        d.dnr.prefix, d.dnr.year, d.dnr.seq, dec.id
    ));
    std::fs::write(&orphan, "halvt brev").expect("orphan");
    press(&mut app, &mut store, "E <C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.state, CaseState::Dispatched, "{}", status(&app));
    let letter = std::fs::read_to_string(&orphan).expect("letter");
    assert!(letter.contains(&d.dnr.to_string()), "{letter}");
    let leftovers: Vec<_> = std::fs::read_dir(&app.letters_dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
