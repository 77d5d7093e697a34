//! The app without a database: key sequences in, effects out. The app is fed the messages a
//! service would send (a case, the home screen's lists) and every test asserts exactly what it
//! asks the service to do, which shows that `update` decides and the service acts.

use bidrag::app::form::FieldId;
use bidrag::app::{
    App, BatchChange, CaseWrite, Effect, FollowupWrite, HomeData, Keymap, Modal, Msg, Screen,
};
use bidrag::domain::decision::Budget;
use bidrag::domain::followup::Followup;
use bidrag::domain::workflow::Transition;
use bidrag::domain::{
    Answer, Call, CaseDetail, CaseRow, CaseState, Decision, DecisionKind, Dnr, Money, OrgKind,
    Organisation, Outcome, Role, Step, User,
};
use bidrag::i18n::Lang;
use chrono::NaiveDate;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn user(id: i64, login: &str, roles: &[Role]) -> User {
    User {
        id,
        login: login.into(),
        name: login.into(),
        roles: roles.to_vec(),
        active: true,
        ..User::default()
    }
}

fn organisation() -> Organisation {
    Organisation {
        id: 7,
        kind: OrgKind::IdeellForening,
        name: "Föreningen Mosaik".into(),
        org_nr: None,
        code: None,
        county: None,
        case_count: 1,
    }
}

fn call(step: Step) -> Call {
    Call {
        id: 3,
        name: "2026 Intresseanmälan".into(),
        step,
        regulation: "2018:119".into(),
        opens_on: day(9, 1),
        closes_on: Some(day(12, 31)),
        budget: Money(100_000_000),
        case_count: 1,
        granted: Money::ZERO,
        proposed: Money::ZERO,
        paid: Money::ZERO,
        committed: Money::ZERO,
        paid_committed: Money::ZERO,
        later: Money::ZERO,
        paid_later: Money::ZERO,
    }
}

/// A case of step 1 in `state`, with the shipped checklist of its step and no answers.
fn case(state: CaseState) -> CaseDetail {
    let checklist = common_checklist(Step::Interest);
    CaseDetail {
        id: 42,
        dnr: Dnr::new("DELMOS", 2026, 42),
        title: "Samverkan mot segregation".into(),
        organisation: organisation(),
        call: call(Step::Interest),
        step: Step::Interest,
        state,
        received_on: day(11, 2),
        requested: Money::ZERO,
        granted: None,
        assignee: None,
        assignee_id: None,
        supplement_due_on: None,
        report_due_on: None,
        checklist_id: Some(checklist.id()),
        checklist: Some(checklist),
        version: 5,
        answers: Vec::new(),
        documents: Vec::new(),
        notes: Vec::new(),
        decisions: Vec::new(),
        events: Vec::new(),
        budget: Budget::default(),
        jav_users: Vec::new(),
        reform_areas: Vec::new(),
        followup: Followup::default(),
        letterhead: Default::default(),
    }
}

fn common_checklist(step: Step) -> bidrag::domain::ChecklistTemplate {
    bidrag::checklists::shipped()
        .expect("shipped")
        .into_iter()
        .find(|c| c.template.step() == Some(step))
        .expect("a checklist for the step")
        .template
}

fn app_as(me: User) -> App {
    let mut app = App::new(
        Lang::Sv,
        me,
        day(11, 28),
        "test".into(),
        Keymap::default_map(),
        bidrag::checklists::shipped().expect("shipped"),
    );
    let effects = app.update(Msg::HomeLoaded(HomeData {
        calls: vec![call(Step::Interest)],
        orgs: vec![organisation()],
        queues: Vec::new(),
        saved: Vec::new(),
        users: vec![
            user(1, "anna", &[Role::Caseworker]),
            user(2, "bertil", &[Role::Caseworker]),
            user(4, "cecilia", &[Role::DecisionMaker]),
        ],
    }));
    assert!(effects.is_empty(), "no list to load: {effects:?}");
    app
}

/// Keys, each as the keymap writes it; the effects of the last one.
fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut last = Vec::new();
    for token in keys.split_whitespace() {
        let key = bidrag::app::Key::parse(token).unwrap_or_else(|| panic!("not a key: {token}"));
        last = app.handle_key(key);
    }
    last
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    let mut last = Vec::new();
    for c in text.chars() {
        last = app.handle_key(bidrag::app::Key::ch(c));
    }
    last
}

