//! Acts on one case: registering it, answering its checklist, changing its state, kompletteringar,
//! notes, documents, assignment and reform areas. Each reads the case inside its transaction and
//! checks the rule there; the decision acts are in `decision`.

use super::{Ctx, Result, actor, actor_for, ensure, has_role, not_future, required};
use crate::app::{CaseDraft, CaseWrite, Done};
use crate::domain::admin::Act;
use crate::domain::refused::Refused;
use crate::domain::workflow::{self, Transition};
use crate::domain::{CaseFacts, CaseState, ChecklistTemplate, Direction, Role, records};
use crate::i18n::{self, Lang};
use crate::storage::{NewCase, NewDocument, Store, Writer};

/// A change to a case read at `version`, in one transaction.
pub fn write(
    store: &mut Store,
    ctx: &Ctx<'_>,
    case_id: i64,
    version: i64,
    write: &CaseWrite,
) -> Result<Done> {
    store.transact(ctx.now, |read, w| {
        w.check_version(case_id, version)?;
        apply(read, w, ctx, case_id, write)
    })
}

/// One case's change inside a transaction the caller holds (one case, or a batch).
pub(crate) fn apply(
    read: &Store,
    w: &mut Writer<'_>,
    ctx: &Ctx<'_>,
    case_id: i64,
    write: &CaseWrite,
) -> Result<Done> {
    let facts = read.case_facts(case_id)?;
    let user = ctx.user_id;
    let act = match write {
        CaseWrite::SupplementReply { .. } | CaseWrite::Note { .. } | CaseWrite::Document { .. } => {
            Some(Act::Record)
        }
        // Deciding is checked with four eyes and jäv, where the role is part of the rule.
        CaseWrite::Decide { .. } | CaseWrite::Correct { .. } => None,
        _ => Some(Act::Handle),
    };
    match act {
        Some(act) => actor_for(read, ctx, act)?,
        None => actor(read, ctx)?,
    };
    match write {
        CaseWrite::Answer {
            item_key,
            answer,
            comment,
        } => {
            ensure(
                matches!(
                    facts.state,
                    CaseState::Received | CaseState::InProgress | CaseState::SupplementRequested
                ),
                Refused::AnswerLocked(facts.state),
            )?;
            let template = checklist_of(read, w, ctx, &facts)?;
            let no = template
                .items
                .iter()
                .position(|i| &i.key == item_key)
                .ok_or_else(|| Refused::UnknownItem(item_key.clone()))?;
            if answer.needs_comment() {
                required(comment)?;
            }
            start_if_received(w, user, &facts)?;
            w.answer_item(user, case_id, item_key, *answer, comment.trim())?;
            Ok(Done::Answer {
                item_no: no + 1,
                answer: *answer,
            })
        }
        CaseWrite::Transition { transition, reason } => {
            transition_case(w, user, &facts, *transition, reason.as_deref())
        }
        CaseWrite::RequestSupplement { text, due } => {
            let text = required(text)?;
            ensure(*due > ctx.today, Refused::NotAfterToday(ctx.today))?;
            let to = plan(&facts, Transition::RequestSupplement, w, user)?;
            let description = format!("{}: {text}", records::SUPPLEMENT_REQUEST);
            w.register_document(
                user,
                &NewDocument {
                    case_id,
                    direction: Direction::Outgoing,
                    date: ctx.today,
                    counterpart: &facts.organisation,
                    description: &description,
                    file_path: None,
                },
            )?;
            w.set_supplement_due(user, case_id, Some(*due))?;
            w.set_state(user, case_id, to)?;
            Ok(Done::Supplement(*due))
        }
        CaseWrite::SupplementReply { date, description } => {
            not_future(*date, ctx)?;
            let description = required(description)?;
            let to = plan(&facts, Transition::SupplementReceived, w, user)?;
            w.register_document(
                user,
                &NewDocument {
                    case_id,
                    direction: Direction::Incoming,
                    date: *date,
                    counterpart: &facts.organisation,
                    description,
                    file_path: None,
                },
            )?;
            w.set_supplement_due(user, case_id, None)?;
            w.set_state(user, case_id, to)?;
            Ok(Done::SupplementReply)
        }
        CaseWrite::Note { body } => {
            w.add_note(user, case_id, required(body)?)?;
            Ok(Done::Note)
        }
        CaseWrite::Document {
            direction,
            date,
            counterpart,
            description,
            file_path,
        } => {
            not_future(*date, ctx)?;
            let counterpart = required(counterpart)?;
            let description = required(description)?;
            let file_path = file_path
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty());
            if let Some(path) = file_path {
                ensure(
                    std::path::Path::new(path).is_file(),
                    Refused::FileMissing(path.to_string()),
                )?;
            }
            let sub = w.register_document(
                user,
                &NewDocument {
                    case_id,
                    direction: *direction,
                    date: *date,
                    counterpart,
                    description,
                    file_path,
                },
            )?;
            Ok(Done::Document(sub))
        }
        CaseWrite::Assign { user_id } => {
            let to = read.user(*user_id)?.ok_or(Refused::UnknownUser(*user_id))?;
            ensure(
                has_role(&to, Role::Caseworker),
                Refused::NotCaseworker(to.name.clone()),
            )?;
            ensure(
                !facts.jav_users.contains(user_id),
                Refused::Jav(to.name.clone()),
            )?;
            if facts.assignee_id != Some(*user_id) {
                w.set_assignee(user, case_id, Some(*user_id))?;
            }
            Ok(Done::Assigned(to.name))
        }
        CaseWrite::ReformAreas(areas) => {
            w.set_reform_areas(user, case_id, areas)?;
            Ok(Done::ReformAreas)
        }
        CaseWrite::Propose { proposal } => super::decision::propose(read, w, ctx, &facts, proposal),
        CaseWrite::Decide {
            proposal_id,
            decided_on,
            appeal_text,
            over_budget,
        } => super::decision::decide(
            read,
            w,
            ctx,
            case_id,
            *proposal_id,
            *decided_on,
            appeal_text,
            *over_budget,
            None,
        ),
        CaseWrite::Correct { .. } => super::decision::correct(read, w, ctx, case_id, write),
    }
}

