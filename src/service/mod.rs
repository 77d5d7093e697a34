//! The service layer: every act a user can take, carried out where the write happens.
//!
//! Each act opens one transaction, reads the facts it needs inside it, applies the domain's rule
//! (the state machine, four eyes, jäv, eligibility, the budget, the dates) and writes. Nothing
//! else writes: the app asks for acts as [`Effect`]s, the command line calls the same functions,
//! and a refusal comes back as [`Refused`] with nothing written. The app's own checks are only
//! for quick feedback at the form; these are the ones that count.

pub mod admin;
pub mod batch;
pub mod case;
pub mod decision;
pub mod dispatch;
pub mod followup;
pub mod import;
pub mod read;
pub mod worker;

use crate::app::{App, Effect, Msg};
use crate::checklists::Checklist;
use crate::domain::refused::Refused;
use crate::domain::{Role, User};
use crate::storage::{Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use std::path::Path;

/// Who acts, and when: what every act is stamped with. The acting user is named by id and read
/// from the database inside each act (roles included), never taken from the screen.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub user_id: i64,
    /// The local date: decisions are dated, and deadlines counted, from it.
    pub today: NaiveDate,
    /// The moment stamped on what is written (UTC).
    pub now: DateTime<Utc>,
    /// The checklist version per step that new assessments use.
    pub checklists: &'a [Checklist],
    /// Where letters are written.
    pub letters_dir: &'a Path,
}

/// Why an act did not happen. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A rule said no.
    #[error("refused: {0:?}")]
    Refused(Refused),
    /// The database said no (a conflict with another user's change, busy, not found, …).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The letter could not be made or written; nothing was registered.
    #[error("{0}")]
    Letter(String),
    /// The user cancelled long work before it was written; nothing was.
    #[error("cancelled")]
    Cancelled,
}

/// Tells long work how far it has come, and whether to go on (Esc cancels it).
pub trait Watch {
    /// `done` of `total` steps are taken; false: stop, and write nothing.
    fn step(&self, done: usize, total: usize) -> bool;
}

impl<F: Fn(usize, usize) -> bool> Watch for F {
    fn step(&self, done: usize, total: usize) -> bool {
        self(done, total)
    }
}

/// Work run where it is asked for, to the end: the terminal's other acts and the tests.
pub struct Unwatched;

impl Watch for Unwatched {
    fn step(&self, _: usize, _: usize) -> bool {
        true
    }
}

impl From<Refused> for ServiceError {
    fn from(r: Refused) -> Self {
        ServiceError::Refused(r)
    }
}

/// Every rule's own error is a refusal.
macro_rules! refusals {
    ($($t:ty),*) => {$(
        impl From<$t> for ServiceError {
            fn from(e: $t) -> Self {
                ServiceError::Refused(Refused::from(e))
            }
        }
    )*};
}

refusals!(
    crate::domain::workflow::Refusal,
    crate::domain::decision::DecisionError,
    crate::domain::multiyear::YearsError,
    crate::domain::followup::RecoveryError,
    crate::domain::followup::PlanError,
    crate::domain::followup::PaymentError,
    crate::domain::admin::DelegationError
);

pub type Result<T> = std::result::Result<T, ServiceError>;

/// Fails with `r` unless `ok`.
pub(crate) fn ensure(ok: bool, r: Refused) -> Result<()> {
    if ok { Ok(()) } else { Err(r.into()) }
}

/// The acting user as the database knows them now: registered and active.
pub(crate) fn actor(read: &Store, ctx: &Ctx<'_>) -> Result<User> {
    let user = read
        .user(ctx.user_id)?
        .ok_or(ServiceError::Refused(Refused::UnknownUser(ctx.user_id)))?;
    ensure(user.active, Refused::Deactivated)?;
    Ok(user)
}

/// The acting user, holding one of `roles`.
pub(crate) fn actor_with(read: &Store, ctx: &Ctx<'_>, roles: &'static [Role]) -> Result<User> {
    let user = actor(read, ctx)?;
    match roles.iter().find(|r| user.has(**r)) {
        Some(_) => Ok(user),
        None => Err(Refused::MissingRole(roles).into()),
    }
}

/// The acting user, holding a role that may take `act`.
pub(crate) fn actor_for(
    read: &Store,
    ctx: &Ctx<'_>,
    act: crate::domain::admin::Act,
) -> Result<User> {
    actor_with(read, ctx, act.roles())
}

/// A text that must say something.
pub(crate) fn required(text: &str) -> Result<&str> {
    let t = text.trim();
    ensure(!t.is_empty(), Refused::TextRequired)?;
    Ok(t)
}

/// A date that must not lie after today.
pub(crate) fn not_future(date: NaiveDate, ctx: &Ctx<'_>) -> Result<()> {
    ensure(date <= ctx.today, Refused::FutureDate(ctx.today))
}

/// Refuses a change based on a stale read (`version`) before anything is written outside the
/// database (a letter), naming who changed the case and when.
pub(crate) fn fresh(store: &mut Store, ctx: &Ctx<'_>, case_id: i64, version: i64) -> Result<()> {
    Ok(store.transact(ctx.now, |_, w| w.check_version(case_id, version))?)
}

/// A letter that could not be written, in the words the user sees.
pub(crate) fn letter_error(e: crate::io::letters::LetterWriteError) -> ServiceError {
    use crate::io::letters::LetterWriteError as L;
    match e {
        L::OnRecord(p, e) | L::Io(p, e) => ServiceError::Letter(format!("{p}: {e}")),
    }
}

/// Does the user hold the role?
pub(crate) fn has_role(user: &User, role: Role) -> bool {
    user.roles.contains(&role)
}

