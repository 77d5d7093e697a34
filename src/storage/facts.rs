//! The facts the rules need, read in a few set queries however many cases are asked for: the
//! service reads them inside the transaction that writes, and a batch preview reads all marked
//! cases at once.

use super::{Result, Store, StoreError, date_from_sql};
use crate::domain::{CaseFacts, CaseState, ChecklistTemplate, Dnr, Money, Step};
use std::collections::{HashMap, HashSet};

fn bad(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.to_string(),
    }
}

/// The ids as the JSON array that `json_each` reads: one bound parameter for any number.
fn id_list(ids: &[i64]) -> String {
    serde_json::Value::from(ids.to_vec()).to_string()
}

struct RawFacts {
    id: i64,
    year: i64,
    seq: i64,
    organisation_id: i64,
    organisation: String,
    call_id: i64,
    step: i64,
    state: String,
    version: i64,
    received_on: String,
    requested: i64,
    granted: Option<i64>,
    assignee_id: Option<i64>,
    supplement_due_on: Option<String>,
    checklist_id: Option<String>,
}

impl Store {
    /// The facts of one case.
    pub fn case_facts(&self, case_id: i64) -> Result<CaseFacts> {
        self.cases_facts(&[case_id])?
            .pop()
            .ok_or(StoreError::NotFound("case"))
    }

    /// The facts of the cases `ids`, in that order; a case that does not exist is an error.
    pub fn cases_facts(&self, ids: &[i64]) -> Result<Vec<CaseFacts>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = id_list(ids);
        let prefix = self.dnr_prefix()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.dnr_year, c.dnr_seq, c.organisation_id, o.name, c.call_id, c.step,
                    c.state, c.version, c.received_on, c.requested_ore, c.granted_ore,
                    c.assignee_id, c.supplement_due_on, c.checklist_id
             FROM cases c JOIN organisations o ON o.id = c.organisation_id
             WHERE c.id IN (SELECT value FROM json_each(?1))",
        )?;
        let raws = stmt
            .query_map([&list], |r| {
                Ok(RawFacts {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    seq: r.get(2)?,
                    organisation_id: r.get(3)?,
                    organisation: r.get(4)?,
                    call_id: r.get(5)?,
                    step: r.get(6)?,
                    state: r.get(7)?,
                    version: r.get(8)?,
                    received_on: r.get(9)?,
                    requested: r.get(10)?,
                    granted: r.get(11)?,
                    assignee_id: r.get(12)?,
                    supplement_due_on: r.get(13)?,
                    checklist_id: r.get(14)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        let mut answered: HashMap<i64, HashSet<String>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT case_id, item_key FROM checklist_answers
             WHERE case_id IN (SELECT value FROM json_each(?1))",
        )?;
        for row in stmt.query_map([&list], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
            let (case_id, key) = row?;
            answered.entry(case_id).or_default().insert(key);
        }
        drop(stmt);
        let organisations: Vec<i64> = raws.iter().map(|r| r.organisation_id).collect();
        let mut jav: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT organisation_id, user_id FROM jav
             WHERE withdrawn_at IS NULL
               AND organisation_id IN (SELECT value FROM json_each(?1))",
        )?;
        for row in stmt.query_map([id_list(&organisations)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get(1)?))
        })? {
            let (organisation, user) = row?;
            jav.entry(organisation).or_default().push(user);
        }
        drop(stmt);
        // Each checklist version is parsed once, however many cases use it.
        let mut templates: HashMap<String, Option<ChecklistTemplate>> = HashMap::new();
        let mut by_id: HashMap<i64, CaseFacts> = HashMap::with_capacity(raws.len());
        for raw in raws {
            let template = match &raw.checklist_id {
                Some(id) => {
                    if !templates.contains_key(id) {
                        templates.insert(id.clone(), self.checklist_version(id)?);
                    }
                    templates.get(id).cloned().flatten()
                }
                None => None,
            };
            let empty = HashSet::new();
            let done = answered.get(&raw.id).unwrap_or(&empty);
            let done: HashSet<&str> = done.iter().map(String::as_str).collect();
            let unanswered_mandatory = template
                .as_ref()
                .map(|t| {
                    t.unanswered_mandatory(&done)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            let year = i32::try_from(raw.year).map_err(|_| bad("cases.dnr_year", raw.year))?;
            let seq = u32::try_from(raw.seq).map_err(|_| bad("cases.dnr_seq", raw.seq))?;
            let facts = CaseFacts {
                id: raw.id,
                dnr: Dnr::new(&prefix, year, seq),
                organisation_id: raw.organisation_id,
                organisation: raw.organisation,
                call_id: raw.call_id,
                step: Step::from_number(raw.step).ok_or_else(|| bad("cases.step", raw.step))?,
                state: CaseState::from_code(&raw.state)
                    .ok_or_else(|| bad("cases.state", &raw.state))?,
                version: raw.version,
                received_on: date_from_sql("cases.received_on", &raw.received_on)?,
                requested: Money(raw.requested),
                granted: raw.granted.map(Money),
                assignee_id: raw.assignee_id,
                supplement_due_on: raw
                    .supplement_due_on
                    .map(|d| date_from_sql("cases.supplement_due_on", &d))
                    .transpose()?,
                has_checklist: template.is_some(),
                checklist_id: raw.checklist_id,
                unanswered_mandatory,
                jav_users: jav.get(&raw.organisation_id).cloned().unwrap_or_default(),
            };
            by_id.insert(facts.id, facts);
        }
        ids.iter()
            .map(|id| by_id.get(id).cloned().ok_or(StoreError::NotFound("case")))
            .collect()
    }
}
