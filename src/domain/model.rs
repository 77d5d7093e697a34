//! The records the application shows: plain data, filled by storage, read by the app and the UI.

use super::case::{CaseState, Step};
use super::checklist::Answer;
use super::dnr::Dnr;
use super::money::Money;
use super::orgnr::OrgNr;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    Kommun,
    Region,
    Kommunalforbund,
    IdeellForening,
    Stiftelse,
    Trossamfund,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::Kommun,
        OrgKind::Region,
        OrgKind::Kommunalforbund,
        OrgKind::IdeellForening,
        OrgKind::Stiftelse,
        OrgKind::Trossamfund,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Kommun => "kommun",
            OrgKind::Region => "region",
            OrgKind::Kommunalforbund => "kommunalforbund",
            OrgKind::IdeellForening => "ideell_forening",
            OrgKind::Stiftelse => "stiftelse",
            OrgKind::Trossamfund => "trossamfund",
        }
    }

    pub fn from_code(code: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What a user may do. Registrator: register cases and documents, import; handläggare: handle
/// cases; beslutsfattare: decide, within a delegation; attestant: attest payments; administratör:
/// calls, users and the agency's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Registrar,
    Caseworker,
    DecisionMaker,
    Attestant,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Registrar,
        Role::Caseworker,
        Role::DecisionMaker,
        Role::Attestant,
        Role::Administrator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Registrar => "registrator",
            Role::Caseworker => "handlaggare",
            Role::DecisionMaker => "beslutsfattare",
            Role::Attestant => "attestant",
            Role::Administrator => "administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    pub id: i64,
    /// The operating-system account the user acts from.
    pub login: String,
    pub name: String,
    pub roles: Vec<Role>,
    /// As letters name the user ("handläggare", "direktör").
    pub title: String,
    /// A deactivated user cannot act; their history stays.
    pub active: bool,
    /// What a beslutsfattare may decide.
    pub delegation: super::admin::Delegation,
}

impl User {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: i64,
    pub kind: OrgKind,
    pub name: String,
    pub org_nr: Option<OrgNr>,
    /// Kommunkod for a kommun, länskod for a region.
    pub code: Option<String>,
    pub county: Option<String>,
    pub case_count: i64,
}

impl Organisation {
    /// Does every word of `query` stand in the name, the organisationsnummer (with or without
    /// its dash), the län, the kommun- or länskod or the kind? Case is ignored; å, ä and ö are
    /// letters of their own.
    pub fn matches(&self, query: &str) -> bool {
        let nr = self.org_nr.map(|n| n.to_string()).unwrap_or_default();
        let haystack = format!(
            "{} {} {} {} {} {}",
            self.name,
            nr,
            nr.replace('-', ""),
            self.county.as_deref().unwrap_or(""),
            self.code.as_deref().unwrap_or(""),
            self.kind.code().replace('_', " ")
        )
        .to_lowercase();
        query
            .to_lowercase()
            .split_whitespace()
            .all(|w| haystack.contains(w))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: i64,
    pub name: String,
    pub step: Step,
    pub regulation: String,
    pub opens_on: NaiveDate,
    pub closes_on: Option<NaiveDate>,
    pub budget: Money,
    pub case_count: i64,
    /// Granted so far, and proposed but not yet decided.
    pub granted: Money,
    pub proposed: Money,
    /// Paid out of what is granted.
    pub paid: Money,
    /// Committed from earlier years' multi-year grants (issue 6).
    pub committed: Money,
    /// Paid of `committed`, the later years of this call's own grants and what is paid of
    /// them (see [`super::decision::Budget`]).
    pub paid_committed: Money,
    pub later: Money,
    pub paid_later: Money,
}

impl Call {
    pub fn budget_status(&self) -> super::decision::Budget {
        super::decision::Budget {
            budget: self.budget,
            granted: self.granted,
            proposed: self.proposed,
            paid: self.paid,
            committed: self.committed,
            paid_committed: self.paid_committed,
            later: self.later,
            paid_later: self.paid_later,
            year: chrono::Datelike::year(&self.opens_on),
        }
    }
}

/// The case queues of the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Queue {
    New,
    Mine,
    Unassigned,
    AwaitingSupplement,
    ReadyForDecision,
    /// Decided and not yet sent: a first decision, or a changed one (issue 19, item 7).
    ToDispatch,
    Overdue,
    AllOpen,
}

