//! Side effects as data: what `update` asks for, and the one place that runs it against storage.

use super::Msg;
use crate::domain::decision::Proposal;
use crate::domain::records;
use crate::domain::search::{Anchor, CaseQuery, ListSize, Search};
use crate::domain::{
    Answer, CaseSource, CaseState, ChecklistTemplate, DecisionKind, Direction, Money, Outcome, Step,
};
use crate::storage::{NewCase, NewDocument, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};

/// How many case rows one window holds. Lists never hold more than this.
pub const CASE_PAGE: usize = 200;

/// A change to one case. Each runs as one transaction, after checking that nobody else changed
/// the case since it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseWrite {
    Answer {
        item_key: String,
        item_no: usize,
        answer: Answer,
        comment: String,
        /// Set when the case starts being handled with this answer (it was inkommen).
        start: bool,
        /// Set when the case had no checklist yet: the version it is assessed against.
        checklist: Option<(ChecklistTemplate, String)>,
    },
    Transition {
        start: bool,
        to: CaseState,
        /// A tjänsteanteckning recording the reason, where the transition needs one.
        note: Option<String>,
    },
    RequestSupplement {
        start: bool,
        text: String,
        due: NaiveDate,
        today: NaiveDate,
        counterpart: String,
    },
    SupplementReply {
        date: NaiveDate,
        description: String,
        counterpart: String,
    },
    Note {
        body: String,
    },
    Document {
        direction: Direction,
        date: NaiveDate,
        counterpart: String,
        description: String,
        file_path: Option<String>,
    },
    Assign {
        user_id: i64,
        name: String,
    },
    /// A förslag till beslut by the acting user as föredragande.
    Propose {
        start: bool,
        proposal: Proposal,
        today: NaiveDate,
    },
    /// A new decision replacing an expedited one: a changed amount or report date, with the reason.
    Correct {
        supersedes: i64,
        amount: Option<Money>,
        report_due: Option<NaiveDate>,
        motivation: String,
        appeal_text: String,
        today: NaiveDate,
        /// The raise takes the call over its budget and the decider confirmed it.
        over_budget: bool,
        /// The new amount per calendar year; empty: all in one year.
        years: Vec<crate::domain::multiyear::YearAmount>,
    },
    ReformAreas(Vec<crate::domain::ReformArea>),
    /// A beslut on the proposal by the acting user as beslutsfattare.
    Decide {
        proposal_id: i64,
        decided_on: NaiveDate,
        appeal_text: String,
        over_budget: bool,
    },
}

/// A new case as the registration form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDraft {
    /// Set when the organisation is not yet eligible for the step: the recorded reason.
    pub exception_reason: Option<String>,
    pub organisation_id: i64,
    pub organisation: String,
    pub call_id: i64,
    pub step: Step,
    pub received_on: NaiveDate,
    pub title: String,
    pub requested: Money,
    pub checklist: Option<(ChecklistTemplate, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Calls, organisations, users and queue counts.
    LoadHome,
    /// A window of the case list.
    LoadCases {
        query: CaseQuery,
        /// The position of the window's first row (for `Before`: of the row after the window).
        offset: usize,
        anchor: Anchor,
        /// The list's size when it is already known (moving within an unchanged list).
        known: Option<ListSize>,
    },
    /// Reads the cases of a batch and decides what it would do to each; nothing is written.
    PreviewBatch {
        ids: Vec<i64>,
        change: super::batch::BatchChange,
    },
    /// Writes a previewed batch in one transaction: (case, version read, change).
    ApplyBatch {
        items: Vec<(i64, i64, CaseWrite)>,
    },
    SaveQueue(crate::domain::search::SavedQueue),
    DeleteQueue(i64),
    /// Everything about one organisation, for its overview.
    LoadOrganisation(i64),
    /// One case for the case view.
    LoadCase(i64),
    /// A change to a case read at `version`.
    Write {
        case_id: i64,
        version: i64,
        write: CaseWrite,
    },
    RegisterCase(CaseDraft),
    /// May the organisation apply in the call's step?
    CheckEligibility {
        org_id: i64,
        call_id: i64,
        label: String,
    },
    /// Writes the decision letter into `dir`, registers it and expedites the decision.
    Dispatch {
        case_id: i64,
        version: i64,
        decision_id: i64,
        dir: std::path::PathBuf,
        today: NaiveDate,
    },
    Jav {
        case_id: i64,
        organisation_id: i64,
        declare: bool,
        reason: String,
    },
    /// Every proposal awaiting a decision, for a beslutstillfälle's preview.
    LoadRound,
    /// Reads and checks a file to import; nothing is written.
    PlanImport {
        path: String,
        organisations: bool,
        call: Option<String>,
        today: NaiveDate,
    },
    /// Writes a checked import plan in one transaction.
    ApplyImport {
        plan: Box<crate::io::import::Plan>,
        source: String,
        login: String,
        checklists: Vec<crate::checklists::Checklist>,
    },
    /// The granted report and counts per state and step.
    LoadStats,
    /// Where an organisation stands in the chain of steps.
    LoadStanding(i64),
    /// A follow-up change (issue 6); `dir` is where an återkrav letter is written.
    Followup {
        case_id: i64,
        version: i64,
        write: super::followup::FollowupWrite,
        dir: std::path::PathBuf,
    },
    DecideRound {
        items: Vec<super::modal::RoundItem>,
        held_on: NaiveDate,
        appeal_text: String,
        /// The calls the round takes over budget, confirmed: their grants record it.
        over_budget_calls: Vec<i64>,
    },
}

