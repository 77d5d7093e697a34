//! Import and statistics from the interface: the dry run is shown, then exactly that is written.

use crate::common;

use bidrag::app::{Modal, modal::PreviewAction};
use bidrag::i18n::Lang;
use common::{app_on_demo, press, type_text};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn import_shows_the_dry_run_then_writes_exactly_that() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let cases_before = store.count_all_cases().expect("count");
    press(&mut app, &mut store, "i");
    type_text(&mut app, &mut store, &fixture("comma.csv"));
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Preview(p)) = &app.modal else {
        panic!("no preview: {:?}", app.status)
    };
    assert!(matches!(p.action, PreviewAction::Import { .. }));
    assert!(
        bidrag::ui::preview::lines(&app, &p.content)
            .iter()
            .any(|l| l.starts_with("Provkörning: 2 ärenden och 1 organisationer")),
        "{:?}",
        bidrag::ui::preview::lines(&app, &p.content)
    );
    assert_eq!(
        store.count_all_cases().expect("count"),
        cases_before,
        "the dry run writes nothing"
    );
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none());
    assert_eq!(store.count_all_cases().expect("count"), cases_before + 2);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Importerat: 2 ärenden och 1 organisationer; 0 rader fanns redan.")
    );
}

#[test]
fn a_file_with_errors_shows_them_and_cannot_be_confirmed() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let cases_before = store.count_all_cases().expect("count");
    press(&mut app, &mut store, "i");
    type_text(&mut app, &mut store, &fixture("bad_rows.csv"));
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Preview(p)) = &app.modal else {
        panic!("no preview")
    };
    assert!(
        bidrag::ui::preview::lines(&app, &p.content)
            .iter()
            .any(|l| l.contains("rad 4, kolumn belopp")),
        "{:?}",
        bidrag::ui::preview::lines(&app, &p.content)
    );
    press(&mut app, &mut store, "<C-s>");
    assert!(
        matches!(app.modal, Some(Modal::Preview(_))),
        "still open, nothing to confirm"
    );
    press(&mut app, &mut store, "<Esc>");
    assert_eq!(store.count_all_cases().expect("count"), cases_before);
    // A file that is not there.
    press(&mut app, &mut store, "i");
    type_text(&mut app, &mut store, "/no/such.csv");
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.starts_with("/no/such.csv: ")),
        "{:?}",
        app.status
    );
}

#[test]
fn statistics_count_states_steps_and_calls() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "S");
    let Some(Modal::Preview(p)) = &app.modal else {
        panic!("no statistics")
    };
    let text = bidrag::ui::preview::lines(&app, &p.content).join("\n");
    for heading in [
        "Ärenden per status",
        "Ärenden per steg",
        "Ärenden och pengar per utlysning",
        "Sammanställning av beviljat statsbidrag",
        "Per län",
    ] {
        assert!(text.contains(heading), "{heading} missing in:\n{text}");
    }
    let total: i64 = bidrag::ui::preview::lines(&app, &p.content)
        .iter()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().last()?.parse::<i64>().ok())
        .sum();
    assert_eq!(total, store.count_all_cases().expect("count"));
}

#[test]
fn the_import_form_offers_its_default_in_the_users_language() {
    for (lang, want) in [
        (Lang::Sv, "Ansökningar och intresseanmälningar"),
        (Lang::En, "Applications and expressions of interest"),
    ] {
        let (mut app, mut store) = app_on_demo(lang, "anna");
        press(&mut app, &mut store, "i");
        let Some(Modal::Form(form)) = &app.modal else {
            panic!("no form")
        };
        assert_eq!(form.text(bidrag::app::form::FieldId::ImportKind), want);
    }
}
