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

/// Writes `text` to a new file and returns its path (kept alive with the directory).
fn file_with(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

#[test]
fn the_preview_lists_a_name_that_differs_as_a_warning_and_can_still_be_confirmed() {
    let dir = tempfile::TempDir::new().expect("tmp");
    // CRLF and a semicolon, as a Swedish Excel writes; the names as kommuner sign them.
    let file = file_with(
        &dir,
        "kommuner.csv",
        "organisationsnummer;organisation;inkommen;beskrivning\r\n\
         212000-0142;Stockholms stad;2018-05-02;Stockholm skriver\r\n\
         212000-1124;Göteborgs Stad;2018-05-03;Malmö med fel namn\r\n"
            .as_bytes(),
    );
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let cases_before = store.count_all_cases().expect("count");
    press(&mut app, &mut store, "i");
    type_text(&mut app, &mut store, &file);
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Preview(p)) = &app.modal else {
        panic!("no preview: {:?}", app.status)
    };
    let lines = bidrag::ui::preview::lines(&app, &p.content);
    assert!(
        lines.iter().any(|l| l
            == "rad 3, kolumn organisation: organisationsnumret hör till \"Malmö\", raden anger \"Göteborgs Stad\"; raden importeras till \"Malmö\" (varning; hindrar inte importen)"),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("rad 2")),
        "Stockholms stad is Stockholm: {lines:?}"
    );
    assert!(matches!(p.action, PreviewAction::Import { .. }));
    press(&mut app, &mut store, "<C-s>");
    assert_eq!(store.count_all_cases().expect("count"), cases_before + 2);
}

#[test]
fn a_file_that_cannot_be_read_exactly_is_refused_with_row_and_column_and_nothing_written() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let cases_before = store.count_all_cases().expect("count");
    for (bytes, want) in [
        (
            &b"organisationsnummer,inkommen,beskrivning\n212000-1124,2018-05-02,\"Ett\n212000-1124,2018-05-03,Tv\xC3\xA5\n"[..],
            "rad 2, kolumn C (beskrivning): citattecknet som öppnar cellen stängs aldrig",
        ),
        (
            &b"organisationsnummer,inkommen,beskrivning\r\n212000-1124,2018-05-02,F\xC3\xB6reningens ans\xC3\xB6kan\r\n212000-1124,2018-05-03,Malm\xF6\r\n"[..],
            "rad 3, kolumn C (beskrivning): byten 0xF6 är inte UTF-8",
        ),
    ] {
        let file = file_with(&dir, "x.csv", bytes);
        press(&mut app, &mut store, "i");
        type_text(&mut app, &mut store, &file);
        press(&mut app, &mut store, "<C-s>");
        assert!(app.modal.is_none(), "no preview to confirm");
        let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        assert!(status.contains(want), "{status}");
        assert_eq!(store.count_all_cases().expect("count"), cases_before);
    }
}

#[test]
fn the_preview_shares_its_plan_with_its_confirmation_and_lets_it_go_when_it_closes() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut csv = String::from("organisationsnummer,inkommen,beskrivning\n");
    for i in 0..20_000 {
        csv.push_str(&format!(
            "212000-1124,2018-05-02,Anmälan nummer {i} om samverkan\n"
        ));
    }
    let file = file_with(&dir, "stor.csv", csv.as_bytes());
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "i");
    type_text(&mut app, &mut store, &file);
    press(&mut app, &mut store, "<C-s>");
    let Some(Modal::Preview(p)) = &app.modal else {
        panic!("no preview: {:?}", app.status)
    };
    let (
        bidrag::app::modal::PreviewContent::Import { plan, .. },
        PreviewAction::Import {
            plan: confirmed, ..
        },
    ) = (&p.content, &p.action)
    else {
        panic!("not an import preview")
    };
    assert!(
        std::sync::Arc::ptr_eq(plan, confirmed),
        "one plan, not a copy for the confirmation"
    );
    // What the plan costs: its packed cases and their summaries, not a row of strings each.
    let per_case = plan.heap_bytes() / plan.cases.len();
    assert!(per_case < 128, "{per_case} bytes per case");
    let weak = std::sync::Arc::downgrade(plan);
    press(&mut app, &mut store, "<Esc>");
    assert!(app.modal.is_none());
    assert!(
        weak.upgrade().is_none(),
        "nothing keeps the plan after the preview closes"
    );
}