impl Queue {
    /// The name stored for a saved queue's source.
    pub fn code(self) -> &'static str {
        match self {
            Queue::New => "nya",
            Queue::Mine => "mina",
            Queue::Unassigned => "ej_tilldelade",
            Queue::AwaitingSupplement => "komplettering",
            Queue::ReadyForDecision => "redo_for_beslut",
            Queue::ToDispatch => "att_expediera",
            Queue::Overdue => "forsenade",
            Queue::AllOpen => "alla_oppna",
        }
    }

    pub fn from_code(code: &str) -> Option<Queue> {
        Queue::ALL.into_iter().find(|q| q.code() == code)
    }

    pub const ALL: [Queue; 8] = [
        Queue::New,
        Queue::Mine,
        Queue::Unassigned,
        Queue::AwaitingSupplement,
        Queue::ReadyForDecision,
        Queue::ToDispatch,
        Queue::Overdue,
        Queue::AllOpen,
    ];
}

/// Days before the FL 12 § six-month mark from which a case counts as overdue.
pub const STATUTORY_WARNING_DAYS: i64 = 30;

/// A case counts as overdue when it has not been decided and was received on or before this
/// date: the six-month mark is at most [`STATUTORY_WARNING_DAYS`] away or passed.
pub fn statutory_warning_cutoff(today: NaiveDate) -> NaiveDate {
    let horizon = today + chrono::Duration::days(STATUTORY_WARNING_DAYS);
    horizon
        .checked_sub_months(chrono::Months::new(6))
        .unwrap_or(NaiveDate::MIN)
}

/// Which cases the case list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseSource {
    Call(i64),
    Organisation(i64),
    Queue(Queue),
    /// Every case: what a full-text search narrows.
    All,
}

impl CaseSource {
    /// How a saved queue stores its source.
    pub fn code(self) -> String {
        match self {
            CaseSource::Call(id) => format!("call:{id}"),
            CaseSource::Organisation(id) => format!("organisation:{id}"),
            CaseSource::Queue(q) => format!("queue:{}", q.code()),
            CaseSource::All => "all".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<CaseSource> {
        if code == "all" {
            return Some(CaseSource::All);
        }
        let (kind, value) = code.split_once(':')?;
        match kind {
            "call" => value.parse().ok().map(CaseSource::Call),
            "organisation" => value.parse().ok().map(CaseSource::Organisation),
            "queue" => Queue::from_code(value).map(CaseSource::Queue),
            _ => None,
        }
    }
}

/// One row of a case list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: i64,
    pub dnr: Dnr,
    pub organisation_id: i64,
    pub organisation: String,
    pub step: Step,
    pub state: CaseState,
    pub received_on: NaiveDate,
    pub assignee: Option<String>,
    pub requested: Money,
    pub supplement_due_on: Option<NaiveDate>,
    pub report_due_on: Option<NaiveDate>,
    /// The keys of the checklist items answered so far (the list counts the mandatory ones
    /// left, as the case header does).
    pub answered: Vec<String>,
    /// The value the list is ordered by first, as stored (for the next window's seek).
    pub order_key: String,
}

impl CaseRow {
    /// The nearest deadline, as the deadline order counts it: the komplettering's, else the
    /// report's, else the FL 12 § six months from inkommen.
    pub fn deadline(&self) -> NaiveDate {
        self.supplement_due_on
            .or(self.report_due_on)
            .unwrap_or_else(|| super::case::statutory_deadline(self.received_on))
    }
}

/// Everything the case view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetail {
    pub id: i64,
    pub dnr: Dnr,
    pub title: String,
    pub organisation: Organisation,
    pub call: Call,
    pub step: Step,
    pub state: CaseState,
    pub received_on: NaiveDate,
    pub requested: Money,
    pub granted: Option<Money>,
    pub assignee: Option<String>,
    pub assignee_id: Option<i64>,
    pub supplement_due_on: Option<NaiveDate>,
    pub report_due_on: Option<NaiveDate>,
    pub checklist_id: Option<String>,
    /// The checklist version the case is assessed against, as kept in the database.
    pub checklist: Option<super::checklist::ChecklistTemplate>,
    /// Counts changes; a write based on an older version is refused.
    pub version: i64,
    pub answers: Vec<ChecklistAnswer>,
    pub documents: Vec<Document>,
    pub notes: Vec<Note>,
    pub decisions: Vec<Decision>,
    pub events: Vec<Event>,
    /// The call's money, for the budget line while proposing and deciding.
    pub budget: super::decision::Budget,
    /// Users who declared jäv for the organisation.
    pub jav_users: Vec<i64>,
    pub reform_areas: Vec<ReformArea>,
    /// Payment plan, reports and återkrav of a grant (issue 6).
    pub followup: super::followup::Followup,
    /// The agency as its letters name it (settings an administratör changes).
    pub letterhead: super::admin::Letterhead,
}

