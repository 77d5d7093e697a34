//! Acts that are not about one case: jäv declarations, saved queues, contact persons' personal
//! data, and the administratör's: calls, users and roles, the agency's settings. Every
//! administratör act needs the role, checks its rule inside the transaction and is an event.

use super::{Ctx, Result, actor, actor_with, ensure, required};
use crate::app::effect::{AdminDone, AdminWrite};
use crate::app::{AdminCall, AdminData, Msg};
use crate::domain::admin::{
    self, CallDraft, Setting, UserDraft, validate_call, validate_setting, validate_user,
};
use crate::domain::refused::Refused;
use crate::domain::search::SavedQueue;
use crate::domain::{OrgKind, Role, User};
use crate::storage::{Store, StoreError};

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

/// The user with this login on a demo database, registered as a handläggare on first use. A
/// real database registers users only through an administratör.
pub fn ensure_user(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    login: &str,
) -> Result<(User, bool)> {
    Ok(store.write(now, |w| w.ensure_user(login))?)
}

/// Makes the database's first administratör (a new database's `bidrag init`): `existing` is the
/// user's id when the account is registered already. Refused when an active administratör
/// exists.
pub fn first_administrator(
    store: &mut Store,
    now: chrono::DateTime<chrono::Utc>,
    existing: Option<i64>,
    draft: &UserDraft,
) -> Result<User> {
    store.transact(now, |read, w| {
        ensure(
            read.administrators()? == 0,
            Refused::MissingRole(&[Role::Administrator]),
        )?;
        let id = match existing {
            Some(id) => {
                w.change_user(id, id, draft)?;
                id
            }
            None => w.add_user(None, draft)?,
        };
        Ok(read.user(id)?.ok_or(StoreError::NotFound("user"))?)
    })
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

/// The administratör acting.
fn administrator(read: &Store, ctx: &Ctx<'_>) -> Result<User> {
    actor_with(read, ctx, &[Role::Administrator])
}

/// The first rule a user breaks, if any.
fn check_user(u: &UserDraft) -> Result<()> {
    match validate_user(u).into_iter().next() {
        Some(e) => Err(Refused::User(e).into()),
        None => Ok(()),
    }
}

/// Registers a user (login = their account name) with a display name, a title for letters,
/// roles and a beslutsfattare's delegation. Returns the new user's id.
pub fn add_user(store: &mut Store, ctx: &Ctx<'_>, u: &UserDraft) -> Result<i64> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        check_user(u)?;
        ensure(
            read.user_by_login(&u.login)?.is_none(),
            Refused::DuplicateLogin(u.login.clone()),
        )?;
        Ok(w.add_user(Some(admin.id), &trimmed(u))?)
    })
}

fn trimmed(u: &UserDraft) -> UserDraft {
    UserDraft {
        login: u.login.trim().to_string(),
        name: u.name.trim().to_string(),
        title: u.title.trim().to_string(),
        ..u.clone()
    }
}

/// Changes a user's name, title, roles and delegation; the last active administratör keeps
/// the role.
pub fn change_user(store: &mut Store, ctx: &Ctx<'_>, id: i64, u: &UserDraft) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        let before = read.user(id)?.ok_or(StoreError::NotFound("user"))?;
        let u = UserDraft {
            login: before.login.clone(),
            ..trimmed(u)
        };
        check_user(&u)?;
        let losing_admin = before.active
            && before.has(Role::Administrator)
            && !u.roles.contains(&Role::Administrator);
        ensure(
            !losing_admin || read.administrators()? > 1,
            Refused::LastAdministrator,
        )?;
        w.change_user(admin.id, id, &u)?;
        Ok(())
    })
}

/// Deactivates a user (or activates them again): a deactivated user cannot act; their history
/// stays. The last active administratör is never deactivated.
pub fn set_user_active(store: &mut Store, ctx: &Ctx<'_>, id: i64, active: bool) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        let user = read.user(id)?.ok_or(StoreError::NotFound("user"))?;
        if !active && user.active && user.has(Role::Administrator) {
            ensure(read.administrators()? > 1, Refused::LastAdministrator)?;
        }
        if user.active != active {
            w.set_user_active(admin.id, id, active)?;
        }
        Ok(())
    })
}

/// Changes a setting letters use.
pub fn change_setting(store: &mut Store, ctx: &Ctx<'_>, s: Setting, value: &str) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        let value = validate_setting(s, value).map_err(|e| Refused::Setting(s, e))?;
        w.change_setting(admin.id, s, &value)?;
        Ok(())
    })
}

