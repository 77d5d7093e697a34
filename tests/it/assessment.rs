//! Guided assessment through the keys, as a caseworker does it: rows and events out.

use crate::common;

use bidrag::app::form::FieldId;
use bidrag::app::{App, Modal, Screen};
use bidrag::domain::workflow::Transition;
use bidrag::domain::{CaseState, Queue};
use bidrag::i18n::Lang;
use bidrag::storage::Store;
use common::{app_on_demo, press, type_text};

fn count(store: &Store, sql: &str, case: i64) -> i64 {
    store
        .connection()
        .query_row(sql, [case], |r| r.get(0))
        .expect("count")
}

fn events(store: &Store, case: i64) -> i64 {
    count(
        store,
        "SELECT count(*) FROM events WHERE case_id = ?1",
        case,
    )
}

fn state(store: &Store, case: i64) -> String {
    store
        .connection()
        .query_row("SELECT state FROM cases WHERE id = ?1", [case], |r| {
            r.get(0)
        })
        .expect("state")
}

/// Opens the state picker with `s` and chooses `t` with <Down> and Enter, as a user would.
fn choose_in_state_menu(app: &mut App, store: &mut Store, t: Transition) {
    press(app, store, "s");
    common::pick_transition(app, store, t);
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Opens the first new intresseanmälan of the "Nya" queue.
fn open_first_new(app: &mut App, store: &mut Store) -> i64 {
    let rows = store
        .case_window(
            bidrag::domain::CaseSource::Queue(Queue::New),
            app.user.id,
            common::today(),
            0,
            100,
        )
        .expect("window");
    let index = rows
        .iter()
        .position(|r| r.step == bidrag::domain::Step::Interest)
        .expect("a new intresseanmälan");
    press(app, store, "<Enter>");
    for _ in 0..index {
        press(app, store, "j");
    }
    press(app, store, "<Enter>");
    assert_eq!(app.screen, Screen::Case);
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.state, CaseState::Received);
    assert_eq!(d.step, bidrag::domain::Step::Interest);
    d.id
}

