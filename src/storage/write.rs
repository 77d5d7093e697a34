//! Writes. Every change goes through a [`Writer`] inside one transaction and appends its event.

use super::{Result, StoreError, date_to_sql, time_to_sql};
use crate::domain::EventKind;
use crate::domain::audit::{EventContent, GENESIS, event_hash};
use crate::domain::multiyear::YearAmount;
use crate::domain::{
    Answer, CaseState, ChecklistTemplate, DecisionKind, Direction, Money, OrgKind, OrgNr, Outcome,
    Role, Step, User,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

/// Typed writes within one transaction (the connection is inside it).
pub struct Writer<'t> {
    pub(super) tx: &'t rusqlite::Connection,
    pub(super) now: DateTime<Utc>,
}

/// What registering a case needs.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    pub call_id: i64,
    pub organisation_id: i64,
    pub parent_case_id: Option<i64>,
    pub step: Step,
    pub title: &'a str,
    pub received_on: NaiveDate,
    pub requested: Money,
    pub checklist_id: Option<&'a str>,
}

/// A newly registered case and its diarienummer parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub year: i32,
    pub seq: u32,
}

pub struct NewDecision<'a> {
    pub case_id: i64,
    pub kind: DecisionKind,
    pub decided_on: NaiveDate,
    pub outcome: Outcome,
    pub amount: Option<Money>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub motivation: &'a str,
    pub rules: &'a str,
    pub presenter_id: Option<i64>,
    pub decider_id: Option<i64>,
    pub report_due_on: Option<NaiveDate>,
    pub appeal_text: &'a str,
    pub sent_on: Option<NaiveDate>,
    /// The amount per calendar year of a multi-year grant; empty: all in one year.
    pub years: &'a [YearAmount],
}

pub struct NewDocument<'a> {
    pub case_id: i64,
    pub direction: Direction,
    pub date: NaiveDate,
    pub counterpart: &'a str,
    pub description: &'a str,
    /// Where the document itself is kept, if anywhere.
    pub file_path: Option<&'a str>,
}

/// The hash of the last event, which the next one chains from (the genesis value when there
/// is none).
pub(super) fn chain_head(conn: &rusqlite::Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT hash FROM events ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string()))
}

/// The `after` of a [`EventKind::DocumentRegistered`] event (also written by the import).
pub(super) fn document_event(sub_no: i64, direction: Direction, description: &str) -> String {
    serde_json::json!({
        "sub_no": sub_no, "direction": direction.code(), "description": description,
    })
    .to_string()
}

/// The `after` of a [`EventKind::CaseRegistered`] event (also written by the bulk load).
pub(super) fn registered_event(year: i32, seq: i64, state: CaseState, title: &str) -> String {
    // The fields in the order a JSON object's keys are written (sorted), without building
    // one: a bulk load writes a million of these.
    #[derive(serde::Serialize)]
    struct Registered<'a> {
        dnr: String,
        state: &'a str,
        title: &'a str,
    }
    serde_json::to_string(&Registered {
        dnr: format!("{year}/{seq}"),
        state: state.code(),
        title,
    })
    .unwrap_or_default()
}

impl<'t> Writer<'t> {
    pub(crate) fn new(tx: &'t rusqlite::Connection, now: DateTime<Utc>) -> Self {
        Self { tx, now }
    }

    /// Sets the time stamped on what follows (the demo generator writes history).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Appends one event to the hash chain.
    pub fn event(
        &mut self,
        user_id: Option<i64>,
        case_id: Option<i64>,
        kind: EventKind,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        let kind = kind.code();
        let prev = chain_head(self.tx)?;
        let at = time_to_sql(self.now);
        let hash = event_hash(
            &prev,
            &EventContent {
                at: &at,
                user_id,
                case_id,
                kind,
                before,
                after,
            },
        );
        self.tx
            .prepare_cached(
                "INSERT INTO events (at, user_id, case_id, kind, before, after, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                at, user_id, case_id, kind, before, after, prev, hash
            ])?;
        Ok(())
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Registers a user with these roles, as the demo and tests set users up.
    pub fn insert_user(&mut self, login: &str, name: &str, roles: &[Role]) -> Result<i64> {
        self.add_user(
            None,
            &crate::domain::admin::UserDraft {
                login: login.to_string(),
                name: name.to_string(),
                title: String::new(),
                roles: roles.to_vec(),
                delegation: Default::default(),
            },
        )
    }

