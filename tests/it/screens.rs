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

fn one_id(store: &Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .expect("query")
}

/// Opens the organisation view of `org` as `v` would.
fn organisation_view(app: &mut App, store: &mut Store, org: i64) {
    drive(app, store, vec![Effect::LoadOrganisation(org)], &now);
    assert!(app.modal.is_some(), "{:?}", app.status);
}

#[test]
fn the_organisation_view_shows_the_recovery_not_the_reviewed_report() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let org = one_id(
        &store,
        "SELECT c.organisation_id FROM reports r JOIN cases c ON c.id = r.case_id
         WHERE r.outcome = 'aterkrav' LIMIT 1",
    );
    let reviewed = one_id(
        &store,
        "SELECT count(*) FROM reports r JOIN cases c ON c.id = r.case_id
         WHERE c.organisation_id = (SELECT c.organisation_id FROM reports r
             JOIN cases c ON c.id = r.case_id WHERE r.outcome = 'aterkrav' LIMIT 1)
           AND r.received_on IS NULL",
    );
    let o = store.organisation_overview(org, today()).expect("overview");
    assert_eq!(
        o.open_reports.len() as i64,
        reviewed,
        "{:?}",
        o.open_reports
    );
    assert!(!o.recoveries.is_empty(), "the återkrav is listed");
    organisation_view(&mut app, &mut store, org);
    let text = screen(&app, 120, 50);
    assert!(text.contains("Återkrav"), "{text}");
    assert!(text.contains("outnyttjade medel"), "{text}");
    assert!(text.contains("Behörighet: kan söka i steg"), "{text}");
    assert!(text.contains("Jäv anmält av"), "{text}");
    // Read-only: only closing, moving and opening on the hint bar.
    let hints = text.lines().last().unwrap_or_default().to_string();
    assert!(!hints.contains("Spara"), "{hints}");
    assert!(hints.contains("Esc"), "{hints}");
    assert!(hints.contains("Enter Öppna"), "{hints}");
}

#[test]
fn enter_in_the_organisation_view_opens_the_selected_case() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let org = one_id(
        &store,
        "SELECT organisation_id FROM cases GROUP BY organisation_id HAVING count(*) >= 3 LIMIT 1",
    );
    organisation_view(&mut app, &mut store, org);
    let second = match &app.modal {
        Some(bidrag::app::Modal::Preview(p)) => match &p.content {
            bidrag::app::modal::PreviewContent::Organisation(o) => o.cases[1].row.id,
            _ => panic!("not the organisation view"),
        },
        _ => panic!("no preview"),
    };
    press(&mut app, &mut store, "j");
    let text = screen(&app, 120, 40);
    assert!(text.contains("▶ "), "{text}");
    press(&mut app, &mut store, "<Enter>");
    assert!(app.modal.is_none());
    assert_eq!(app.screen, bidrag::app::Screen::Case);
    assert_eq!(app.case_view.as_ref().map(|v| v.detail.id), Some(second));
}

#[test]
fn jav_shows_in_the_organisation_view() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let org = one_id(&store, "SELECT organisation_id FROM cases LIMIT 1");
    store
        .connection()
        .execute(
            "INSERT INTO jav (user_id, organisation_id, reason, declared_at)
             SELECT id, ?1, 'Sitter i styrelsen', '2026-11-01T08:00:00Z' FROM users
             WHERE login = 'erik'",
            [org],
        )
        .expect("declare jäv");
    let name = "Erik";
    organisation_view(&mut app, &mut store, org);
    let text = screen(&app, 120, 60);
    assert!(text.contains(name), "{text}");
    assert!(text.contains("Sitter i styrelsen"), "{text}");
}

#[test]
fn the_follow_up_tab_hints_its_own_keys() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // A granted case with instalments still to pay.
    let case = one_id(
        &store,
        "SELECT case_id FROM instalments WHERE paid_on IS NULL ORDER BY case_id LIMIT 1",
    );
    drive(&mut app, &mut store, vec![Effect::LoadCase(case)], &now);
    press(&mut app, &mut store, "6");
    let text = screen(&app, 200, 30);
    let hints = text.lines().last().unwrap_or_default().to_string();
    assert!(hints.trim_start().starts_with("U Utbetald"), "{hints}");
    // The checklist tab starts with the four answers.
    press(&mut app, &mut store, "1");
    let checklist_hints: Vec<bidrag::app::Action> = app
        .hinted(bidrag::app::Context::Case)
        .iter()
        .map(|b| b.action)
        .collect();
    assert!(!checklist_hints.contains(&bidrag::app::Action::MarkPaid));
}

