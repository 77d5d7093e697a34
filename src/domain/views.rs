//! What the screens and reports read beyond a single case: an organisation's overview, the
//! granted report's rows, contact persons. Plain data, filled by storage.

use super::case::{CaseState, Step};
use super::dnr::Dnr;
use super::model::{CaseRow, OrgKind, Organisation};
use super::money::Money;
use chrono::NaiveDate;

/// A contact person (personal data, GDPR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: i64,
    pub organisation: String,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

/// One case in an organisation's overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgCase {
    pub row: CaseRow,
    pub call: String,
    pub granted: Option<Money>,
}

/// Everything about one organisation: its cases across calls and steps, what it was granted,
/// the reports it owes, and its contact persons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgOverview {
    pub organisation: Organisation,
    pub cases: Vec<OrgCase>,
    pub granted_total: Money,
    /// Cases whose report is due (or overdue) and not yet in.
    pub open_reports: Vec<(Dnr, NaiveDate)>,
    pub contacts: Vec<Contact>,
}

/// Case counts per state and per step.
pub type Counts = (Vec<(CaseState, i64)>, Vec<(Step, i64)>);

/// One granted case in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    pub reform_areas: Vec<crate::domain::ReformArea>,
    pub organisation: String,
    pub org_nr: String,
    pub kind: OrgKind,
    pub county: String,
    pub call: String,
    pub step: Step,
    pub amount: Money,
}
