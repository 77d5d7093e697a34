//! The search language of the `/` filter and the full-text search, the sort orders of a case
//! list, and the next action a case asks for. Pure: `today` is passed in.

use super::{CaseSource, CaseState, Step};
use chrono::NaiveDate;

/// A parsed query: free words (all must match somewhere) and field words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Search {
    /// Free words, each a substring that must occur (case-insensitive).
    pub words: Vec<String>,
    pub dnr: Option<String>,
    pub kommun: Option<String>,
    pub lan: Option<String>,
    pub status: Option<CaseState>,
    pub step: Option<Step>,
    pub assignee: Option<String>,
}

/// Why a query cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("unknown field {0}:")]
    UnknownField(String),
    #[error("{field}: needs a value")]
    EmptyValue { field: String },
    #[error("unknown status {0}")]
    UnknownStatus(String),
    #[error("unknown step {0}")]
    UnknownStep(String),
}

/// The field words, as typed (Swedish, lower case).
pub const FIELDS: [&str; 6] = ["dnr", "kommun", "län", "status", "steg", "handläggare"];

/// Folds å, ä, ö and case so that `förslag` finds the code `forslag_till_beslut`.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c => c,
        })
        .collect()
}

fn status_of(value: &str) -> Result<CaseState, SearchError> {
    let wanted = fold(value).replace(' ', "_");
    let matches: Vec<CaseState> = CaseState::ALL
        .into_iter()
        .filter(|s| s.code().starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        _ => CaseState::ALL
            .into_iter()
            .find(|s| s.code() == wanted)
            .ok_or_else(|| SearchError::UnknownStatus(value.to_string())),
    }
}

impl Search {
    /// Parses `words and field:value words`; a value may be quoted to hold spaces.
    pub fn parse(text: &str) -> Result<Search, SearchError> {
        let mut search = Search::default();
        for token in tokens(text) {
            let Some((field, value)) = token.split_once(':') else {
                search.words.push(token);
                continue;
            };
            let field_folded = fold(field);
            let value = value.trim_matches('"').trim().to_string();
            let known = FIELDS.iter().any(|f| fold(f) == field_folded);
            if !known {
                return Err(SearchError::UnknownField(field.to_string()));
            }
            if value.is_empty() {
                return Err(SearchError::EmptyValue {
                    field: field.to_string(),
                });
            }
            match field_folded.as_str() {
                "dnr" => search.dnr = Some(value),
                "kommun" => search.kommun = Some(value),
                "lan" => search.lan = Some(value),
                "status" => search.status = Some(status_of(&value)?),
                "steg" => {
                    let step = value
                        .parse::<i64>()
                        .ok()
                        .and_then(Step::from_number)
                        .ok_or_else(|| SearchError::UnknownStep(value.clone()))?;
                    search.step = Some(step);
                }
                _ => search.assignee = Some(value),
            }
        }
        Ok(search)
    }

    pub fn is_empty(&self) -> bool {
        *self == Search::default()
    }
}

/// Splits on whitespace, keeping `"quoted words"` (also after `field:`) together.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c if c.is_control() => {}
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.into_iter()
        .map(|t| {
            if t.contains(':') {
                t
            } else {
                t.trim_matches('"').to_string()
            }
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// What a case list shows: a source, narrowed by a search, in an order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseQuery {
    pub source: CaseSource,
    pub search: Search,
    /// Whether free words may also match notes and documents (the full-text search).
    pub body: bool,
    pub sort: Sort,
}

impl CaseQuery {
    /// Every case of the source, oldest first.
    pub fn of(source: CaseSource) -> Self {
        Self {
            source,
            search: Search::default(),
            body: false,
            sort: Sort::default(),
        }
    }
}

/// Where a window of a list starts. Next to a row already shown, the window is a seek in the
/// list's index (keyset pagination), as fast at row 900 000 as at row 1; a position is read
/// by skipping rows, which is only for the top of a list and rare jumps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// From the window's position (OFFSET).
    At,
    /// The rows after this one.
    After(RowKey),
    /// This row and the ones after it: the same window again, after a write.
    From(RowKey),
    /// The rows just before this one.
    Before(RowKey),
    /// The last rows of the list.
    End,
}

/// How many cases a list holds, as far as they were counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListSize {
    pub total: usize,
    /// A common word in a large list: more than `total` match, and the newest `total` are
    /// listed, newest first.
    pub capped: bool,
    /// Words shorter than three characters wait for a longer one in a large list.
    pub short_dropped: bool,
}

