//! The agency's own data: users with roles, title and delegation; calls with their förordning,
//! texts, beslutstillfällen and eligible kommuner; the settings letters use. Every change is an
//! event that names who made it and what it was before and after.

use super::{Result, Store, StoreError, Writer, date_from_sql, date_to_sql};
use crate::domain::admin::{CallDraft, Delegation, Regulation, Setting, Sitting, UserDraft};
use crate::domain::{EventKind, Money, Role, Step, User};
use rusqlite::{Connection, OptionalExtension, Row, params};

fn bad(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.to_string(),
    }
}

const USER_COLUMNS: &str =
    "id, login, name, roles, title, active, delegation_outcomes, delegation_max_ore";

type RawUser = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
);

fn raw_user(r: &Row<'_>) -> rusqlite::Result<RawUser> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

pub(super) fn roles_of(s: &str) -> Result<Vec<Role>> {
    s.split(',')
        .filter(|r| !r.is_empty())
        .map(|r| Role::from_code(r).ok_or_else(|| bad("users.roles", r)))
        .collect()
}

pub(super) fn roles_to_sql(roles: &[Role]) -> String {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

fn user_of(raw: RawUser) -> Result<User> {
    let (id, login, name, roles, title, active, outcomes, max) = raw;
    Ok(User {
        id,
        login,
        name,
        roles: roles_of(&roles)?,
        title,
        active: active != 0,
        delegation: Delegation {
            outcomes: Delegation::outcomes_from_code(&outcomes)
                .ok_or_else(|| bad("users.delegation_outcomes", &outcomes))?,
            max: max.map(Money),
        },
    })
}

pub(super) fn user_by_login(conn: &Connection, login: &str) -> Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE login = ?1");
    conn.prepare_cached(&sql)?
        .query_row([login], raw_user)
        .optional()?
        .map(user_of)
        .transpose()
}

/// The JSON an event keeps of a user: everything an administratör sets.
fn user_json(u: &UserDraft, active: bool) -> String {
    serde_json::json!({
        "login": u.login, "name": u.name, "title": u.title, "roles": roles_to_sql(&u.roles),
        "delegation_outcomes": u.delegation.outcomes_code(),
        "delegation_max_ore": u.delegation.max.map(Money::ore), "active": active,
    })
    .to_string()
}

/// A user as an administratör's form holds them.
pub fn draft_of(u: &User) -> UserDraft {
    UserDraft {
        login: u.login.clone(),
        name: u.name.clone(),
        title: u.title.clone(),
        roles: u.roles.clone(),
        delegation: u.delegation.clone(),
    }
}

pub use crate::domain::admin::CallSetup;

impl Store {
    /// The agency's set-up as the log has it, newest first: users, calls and settings.
    pub fn admin_events(&self, limit: usize) -> Result<Vec<crate::domain::Event>> {
        let kinds = [
            EventKind::UserCreated,
            EventKind::UserChanged,
            EventKind::UserDeactivated,
            EventKind::UserActivated,
            EventKind::SettingChanged,
            EventKind::CallCreated,
            EventKind::CallChanged,
            EventKind::CallClosed,
        ];
        let list = kinds
            .iter()
            .map(|k| format!("'{}'", k.code()))
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT e.at, COALESCE(u.name, ''), e.kind, e.before, e.after
             FROM events e LEFT JOIN users u ON u.id = e.user_id
             WHERE e.case_id IS NULL AND e.kind IN ({list})
             ORDER BY e.id DESC LIMIT ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        type Raw = (String, String, String, Option<String>, Option<String>);
        let raw: Vec<Raw> = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(at, user, kind, before, after)| {
                Ok(crate::domain::Event {
                    at: super::time_from_sql("events.at", &at)?,
                    user,
                    kind: EventKind::read(&kind),
                    before,
                    after,
                })
            })
            .collect()
    }

    /// The user with this id, roles included.
    pub fn user(&self, id: i64) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], raw_user)
            .optional()?
            .map(user_of)
            .transpose()
    }

    pub fn user_by_login(&self, login: &str) -> Result<Option<User>> {
        user_by_login(&self.conn, login)
    }

    /// Every user, the deactivated ones too, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let raw: Vec<RawUser> = stmt
            .query_map([], raw_user)?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter().map(user_of).collect()
    }

    /// How many active administratörer there are.
    pub fn administrators(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM users WHERE active = 1
               AND (',' || roles || ',') LIKE '%,administrator,%'",
            [],
            |r| r.get(0),
        )?)
    }

    /// A setting's value, or its default.
    pub fn setting_value(&self, s: Setting) -> Result<String> {
        Ok(self
            .setting(s.key())?
            .unwrap_or_else(|| s.default_value().to_string()))
    }

    /// Everything an administratör sets on a call.
    pub fn call_setup(&self, id: i64) -> Result<CallSetup> {
        type Raw = (
            String,
            i64,
            String,
            String,
            String,
            Option<String>,
            i64,
            i64,
            Option<String>,
            (String, String, String),
        );
        let raw: Raw = self
            .conn
            .prepare_cached(
                "SELECT name, step, regulation, regulation_version, opens_on, closes_on,
                        budget_ore, commitment_ore, checklist_id, conditions_text, appeal_text,
                        appeal_paragraph
                 FROM calls WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    (r.get(9)?, r.get(10)?, r.get(11)?),
                ))
            })
            .optional()?
            .ok_or(StoreError::NotFound("call"))?;
        let (name, step, regulation, version, opens, closes, budget, commitment, checklist, texts) =
            raw;
        let opens_on = date_from_sql("calls.opens_on", &opens)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT held_on, cutoff_on FROM call_sittings WHERE call_id = ?1 ORDER BY held_on",
        )?;
        let sittings = stmt
            .query_map([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(h, c)| {
                Ok(Sitting {
                    held_on: date_from_sql("call_sittings.held_on", &h)?,
                    cutoff_on: date_from_sql("call_sittings.cutoff_on", &c)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        drop(stmt);
        let mut stmt = self.conn.prepare_cached(
            "SELECT organisation_id FROM call_kommuner WHERE call_id = ?1 ORDER BY organisation_id",
        )?;
        let kommuner = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        drop(stmt);
        let decided: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM decisions d JOIN cases c ON c.id = d.case_id
               WHERE c.call_id = ?1 AND d.kind = 'beslut')",
            [id],
            |r| r.get(0),
        )?;
        Ok(CallSetup {
            id,
            draft: CallDraft {
                name,
                step: Step::from_number(step).ok_or_else(|| bad("calls.step", step))?,
                regulation: Regulation::from_sfs(&regulation).unwrap_or(Regulation::Municipal),
                regulation_version: version,
                opens_on,
                closes_on: closes
                    .map(|c| date_from_sql("calls.closes_on", &c))
                    .transpose()?
                    .unwrap_or(opens_on),
                budget: Money(budget),
                commitment: Money(commitment),
                checklist_id: checklist,
                conditions_text: texts.0,
                appeal_text: texts.1,
                appeal_paragraph: texts.2,
                sittings,
                kommuner,
            },
            regulation_text: regulation,
            decided,
        })
    }
}

/// What an event keeps of a call: everything an administratör sets.
fn call_json(c: &CallDraft) -> String {
    serde_json::json!({
        "name": c.name, "step": c.step.number(), "regulation": c.regulation.sfs(),
        "regulation_version": c.regulation_version, "opens_on": date_to_sql(c.opens_on),
        "closes_on": date_to_sql(c.closes_on), "budget_ore": c.budget.ore(),
        "commitment_ore": c.commitment.ore(), "checklist_id": c.checklist_id,
        "conditions": c.conditions_text, "appeal_text": c.appeal_text,
        "appeal_paragraph": c.appeal_paragraph,
        "sittings": c.sittings.iter().map(|s| serde_json::json!({
            "held_on": date_to_sql(s.held_on), "cutoff_on": date_to_sql(s.cutoff_on)
        })).collect::<Vec<_>>(),
        "kommuner": c.kommuner,
    })
    .to_string()
}

impl Writer<'_> {
    /// Registers a user as an administratör (`by`) sets them up; `by` None: the database's
    /// first administratör registering themselves.
    pub fn add_user(&mut self, by: Option<i64>, u: &UserDraft) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO users (login, name, roles, title, delegation_outcomes,
                 delegation_max_ore)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                u.login,
                u.name,
                roles_to_sql(&u.roles),
                u.title,
                u.delegation.outcomes_code(),
                u.delegation.max.map(Money::ore)
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.event(
            Some(by.unwrap_or(id)),
            None,
            EventKind::UserCreated,
            None,
            Some(&user_json(u, true)),
        )?;
        Ok(id)
    }

    /// Changes a user's name, title, roles and delegation (the login stays).
    pub fn change_user(&mut self, by: i64, id: i64, u: &UserDraft) -> Result<()> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1");
        let before = self
            .tx
            .query_row(&sql, [id], raw_user)
            .optional()?
            .map(user_of)
            .transpose()?
            .ok_or(StoreError::NotFound("user"))?;
        self.tx.execute(
            "UPDATE users SET name = ?1, roles = ?2, title = ?3, delegation_outcomes = ?4,
                 delegation_max_ore = ?5
             WHERE id = ?6",
            params![
                u.name,
                roles_to_sql(&u.roles),
                u.title,
                u.delegation.outcomes_code(),
                u.delegation.max.map(Money::ore),
                id
            ],
        )?;
        let after = UserDraft {
            login: before.login.clone(),
            ..u.clone()
        };
        self.event(
            Some(by),
            None,
            EventKind::UserChanged,
            Some(&user_json(&draft_of(&before), before.active)),
            Some(&user_json(&after, before.active)),
        )
    }

    /// Deactivates (or activates again) a user: a deactivated user cannot act; their history
    /// stays.
    pub fn set_user_active(&mut self, by: i64, id: i64, active: bool) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE users SET active = ?1 WHERE id = ?2 AND active <> ?1",
            params![i64::from(active), id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("user"));
        }
        let login: String =
            self.tx
                .query_row("SELECT login FROM users WHERE id = ?1", [id], |r| r.get(0))?;
        let kind = if active {
            EventKind::UserActivated
        } else {
            EventKind::UserDeactivated
        };
        let after = serde_json::json!({"login": login}).to_string();
        self.event(Some(by), None, kind, None, Some(&after))
    }

    /// Changes a setting letters use; the event keeps before and after.
    pub fn change_setting(&mut self, by: i64, s: Setting, value: &str) -> Result<()> {
        let before: Option<String> = self
            .tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [s.key()],
                |r| r.get(0),
            )
            .optional()?;
        self.set_setting(s.key(), value)?;
        let before = serde_json::json!({"setting": s.key(), "value": before}).to_string();
        let after = serde_json::json!({"setting": s.key(), "value": value}).to_string();
        self.event(
            Some(by),
            None,
            EventKind::SettingChanged,
            Some(&before),
            Some(&after),
        )
    }

    fn call_parts(&mut self, id: i64, c: &CallDraft) -> Result<()> {
        self.tx
            .execute("DELETE FROM call_sittings WHERE call_id = ?1", [id])?;
        for s in &c.sittings {
            self.tx.execute(
                "INSERT INTO call_sittings (call_id, held_on, cutoff_on) VALUES (?1, ?2, ?3)",
                params![id, date_to_sql(s.held_on), date_to_sql(s.cutoff_on)],
            )?;
        }
        self.tx
            .execute("DELETE FROM call_kommuner WHERE call_id = ?1", [id])?;
        for k in &c.kommuner {
            self.tx.execute(
                "INSERT INTO call_kommuner (call_id, organisation_id) VALUES (?1, ?2)",
                params![id, k],
            )?;
        }
        Ok(())
    }

    /// Creates a call as an administratör sets it up.
    pub fn add_call(&mut self, by: i64, c: &CallDraft) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO calls (name, step, regulation, regulation_version, opens_on, closes_on,
                 budget_ore, commitment_ore, checklist_id, conditions_text, appeal_text,
                 appeal_paragraph)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                c.name,
                c.step.number(),
                c.regulation.sfs(),
                c.regulation_version,
                date_to_sql(c.opens_on),
                date_to_sql(c.closes_on),
                c.budget.ore(),
                c.commitment.ore(),
                c.checklist_id,
                c.conditions_text,
                c.appeal_text,
                c.appeal_paragraph
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.call_parts(id, c)?;
        let mut after: serde_json::Value = serde_json::from_str(&call_json(c)).unwrap_or_default();
        after["call_id"] = serde_json::json!(id);
        self.event(
            Some(by),
            None,
            EventKind::CallCreated,
            None,
            Some(&after.to_string()),
        )?;
        Ok(id)
    }

    /// Changes a call; `before` is the call as it was (the event keeps both).
    pub fn change_call(
        &mut self,
        by: i64,
        id: i64,
        before: &CallDraft,
        c: &CallDraft,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE calls SET name = ?1, step = ?2, regulation = ?3, regulation_version = ?4,
                 opens_on = ?5, closes_on = ?6, budget_ore = ?7, commitment_ore = ?8,
                 checklist_id = ?9, conditions_text = ?10, appeal_text = ?11,
                 appeal_paragraph = ?12
             WHERE id = ?13",
            params![
                c.name,
                c.step.number(),
                c.regulation.sfs(),
                c.regulation_version,
                date_to_sql(c.opens_on),
                date_to_sql(c.closes_on),
                c.budget.ore(),
                c.commitment.ore(),
                c.checklist_id,
                c.conditions_text,
                c.appeal_text,
                c.appeal_paragraph,
                id
            ],
        )?;
        self.call_parts(id, c)?;
        let with_id = |json: String| {
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            v["call_id"] = serde_json::json!(id);
            v.to_string()
        };
        self.event(
            Some(by),
            None,
            EventKind::CallChanged,
            Some(&with_id(call_json(before))),
            Some(&with_id(call_json(c))),
        )
    }

    /// Closes a call on `on` (no later registrations without a recorded reason).
    pub fn close_call(
        &mut self,
        by: i64,
        id: i64,
        name: &str,
        on: chrono::NaiveDate,
    ) -> Result<()> {
        let before: Option<String> = self
            .tx
            .query_row("SELECT closes_on FROM calls WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::NotFound("call"))?;
        self.tx.execute(
            "UPDATE calls SET closes_on = ?1 WHERE id = ?2",
            params![date_to_sql(on), id],
        )?;
        let before = serde_json::json!({"call_id": id, "closes_on": before}).to_string();
        let after = serde_json::json!({"call_id": id, "name": name, "closes_on": date_to_sql(on)})
            .to_string();
        self.event(
            Some(by),
            None,
            EventKind::CallClosed,
            Some(&before),
            Some(&after),
        )
    }
}