/// The checklist the case is assessed against: its recorded version, or for a case that has none
/// yet the current version of its step, which is then recorded. A recorded version that is no
/// longer kept refuses: nothing is answered against another version.
fn checklist_of(
    read: &Store,
    w: &mut Writer<'_>,
    ctx: &Ctx<'_>,
    facts: &CaseFacts,
) -> Result<ChecklistTemplate> {
    if let Some(id) = &facts.checklist_id {
        return read
            .checklist_version(id)?
            .ok_or_else(|| Refused::UnknownChecklist(id.clone()).into());
    }
    let current = ctx
        .checklists
        .iter()
        .find(|c| c.template.step() == Some(facts.step))
        .ok_or(Refused::NoChecklistFor(facts.step))?;
    w.set_checklist(ctx.user_id, facts.id, &current.template, &current.body)?;
    Ok(current.template.clone())
}

/// An inkommen case is taken into handling by the first act of handling.
fn start_if_received(w: &mut Writer<'_>, user: i64, facts: &CaseFacts) -> Result<()> {
    if facts.state == CaseState::Received {
        let to = workflow::apply(facts.state, Transition::StartHandling, &facts.workflow())?;
        w.set_state(user, facts.id, to)?;
    }
    Ok(())
}

/// Plans `t` by the state machine (an inkommen case is first taken into handling, which is
/// written at once) and gives the state it leads to.
pub(crate) fn plan(
    facts: &CaseFacts,
    t: Transition,
    w: &mut Writer<'_>,
    user: i64,
) -> Result<CaseState> {
    let (start, to) = workflow::plan(facts.state, t, &facts.workflow())?;
    if start {
        w.set_state(user, facts.id, CaseState::InProgress)?;
    }
    Ok(to)
}