/// What a write did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Answer {
        item_no: usize,
        answer: Answer,
    },
    Transition(CaseState),
    Note,
    Document(u32),
    Supplement(NaiveDate),
    SupplementReply,
    Assigned(String),
    Registered {
        case_id: i64,
    },
    Proposed(Outcome),
    Decided(Outcome),
    Dispatched(String),
    Jav {
        declared: bool,
        organisation: String,
    },
    Round(usize),
    Corrected,
    ReformAreas,
    Followup(super::followup::FollowupDone),
}

fn run_write(
    store: &mut Store,
    now: DateTime<Utc>,
    user_id: i64,
    case_id: i64,
    version: i64,
    write: &CaseWrite,
) -> Result<Done, StoreError> {
    store.write(now, |w| {
        w.check_version(case_id, version)?;
        apply_write(w, user_id, case_id, write)
    })
}

/// One case's change inside a transaction the caller holds (one case, or a batch).
fn apply_write(
    w: &mut crate::storage::Writer<'_>,
    user_id: i64,
    case_id: i64,
    write: &CaseWrite,
) -> Result<Done, StoreError> {
    {
        let start = |w: &mut crate::storage::Writer<'_>, start: bool| {
            if start {
                w.set_state(user_id, case_id, CaseState::InProgress)
            } else {
                Ok(())
            }
        };
        Ok(match write {
            CaseWrite::Answer {
                item_key,
                item_no,
                answer,
                comment,
                start: s,
                checklist,
            } => {
                if let Some((template, body)) = checklist {
                    w.set_checklist(user_id, case_id, template, body)?;
                }
                start(w, *s)?;
                w.answer_item(user_id, case_id, item_key, *answer, comment)?;
                Done::Answer {
                    item_no: *item_no,
                    answer: *answer,
                }
            }
            CaseWrite::Transition { start: s, to, note } => {
                start(w, *s)?;
                if let Some(note) = note {
                    w.add_note(user_id, case_id, note)?;
                }
                // A case that ends leaves no komplettering deadline behind.
                if to.is_final() {
                    w.clear_supplement_due(user_id, case_id)?;
                }
                w.set_state(user_id, case_id, *to)?;
                Done::Transition(*to)
            }
            CaseWrite::RequestSupplement {
                start: s,
                text,
                due,
                today,
                counterpart,
            } => {
                start(w, *s)?;
                let description = format!("{}: {text}", records::SUPPLEMENT_REQUEST);
                w.register_document(
                    user_id,
                    &NewDocument {
                        case_id,
                        direction: Direction::Outgoing,
                        date: *today,
                        counterpart,
                        description: &description,
                        file_path: None,
                    },
                )?;
                w.set_supplement_due(user_id, case_id, Some(*due))?;
                w.set_state(user_id, case_id, CaseState::SupplementRequested)?;
                Done::Supplement(*due)
            }
            CaseWrite::SupplementReply {
                date,
                description,
                counterpart,
            } => {
                w.register_document(
                    user_id,
                    &NewDocument {
                        case_id,
                        direction: Direction::Incoming,
                        date: *date,
                        counterpart,
                        description,
                        file_path: None,
                    },
                )?;
                w.set_supplement_due(user_id, case_id, None)?;
                w.set_state(user_id, case_id, CaseState::InProgress)?;
                Done::SupplementReply
            }
            CaseWrite::Note { body } => {
                w.add_note(user_id, case_id, body)?;
                Done::Note
            }
            CaseWrite::Document {
                direction,
                date,
                counterpart,
                description,
                file_path,
            } => {
                let sub = w.register_document(
                    user_id,
                    &NewDocument {
                        case_id,
                        direction: *direction,
                        date: *date,
                        counterpart,
                        description,
                        file_path: file_path.as_deref(),
                    },
                )?;
                Done::Document(sub)
            }
            CaseWrite::Assign { user_id: to, name } => {
                w.set_assignee(user_id, case_id, Some(*to))?;
                Done::Assigned(name.clone())
            }
            CaseWrite::Propose {
                start: s,
                proposal: p,
                today,
            } => {
                start(w, *s)?;
                w.insert_decision(
                    user_id,
                    &crate::storage::NewDecision {
                        case_id,
                        kind: DecisionKind::Proposal,
                        decided_on: *today,
                        outcome: p.outcome,
                        amount: p.amount,
                        period: p.period,
                        motivation: &p.motivation,
                        rules: &p.rules,
                        presenter_id: Some(user_id),
                        decider_id: None,
                        report_due_on: p.report_due,
                        appeal_text: "",
                        sent_on: None,
                        years: &p.years,
                    },
                )?;
                w.set_state(user_id, case_id, CaseState::ProposedDecision)?;
                Done::Proposed(p.outcome)
            }
            CaseWrite::ReformAreas(areas) => {
                w.set_reform_areas(user_id, case_id, areas)?;
                Done::ReformAreas
            }
            CaseWrite::Correct {
                supersedes,
                amount,
                report_due,
                motivation,
                appeal_text,
                today,
                over_budget,
                years,
            } => {
                let id = w.correct_decision(
                    user_id,
                    case_id,
                    *supersedes,
                    *amount,
                    *report_due,
                    motivation,
                    appeal_text,
                    *today,
                    years,
                )?;
                if *over_budget {
                    w.annotate_decision(user_id, id, None, true)?;
                }
                Done::Corrected
            }
            CaseWrite::Decide {
                proposal_id,
                decided_on,
                appeal_text,
                over_budget,
            } => {
                w.decide(
                    user_id,
                    case_id,
                    *proposal_id,
                    *decided_on,
                    appeal_text,
                    *over_budget,
                    None,
                )?;
                let outcome = w.decision_outcome(*proposal_id)?;
                Done::Decided(outcome)
            }
        })
    }
}

