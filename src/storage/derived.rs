//! Derived data, computed in one place: a case's search text (`case_text`, migration 5), the
//! counters of migration 8 (`call_tallies`, `organisation_tallies`, `state_tallies` and
//! `cases.proposed_ore`), and the SQL spelling of the domain's sets of case states that the
//! counters and the lists read.
//!
//! The triggers of migrations 5 and 8 keep the derived data in step with every write, whatever
//! program makes it; a migration's text never changes, so they keep their own SQL. Whatever
//! Rust writes or verifies of it comes from here:
//!
//! - the import sets the insert triggers aside ([`INSERT_TRIGGERS`]) and writes what they would
//!   have written with [`add_cases`], one statement per table instead of a few per case;
//! - the bulk load (`demo --cases`) builds each case's search text with [`SearchText::of`] and
//!   recounts the counters once at its end with [`recount`];
//! - `bidrag check` compares the counters with the same recount ([`tally_problems`]) and the
//!   search text with the rows it is made from ([`search_text_problems`]).

use super::Result;
use crate::domain::CaseState;
use rusqlite::{Connection, params};
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------------
// Sets of case states in SQL

/// A case state as an SQL literal: `'inkommen'`.
fn state_literal(state: CaseState) -> String {
    // The codes are lower-case ASCII letters and underscores: nothing to escape.
    format!("'{}'", state.code())
}

/// `column = '<state>'`.
pub(super) fn state_is(column: &str, state: CaseState) -> String {
    format!("{column} = {}", state_literal(state))
}

/// `column IN ('<state>', '<state>', …)`, the states in the order given.
///
/// The partial index `cases_open` (migration 5) is written this way with
/// [`CaseState::OPEN`]; SQLite uses a partial index only when the query's WHERE holds the
/// index's term as the same expression (the same states in the same order), so a list of open
/// cases spells it exactly so (the test `the_open_states_are_spelled_as_the_open_cases_index`
/// compares the two).
pub(super) fn state_in(column: &str, states: &[CaseState]) -> String {
    let list: Vec<String> = states.iter().map(|s| state_literal(*s)).collect();
    format!("{column} IN ({})", list.join(", "))
}

// ---------------------------------------------------------------------------------------------
// The search text

/// The insert triggers that write derived data for a new case or document (migrations 5 and
/// 8), with the migration that made each: the import sets them aside within its transaction and
/// writes what they would have written with [`add_cases`]. The bulk load sets every trigger of
/// the tables it loads aside; its test names any that it does not account for.
pub(super) const INSERT_TRIGGERS: [(&str, &str); 3] = [
    (
        "case_text_insert",
        include_str!("migrations/0005_search.sql"),
    ),
    (
        "case_text_document",
        include_str!("migrations/0005_search.sql"),
    ),
    (
        "tally_case_insert",
        include_str!("migrations/0008_tallies.sql"),
    ),
];

/// The search text of the cases `?1..=?2`, which have none yet, as the view `case_text_source`
/// (migration 5) makes it from their rows: each case's text once (the triggers write it, delete
/// it and write it again as the incoming document follows the case).
const ADD_SEARCH_TEXT: &str =
    "INSERT INTO case_text (rowid, dnr, title, organisation, county, body)
     SELECT case_id, dnr, title, organisation, county, body FROM case_text_source
     WHERE case_id BETWEEN ?1 AND ?2 ORDER BY case_id";

/// A case's row of the search text, made from rows the writer has in hand (the bulk load) the
/// way the view `case_text_source` (migration 5) makes it from the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SearchText {
    pub dnr: String,
    pub title: String,
    pub organisation: String,
    /// The organisation's county, empty when it has none.
    pub county: String,
    /// The notes' bodies, then the documents' counterparts and descriptions.
    pub body: String,
}

