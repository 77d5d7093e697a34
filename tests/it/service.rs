//! Every rule that protects a party, refused at the write: each test goes around the keys,
//! straight to the service, with a stale or forged input (a decision by its föredragande, by a
//! user with jäv, a transition the state machine forbids, a write on a case changed since it was
//! read, …) and shows the refusal and that nothing was written.

use crate::common;

use bidrag::app::{BatchChange, CaseDraft, CaseWrite, FollowupWrite, RecoveryChoice, RoundItem};
use bidrag::domain::decision::{DecisionError, NotEligible, Proposal};
use bidrag::domain::followup::{PaymentError, RecoveryDecisionKind};
use bidrag::domain::refused::Refused;
use bidrag::domain::workflow::{Refusal, Transition};
use bidrag::domain::{Answer, CaseState, Money, Outcome};
use bidrag::service::{self, Ctx, ServiceError};
use bidrag::storage::{Store, StoreError};
use chrono::Duration;
use std::path::Path;

/// Whatever any act writes appends an event; the count, the head and the case tables tell
/// whether anything at all was written.
fn fingerprint(store: &Store) -> (i64, String, i64, i64, i64) {
    store
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM events),
                    (SELECT COALESCE(max(hash), '') FROM events),
                    (SELECT count(*) FROM decisions),
                    (SELECT COALESCE(sum(version), 0) FROM cases),
                    (SELECT count(*) FROM documents)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("fingerprint")
}

fn user(store: &Store, login: &str) -> i64 {
    store
        .user_by_login(login)
        .expect("read")
        .unwrap_or_else(|| panic!("no user {login}"))
        .id
}

