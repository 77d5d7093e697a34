//! Follow-up of a grant: the payment plan, paying an instalment, registering and reviewing a
//! report, and återkrav (opening it with kommunicering, deciding it with its letter, registering
//! repayments). Each checks its rule against the case as the transaction reads it.

use super::{Ctx, Result, ServiceError, actor, ensure, not_future};
use crate::app::{FollowupDone, FollowupWrite, RecoveryChoice};
use crate::domain::admin::Act;
use crate::domain::checklist::Answer;
use crate::domain::followup::{
    self as fu, LinesError, Recovery, RecoveryDecision, ReportKind, ReviewOutcome,
};
use crate::domain::refused::Refused;
use crate::domain::{CaseDetail, Money, User};
use crate::io::letters;
use crate::storage::{NewRecovery, NewReport, NewReview, Store, StoreError, Writer};

/// Document descriptions as registered (in Swedish, as the record is).
pub const DOC_PROGRESS_REPORT: &str = "Lägesrapport";
pub const DOC_FINAL_REPORT: &str = "Slutrapport";
pub const DOC_COMMUNICATION: &str = "Kommunicering inför beslut om återkrav";
pub const DOC_RECOVERY_DECISION: &str = "Beslut om återkrav";

/// A follow-up change to a case read at `version`, in one transaction. Deciding an återkrav
/// writes its letter first and removes it again if the transaction fails.
pub fn write(
    store: &mut Store,
    ctx: &Ctx<'_>,
    case_id: i64,
    version: i64,
    write: &FollowupWrite,
) -> Result<FollowupDone> {
    let letter = match write {
        FollowupWrite::DecideRecovery {
            recovery_id,
            choice,
        } => Some(recovery_letter(
            store,
            ctx,
            case_id,
            version,
            *recovery_id,
            choice,
        )?),
        _ => None,
    };
    let result = store.transact(ctx.now, |read, w| {
        w.check_version(case_id, version)?;
        let user = match act_of(write) {
            Some(act) => super::actor_for(read, ctx, act)?,
            None => actor(read, ctx)?,
        };
        let d = read.case_detail(case_id)?;
        apply(w, ctx, &user, &d, write, letter.as_ref())
    });
    if result.is_err()
        && let Some(path) = &letter
    {
        letters::remove_unregistered(path);
    }
    result
}

/// The kind of act a follow-up change is, for its role; None for deciding an återkrav, whose
/// role is part of the four-eyes rule.
fn act_of(write: &FollowupWrite) -> Option<Act> {
    match write {
        FollowupWrite::Paid { .. } | FollowupWrite::Repayment { .. } => Some(Act::Pay),
        FollowupWrite::Report { .. } => Some(Act::Record),
        FollowupWrite::DecideRecovery { .. } => None,
        _ => Some(Act::Handle),
    }
}

/// The återkrav being decided, with the decision as it will be recorded; refused as the
/// transaction would refuse it.
fn recovery_decision(
    user: &User,
    d: &CaseDetail,
    ctx: &Ctx<'_>,
    recovery_id: i64,
    choice: &RecoveryChoice,
) -> Result<(Recovery, RecoveryDecision)> {
    let r = d
        .followup
        .recoveries
        .iter()
        .find(|r| r.id == recovery_id)
        .ok_or(StoreError::NotFound("återkrav"))?
        .clone();
    let jav = d.jav_users.contains(&user.id);
    crate::domain::decision::check_decider(user.id, &user.roles, Some(r.presenter_id), jav)?;
    not_future(choice.decided_on, ctx)?;
    let waived = fu::check_recovery_decision(
        &r,
        choice.kind,
        choice.waived,
        &choice.motivation,
        choice.decided_on,
    )?;
    let decision = RecoveryDecision {
        kind: choice.kind,
        waived,
        motivation: choice.motivation.trim().to_string(),
        decider: user.name.clone(),
        decided_on: choice.decided_on,
        pay_by: Some(choice.pay_by).filter(|_| waived < r.claimed),
    };
    Ok((r, decision))
}

/// Writes the återkrav decision's letter before its transaction; returns its path.
fn recovery_letter(
    store: &mut Store,
    ctx: &Ctx<'_>,
    case_id: i64,
    version: i64,
    recovery_id: i64,
    choice: &RecoveryChoice,
) -> Result<std::path::PathBuf> {
    super::fresh(store, ctx, case_id, version)?;
    let user = actor(store, ctx)?;
    let d = store.case_detail(case_id)?;
    let (r, decision) = recovery_decision(&user, &d, ctx, recovery_id, choice)?;
    let text = letters::recovery_letter(&d, &r, &decision)
        .map_err(|e| ServiceError::Letter(e.to_string()))?;
    let text = letters::anchored(&text, store.chain_anchor()?.as_ref());
    let name = letters::recovery_file_name(&d, recovery_id);
    letters::write_letter(ctx.letters_dir, &name, &text, |p| {
        store.document_names_file(p).unwrap_or(true)
    })
    .map_err(super::letter_error)
}

