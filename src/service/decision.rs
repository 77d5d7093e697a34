//! Proposing and deciding: the förslag till beslut by the föredragande; the beslut by a
//! beslutsfattare who is not the föredragande and has declared no jäv (four eyes), within the
//! call's budget unless confirmed; a changed decision; and a beslutstillfälle. Every rule is
//! checked here, inside the transaction, against the case as it is.

use super::{Ctx, Result, ServiceError, Watch, actor, ensure, not_future, required};
use crate::app::{CaseWrite, Done, Msg, RoundItem};
use crate::domain::decision::{self, Proposal, is_grant};
use crate::domain::multiyear;
use crate::domain::refused::Refused;
use crate::domain::workflow::{self, Transition};
use crate::domain::{CaseDetail, CaseFacts, CaseSource, DecisionKind, Money, User};
use crate::storage::{NewDecision, Store, Writer};
use chrono::NaiveDate;

/// A förslag till beslut by the acting user as föredragande: the checklist complete, the
/// proposal within the rules of its step and what was asked for.
pub(crate) fn propose(
    read: &Store,
    w: &mut Writer<'_>,
    ctx: &Ctx<'_>,
    facts: &CaseFacts,
    p: &Proposal,
) -> Result<Done> {
    let user = actor(read, ctx)?.id;
    // The state machine first: a case that is not ready says why.
    workflow::plan(facts.state, Transition::Propose, &facts.workflow())?;
    if let Some(e) = decision::validate_proposal(facts.step, facts.requested, p).first() {
        return Err(Refused::Decision(e.clone()).into());
    }
    if is_grant(p.outcome) {
        multiyear::check_years(
            &p.years,
            p.amount.unwrap_or_default(),
            ctx.today,
            p.period.map(|x| x.0),
        )?;
    }
    let to = super::case::plan(facts, Transition::Propose, w, user)?;
    w.insert_decision(
        user,
        &NewDecision {
            case_id: facts.id,
            kind: DecisionKind::Proposal,
            decided_on: ctx.today,
            outcome: p.outcome,
            amount: p.amount,
            period: p.period,
            motivation: p.motivation.trim(),
            rules: p.rules.trim(),
            presenter_id: Some(user),
            decider_id: None,
            report_due_on: p.report_due,
            appeal_text: "",
            sent_on: None,
            years: &p.years,
        },
    )?;
    w.set_state(user, facts.id, to)?;
    Ok(Done::Proposed(p.outcome))
}

/// May `user` decide (or change) a decision presented by `presenter` on this case? Four eyes
/// and jäv, read from the database.
fn check_decider(user: &User, presenter: Option<i64>, d: &CaseDetail) -> Result<()> {
    let jav = d.jav_users.contains(&user.id);
    decision::check_decider(user.id, &user.roles, presenter, jav)?;
    Ok(())
}

/// What a grant charges its call: the first year of a multi-year grant, else the amount.
fn charged(amount: Option<Money>, years: &[multiyear::YearAmount]) -> Option<Money> {
    amount.map(|a| years.first().map_or(a, |y| y.amount))
}

/// Refuses an act that takes the call over its budget unless the user confirmed it; says
/// whether it does (and so whether the confirmation is recorded).
fn within_budget(d: &CaseDetail, charge: Option<Money>, confirmed: bool) -> Result<bool> {
    match charge.and_then(|a| d.budget.exceeded_by(a)) {
        Some(over) if !confirmed => Err(Refused::OverBudget(over).into()),
        Some(_) => Ok(true),
        None => Ok(false),
    }
}

/// A beslut on the case's latest proposal by the acting user as beslutsfattare.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decide(
    read: &Store,
    w: &mut Writer<'_>,
    ctx: &Ctx<'_>,
    case_id: i64,
    proposal_id: i64,
    decided_on: NaiveDate,
    appeal_text: &str,
    over_budget_confirmed: bool,
    round: Option<i64>,
) -> Result<Done> {
    let user = actor(read, ctx)?;
    let d = read.case_detail(case_id)?;
    let to = workflow::apply(d.state, Transition::Decide, &d.facts().workflow())?;
    let p = d.proposal().ok_or(Refused::NoProposal)?;
    ensure(p.id == proposal_id, Refused::NotLatestProposal)?;
    check_decider(&user, p.presenter_id, &d)?;
    user.delegation.covers(p.outcome, p.amount)?;
    not_future(decided_on, ctx)?;
    let appeal_text = required(appeal_text)?;
    let grant = is_grant(p.outcome);
    if grant {
        // A multi-year split must still hold on the decision date (a proposal from last year).
        multiyear::check_years(
            &p.years,
            p.amount.unwrap_or_default(),
            decided_on,
            p.period.map(|x| x.0),
        )?;
    }
    let charge = charged(p.amount.filter(|_| grant), &p.years);
    let over = within_budget(&d, charge, over_budget_confirmed)?;
    let outcome = p.outcome;
    w.decide(
        user.id,
        case_id,
        proposal_id,
        decided_on,
        appeal_text,
        over,
        round,
    )?;
    w.set_state(user.id, case_id, to)?;
    Ok(Done::Decided(outcome))
}

