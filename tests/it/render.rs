//! Rendering: snapshots of the home screen and the case view, the size sweep, and the mono
//! theme's selection.

use crate::common;

use bidrag::i18n::Lang;
use bidrag::ui::Theme;
use common::{app_on_demo, draw, press};
use ratatui::style::Modifier;

fn snapshot_name(screen: &str, lang: Lang, w: u16, h: u16) -> String {
    let l = match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    format!("{screen}_{l}_{w}x{h}")
}

#[test]
fn home_screen_snapshots() {
    for lang in [Lang::Sv, Lang::En] {
        let (app, _store) = app_on_demo(lang, "anna");
        for (w, h) in [(80, 24), (120, 40)] {
            let t = draw(&app, &Theme::mono(), w, h);
            insta::assert_snapshot!(snapshot_name("home", lang, w, h), t.backend());
        }
    }
}

#[test]
fn case_view_snapshots() {
    for lang in [Lang::Sv, Lang::En] {
        let (mut app, mut store) = app_on_demo(lang, "anna");
        // Köer → "Redo för beslut" → the case list → the first case.
        press(&mut app, &mut store, "3 j j j j <Enter> <Enter>");
        for (w, h) in [(80, 24), (120, 40)] {
            let t = draw(&app, &Theme::mono(), w, h);
            insta::assert_snapshot!(snapshot_name("case", lang, w, h), t.backend());
        }
        press(&mut app, &mut store, "5");
        let t = draw(&app, &Theme::mono(), 120, 40);
        insta::assert_snapshot!(snapshot_name("case_history", lang, 120, 40), t.backend());
    }
}

#[test]
fn help_overlay_snapshot() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "?");
    let t = draw(&app, &Theme::mono(), 80, 40);
    insta::assert_snapshot!("help_sv_80x40", t.backend());
    // Typing narrows the help to what matches.
    common::type_text(&mut app, &mut store, "ärende");
    let t = draw(&app, &Theme::mono(), 80, 40);
    insta::assert_snapshot!("help_filtered_sv_80x40", t.backend());
}

#[test]
fn filter_line_and_marks_snapshot() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "3 G <Enter> <Space> /");
    common::type_text(&mut app, &mut store, "röda");
    let t = draw(&app, &Theme::mono(), 120, 30);
    insta::assert_snapshot!("home_filter_sv_120x30", t.backend());
}

#[test]
fn english_screens_hold_no_swedish_labels() {
    let (mut app, mut store) = app_on_demo(Lang::En, "anna");
    let home = draw(&app, &Theme::mono(), 120, 40).backend().to_string();
    for word in [
        "Utlysningar",
        "Organisationer",
        "Köer",
        "Ärenden",
        "Avsluta",
        "Hjälp",
    ] {
        assert!(!home.contains(word), "English home shows {word}");
    }
    press(&mut app, &mut store, "3 j j j j <Enter> <Enter>");
    let case = draw(&app, &Theme::mono(), 120, 40).backend().to_string();
    for word in [
        "Checklista",
        "Handlingar",
        "Anteckningar",
        "Historik",
        "Inkommen:",
    ] {
        assert!(!case.contains(word), "English case view shows {word}");
    }
}

#[test]
fn no_panic_at_any_size() {
    let (mut home, mut store) = app_on_demo(Lang::Sv, "anna");
    let mut case = home.clone();
    press(&mut case, &mut store, "3 <Enter> <Enter>");
    let mut help = home.clone();
    press(&mut help, &mut store, "?");
    press(&mut home, &mut store, "4");
    for app in [&home, &case, &help] {
        for w in (1..=130).step_by(7).chain([1, 2, 59, 60, 61]) {
            for h in (1..=45).step_by(4).chain([1, 2, 14, 15, 16]) {
                let _ = draw(app, &Theme::color(), w, h);
            }
        }
    }
}

#[test]
fn too_small_says_what_is_needed() {
    let (app, _store) = app_on_demo(Lang::Sv, "anna");
    let t = draw(&app, &Theme::mono(), 59, 14);
    let text = t.backend().to_string();
    assert!(text.contains("behöver minst 60×15"), "{text}");
    assert!(text.contains("har 59×14"), "{text}");
}