impl SearchText {
    /// `notes`: the bodies of the case's notes, `documents`: the counterpart and description of
    /// each of its documents, both in the order they were written.
    pub(super) fn of(
        (year, seq): (i32, i64),
        title: &str,
        (organisation, county): (&str, &str),
        notes: &[&str],
        documents: &[(&str, &str)],
    ) -> Self {
        // The view: the notes joined by ' ', then ' ', then "counterpart description" of each
        // document joined by ' ' (either part empty when there are none).
        let mut body = notes.join(" ");
        body.push(' ');
        for (i, (counterpart, description)) in documents.iter().enumerate() {
            if i > 0 {
                body.push(' ');
            }
            body.push_str(counterpart);
            body.push(' ');
            body.push_str(description);
        }
        Self {
            dnr: format!("{year}/{seq}"),
            title: title.to_string(),
            organisation: organisation.to_string(),
            county: county.to_string(),
            body,
        }
    }
}

/// How many cases' search text differs from what their rows make (a missing row, a changed
/// one, or one left of a case that is gone), and the first such case's id.
pub(super) fn search_text_problems(conn: &Connection) -> Result<Option<(i64, i64)>> {
    let (count, first): (i64, Option<i64>) = conn.query_row(
        "SELECT count(*), min(case_id) FROM (
             SELECT s.case_id FROM case_text_source s LEFT JOIN case_text t ON t.rowid = s.case_id
             WHERE t.rowid IS NULL OR t.dnr IS NOT s.dnr OR t.title IS NOT s.title
                OR t.organisation IS NOT s.organisation OR t.county IS NOT s.county
                OR t.body IS NOT s.body
             UNION ALL
             SELECT t.rowid FROM case_text t
             WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.rowid))",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(first.filter(|_| count > 0).map(|first| (count, first)))
}

// ---------------------------------------------------------------------------------------------
// The counters

/// Per call, of the cases `filter` selects (a condition on `cases`): how many, their granted
/// amounts, and the proposed amounts of those awaiting a decision.
fn call_counts(filter: &str) -> String {
    format!(
        "SELECT call_id, count(*) AS cases, sum(coalesce(granted_ore, 0)) AS granted_ore,
                sum(CASE WHEN {proposed} THEN coalesce(proposed_ore, 0) ELSE 0 END)
                    AS proposed_ore
         FROM cases WHERE {filter} GROUP BY call_id",
        proposed = state_is("state", CaseState::ProposedDecision)
    )
}

/// Per organisation, how many of the cases `filter` selects.
fn organisation_counts(filter: &str) -> String {
    format!(
        "SELECT organisation_id, count(*) AS cases FROM cases WHERE {filter}
         GROUP BY organisation_id"
    )
}

/// Per state and assignee (0: nobody), how many of the cases `filter` selects.
fn state_counts(filter: &str) -> String {
    format!(
        "SELECT state, coalesce(assignee_id, 0) AS assignee_id, count(*) AS cases FROM cases
         WHERE {filter} GROUP BY 1, 2"
    )
}

/// Every call's counters recounted from the cases and their paid instalments, in the columns
/// of `call_tallies`.
static CALL_RECOUNT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT k.call_id, k.cases, k.granted_ore, k.proposed_ore,
                coalesce(p.paid_ore, 0) AS paid_ore
         FROM ({}) k
         LEFT JOIN (SELECT c.call_id AS call_id, sum(coalesce(i.paid_ore, 0)) AS paid_ore
                    FROM instalments i JOIN cases c ON c.id = i.case_id
                    WHERE i.paid_on IS NOT NULL GROUP BY c.call_id) p ON p.call_id = k.call_id",
        call_counts("1")
    )
});

/// The first-year amount of the decision `d` (its amount less its later years, migration 7):
/// what a förslag charges its own call, as `cases.proposed_ore` holds it for the latest one.
fn first_year_amount(d: &str) -> String {
    format!(
        "coalesce({d}.amount_ore, 0)
         - coalesce((SELECT sum(y.amount_ore) FROM decision_years y
                     WHERE y.decision_id = {d}.id
                       AND y.year > (SELECT min(z.year) FROM decision_years z
                                     WHERE z.decision_id = {d}.id)), 0)"
    )
}