#[test]
fn a_new_intresseanmalan_walks_to_a_proposal() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    let docs_before = count(
        &store,
        "SELECT count(*) FROM documents WHERE case_id = ?1",
        case,
    );

    // Two items met: the first answer takes the case into handling.
    press(&mut app, &mut store, "a u u");
    assert_eq!(state(&store, case), "under_handlaggning");
    assert_eq!(
        app.case_view.as_ref().map(|v| v.row),
        Some(2),
        "cursor moved on"
    );

    // Partly, with a comment on two lines.
    press(&mut app, &mut store, "d");
    assert!(matches!(app.modal, Some(Modal::Editor(_))));
    type_text(&mut app, &mut store, "Samverkan beskrivs kort.");
    press(&mut app, &mut store, "<Enter>");
    type_text(&mut app, &mut store, "Skolan nämns inte.");
    press(&mut app, &mut store, "<C-s>");
    let comment: String = store
        .connection()
        .query_row(
            "SELECT comment FROM checklist_answers WHERE case_id = ?1 AND item_key = 'samverkan_beskriven'",
            [case],
            |r| r.get(0),
        )
        .expect("answer");
    assert_eq!(comment, "Samverkan beskrivs kort.\nSkolan nämns inte.");

    // A komplettering round trip: request with the default due date, then the reply.
    press(&mut app, &mut store, "K");
    type_text(&mut app, &mut store, "Beskriv skolans roll i samverkan.");
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(state(&store, case), "komplettering_begard");
    let due: String = store
        .connection()
        .query_row(
            "SELECT supplement_due_on FROM cases WHERE id = ?1",
            [case],
            |r| r.get(0),
        )
        .expect("due");
    assert_eq!(due, "2026-12-12", "14 days from today");
    // The request moved the case on, so the triage loop opened the next; back to this one.
    assert_ne!(app.case_view.as_ref().map(|v| v.detail.id), Some(case));
    common::reopen(&mut app, &mut store, case);
    press(&mut app, &mut store, "I <C-s>");
    assert_eq!(state(&store, case), "under_handlaggning");
    let due: Option<String> = store
        .connection()
        .query_row(
            "SELECT supplement_due_on FROM cases WHERE id = ?1",
            [case],
            |r| r.get(0),
        )
        .expect("due");
    assert_eq!(due, None);

    // A tjänsteanteckning.
    press(&mut app, &mut store, "t");
    type_text(
        &mut app,
        &mut store,
        "Ringde kontaktpersonen om skolans roll.",
    );
    press(&mut app, &mut store, "<C-s>");

    // The rest of the checklist, then the proposal.
    press(&mut app, &mut store, "u u u u u");
    assert!(status(&app).contains("Alla punkter"), "{}", status(&app));
    choose_in_state_menu(&mut app, &mut store, Transition::Propose);
    // The proposal: positivt besked, with its motivering.
    assert!(
        matches!(app.modal, Some(Modal::Picker(_))),
        "outcome picker"
    );
    press(&mut app, &mut store, "<Enter>");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("proposal form closed without a motivering")
    };
    assert_eq!(
        form.error.as_ref().map(|e| e.message.as_str()),
        Some("Motivering: krävs för allt utom fullt bifall (FL 32 §).")
    );
    type_text(
        &mut app,
        &mut store,
        "Anmälan beskriver en sektorsövergripande samverkan.",
    );
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(state(&store, case), "forslag_till_beslut");

    // What was written.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM checklist_answers WHERE case_id = ?1",
            case
        ),
        8
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM documents WHERE case_id = ?1",
            case
        ),
        docs_before + 2,
        "request out, reply in"
    );
    let notes: Vec<String> = {
        let mut stmt = store
            .connection()
            .prepare("SELECT n.body FROM notes n WHERE n.case_id = ?1 ORDER BY n.id")
            .expect("prepare");
        stmt.query_map([case], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(
        notes.last().map(String::as_str),
        Some("Ringde kontaktpersonen om skolans roll.")
    );
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT e.before, e.after FROM events e WHERE e.case_id = ?1 AND e.kind = 'state_changed'
             ORDER BY e.id",
        )
        .expect("prepare");
    let changes: Vec<(Option<String>, Option<String>)> = stmt
        .query_map([case], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    drop(stmt);
    let path: Vec<String> = changes.iter().filter_map(|c| c.1.clone()).collect();
    assert_eq!(
        path,
        [
            "under_handlaggning",
            "komplettering_begard",
            "under_handlaggning",
            "forslag_till_beslut"
        ]
    );
    let user: String = store
        .connection()
        .query_row(
            "SELECT u.login FROM events e JOIN users u ON u.id = e.user_id
             WHERE e.case_id = ?1 ORDER BY e.id DESC LIMIT 1",
            [case],
            |r| r.get(0),
        )
        .expect("who");
    assert_eq!(user, "anna");
    let assignee: String = store
        .connection()
        .query_row(
            "SELECT u.login FROM cases c JOIN users u ON u.id = c.assignee_id WHERE c.id = ?1",
            [case],
            |r| r.get(0),
        )
        .expect("assignee");
    assert_eq!(assignee, "anna");

    // From a proposal the menu offers taking it back or ending the case; the decision itself
    // is not a plain state change.
    press(&mut app, &mut store, "s");
    assert_eq!(
        common::offered(&app),
        [
            Transition::Reopen,
            Transition::Withdraw,
            Transition::WriteOff
        ]
    );
    press(&mut app, &mut store, "<Esc>");

    // Answers are locked once the proposal is made.
    let before = events(&store, case);
    press(&mut app, &mut store, "1 u");
    assert!(status(&app).contains("låsta"), "{}", status(&app));
    assert_eq!(events(&store, case), before);
}

#[test]
fn a_proposal_with_unanswered_mandatory_items_is_refused() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    press(&mut app, &mut store, "u");
    let before = events(&store, case);
    choose_in_state_menu(&mut app, &mut store, Transition::Propose);
    assert_eq!(
        status(&app),
        "Checklistan har 5 obesvarade obligatoriska punkter: 2, 3, 4, 5, 6."
    );
    assert_eq!(state(&store, case), "under_handlaggning");
    assert_eq!(events(&store, case), before, "nothing written");
}

