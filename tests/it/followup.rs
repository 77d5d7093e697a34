//! Follow-up of a grant (issue 6) through the keys: payment plans and report gating, reports and
//! the unused amount, återkrav from report to settled, eftergift and four eyes, the Försenade
//! queue, the budget's paid amount, and the migration of older databases.

use crate::common;
use bidrag::app::form::{FieldError, FieldId};

use bidrag::app::{App, Keymap, Tab};
use bidrag::domain::followup::{self as fu, RecoveryStatus};
use bidrag::domain::{CaseSource, Money, Queue};
use bidrag::i18n::Lang;
use bidrag::service::drive;
use bidrag::storage::Store;
use chrono::{Duration, NaiveDate};
use common::{checklists, demo_store, now, press, reload, today, type_text};
use proptest::prelude::*;

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn events(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count")
}

/// An app acting as `login` on `store`, letters into `letters`.
fn app_as(store: &mut Store, login: &str, letters: &std::path::Path) -> App {
    let (user, _) = store.write(now(), |w| w.ensure_user(login)).expect("user");
    let mut app = App::new(
        Lang::Sv,
        user,
        today(),
        "demo.sqlite3".into(),
        Keymap::default_map(),
        checklists(),
    );
    app.letters_dir = letters.to_path_buf();
    let start = app.start();
    drive(&mut app, store, start, &now);
    app
}

/// The first demo case in `state` with a granted amount.
fn granted_case(store: &Store, state: &str) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT id FROM cases WHERE state = ?1 AND granted_ore > 0 ORDER BY id LIMIT 1",
            [state],
            |r| r.get(0),
        )
        .expect("a granted case in that state")
}

/// Opens the case on its Uppföljning tab.
fn open(app: &mut App, store: &mut Store, case: i64) {
    reload(app, store, case);
    press(app, store, "6");
    assert_eq!(app.case_view.as_ref().map(|v| v.tab), Some(Tab::Followup));
}

fn detail(app: &App) -> &bidrag::domain::CaseDetail {
    &app.case_view.as_ref().expect("case open").detail
}

/// Replaces the text of the focused field.
fn set(app: &mut App, store: &mut Store, text: &str) {
    press(app, store, "<C-u>");
    type_text(app, store, text);
}

