//! Why the service refused an act. Every rule is checked where the write happens, against the
//! case as the transaction reads it; a refusal writes nothing and names the rule.

use super::case::{CaseState, Step};
use super::decision::{DecisionError, LetterPart, NotEligible};
use super::followup::{LinesError, PaymentError, PlanError, RecoveryError};
use super::money::Money;
use super::multiyear::YearsError;
use super::workflow::{self, Transition};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The state machine says no.
    Workflow(workflow::Refusal),
    /// A proposal or decision breaks a rule (amount, period, four eyes, jäv, role).
    Decision(DecisionError),
    /// A multi-year split that does not hold.
    Years(YearsError),
    Recovery(RecoveryError),
    Plan(PlanError),
    Payment(PaymentError),
    Lines(LinesError),
    /// The organisation may not apply in the call's step, and no reason for an exception was given.
    NotEligible(NotEligible),
    /// Checklist answers are locked in this state.
    AnswerLocked(CaseState),
    /// The checklist has no item with this key.
    UnknownItem(String),
    /// The case's checklist version is not kept, so nothing may be answered against it.
    UnknownChecklist(String),
    /// No checklist is installed for the step.
    NoChecklistFor(Step),
    /// The transition needs a reason and none was given.
    ReasonRequired,
    /// A required text is empty.
    TextRequired,
    /// This transition is made by its own act (a form with what it needs), not as a bare change.
    OwnAct(Transition),
    NotDecided(CaseState),
    NoProposal,
    /// The proposal named is no longer the case's latest.
    NotLatestProposal,
    AlreadySent,
    NotSentYet,
    /// The letter would lack these parts (FL 31–33 §§).
    LetterMissing(Vec<LetterPart>),
    /// The act takes the call over its budget by this much and that was not confirmed.
    OverBudget(Money),
    /// A date after today (`today`) where only today or earlier is allowed.
    FutureDate(NaiveDate),
    /// A date that must come after today (`today`).
    NotAfterToday(NaiveDate),
    /// Only a handläggare can be given cases.
    NotCaseworker(String),
    /// The user has declared jäv for the organisation.
    Jav(String),
    UnknownUser(i64),
    /// A document's file path names no file.
    FileMissing(String),
    /// The report's review answers do not match its checklist's items (how many there are).
    ReviewAnswers(usize),
    /// A mandatory item (its number) is not met, so the report cannot be approved.
    ReviewUnmet(usize),
    /// A review other than a plain approval must say why.
    ReviewComment,
    /// A contact person named in registered documents (these) stays as the archive has it.
    ContactArchived(Vec<String>),
    /// The acting user lacks the role the act needs.
    /// The acting user holds none of these roles, one of which the act needs.
    MissingRole(&'static [super::model::Role]),
    /// The acting user is deactivated.
    Deactivated,
    /// The beslutsfattare's delegation does not cover the decision.
    Delegation(super::admin::DelegationError),
    /// A call breaks a rule (the first, in form order).
    Call(super::admin::CallError),
    /// A kommun named in a call's list is not one of the kommuner.
    UnknownKommun(String),
    /// A user breaks a rule (the first, in form order).
    User(super::admin::UserError),
    /// Another user has this login.
    DuplicateLogin(String),
    /// The last active administratör cannot lose the role or be deactivated.
    LastAdministrator,
    /// A setting's value breaks its rule.
    Setting(super::admin::Setting, super::admin::SettingError),
    /// The call is closed: registering in it needs a reason, which is recorded.
    CallClosed(String),
    /// Only an open call can be closed: closing one that closed earlier would reopen it until
    /// today, and one not yet open would close before it opened (its dates are edited instead).
    CallNotOpen {
        name: String,
        opens_on: chrono::NaiveDate,
        closes_on: Option<chrono::NaiveDate>,
    },
}

impl From<super::admin::DelegationError> for Refused {
    fn from(e: super::admin::DelegationError) -> Self {
        Refused::Delegation(e)
    }
}

impl From<workflow::Refusal> for Refused {
    fn from(r: workflow::Refusal) -> Self {
        Refused::Workflow(r)
    }
}

impl From<DecisionError> for Refused {
    fn from(e: DecisionError) -> Self {
        Refused::Decision(e)
    }
}

impl From<YearsError> for Refused {
    fn from(e: YearsError) -> Self {
        Refused::Years(e)
    }
}

impl From<RecoveryError> for Refused {
    fn from(e: RecoveryError) -> Self {
        Refused::Recovery(e)
    }
}

impl From<PlanError> for Refused {
    fn from(e: PlanError) -> Self {
        Refused::Plan(e)
    }
}

impl From<PaymentError> for Refused {
    fn from(e: PaymentError) -> Self {
        Refused::Payment(e)
    }
}