#[test]
fn a_closed_case_offers_no_state_change() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // The 2018 intresseanmälan call holds closed cases.
    press(&mut app, &mut store, "1 G <Enter>");
    let closed = app
        .cases
        .rows
        .iter()
        .position(|r| r.state == CaseState::Closed)
        .expect("a closed case");
    for _ in 0..closed {
        press(&mut app, &mut store, "j");
    }
    press(&mut app, &mut store, "<Enter>");
    let case = app.case_view.as_ref().expect("open").detail.id;
    let before = events(&store, case);
    press(&mut app, &mut store, "s");
    assert!(app.modal.is_none());
    assert!(
        status(&app).contains("Ingen statusändring"),
        "{}",
        status(&app)
    );
    press(&mut app, &mut store, "K");
    assert!(
        status(&app).contains("går inte från status Avslutad"),
        "{}",
        status(&app)
    );
    assert_eq!(events(&store, case), before);
}

#[test]
fn withdrawal_needs_a_reason_and_esc_writes_nothing() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    let before = events(&store, case);
    choose_in_state_menu(&mut app, &mut store, Transition::Withdraw);
    assert!(matches!(app.modal, Some(Modal::Editor(_))));
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Editor(editor)) = &app.modal else {
        panic!("editor closed on an empty reason")
    };
    assert_eq!(editor.error.as_deref(), Some("Skäl: får inte vara tomt."));
    press(&mut app, &mut store, "<Esc>");
    assert!(app.modal.is_none());
    assert_eq!(events(&store, case), before, "cancel writes nothing");
    assert_eq!(state(&store, case), "inkommen");
}

#[test]
fn bad_form_input_names_the_field_and_writes_nothing() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    let before = events(&store, case);
    // A komplettering due in the past.
    press(&mut app, &mut store, "K");
    type_text(&mut app, &mut store, "Protokoll");
    press(&mut app, &mut store, "<Tab> <C-u>");
    type_text(&mut app, &mut store, "2026-11-01");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("form closed")
    };
    assert_eq!(
        form.error.as_ref().map(|e| e.message.as_str()),
        Some("Senast (ÅÅÅÅ-MM-DD): datumet måste ligga efter i dag (2026-11-28).")
    );
    press(&mut app, &mut store, "<C-u>");
    type_text(&mut app, &mut store, "i morgon");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("form closed")
    };
    assert_eq!(
        form.error.as_ref().map(|e| e.message.as_str()),
        Some("Senast (ÅÅÅÅ-MM-DD): \"i morgon\" är inget datum (ÅÅÅÅ-MM-DD).")
    );
    press(&mut app, &mut store, "<Esc>");
    // A document whose file does not exist.
    press(&mut app, &mut store, "r");
    type_text(&mut app, &mut store, "Styrelseprotokoll");
    press(&mut app, &mut store, "<Tab>");
    type_text(&mut app, &mut store, "/no/such/file.pdf");
    press(&mut app, &mut store, "<C-s>");
    // The form comes back as typed, the error at the file field.
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("the form was lost")
    };
    assert_eq!(form.focus, 4);
    assert_eq!(
        form.text(bidrag::app::form::FieldId::Description),
        "Styrelseprotokoll"
    );
    assert_eq!(
        form.error.as_ref().map(|e| e.message.as_str()),
        Some("Fil (valfri sökväg): filen /no/such/file.pdf finns inte.")
    );
    press(&mut app, &mut store, "<Esc>");
    // A document dated in the future, and one in a year no case can concern.
    press(&mut app, &mut store, "r <S-Tab> <S-Tab> <C-u>");
    type_text(&mut app, &mut store, "+12026-01-01");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("form closed")
    };
    assert!(
        form.error
            .as_ref()
            .is_some_and(|e| e.message.contains("är inget datum"))
    );
    press(&mut app, &mut store, "<C-u>");
    type_text(&mut app, &mut store, "2030-01-01");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("form closed")
    };
    assert!(
        form.error
            .as_ref()
            .is_some_and(|e| e.message.starts_with("Datum"))
    );
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(events(&store, case), before, "nothing written");
}

