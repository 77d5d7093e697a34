//! Who acts. On a real database the acting user is the operating-system account the process runs
//! as (read from its uid, never from the environment), and it must be registered by an
//! administratör: four eyes and jäv are only as good as who is acting. `--user` (or
//! `BIDRAG_USER`, or `user` in the config) chooses among the users of a demo database only.

use super::{Failure, fail};
use crate::domain::User;
use crate::domain::admin::{Delegation, UserDraft};
use crate::i18n::{Lang, T, tr};
use crate::storage::Store;
use std::path::Path;

/// The account the process runs as, and the login asked for on the command line, in the
/// environment or in the config (which counts on a demo database only).
#[derive(Debug, Clone)]
pub struct Identity {
    pub account: Option<String>,
    pub asked: Option<String>,
}

/// The operating-system account of the process: its effective uid's name (`getpwuid`), not
/// `USER` or `LOGNAME`, which anyone can set.
pub fn account() -> Option<String> {
    whoami::username()
        .ok()
        .map(|s| s.to_string())
        .filter(|s| !s.trim().is_empty())
}

impl Identity {
    /// The login that acts on a database that is (`demo`) or is not a demo.
    pub fn login(&self, demo: bool, lang: Lang) -> Result<String, Failure> {
        match (&self.asked, &self.account) {
            (Some(asked), _) if demo => Ok(asked.clone()),
            // Naming oneself is no choice of identity.
            (Some(asked), Some(account)) if asked == account => Ok(account.clone()),
            (Some(asked), _) => Err(fail(tr(lang, T::ErrUserOnlyDemo, &[asked]), 2)),
            (None, Some(account)) => Ok(account.clone()),
            (None, None) => Err(fail(T::ErrNoLogin.text(lang).into(), 2)),
        }
    }
}

/// Is this a demo database (made by `--demo` or `demo`)?
pub fn is_demo(store: &Store) -> bool {
    store.setting("demo").ok().flatten().is_some()
}

/// The acting user of an open database. On a demo database a login not yet known is registered
/// as a handläggare (the demo's own users are there already); elsewhere an account that is not
/// registered, or is deactivated, is refused, and nothing is written.
pub fn acting_user(
    store: &mut Store,
    identity: &Identity,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(User, Option<String>), Failure> {
    let demo = is_demo(store);
    let login = identity.login(demo, lang)?;
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    if demo {
        let (user, created) = crate::service::admin::ensure_user(store, now, &login)
            .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
        let note = created.then(|| tr(lang, T::NewUser, &[&user.login]));
        return Ok((user, note));
    }
    match store.user_by_login(&login).map_err(db_err)? {
        Some(user) if user.active => Ok((user, None)),
        Some(_) => Err(fail(tr(lang, T::ErrUserDeactivated, &[&login]), 1)),
        None => Err(fail(tr(lang, T::ErrNotRegistered, &[&login]), 1)),
    }
}

/// Reads an existing database's acting user without writing anything (a read-only database).
pub fn known_user(store: &Store, identity: &Identity, lang: Lang) -> Result<User, Failure> {
    let demo = is_demo(store);
    let login = identity.login(demo, lang)?;
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    match store.user_by_login(&login).map_err(db_err)? {
        Some(user) if user.active => Ok(user),
        Some(_) => Err(fail(tr(lang, T::ErrUserDeactivated, &[&login]), 1)),
        // A demo's unknown login looks; it cannot be registered in a read-only file.
        None if demo => Ok(User {
            id: 0,
            login: login.clone(),
            name: login,
            roles: vec![crate::domain::Role::Caseworker],
            active: true,
            ..User::default()
        }),
        None => Err(fail(tr(lang, T::ErrNotRegistered, &[&login]), 1)),
    }
}

/// The database's first administratör: on a database with no active administratör, the account
/// that runs `bidrag init` becomes one when the database is new or the account owns its file (a
/// database upgraded from before users had roles). Returns the user when one was made.
pub fn bootstrap_admin(
    store: &mut Store,
    identity: &Identity,
    db: &Path,
    new: bool,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<User>, Failure> {
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    if is_demo(store) || store.administrators().map_err(db_err)? > 0 {
        return Ok(None);
    }
    let Some(account) = identity.account.clone() else {
        return Err(fail(T::ErrNoLogin.text(lang).into(), 2));
    };
    if !new && !owns(db) {
        return Ok(None);
    }
    let existing = store.user_by_login(&account).map_err(db_err)?;
    let draft = match &existing {
        Some(u) => {
            let mut roles = u.roles.clone();
            roles.push(crate::domain::Role::Administrator);
            UserDraft {
                roles,
                ..crate::storage::draft_of(u)
            }
        }
        None => UserDraft {
            login: account.clone(),
            name: account.clone(),
            title: String::new(),
            roles: vec![crate::domain::Role::Administrator],
            delegation: Delegation::default(),
        },
    };
    let user =
        crate::service::admin::first_administrator(store, now, existing.map(|u| u.id), &draft)
            .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
    Ok(Some(user))
}

/// Does the process's account own the file? (Its uid, as the kernel reports it for the
/// process's own /proc entry, against the file's owner.)
#[cfg(unix)]
fn owns(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(path), std::fs::metadata("/proc/self")) {
        (Ok(file), Ok(me)) => file.uid() == me.uid(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn owns(_: &Path) -> bool {
    true
}
