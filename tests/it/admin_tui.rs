//! The administration view (U): keys in, rows in the database out, refusals shown where they
//! belong and nothing written.

use crate::common;

use bidrag::app::admin::{AdminTab, AdminView};
use bidrag::app::{Modal, modal::Confirm};
use bidrag::domain::Role;
use bidrag::i18n::Lang;
use common::{app_on_demo, press, screen, today, type_text};

fn view(app: &bidrag::app::App) -> &AdminView {
    match &app.modal {
        Some(Modal::Admin(v)) => v,
        other => panic!("no administration view: {other:?} / {:?}", app.status),
    }
}

fn status(app: &bidrag::app::App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Presses `j` until the tab's selected row is `row`.
fn select(app: &mut bidrag::app::App, store: &mut bidrag::storage::Store, row: usize) {
    press(app, store, "g");
    for _ in 0..row {
        press(app, store, "j");
    }
}

#[test]
fn closing_a_call_asks_first_and_a_closed_call_cannot_be_closed_again() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "erik");
    press(&mut app, &mut store, "U");
    assert_eq!(view(&app).tab, AdminTab::Calls);
    let open = view(&app)
        .data
        .calls
        .iter()
        .position(|c| c.call.opens_on <= today() && c.call.closes_on.is_none_or(|d| d > today()))
        .expect("an open call in the demo");
    let id = view(&app).data.calls[open].call.id;
    let closes_before = store.call(id).expect("call").closes_on;
    select(&mut app, &mut store, open);

    // x asks; Esc leaves the call as it was and the view where it was.
    press(&mut app, &mut store, "x");
    assert!(
        matches!(&app.modal, Some(Modal::Confirm(Confirm::CloseCall { id: c, .. })) if *c == id)
    );
    assert!(screen(&app, 120, 40).contains("Stäng utlysningen"));
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(view(&app).selected[0], open);
    assert_eq!(store.call(id).expect("call").closes_on, closes_before);

    // x, Enter closes it from today, and the view shows it.
    press(&mut app, &mut store, "x <Enter>");
    assert_eq!(store.call(id).expect("call").closes_on, Some(today()));
    assert!(
        status(&app).contains(&format!("är stängd från {}", today())),
        "{}",
        status(&app)
    );
    view(&app);

    // A call closed earlier is not reopened until today by closing it again.
    let closed = view(&app)
        .data
        .calls
        .iter()
        .position(|c| c.call.closes_on.is_some_and(|d| d < today()))
        .expect("a closed call in the demo");
    let closed_id = view(&app).data.calls[closed].call.id;
    let before = store.call(closed_id).expect("call").closes_on;
    let events = store.admin_events(1000).expect("events").len();
    select(&mut app, &mut store, closed);
    press(&mut app, &mut store, "x <Enter>");
    assert!(status(&app).contains("är inte öppen"), "{}", status(&app));
    assert_eq!(store.call(closed_id).expect("call").closes_on, before);
    assert_eq!(store.admin_events(1000).expect("events").len(), events);
    view(&app);
}

#[test]
fn a_user_added_from_the_screen_has_the_roles_ticked() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "erik");
    press(&mut app, &mut store, "U <Tab>");
    assert_eq!(view(&app).tab, AdminTab::Users);
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "frida");
    press(&mut app, &mut store, "<Tab>");
    type_text(&mut app, &mut store, "Frida Berg");
    press(&mut app, &mut store, "<Tab>");
    type_text(&mut app, &mut store, "Handläggare");
    // The roles' toggles follow: registrator, then handläggare.
    press(&mut app, &mut store, "<Tab> <Tab> <Space> <C-s>");
    let user = store
        .user_by_login("frida")
        .expect("read")
        .unwrap_or_else(|| panic!("not added: {}", status(&app)));
    assert_eq!(user.name, "Frida Berg");
    assert_eq!(user.roles, vec![Role::Caseworker]);
    assert!(status(&app).contains("frida"), "{}", status(&app));
    assert!(
        view(&app).data.users.iter().any(|u| u.login == "frida"),
        "the list follows"
    );

    // The same login again is refused at the login field, the form kept as typed.
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "frida");
    press(&mut app, &mut store, "<Tab>");
    type_text(&mut app, &mut store, "Frida Andra");
    press(&mut app, &mut store, "<Tab> <Tab> <Tab> <Space> <C-s>");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("the form is gone: {}", status(&app))
    };
    let error = form.error.as_ref().expect("an error");
    assert_eq!(
        error.field,
        Some(bidrag::app::form::FieldId::AdmLogin),
        "{error:?}"
    );
    assert_eq!(
        store
            .users()
            .expect("users")
            .iter()
            .filter(|u| u.login == "frida")
            .count(),
        1
    );
}

#[test]
fn the_last_administrator_cannot_be_deactivated_from_the_screen() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "erik");
    press(&mut app, &mut store, "U <Tab>");
    let erik = view(&app)
        .data
        .users
        .iter()
        .position(|u| u.login == "erik")
        .expect("erik");
    select(&mut app, &mut store, erik);
    press(&mut app, &mut store, "x");
    assert!(status(&app).contains("administratör"), "{}", status(&app));
    assert!(
        store
            .user_by_login("erik")
            .expect("read")
            .expect("erik")
            .active
    );
    view(&app);
}

#[test]
fn a_caseworker_sees_the_set_up_but_cannot_change_it() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let calls = store.calls().expect("calls");
    press(&mut app, &mut store, "U");
    assert_eq!(view(&app).data.calls.len(), calls.len());
    let events = store.admin_events(1000).expect("events").len();
    // No form opens for n, e or x; the reason is said at once.
    for key in ["n", "e", "x"] {
        press(&mut app, &mut store, key);
        view(&app);
        assert!(status(&app).contains("administratör"), "{}", status(&app));
    }
    // Around the keys, straight to the service: refused at the write, nothing written.
    let checklists = common::checklists();
    let letters = std::env::temp_dir();
    let ctx = bidrag::service::Ctx {
        user_id: app.user.id,
        today: today(),
        now: common::now(),
        checklists: &checklists,
        letters_dir: &letters,
    };
    let open = calls
        .iter()
        .find(|c| c.closes_on.is_none_or(|d| d >= today()))
        .expect("open");
    let refused = bidrag::service::admin::close_call(&mut store, &ctx, open.id)
        .expect_err("a caseworker cannot close a call");
    assert!(
        format!("{refused:?}").contains("MissingRole"),
        "{refused:?}"
    );
    assert_eq!(store.calls().expect("calls"), calls);
    assert_eq!(store.admin_events(1000).expect("events").len(), events);
}

#[test]
fn the_administration_view_reads_whole_at_its_sizes_and_never_panics() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "erik");
    press(&mut app, &mut store, "U");
    insta::assert_snapshot!("admin_calls_sv_120x40", screen(&app, 120, 40));
    press(&mut app, &mut store, "<Tab>");
    insta::assert_snapshot!("admin_users_sv_80x24", screen(&app, 80, 24));
    press(&mut app, &mut store, "<Tab>");
    insta::assert_snapshot!("admin_settings_sv_100x30", screen(&app, 100, 30));
    for _ in 0..4 {
        for w in (1..=140).step_by(7) {
            for h in (1..=50).step_by(4) {
                let _ = screen(&app, w, h);
            }
        }
        press(&mut app, &mut store, "<Tab>");
    }
    press(&mut app, &mut store, "n");
    for w in (1..=140).step_by(9) {
        for h in (1..=50).step_by(5) {
            let _ = screen(&app, w, h);
        }
    }
}