#[test]
fn mono_selection_and_focus_show_without_colour() {
    let (app, _store) = app_on_demo(Lang::Sv, "anna");
    let t = draw(&app, &Theme::mono(), 120, 40);
    let buffer = t.backend().buffer();
    // The queue pane is focused at start: its selected row carries the marker and REVERSED.
    let row = (0..40)
        .find(|&y| {
            let line: String = (0..40).map(|x| buffer[(x, y)].symbol()).collect();
            line.contains("▶") && line.contains("Nya")
        })
        .expect("selected queue row");
    let marker_x = (0..40)
        .find(|&x| buffer[(x, row)].symbol() == "▶")
        .expect("marker");
    assert!(
        buffer[(marker_x + 3, row)]
            .modifier
            .contains(Modifier::REVERSED)
    );
    for y in 0..40 {
        for x in 0..120 {
            let cell = &buffer[(x, y)];
            assert_eq!(cell.fg, ratatui::style::Color::Reset, "colour at {x},{y}");
            assert_eq!(cell.bg, ratatui::style::Color::Reset, "colour at {x},{y}");
        }
    }
    // The focused pane has a thick border and a marked title.
    let text = t.backend().to_string();
    assert!(text.contains("┏ ▶ 3 Köer"), "{text}");
}

#[test]
fn no_color_env_picks_the_mono_theme() {
    assert_eq!(Theme::from_no_color(Some("1")), Theme::mono());
    assert_eq!(Theme::from_no_color(Some("")), Theme::color());
    assert_eq!(Theme::from_no_color(None), Theme::color());
}

#[test]
fn checklist_dialog_snapshots() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Enter> u u");
    let t = draw(&app, &Theme::mono(), 100, 32);
    insta::assert_snapshot!("checklist_progress_sv_100x32", t.backend());
    press(&mut app, &mut store, "d");
    common::type_text(&mut app, &mut store, "Samverkan beskrivs bara kort.");
    let t = draw(&app, &Theme::mono(), 100, 32);
    insta::assert_snapshot!("checklist_comment_sv_100x32", t.backend());
    press(&mut app, &mut store, "<Esc> s");
    let t = draw(&app, &Theme::mono(), 100, 32);
    insta::assert_snapshot!("state_menu_sv_100x32", t.backend());
    press(&mut app, &mut store, "<Esc> K");
    let t = draw(&app, &Theme::mono(), 100, 32);
    insta::assert_snapshot!("supplement_form_sv_100x32", t.backend());
}

#[test]
fn dialogs_survive_every_size() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "<Enter> <Enter>");
    let mut states = Vec::new();
    for keys in ["d", "s", "K", "r", "t", "A"] {
        let mut a = app.clone();
        press(&mut a, &mut store, keys);
        assert!(a.modal.is_some(), "{keys} opened no dialog");
        states.push(a);
    }
    let mut picker = app.clone();
    press(&mut picker, &mut store, "<Esc> n");
    states.push(picker);
    for a in &states {
        for w in (1..=110).step_by(9).chain([1, 2, 60]) {
            for h in (1..=40).step_by(5).chain([1, 2, 15]) {
                let _ = draw(a, &Theme::color(), w, h);
            }
        }
    }
}

#[test]
fn decision_tab_snapshot() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let rows = store
        .case_window(
            bidrag::domain::CaseSource::Queue(bidrag::domain::Queue::AllOpen),
            app.user.id,
            common::today(),
            0,
            500,
        )
        .expect("window");
    let case = rows
        .iter()
        .find(|r| {
            r.state == bidrag::domain::CaseState::Dispatched
                && r.step == bidrag::domain::Step::Mapping
        })
        .expect("a dispatched grant")
        .id;
    common::reload(&mut app, &mut store, case);
    press(&mut app, &mut store, "4 G");
    let t = draw(&app, &Theme::mono(), 110, 34);
    insta::assert_snapshot!("decision_tab_sv_110x34", t.backend());
}

#[test]
fn escape_sequences_in_names_never_reach_the_terminal() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // An organisation named with a clear-screen sequence, as a hostile import could bring.
    let org = app.orgs.items[0].id;
    store
        .connection()
        .execute(
            "UPDATE organisations SET name = ?1 WHERE id = ?2",
            ["\u{1b}[2J\u{1b}[31mOnd förening\u{7}", &org.to_string()],
        )
        .expect("rename");
    let start = app.start();
    bidrag::service::drive(&mut app, &mut store, start, &common::now);
    press(&mut app, &mut store, "2 <Enter>");
    let t = draw(&app, &Theme::color(), 120, 40);
    let buffer = t.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "a control character reached the screen"
        );
    }
    assert!(
        t.backend().to_string().contains("[2J"),
        "the name is shown, neutralised"
    );
}