/// Moves the focus to field `id` of the open form with Tab, as a user would.
fn focus(app: &mut App, store: &mut Store, id: FieldId) {
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

/// Chooses in choice field `id`: typing opens its picker with the text, Enter takes the best
/// match (and the focus moves on).
fn choose(app: &mut App, store: &mut Store, id: FieldId, text: &str) {
    focus(app, store, id);
    type_text(app, store, text);
    press(app, store, "<Enter>");
}

fn in_overdue(store: &Store, case: i64, user: i64) -> bool {
    let source = CaseSource::Queue(Queue::Overdue);
    let n = store.count_cases(source, user, today()).expect("count") as usize;
    store
        .case_window(source, user, today(), 0, n)
        .expect("window")
        .iter()
        .any(|r| r.id == case)
}

#[test]
fn an_instalment_waits_for_an_approved_progress_report() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    let mut anna = app_as(&mut store, "anna", dir.path());
    let case = granted_case(&store, "expedierad");
    open(&mut anna, &mut store, case);
    let d = detail(&anna).clone();
    let granted = d.granted.expect("granted");
    assert_eq!(d.followup.instalments.len(), 1, "the default plan");
    assert_eq!(d.followup.instalments[0].amount, granted);
    let call_paid = store.call_budget(d.call.id).expect("budget").paid;

    // Two instalments six months apart; the second waits for a lägesrapport.
    press(&mut anna, &mut store, "P");
    set(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab> <Tab> <Tab>");
    type_text(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab>");
    let first = d.decision().expect("decision").decided_on;
    let report_due = first + Duration::days(60);
    type_text(&mut anna, &mut store, &report_due.to_string());
    press(&mut anna, &mut store, "<C-s>");
    assert!(anna.modal.is_none(), "{}", status(&anna));
    let f = &detail(&anna).followup;
    assert_eq!(f.instalments.len(), 2);
    assert_eq!(
        f.instalments[0].amount.ore() + f.instalments[1].amount.ore(),
        granted.ore()
    );
    assert!(f.instalments[1].requires_report);
    assert!(f.reports.iter().any(|r| r.kind == fu::ReportKind::Progress));

    // The first is paid; the second is refused, with the reason, and nothing is written.
    press(&mut anna, &mut store, "U <C-s>");
    assert_eq!(
        status(&anna),
        "Delbetalning 1 utbetald: ".to_string()
            + &detail(&anna).followup.instalments[0].amount.to_string()
            + "."
    );
    let before = events(&store);
    press(&mut anna, &mut store, "U");
    assert!(anna.modal.is_none());
    assert_eq!(
        status(&anna),
        "Delbetalning 2 väntar på en godkänd lägesrapport."
    );
    assert_eq!(events(&store), before);

    // The lägesrapport comes in and is approved; now the second can be paid.
    press(&mut anna, &mut store, "R <Tab>");
    type_text(&mut anna, &mut store, "Personal: 1 000; Lokaler: 500");
    press(&mut anna, &mut store, "<C-s>");
    assert!(
        status(&anna).starts_with("Rapporten registrerad som"),
        "{}",
        status(&anna)
    );
    let report = detail(&anna)
        .followup
        .reports
        .iter()
        .find(|r| r.kind == fu::ReportKind::Progress)
        .expect("report")
        .clone();
    assert_eq!(report.used(), Money(150_000));
    let doc = report.document.expect("registered as a document");
    assert!(
        detail(&anna)
            .documents
            .iter()
            .any(|x| x.sub_no == doc && x.description == "Lägesrapport")
    );
    press(&mut anna, &mut store, "V");
    choose(&mut anna, &mut store, FieldId::ReviewOutcome, "godkänd");
    press(&mut anna, &mut store, "<C-s>");
    assert_eq!(status(&anna), "Rapporten granskad: godkänd.");
    press(&mut anna, &mut store, "U <C-s>");
    assert!(
        status(&anna).starts_with("Delbetalning 2 utbetald"),
        "{}",
        status(&anna)
    );
    let paid = detail(&anna).followup.paid();
    assert_eq!(paid, granted);
    // The call's budget shows what is paid.
    let budget = store.call_budget(d.call.id).expect("budget");
    assert_eq!(budget.paid.ore(), call_paid.ore() + granted.ore());
    assert!(bidrag::ui::preview::budget_line(anna.lang, &budget).contains("utbetalt"));
    // Every change is in the log.
    let kinds: Vec<&str> = detail(&anna)
        .events
        .iter()
        .filter_map(|e| e.kind.as_ref().ok().map(|k| k.code()))
        .collect();
    for k in [
        "payment_plan_set",
        "instalment_paid",
        "report_received",
        "report_reviewed",
    ] {
        assert!(kinds.contains(&k), "{k}");
    }
}

#[test]
fn nothing_is_paid_before_the_decision_is_expedited() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    let mut anna = app_as(&mut store, "anna", dir.path());
    let case = granted_case(&store, "beslutad");
    open(&mut anna, &mut store, case);
    let before = events(&store);
    press(&mut anna, &mut store, "U");
    assert!(anna.modal.is_none());
    assert_eq!(
        status(&anna),
        "Beslutet är inte expedierat; inget kan betalas ut än."
    );
    // A plan whose report would come after the instalment it gates is refused at its field.
    press(&mut anna, &mut store, "P");
    set(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab> <Tab> <Tab>");
    type_text(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab>");
    type_text(&mut anna, &mut store, "2099-01-01");
    press(&mut anna, &mut store, "<C-s>");
    let Some(bidrag::app::Modal::Form(form)) = &anna.modal else {
        panic!("the form stays open");
    };
    let FieldError {
        field,
        message: text,
    } = form.error.clone().expect("an error");
    assert_eq!(field, Some(FieldId::ProgressDue));
    assert!(
        text.starts_with(
            "Lägesrapport senast (ÅÅÅÅ-MM-DD): lägesrapporten ska komma in före delbetalning 2"
        ),
        "{text}"
    );
    assert_eq!(events(&store), before);
}

/// Pays the whole grant, then registers a slutrapport using `used` and reviews it `outcome`.
fn pay_and_report(app: &mut App, store: &mut Store, used: &str, outcome: &str) {
    press(app, store, "U <C-s>");
    press(app, store, "R <Tab>");
    type_text(app, store, used);
    press(app, store, "<C-s>");
    press(app, store, "V");
    choose(app, store, FieldId::ReviewOutcome, outcome);
    focus(app, store, FieldId::Comment);
    type_text(app, store, "Delar av bidraget användes inte.");
    press(app, store, "<C-s>");
}

/// Opens an återkrav communicated 20 days ago, the response time ended 6 days ago.
fn open_recovery(app: &mut App, store: &mut Store) {
    press(app, store, "X <Tab> <Tab>");
    set(app, store, &(today() - Duration::days(20)).to_string());
    press(app, store, "<Tab>");
    set(app, store, &(today() - Duration::days(6)).to_string());
    press(app, store, "<C-s>");
    assert_eq!(status(app), "Återkrav öppnat; kommuniceringen registrerad.");
}

#[test]
fn recovery_from_report_to_settled_with_partial_repayments() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    let mut anna = app_as(&mut store, "anna", dir.path());
    let case = granted_case(&store, "expedierad");
    open(&mut anna, &mut store, case);
    let granted = detail(&anna).granted.expect("granted");
    // 60 % used: 40 % unused.
    let used = Money(granted.ore() / 10 * 6);
    pay_and_report(
        &mut anna,
        &mut store,
        &format!("Personal: {}", used.format_number()),
        "återkrav",
    );
    let f = detail(&anna).followup.clone();
    let report = f
        .reports
        .iter()
        .find(|r| r.kind == fu::ReportKind::Final)
        .expect("slutrapport");
    assert_eq!(
        report.review.as_ref().map(|r| r.outcome),
        Some(fu::ReviewOutcome::Recovery)
    );
    let unused = fu::unused(granted, used).unused;
    open_recovery(&mut anna, &mut store);
    let r = detail(&anna).followup.recoveries[0].clone();
    assert_eq!(r.claimed, unused, "the unused amount by default");
    assert_eq!(r.ground, fu::Ground::UnusedFunds);
    assert_eq!(r.status(), RecoveryStatus::Communicated);

    // Cecilia decides a krav; the letter is written and registered.
    let mut cecilia = app_as(&mut store, "cecilia", dir.path());
    open(&mut cecilia, &mut store, case);
    press(&mut cecilia, &mut store, "D <C-s>");
    let text = status(&cecilia);
    assert!(text.starts_with("Återkravet beslutat; brevet: "), "{text}");
    let path = text.trim_start_matches("Återkravet beslutat; brevet: ");
    let letter = std::fs::read_to_string(path).expect("letter written");
    assert!(letter.contains("# Beslut om återkrav"));
    assert!(letter.contains(&format!("Att betala: **{unused}**")));
    assert!(letter.contains("Föredragande har varit"));
    assert!(
        detail(&cecilia)
            .documents
            .iter()
            .any(|x| x.description == "Beslut om återkrav")
    );

    // Two repayments settle it; a third is refused with nothing written.
    reload(&mut anna, &mut store, case);
    press(&mut anna, &mut store, "M <Tab>");
    let half = Money(unused.ore() / 2);
    set(&mut anna, &mut store, &half.format_number());
    press(&mut anna, &mut store, "<C-s>");
    let r = detail(&anna).followup.recoveries[0].clone();
    assert_eq!(r.status(), RecoveryStatus::PartlyRepaid);
    assert_eq!(r.remaining(), Money(unused.ore() - half.ore()));
    press(&mut anna, &mut store, "M <C-s>");
    assert_eq!(status(&anna), "Återbetalning registrerad; kvar 0 kr.");
    let r = detail(&anna).followup.recoveries[0].clone();
    assert_eq!(r.status(), RecoveryStatus::Settled);
    let before = events(&store);
    press(&mut anna, &mut store, "M");
    assert_eq!(
        status(&anna),
        "Inget beslutat återkrav har något kvar att betala."
    );
    assert_eq!(events(&store), before);
}

#[test]
fn eftergift_needs_a_motivering_and_four_eyes() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    // Erik is handläggare too: he prepares and presents the återkrav himself.
    crate::common::add_role(&mut store, "erik", bidrag::domain::Role::Caseworker);
    let mut erik = app_as(&mut store, "erik", dir.path());
    let case = granted_case(&store, "expedierad");
    open(&mut erik, &mut store, case);
    let granted = detail(&erik).granted.expect("granted");
    pay_and_report(
        &mut erik,
        &mut store,
        &format!("Personal: {}", Money(granted.ore() / 2).format_number()),
        "återkrav",
    );
    open_recovery(&mut erik, &mut store);
    let before = events(&store);
    // A caseworker may not decide.
    let mut anna = app_as(&mut store, "anna", dir.path());
    open(&mut anna, &mut store, case);
    press(&mut anna, &mut store, "D");
    assert!(anna.modal.is_none());
    assert_eq!(
        status(&anna),
        "Bara en beslutsfattare kan besluta; du är handläggare."
    );
    // Erik presented the återkrav: four eyes.
    press(&mut erik, &mut store, "D");
    assert!(erik.modal.is_none());
    assert_eq!(
        status(&erik),
        "Fyra ögon: du var föredragande och kan inte också besluta."
    );
    assert_eq!(events(&store), before);
    // Cecilia may; an eftergift without a motivering is refused at its field.
    let mut cecilia = app_as(&mut store, "cecilia", dir.path());
    open(&mut cecilia, &mut store, case);
    press(&mut cecilia, &mut store, "D");
    choose(&mut cecilia, &mut store, FieldId::RecoveryDecision, "helt");
    press(&mut cecilia, &mut store, "<C-s>");
    let Some(bidrag::app::Modal::Form(form)) = &cecilia.modal else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.error.clone().map(|e| e.message),
        Some(
            "Motivering (krävs för eftergift): en eftergift måste motiveras (särskilda skäl)."
                .into()
        )
    );
    assert_eq!(events(&store), before);
    // A partial waiver of the whole claim is out of range.
    choose(
        &mut cecilia,
        &mut store,
        FieldId::RecoveryDecision,
        "delvis",
    );
    let claimed = detail(&cecilia).followup.recoveries[0].claimed;
    focus(&mut cecilia, &mut store, FieldId::Waived);
    set(&mut cecilia, &mut store, &claimed.format_number());
    focus(&mut cecilia, &mut store, FieldId::Motivation);
    type_text(
        &mut cecilia,
        &mut store,
        "Särskilda skäl: föreningen har upphört.",
    );
    press(&mut cecilia, &mut store, "<C-s>");
    let Some(bidrag::app::Modal::Form(form)) = &cecilia.modal else {
        panic!("the form stays open");
    };
    assert_eq!(
        form.error.as_ref().and_then(|e| e.field),
        Some(FieldId::Waived)
    );
    assert_eq!(events(&store), before);
    // Wholly waived with reasons: settled at once.
    choose(&mut cecilia, &mut store, FieldId::RecoveryDecision, "helt");
    press(&mut cecilia, &mut store, "<C-s>");
    assert!(cecilia.modal.is_none(), "{}", status(&cecilia));
    let r = detail(&cecilia).followup.recoveries[0].clone();
    assert_eq!(r.waived(), claimed);
    assert_eq!(r.status(), RecoveryStatus::Settled);
    // The database itself refuses a decider who presented the återkrav.
    let refused = store.connection().execute(
        "INSERT INTO recoveries (case_id, ground, amount_ore, communicated_on, response_due_on,
             presenter_id, opened_at, decision, decider_id, decided_on)
         SELECT case_id, ground, amount_ore, communicated_on, response_due_on, presenter_id,
             opened_at, 'krav', presenter_id, decided_on FROM recoveries LIMIT 1",
        [],
    );
    assert!(refused.is_err(), "four eyes are a CHECK in the schema");
}

