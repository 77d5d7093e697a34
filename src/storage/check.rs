//! `bidrag check`: SQLite's integrity and foreign-key checks, the event log's hash chain, the
//! derived data against what its rows make, and the decision rules of migration 9.

use super::{DbRule, Result, Store, derived};
use crate::domain::Dnr;
use crate::domain::audit::{EventContent, GENESIS, event_hash};

/// A problem found in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A line from `PRAGMA integrity_check` other than "ok".
    Integrity(String),
    /// A row whose reference points nowhere: table, rowid, referenced table.
    ForeignKey {
        table: String,
        rowid: i64,
        parent: String,
    },
    /// The event's `prev_hash` is not the previous event's hash (an event removed or inserted).
    ChainLink { event_id: i64 },
    /// The event's content no longer gives its hash (edited after it was written).
    ChainContent { event_id: i64 },
    /// A counter of migration 8 that differs from a recount: which one.
    Tally(String),
    /// Cases whose search text differs from what their rows make: how many, and the first's
    /// diarienummer (its id, `#12`, when the case is gone).
    SearchText { cases: i64, first: String },
    /// A decision that breaks a rule migration 9 enforces, written before it or outside bidrag.
    Rule {
        record: RuledRecord,
        id: i64,
        dnr: Dnr,
        rule: DbRule,
    },
    /// A user whose roles, delegation or active state are not what the events that set them
    /// up say (changed outside bidrag, say with sqlite3): the login and what differs.
    User { login: String, differs: UserDiffers },
}

/// What of a user differs from their events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserDiffers {
    /// No event registered the user.
    Unrecorded,
    Roles,
    Delegation,
    Active,
}

/// A user as their events made them: roles and delegation outcomes as sorted code sets.
#[derive(Debug, Default, PartialEq, Eq)]
struct Recorded {
    roles: Vec<String>,
    outcomes: Vec<String>,
    max_ore: Option<i64>,
    active: bool,
}

fn code_set(codes: &str) -> Vec<String> {
    let mut set: Vec<String> = codes
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    set.sort();
    set.dedup();
    set
}

/// What kind of decision broke a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuledRecord {
    /// A decision (`decisions`, kind beslut), by its id.
    Decision,
    /// An återkrav's decision (`recoveries`), by the återkrav's id.
    Recovery,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub events: i64,
    pub problems: Vec<Problem>,
}

type RawEvent = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

impl Store {
    /// Checks the whole database. Only reads.
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        problems.extend(
            lines
                .into_iter()
                .filter(|l| l != "ok")
                .map(Problem::Integrity),
        );
        let mut stmt = self
            .conn
            .prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")?;
        let fks: Vec<(String, Option<i64>, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        problems.extend(
            fks.into_iter()
                .map(|(table, rowid, parent)| Problem::ForeignKey {
                    table,
                    rowid: rowid.unwrap_or(0),
                    parent,
                }),
        );

        problems.extend(
            derived::tally_problems(&self.conn)?
                .into_iter()
                .map(Problem::Tally),
        );
        if let Some((cases, first)) = derived::search_text_problems(&self.conn)? {
            let first = match self.case_dnr(first)? {
                Some(dnr) => dnr.to_string(),
                None => format!("#{first}"),
            };
            problems.push(Problem::SearchText { cases, first });
        }
        problems.extend(self.rule_problems()?);
        problems.extend(self.user_problems()?);

        let mut stmt = self.conn.prepare(
            "SELECT id, at, user_id, case_id, kind, before, after, prev_hash, hash
             FROM events ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut previous = GENESIS.to_string();
        let mut events = 0;
        let mut chain_broken = false;
        while let Some(r) = rows.next()? {
            events += 1;
            if chain_broken {
                continue;
            }
            let e: RawEvent = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            );
            let (id, at, user_id, case_id, kind, before, after, prev_hash, hash) = e;
            // Report only the first break: everything after it follows from it.
            if prev_hash != previous {
                problems.push(Problem::ChainLink { event_id: id });
                chain_broken = true;
                continue;
            }
            let expected = event_hash(
                &prev_hash,
                &EventContent {
                    at: &at,
                    user_id,
                    case_id,
                    kind: &kind,
                    before: before.as_deref(),
                    after: after.as_deref(),
                },
            );
            if expected != hash {
                problems.push(Problem::ChainContent { event_id: id });
                chain_broken = true;
                continue;
            }
            previous = hash;
        }
        Ok(CheckReport { events, problems })
    }

