//! Batches: what a change would do to each marked case (read for all of them at once, nothing
//! written), and writing exactly the previewed changes in one transaction, each by the same
//! rules as one case's change, refused whole if any case changed since the preview.

use super::{Ctx, Result, ServiceError, Watch, ensure, has_role};
use crate::app::{BATCH_TRANSITIONS, BatchChange, BatchLine, CaseWrite, Skip};
use crate::domain::refused::Refused;
use crate::domain::workflow;
use crate::domain::{CaseFacts, Role};
use crate::storage::Store;

/// Decides, for one case, what the batch will write. Shared by the preview and its test.
pub fn plan_line(facts: CaseFacts, change: &BatchChange) -> BatchLine {
    let outcome = match change {
        BatchChange::Assign { user_id } => {
            if facts.jav_users.contains(user_id) {
                Err(Skip::Jav)
            } else if facts.assignee_id == Some(*user_id) {
                Err(Skip::AlreadyAssigned)
            } else {
                Ok((CaseWrite::Assign { user_id: *user_id }, None))
            }
        }
        BatchChange::Transition { transition, reason } => {
            // The same rules as in the case view, inkommen included.
            workflow::plan(facts.state, *transition, &facts.workflow())
                .map(|(_, to)| {
                    (
                        CaseWrite::Transition {
                            transition: *transition,
                            reason: reason.clone(),
                        },
                        Some(to),
                    )
                })
                .map_err(Skip::Refused)
        }
    };
    BatchLine { facts, outcome }
}

/// Reads the facts of every case in one go and plans each line; nothing is written.
pub fn preview(
    store: &Store,
    ctx: &Ctx<'_>,
    ids: &[i64],
    change: &BatchChange,
) -> Result<Vec<BatchLine>> {
    check_change(store, ctx, change)?;
    let facts = store.cases_facts(ids)?;
    Ok(facts.into_iter().map(|f| plan_line(f, change)).collect())
}

/// A batch may only assign to a handläggare and make the transitions that need no form.
fn check_change(store: &Store, ctx: &Ctx<'_>, change: &BatchChange) -> Result<()> {
    super::actor_for(store, ctx, crate::domain::admin::Act::Handle)?;
    match change {
        BatchChange::Assign { user_id } => {
            let to = store
                .user(*user_id)?
                .ok_or(Refused::UnknownUser(*user_id))?;
            ensure(
                has_role(&to, Role::Caseworker),
                Refused::NotCaseworker(to.name),
            )
        }
        BatchChange::Transition { transition, reason } => {
            ensure(
                BATCH_TRANSITIONS.contains(transition),
                Refused::OwnAct(*transition),
            )?;
            ensure(
                !transition.needs_reason()
                    || reason.as_deref().is_some_and(|r| !r.trim().is_empty()),
                Refused::ReasonRequired,
            )
        }
    }
}

/// Writes a previewed batch in one transaction: each case at the version the preview read, by
/// the same rules as one case's change. Returns how many cases changed. Cancelled through
/// `watch`, nothing is written.
pub fn apply(
    store: &mut Store,
    ctx: &Ctx<'_>,
    items: &[(i64, i64, CaseWrite)],
    watch: &dyn Watch,
) -> Result<usize> {
    store.transact(ctx.now, |read, w| {
        for (i, (case_id, version, write)) in items.iter().enumerate() {
            if !watch.step(i, items.len()) {
                return Err(ServiceError::Cancelled);
            }
            w.check_version(*case_id, *version)?;
            super::case::apply(read, w, ctx, *case_id, write)?;
        }
        Ok(items.len())
    })
}