#[test]
fn a_report_past_due_and_not_received_makes_the_case_overdue() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    let mut anna = app_as(&mut store, "anna", dir.path());
    let case = granted_case(&store, "expedierad");
    assert!(!in_overdue(&store, case, anna.user.id));
    open(&mut anna, &mut store, case);
    press(&mut anna, &mut store, "P");
    set(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab>");
    set(
        &mut anna,
        &mut store,
        &(today() - Duration::days(30)).to_string(),
    );
    press(&mut anna, &mut store, "<Tab> <Tab>");
    type_text(&mut anna, &mut store, "2");
    press(&mut anna, &mut store, "<Tab>");
    type_text(
        &mut anna,
        &mut store,
        &(today() - Duration::days(1)).to_string(),
    );
    press(&mut anna, &mut store, "<C-s>");
    assert!(anna.modal.is_none(), "{}", status(&anna));
    assert!(in_overdue(&store, case, anna.user.id));
    // Once received it no longer counts.
    press(&mut anna, &mut store, "R <Tab>");
    type_text(&mut anna, &mut store, "0");
    press(&mut anna, &mut store, "<C-s>");
    assert!(!in_overdue(&store, case, anna.user.id));
    let f = &detail(&anna).followup;
    let report = f
        .reports
        .iter()
        .find(|r| r.kind == fu::ReportKind::Progress)
        .expect("report");
    assert_eq!(report.used(), Money::ZERO, "zero use");
}