fn open(app: &mut App, detail: CaseDetail) {
    let effects = app.update(Msg::CaseLoaded(Box::new(detail)));
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Case);
}

fn write_of(effects: &[Effect]) -> (i64, i64, &CaseWrite) {
    match effects {
        [
            Effect::Write {
                case_id,
                version,
                write,
            },
        ] => (*case_id, *version, write),
        other => panic!("expected one write, got {other:?}"),
    }
}

#[test]
fn answering_asks_for_exactly_that_answer_at_the_version_read() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    open(&mut app, case(CaseState::Received));
    let first = app
        .case_view
        .as_ref()
        .and_then(|v| v.detail.checklist.as_ref())
        .map(|t| t.items[0].key.clone())
        .expect("item");
    let effects = keys(&mut app, "u");
    let (case_id, version, write) = write_of(&effects);
    assert_eq!((case_id, version), (42, 5));
    assert_eq!(
        write,
        &CaseWrite::Answer {
            item_key: first,
            answer: Answer::Met,
            comment: String::new(),
        }
    );
    // Anything but uppfyllt asks for a comment first: no effect until it is given.
    assert!(keys(&mut app, "e").is_empty());
    assert!(matches!(app.modal, Some(Modal::Editor(_))));
    typed(&mut app, "Underskrift saknas.");
    let effects = keys(&mut app, "<C-s>");
    let (_, _, write) = write_of(&effects);
    assert!(matches!(
        write,
        CaseWrite::Answer {
            answer: Answer::NotMet,
            comment,
            ..
        } if comment == "Underskrift saknas."
    ));
}

#[test]
fn a_withdrawal_is_a_transition_with_its_reason_not_a_target_state() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    open(&mut app, case(CaseState::InProgress));
    keys(&mut app, "s");
    let Some(Modal::Picker(picker)) = &app.modal else {
        panic!("no state picker")
    };
    let withdraw = picker
        .items
        .iter()
        .position(|(id, _)| Transition::ALL.get(*id as usize) == Some(&Transition::Withdraw))
        .expect("withdrawal offered");
    for _ in 0..withdraw {
        keys(&mut app, "<Down>");
    }
    assert!(keys(&mut app, "<Enter>").is_empty(), "the reason first");
    typed(&mut app, "Sökanden har återkallat.");
    let effects = keys(&mut app, "<C-s>");
    let (_, _, write) = write_of(&effects);
    assert_eq!(
        write,
        &CaseWrite::Transition {
            transition: Transition::Withdraw,
            reason: Some("Sökanden har återkallat.".into()),
        }
    );
}

#[test]
fn a_decision_asks_the_service_to_decide_the_proposal_shown() {
    let mut app = app_as(user(4, "cecilia", &[Role::DecisionMaker]));
    let mut d = case(CaseState::ProposedDecision);
    d.decisions.push(Decision {
        id: 900,
        kind: DecisionKind::Proposal,
        decided_on: day(11, 27),
        outcome: Outcome::Positive,
        amount: None,
        period: None,
        report_due_on: None,
        motivation: "I linje med syftet.".into(),
        rules: String::new(),
        presenter_id: Some(1),
        presenter: Some("anna".into()),
        decider: None,
        appeal_text: String::new(),
        sent_on: None,
        over_budget_confirmed: false,
        supersedes: None,
        years: Vec::new(),
    });
    open(&mut app, d.clone());
    assert!(keys(&mut app, "b").is_empty(), "the form first");
    let effects = keys(&mut app, "<C-s>");
    let (_, _, write) = write_of(&effects);
    assert!(matches!(
        write,
        CaseWrite::Decide {
            proposal_id: 900,
            over_budget: false,
            ..
        }
    ));
    // The föredragande is refused at once by the screen (and again by the service).
    let mut anna = app_as(user(1, "anna", &[Role::Caseworker, Role::DecisionMaker]));
    open(&mut anna, d);
    assert!(keys(&mut anna, "b").is_empty());
    assert!(anna.modal.is_none());
}