#[test]
fn forsenade_and_the_next_action_agree_on_a_late_report_of_an_expedited_grant() {
    use bidrag::domain::{CaseSource, Queue};
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = one_id(
        &store,
        "SELECT id FROM cases WHERE state = 'expedierad' AND granted_ore > 0 ORDER BY id LIMIT 1",
    );
    let before = store
        .count_cases(CaseSource::Queue(Queue::Overdue), app.user.id, today())
        .expect("count");
    store
        .connection()
        .execute(
            "UPDATE cases SET report_due_on = '2026-10-01' WHERE id = ?1",
            [case],
        )
        .expect("a report date passed");
    let detail = store.case_detail(case).expect("detail");
    drive(&mut app, &mut store, vec![Effect::LoadHome], &now);
    assert!(matches!(
        app.next_action_of_case(&detail),
        bidrag::domain::search::NextAction::ReportOverdue { .. }
    ));
    let source = CaseSource::Queue(Queue::Overdue);
    let count = store
        .count_cases(source, app.user.id, today())
        .expect("count");
    let listed = store
        .case_window(source, app.user.id, today(), 0, 10_000)
        .expect("window");
    assert_eq!(listed.len() as i64, count, "the count is the list's");
    assert!(
        listed.iter().any(|r| r.id == case),
        "the late report puts it in Försenade"
    );
    assert!(count >= before);
}

#[test]
fn the_list_and_the_case_header_count_the_same_unanswered_items() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Alla öppna, in full: every row's next action against the header of its open case.
    press(&mut app, &mut store, "3 G");
    let rows: Vec<bidrag::domain::CaseRow> = store
        .case_window(
            bidrag::domain::CaseSource::Queue(bidrag::domain::Queue::AllOpen),
            app.user.id,
            today(),
            0,
            1000,
        )
        .expect("window");
    let mut compared = 0;
    for row in rows {
        let listed = app.next_action_of_row(&row);
        if !matches!(
            listed,
            bidrag::domain::search::NextAction::Unanswered { .. }
        ) {
            continue;
        }
        let detail = store.case_detail(row.id).expect("detail");
        let header = app.next_action_of_case(&detail);
        assert_eq!(listed, header, "{}", row.dnr);
        compared += 1;
    }
    assert!(compared > 5, "{compared}");
}

#[test]
fn the_decisions_tab_opens_on_the_decision_the_header_shows() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = one_id(
        &store,
        "SELECT case_id FROM decisions GROUP BY case_id
         HAVING sum(kind = 'forslag') > 0 AND sum(kind = 'beslut') > 0 ORDER BY case_id LIMIT 1",
    );
    drive(&mut app, &mut store, vec![Effect::LoadCase(case)], &now);
    press(&mut app, &mut store, "4");
    let view = app.case_view.as_ref().expect("open");
    let selected = &view.detail.decisions[view.row];
    assert_eq!(selected.kind, bidrag::domain::DecisionKind::Decision);
    assert_eq!(Some(selected.id), view.detail.decision().map(|d| d.id));
}

