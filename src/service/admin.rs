//! Acts that are not about one case: jäv declarations, saved queues, the acting user, and
//! contact persons' personal data.

use super::{Ctx, Result, actor, required};
use crate::domain::User;
use crate::domain::refused::Refused;
use crate::domain::search::SavedQueue;
use crate::storage::Store;

/// Declares jäv for the organisation, or withdraws the user's declaration; both need a reason.
/// Returns the organisation's name.
pub fn jav(
    store: &mut Store,
    ctx: &Ctx<'_>,
    organisation_id: i64,
    declare: bool,
    reason: &str,
) -> Result<String> {
    store.transact(ctx.now, |read, w| {
        let user = actor(read, ctx)?.id;
        let reason = required(reason)?;
        let organisation = read.organisation(organisation_id)?;
        if declare {
            w.declare_jav(user, organisation_id, reason)?;
        } else {
            w.withdraw_jav(user, organisation_id, reason)?;
        }
        Ok(organisation.name)
    })
}

/// Saves the user's named filter as a queue (replacing one of the same name).
pub fn save_queue(store: &mut Store, ctx: &Ctx<'_>, q: &SavedQueue) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let user = actor(read, ctx)?.id;
        required(&q.name)?;
        w.save_queue(user, q)?;
        Ok(())
    })
}

/// Deletes one of the user's saved queues.
pub fn delete_queue(store: &mut Store, ctx: &Ctx<'_>, id: i64) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let user = actor(read, ctx)?.id;
        w.delete_queue(user, id)?;
        Ok(())
    })
}

/// The user with this login, registered as a handläggare on first use; and whether they were new.
pub fn ensure_user(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    login: &str,
) -> Result<(User, bool)> {
    Ok(store.write(now, |w| w.ensure_user(login))?)
}

/// Pseudonymises or removes a contact person's data, logging the act but not the data; refused
/// for a contact named in a registered document (the archive keeps it).
pub fn erase_contact(
    store: &mut Store,
    ctx: &Ctx<'_>,
    contact_id: i64,
    remove: bool,
) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let user = actor(read, ctx)?.id;
        let named = read.documents_naming(contact_id)?;
        if !named.is_empty() {
            return Err(Refused::ContactArchived(named).into());
        }
        if remove {
            w.remove_contact(user, contact_id)?;
        } else {
            w.pseudonymise_contact(user, contact_id)?;
        }
        Ok(())
    })
}