#[test]
fn a_document_form_reads_its_choice_and_fields_by_id() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    open(&mut app, case(CaseState::InProgress));
    keys(&mut app, "r");
    let Some(Modal::Form(form)) = &app.modal else {
        panic!("no form")
    };
    assert_eq!(form.fields[form.focus].id, FieldId::Description);
    typed(&mut app, "Protokoll");
    // Shift-Tab back to the direction; a letter opens its picker, Enter chooses.
    keys(&mut app, "<S-Tab> <S-Tab> <S-Tab>");
    typed(&mut app, "utg");
    assert!(matches!(app.modal, Some(Modal::Picker(_))), "choice picker");
    keys(&mut app, "<Enter>");
    let effects = keys(&mut app, "<C-s>");
    let (_, _, write) = write_of(&effects);
    assert!(matches!(
        write,
        CaseWrite::Document {
            direction: bidrag::domain::Direction::Outgoing,
            description,
            file_path: None,
            ..
        } if description == "Protokoll"
    ));
}

#[test]
fn a_batch_asks_for_a_preview_first() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    for id in [5, 6, 7] {
        app.marked.insert(
            id,
            CaseRow {
                id,
                dnr: Dnr::new("DELMOS", 2026, id as u32),
                organisation_id: 7,
                organisation: "Föreningen Mosaik".into(),
                step: Step::Interest,
                state: CaseState::Received,
                received_on: day(11, 2),
                assignee: None,
                requested: Money::ZERO,
                supplement_due_on: None,
                report_due_on: None,
                answered: Vec::new(),
                order_key: String::new(),
            },
        );
    }
    let effects = keys(&mut app, "a");
    assert_eq!(
        effects,
        [Effect::PreviewBatch {
            ids: vec![5, 6, 7],
            change: BatchChange::Assign { user_id: 1 },
        }]
    );
    assert!(app.work.is_some(), "the preview shows its progress");
}

#[test]
fn esc_cancels_long_work_and_other_writes_wait_for_it() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    app.work = Some(bidrag::app::Work::new(bidrag::app::WorkKind::Import));
    assert!(keys(&mut app, "n").is_empty(), "a write waits");
    assert_eq!(keys(&mut app, "<Esc>"), [Effect::CancelWork]);
    assert!(app.work.is_some_and(|w| w.cancelling));
    assert!(app.update(Msg::Cancelled).is_empty());
    assert!(app.work.is_none());
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Avbrutet; inget skrevs.")
    );
}

#[test]
fn today_follows_the_clock() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    assert!(app.update(Msg::Today(day(11, 28))).is_empty(), "same day");
    open(&mut app, case(CaseState::InProgress));
    // Past midnight: the lists and the open case are read again, for the new day.
    let effects = app.update(Msg::Today(day(11, 29)));
    assert_eq!(app.today, day(11, 29));
    assert_eq!(effects, [Effect::LoadHome, Effect::LoadCase(42)]);
}

#[test]
fn a_payment_asks_for_the_instalment_shown() {
    let mut app = app_as(user(1, "anna", &[Role::Caseworker]));
    let mut d = case(CaseState::Ongoing);
    d.granted = Some(Money(10_000_000));
    d.decisions.push(Decision {
        id: 901,
        kind: DecisionKind::Decision,
        decided_on: day(11, 1),
        outcome: Outcome::Granted,
        amount: Some(Money(10_000_000)),
        period: Some((day(12, 1), day(12, 31))),
        report_due_on: Some(day(12, 31)),
        motivation: String::new(),
        rules: String::new(),
        presenter_id: Some(1),
        presenter: Some("anna".into()),
        decider: Some("cecilia".into()),
        appeal_text: "Beslutet kan inte överklagas.".into(),
        sent_on: Some(day(11, 2)),
        over_budget_confirmed: false,
        supersedes: None,
        years: Vec::new(),
    });
    d.followup
        .instalments
        .push(bidrag::domain::followup::Instalment {
            id: 77,
            no: 1,
            due_on: day(11, 2),
            amount: Money(10_000_000),
            requires_report: false,
            paid_on: None,
            paid_amount: None,
        });
    open(&mut app, d);
    keys(&mut app, "U");
    let effects = keys(&mut app, "<C-s>");
    assert_eq!(
        effects,
        [Effect::Followup {
            case_id: 42,
            version: 5,
            write: FollowupWrite::Paid {
                instalment_id: 77,
                paid_on: day(11, 28),
                amount: Money(10_000_000),
            },
        }]
    );
}