fn register(
    store: &mut Store,
    now: DateTime<Utc>,
    user_id: i64,
    d: &CaseDraft,
) -> Result<Done, StoreError> {
    store.write(now, |w| {
        let reg = w.insert_case(
            user_id,
            &NewCase {
                call_id: d.call_id,
                organisation_id: d.organisation_id,
                parent_case_id: None,
                step: d.step,
                title: &d.title,
                received_on: d.received_on,
                requested: d.requested,
                checklist_id: None,
            },
        )?;
        if let Some((template, body)) = &d.checklist {
            w.set_checklist(user_id, reg.id, template, body)?;
        }
        if let Some(reason) = &d.exception_reason {
            // Registered although the organisation is not yet eligible: the reason is on record.
            w.event(
                Some(user_id),
                Some(reg.id),
                crate::domain::EventKind::EligibilityOverridden,
                None,
                Some(reason),
            )?;
            w.add_note(
                user_id,
                reg.id,
                &format!("{}: {reason}", records::ELIGIBILITY_OVERRIDE),
            )?;
        }
        w.register_document(
            user_id,
            &NewDocument {
                case_id: reg.id,
                direction: Direction::Incoming,
                date: d.received_on,
                counterpart: &d.organisation,
                description: records::incoming_document(d.step),
                file_path: None,
            },
        )?;
        Ok(Done::Registered { case_id: reg.id })
    })
}