    /// The user with this login, registered as a handläggare on first use (demo databases only:
    /// elsewhere an administratör registers users).
    pub fn ensure_user(&mut self, login: &str) -> Result<(User, bool)> {
        if let Some(user) = super::queries::user_by_login(self.tx, login)? {
            return Ok((user, false));
        }
        self.insert_user(login, login, &[Role::Caseworker])?;
        let user =
            super::queries::user_by_login(self.tx, login)?.ok_or(StoreError::NotFound("user"))?;
        Ok((user, true))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn insert_organisation(
        &mut self,
        kind: OrgKind,
        name: &str,
        org_nr: Option<OrgNr>,
        code: Option<&str>,
        county_code: Option<&str>,
        county: Option<&str>,
    ) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO organisations (kind, name, org_nr, code, county_code, county, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                kind.code(),
                name,
                org_nr.map(|o| o.to_string()),
                code,
                county_code,
                county,
                time_to_sql(self.now)
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn insert_contact(
        &mut self,
        organisation_id: i64,
        name: &str,
        role: &str,
        email: &str,
        phone: &str,
    ) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO contacts (organisation_id, name, role, email, phone)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![organisation_id, name, role, email, phone])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn insert_call(
        &mut self,
        name: &str,
        step: Step,
        regulation: &str,
        opens_on: NaiveDate,
        closes_on: Option<NaiveDate>,
        budget: Money,
    ) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO calls (name, step, regulation, opens_on, closes_on, budget_ore)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                name,
                step.number(),
                regulation,
                date_to_sql(opens_on),
                closes_on.map(date_to_sql),
                budget.ore()
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The next running number of the year's diarium.
    fn next_dnr_seq(&mut self, year: i32) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached(
                "INSERT INTO dnr_sequences (year, last) VALUES (?1, 1)
                 ON CONFLICT (year) DO UPDATE SET last = last + 1
                 RETURNING last",
            )?
            .query_row([year], |r| r.get(0))?)
    }

    /// Registers a case with the next diarienummer of its received year.
    pub fn insert_case(&mut self, user_id: i64, c: &NewCase<'_>) -> Result<Registered> {
        use chrono::Datelike;
        let year = c.received_on.year();
        let seq = self.next_dnr_seq(year)?;
        self.tx
            .prepare_cached(
                "INSERT INTO cases (dnr_year, dnr_seq, call_id, organisation_id, parent_case_id,
                     step, state, title, received_on, requested_ore, checklist_id, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                year,
                seq,
                c.call_id,
                c.organisation_id,
                c.parent_case_id,
                c.step.number(),
                CaseState::Received.code(),
                c.title,
                date_to_sql(c.received_on),
                c.requested.ore(),
                c.checklist_id,
                time_to_sql(self.now)
            ])?;
        let id = self.tx.last_insert_rowid();
        let after = registered_event(year, seq, CaseState::Received, c.title);
        self.event(
            Some(user_id),
            Some(id),
            EventKind::CaseRegistered,
            None,
            Some(&after),
        )?;
        Ok(Registered {
            id,
            year,
            seq: u32::try_from(seq).map_err(|_| StoreError::BadValue {
                column: "dnr_sequences.last",
                value: seq.to_string(),
            })?,
        })
    }

    fn case_field(&self, case_id: i64, column: &'static str) -> Result<Option<String>> {
        let sql = format!("SELECT CAST({column} AS TEXT) FROM cases WHERE id = ?1");
        self.tx
            .query_row(&sql, [case_id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .ok_or(StoreError::NotFound("case"))
    }

    /// Refuses the change when someone else has changed the case since it was read at
    /// `expected` (its version then); names who and when.
    pub fn check_version(&mut self, case_id: i64, expected: i64) -> Result<()> {
        let version: i64 = self
            .tx
            .query_row("SELECT version FROM cases WHERE id = ?1", [case_id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(StoreError::NotFound("case"))?;
        if version == expected {
            return Ok(());
        }
        let (by, at): (String, String) = self.tx.query_row(
            "SELECT COALESCE(u.name, ''), e.at FROM events e LEFT JOIN users u ON u.id = e.user_id
                 WHERE e.case_id = ?1 ORDER BY e.id DESC LIMIT 1",
            [case_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Err(StoreError::Conflict {
            by,
            at: super::time_from_sql("events.at", &at)?,
        })
    }

    /// Counts a change to the case (its version), so a stale copy elsewhere is detected.
    pub(super) fn bump(&mut self, case_id: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE cases SET version = version + 1, updated_at = ?1 WHERE id = ?2",
            )?
            .execute(params![time_to_sql(self.now), case_id])?;
        Ok(())
    }

    /// Keeps a checklist version's text; a version already kept is left as it was.
    pub fn store_checklist(&mut self, template: &ChecklistTemplate, body: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO checklist_versions (id, step, body, stored_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![
                template.id(),
                template.step,
                body,
                time_to_sql(self.now)
            ])?;
        Ok(())
    }

    /// Records which checklist version the case is assessed against (kept from then on).
    pub fn set_checklist(
        &mut self,
        user_id: i64,
        case_id: i64,
        template: &ChecklistTemplate,
        body: &str,
    ) -> Result<()> {
        self.store_checklist(template, body)?;
        self.update_case(
            user_id,
            case_id,
            "checklist_id",
            EventKind::ChecklistChosen,
            Some(template.id()),
        )
    }

    /// Changes one column of a case, bumps its version and records before → after.
    fn update_case(
        &mut self,
        user_id: i64,
        case_id: i64,
        column: &'static str,
        kind: EventKind,
        value: Option<String>,
    ) -> Result<()> {
        let before = self.case_field(case_id, column)?;
        let sql = format!(
            "UPDATE cases SET {column} = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3"
        );
        self.tx
            .execute(&sql, params![value, time_to_sql(self.now), case_id])?;
        self.event(
            Some(user_id),
            Some(case_id),
            kind,
            before.as_deref(),
            value.as_deref(),
        )
    }

    pub fn set_state(&mut self, user_id: i64, case_id: i64, state: CaseState) -> Result<()> {
        self.update_case(
            user_id,
            case_id,
            "state",
            EventKind::StateChanged,
            Some(state.code().to_string()),
        )
    }

    pub fn set_assignee(
        &mut self,
        user_id: i64,
        case_id: i64,
        assignee: Option<i64>,
    ) -> Result<()> {
        // The event names people by login, so the history reads without a lookup.
        let login_of = |id: Option<i64>| -> Result<Option<String>> {
            match id {
                None => Ok(None),
                Some(id) => Ok(self
                    .tx
                    .query_row("SELECT login FROM users WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?),
            }
        };
        let before_id: Option<i64> = self
            .tx
            .query_row(
                "SELECT assignee_id FROM cases WHERE id = ?1",
                [case_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound("case"))?;
        let before = login_of(before_id)?;
        let after = login_of(assignee)?;
        self.tx.execute(
            "UPDATE cases SET assignee_id = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3",
            params![assignee, time_to_sql(self.now), case_id],
        )?;
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::Assigned,
            before.as_deref(),
            after.as_deref(),
        )
    }

    pub fn set_granted(&mut self, user_id: i64, case_id: i64, granted: Money) -> Result<()> {
        self.update_case(
            user_id,
            case_id,
            "granted_ore",
            EventKind::GrantedAmountSet,
            Some(granted.ore().to_string()),
        )
    }

    pub fn set_supplement_due(
        &mut self,
        user_id: i64,
        case_id: i64,
        due: Option<NaiveDate>,
    ) -> Result<()> {
        self.update_case(
            user_id,
            case_id,
            "supplement_due_on",
            EventKind::SupplementDueSet,
            due.map(date_to_sql),
        )
    }

    /// Removes a komplettering deadline, if the case has one.
    pub fn clear_supplement_due(&mut self, user_id: i64, case_id: i64) -> Result<()> {
        if self.case_field(case_id, "supplement_due_on")?.is_some() {
            self.set_supplement_due(user_id, case_id, None)?;
        }
        Ok(())
    }

    pub fn set_report_due(&mut self, user_id: i64, case_id: i64, due: NaiveDate) -> Result<()> {
        self.update_case(
            user_id,
            case_id,
            "report_due_on",
            EventKind::ReportDueSet,
            Some(date_to_sql(due)),
        )
    }

    pub fn answer_item(
        &mut self,
        user_id: i64,
        case_id: i64,
        item_key: &str,
        answer: Answer,
        comment: &str,
    ) -> Result<()> {
        let before: Option<String> = self
            .tx
            .query_row(
                "SELECT answer FROM checklist_answers WHERE case_id = ?1 AND item_key = ?2",
                params![case_id, item_key],
                |r| r.get(0),
            )
            .optional()?;
        self.tx
            .prepare_cached(
                "INSERT INTO checklist_answers (case_id, item_key, answer, comment, answered_by, answered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (case_id, item_key) DO UPDATE SET answer = excluded.answer,
                     comment = excluded.comment, answered_by = excluded.answered_by,
                     answered_at = excluded.answered_at",
            )?
            .execute(params![
                case_id,
                item_key,
                answer.code(),
                comment,
                user_id,
                time_to_sql(self.now)
            ])?;
        let after =
            serde_json::json!({"item": item_key, "answer": answer.code(), "comment": comment});
        self.bump(case_id)?;
        let before = before.map(|b| serde_json::json!({"item": item_key, "answer": b}).to_string());
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::ChecklistAnswered,
            before.as_deref(),
            Some(&after.to_string()),
        )
    }

    /// Registers a document under the case's next sub-number; returns that number.
    pub fn register_document(&mut self, user_id: i64, d: &NewDocument<'_>) -> Result<u32> {
        let sub: i64 = self
            .tx
            .prepare_cached(
                "SELECT COALESCE(MAX(sub_no), 0) + 1 FROM documents WHERE case_id = ?1",
            )?
            .query_row([d.case_id], |r| r.get(0))?;
        self.tx
            .prepare_cached(
                "INSERT INTO documents (case_id, sub_no, direction, doc_date, counterpart,
                     description, file_path, registered_by, registered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                d.case_id,
                sub,
                d.direction.code(),
                date_to_sql(d.date),
                d.counterpart,
                d.description,
                d.file_path,
                user_id,
                time_to_sql(self.now)
            ])?;
        self.bump(d.case_id)?;
        let after = document_event(sub, d.direction, d.description);
        self.event(
            Some(user_id),
            Some(d.case_id),
            EventKind::DocumentRegistered,
            None,
            Some(&after),
        )?;
        u32::try_from(sub).map_err(|_| StoreError::BadValue {
            column: "documents.sub_no",
            value: sub.to_string(),
        })
    }

    pub fn add_note(&mut self, user_id: i64, case_id: i64, body: &str) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO notes (case_id, author_id, created_at, body) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![case_id, user_id, time_to_sql(self.now), body])?;
        let id = self.tx.last_insert_rowid();
        self.bump(case_id)?;
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::NoteAdded,
            None,
            Some(body),
        )?;
        Ok(id)
    }

    pub fn insert_decision(&mut self, user_id: i64, d: &NewDecision<'_>) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO decisions (case_id, kind, decided_on, outcome, amount_ore, period_from,
                     period_to, motivation, rules, presenter_id, decider_id, report_due_on,
                     appeal_text, sent_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                d.case_id,
                d.kind.code(),
                date_to_sql(d.decided_on),
                d.outcome.code(),
                d.amount.map(Money::ore),
                d.period.map(|p| date_to_sql(p.0)),
                d.period.map(|p| date_to_sql(p.1)),
                d.motivation,
                d.rules,
                d.presenter_id,
                d.decider_id,
                d.report_due_on.map(date_to_sql),
                d.appeal_text,
                d.sent_on.map(date_to_sql),
                time_to_sql(self.now)
            ])?;
        let id = self.tx.last_insert_rowid();
        self.insert_years(id, d.years)?;
        self.bump(d.case_id)?;
        let mut after = serde_json::json!({
            "kind": d.kind.code(), "outcome": d.outcome.code(),
            "amount_ore": d.amount.map(Money::ore),
        });
        if !d.years.is_empty() {
            after["years"] = years_json(d.years);
        }
        let kind = match d.kind {
            DecisionKind::Proposal => EventKind::DecisionProposed,
            DecisionKind::Decision => EventKind::DecisionMade,
        };
        self.event(
            Some(user_id),
            Some(d.case_id),
            kind,
            None,
            Some(&after.to_string()),
        )?;
        Ok(id)
    }
}