#[test]
fn a_note_typed_while_a_colleague_changed_the_case_is_kept() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("two.db");
    let anna_store = demo_store_at(&path);
    let (mut app, mut anna_store) = app_on_store(anna_store, Lang::Sv, "anna");
    let case = one_id(
        &anna_store,
        "SELECT id FROM cases WHERE state = 'under_handlaggning' ORDER BY id LIMIT 1",
    );
    drive(
        &mut app,
        &mut anna_store,
        vec![Effect::LoadCase(case)],
        &now,
    );
    press(&mut app, &mut anna_store, "t");
    type_text(&mut app, &mut anna_store, "Sökande ringde om budgeten.");
    // Bertil, in another process, notes something on the same case meanwhile.
    let mut bertil_store = Store::open(&path, now()).expect("second");
    let bertil = bertil_store
        .user_by_login("bertil")
        .expect("q")
        .expect("bertil");
    let version = bertil_store.case_detail(case).expect("detail").version;
    bertil_store
        .write(now(), |w| {
            w.check_version(case, version)?;
            w.add_note(bertil.id, case, "Bertil ringde sökande.")
        })
        .expect("bertil writes");
    press(&mut app, &mut anna_store, "<C-s>");
    let Some(bidrag::app::Modal::Editor(editor)) = &app.modal else {
        panic!("the note editor is gone: {:?}", app.status)
    };
    assert_eq!(
        bidrag::app::modal::text_of(&editor.input),
        "Sökande ringde om budgeten."
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("Bertil Okafor")),
        "{:?}",
        app.status
    );
    // The same Ctrl-S now saves it against the case as it is.
    press(&mut app, &mut anna_store, "<C-s>");
    assert!(app.modal.is_none(), "{:?}", app.status);
    let notes = &app.case_view.as_ref().expect("open").detail.notes;
    assert!(
        notes
            .iter()
            .any(|n| n.body == "Sökande ringde om budgeten.")
    );
    assert!(notes.iter().any(|n| n.body == "Bertil ringde sökande."));
}

/// Replaces the text of the focused field.
fn set(app: &mut App, store: &mut Store, text: &str) {
    press(app, store, "<C-u>");
    type_text(app, store, text);
}

