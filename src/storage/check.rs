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