impl CaseDetail {
    /// The latest proposal, if any.
    pub fn proposal(&self) -> Option<&Decision> {
        self.decisions
            .iter()
            .filter(|d| d.kind == DecisionKind::Proposal)
            .max_by_key(|d| d.id)
    }

    /// The latest decision, if any.
    pub fn decision(&self) -> Option<&Decision> {
        self.decisions
            .iter()
            .filter(|d| d.kind == DecisionKind::Decision)
            .max_by_key(|d| d.id)
    }
}

/// What the rules need to know about a case: read inside the transaction that writes, so a
/// rule is checked against the case as it is, not as a screen last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub id: i64,
    pub dnr: Dnr,
    pub organisation_id: i64,
    pub organisation: String,
    pub call_id: i64,
    pub step: Step,
    pub state: CaseState,
    pub version: i64,
    pub received_on: NaiveDate,
    pub requested: Money,
    pub granted: Option<Money>,
    pub assignee_id: Option<i64>,
    pub supplement_due_on: Option<NaiveDate>,
    /// The checklist version the case is assessed against, if one is chosen.
    pub checklist_id: Option<String>,
    /// That version's text is kept and readable (a case is never assessed against another).
    pub has_checklist: bool,
    /// Keys of mandatory checklist items without an answer (of the chosen version).
    pub unanswered_mandatory: Vec<String>,
    /// Users with an active jäv declaration for the organisation.
    pub jav_users: Vec<i64>,
}

impl CaseFacts {
    /// The state machine's view of the case.
    pub fn workflow(&self) -> super::workflow::Facts {
        super::workflow::Facts {
            step: Some(self.step),
            unanswered_mandatory: self.unanswered_mandatory.clone(),
            has_checklist: self.has_checklist,
            granted: self.granted.is_some_and(|g| g.ore() > 0),
        }
    }
}

