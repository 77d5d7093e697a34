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
    /// Reports the decisions ask for that have not come in (a received or reviewed report is
    /// no longer expected): the case, which report, when due.
    pub open_reports: Vec<(Dnr, super::followup::ReportKind, NaiveDate)>,
    /// Every återkrav of its cases, decided or not, with its case.
    pub recoveries: Vec<(Dnr, super::followup::Recovery)>,
    /// Users with an active jäv declaration for it: name and reason.
    pub jav: Vec<(String, String)>,
    /// Where it stands in the chain of steps.
    pub standing: super::decision::Standing,
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