impl Writer<'_> {
    /// The amount per year of a decision just inserted (multi-year grants, issue 6).
    fn insert_years(&mut self, decision_id: i64, years: &[YearAmount]) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO decision_years (decision_id, year, amount_ore) VALUES (?1, ?2, ?3)",
        )?;
        for y in years {
            stmt.execute(params![decision_id, y.year, y.amount.ore()])?;
        }
        Ok(())
    }
}

/// A split as the event log records it: {"2026": öre, "2027": öre}.
fn years_json(years: &[YearAmount]) -> serde_json::Value {
    years
        .iter()
        .map(|y| (y.year.to_string(), serde_json::json!(y.amount.ore())))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

impl Writer<'_> {
    /// Records that `user_id` declares jäv for the organisation.
    pub fn declare_jav(&mut self, user_id: i64, organisation_id: i64, reason: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO jav (user_id, organisation_id, reason, declared_at) VALUES (?1, ?2, ?3, ?4)",
            params![user_id, organisation_id, reason, time_to_sql(self.now)],
        )?;
        let after = serde_json::json!({"organisation_id": organisation_id, "reason": reason});
        self.event(
            Some(user_id),
            None,
            EventKind::JavDeclared,
            None,
            Some(&after.to_string()),
        )
    }

    /// Withdraws the user's active jäv for the organisation; the declaration stays on record.
    pub fn withdraw_jav(&mut self, user_id: i64, organisation_id: i64, reason: &str) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE jav SET withdrawn_at = ?1, withdrawn_reason = ?2
             WHERE user_id = ?3 AND organisation_id = ?4 AND withdrawn_at IS NULL",
            params![time_to_sql(self.now), reason, user_id, organisation_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("jäv"));
        }
        let after = serde_json::json!({"organisation_id": organisation_id, "reason": reason});
        self.event(
            Some(user_id),
            None,
            EventKind::JavWithdrawn,
            None,
            Some(&after.to_string()),
        )
    }

    /// Marks the case's decision as expedited (how, and when); from then on it never changes.
    pub fn mark_sent(
        &mut self,
        user_id: i64,
        decision_id: i64,
        on: NaiveDate,
        how: &str,
    ) -> Result<()> {
        let (case_id,): (i64,) = self.tx.query_row(
            "SELECT case_id FROM decisions WHERE id = ?1",
            [decision_id],
            |r| Ok((r.get(0)?,)),
        )?;
        self.tx.execute(
            "UPDATE decisions SET sent_on = ?1, sent_how = ?2 WHERE id = ?3",
            params![date_to_sql(on), how, decision_id],
        )?;
        self.bump(case_id)?;
        let after =
            serde_json::json!({"decision_id": decision_id, "sent_on": date_to_sql(on), "how": how});
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::DecisionSent,
            None,
            Some(&after.to_string()),
        )
    }

    /// Opens a beslutstillfälle held today by `decider_id`.
    pub fn open_round(&mut self, decider_id: i64, held_on: NaiveDate) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO decision_rounds (held_on, decider_id, created_at) VALUES (?1, ?2, ?3)",
            params![date_to_sql(held_on), decider_id, time_to_sql(self.now)],
        )?;
        let id = self.tx.last_insert_rowid();
        let after = serde_json::json!({"round_id": id, "held_on": date_to_sql(held_on)});
        self.event(
            Some(decider_id),
            None,
            EventKind::DecisionRound,
            None,
            Some(&after.to_string()),
        )?;
        Ok(id)
    }

    /// Links a decision to its round and records an explicit budget override.
    pub fn annotate_decision(
        &mut self,
        user_id: i64,
        decision_id: i64,
        round_id: Option<i64>,
        over_budget_confirmed: bool,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE decisions SET round_id = ?1, over_budget_confirmed = ?2 WHERE id = ?3",
            params![round_id, i64::from(over_budget_confirmed), decision_id],
        )?;
        if over_budget_confirmed {
            let case_id: i64 = self.tx.query_row(
                "SELECT case_id FROM decisions WHERE id = ?1",
                [decision_id],
                |r| r.get(0),
            )?;
            let after = serde_json::json!({"decision_id": decision_id});
            self.event(
                Some(user_id),
                Some(case_id),
                EventKind::OverBudgetConfirmed,
                None,
                Some(&after.to_string()),
            )?;
        }
        Ok(())
    }
}