#[test]
fn a_document_is_registered_with_the_next_sub_number() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    let file = tempfile::NamedTempFile::new().expect("file");
    press(&mut app, &mut store, "r");
    type_text(&mut app, &mut store, "Styrelseprotokoll 2026-10-12");
    press(&mut app, &mut store, "<Tab>");
    type_text(&mut app, &mut store, &file.path().display().to_string());
    press(&mut app, &mut store, "<Enter>");
    assert!(app.modal.is_none(), "Enter on the last field saves");
    let (sub, path): (i64, String) = store
        .connection()
        .query_row(
            "SELECT sub_no, file_path FROM documents WHERE case_id = ?1 ORDER BY sub_no DESC LIMIT 1",
            [case],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("document");
    assert_eq!(sub, 2);
    assert_eq!(path, file.path().display().to_string());
    assert!(status(&app).contains("-2 registrerad"), "{}", status(&app));
}

#[test]
fn register_a_new_case_from_the_home_screen() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let new_before = app.queues.items[0].count();
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "malmö");
    press(&mut app, &mut store, "<Enter>");
    type_text(&mut app, &mut store, "2026 intresse");
    press(&mut app, &mut store, "<Enter>");
    // Received date (today), summary, amount.
    type_text(&mut app, &mut store, "Samverkan mot segregation i Malmö");
    press(&mut app, &mut store, "<Enter> <C-u>");
    type_text(&mut app, &mut store, "12,345");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("bad amount accepted")
    };
    assert!(
        form.error
            .as_ref()
            .is_some_and(|e| e.message.contains("är inget belopp"))
    );
    press(&mut app, &mut store, "<C-u>");
    type_text(&mut app, &mut store, "0");
    // The demo's 2026 intresseanmälan closed 60 days ago: a case received today needs the
    // reason it is registered all the same.
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("registered in a closed call without a reason")
    };
    let error = form.error.as_ref().expect("an error");
    assert_eq!(error.field, Some(FieldId::LateReason));
    assert!(
        error.message.contains("utlysningen stängde"),
        "{}",
        error.message
    );
    assert_eq!(form.fields[form.focus].id, FieldId::LateReason);
    type_text(
        &mut app,
        &mut store,
        "Kom in i tid per e-post men diariefördes sent.",
    );
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(app.screen, Screen::Case);
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.organisation.name, "Malmö");
    assert_eq!(d.state, CaseState::Received);
    assert_eq!(d.title, "Samverkan mot segregation i Malmö");
    assert!(
        d.checklist.is_some(),
        "the case records its checklist version"
    );
    assert_eq!(d.documents.len(), 1, "the incoming document is registered");
    assert!(status(&app).contains(&format!("Ärende {} registrerat", d.dnr)));
    assert!(
        d.notes.iter().any(|n| n.body
            == "Registrerat efter att utlysningen stängt: Kom in i tid per e-post men diariefördes sent."),
        "the reason is on the case"
    );
    let max_seq: i64 = store
        .connection()
        .query_row(
            "SELECT max(dnr_seq) FROM cases WHERE dnr_year = 2026",
            [],
            |r| r.get(0),
        )
        .expect("max");
    assert_eq!(i64::from(d.dnr.seq), max_seq, "the next diarienummer");
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(
        app.queues.items[0],
        bidrag::app::QueueEntry::Builtin(Queue::New, new_before + 1)
    );
}

#[test]
fn a_stale_case_view_is_refused_with_who_and_when() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("two.db");
    let mut anna_store = common::demo_store_at(&path);
    let anna = anna_store.user_by_login("anna").expect("q").expect("anna");
    let mut app = App::new(
        Lang::Sv,
        anna,
        common::today(),
        "two.db".into(),
        bidrag::app::Keymap::default_map(),
        common::checklists(),
    );
    let start = app.start();
    bidrag::service::drive(&mut app, &mut anna_store, start, &common::now);
    let case = open_first_new(&mut app, &mut anna_store);
    // Bertil, in another process, notes something on the same case.
    let mut bertil_store = Store::open(&path, common::now()).expect("second");
    let bertil = bertil_store
        .user_by_login("bertil")
        .expect("q")
        .expect("bertil");
    let version = bertil_store.case_detail(case).expect("detail").version;
    bertil_store
        .write(common::now(), |w| {
            w.check_version(case, version)?;
            w.add_note(bertil.id, case, "Bertil ringde sökande.")
        })
        .expect("bertil writes");
    let before = events(&anna_store, case);
    press(&mut app, &mut anna_store, "u");
    assert_eq!(
        status(&app),
        "Ärendet ändrades av Bertil Okafor 2026-11-28 09:30; vyn är uppdaterad, gör om ändringen."
    );
    assert_eq!(
        events(&anna_store, case),
        before,
        "Anna's answer was not written"
    );
    let notes = &app.case_view.as_ref().expect("open").detail.notes;
    assert!(
        notes.iter().any(|n| n.body == "Bertil ringde sökande."),
        "view reloaded"
    );
    // Done again, it goes through.
    press(&mut app, &mut anna_store, "u");
    assert_eq!(state(&anna_store, case), "under_handlaggning");
}