#[test]
fn a_version_4_database_gets_plans_and_expected_reports() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let path = dir.path().join("v4.db");
    bidrag::storage::create_at_version(&path, 4, now()).expect("v4");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "INSERT INTO users (login, name, roles) VALUES ('anna', 'Anna', 'handlaggare');
             INSERT INTO users (login, name, roles) VALUES ('cecilia', 'Cecilia', 'beslutsfattare');
             INSERT INTO cases (dnr_year, dnr_seq, call_id, organisation_id, step, state, title,
                 received_on, requested_ore, granted_ore, report_due_on, updated_at)
             VALUES (2026, 1, 2, 1, 2, 'pagaende', 'Kartläggning', '2026-01-10', 50000000,
                 50000000, '2026-10-31', '2026-02-01T08:00:00Z');
             INSERT INTO decisions (case_id, kind, decided_on, outcome, amount_ore, presenter_id,
                 decider_id, report_due_on, sent_on, created_at)
             VALUES (1, 'beslut', '2026-02-01', 'bifall', 50000000, 1, 2, '2026-10-31',
                 '2026-02-02', '2026-02-01T08:00:00Z');",
        )
        .expect("old rows");
    }
    let store = Store::open(&path, now()).expect("migrates");
    let f = store.followup(1).expect("follow-up");
    assert_eq!(f.instalments.len(), 1);
    assert_eq!(f.instalments[0].amount, Money(50_000_000));
    assert_eq!(
        f.instalments[0].due_on,
        NaiveDate::from_ymd_opt(2026, 2, 1).expect("date")
    );
    assert_eq!(f.reports.len(), 1);
    assert_eq!(f.reports[0].kind, fu::ReportKind::Final);
    // The slutrapport is past due and missing: the case is in Försenade.
    let n = store
        .count_cases(CaseSource::Queue(Queue::Overdue), 1, today())
        .expect("count");
    assert_eq!(n, 1);
}