impl Writer<'_> {
    /// Decides a case on its latest proposal: the decision copies what was proposed and adds the
    /// decider, the date and the appeal text; a grant sets the granted amount and the report date.
    /// The case's state is left to the caller (the service moves it by the state machine).
    #[allow(clippy::too_many_arguments)]
    pub fn decide(
        &mut self,
        decider_id: i64,
        case_id: i64,
        proposal_id: i64,
        decided_on: NaiveDate,
        appeal_text: &str,
        over_budget_confirmed: bool,
        round_id: Option<i64>,
    ) -> Result<i64> {
        type Raw = (
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
            String,
            String,
            Option<i64>,
            Option<String>,
        );
        let (outcome, amount, from, to, motivation, rules, presenter, report): Raw = self
            .tx
            .query_row(
                "SELECT outcome, amount_ore, period_from, period_to, motivation, rules,
                        presenter_id, report_due_on
                 FROM decisions WHERE id = ?1 AND case_id = ?2 AND kind = 'forslag'",
                params![proposal_id, case_id],
                |r| {
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
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound("proposal"))?;
        let outcome = Outcome::from_code(&outcome).ok_or(StoreError::BadValue {
            column: "decisions.outcome",
            value: outcome.clone(),
        })?;
        let date =
            |c: &'static str, v: Option<String>| v.map(|s| super::date_from_sql(c, &s)).transpose();
        let period = match (
            date("decisions.period_from", from)?,
            date("decisions.period_to", to)?,
        ) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        let report_due_on = date("decisions.report_due_on", report)?;
        let years = super::queries::decision_years(self.tx, proposal_id)?;
        let id = self.insert_decision(
            decider_id,
            &NewDecision {
                case_id,
                kind: DecisionKind::Decision,
                decided_on,
                outcome,
                amount: amount.map(Money),
                period,
                motivation: &motivation,
                rules: &rules,
                presenter_id: presenter,
                decider_id: Some(decider_id),
                report_due_on,
                appeal_text,
                sent_on: None,
                years: &years,
            },
        )?;
        self.annotate_decision(decider_id, id, round_id, over_budget_confirmed)?;
        if crate::domain::decision::is_grant(outcome) {
            if let Some(a) = amount {
                self.set_granted(decider_id, case_id, Money(a))?;
            }
            if let Some(due) = report_due_on {
                self.set_report_due(decider_id, case_id, due)?;
            }
            // Follow-up (issue 6): the default payment plan and the expected slutrapport.
            let granted = Money(amount.unwrap_or(0));
            let plan = crate::domain::multiyear::default_plan(granted, decided_on, &years);
            self.init_followup(decider_id, case_id, &plan, report_due_on)?;
        }
        // The state change is the service's, by the state machine.
        Ok(id)
    }
}