#[test]
fn assign_to_a_colleague() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    press(&mut app, &mut store, "A");
    let Some(Modal::Picker(picker)) = &app.modal else {
        panic!("no picker")
    };
    assert!(
        picker.items.iter().all(|(_, l)| !l.contains("anna")),
        "not myself"
    );
    assert!(
        picker.items.iter().all(|(_, l)| !l.contains("cecilia")),
        "only caseworkers"
    );
    type_text(&mut app, &mut store, "dalia");
    press(&mut app, &mut store, "<Enter>");
    let login: String = store
        .connection()
        .query_row(
            "SELECT u.login FROM cases c JOIN users u ON u.id = c.assignee_id WHERE c.id = ?1",
            [case],
            |r| r.get(0),
        )
        .expect("assignee");
    assert_eq!(login, "dalia");
    assert_eq!(status(&app), "Tilldelat Dalia Haddad.");
}

#[test]
fn pasted_text_goes_into_the_field_without_control_characters() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    press(&mut app, &mut store, "t");
    let effects = app.update(bidrag::app::Msg::Paste(
        "Rad ett\r\nRad två\u{1b}[2J".into(),
    ));
    bidrag::service::drive(&mut app, &mut store, effects, &common::now);
    press(&mut app, &mut store, "<C-s>");
    let body: String = store
        .connection()
        .query_row(
            "SELECT body FROM notes WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            [case],
            |r| r.get(0),
        )
        .expect("note");
    assert_eq!(body, "Rad ett\nRad två[2J");
}

#[test]
fn new_cases_use_the_users_own_checklist_version() {
    let mut store = common::demo_store();
    let mut mine = common::checklists();
    mine[0].template.version = "2026.2".into();
    mine[0].body = mine[0]
        .body
        .replace("version = \"2018.1\"", "version = \"2026.2\"");
    let (user, _) = store
        .write(common::now(), |w| w.ensure_user("anna"))
        .expect("user");
    let mut app = App::new(
        Lang::Sv,
        user,
        common::today(),
        "x".into(),
        bidrag::app::Keymap::default_map(),
        mine,
    );
    let start = app.start();
    bidrag::service::drive(&mut app, &mut store, start, &common::now);
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "Ale");
    press(&mut app, &mut store, "<Enter>");
    type_text(&mut app, &mut store, "2026 intresse");
    press(&mut app, &mut store, "<Enter>");
    type_text(&mut app, &mut store, "Ny anmälan");
    press(&mut app, &mut store, "<C-s>");
    // The call closed: the reason, then save.
    type_text(&mut app, &mut store, "Sent diariefört.");
    press(&mut app, &mut store, "<C-s>");
    let d = &app.case_view.as_ref().expect("open").detail;
    assert_eq!(d.checklist_id.as_deref(), Some("intresseanmalan@2026.2"));
    // Older cases keep the version they were assessed against.
    let old: String = store
        .connection()
        .query_row(
            "SELECT checklist_id FROM cases WHERE step = 1 AND id < ?1 LIMIT 1",
            [d.id],
            |r| r.get(0),
        )
        .expect("old");
    assert_eq!(old, "intresseanmalan@2018.1");
}