/// Runs one effect; every result, failure included, comes back as a message.
pub fn run_effect(
    store: &mut Store,
    effect: &Effect,
    user_id: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Msg {
    let result = match effect {
        Effect::LoadHome => (|| {
            Ok(Msg::HomeLoaded(super::HomeData {
                calls: store.calls()?,
                orgs: store.organisations()?,
                queues: store.queue_counts(user_id, today)?,
                saved: store
                    .saved_queues(user_id)?
                    .into_iter()
                    .map(|q| {
                        let query = CaseQuery {
                            source: if q.everywhere {
                                CaseSource::All
                            } else {
                                q.source
                            },
                            search: Search::parse(&q.text).unwrap_or_default(),
                            body: q.everywhere,
                            sort: q.sort,
                        };
                        Ok((store.list_size(&query, user_id, today)?, q))
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?,
                users: store.users()?,
            }))
        })(),
        Effect::PreviewBatch { ids, change } => (|| {
            let mut lines = Vec::with_capacity(ids.len());
            for id in ids {
                let detail = store.case_detail(*id)?;
                lines.push(super::batch::plan_line(detail, change));
            }
            Ok(Msg::BatchPreviewed(lines))
        })(),
        Effect::ApplyBatch { items } => store
            .write(now, |w| {
                for (case_id, version, write) in items {
                    w.check_version(*case_id, *version)?;
                    apply_write(w, user_id, *case_id, write)?;
                }
                Ok(items.len())
            })
            .map(Msg::BatchDone),
        Effect::SaveQueue(q) => store
            .write(now, |w| w.save_queue(user_id, q))
            .map(|_| Msg::QueueSaved(q.name.clone())),
        Effect::DeleteQueue(id) => store
            .write(now, |w| w.delete_queue(user_id, *id))
            .map(|()| Msg::QueueDeleted),
        Effect::LoadOrganisation(id) => store
            .organisation_overview(*id, today)
            .map(|o| Msg::OrganisationLoaded(Box::new(o))),
        Effect::LoadCases {
            query,
            offset,
            anchor,
            known,
        } => (|| {
            let mut size = match known {
                Some(size) => *size,
                None => store.list_size(query, user_id, today)?,
            };
            let rows = store.query_window_at(
                query,
                user_id,
                today,
                size.capped,
                anchor,
                *offset,
                CASE_PAGE,
            )?;
            // A known size is trusted while the window is full; at the list's end it is counted
            // again, so a list that shrank meanwhile cannot send the selection past its end.
            if known.is_some() && (rows.len() < CASE_PAGE || matches!(anchor, Anchor::End)) {
                size = store.list_size(query, user_id, today)?;
            }
            let total = size.total;
            let offset = match anchor {
                Anchor::Before(_) => offset.saturating_sub(rows.len()),
                Anchor::End => total.saturating_sub(rows.len()),
                Anchor::At | Anchor::After(_) | Anchor::From(_) => *offset,
            };
            Ok(Msg::CasesLoaded {
                query: query.clone(),
                size,
                offset,
                rows,
            })
        })(),
        Effect::LoadCase(id) => store.case_detail(*id).map(|d| Msg::CaseLoaded(Box::new(d))),
        Effect::Write {
            case_id,
            version,
            write,
        } => {
            if let CaseWrite::Document {
                file_path: Some(path),
                ..
            } = write
                && !std::path::Path::new(path).is_file()
            {
                return Msg::FileMissing(path.clone());
            }
            run_write(store, now, user_id, *case_id, *version, write).map(|done| Msg::Written {
                case_id: *case_id,
                done,
            })
        }
        Effect::CheckEligibility {
            org_id,
            call_id,
            label,
        } => (|| {
            let standing = store.standing(*org_id)?;
            let step = store
                .calls()?
                .into_iter()
                .find(|c| c.id == *call_id)
                .map_or(Step::Interest, |c| c.step);
            Ok(Msg::Eligibility {
                org_id: *org_id,
                call_id: *call_id,
                label: label.clone(),
                lacking: crate::domain::decision::eligible(step, standing).err(),
            })
        })(),
        Effect::Dispatch {
            case_id,
            version,
            decision_id,
            dir,
            today,
        } => super::letters::dispatch(
            store,
            now,
            user_id,
            *case_id,
            *version,
            *decision_id,
            dir,
            *today,
        ),
        Effect::Jav {
            case_id,
            organisation_id,
            declare,
            reason,
        } => store
            .write(now, |w| {
                if *declare {
                    w.declare_jav(user_id, *organisation_id, reason)
                } else {
                    w.withdraw_jav(user_id, *organisation_id, reason)
                }
            })
            .and_then(|()| store.organisation(*organisation_id))
            .map(|o| Msg::Written {
                case_id: *case_id,
                done: Done::Jav {
                    declared: *declare,
                    organisation: o.name,
                },
            }),
        Effect::PlanImport {
            path,
            organisations,
            call,
            today,
        } => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    return Msg::ImportUnreadable {
                        path: path.clone(),
                        io: Some(e.to_string()),
                        table: None,
                    };
                }
            };
            let table = match crate::io::table::read_table(&bytes) {
                Ok(t) => t,
                Err(e) => {
                    return Msg::ImportUnreadable {
                        path: path.clone(),
                        io: None,
                        table: Some(e),
                    };
                }
            };
            let plan = if *organisations {
                crate::io::import::plan_organisations(&table, store)
            } else {
                crate::io::import::plan_applications(&table, store, call.as_deref(), *today)
            };
            plan.map(|plan| Msg::ImportPlanned {
                plan: Box::new(plan),
                source: path.clone(),
                encoding: table.encoding,
                delimiter: table.delimiter,
            })
        }
        Effect::ApplyImport {
            plan,
            source,
            login,
            checklists,
        } => crate::io::import::apply(plan, store, login, source, checklists, now, &mut |_| {})
            .map(|i| Msg::Imported(i.cases, i.organisations, plan.existing + i.skipped)),
        Effect::LoadStats => (|| {
            let (by_state, by_step) = store.counts_by()?;
            Ok(Msg::Stats(Box::new(super::StatsData {
                granted: store.granted(None)?,
                by_state,
                by_step,
                calls: store.calls()?,
                unassigned: store.unassigned_commitments()?,
            })))
        })(),
        Effect::LoadStanding(org) => store.standing(*org).map(|s| Msg::StandingLoaded(*org, s)),
        Effect::LoadRound => (|| {
            let source = CaseSource::Queue(crate::domain::Queue::ReadyForDecision);
            let total = usize::try_from(store.count_cases(source, user_id, today)?).unwrap_or(0);
            let rows = store.case_window(source, user_id, today, 0, total)?;
            let details = rows
                .iter()
                .map(|r| store.case_detail(r.id))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Msg::RoundLoaded(details))
        })(),
        Effect::DecideRound {
            items,
            held_on,
            appeal_text,
            over_budget_calls,
        } => store
            .write(now, |w| {
                let round = w.open_round(user_id, *held_on)?;
                for item in items {
                    w.check_version(item.case_id, item.version)?;
                    w.decide(
                        user_id,
                        item.case_id,
                        item.proposal_id,
                        *held_on,
                        appeal_text,
                        over_budget_calls.contains(&item.call_id) && item.amount.is_some(),
                        Some(round),
                    )?;
                }
                Ok(items.len())
            })
            .map(Msg::RoundDone),
        Effect::Followup {
            case_id,
            version,
            write,
            dir,
        } => super::followup::run(store, now, user_id, *case_id, *version, write, dir),
        Effect::RegisterCase(draft) => {
            register(store, now, user_id, draft).map(|done| match done {
                Done::Registered { case_id } => Msg::Written { case_id, done },
                other => Msg::Written {
                    case_id: 0,
                    done: other,
                },
            })
        }
    };
    result.unwrap_or_else(|e| match e {
        StoreError::Conflict { by, at } => Msg::Conflict { by, at },
        StoreError::Sqlite(e) if is_busy(&e) => Msg::Busy,
        other => Msg::Failed(other.to_string()),
    })
}

/// Another process holds the database (SQLITE_BUSY or SQLITE_LOCKED after the timeout).
fn is_busy(e: &crate::storage::SqliteError) -> bool {
    crate::storage::is_busy(e)
}