/// A row's place in its list's order: the first sort column as stored, then what breaks ties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowKey {
    pub order: String,
    pub received_on: String,
    pub id: i64,
    pub organisation_id: i64,
}

impl RowKey {
    pub fn of(row: &crate::domain::CaseRow) -> Self {
        Self {
            order: row.order_key.clone(),
            received_on: row.received_on.format("%Y-%m-%d").to_string(),
            id: row.id,
            organisation_id: row.organisation_id,
        }
    }
}

/// A caseworker's own queue: a named filter over a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQueue {
    pub id: i64,
    pub name: String,
    pub source: CaseSource,
    /// The filter as typed (parsed again when used).
    pub text: String,
    /// A full-text search over every case rather than a filter of `source`.
    pub everywhere: bool,
    pub sort: Sort,
}

/// The order of a case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Sort {
    /// Oldest received first: first come, first served.
    #[default]
    Received,
    /// The nearest deadline first (komplettering, report, or the FL 12 § six-month mark).
    Deadline,
    /// By organisation name.
    Organisation,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Received, Sort::Deadline, Sort::Organisation];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Received => "received",
            Sort::Deadline => "deadline",
            Sort::Organisation => "organisation",
        }
    }

    pub fn from_code(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn next(self) -> Sort {
        match self {
            Sort::Received => Sort::Deadline,
            Sort::Deadline => Sort::Organisation,
            Sort::Organisation => Sort::Received,
        }
    }
}

/// What a case needs next, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextAction {
    /// The FL 12 § six-month mark is this many days away (negative: passed).
    Statutory {
        days: i64,
    },
    /// The komplettering was due this many days ago.
    SupplementOverdue {
        days: i64,
    },
    AwaitingSupplement {
        due: NaiveDate,
    },
    /// Nobody is assigned to a new case.
    Assign,
    /// Checklist items not answered yet (`mandatory`: only the mandatory ones are counted).
    Unanswered {
        count: usize,
        mandatory: bool,
    },
    /// All answered: time to propose a decision.
    Propose,
    AwaitingDecider,
    Dispatch,
    ReportOverdue {
        days: i64,
    },
    AwaitingReport {
        due: NaiveDate,
    },
    Nothing,
}

/// The facts about a case that its next action depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub state: CaseState,
    pub received_on: NaiveDate,
    pub assigned: bool,
    pub supplement_due_on: Option<NaiveDate>,
    pub report_due_on: Option<NaiveDate>,
    /// Items still to answer, when known.
    pub unanswered: Option<usize>,
    /// Whether `unanswered` counts only mandatory items.
    pub mandatory_only: bool,
}

/// The one thing the caseworker should do next with the case.
pub fn next_action(f: &CaseFacts, today: NaiveDate) -> NextAction {
    use CaseState as S;
    let open_before_decision = matches!(
        f.state,
        S::Received | S::InProgress | S::SupplementRequested | S::ProposedDecision
    );
    if open_before_decision {
        let mark = super::case::statutory_deadline(f.received_on);
        let days = (mark - today).num_days();
        if days <= super::model::STATUTORY_WARNING_DAYS {
            return NextAction::Statutory { days };
        }
    }
    match f.state {
        S::SupplementRequested => match f.supplement_due_on {
            Some(due) if due < today => NextAction::SupplementOverdue {
                days: (today - due).num_days(),
            },
            Some(due) => NextAction::AwaitingSupplement { due },
            None => NextAction::AwaitingSupplement { due: today },
        },
        S::Received | S::InProgress => {
            if !f.assigned {
                NextAction::Assign
            } else {
                match f.unanswered {
                    Some(0) => NextAction::Propose,
                    Some(count) => NextAction::Unanswered {
                        count,
                        mandatory: f.mandatory_only,
                    },
                    None => NextAction::Propose,
                }
            }
        }
        S::ProposedDecision => NextAction::AwaitingDecider,
        S::Decided => NextAction::Dispatch,
        s if CaseState::AWAITING_REPORT.contains(&s) => match f.report_due_on {
            Some(due) if due < today => NextAction::ReportOverdue {
                days: (today - due).num_days(),
            },
            Some(due) => NextAction::AwaitingReport { due },
            None => NextAction::Nothing,
        },
        S::Dispatched | S::Ongoing | S::ReportDue => NextAction::Nothing,
        S::Closed | S::Withdrawn | S::WrittenOff => NextAction::Nothing,
    }
}