/// Runs one effect; every result, failure included, comes back as a message.
pub fn run(store: &mut Store, ctx: &Ctx<'_>, effect: &Effect) -> Msg {
    let result = match effect {
        Effect::LoadHome => read::home(store, ctx),
        Effect::LoadCases {
            query,
            offset,
            anchor,
            known,
        } => read::cases(store, ctx, query, *offset, anchor, *known),
        Effect::LoadCase(id) => store
            .case_detail(*id)
            .map(|d| Msg::CaseLoaded(Box::new(d)))
            .map_err(ServiceError::from),
        Effect::LoadOrganisation(id) => store
            .organisation_overview(*id, ctx.today)
            .map(|o| Msg::OrganisationLoaded(Box::new(o)))
            .map_err(ServiceError::from),
        Effect::LoadStats => read::stats(store),
        Effect::LoadAdmin => admin::load(store),
        Effect::Admin(write) => admin::write(store, ctx, write).map(Msg::AdminWritten),
        Effect::LoadStanding(org) => store
            .standing(*org)
            .map(|s| Msg::StandingLoaded(*org, s))
            .map_err(ServiceError::from),
        Effect::CheckEligibility {
            org_id,
            call_id,
            label,
        } => read::eligibility(store, *org_id, *call_id, label),
        Effect::LoadRound => decision::load_round(store, ctx),
        Effect::PreviewBatch { ids, change } => {
            batch::preview(store, ctx, ids, change).map(Msg::BatchPreviewed)
        }
        Effect::ApplyBatch { items } => {
            batch::apply(store, ctx, items, &Unwatched).map(Msg::BatchDone)
        }
        Effect::SaveQueue(q) => {
            admin::save_queue(store, ctx, q).map(|()| Msg::QueueSaved(q.name.clone()))
        }
        Effect::DeleteQueue(id) => admin::delete_queue(store, ctx, *id).map(|()| Msg::QueueDeleted),
        Effect::Write {
            case_id,
            version,
            write,
        } => case::write(store, ctx, *case_id, *version, write).map(|done| Msg::Written {
            case_id: *case_id,
            done,
        }),
        Effect::RegisterCase(draft) => {
            case::register(store, ctx, draft).map(|case_id| Msg::Written {
                case_id,
                done: crate::app::Done::Registered { case_id },
            })
        }
        Effect::Dispatch {
            case_id,
            version,
            decision_id,
        } => dispatch::dispatch(store, ctx, *case_id, *version, *decision_id).map(|path| {
            Msg::Written {
                case_id: *case_id,
                done: crate::app::Done::Dispatched(path),
            }
        }),
        Effect::Jav {
            case_id,
            organisation_id,
            declare,
            reason,
        } => admin::jav(store, ctx, *organisation_id, *declare, reason).map(|organisation| {
            Msg::Written {
                case_id: *case_id,
                done: crate::app::Done::Jav {
                    declared: *declare,
                    organisation,
                },
            }
        }),
        Effect::DecideRound {
            items,
            appeal_text,
            over_budget_calls,
        } => decision::round(
            store,
            ctx,
            items,
            appeal_text,
            over_budget_calls,
            &Unwatched,
        )
        .map(Msg::RoundDone),
        Effect::Followup {
            case_id,
            version,
            write,
        } => followup::write(store, ctx, *case_id, *version, write).map(|done| Msg::Written {
            case_id: *case_id,
            done: crate::app::Done::Followup(done),
        }),
        Effect::PlanImport {
            path,
            organisations,
            call,
        } => Ok(import::plan_file(
            store,
            ctx,
            path,
            *organisations,
            call.as_deref(),
        )),
        Effect::ApplyImport { plan, source } => import::apply(store, ctx, plan, source, &Unwatched)
            .map(|i| Msg::Imported(i.cases, i.organisations, plan.existing + i.skipped)),
        // Only long work on a worker can be cancelled; here it has already run to its end.
        Effect::CancelWork => return Msg::Cancelled,
    };
    result.unwrap_or_else(message_of)
}

/// What the app is told when an act did not happen.
pub fn message_of(e: ServiceError) -> Msg {
    match e {
        ServiceError::Refused(Refused::FileMissing(path)) => Msg::FileMissing(path),
        ServiceError::Refused(r) => Msg::Refused(r),
        ServiceError::Store(StoreError::Conflict { by, at }) => Msg::Conflict { by, at },
        // The database's own guard (migration 9) said what the service checks first.
        ServiceError::Store(StoreError::Rule(rule)) => {
            use crate::domain::decision::DecisionError;
            use crate::storage::DbRule;
            Msg::Refused(Refused::Decision(match rule {
                DbRule::FourEyes => DecisionError::SamePerson,
                DbRule::Jav => DecisionError::Jav,
            }))
        }
        ServiceError::Store(StoreError::Sqlite(e)) if crate::storage::is_busy(&e) => Msg::Busy,
        ServiceError::Letter(text) => Msg::LetterFailed(text),
        ServiceError::Cancelled => Msg::Cancelled,
        ServiceError::Store(other) => Msg::Failed(other.to_string()),
    }
}

/// Runs effects and feeds their results back until nothing is left to do: the loop the terminal
/// uses, and the one tests drive without a terminal. `now` stamps what is written.
pub fn drive(
    app: &mut App,
    store: &mut Store,
    effects: Vec<Effect>,
    now: &dyn Fn() -> DateTime<Utc>,
) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let ctx = Ctx {
            user_id: app.user.id,
            today: app.today,
            now: now(),
            checklists: &app.checklists,
            letters_dir: &app.letters_dir,
        };
        let msg = run(store, &ctx, &effect);
        queue.extend(app.update(msg));
    }
}