    /// Users whose row is not what their events say: the events are replayed in order
    /// (registered, changed, deactivated, activated), each found by the login it names.
    fn user_problems(&self) -> Result<Vec<Problem>> {
        use crate::domain::EventKind as K;
        use std::collections::HashMap;
        let kinds = [
            K::UserCreated,
            K::UserChanged,
            K::UserDeactivated,
            K::UserActivated,
        ];
        let placeholders = kinds
            .iter()
            .map(|k| format!("'{}'", k.code()))
            .collect::<Vec<_>>();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT kind, after FROM events WHERE kind IN ({}) ORDER BY id",
            placeholders.join(", ")
        ))?;
        let rows: Vec<(String, Option<String>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut recorded: HashMap<String, Recorded> = HashMap::new();
        for (kind, after) in rows {
            let after: serde_json::Value = after
                .as_deref()
                .and_then(|a| serde_json::from_str(a).ok())
                .unwrap_or_default();
            let Some(login) = after.get("login").and_then(|l| l.as_str()) else {
                continue;
            };
            let text = |key: &str| after.get(key).and_then(|v| v.as_str()).unwrap_or("");
            let full = || Recorded {
                roles: code_set(text("roles")),
                outcomes: code_set(text("delegation_outcomes")),
                max_ore: after.get("delegation_max_ore").and_then(|v| v.as_i64()),
                active: after
                    .get("active")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(true),
            };
            match K::from_code(&kind) {
                Some(K::UserCreated | K::UserChanged) => {
                    recorded.insert(login.to_string(), full());
                }
                Some(k @ (K::UserDeactivated | K::UserActivated)) => {
                    if let Some(r) = recorded.get_mut(login) {
                        r.active = k == K::UserActivated;
                    }
                }
                _ => {}
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT login, roles, delegation_outcomes, delegation_max_ore, active
             FROM users ORDER BY login",
        )?;
        let users: Vec<(String, String, String, Option<i64>, bool)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut problems = Vec::new();
        for (login, roles, outcomes, max_ore, active) in users {
            let differs = match recorded.get(&login) {
                None => Some(UserDiffers::Unrecorded),
                Some(r) if r.roles != code_set(&roles) => Some(UserDiffers::Roles),
                Some(r) if r.outcomes != code_set(&outcomes) || r.max_ore != max_ore => {
                    Some(UserDiffers::Delegation)
                }
                Some(r) if r.active != active => Some(UserDiffers::Active),
                Some(_) => None,
            };
            if let Some(differs) = differs {
                problems.push(Problem::User { login, differs });
            }
        }
        Ok(problems)
    }

    /// The chain's head as a letter sent now carries it; None before the first event.
    pub fn chain_anchor(&self) -> Result<Option<crate::domain::audit::Anchor>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .map(|(id, hash)| crate::domain::audit::Anchor::of(id, &hash)))
    }

    /// Does the chain still hold `anchor`: its event, with a hash that begins as the anchor's?
    pub fn anchor_holds(&self, anchor: &crate::domain::audit::Anchor) -> Result<bool> {
        use rusqlite::OptionalExtension;
        let hash: Option<String> = self
            .conn
            .query_row(
                "SELECT hash FROM events WHERE id = ?1",
                [anchor.event_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(hash.is_some_and(|h| h.starts_with(&anchor.hash)))
    }

    /// The case's diarienummer, if the case is there.
    fn case_dnr(&self, case_id: i64) -> Result<Option<Dnr>> {
        use rusqlite::OptionalExtension;
        let prefix = self.dnr_prefix()?;
        let found: Option<(i32, u32)> = self
            .conn
            .query_row(
                "SELECT dnr_year, dnr_seq FROM cases WHERE id = ?1",
                [case_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(found.map(|(year, seq)| Dnr::new(&prefix, year, seq)))
    }

    /// Decisions and återkrav decisions that break four eyes, or that were made while their
    /// decider had declared jäv for the case's organisation (declared before the decision was
    /// written and not withdrawn until after it; an återkrav decision keeps only its day, so
    /// a declaration of that day counts).
    fn rule_problems(&self) -> Result<Vec<Problem>> {
        let prefix = self.dnr_prefix()?;
        let mut stmt = self.conn.prepare(
            "SELECT 'decision', d.id, c.dnr_year, c.dnr_seq, 'four_eyes'
             FROM decisions d JOIN cases c ON c.id = d.case_id
             WHERE d.kind = 'beslut' AND d.decider_id = d.presenter_id
             UNION ALL
             SELECT 'decision', d.id, c.dnr_year, c.dnr_seq, 'jav'
             FROM decisions d JOIN cases c ON c.id = d.case_id
             WHERE d.kind = 'beslut' AND EXISTS (
                 SELECT 1 FROM jav j
                 WHERE j.user_id = d.decider_id AND j.organisation_id = c.organisation_id
                   AND j.declared_at <= d.created_at
                   AND (j.withdrawn_at IS NULL OR j.withdrawn_at > d.created_at))
             UNION ALL
             SELECT 'recovery', r.id, c.dnr_year, c.dnr_seq, 'four_eyes'
             FROM recoveries r JOIN cases c ON c.id = r.case_id
             WHERE r.decider_id = r.presenter_id
             UNION ALL
             SELECT 'recovery', r.id, c.dnr_year, c.dnr_seq, 'jav'
             FROM recoveries r JOIN cases c ON c.id = r.case_id
             WHERE r.decider_id IS NOT NULL AND EXISTS (
                 SELECT 1 FROM jav j
                 WHERE j.user_id = r.decider_id AND j.organisation_id = c.organisation_id
                   AND substr(j.declared_at, 1, 10) <= r.decided_on
                   AND (j.withdrawn_at IS NULL OR substr(j.withdrawn_at, 1, 10) > r.decided_on))
             ORDER BY 1, 2, 5",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<(String, i64, i32, u32, String)>>>()?;
        Ok(rows
            .into_iter()
            .map(|(record, id, year, seq, rule)| Problem::Rule {
                record: if record == "recovery" {
                    RuledRecord::Recovery
                } else {
                    RuledRecord::Decision
                },
                id,
                dnr: Dnr::new(&prefix, year, seq),
                rule: if rule == "jav" {
                    DbRule::Jav
                } else {
                    DbRule::FourEyes
                },
            })
            .collect())
    }
}