/// Adds the cases `?1..=?2` to the counters, as the insert trigger adds them one by one.
static ADD_TO_COUNTERS: LazyLock<[String; 3]> = LazyLock::new(|| {
    let cases = "id BETWEEN ?1 AND ?2";
    [
        format!(
            "INSERT INTO call_tallies (call_id, cases, granted_ore, proposed_ore) {}
             ON CONFLICT (call_id) DO UPDATE SET cases = cases + excluded.cases,
                 granted_ore = granted_ore + excluded.granted_ore,
                 proposed_ore = proposed_ore + excluded.proposed_ore",
            call_counts(cases)
        ),
        format!(
            "INSERT INTO organisation_tallies (organisation_id, cases) {}
             ON CONFLICT (organisation_id) DO UPDATE SET cases = cases + excluded.cases",
            organisation_counts(cases)
        ),
        format!(
            "INSERT INTO state_tallies (state, assignee_id, cases) {}
             ON CONFLICT (state, assignee_id) DO UPDATE SET cases = cases + excluded.cases",
            state_counts(cases)
        ),
    ]
});

/// Writes what the [`INSERT_TRIGGERS`] would have written for the new cases `first..=last`,
/// each with its incoming document: their search text, and their share of the counters. (New
/// cases have no förslag and no paid instalments yet.)
pub(super) fn add_cases(conn: &Connection, first: i64, last: i64) -> Result<()> {
    conn.prepare_cached(ADD_SEARCH_TEXT)?
        .execute(params![first, last])?;
    for sql in ADD_TO_COUNTERS.iter() {
        conn.prepare_cached(sql)?.execute(params![first, last])?;
    }
    Ok(())
}

/// Recounts every counter of migration 8 from the rows it counts: a few grouped scans, seconds
/// at a million cases, against minutes of per-row trigger work during a bulk load. (The
/// migration holds the same recount in its own words.) `cases.proposed_ore` is not recounted:
/// no bulk load writes a förslag.
pub(super) fn recount(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "DELETE FROM call_tallies;
         INSERT INTO call_tallies (call_id, cases, granted_ore, proposed_ore, paid_ore) {calls};
         DELETE FROM organisation_tallies;
         INSERT INTO organisation_tallies (organisation_id, cases) {organisations};
         DELETE FROM state_tallies;
         INSERT INTO state_tallies (state, assignee_id, cases) {states};",
        calls = *CALL_RECOUNT,
        organisations = organisation_counts("1"),
        states = state_counts("1"),
    ))?;
    Ok(())
}