impl NextAction {
    /// Does this need attention now (shown in the warning colour)?
    pub fn urgent(self) -> bool {
        matches!(
            self,
            NextAction::Statutory { .. }
                | NextAction::SupplementOverdue { .. }
                | NextAction::ReportOverdue { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn parse_table() {
        let ok = [
            ("", Search::default()),
            (
                "ale  skola",
                Search {
                    words: vec!["ale".into(), "skola".into()],
                    ..Search::default()
                },
            ),
            (
                "dnr:2026/12 steg:2",
                Search {
                    dnr: Some("2026/12".into()),
                    step: Some(Step::Mapping),
                    ..Search::default()
                },
            ),
            (
                "status:förslag KOMMUN:Ale",
                Search {
                    status: Some(CaseState::ProposedDecision),
                    kommun: Some("Ale".into()),
                    ..Search::default()
                },
            ),
            (
                "handläggare:\"Anna Berg\" län:skåne",
                Search {
                    assignee: Some("Anna Berg".into()),
                    lan: Some("skåne".into()),
                    ..Search::default()
                },
            ),
            (
                "\"Röda korset\"",
                Search {
                    words: vec!["Röda korset".into()],
                    ..Search::default()
                },
            ),
            (
                "status:inkommen",
                Search {
                    status: Some(CaseState::Received),
                    ..Search::default()
                },
            ),
        ];
        for (text, want) in ok {
            assert_eq!(Search::parse(text), Ok(want), "{text}");
        }
        let bad = [
            ("färg:röd", SearchError::UnknownField("färg".into())),
            (
                "dnr:",
                SearchError::EmptyValue {
                    field: "dnr".into(),
                },
            ),
            ("status:a", SearchError::UnknownStatus("a".into())),
            ("steg:9", SearchError::UnknownStep("9".into())),
        ];
        for (text, want) in bad {
            assert_eq!(Search::parse(text), Err(want), "{text}");
        }
    }

    #[test]
    fn next_action_table() {
        let today = d("2026-11-28");
        let base = CaseFacts {
            state: CaseState::InProgress,
            received_on: d("2026-11-01"),
            assigned: true,
            supplement_due_on: None,
            report_due_on: None,
            unanswered: Some(3),
            mandatory_only: true,
        };
        let cases = [
            (
                base,
                NextAction::Unanswered {
                    count: 3,
                    mandatory: true,
                },
            ),
            (
                CaseFacts {
                    unanswered: Some(0),
                    ..base
                },
                NextAction::Propose,
            ),
            (
                CaseFacts {
                    assigned: false,
                    state: CaseState::Received,
                    ..base
                },
                NextAction::Assign,
            ),
            (
                CaseFacts {
                    state: CaseState::SupplementRequested,
                    supplement_due_on: Some(d("2026-11-26")),
                    ..base
                },
                NextAction::SupplementOverdue { days: 2 },
            ),
            (
                CaseFacts {
                    state: CaseState::SupplementRequested,
                    supplement_due_on: Some(d("2026-12-05")),
                    ..base
                },
                NextAction::AwaitingSupplement {
                    due: d("2026-12-05"),
                },
            ),
            (
                CaseFacts {
                    received_on: d("2026-06-01"),
                    ..base
                },
                NextAction::Statutory { days: 3 },
            ),
            (
                CaseFacts {
                    state: CaseState::ProposedDecision,
                    ..base
                },
                NextAction::AwaitingDecider,
            ),
            (
                CaseFacts {
                    state: CaseState::Decided,
                    ..base
                },
                NextAction::Dispatch,
            ),
            (
                CaseFacts {
                    state: CaseState::Ongoing,
                    report_due_on: Some(d("2026-11-18")),
                    ..base
                },
                NextAction::ReportOverdue { days: 10 },
            ),
            (
                CaseFacts {
                    state: CaseState::Closed,
                    received_on: d("2020-01-01"),
                    ..base
                },
                NextAction::Nothing,
            ),
        ];
        for (facts, want) in cases {
            assert_eq!(next_action(&facts, today), want, "{facts:?}");
        }
    }

    #[test]
    fn sort_cycles_through_all() {
        let mut s = Sort::default();
        for _ in 0..Sort::ALL.len() {
            s = s.next();
        }
        assert_eq!(s, Sort::default());
    }
}
