//! `bidrag check`: SQLite's integrity and foreign-key checks, and the event log's hash chain.

use super::{Result, Store};
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

        problems.extend(self.tally_problems()?.into_iter().map(Problem::Tally));

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

    /// The counters that differ from a recount of their rows, named like `call_tallies 3`.
    fn tally_problems(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT 'call_tallies ' || k.id FROM calls k
             LEFT JOIN call_tallies t ON t.call_id = k.id
             WHERE coalesce(t.cases, 0) <> (SELECT count(*) FROM cases c WHERE c.call_id = k.id)
                OR coalesce(t.granted_ore, 0) <> (SELECT coalesce(sum(c.granted_ore), 0)
                                                  FROM cases c WHERE c.call_id = k.id)
                OR coalesce(t.proposed_ore, 0) <> (
                       SELECT coalesce(sum(c.proposed_ore), 0) FROM cases c
                       WHERE c.call_id = k.id AND c.state = 'forslag_till_beslut')
                OR coalesce(t.paid_ore, 0) <> (
                       SELECT coalesce(sum(i.paid_ore), 0) FROM instalments i
                       JOIN cases c ON c.id = i.case_id
                       WHERE c.call_id = k.id AND i.paid_on IS NOT NULL)
             UNION ALL
             SELECT 'organisation_tallies ' || o.id FROM organisations o
             LEFT JOIN organisation_tallies t ON t.organisation_id = o.id
             WHERE coalesce(t.cases, 0)
                   <> (SELECT count(*) FROM cases c WHERE c.organisation_id = o.id)
             UNION ALL
             SELECT 'state_tallies ' || state || '/' || assignee_id FROM (
                 SELECT state, assignee_id, cases FROM state_tallies WHERE cases <> 0
                 EXCEPT
                 SELECT state, coalesce(assignee_id, 0), count(*) FROM cases
                 GROUP BY state, coalesce(assignee_id, 0))
             UNION ALL
             SELECT 'state_tallies ' || state || '/' || assignee_id FROM (
                 SELECT state, coalesce(assignee_id, 0) AS assignee_id, count(*) FROM cases
                 GROUP BY state, coalesce(assignee_id, 0)
                 EXCEPT
                 SELECT state, assignee_id, cases FROM state_tallies WHERE cases <> 0)
             UNION ALL
             SELECT 'cases.proposed_ore ' || c.id FROM cases c
             WHERE c.proposed_ore IS NOT (
                 SELECT coalesce(d.amount_ore, 0)
                        - coalesce((SELECT sum(y.amount_ore) FROM decision_years y
                                    WHERE y.decision_id = d.id
                                      AND y.year > (SELECT min(z.year) FROM decision_years z
                                                    WHERE z.decision_id = d.id)), 0)
                 FROM decisions d
                 WHERE d.id = (SELECT max(x.id) FROM decisions x
                               WHERE x.case_id = c.id AND x.kind = 'forslag'))",
        )?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }
}
