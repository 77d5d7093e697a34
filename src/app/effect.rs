//! Side effects as data: what `update` asks the service to do, and what a write did. This is a
//! leaf: it holds no behaviour, so the app can be tested by the effects its keys produce, and the
//! service layer is the one place that carries them out.
//!
//! An effect names the user's intent, never a conclusion the service should trust: the service
//! reads the case inside its transaction and applies the rules itself (the start of handling,
//! four eyes, jäv, the state machine, the budget).

use crate::domain::decision::Proposal;
use crate::domain::followup::{BudgetLine, Ground, RecoveryDecisionKind, ReviewOutcome};
use crate::domain::multiyear::YearAmount;
use crate::domain::search::{Anchor, CaseQuery, ListSize, SavedQueue};
use crate::domain::workflow::{Refusal, Transition};
use crate::domain::{Answer, CaseFacts, CaseState, Direction, Money, Outcome, ReformArea};
use chrono::NaiveDate;

/// How many case rows one window holds. Lists never hold more than this.
pub const CASE_PAGE: usize = 200;

/// A change to one case. Each runs as one transaction, after checking that nobody else changed
/// the case since it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseWrite {
    /// An answer to the checklist item `item_key` (an inkommen case is taken into handling).
    Answer {
        item_key: String,
        answer: Answer,
        comment: String,
    },
    /// A state change that needs no form of its own; `reason` where the transition needs one.
    Transition {
        transition: Transition,
        reason: Option<String>,
    },
    RequestSupplement {
        text: String,
        due: NaiveDate,
    },
    SupplementReply {
        date: NaiveDate,
        description: String,
    },
    Note {
        body: String,
    },
    Document {
        direction: Direction,
        date: NaiveDate,
        counterpart: String,
        description: String,
        file_path: Option<String>,
    },
    Assign {
        user_id: i64,
    },
    /// A förslag till beslut by the acting user as föredragande.
    Propose {
        proposal: Proposal,
    },
    /// A new decision replacing an expedited one: a changed amount or report date, with the reason.
    Correct {
        supersedes: i64,
        amount: Option<Money>,
        report_due: Option<NaiveDate>,
        motivation: String,
        appeal_text: String,
        /// The decider saw that the raise takes the call over its budget and confirmed it.
        over_budget: bool,
        /// The new amount per calendar year; empty: all in one year.
        years: Vec<YearAmount>,
    },
    ReformAreas(Vec<ReformArea>),
    /// A beslut on the proposal by the acting user as beslutsfattare.
    Decide {
        proposal_id: i64,
        decided_on: NaiveDate,
        appeal_text: String,
        /// The decider saw that the grant takes the call over its budget and confirmed it.
        over_budget: bool,
    },
}

/// A new case as the registration form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDraft {
    /// Set when the organisation is not yet eligible for the step: the recorded reason.
    pub exception_reason: Option<String>,
    /// Set when the case is received after its call closed: the recorded reason it is
    /// registered all the same.
    pub late_reason: Option<String>,
    pub organisation_id: i64,
    pub call_id: i64,
    pub received_on: NaiveDate,
    pub title: String,
    pub requested: Money,
}

/// What a batch does to each case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchChange {
    Assign {
        user_id: i64,
    },
    Transition {
        transition: Transition,
        reason: Option<String>,
    },
}

/// Transitions a batch can make: those that need no form of their own.
pub const BATCH_TRANSITIONS: [Transition; 6] = [
    Transition::StartHandling,
    Transition::StartWork,
    Transition::AwaitReport,
    Transition::Close,
    Transition::Withdraw,
    Transition::WriteOff,
];

/// One case in a batch preview: the write it will get (and the state it ends in), or why it
/// is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLine {
    pub facts: CaseFacts,
    pub outcome: Result<(CaseWrite, Option<CaseState>), Skip>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Refused(Refusal),
    AlreadyAssigned,
    Jav,
}

/// One proposal in a beslutstillfälle: what will be decided, or why it is skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundItem {
    pub case_id: i64,
    pub version: i64,
    pub proposal_id: i64,
    pub call_id: i64,
    pub dnr: crate::domain::Dnr,
    pub organisation: String,
    pub outcome: Outcome,
    /// The amount proposed (a grant's whole amount).
    pub proposed: Option<Money>,
    /// What the call is charged (the first year of a multi-year grant).
    pub amount: Option<Money>,
    /// Why this decision maker may not decide it (four eyes, jäv, a split that no longer holds);
    /// None when it will be decided.
    pub skipped: Option<crate::domain::refused::Refused>,
}

/// A decision on an återkrav as the form gives it; the decider is whoever acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryChoice {
    pub kind: RecoveryDecisionKind,
    pub waived: Option<Money>,
    pub motivation: String,
    pub decided_on: NaiveDate,
    pub pay_by: NaiveDate,
}