/// Reads a call's list of kommuner as typed (names or kommunkoder, separated by commas or new
/// lines) into organisation ids; the first name that is no kommun is refused.
pub fn kommuner_of(store: &Store, text: &str) -> Result<Vec<i64>> {
    let kommuner: Vec<_> = store
        .organisations()?
        .into_iter()
        .filter(|o| o.kind == OrgKind::Kommun)
        .collect();
    let mut ids = Vec::new();
    for name in text
        .split([',', '\n', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let key = crate::io::import::name_key(name);
        let found = kommuner.iter().find(|k| {
            crate::io::import::name_key(&k.name) == key || k.code.as_deref() == Some(name)
        });
        match found {
            Some(k) if !ids.contains(&k.id) => ids.push(k.id),
            Some(_) => {}
            None => return Err(Refused::UnknownKommun(name.to_string()).into()),
        }
    }
    Ok(ids)
}

/// The first rule a call breaks, if any.
fn check_call(c: &CallDraft) -> Result<()> {
    match validate_call(c).into_iter().next() {
        Some(e) => Err(Refused::Call(e).into()),
        None => Ok(()),
    }
}

/// Creates a call. Returns its id.
pub fn add_call(store: &mut Store, ctx: &Ctx<'_>, c: &CallDraft) -> Result<i64> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        check_call(c)?;
        ensure(
            !read.calls()?.iter().any(|k| k.name == c.name.trim()),
            Refused::Call(admin::CallError::NameTaken),
        )?;
        Ok(w.add_call(admin.id, &call_trimmed(c))?)
    })
}

fn call_trimmed(c: &CallDraft) -> CallDraft {
    let mut c = c.clone();
    c.name = c.name.trim().to_string();
    c.regulation_version = c.regulation_version.trim().to_string();
    c.appeal_paragraph = c.appeal_paragraph.trim().to_string();
    c.sittings.sort();
    c
}

/// Changes a call; a call with decisions keeps its step and förordning.
pub fn change_call(store: &mut Store, ctx: &Ctx<'_>, id: i64, c: &CallDraft) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        check_call(c)?;
        let before = read.call_setup(id)?;
        let moved = c.step != before.draft.step || c.regulation != before.draft.regulation;
        ensure(
            !(before.decided && moved),
            Refused::Call(admin::CallError::Decided),
        )?;
        ensure(
            !read
                .calls()?
                .iter()
                .any(|k| k.id != id && k.name == c.name.trim()),
            Refused::Call(admin::CallError::NameTaken),
        )?;
        w.change_call(admin.id, id, &before.draft, &call_trimmed(c))?;
        Ok(())
    })
}

/// Closes a call today: no later registration without a recorded reason.
pub fn close_call(store: &mut Store, ctx: &Ctx<'_>, id: i64) -> Result<()> {
    store.transact(ctx.now, |read, w| {
        let admin = administrator(read, ctx)?;
        let call = read.call(id)?;
        if call.opens_on > ctx.today || call.closes_on.is_some_and(|c| c < ctx.today) {
            return Err(Refused::CallNotOpen {
                name: call.name,
                opens_on: call.opens_on,
                closes_on: call.closes_on,
            }
            .into());
        }
        w.close_call(admin.id, id, &call.name, ctx.today)?;
        Ok(())
    })
}

/// The administration view's data: users, calls with their set-up, settings, and the set-up's
/// history (the newest 500 changes).
pub fn load(store: &Store) -> Result<Msg> {
    let calls = store
        .calls()?
        .into_iter()
        .map(|call| {
            let setup = store.call_setup(call.id)?;
            Ok(AdminCall { call, setup })
        })
        .collect::<Result<Vec<_>>>()?;
    let settings = Setting::ALL
        .into_iter()
        .map(|s| Ok((s, store.setting_value(s)?)))
        .collect::<Result<Vec<_>>>()?;
    let kommuner = store
        .organisations()?
        .into_iter()
        .filter(|o| o.kind == OrgKind::Kommun)
        .map(|o| (o.id, o.name))
        .collect();
    Ok(Msg::AdminLoaded(Box::new(AdminData {
        users: store.users()?,
        calls,
        settings,
        history: store.admin_events(500)?,
        kommuner,
    })))
}

/// Carries out an administratör's change from the screen.
pub fn write(store: &mut Store, ctx: &Ctx<'_>, w: &AdminWrite) -> Result<AdminDone> {
    Ok(match w {
        AdminWrite::AddUser(draft) => {
            add_user(store, ctx, draft)?;
            AdminDone::UserAdded(draft.login.trim().to_string())
        }
        AdminWrite::ChangeUser { id, draft } => {
            change_user(store, ctx, *id, draft)?;
            AdminDone::UserChanged(draft.login.clone())
        }
        AdminWrite::SetActive { id, login, active } => {
            set_user_active(store, ctx, *id, *active)?;
            AdminDone::UserActive(login.clone(), *active)
        }
        AdminWrite::AddCall { draft, kommuner } => {
            let draft = CallDraft {
                kommuner: kommuner_of(store, kommuner)?,
                ..draft.clone()
            };
            add_call(store, ctx, &draft)?;
            AdminDone::CallAdded(draft.name.trim().to_string())
        }
        AdminWrite::ChangeCall {
            id,
            draft,
            kommuner,
        } => {
            let draft = CallDraft {
                kommuner: kommuner_of(store, kommuner)?,
                ..draft.clone()
            };
            change_call(store, ctx, *id, &draft)?;
            AdminDone::CallChanged(draft.name.trim().to_string())
        }
        AdminWrite::CloseCall { id, name } => {
            close_call(store, ctx, *id)?;
            AdminDone::CallClosed(name.clone())
        }
        AdminWrite::Setting(s, value) => {
            change_setting(store, ctx, *s, value)?;
            AdminDone::Setting(*s)
        }
    })
}
