//! Steps of the grant process, case states and the deadlines that follow from them.

use chrono::{Months, NaiveDate};

/// The four steps of the grant process; each step is its own case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// 1. Intresseanmälan.
    Interest,
    /// 2. Ansökan om kartläggning, behovsanalys och plan.
    Mapping,
    /// 3. Ansökan om insatser.
    Measures,
    /// 4. Slutrapport och uppföljning.
    FinalReport,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::Interest,
        Step::Mapping,
        Step::Measures,
        Step::FinalReport,
    ];

    pub fn number(self) -> u8 {
        match self {
            Step::Interest => 1,
            Step::Mapping => 2,
            Step::Measures => 3,
            Step::FinalReport => 4,
        }
    }

    pub fn from_number(n: i64) -> Option<Step> {
        Step::ALL.into_iter().find(|s| i64::from(s.number()) == n)
    }

    /// The key of the step's checklist file in `assets/checklists/`.
    pub fn checklist_key(self) -> &'static str {
        match self {
            Step::Interest => "intresseanmalan",
            Step::Mapping => "kartlaggning",
            Step::Measures => "insatser",
            Step::FinalReport => "slutrapport",
        }
    }
}

/// Where a case stands. The stored code is the Swedish snake_case name from the product spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseState {
    Received,
    InProgress,
    SupplementRequested,
    ProposedDecision,
    Decided,
    Dispatched,
    Ongoing,
    ReportDue,
    Closed,
    Withdrawn,
    WrittenOff,
}

impl CaseState {
    pub const ALL: [CaseState; 11] = [
        CaseState::Received,
        CaseState::InProgress,
        CaseState::SupplementRequested,
        CaseState::ProposedDecision,
        CaseState::Decided,
        CaseState::Dispatched,
        CaseState::Ongoing,
        CaseState::ReportDue,
        CaseState::Closed,
        CaseState::Withdrawn,
        CaseState::WrittenOff,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            CaseState::Received => "inkommen",
            CaseState::InProgress => "under_handlaggning",
            CaseState::SupplementRequested => "komplettering_begard",
            CaseState::ProposedDecision => "forslag_till_beslut",
            CaseState::Decided => "beslutad",
            CaseState::Dispatched => "expedierad",
            CaseState::Ongoing => "pagaende",
            CaseState::ReportDue => "rapport_vantas",
            CaseState::Closed => "avslutad",
            CaseState::Withdrawn => "aterkallad",
            CaseState::WrittenOff => "avskriven",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseState> {
        CaseState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Has the authority decided the matter (so the FL 12 § clock no longer matters)?
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            CaseState::Decided
                | CaseState::Dispatched
                | CaseState::Ongoing
                | CaseState::ReportDue
                | CaseState::Closed
                | CaseState::Withdrawn
                | CaseState::WrittenOff
        )
    }

    /// Is the case finished, with nothing left for the authority to do?
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CaseState::Closed | CaseState::Withdrawn | CaseState::WrittenOff
        )
    }

    /// Is the case still being handled (not avslutad, återkallad or avskriven)?
    pub fn is_open(self) -> bool {
        !self.is_final()
    }

    /// Is the grant in use (pågående or rapport väntas)? A late report makes a case late from
    /// expedierad on ([`CaseState::AWAITING_REPORT`]).
    pub fn is_followed_up(self) -> bool {
        matches!(self, CaseState::Ongoing | CaseState::ReportDue)
    }

    /// The open states ([`CaseState::is_open`]), in the order of [`CaseState::ALL`].
    pub const OPEN: [CaseState; 8] = [
        CaseState::Received,
        CaseState::InProgress,
        CaseState::SupplementRequested,
        CaseState::ProposedDecision,
        CaseState::Decided,
        CaseState::Dispatched,
        CaseState::Ongoing,
        CaseState::ReportDue,
    ];

    /// The states before the authority's decision, in which the FL 12 § mark counts
    /// (not [`CaseState::is_decided`]), in the order of [`CaseState::ALL`].
    pub const UNDECIDED: [CaseState; 4] = [
        CaseState::Received,
        CaseState::InProgress,
        CaseState::SupplementRequested,
        CaseState::ProposedDecision,
    ];

    /// The states in which a grant is followed up ([`CaseState::is_followed_up`]), in the
    /// order of [`CaseState::ALL`].
    pub const FOLLOWED_UP: [CaseState; 2] = [CaseState::Ongoing, CaseState::ReportDue];

    /// The states in which a report past its date and not received makes the case late: from
    /// the dispatch of the decision that asks for it (a grant whose report is overdue is late
    /// whether or not a payment has moved it on to pågående) until the case is closed. The
    /// next action and the Försenade queue both read this one list (issue 19: the queue had
    /// left out `expedierad`).
    pub const AWAITING_REPORT: [CaseState; 3] = [
        CaseState::Dispatched,
        CaseState::Ongoing,
        CaseState::ReportDue,
    ];
}

/// Förvaltningslagen 12 §: after six months from inkommen the party may demand a decision.
/// The clock never pauses.
pub fn statutory_deadline(received_on: NaiveDate) -> NaiveDate {
    received_on
        .checked_add_months(Months::new(6))
        .unwrap_or(NaiveDate::MAX)
}

/// Days from `from` to `to` (negative when `to` lies before `from`).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn state_codes_round_trip() {
        for s in CaseState::ALL {
            assert_eq!(CaseState::from_code(s.code()), Some(s));
        }
        assert_eq!(CaseState::from_code("okänd"), None);
    }

    #[test]
    fn step_numbers_round_trip() {
        for s in Step::ALL {
            assert_eq!(Step::from_number(i64::from(s.number())), Some(s));
        }
        assert_eq!(Step::from_number(0), None);
        assert_eq!(Step::from_number(5), None);
    }

    #[test]
    fn statutory_deadline_table() {
        let cases = [
            (d(2018, 5, 15), d(2018, 11, 15)),
            (d(2018, 8, 31), d(2019, 2, 28)),
            (d(2020, 8, 31), d(2021, 2, 28)),
            (d(2019, 8, 31), d(2020, 2, 29)),
        ];
        for (received, due) in cases {
            assert_eq!(statutory_deadline(received), due, "{received}");
        }
    }

    #[test]
    fn the_state_sets_are_their_predicates_in_order() {
        let filtered = |keep: fn(CaseState) -> bool| -> Vec<CaseState> {
            CaseState::ALL.into_iter().filter(|s| keep(*s)).collect()
        };
        assert_eq!(CaseState::OPEN.to_vec(), filtered(CaseState::is_open));
        assert_eq!(CaseState::UNDECIDED.to_vec(), filtered(|s| !s.is_decided()));
        assert_eq!(
            CaseState::FOLLOWED_UP.to_vec(),
            filtered(CaseState::is_followed_up)
        );
    }

    #[test]
    fn final_states_are_decided() {
        for s in CaseState::ALL {
            if s.is_final() {
                assert!(s.is_decided(), "{s:?}");
            }
        }
    }
}