#[test]
fn the_demo_has_payment_plans_reports_and_a_recovery() {
    let store = demo_store();
    let one = |sql: &str| -> i64 {
        store
            .connection()
            .query_row(sql, [], |r| r.get(0))
            .expect("query")
    };
    assert!(one("SELECT count(*) FROM instalments WHERE paid_on IS NOT NULL") > 10);
    assert!(one("SELECT count(*) FROM instalments WHERE requires_report = 1") > 0);
    assert!(one("SELECT count(*) FROM reports WHERE outcome = 'godkand'") > 10);
    assert_eq!(
        one("SELECT count(*) FROM recoveries WHERE decision = 'krav'"),
        1
    );
    assert_eq!(one("SELECT count(*) FROM repayments"), 1);
    let check = store.check().expect("check");
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}

proptest! {
    #[test]
    fn unused_is_granted_less_used_clamped_and_over_use_flagged(
        granted in 0i64..10_000_000_000, used in 0i64..10_000_000_000,
    ) {
        let u = fu::unused(Money(granted), Money(used));
        prop_assert!(u.unused.ore() >= 0 && u.over_used.ore() >= 0);
        prop_assert!(u.unused.ore() == 0 || u.over_used.ore() == 0);
        prop_assert_eq!(u.unused.ore() - u.over_used.ore(), granted - used);
        if used == 0 {
            prop_assert_eq!(u.unused, Money(granted));
        }
        if used <= granted {
            prop_assert_eq!(u.over_used, Money::ZERO);
        }
    }

    #[test]
    fn a_plan_pays_exactly_the_grant(
        total in 1i64..10_000_000_000, n in 1u32..=12, months in 0u32..24,
    ) {
        let first = NaiveDate::from_ymd_opt(2026, 1, 31).expect("date");
        let plan = fu::plan(Money(total), n, first, months);
        prop_assert_eq!(plan.len(), n as usize);
        prop_assert_eq!(plan.iter().map(|p| p.1.ore()).sum::<i64>(), total);
        prop_assert!(plan.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn remaining_is_claimed_less_waived_and_repaid_never_negative(
        claimed in 1i64..1_000_000_000, waived in 0i64..1_000_000_000,
        repaid in proptest::collection::vec(0i64..500_000_000, 0..5),
    ) {
        let sum: i64 = repaid.iter().sum();
        let left = fu::remaining(Money(claimed), Money(waived), Money(sum));
        prop_assert!(left.ore() >= 0);
        prop_assert_eq!(left.ore(), (claimed - waived - sum).max(0));
    }
}

#[test]
fn the_followup_tab_snapshot() {
    let dir = tempfile::TempDir::new().expect("tmp");
    let mut store = demo_store();
    // The demo's återkrav case: plan paid, slutrapport reviewed, återkrav partly repaid.
    let case: i64 = store
        .connection()
        .query_row("SELECT case_id FROM recoveries LIMIT 1", [], |r| r.get(0))
        .expect("a recovery");
    for lang in [Lang::Sv, Lang::En] {
        let mut app = app_as(&mut store, "anna", dir.path());
        app.lang = lang;
        open(&mut app, &mut store, case);
        let t = common::draw(&app, &bidrag::ui::Theme::color(), 110, 30);
        let name = match lang {
            Lang::Sv => "followup_tab_sv_110x30",
            Lang::En => "followup_tab_en_110x30",
        };
        insta::assert_snapshot!(name, t.backend());
    }
}
