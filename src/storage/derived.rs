//! SQL derived from the domain: the spelling of its sets of case states that the lists and the
//! counters read.

use crate::domain::CaseState;

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
}