impl Writer<'_> {
    /// The amount per year of the case's latest decision; empty for a one-year grant.
    pub fn grant_years(&self, case_id: i64) -> Result<Vec<YearAmount>> {
        let id: Option<i64> = self.tx.query_row(
            "SELECT MAX(id) FROM decisions WHERE case_id = ?1 AND kind = 'beslut'",
            [case_id],
            |r| r.get(0),
        )?;
        match id {
            Some(id) => super::queries::decision_years(self.tx, id),
            None => Ok(Vec::new()),
        }
    }

    /// The outcome of a decision or proposal.
    pub fn decision_outcome(&mut self, decision_id: i64) -> Result<Outcome> {
        let code: String = self.tx.query_row(
            "SELECT outcome FROM decisions WHERE id = ?1",
            [decision_id],
            |r| r.get(0),
        )?;
        Outcome::from_code(&code).ok_or(StoreError::BadValue {
            column: "decisions.outcome",
            value: code,
        })
    }
}

impl Writer<'_> {
    /// A new decision changing an expedited one: same outcome, period, rules and föredragande,
    /// the new amount, report date, reason and appeal text, and a link to the old decision.
    #[allow(clippy::too_many_arguments)]
    pub fn correct_decision(
        &mut self,
        decider_id: i64,
        case_id: i64,
        supersedes: i64,
        amount: Option<Money>,
        report_due: Option<NaiveDate>,
        motivation: &str,
        appeal_text: &str,
        decided_on: NaiveDate,
        years: &[YearAmount],
    ) -> Result<i64> {
        let inserted = self.tx.execute(
            "INSERT INTO decisions (case_id, kind, decided_on, outcome, amount_ore, period_from,
                 period_to, motivation, rules, presenter_id, decider_id, report_due_on,
                 appeal_text, created_at, supersedes_id)
             SELECT case_id, 'beslut', ?1, outcome, ?2, period_from, period_to, ?3, rules,
                 presenter_id, ?4, ?5, ?6, ?7, id
             FROM decisions WHERE id = ?8 AND case_id = ?9 AND kind = 'beslut'",
            params![
                date_to_sql(decided_on),
                amount.map(Money::ore),
                motivation,
                decider_id,
                report_due.map(date_to_sql),
                appeal_text,
                time_to_sql(self.now),
                supersedes,
                case_id
            ],
        )?;
        // No decision of the case by that id: nothing to change (and no stale rowid to use).
        if inserted == 0 {
            return Err(StoreError::NotFound("decision"));
        }
        let id = self.tx.last_insert_rowid();
        self.insert_years(id, years)?;
        self.bump(case_id)?;
        let mut after = serde_json::json!({
            "decision_id": id, "supersedes": supersedes, "amount_ore": amount.map(Money::ore),
        });
        if !years.is_empty() {
            after["years"] = years_json(years);
        }
        self.event(
            Some(decider_id),
            Some(case_id),
            EventKind::DecisionCorrected,
            None,
            Some(&after.to_string()),
        )?;
        if let Some(a) = amount {
            self.set_granted(decider_id, case_id, a)?;
        }
        if let Some(due) = report_due {
            self.set_report_due(decider_id, case_id, due)?;
        }
        // Follow-up (issue 6): a changed amount or report date carries over while nothing is paid.
        if amount.is_some() || report_due.is_some() {
            let granted = amount.unwrap_or(Money::ZERO);
            let plan = crate::domain::multiyear::default_plan(granted, decided_on, years);
            self.init_followup(decider_id, case_id, &plan, report_due)?;
        }
        Ok(id)
    }
}