fn apply(
    w: &mut Writer<'_>,
    ctx: &Ctx<'_>,
    user: &User,
    d: &CaseDetail,
    write: &FollowupWrite,
    letter: Option<&std::path::PathBuf>,
) -> Result<FollowupDone> {
    let case_id = d.id;
    let f = &d.followup;
    let counterpart = d.organisation.name.as_str();
    match write {
        FollowupWrite::Plan { plan, gated } => {
            fu::check_plan(d.granted, f.paid().ore() > 0, plan, *gated)?;
            w.set_payment_plan(user.id, case_id, plan, *gated)?;
            Ok(FollowupDone::Plan(plan.len()))
        }
        FollowupWrite::Paid {
            instalment_id,
            paid_on,
            amount,
        } => {
            let inst = f
                .instalments
                .iter()
                .find(|i| i.id == *instalment_id)
                .ok_or(StoreError::NotFound("instalment"))?;
            let dispatched = d.decision().is_some_and(|x| x.sent_on.is_some());
            fu::check_payment(inst, dispatched, &f.reports, *amount, *paid_on, ctx.today)?;
            w.mark_paid(user.id, case_id, *instalment_id, *paid_on, *amount)?;
            Ok(FollowupDone::Paid(inst.no, *amount))
        }
        FollowupWrite::Report {
            report_id,
            received_on,
            lines,
        } => {
            let r = f
                .reports
                .iter()
                .find(|r| r.id == *report_id && r.received_on.is_none())
                .ok_or(StoreError::NotFound("report"))?;
            not_future(*received_on, ctx)?;
            ensure(!lines.is_empty(), Refused::Lines(LinesError::Empty))?;
            let description = match r.kind {
                ReportKind::Progress => DOC_PROGRESS_REPORT,
                ReportKind::Final => DOC_FINAL_REPORT,
            };
            let sub = w.register_report(
                user.id,
                case_id,
                &NewReport {
                    report_id: *report_id,
                    received_on: *received_on,
                    counterpart,
                    description,
                    lines,
                },
            )?;
            Ok(FollowupDone::Report(d.dnr.with_sub(sub)))
        }
        FollowupWrite::Review {
            report_id,
            outcome,
            answers,
            comment,
        } => {
            let r = f
                .reports
                .iter()
                .find(|r| {
                    r.id == *report_id
                        && r.received_on.is_some()
                        && r.review
                            .as_ref()
                            .is_none_or(|x| x.outcome == ReviewOutcome::Supplement)
                })
                .ok_or(StoreError::NotFound("report"))?;
            let template = crate::checklists::review_checklist(ctx.checklists, r.kind)
                .ok_or(Refused::NoChecklistFor(crate::domain::Step::FinalReport))?;
            let n = template.items.len();
            ensure(answers.len() == n, Refused::ReviewAnswers(n))?;
            // A mandatory item not met cannot be approved.
            let unmet = template
                .items
                .iter()
                .zip(answers)
                .position(|(item, a)| item.mandatory && *a == Answer::NotMet);
            if *outcome == ReviewOutcome::Approved
                && let Some(i) = unmet
            {
                return Err(Refused::ReviewUnmet(i + 1).into());
            }
            let comment = comment.trim();
            let needs_comment =
                *outcome != ReviewOutcome::Approved || answers.iter().any(|a| a.needs_comment());
            ensure(
                !needs_comment || !comment.is_empty(),
                Refused::ReviewComment,
            )?;
            w.review_report(
                user.id,
                case_id,
                &NewReview {
                    report_id: *report_id,
                    outcome: *outcome,
                    answers,
                    comment,
                    checklist_id: &template.id(),
                    reviewed_on: ctx.today,
                },
            )?;
            Ok(FollowupDone::Review(*outcome))
        }
        FollowupWrite::OpenRecovery {
            report_id,
            ground,
            amount,
            communicated_on,
            response_due,
        } => {
            if let Some(id) = report_id
                && !f.reports.iter().any(|r| r.id == *id)
            {
                return Err(StoreError::NotFound("report").into());
            }
            not_future(*communicated_on, ctx)?;
            fu::check_recovery(*amount, f.paid(), *communicated_on, *response_due)?;
            w.open_recovery(
                user.id,
                case_id,
                &NewRecovery {
                    report_id: *report_id,
                    ground: *ground,
                    amount: *amount,
                    communicated_on: *communicated_on,
                    response_due: *response_due,
                    counterpart,
                    description: DOC_COMMUNICATION,
                },
            )?;
            Ok(FollowupDone::RecoveryOpened)
        }
        FollowupWrite::DecideRecovery {
            recovery_id,
            choice,
        } => {
            let (_, decision) = recovery_decision(user, d, ctx, *recovery_id, choice)?;
            let shown = letter.map(|p| p.display().to_string()).unwrap_or_default();
            w.decide_recovery(
                user.id,
                case_id,
                *recovery_id,
                &decision,
                Some(&shown),
                counterpart,
                DOC_RECOVERY_DECISION,
            )?;
            Ok(FollowupDone::RecoveryDecided(shown))
        }
        FollowupWrite::Repayment {
            recovery_id,
            paid_on,
            amount,
        } => {
            let r = f
                .recoveries
                .iter()
                .find(|r| r.id == *recovery_id)
                .ok_or(StoreError::NotFound("återkrav"))?;
            fu::check_repayment(r, *amount, *paid_on, ctx.today)?;
            w.add_repayment(user.id, case_id, *recovery_id, *paid_on, *amount)?;
            Ok(FollowupDone::Repayment(Money(
                r.remaining().ore() - amount.ore(),
            )))
        }
    }
}