/// The acting user `login`, today, the shipped checklists and `letters` for letters.
fn ctx(store: &Store, login: &str, letters: &'static Path) -> Ctx<'static> {
    static CHECKLISTS: std::sync::OnceLock<Vec<bidrag::checklists::Checklist>> =
        std::sync::OnceLock::new();
    Ctx {
        user_id: user(store, login),
        today: common::today(),
        now: common::now(),
        checklists: CHECKLISTS.get_or_init(common::checklists),
        letters_dir: letters,
    }
}

/// A case write at the case's current version.
fn write(
    store: &mut Store,
    ctx: &Ctx<'_>,
    case: i64,
    w: &CaseWrite,
) -> Result<bidrag::app::Done, ServiceError> {
    let v = version(store, case);
    service::case::write(store, ctx, case, v, w)
}

/// A follow-up write at the case's current version.
fn followup_write(
    store: &mut Store,
    ctx: &Ctx<'_>,
    case: i64,
    w: &FollowupWrite,
) -> Result<bidrag::app::FollowupDone, ServiceError> {
    let v = version(store, case);
    service::followup::write(store, ctx, case, v, w)
}

/// The first case (by id) matching an SQL condition on `cases c`.
fn case_where(store: &Store, condition: &str) -> i64 {
    store
        .connection()
        .query_row(
            &format!("SELECT c.id FROM cases c WHERE {condition} ORDER BY c.id LIMIT 1"),
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("no case where {condition}: {e}"))
}

fn refused(result: Result<impl std::fmt::Debug, ServiceError>) -> Refused {
    match result {
        Err(ServiceError::Refused(r)) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn version(store: &Store, case_id: i64) -> i64 {
    store.case_detail(case_id).expect("case").version
}

struct Fixture {
    store: Store,
    /// Where letters go: a fresh folder per test (kept for the test binary's life).
    letters: &'static Path,
}

fn fixture() -> Fixture {
    let dir = tempfile::TempDir::new().expect("tmp").keep();
    Fixture {
        store: common::demo_store(),
        letters: Box::leak(dir.into_boxed_path()),
    }
}

/// A case awaiting a decision, its proposal, and who presented it.
fn proposed(store: &Store) -> (i64, i64, i64) {
    let case = case_where(
        store,
        "c.state = 'forslag_till_beslut' AND c.step = 1 AND EXISTS (SELECT 1 FROM decisions d
           WHERE d.case_id = c.id AND d.kind = 'forslag' AND d.presenter_id IS NOT NULL)",
    );
    let d = store.case_detail(case).expect("case");
    let p = d.proposal().expect("proposal");
    (case, p.id, p.presenter_id.expect("presenter"))
}

fn decide(proposal_id: i64) -> CaseWrite {
    CaseWrite::Decide {
        proposal_id,
        decided_on: common::today(),
        appeal_text: "Beslutet kan inte överklagas.".into(),
        over_budget: false,
    }
}

#[test]
fn a_decision_by_its_föredragande_is_refused_and_nothing_is_written() {
    let mut f = fixture();
    // Cecilia, a beslutsfattare, presents a proposal herself, then tries to decide it.
    let case = case_where(
        &f.store,
        "c.state = 'under_handlaggning' AND c.step = 1 AND c.checklist_id IS NOT NULL",
    );
    let cecilia = ctx(&f.store, "cecilia", f.letters);
    // She is handläggare too, so she may prepare the case.
    common::add_role(&mut f.store, "cecilia", bidrag::domain::Role::Caseworker);
    // Answer every item so the proposal is allowed.
    let template = f
        .store
        .case_detail(case)
        .expect("case")
        .checklist
        .expect("checklist");
    for item in &template.items {
        write(
            &mut f.store,
            &cecilia,
            case,
            &CaseWrite::Answer {
                item_key: item.key.clone(),
                answer: Answer::Met,
                comment: String::new(),
            },
        )
        .expect("answer");
    }
    let proposal = Proposal {
        outcome: Outcome::Positive,
        amount: None,
        period: None,
        report_due: None,
        motivation: "I linje med syftet.".into(),
        rules: String::new(),
        years: Vec::new(),
    };
    write(
        &mut f.store,
        &cecilia,
        case,
        &CaseWrite::Propose { proposal },
    )
    .expect("propose");
    let proposal_id = f
        .store
        .case_detail(case)
        .expect("case")
        .proposal()
        .expect("p")
        .id;
    let before = fingerprint(&f.store);
    let r = refused(write(&mut f.store, &cecilia, case, &decide(proposal_id)));
    assert_eq!(r, Refused::Decision(DecisionError::SamePerson));
    assert_eq!(fingerprint(&f.store), before);
    // Erik may.
    let erik = ctx(&f.store, "erik", f.letters);
    write(&mut f.store, &erik, case, &decide(proposal_id)).expect("another beslutsfattare decides");
    assert_eq!(
        f.store.case_detail(case).expect("case").state,
        CaseState::Decided
    );
}

#[test]
fn a_decision_by_a_user_with_jäv_or_without_the_role_is_refused() {
    let mut f = fixture();
    let (case, proposal_id, _) = proposed(&f.store);
    let org = f.store.case_detail(case).expect("case").organisation.id;
    let erik = ctx(&f.store, "erik", f.letters);
    service::admin::jav(&mut f.store, &erik, org, true, "Styrelseledamot").expect("jäv");
    let before = fingerprint(&f.store);
    let r = refused(write(&mut f.store, &erik, case, &decide(proposal_id)));
    assert_eq!(r, Refused::Decision(DecisionError::Jav));
    assert_eq!(fingerprint(&f.store), before);
    let anna = ctx(&f.store, "anna", f.letters);
    let r = refused(write(&mut f.store, &anna, case, &decide(proposal_id)));
    assert_eq!(r, Refused::Decision(DecisionError::NotDecisionMaker));
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn a_decision_is_refused_for_a_stale_proposal_a_future_date_or_over_budget() {
    let mut f = fixture();
    let (case, proposal_id, _) = proposed(&f.store);
    let cecilia = ctx(&f.store, "cecilia", f.letters);
    let before = fingerprint(&f.store);
    let r = refused(write(
        &mut f.store,
        &cecilia,
        case,
        &decide(proposal_id + 100_000),
    ));
    assert_eq!(r, Refused::NotLatestProposal);
    let r = refused(write(
        &mut f.store,
        &cecilia,
        case,
        &CaseWrite::Decide {
            proposal_id,
            decided_on: common::today() + Duration::days(1),
            appeal_text: "Beslutet kan inte överklagas.".into(),
            over_budget: false,
        },
    ));
    assert_eq!(r, Refused::FutureDate(common::today()));
    assert_eq!(fingerprint(&f.store), before);
    // A grant that takes its call over budget needs the confirmation.
    let grant = case_where(
        &f.store,
        "c.state = 'forslag_till_beslut' AND c.step IN (2, 3) AND EXISTS (SELECT 1 FROM decisions d
           WHERE d.case_id = c.id AND d.kind = 'forslag' AND d.outcome = 'bifall')",
    );
    let d = f.store.case_detail(grant).expect("case");
    let p = d.proposal().expect("proposal").clone();
    // Leave the call 100 öre less than the grant charges it.
    let charge = p
        .years
        .first()
        .map_or(p.amount.expect("amount"), |y| y.amount);
    let shrink = d.budget.remaining().ore() - charge.ore() + 100;
    f.store
        .connection()
        .execute(
            "UPDATE calls SET budget_ore = budget_ore - ?1 WHERE id = ?2",
            rusqlite::params![shrink, d.call.id],
        )
        .expect("shrink the budget");
    let before = fingerprint(&f.store);
    let decider = if p.presenter_id == Some(cecilia.user_id) {
        ctx(&f.store, "erik", f.letters)
    } else {
        cecilia
    };
    let r = refused(write(&mut f.store, &decider, grant, &decide(p.id)));
    assert!(
        matches!(r, Refused::OverBudget(m) if m == Money(100)),
        "{r:?}"
    );
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn a_transition_the_state_machine_forbids_is_refused_at_the_write() {
    let mut f = fixture();
    let case = case_where(&f.store, "c.state = 'under_handlaggning'");
    let anna = ctx(&f.store, "anna", f.letters);
    let before = fingerprint(&f.store);
    let close = CaseWrite::Transition {
        transition: Transition::Close,
        reason: None,
    };
    let r = refused(write(&mut f.store, &anna, case, &close));
    assert!(
        matches!(r, Refused::Workflow(Refusal::NotFrom { .. })),
        "{r:?}"
    );
    // Deciding is an act of its own: never a bare state change.
    let r = refused(write(
        &mut f.store,
        &anna,
        case,
        &CaseWrite::Transition {
            transition: Transition::Decide,
            reason: None,
        },
    ));
    assert_eq!(r, Refused::OwnAct(Transition::Decide));
    // A withdrawal needs its reason.
    let r = refused(write(
        &mut f.store,
        &anna,
        case,
        &CaseWrite::Transition {
            transition: Transition::Withdraw,
            reason: Some("  ".into()),
        },
    ));
    assert_eq!(r, Refused::ReasonRequired);
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn a_write_on_a_case_changed_since_it_was_read_is_refused_with_who_and_when() {
    let mut f = fixture();
    let case = case_where(&f.store, "c.state = 'under_handlaggning'");
    let anna = ctx(&f.store, "anna", f.letters);
    let read_at = version(&f.store, case);
    service::case::write(
        &mut f.store,
        &anna,
        case,
        read_at,
        &CaseWrite::Note {
            body: "Samtal med sökanden.".into(),
        },
    )
    .expect("first note");
    let before = fingerprint(&f.store);
    let bertil = ctx(&f.store, "bertil", f.letters);
    let result = service::case::write(
        &mut f.store,
        &bertil,
        case,
        read_at,
        &CaseWrite::Note {
            body: "Skrivet mot en gammal bild.".into(),
        },
    );
    match result {
        Err(ServiceError::Store(StoreError::Conflict { by, .. })) => {
            assert_eq!(by, "Anna Lindqvist")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn a_proposal_on_an_incomplete_checklist_and_answers_after_it_are_refused() {
    let mut f = fixture();
    let case = case_where(
        &f.store,
        "c.state = 'under_handlaggning' AND c.step = 1 AND c.checklist_id IS NOT NULL
         AND (SELECT count(*) FROM checklist_answers a WHERE a.case_id = c.id) = 0",
    );
    let anna = ctx(&f.store, "anna", f.letters);
    let before = fingerprint(&f.store);
    let r = refused(write(
        &mut f.store,
        &anna,
        case,
        &CaseWrite::Propose {
            proposal: Proposal {
                outcome: Outcome::Positive,
                amount: None,
                period: None,
                report_due: None,
                motivation: "Bra.".into(),
                rules: String::new(),
                years: Vec::new(),
            },
        },
    ));
    assert!(
        matches!(r, Refused::Workflow(Refusal::UnansweredMandatory(_))),
        "{r:?}"
    );
    let r = refused(write(
        &mut f.store,
        &anna,
        case,
        &CaseWrite::Answer {
            item_key: "finns_inte".into(),
            answer: Answer::Met,
            comment: String::new(),
        },
    ));
    assert_eq!(r, Refused::UnknownItem("finns_inte".into()));
    let (locked, _, _) = proposed(&f.store);
    let key = f
        .store
        .case_detail(locked)
        .expect("case")
        .checklist
        .expect("checklist")
        .items[0]
        .key
        .clone();
    let r = refused(write(
        &mut f.store,
        &anna,
        locked,
        &CaseWrite::Answer {
            item_key: key,
            answer: Answer::NotMet,
            comment: "Ändrat i efterhand.".into(),
        },
    ));
    assert_eq!(r, Refused::AnswerLocked(CaseState::ProposedDecision));
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn assigning_to_a_non_caseworker_or_a_caseworker_with_jäv_is_refused() {
    let mut f = fixture();
    let case = case_where(&f.store, "c.state = 'inkommen'");
    let org = f.store.case_detail(case).expect("case").organisation.id;
    let cecilia = user(&f.store, "cecilia");
    let bertil = user(&f.store, "bertil");
    let bertil_ctx = ctx(&f.store, "bertil", f.letters);
    service::admin::jav(
        &mut f.store,
        &bertil_ctx,
        org,
        true,
        "Min sambo är ordförande.",
    )
    .expect("jäv");
    let anna = ctx(&f.store, "anna", f.letters);
    let before = fingerprint(&f.store);
    let r = refused(write(
        &mut f.store,
        &anna,
        case,
        &CaseWrite::Assign { user_id: cecilia },
    ));
    assert_eq!(r, Refused::NotCaseworker("Cecilia Holm".into()));
    let r = refused(write(
        &mut f.store,
        &anna,
        case,
        &CaseWrite::Assign { user_id: bertil },
    ));
    assert_eq!(r, Refused::Jav("Bertil Okafor".into()));
    // The batch preview refuses a non-caseworker too, and skips the case with jäv.
    let r = refused(service::batch::preview(
        &f.store,
        &anna,
        &[case],
        &BatchChange::Assign { user_id: cecilia },
    ));
    assert_eq!(r, Refused::NotCaseworker("Cecilia Holm".into()));
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn registering_in_a_step_the_organisation_may_not_apply_in_needs_a_reason() {
    let mut f = fixture();
    let org: i64 = f
        .store
        .connection()
        .query_row(
            "SELECT id FROM organisations o WHERE NOT EXISTS (SELECT 1 FROM cases c
               WHERE c.organisation_id = o.id) ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an organisation without cases");
    let call: i64 = f
        .store
        .connection()
        .query_row(
            "SELECT id FROM calls WHERE step = 2 ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a step-2 call");
    let anna = ctx(&f.store, "anna", f.letters);
    let draft = CaseDraft {
        exception_reason: None,
        late_reason: None,
        organisation_id: org,
        call_id: call,
        received_on: common::today(),
        title: "Kartläggning".into(),
        requested: Money(50_000_000),
    };
    let before = fingerprint(&f.store);
    let r = refused(service::case::register(&mut f.store, &anna, &draft));
    assert_eq!(r, Refused::NotEligible(NotEligible::NoPositiveBesked));
    let r = refused(service::case::register(
        &mut f.store,
        &anna,
        &CaseDraft {
            received_on: common::today() + Duration::days(3),
            exception_reason: Some("Besked kommer.".into()),
            ..draft.clone()
        },
    ));
    assert_eq!(r, Refused::FutureDate(common::today()));
    assert_eq!(fingerprint(&f.store), before);
    let id = service::case::register(
        &mut f.store,
        &anna,
        &CaseDraft {
            exception_reason: Some("Besked på väg enligt beslut i styrelsen.".into()),
            ..draft
        },
    )
    .expect("with a reason");
    let d = f.store.case_detail(id).expect("case");
    assert!(d.notes.iter().any(|n| n.body.contains("Besked på väg")));
}

#[test]
fn a_batch_with_one_forbidden_change_writes_nothing() {
    let mut f = fixture();
    let open = case_where(&f.store, "c.state = 'under_handlaggning'");
    let closed = case_where(&f.store, "c.state = 'avslutad'");
    let anna = ctx(&f.store, "anna", f.letters);
    let before = fingerprint(&f.store);
    let (open_version, closed_version) = (version(&f.store, open), version(&f.store, closed));
    let withdraw = CaseWrite::Transition {
        transition: Transition::Withdraw,
        reason: Some("Sökanden har återkallat.".into()),
    };
    let result = service::batch::apply(
        &mut f.store,
        &anna,
        &[
            (open, open_version, withdraw.clone()),
            (closed, closed_version, withdraw),
        ],
        &service::Unwatched,
    );
    assert!(
        matches!(
            refused(result),
            Refused::Workflow(Refusal::NotFrom {
                from: CaseState::Closed,
                ..
            })
        ),
        "the closed case refuses"
    );
    assert_eq!(fingerprint(&f.store), before);
    // A batch may not make a transition that needs its own form.
    let r = refused(service::batch::preview(
        &f.store,
        &anna,
        &[open],
        &BatchChange::Transition {
            transition: Transition::Propose,
            reason: None,
        },
    ));
    assert_eq!(r, Refused::OwnAct(Transition::Propose));
}

#[test]
fn a_round_with_one_proposal_the_decider_may_not_decide_writes_nothing() {
    let mut f = fixture();
    let (case, proposal_id, presenter) = proposed(&f.store);
    let d = f.store.case_detail(case).expect("case");
    let presenter_login: String = f
        .store
        .connection()
        .query_row("SELECT login FROM users WHERE id = ?1", [presenter], |r| {
            r.get(0)
        })
        .expect("login");
    // The föredragande is no beslutsfattare; give the round to someone with jäv instead.
    let erik = ctx(&f.store, "erik", f.letters);
    service::admin::jav(&mut f.store, &erik, d.organisation.id, true, "Jäv").expect("jäv");
    let before = fingerprint(&f.store);
    let item = RoundItem {
        case_id: case,
        version: d.version,
        proposal_id,
        call_id: d.call.id,
        dnr: d.dnr.clone(),
        organisation: d.organisation.name.clone(),
        outcome: Outcome::Positive,
        proposed: None,
        amount: None,
        skipped: None,
    };
    let r = refused(service::decision::round(
        &mut f.store,
        &erik,
        &[item],
        "Beslutet kan inte överklagas.",
        &[],
        &service::Unwatched,
    ));
    assert_eq!(
        r,
        Refused::Decision(DecisionError::Jav),
        "{presenter_login}"
    );
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn a_decision_already_sent_is_not_sent_again_and_leaves_no_letter() {
    let mut f = fixture();
    let case = case_where(
        &f.store,
        "c.state = 'expedierad' AND EXISTS (SELECT 1 FROM decisions d WHERE d.case_id = c.id
           AND d.kind = 'beslut' AND d.sent_on IS NOT NULL)",
    );
    let d = f.store.case_detail(case).expect("case");
    let anna = ctx(&f.store, "anna", f.letters);
    let before = fingerprint(&f.store);
    let r = refused(service::dispatch::dispatch(
        &mut f.store,
        &anna,
        case,
        d.version,
        d.decision().expect("decision").id,
    ));
    assert_eq!(r, Refused::AlreadySent);
    assert_eq!(fingerprint(&f.store), before);
    assert_eq!(
        std::fs::read_dir(f.letters).map(|d| d.count()).unwrap_or(0),
        0,
        "no letter written"
    );
}

#[test]
fn an_återkrav_decided_by_its_föredragande_leaves_no_letter_and_a_payment_waits_for_dispatch() {
    let mut f = fixture();
    // Anna opens an återkrav on a grant with money paid out, with a response time that is over.
    let case = case_where(
        &f.store,
        "EXISTS (SELECT 1 FROM instalments i WHERE i.case_id = c.id AND i.paid_on IS NOT NULL)",
    );
    let anna = ctx(&f.store, "anna", f.letters);
    followup_write(
        &mut f.store,
        &anna,
        case,
        &FollowupWrite::OpenRecovery {
            report_id: None,
            ground: bidrag::domain::followup::Ground::UnusedFunds,
            amount: Money(100),
            communicated_on: common::today() - Duration::days(20),
            response_due: common::today() - Duration::days(5),
        },
    )
    .expect("återkrav opened");
    let d = f.store.case_detail(case).expect("case");
    let recovery_id = d.followup.recoveries.last().expect("recovery").id;
    // Make Anna a beslutsfattare too, so only four eyes stands in the way.
    f.store
        .connection()
        .execute(
            "UPDATE users SET roles = 'handlaggare,beslutsfattare' WHERE login = 'anna'",
            [],
        )
        .expect("role");
    let login = "anna".to_string();
    let me = ctx(&f.store, &login, f.letters);
    let due = f
        .store
        .case_detail(case)
        .expect("case")
        .followup
        .recoveries
        .iter()
        .find(|r| r.id == recovery_id)
        .expect("recovery")
        .response_due;
    let before = fingerprint(&f.store);
    let r = refused(followup_write(
        &mut f.store,
        &me,
        case,
        &FollowupWrite::DecideRecovery {
            recovery_id,
            choice: RecoveryChoice {
                kind: RecoveryDecisionKind::Claim,
                waived: None,
                motivation: "Medlen användes inte.".into(),
                decided_on: common::today().max(due),
                pay_by: common::today().max(due) + Duration::days(30),
            },
        },
    ));
    assert_eq!(r, Refused::Decision(DecisionError::SamePerson));
    assert_eq!(fingerprint(&f.store), before);
    assert_eq!(
        std::fs::read_dir(f.letters).map(|d| d.count()).unwrap_or(0),
        0,
        "no letter left behind"
    );
    // An instalment of a decision not yet expedited is not paid.
    let unsent: Option<(i64, i64)> = f
        .store
        .connection()
        .query_row(
            "SELECT i.case_id, i.id FROM instalments i JOIN decisions d ON d.case_id = i.case_id
               AND d.kind = 'beslut' AND d.sent_on IS NULL
             WHERE i.paid_on IS NULL ORDER BY i.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    if let Some((case, instalment_id)) = unsent {
        let anna = ctx(&f.store, "anna", f.letters);
        let r = refused(followup_write(
            &mut f.store,
            &anna,
            case,
            &FollowupWrite::Paid {
                instalment_id,
                paid_on: common::today(),
                amount: Money(100),
            },
        ));
        assert_eq!(r, Refused::Payment(PaymentError::NotDispatched));
        assert_eq!(fingerprint(&f.store), before);
    }
}

#[test]
fn an_unknown_acting_user_is_refused() {
    let mut f = fixture();
    let case = case_where(&f.store, "c.state = 'under_handlaggning'");
    let nobody = Ctx {
        user_id: 999_999,
        today: common::today(),
        now: common::now(),
        checklists: &[],
        letters_dir: f.letters,
    };
    let before = fingerprint(&f.store);
    let r = refused(write(
        &mut f.store,
        &nobody,
        case,
        &CaseWrite::Note {
            body: "Vem är jag?".into(),
        },
    ));
    assert_eq!(r, Refused::UnknownUser(999_999));
    assert_eq!(fingerprint(&f.store), before);
}

#[test]
fn an_act_outside_the_users_roles_or_delegation_is_refused_at_the_write() {
    let mut f = fixture();
    let (case, proposal_id, _) = proposed(&f.store);
    let d = f.store.case_detail(case).expect("case");
    let before = fingerprint(&f.store);
    // Cecilia is a beslutsfattare only: a tjänsteanteckning is a handläggare's or registrator's.
    let cecilia = ctx(&f.store, "cecilia", f.letters);
    let r = refused(write(
        &mut f.store,
        &cecilia,
        case,
        &CaseWrite::Note {
            body: "Ringde sökanden.".into(),
        },
    ));
    assert!(matches!(r, Refused::MissingRole(_)), "{r:?}");
    assert_eq!(fingerprint(&f.store), before);

    // Her delegation stops at avslag: deciding the proposal's outcome is refused.
    let erik = ctx(&f.store, "erik", f.letters);
    let cecilia_user = f
        .store
        .user_by_login("cecilia")
        .expect("read")
        .expect("cecilia");
    let mut draft = bidrag::storage::draft_of(&cecilia_user);
    draft.delegation.outcomes = vec![Outcome::Rejected];
    service::admin::change_user(&mut f.store, &erik, cecilia_user.id, &draft).expect("delegation");
    let before = fingerprint(&f.store);
    let proposal = d
        .decisions
        .iter()
        .find(|x| x.id == proposal_id)
        .expect("proposal")
        .outcome;
    assert_ne!(
        proposal,
        Outcome::Rejected,
        "the demo's proposal is no avslag"
    );
    let r = refused(write(&mut f.store, &cecilia, case, &decide(proposal_id)));
    assert!(matches!(r, Refused::Delegation(_)), "{r:?}");
    assert_eq!(fingerprint(&f.store), before);
}