impl Writer<'_> {
    /// Sets the case's reform areas to exactly `areas`.
    pub fn set_reform_areas(
        &mut self,
        user_id: i64,
        case_id: i64,
        areas: &[crate::domain::ReformArea],
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT area FROM case_reform_areas WHERE case_id = ?1 ORDER BY area",
        )?;
        let before: Vec<String> = stmt
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        self.tx.execute(
            "DELETE FROM case_reform_areas WHERE case_id = ?1",
            [case_id],
        )?;
        for a in areas {
            self.tx.execute(
                "INSERT INTO case_reform_areas (case_id, area) VALUES (?1, ?2)",
                params![case_id, a.code()],
            )?;
        }
        self.bump(case_id)?;
        let after: Vec<&str> = areas.iter().map(|a| a.code()).collect();
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::ReformAreasSet,
            Some(&before.join(", "))
                .filter(|b| !b.is_empty())
                .map(String::as_str),
            Some(&after.join(", ")),
        )
    }
}

impl Writer<'_> {
    /// Replaces a contact's personal data with a pseudonym. The event names only the contact's
    /// id: the append-only log must not keep what is being erased.
    /// Saves a named filter as the user's queue (replacing one of the same name).
    pub fn save_queue(
        &mut self,
        user_id: i64,
        q: &crate::domain::search::SavedQueue,
    ) -> Result<i64> {
        let source = if q.everywhere {
            format!("search:{}", q.source.code())
        } else {
            q.source.code()
        };
        let at = time_to_sql(self.now);
        self.tx.execute(
            "INSERT INTO saved_queues (user_id, name, source, query, sort, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (user_id, name) DO UPDATE
             SET source = excluded.source, query = excluded.query, sort = excluded.sort",
            rusqlite::params![user_id, q.name.trim(), source, q.text, q.sort.code(), at],
        )?;
        Ok(self.tx.query_row(
            "SELECT id FROM saved_queues WHERE user_id = ?1 AND name = ?2",
            rusqlite::params![user_id, q.name.trim()],
            |r| r.get(0),
        )?)
    }

    pub fn delete_queue(&mut self, user_id: i64, id: i64) -> Result<()> {
        let n = self.tx.execute(
            "DELETE FROM saved_queues WHERE id = ?1 AND user_id = ?2",
            rusqlite::params![id, user_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("saved queue"));
        }
        Ok(())
    }

    pub fn pseudonymise_contact(&mut self, user_id: i64, contact_id: i64) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE contacts SET name = 'Pseudonymiserad kontakt ' || id, email = '', phone = ''
             WHERE id = ?1",
            [contact_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("contact"));
        }
        let after = serde_json::json!({"contact_id": contact_id});
        self.event(
            Some(user_id),
            None,
            EventKind::ContactPseudonymised,
            None,
            Some(&after.to_string()),
        )
    }

    /// Removes a contact; the event names only its id.
    pub fn remove_contact(&mut self, user_id: i64, contact_id: i64) -> Result<()> {
        let n = self
            .tx
            .execute("DELETE FROM contacts WHERE id = ?1", [contact_id])?;
        if n == 0 {
            return Err(StoreError::NotFound("contact"));
        }
        let after = serde_json::json!({"contact_id": contact_id});
        self.event(
            Some(user_id),
            None,
            EventKind::ContactRemoved,
            None,
            Some(&after.to_string()),
        )
    }
}