/// Moves the focus to field `id` of the open form with Tab, as a user would.
fn focus(app: &mut App, store: &mut Store, id: bidrag::app::form::FieldId) {
    for _ in 0..32 {
        let Some(bidrag::app::Modal::Form(form)) = &app.modal else {
            panic!("no form: {:?}", app.status)
        };
        if form.fields[form.focus].id == id {
            return;
        }
        press(app, store, "<Tab>");
    }
    panic!("no field {id:?}");
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// An app acting as `login` on `store`, its letters into `letters`.
fn app_as(store: &mut Store, login: &str, letters: &std::path::Path) -> App {
    let (user, _) = store.write(now(), |w| w.ensure_user(login)).expect("user");
    let mut app = App::new(
        Lang::Sv,
        user,
        today(),
        "demo.sqlite3".into(),
        bidrag::app::Keymap::default_map(),
        checklists(),
    );
    app.letters_dir = letters.to_path_buf();
    let start = app.start();
    drive(&mut app, store, start, &now);
    app
}

#[test]
fn follow_up_says_what_is_true_after_approval_and_before_an_aterkrav_is_decided() {
    use bidrag::app::form::FieldId;
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    let mut anna = app_as(&mut store, "anna", dir.path());
    let case = one_id(
        &store,
        "SELECT id FROM cases WHERE state = 'expedierad' AND granted_ore > 0 ORDER BY id LIMIT 1",
    );
    drive(&mut anna, &mut store, vec![Effect::LoadCase(case)], &now);
    press(&mut anna, &mut store, "6 P");
    set(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab> <Tab> <Tab>");
    type_text(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab>");
    type_text(
        &mut anna,
        &mut store,
        &(today() + chrono::Duration::days(30)).to_string(),
    );
    press(&mut anna, &mut store, "<C-s>");
    assert!(anna.modal.is_none(), "{}", status(&anna));
    assert!(screen(&anna, 120, 30).contains("väntar på godkänd lägesrapport"));
    // The lägesrapport comes in and is approved: the instalment waits no more.
    press(&mut anna, &mut store, "U <C-s> R <Tab>");
    type_text(&mut anna, &mut store, "Personal: 1 000");
    press(&mut anna, &mut store, "<C-s> V");
    focus(&mut anna, &mut store, FieldId::ReviewOutcome);
    type_text(&mut anna, &mut store, "godkänd");
    press(&mut anna, &mut store, "<Enter> <C-s>");
    assert_eq!(status(&anna), "Rapporten granskad: godkänd.");
    let text = screen(&anna, 120, 30);
    assert!(!text.contains("väntar på godkänd lägesrapport"), "{text}");

    // An återkrav communicated today, the response due in ten days: nothing is owed yet, and
    // D does not offer a decision date it would refuse.
    press(&mut anna, &mut store, "X <Tab> <Tab>");
    set(&mut anna, &mut store, &today().to_string());
    press(&mut anna, &mut store, "<Tab>");
    let due = today() + chrono::Duration::days(10);
    set(&mut anna, &mut store, &due.to_string());
    press(&mut anna, &mut store, "<C-s>");
    assert_eq!(
        status(&anna),
        "Återkrav öppnat; kommuniceringen registrerad."
    );
    let text = screen(&anna, 160, 30);
    assert!(text.contains("återkrav kvar att betala 0 kr"), "{text}");
    let mut cecilia = app_as(&mut store, "cecilia", dir.path());
    drive(&mut cecilia, &mut store, vec![Effect::LoadCase(case)], &now);
    press(&mut cecilia, &mut store, "6");
    assert!(
        !cecilia
            .hinted(bidrag::app::Context::Case)
            .iter()
            .any(|b| b.action == bidrag::app::Action::DecideRecovery)
    );
    press(&mut cecilia, &mut store, "D");
    assert!(cecilia.modal.is_none());
    assert_eq!(
        status(&cecilia),
        format!("Återkravet kan beslutas när svarstiden gått ut, från {due}.")
    );
}

#[test]
fn a_cut_list_cell_ends_in_an_ellipsis_and_the_next_step_is_never_cut() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Alla öppna holds every kind of next step.
    press(&mut app, &mut store, "3 G");
    let mut cut = 0;
    for width in [120, 160] {
        let text = screen(&app, width, 60);
        let visible = app.cases.rows.iter().take(40);
        for row in visible {
            let dnr = format!(" {}/{} ", row.dnr.year, row.dnr.seq);
            let Some(line) = text.lines().find(|l| l.contains(&dnr)) else {
                continue;
            };
            let name = bidrag::domain::text::clean(&row.organisation);
            if !line.contains(&name) {
                let shown = line
                    .split(&dnr)
                    .nth(1)
                    .and_then(|rest| rest.trim_start().split('…').next())
                    .unwrap_or_default();
                assert!(
                    !shown.is_empty() && name.starts_with(shown.trim_end()) && line.contains('…'),
                    "{width}: {name:?} cut without a mark: {line}"
                );
                cut += 1;
            }
            let next = bidrag::i18n::next_action_brief(Lang::Sv, app.next_action_of_row(row));
            assert!(line.contains(&next), "{width}: {next:?} not whole: {line}");
        }
    }
    assert!(cut > 0, "the demo has names too long for 120 columns");
}

#[test]
fn the_next_step_of_a_list_row_fits_its_column_in_both_languages() {
    use bidrag::domain::search::NextAction as N;
    use unicode_width::UnicodeWidthStr;
    let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let all = [
        N::Statutory { days: 180 },
        N::Statutory { days: -999 },
        N::SupplementOverdue { days: 999 },
        N::AwaitingSupplement { due },
        N::Assign,
        N::Unanswered {
            count: 99,
            mandatory: true,
        },
        N::Unanswered {
            count: 99,
            mandatory: false,
        },
        N::Propose,
        N::AwaitingDecider,
        N::Dispatch,
        N::ReportOverdue { days: 999 },
        N::AwaitingReport { due },
        N::Nothing,
    ];
    for lang in [Lang::Sv, Lang::En] {
        for n in all {
            let text = bidrag::i18n::next_action_brief(lang, n);
            assert!(text.width() <= 23, "{text:?}");
        }
    }
}

#[test]
fn the_follow_up_tab_never_cuts_an_amount() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    let case = one_id(&store, "SELECT case_id FROM recoveries LIMIT 1");
    let mut app = app_as(&mut store, "anna", dir.path());
    drive(&mut app, &mut store, vec![Effect::LoadCase(case)], &now);
    press(&mut app, &mut store, "6");
    // Every amount the widest screen shows below the tabs, with the word before it, is shown
    // whole at every width: lines may wrap between their parts, never inside an amount.
    let amounts = |text: &str| -> Vec<String> {
        let below_tabs = text
            .lines()
            .skip_while(|l| !l.contains("1 Checklista"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut found = Vec::new();
        let words: Vec<&str> = below_tabs.split(['·', '│', '\n', ',']).collect();
        for part in words {
            let part = part.trim();
            if part.ends_with(" kr") && part.chars().any(|c| c.is_ascii_digit()) {
                found.push(part.to_string());
            }
        }
        found
    };
    let wide = amounts(&screen(&app, 160, 30));
    assert!(wide.len() >= 3, "{wide:?}");
    for width in [80, 110] {
        let text = screen(&app, width, 30);
        for amount in &wide {
            let number = amount.trim_end_matches(" kr");
            let start = number
                .rfind(|c: char| !(c.is_ascii_digit() || c == ' '))
                .map_or(0, |i| {
                    i + number[i..].chars().next().map_or(1, char::len_utf8)
                });
            let figure = format!("{} kr", number[start..].trim());
            assert!(
                text.contains(&figure),
                "{width}: {amount} ({figure})\n{text}"
            );
        }
        assert!(
            !text.contains("kr…") && !text.contains(" k…"),
            "{width}\n{text}"
        );
    }
}

#[test]
fn at_80x24_the_checklist_keeps_8_rows_and_shows_the_selected_question_whole() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = one_id(
        &store,
        "SELECT id FROM cases WHERE state = 'inkommen' AND step = 2 ORDER BY id LIMIT 1",
    );
    drive(&mut app, &mut store, vec![Effect::LoadCase(case)], &now);
    let view = app.case_view.as_ref().expect("open");
    let template = app.template_for(&view.detail).expect("a checklist");
    // The longest question, selected.
    let (index, question) = template
        .items
        .iter()
        .enumerate()
        .max_by_key(|(_, i)| i.question.chars().count())
        .map(|(n, i)| (n, i.question.clone()))
        .expect("items");
    assert!(question.chars().count() > 60, "{question}");
    press(&mut app, &mut store, "g");
    for _ in 0..index {
        press(&mut app, &mut store, "j");
    }
    for (width, height) in [(80, 24), (120, 40)] {
        let text = screen(&app, width, height);
        let rows = text
            .lines()
            .filter(|l| {
                let inner = l.trim_start_matches(['│', '▶', ' ']);
                inner
                    .split(['*', ' '])
                    .next()
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                    && (l.contains("Obesvarad") || l.contains("Uppfyllt"))
            })
            .count();
        assert!(rows >= 8, "{width}×{height}: {rows} rows\n{text}");
        // The detail pane, its border taken off and its lines joined, holds the question.
        let detail: String = text
            .lines()
            .skip_while(|l| !l.contains(&format!("{}. ", index + 1)) || !l.starts_with('│'))
            .take_while(|l| !l.starts_with('└'))
            .map(|l| l.trim_matches('│').trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            detail.contains(&question),
            "{width}×{height}: {question}\n{text}"
        );
    }
}

#[test]
fn the_help_wraps_a_long_description_instead_of_cutting_it() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    press(&mut app, &mut store, "?");
    let text = screen(&app, 80, 60);
    // The overlay's lines, borders off, joined: every home binding's description is whole.
    let joined = text
        .lines()
        .filter_map(|l| {
            let start = l.find('║')?;
            let rest = &l[start + '║'.len_utf8()..];
            Some(rest.split('║').next().unwrap_or(rest).trim().to_string())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    for b in app.keymap.bindings(bidrag::app::Context::Home) {
        let description = b.action.describe().text(Lang::Sv);
        assert!(joined.contains(description), "{description}\n{text}");
    }
}

#[test]
fn a_note_survives_a_full_disk_and_is_saved_once_there_is_room() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = one_id(
        &store,
        "SELECT id FROM cases WHERE state = 'under_handlaggning' ORDER BY id LIMIT 1",
    );
    drive(&mut app, &mut store, vec![Effect::LoadCase(case)], &now);
    press(&mut app, &mut store, "t");
    let note = "Sökande ringde om budgeten. ".repeat(400);
    let effects = app.update(Msg::Paste(note.clone()));
    drive(&mut app, &mut store, effects, &now);
    // The database may grow no more: the write fails as on a full disk.
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    store
        .connection()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("a full disk");
    press(&mut app, &mut store, "<C-s>");
    let Some(bidrag::app::Modal::Editor(editor)) = &app.modal else {
        panic!("the note editor is gone: {:?}", app.status)
    };
    assert_eq!(bidrag::app::modal::text_of(&editor.input), note.trim_end());
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "{:?}",
        app.status
    );
    // Room again: the same Ctrl-S saves it.
    store
        .connection()
        .query_row("PRAGMA max_page_count = 1073741823", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("room");
    press(&mut app, &mut store, "<C-s>");
    assert!(app.modal.is_none(), "{:?}", app.status);
    let notes = &app.case_view.as_ref().expect("open").detail.notes;
    assert!(notes.iter().any(|n| n.body == note.trim_end()));
}

#[test]
fn no_key_acts_while_the_screen_is_too_small() {
    use bidrag::domain::{CaseSource, Queue};
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Ej tilldelade, the first case selected.
    press(&mut app, &mut store, "3 j j <Enter>");
    assert_eq!(
        app.cases.source(),
        Some(CaseSource::Queue(Queue::Unassigned))
    );
    let unassigned = |store: &Store, app: &App| {
        store
            .count_cases(CaseSource::Queue(Queue::Unassigned), app.user.id, today())
            .expect("count")
    };
    let before = unassigned(&store, &app);
    let effects = app.update(Msg::Resize(20, 5));
    drive(&mut app, &mut store, effects, &now);
    press(&mut app, &mut store, "a <C-s> <Enter>");
    assert!(app.modal.is_none(), "no dialog opened unseen");
    let effects = app.update(Msg::Paste("x".into()));
    drive(&mut app, &mut store, effects, &now);
    assert_eq!(
        unassigned(&store, &app),
        before,
        "nothing was assigned unseen"
    );
    assert!(
        screen(&app, 20, 5).contains("60"),
        "the screen says what it needs"
    );
    // Large enough again: the same key acts.
    let effects = app.update(Msg::Resize(120, 40));
    drive(&mut app, &mut store, effects, &now);
    press(&mut app, &mut store, "a <C-s>");
    assert_eq!(unassigned(&store, &app), before - 1, "{:?}", app.status);
}

/// The bytes a `bidrag` under a pseudo-terminal (util-linux `script`) writes until it ends,
/// after `signal` is sent to it once its home screen is drawn.
#[cfg(target_os = "linux")]
fn terminal_after_signal(db: &std::path::Path, signal: &str) -> Vec<u8> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let bin = assert_cmd::cargo::cargo_bin!("bidrag");
    let command = format!(
        "stty cols 100 rows 30; exec '{}' --db '{}' --user anna",
        bin.display(),
        db.display()
    );
    let mut script = Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script (util-linux) runs the app under a pseudo-terminal");
    let mut out = script.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let drawn = |seen: &[u8]| String::from_utf8_lossy(seen).contains("Avsluta");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !drawn(&seen) && Instant::now() < deadline {
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(100)) {
            seen.extend(bytes);
        }
    }
    assert!(drawn(&seen), "the app never drew its home screen");
    let children = format!("/proc/{0}/task/{0}/children", script.id());
    let app = std::fs::read_to_string(&children).expect("script's child");
    let app = app
        .split_whitespace()
        .next()
        .expect("the app's pid")
        .to_string();
    let start = seen.len();
    let sent = Command::new("kill")
        .args([format!("-{signal}"), app])
        .status()
        .expect("kill");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(bytes) => seen.extend(bytes),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
    let _ = script.wait();
    seen.split_off(start)
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let db = dir.path().join("signals.db");
    let bin = assert_cmd::cargo::cargo_bin!("bidrag");
    let made = std::process::Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["--demo", "init"])
        .output()
        .expect("init");
    assert!(made.status.success(), "{made:?}");
    for signal in ["TERM", "HUP", "INT"] {
        let after = String::from_utf8_lossy(&terminal_after_signal(&db, signal)).to_string();
        for (what, sequence) in [
            ("the alternate screen left", "\u{1b}[?1049l"),
            ("mouse tracking off", "\u{1b}[?1000l"),
            ("bracketed paste off", "\u{1b}[?2004l"),
            ("the cursor shown", "\u{1b}[?25h"),
        ] {
            assert!(
                after.contains(sequence),
                "SIG{signal}: not {what}: {after:?}"
            );
        }
        let check = std::process::Command::new(bin)
            .arg("--db")
            .arg(&db)
            .arg("check")
            .output()
            .expect("check");
        assert!(check.status.success(), "SIG{signal}: {check:?}");
    }
}