/// The transitions that are acts of their own, with a form for what they need.
fn own_act(t: Transition) -> bool {
    matches!(
        t,
        Transition::RequestSupplement
            | Transition::SupplementReceived
            | Transition::Propose
            | Transition::Decide
            | Transition::Dispatch
    )
}

/// A bare state change: by the state machine, with the reason it needs kept as a
/// tjänsteanteckning (in Swedish, as the record is).
fn transition_case(
    w: &mut Writer<'_>,
    user: i64,
    facts: &CaseFacts,
    t: Transition,
    reason: Option<&str>,
) -> Result<Done> {
    ensure(!own_act(t), Refused::OwnAct(t))?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    // Checked before the reason, so a transition the rules refuse says why, not "give a reason".
    workflow::plan(facts.state, t, &facts.workflow())?;
    ensure(
        !t.needs_reason() || reason.is_some(),
        Refused::ReasonRequired,
    )?;
    let to = plan(facts, t, w, user)?;
    if let Some(reason) = reason {
        let label = i18n::transition(t).text(Lang::Sv);
        w.add_note(user, facts.id, &format!("{label}: {reason}"))?;
    }
    // A case that ends leaves no komplettering deadline behind.
    if to.is_final() {
        w.clear_supplement_due(user, facts.id)?;
    }
    w.set_state(user, facts.id, to)?;
    Ok(Done::Transition(to))
}

/// Registers a new case with its incoming document; an organisation not yet eligible for the
/// call's step needs the reason for the exception, which is recorded. Returns the case's id.
pub fn register(store: &mut Store, ctx: &Ctx<'_>, d: &CaseDraft) -> Result<i64> {
    store.transact(ctx.now, |read, w| {
        let user = actor_for(read, ctx, Act::Register)?.id;
        let call = read.call(d.call_id)?;
        let organisation = read.organisation(d.organisation_id)?;
        not_future(d.received_on, ctx)?;
        let title = required(&d.title)?;
        ensure(
            d.requested.ore() >= 0,
            Refused::Decision(crate::domain::decision::DecisionError::AmountNotPositive),
        )?;
        let standing = read.standing(organisation.id)?;
        let exception = match crate::domain::decision::eligible(call.step, standing) {
            Ok(()) => None,
            Err(lack) => Some(
                d.exception_reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .ok_or(Refused::NotEligible(lack))?,
            ),
        };
        // Received after the call closed: registered only with the reason on record.
        let late = match call.closes_on.filter(|closes| d.received_on > *closes) {
            Some(_) => Some(
                d.late_reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .ok_or_else(|| Refused::CallClosed(call.name.clone()))?,
            ),
            None => None,
        };
        let reg = w.insert_case(
            user,
            &NewCase {
                call_id: call.id,
                organisation_id: organisation.id,
                parent_case_id: None,
                step: call.step,
                title,
                received_on: d.received_on,
                requested: d.requested,
                checklist_id: None,
            },
        )?;
        if let Some(current) = ctx
            .checklists
            .iter()
            .find(|c| c.template.step() == Some(call.step))
        {
            w.set_checklist(user, reg.id, &current.template, &current.body)?;
        }
        if let Some(reason) = late {
            w.event(
                Some(user),
                Some(reg.id),
                crate::domain::EventKind::ClosedCallOverridden,
                None,
                Some(reason),
            )?;
            w.add_note(
                user,
                reg.id,
                &format!("{}: {reason}", records::CLOSED_CALL_OVERRIDE),
            )?;
        }
        if let Some(reason) = exception {
            // Registered although the organisation is not yet eligible: the reason is on record.
            w.event(
                Some(user),
                Some(reg.id),
                crate::domain::EventKind::EligibilityOverridden,
                None,
                Some(reason),
            )?;
            w.add_note(
                user,
                reg.id,
                &format!("{}: {reason}", records::ELIGIBILITY_OVERRIDE),
            )?;
        }
        w.register_document(
            user,
            &NewDocument {
                case_id: reg.id,
                direction: Direction::Incoming,
                date: d.received_on,
                counterpart: &organisation.name,
                description: records::incoming_document(call.step),
                file_path: None,
            },
        )?;
        Ok(reg.id)
    })
}