#[test]
fn a_case_without_a_checklist_is_assessed_against_the_current_version() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    store
        .connection()
        .execute("UPDATE cases SET checklist_id = NULL WHERE id = ?1", [case])
        .expect("forget the checklist");
    common::reload(&mut app, &mut store, case);
    // The current version is shown and answered; the case records it with the first answer.
    press(&mut app, &mut store, "j u");
    let id: String = store
        .connection()
        .query_row(
            "SELECT checklist_id FROM cases WHERE id = ?1",
            [case],
            |r| r.get(0),
        )
        .expect("recorded");
    assert_eq!(id, "intresseanmalan@2018.1");
    let item: String = store
        .connection()
        .query_row(
            "SELECT item_key FROM checklist_answers WHERE case_id = ?1",
            [case],
            |r| r.get(0),
        )
        .expect("answer");
    assert_eq!(item, "inkom_i_tid", "the second item, as selected");
}

#[test]
fn an_unkept_checklist_version_is_never_answered_against_another() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = open_first_new(&mut app, &mut store);
    store
        .connection()
        .execute(
            "UPDATE cases SET checklist_id = 'intresseanmalan@1999.1' WHERE id = ?1",
            [case],
        )
        .expect("an unknown version");
    common::reload(&mut app, &mut store, case);
    let before = events(&store, case);
    press(&mut app, &mut store, "u");
    assert!(
        status(&app).contains("intresseanmalan@1999.1"),
        "{}",
        status(&app)
    );
    assert_eq!(events(&store, case), before);
}

#[test]
fn help_scrolling_stops_at_its_end() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "?");
    for _ in 0..500 {
        press(&mut app, &mut store, "<Down>");
    }
    let end = app.help.expect("open");
    assert_eq!(end, app.help_len());
    press(&mut app, &mut store, "<Up>");
    assert_eq!(app.help, Some(end - 1));
}

#[test]
fn a_read_only_database_turns_every_write_key_off_with_the_reason() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    app.read_only = true;
    let events_before: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    press(&mut app, &mut store, "n");
    assert!(app.modal.is_none());
    assert!(status(&app).contains("skrivskyddad"), "{}", status(&app));
    press(&mut app, &mut store, "<Enter> <Enter>");
    assert_eq!(app.screen, Screen::Case, "reading still works");
    for key in ["u", "d", "s", "t", "K", "r", "a", "b", "E", "J", "O"] {
        app.status = None;
        press(&mut app, &mut store, key);
        assert!(app.modal.is_none(), "{key} opened a dialog");
        assert!(
            status(&app).contains("skrivskyddad"),
            "{key}: {}",
            status(&app)
        );
    }
    let events_after: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(events_before, events_after);
    let t = common::draw(&app, &bidrag::ui::Theme::mono(), 100, 30);
    assert!(t.backend().to_string().contains("SKRIVSKYDDAD"));
}

#[test]
fn a_busy_database_says_so_and_keeps_the_typed_text_for_a_retry() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("busy.db");
    let mut store = common::demo_store_at(&path);
    store
        .set_busy_timeout(std::time::Duration::from_millis(50))
        .expect("timeout");
    let anna = store.user_by_login("anna").expect("q").expect("anna");
    let mut app = App::new(
        Lang::Sv,
        anna,
        common::today(),
        "busy.db".into(),
        bidrag::app::Keymap::default_map(),
        common::checklists(),
    );
    let start = app.start();
    bidrag::service::drive(&mut app, &mut store, start, &common::now);
    let case = open_first_new(&mut app, &mut store);
    // Another process holds the write lock.
    let other = rusqlite::Connection::open(&path).expect("second connection");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    // Reads never wait for a writer.
    assert!(store.case_detail(case).is_ok());
    press(&mut app, &mut store, "t");
    type_text(&mut app, &mut store, "Viktigt samtal med sökande.");
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Editor(editor)) = &app.modal else {
        panic!("the typed note was lost: {}", status(&app))
    };
    assert_eq!(
        bidrag::app::modal::text_of(&editor.input),
        "Viktigt samtal med sökande."
    );
    assert!(status(&app).contains("upptagen"), "{}", status(&app));
    other.execute_batch("ROLLBACK").expect("unlock");
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none(), "{}", status(&app));
    let body: String = store
        .connection()
        .query_row(
            "SELECT body FROM notes WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            [case],
            |r| r.get(0),
        )
        .expect("note");
    assert_eq!(body, "Viktigt samtal med sökande.");
}