#[test]
fn every_picker_moves_with_arrows_and_ctrl_n_p_while_letters_type() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let case = one_id(
        &store,
        "SELECT id FROM cases WHERE state = 'under_handlaggning' ORDER BY id LIMIT 1",
    );
    // The state menu (s in a case), the organisation picker (n) and the palette (:).
    let openers: [(&str, Option<i64>); 3] = [("s", Some(case)), ("n", None), (":", None)];
    for (keys, open) in openers {
        if let Some(id) = open {
            drive(&mut app, &mut store, vec![Effect::LoadCase(id)], &now);
        } else {
            press(&mut app, &mut store, "<Esc> <Esc>");
            drive(&mut app, &mut store, vec![Effect::LoadHome], &now);
        }
        press(&mut app, &mut store, keys);
        let picker = |app: &App| match &app.modal {
            Some(bidrag::app::Modal::Picker(p)) => (
                p.selected,
                bidrag::app::modal::text_of(&p.query),
                p.matches.len(),
            ),
            other => panic!("{keys}: no picker: {other:?}"),
        };
        assert!(picker(&app).2 >= 2, "{keys}: at least two items");
        press(&mut app, &mut store, "<Down>");
        assert_eq!(picker(&app).0, 1, "{keys}: ↓");
        press(&mut app, &mut store, "<C-p>");
        assert_eq!(picker(&app).0, 0, "{keys}: Ctrl-p");
        press(&mut app, &mut store, "<C-n>");
        assert_eq!(picker(&app).0, 1, "{keys}: Ctrl-n");
        press(&mut app, &mut store, "<Up>");
        assert_eq!(picker(&app).0, 0, "{keys}: ↑");
        press(&mut app, &mut store, "j k");
        assert_eq!(picker(&app).1, "jk", "{keys}: letters type");
        press(&mut app, &mut store, "<Esc>");
    }
}