/// A follow-up change to one case, written in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowupWrite {
    Plan {
        plan: Vec<(NaiveDate, Money)>,
        gated: Option<(u32, NaiveDate)>,
    },
    Paid {
        instalment_id: i64,
        paid_on: NaiveDate,
        amount: Money,
    },
    Report {
        report_id: i64,
        received_on: NaiveDate,
        lines: Vec<BudgetLine>,
    },
    Review {
        report_id: i64,
        outcome: ReviewOutcome,
        answers: Vec<Answer>,
        comment: String,
    },
    OpenRecovery {
        report_id: Option<i64>,
        ground: Ground,
        amount: Money,
        communicated_on: NaiveDate,
        response_due: NaiveDate,
    },
    DecideRecovery {
        recovery_id: i64,
        choice: RecoveryChoice,
    },
    Repayment {
        recovery_id: i64,
        paid_on: NaiveDate,
        amount: Money,
    },
}

/// What a follow-up write did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowupDone {
    Plan(usize),
    Paid(u32, Money),
    Report(String),
    Review(ReviewOutcome),
    RecoveryOpened,
    RecoveryDecided(String),
    /// What remains after the repayment.
    Repayment(Money),
}

/// A change to the agency's set-up, as the administratör's form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminWrite {
    AddUser(crate::domain::admin::UserDraft),
    ChangeUser {
        id: i64,
        draft: crate::domain::admin::UserDraft,
    },
    SetActive {
        id: i64,
        login: String,
        active: bool,
    },
    /// `kommuner`: the eligible kommuner as typed (names or codes), read where the write happens.
    AddCall {
        draft: crate::domain::admin::CallDraft,
        kommuner: String,
    },
    ChangeCall {
        id: i64,
        draft: crate::domain::admin::CallDraft,
        kommuner: String,
    },
    CloseCall {
        id: i64,
        name: String,
    },
    Setting(crate::domain::admin::Setting, String),
}

/// What an administrative change did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminDone {
    UserAdded(String),
    UserChanged(String),
    UserActive(String, bool),
    CallAdded(String),
    CallChanged(String),
    CallClosed(String),
    Setting(crate::domain::admin::Setting),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Calls, organisations, users and queue counts.
    LoadHome,
    /// A window of the case list.
    LoadCases {
        query: CaseQuery,
        /// The position of the window's first row (for `Before`: of the row after the window).
        offset: usize,
        anchor: Anchor,
        /// The list's size when it is already known (moving within an unchanged list).
        known: Option<ListSize>,
    },
    /// Reads the cases of a batch and decides what it would do to each; nothing is written.
    PreviewBatch {
        ids: Vec<i64>,
        change: BatchChange,
    },
    /// Writes a previewed batch in one transaction: (case, version read, change).
    ApplyBatch {
        items: Vec<(i64, i64, CaseWrite)>,
    },
    SaveQueue(SavedQueue),
    DeleteQueue(i64),
    /// Everything about one organisation, for its overview.
    LoadOrganisation(i64),
    /// One case for the case view.
    LoadCase(i64),
    /// A change to a case read at `version`.
    Write {
        case_id: i64,
        version: i64,
        write: CaseWrite,
    },
    RegisterCase(CaseDraft),
    /// May the organisation apply in the call's step?
    CheckEligibility {
        org_id: i64,
        call_id: i64,
        label: String,
    },
    /// Writes the decision letter, registers it and expedites the decision.
    Dispatch {
        case_id: i64,
        version: i64,
        decision_id: i64,
    },
    Jav {
        case_id: i64,
        organisation_id: i64,
        declare: bool,
        reason: String,
    },
    /// Every proposal awaiting a decision, for a beslutstillfälle's preview.
    LoadRound,
    /// Reads and checks a file to import; nothing is written.
    PlanImport {
        path: String,
        organisations: bool,
        call: Option<String>,
    },
    /// Writes a checked import plan in one transaction.
    ApplyImport {
        plan: std::sync::Arc<crate::io::import::Plan>,
        source: String,
    },
    /// The granted report and counts per state and step.
    LoadStats,
    /// The agency's set-up: calls, users, settings and their history.
    LoadAdmin,
    Admin(AdminWrite),
    /// Where an organisation stands in the chain of steps.
    LoadStanding(i64),
    /// A follow-up change (issue 6).
    Followup {
        case_id: i64,
        version: i64,
        write: FollowupWrite,
    },
    /// Stops the long work under way before it is written (Esc while it runs).
    CancelWork,
    /// Decides the previewed proposals in one transaction, as one round held today.
    DecideRound {
        items: Vec<RoundItem>,
        appeal_text: String,
        /// The calls the round takes over budget, confirmed: their grants record it.
        over_budget_calls: Vec<i64>,
    },
}

/// What a write did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    Answer {
        item_no: usize,
        answer: Answer,
    },
    Transition(CaseState),
    Note,
    Document(u32),
    Supplement(NaiveDate),
    SupplementReply,
    Assigned(String),
    Registered {
        case_id: i64,
    },
    Proposed(Outcome),
    Decided(Outcome),
    Dispatched(String),
    Jav {
        declared: bool,
        organisation: String,
    },
    Round(usize),
    Corrected,
    ReformAreas,
    Followup(FollowupDone),
}