/// A new decision changing the case's expedited one: a changed amount or report date with the
/// reason. The expedited decision never changes; four eyes and jäv apply again.
pub(crate) fn correct(
    read: &Store,
    w: &mut Writer<'_>,
    ctx: &Ctx<'_>,
    case_id: i64,
    write: &CaseWrite,
) -> Result<Done> {
    let CaseWrite::Correct {
        supersedes,
        amount,
        report_due,
        motivation,
        appeal_text,
        over_budget,
        years,
    } = write
    else {
        return Ok(Done::Corrected);
    };
    let user = actor(read, ctx)?;
    let d = read.case_detail(case_id)?;
    let old = d.decision().ok_or(Refused::NotDecided(d.state))?.clone();
    ensure(old.id == *supersedes, Refused::NotLatestProposal)?;
    ensure(old.sent_on.is_some(), Refused::NotSentYet)?;
    check_decider(&user, old.presenter_id, &d)?;
    user.delegation.covers(old.outcome, amount.or(old.amount))?;
    let motivation = required(motivation)?;
    let appeal_text = required(appeal_text)?;
    let grant = is_grant(old.outcome);
    let (amount, report_due) = if grant {
        let a = amount.ok_or(Refused::Decision(decision::DecisionError::AmountRequired))?;
        decision::validate_changed_amount(old.outcome, d.requested, a)?;
        let due = report_due.ok_or(Refused::Decision(
            decision::DecisionError::ReportDueRequired,
        ))?;
        multiyear::check_years(years, a, ctx.today, old.period.map(|p| p.0))?;
        (Some(a), Some(due))
    } else {
        ensure(
            amount.is_none_or(|a| a.ore() == 0),
            Refused::Decision(decision::DecisionError::AmountWithoutGrant),
        )?;
        (None, None)
    };
    // A raise counts against the call's budget as a decision does; the old amount is in it.
    let raise = amount
        .map(|a| a.ore().saturating_sub(old.amount.map_or(0, Money::ore)))
        .filter(|r| *r > 0)
        .map(Money);
    let over = within_budget(&d, raise, *over_budget)?;
    let id = w.correct_decision(
        user.id,
        case_id,
        old.id,
        amount,
        report_due,
        motivation,
        appeal_text,
        ctx.today,
        if grant { years } else { &[] },
    )?;
    if over {
        w.annotate_decision(user.id, id, None, true)?;
    }
    Ok(Done::Corrected)
}

/// Every proposal awaiting a decision, for a beslutstillfälle's preview.
pub fn load_round(store: &Store, ctx: &Ctx<'_>) -> Result<Msg> {
    let source = CaseSource::Queue(crate::domain::Queue::ReadyForDecision);
    let total = usize::try_from(store.count_cases(source, ctx.user_id, ctx.today)?).unwrap_or(0);
    let rows = store.case_window(source, ctx.user_id, ctx.today, 0, total)?;
    let details = rows
        .iter()
        .map(|r| store.case_detail(r.id))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(Msg::RoundLoaded(details))
}

/// A beslutstillfälle held today by the acting user: every previewed proposal decided in one
/// transaction, each by the same rules as one decision; refused whole if any case changed since
/// the preview or any rule says no. The grants of a call the decider confirmed going over
/// budget for record the confirmation.
pub fn round(
    store: &mut Store,
    ctx: &Ctx<'_>,
    items: &[RoundItem],
    appeal_text: &str,
    over_budget_calls: &[i64],
    watch: &dyn Watch,
) -> Result<usize> {
    store.transact(ctx.now, |read, w| {
        let user = actor(read, ctx)?;
        let round = w.open_round(user.id, ctx.today)?;
        for (i, item) in items.iter().enumerate() {
            if !watch.step(i, items.len()) {
                return Err(ServiceError::Cancelled);
            }
            w.check_version(item.case_id, item.version)?;
            decide(
                read,
                w,
                ctx,
                item.case_id,
                item.proposal_id,
                ctx.today,
                appeal_text,
                over_budget_calls.contains(&item.call_id),
                Some(round),
            )?;
        }
        Ok(items.len())
    })
}