#[test]
fn a_message_fades_after_a_few_seconds_and_an_error_stays_until_the_next_key() {
    use std::time::{Duration, Instant};
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    let t0 = Instant::now();
    assert!(app.status.as_ref().is_some_and(|s| !s.error), "the welcome");
    app.update(Msg::Tick(t0));
    app.update(Msg::Tick(t0 + Duration::from_secs(2)));
    assert!(app.status.is_some(), "still there after 2 s");
    app.update(Msg::Tick(t0 + Duration::from_secs(6)));
    assert!(app.status.is_none(), "gone after 6 s");

    // An error stays however long it is shown.
    app.status = Some(bidrag::app::Status {
        text: "Fel: disken är full".into(),
        error: true,
    });
    app.update(Msg::Tick(t0 + Duration::from_secs(7)));
    app.update(Msg::Tick(t0 + Duration::from_secs(70)));
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "an error stays"
    );
    press(&mut app, &mut store, "j");
    assert!(app.status.is_none(), "until the next key");
}

#[test]
fn ordered_by_deadline_the_list_shows_the_deadline_in_order() {
    let (mut app, mut store) = app_on_demo(Lang::Sv, "anna");
    // Alla öppna, ordered by deadline.
    press(&mut app, &mut store, "3 G o");
    assert_eq!(app.sort, bidrag::domain::search::Sort::Deadline);
    let deadlines: Vec<_> = app.cases.rows.iter().map(|r| r.deadline()).collect();
    assert!(deadlines.len() > 50);
    assert!(
        deadlines.windows(2).all(|w| w[0] <= w[1]),
        "the column is what the list is ordered by: {deadlines:?}"
    );
    for width in [80, 120] {
        let text = screen(&app, width, 30);
        assert!(text.contains("Frist"), "{width}\n{text}");
        assert!(!text.contains("Inkommen "), "{width}\n{text}");
        assert!(text.contains(&deadlines[0].to_string()), "{width}\n{text}");
    }
    // Ordered otherwise, the received date is back.
    press(&mut app, &mut store, "o");
    let text = screen(&app, 120, 30);
    assert!(!text.contains("Frist"), "{text}");
}