impl Writer<'_> {
    /// Is there already a case of the organisation in the call, received that day, with that
    /// summary? Asked inside the transaction, so what another process wrote counts.
    pub fn case_exists(
        &mut self,
        organisation_id: i64,
        call_id: i64,
        received_on: NaiveDate,
        title: &str,
    ) -> Result<bool> {
        super::queries::case_exists(self.tx, organisation_id, call_id, received_on, title)
    }

    /// The organisation that has this organisationsnummer now.
    pub fn organisation_by_nr(&mut self, nr: OrgNr) -> Result<Option<i64>> {
        super::queries::organisation_id_by_nr(self.tx, nr)
    }

    /// Gives an organisation without a number its organisationsnummer. Returns false (and changes
    /// nothing) when it has one by now, or another organisation has this one.
    pub fn set_org_nr(&mut self, user_id: i64, organisation_id: i64, nr: OrgNr) -> Result<bool> {
        let n = self.tx.execute(
            "UPDATE organisations SET org_nr = ?1
             WHERE id = ?2 AND org_nr IS NULL
               AND NOT EXISTS (SELECT 1 FROM organisations WHERE org_nr = ?1)",
            params![nr.to_string(), organisation_id],
        )?;
        if n == 0 {
            return Ok(false);
        }
        let after =
            serde_json::json!({"organisation_id": organisation_id, "org_nr": nr.to_string()});
        self.event(
            Some(user_id),
            None,
            EventKind::OrgNrSet,
            None,
            Some(&after.to_string()),
        )?;
        Ok(true)
    }
}