/// The counters that differ from a recount of their rows, named like `call_tallies 3`,
/// `organisation_tallies 12`, `state_tallies inkommen/2` or `cases.proposed_ore 7`. A counter
/// missing and one at zero are the same.
pub(super) fn tally_problems(conn: &Connection) -> Result<Vec<String>> {
    let sql = format!(
        "WITH recounted_calls AS MATERIALIZED ({calls}),
              recounted_organisations AS MATERIALIZED ({organisations}),
              recounted_states AS MATERIALIZED ({states})
         SELECT 'call_tallies ' || call_id FROM (
             SELECT call_id, cases, granted_ore, proposed_ore, paid_ore FROM call_tallies
             WHERE cases <> 0 OR granted_ore <> 0 OR proposed_ore <> 0 OR paid_ore <> 0
             EXCEPT SELECT * FROM recounted_calls)
         UNION
         SELECT 'call_tallies ' || call_id FROM (
             SELECT * FROM recounted_calls
             EXCEPT SELECT call_id, cases, granted_ore, proposed_ore, paid_ore FROM call_tallies)
         UNION
         SELECT 'organisation_tallies ' || organisation_id FROM (
             SELECT organisation_id, cases FROM organisation_tallies WHERE cases <> 0
             EXCEPT SELECT * FROM recounted_organisations)
         UNION
         SELECT 'organisation_tallies ' || organisation_id FROM (
             SELECT * FROM recounted_organisations
             EXCEPT SELECT organisation_id, cases FROM organisation_tallies)
         UNION
         SELECT 'state_tallies ' || state || '/' || assignee_id FROM (
             SELECT state, assignee_id, cases FROM state_tallies WHERE cases <> 0
             EXCEPT SELECT * FROM recounted_states)
         UNION
         SELECT 'state_tallies ' || state || '/' || assignee_id FROM (
             SELECT * FROM recounted_states
             EXCEPT SELECT state, assignee_id, cases FROM state_tallies)
         UNION
         SELECT 'cases.proposed_ore ' || c.id FROM cases c
         WHERE c.proposed_ore IS NOT (
             SELECT {first_year} FROM decisions d
             WHERE d.id = (SELECT max(x.id) FROM decisions x
                           WHERE x.case_id = c.id AND x.kind = 'forslag'))",
        calls = *CALL_RECOUNT,
        organisations = organisation_counts("1"),
        states = state_counts("1"),
        first_year = first_year_amount("d"),
    );
    let names = conn
        .prepare(&sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Store;
    use chrono::{DateTime, TimeZone, Utc};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
            .single()
            .expect("time")
    }

    fn collapsed(sql: &str) -> String {
        sql.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_open_states_are_spelled_as_the_open_cases_index() {
        let store = Store::open_in_memory(now()).expect("store");
        let sql: String = store
            .connection()
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'cases_open'",
                [],
                |r| r.get(0),
            )
            .expect("the index");
        let sql = collapsed(&sql);
        let (_, condition) = sql.split_once(" WHERE ").expect("a partial index");
        assert_eq!(
            condition,
            state_in("state", &CaseState::OPEN),
            "the list of open states must be written as the index writes it"
        );
    }

    #[test]
    fn state_sql_is_the_stored_codes() {
        assert_eq!(
            state_in("c.state", &CaseState::FOLLOWED_UP),
            "c.state IN ('pagaende', 'rapport_vantas')"
        );
        assert_eq!(
            state_is("state", CaseState::ProposedDecision),
            "state = 'forslag_till_beslut'"
        );
    }

    #[test]
    fn the_search_text_is_what_the_view_makes() {
        let store = Store::open_in_memory(now()).expect("store");
        let conn = store.connection();
        conn.execute_batch(
            "INSERT INTO users (id, login, name, roles) VALUES (1, 'anna', 'Anna', 'handlaggare');
             INSERT INTO cases (id, dnr_year, dnr_seq, call_id, organisation_id, step, state,
                 title, received_on, updated_at)
             VALUES (1, 2026, 7, 1, 1, 1, 'inkommen', 'Trygghet', '2026-05-02', 'x'),
                    (2, 2026, 8, 1, 1, 1, 'inkommen', 'Tomt', '2026-05-02', 'x'),
                    (3, 2026, 9, 1, 1, 1, 'inkommen', 'Bara not', '2026-05-02', 'x');
             INSERT INTO notes (case_id, author_id, created_at, body)
             VALUES (1, 1, 'x', 'Ringde'), (1, 1, 'x', 'Mejlade'), (3, 1, 'x', 'En not');
             INSERT INTO documents (case_id, sub_no, direction, doc_date, counterpart,
                 description, registered_by, registered_at)
             VALUES (1, 1, 'in', '2026-05-02', 'Föreningen', 'Ansökan', 1, 'x'),
                    (1, 2, 'ut', '2026-05-03', 'Kommunen', 'Begäran', 1, 'x');",
        )
        .expect("rows");
        let (organisation, county): (String, String) = conn
            .query_row(
                "SELECT name, coalesce(county, '') FROM organisations WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("organisation");
        let made = [
            SearchText::of(
                (2026, 7),
                "Trygghet",
                (&organisation, &county),
                &["Ringde", "Mejlade"],
                &[("Föreningen", "Ansökan"), ("Kommunen", "Begäran")],
            ),
            SearchText::of((2026, 8), "Tomt", (&organisation, &county), &[], &[]),
            SearchText::of(
                (2026, 9),
                "Bara not",
                (&organisation, &county),
                &["En not"],
                &[],
            ),
        ];
        for (id, made) in (1..).zip(made) {
            let viewed = conn
                .query_row(
                    "SELECT dnr, title, organisation, county, body FROM case_text_source
                     WHERE case_id = ?1",
                    [id],
                    |r| {
                        Ok(SearchText {
                            dnr: r.get(0)?,
                            title: r.get(1)?,
                            organisation: r.get(2)?,
                            county: r.get(3)?,
                            body: r.get(4)?,
                        })
                    },
                )
                .expect("view");
            assert_eq!(made, viewed);
        }
        assert_eq!(search_text_problems(conn).expect("check"), None);
        conn.execute("DELETE FROM case_text WHERE rowid = 2", [])
            .expect("delete");
        conn.execute("UPDATE case_text SET title = 'Annat' WHERE rowid = 3", [])
            .expect("update");
        assert_eq!(search_text_problems(conn).expect("check"), Some((2, 2)));
        let report = store.check().expect("check");
        // The user above was inserted without its event, which check rightly reports too.
        let problems: Vec<_> = report
            .problems
            .into_iter()
            .filter(|p| !matches!(p, crate::storage::Problem::User { .. }))
            .collect();
        assert_eq!(
            problems,
            vec![crate::storage::Problem::SearchText {
                cases: 2,
                first: "DELMOS 2026/8".into()
            }]
        );
    }

    #[test]
    fn the_recount_is_what_the_triggers_count() {
        let mut store = Store::open_in_memory(now()).expect("store");
        crate::demo::generate(
            &mut store,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
            &crate::checklists::shipped().expect("checklists"),
        )
        .expect("demo");
        let conn = store.connection();
        let dump = |conn: &Connection| -> Vec<String> {
            let mut out = Vec::new();
            for sql in [
                "SELECT call_id, cases, granted_ore, proposed_ore, paid_ore FROM call_tallies
                 WHERE cases <> 0 ORDER BY 1",
                "SELECT organisation_id, cases FROM organisation_tallies WHERE cases <> 0
                 ORDER BY 1",
                "SELECT state, assignee_id, cases FROM state_tallies WHERE cases <> 0
                 ORDER BY 1, 2",
            ] {
                let mut stmt = conn.prepare(sql).expect("prepare");
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| {
                        (0..n)
                            .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                            .collect::<rusqlite::Result<Vec<_>>>()
                    })
                    .expect("query")
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .expect("rows");
                out.extend(rows.into_iter().map(|r| r.join(" | ")));
            }
            out
        };
        let by_triggers = dump(conn);
        assert!(tally_problems(conn).expect("check").is_empty());
        conn.execute_batch(
            "UPDATE call_tallies SET paid_ore = paid_ore + 1
                 WHERE call_id = (SELECT min(call_id) FROM call_tallies WHERE cases > 0);
             DELETE FROM organisation_tallies WHERE organisation_id =
                 (SELECT min(organisation_id) FROM organisation_tallies WHERE cases > 0);
             INSERT INTO state_tallies (state, assignee_id, cases) VALUES ('avskriven', 99, 1);",
        )
        .expect("spoil");
        let spoiled = tally_problems(conn).expect("check");
        assert_eq!(spoiled.len(), 3, "{spoiled:?}");
        recount(conn).expect("recount");
        assert_eq!(dump(conn), by_triggers);
        assert!(tally_problems(conn).expect("check").is_empty());
    }
}