impl CaseDetail {
    /// The rules' view of the case as the screen holds it (to offer only what the rules allow;
    /// the write checks again against the database).
    pub fn facts(&self) -> CaseFacts {
        let answered: std::collections::HashSet<&str> =
            self.answers.iter().map(|a| a.item_key.as_str()).collect();
        CaseFacts {
            id: self.id,
            dnr: self.dnr.clone(),
            organisation_id: self.organisation.id,
            organisation: self.organisation.name.clone(),
            call_id: self.call.id,
            step: self.step,
            state: self.state,
            version: self.version,
            received_on: self.received_on,
            requested: self.requested,
            granted: self.granted,
            assignee_id: self.assignee_id,
            supplement_due_on: self.supplement_due_on,
            checklist_id: self.checklist_id.clone(),
            has_checklist: self.checklist.is_some(),
            unanswered_mandatory: self
                .checklist
                .as_ref()
                .map(|t| {
                    t.unanswered_mandatory(&answered)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            jav_users: self.jav_users.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistAnswer {
    pub item_key: String,
    pub answer: Answer,
    pub comment: String,
    pub answered_by: String,
    pub answered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Incoming,
    Outgoing,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Incoming => "in",
            Direction::Outgoing => "ut",
        }
    }

    pub fn from_code(code: &str) -> Option<Direction> {
        match code {
            "in" => Some(Direction::Incoming),
            "ut" => Some(Direction::Outgoing),
            _ => None,
        }
    }
}

/// A registered document (handling), OSL 5 kap. 2 §.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub sub_no: u32,
    pub direction: Direction,
    pub date: NaiveDate,
    pub counterpart: String,
    pub description: String,
    pub registered_by: String,
}

/// A tjänsteanteckning (FL 27 §): who and when, never changed afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    Proposal,
    Decision,
}

impl DecisionKind {
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Proposal => "forslag",
            DecisionKind::Decision => "beslut",
        }
    }

    pub fn from_code(code: &str) -> Option<DecisionKind> {
        match code {
            "forslag" => Some(DecisionKind::Proposal),
            "beslut" => Some(DecisionKind::Decision),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Positive,
    Negative,
    Granted,
    PartlyGranted,
    Rejected,
    Dismissed,
    WrittenOff,
    Approved,
}

impl Outcome {
    pub const ALL: [Outcome; 8] = [
        Outcome::Positive,
        Outcome::Negative,
        Outcome::Granted,
        Outcome::PartlyGranted,
        Outcome::Rejected,
        Outcome::Dismissed,
        Outcome::WrittenOff,
        Outcome::Approved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Positive => "positivt_besked",
            Outcome::Negative => "negativt_besked",
            Outcome::Granted => "bifall",
            Outcome::PartlyGranted => "delvis_bifall",
            Outcome::Rejected => "avslag",
            Outcome::Dismissed => "avvisning",
            Outcome::WrittenOff => "avskrivning",
            Outcome::Approved => "godkand",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: i64,
    pub kind: DecisionKind,
    pub decided_on: NaiveDate,
    pub outcome: Outcome,
    pub amount: Option<Money>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub report_due_on: Option<NaiveDate>,
    pub motivation: String,
    pub rules: String,
    pub presenter_id: Option<i64>,
    pub presenter: Option<String>,
    pub decider: Option<String>,
    pub appeal_text: String,
    /// When the decision was expedited; from then on it never changes.
    pub sent_on: Option<NaiveDate>,
    pub over_budget_confirmed: bool,
    /// The date of the decision this one corrects or changes, if any.
    pub supersedes: Option<NaiveDate>,
    /// The amount per calendar year of a multi-year grant; empty: all in one year.
    pub years: Vec<super::multiyear::YearAmount>,
}

/// One entry of the append-only event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: DateTime<Utc>,
    /// The name of who did it (empty for the system).
    pub user: String,
    /// The kind, or the code as stored when this version does not know it (a newer one wrote it).
    pub kind: Result<super::event::EventKind, String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Event {
    pub fn is(&self, kind: super::event::EventKind) -> bool {
        self.kind == Ok(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::from_code(k.code()), Some(k));
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_code(o.code()), Some(o));
        }
        for d in [Direction::Incoming, Direction::Outgoing] {
            assert_eq!(Direction::from_code(d.code()), Some(d));
        }
        for k in [DecisionKind::Proposal, DecisionKind::Decision] {
            assert_eq!(DecisionKind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn statutory_cutoff() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        // 2026-12-28 minus six months.
        assert_eq!(
            statutory_warning_cutoff(today),
            NaiveDate::from_ymd_opt(2026, 6, 28).expect("date")
        );
    }
}

/// The five reform areas of the government's long-term strategy (domain.md § 7), and "annat"
/// for other locally urgent areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReformArea {
    Housing,
    Education,
    Labour,
    Democracy,
    Crime,
    Other,
}

impl ReformArea {
    pub const ALL: [ReformArea; 6] = [
        ReformArea::Housing,
        ReformArea::Education,
        ReformArea::Labour,
        ReformArea::Democracy,
        ReformArea::Crime,
        ReformArea::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReformArea::Housing => "BOENDE",
            ReformArea::Education => "UTBILDNING",
            ReformArea::Labour => "ARBETE",
            ReformArea::Democracy => "DEMOKRATI",
            ReformArea::Crime => "BROTT",
            ReformArea::Other => "ANNAT",
        }
    }

    /// Reads a code or a Swedish name ("boende", "Demokrati och civilsamhälle"), any case.
    pub fn parse(text: &str) -> Option<ReformArea> {
        let t = text.trim().to_lowercase();
        ReformArea::ALL.into_iter().find(|a| {
            let code = a.code().to_lowercase();
            let names: &[&str] = match a {
                ReformArea::Housing => &["boende"],
                ReformArea::Education => &["utbildning"],
                ReformArea::Labour => &["arbete", "arbetsmarknad"],
                ReformArea::Democracy => &["demokrati", "demokrati och civilsamhälle"],
                ReformArea::Crime => &["brott", "brottslighet"],
                ReformArea::Other => &["annat"],
            };
            t == code || names.contains(&t.as_str())
        })
    }

    /// A list written in one field: separated by commas, '|' or '/'. The first unknown name
    /// is returned as the error.
    pub fn parse_list(text: &str) -> Result<Vec<ReformArea>, String> {
        let mut out = Vec::new();
        for part in text
            .split([',', '|', '/', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let area = ReformArea::parse(part).ok_or_else(|| part.to_string())?;
            if !out.contains(&area) {
                out.push(area);
            }
        }
        out.sort();
        Ok(out)
    }
}

#[cfg(test)]
mod reform_tests {
    use super::ReformArea;

    #[test]
    fn parse_lists() {
        assert_eq!(
            ReformArea::parse_list("boende, UTBILDNING|Demokrati och civilsamhälle"),
            Ok(vec![
                ReformArea::Housing,
                ReformArea::Education,
                ReformArea::Democracy
            ])
        );
        assert_eq!(ReformArea::parse_list(""), Ok(vec![]));
        assert_eq!(
            ReformArea::parse_list("boende, idrott"),
            Err("idrott".into())
        );
    }
}
