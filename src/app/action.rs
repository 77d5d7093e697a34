//! The named actions a key can trigger: the vocabulary of the keymap file and of the help.

use crate::i18n::T;
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Help,
    CloseHelp,
    Back,
    MoveDown,
    MoveUp,
    First,
    Last,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    FocusCalls,
    FocusOrgs,
    FocusQueues,
    FocusCases,
    Open,
    NextTab,
    PrevTab,
    TabChecklist,
    TabDocuments,
    TabNotes,
    TabDecisions,
    TabHistory,
    AnswerMet,
    AnswerPartly,
    AnswerNotMet,
    AnswerNotApplicable,
    ChangeState,
    AssignMe,
    AssignOther,
    RequestSupplement,
    SupplementReceived,
    AddNote,
    RegisterDocument,
    NewCase,
    Decide,
    Dispatch,
    CorrectDecision,
    Jav,
    DecisionRound,
    Import,
    Statistics,
    ReformAreas,
    TabFollowup,
    PaymentPlan,
    MarkPaid,
    RegisterReport,
    ReviewReport,
    OpenRecovery,
    DecideRecovery,
    Repayment,
    Submit,
    Cancel,
    NextField,
    PrevField,
    Advance,
    Choose,
    NextCase,
    PrevCase,
    Filter,
    Search,
    CycleSort,
    ToggleMark,
    Palette,
    SaveQueue,
    OrganisationView,
    DeleteQueue,
    Administration,
    AdminNew,
    AdminEdit,
    AdminToggle,
}

impl Action {
    pub const ALL: [Action; 72] = [
        Action::Quit,
        Action::Help,
        Action::CloseHelp,
        Action::Back,
        Action::MoveDown,
        Action::MoveUp,
        Action::First,
        Action::Last,
        Action::PageDown,
        Action::PageUp,
        Action::NextPane,
        Action::PrevPane,
        Action::FocusCalls,
        Action::FocusOrgs,
        Action::FocusQueues,
        Action::FocusCases,
        Action::Open,
        Action::NextTab,
        Action::PrevTab,
        Action::TabChecklist,
        Action::TabDocuments,
        Action::TabNotes,
        Action::TabDecisions,
        Action::TabHistory,
        Action::AnswerMet,
        Action::AnswerPartly,
        Action::AnswerNotMet,
        Action::AnswerNotApplicable,
        Action::ChangeState,
        Action::AssignMe,
        Action::AssignOther,
        Action::RequestSupplement,
        Action::SupplementReceived,
        Action::AddNote,
        Action::RegisterDocument,
        Action::NewCase,
        Action::Decide,
        Action::Dispatch,
        Action::CorrectDecision,
        Action::Jav,
        Action::DecisionRound,
        Action::Import,
        Action::Statistics,
        Action::ReformAreas,
        Action::TabFollowup,
        Action::PaymentPlan,
        Action::MarkPaid,
        Action::RegisterReport,
        Action::ReviewReport,
        Action::OpenRecovery,
        Action::DecideRecovery,
        Action::Repayment,
        Action::Submit,
        Action::Cancel,
        Action::NextField,
        Action::PrevField,
        Action::Advance,
        Action::Choose,
        Action::NextCase,
        Action::PrevCase,
        Action::Filter,
        Action::Search,
        Action::CycleSort,
        Action::ToggleMark,
        Action::Palette,
        Action::SaveQueue,
        Action::OrganisationView,
        Action::DeleteQueue,
        Action::Administration,
        Action::AdminNew,
        Action::AdminEdit,
        Action::AdminToggle,
    ];

    /// Does the action change the database? (A read-only database refuses these.)
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::AnswerMet
                | Action::AnswerPartly
                | Action::AnswerNotMet
                | Action::AnswerNotApplicable
                | Action::ChangeState
                | Action::AssignMe
                | Action::AssignOther
                | Action::RequestSupplement
                | Action::SupplementReceived
                | Action::AddNote
                | Action::RegisterDocument
                | Action::NewCase
                | Action::Decide
                | Action::Dispatch
                | Action::CorrectDecision
                | Action::Jav
                | Action::DecisionRound
                | Action::Import
                | Action::ReformAreas
                | Action::SaveQueue
                | Action::DeleteQueue
                | Action::PaymentPlan
                | Action::MarkPaid
                | Action::RegisterReport
                | Action::ReviewReport
                | Action::OpenRecovery
                | Action::DecideRecovery
                | Action::Repayment
                | Action::AdminNew
                | Action::AdminEdit
                | Action::AdminToggle
        )
    }

    /// The catalogue entry that describes the action in help and hints.
    pub fn describe(self) -> T {
        match self {
            Action::Quit => T::ActQuit,
            Action::Help => T::ActHelp,
            Action::CloseHelp => T::ActCloseHelp,
            Action::Back => T::ActBack,
            Action::MoveDown => T::ActDown,
            Action::MoveUp => T::ActUp,
            Action::First => T::ActFirst,
            Action::Last => T::ActLast,
            Action::PageDown => T::ActPageDown,
            Action::PageUp => T::ActPageUp,
            Action::NextPane => T::ActNextPane,
            Action::PrevPane => T::ActPrevPane,
            Action::FocusCalls => T::ActFocusCalls,
            Action::FocusOrgs => T::ActFocusOrgs,
            Action::FocusQueues => T::ActFocusQueues,
            Action::FocusCases => T::ActFocusCases,
            Action::Open => T::ActOpen,
            Action::NextTab => T::ActNextTab,
            Action::PrevTab => T::ActPrevTab,
            Action::TabChecklist => T::ActTabChecklist,
            Action::TabDocuments => T::ActTabDocuments,
            Action::TabNotes => T::ActTabNotes,
            Action::TabDecisions => T::ActTabDecisions,
            Action::TabHistory => T::ActTabHistory,
            Action::AnswerMet => T::ActAnswerMet,
            Action::AnswerPartly => T::ActAnswerPartly,
            Action::AnswerNotMet => T::ActAnswerNotMet,
            Action::AnswerNotApplicable => T::ActAnswerNotApplicable,
            Action::ChangeState => T::ActChangeState,
            Action::AssignMe => T::ActAssignMe,
            Action::AssignOther => T::ActAssignOther,
            Action::RequestSupplement => T::ActRequestSupplement,
            Action::SupplementReceived => T::ActSupplementReceived,
            Action::AddNote => T::ActAddNote,
            Action::RegisterDocument => T::ActRegisterDocument,
            Action::NewCase => T::ActNewCase,
            Action::Decide => T::ActDecide,
            Action::Dispatch => T::ActDispatch,
            Action::CorrectDecision => T::ActCorrect,
            Action::Jav => T::ActJav,
            Action::DecisionRound => T::ActDecisionRound,
            Action::Import => T::ActImport,
            Action::Statistics => T::ActStatistics,
            Action::ReformAreas => T::ActReformAreas,
            Action::TabFollowup => T::FuActTab,
            Action::PaymentPlan => T::FuActPlan,
            Action::MarkPaid => T::FuActPaid,
            Action::RegisterReport => T::FuActReport,
            Action::ReviewReport => T::FuActReview,
            Action::OpenRecovery => T::FuActRecovery,
            Action::DecideRecovery => T::FuActDecideRecovery,
            Action::Repayment => T::FuActRepayment,
            Action::Submit => T::ActSubmit,
            Action::Cancel => T::ActCancel,
            Action::NextField => T::ActNextField,
            Action::PrevField => T::ActPrevField,
            Action::Advance => T::ActAdvance,
            Action::Choose => T::ActChoose,
            Action::NextCase => T::ActNextCase,
            Action::PrevCase => T::ActPrevCase,
            Action::Filter => T::ActFilter,
            Action::Search => T::ActSearch,
            Action::CycleSort => T::ActCycleSort,
            Action::ToggleMark => T::ActToggleMark,
            Action::Palette => T::ActPalette,
            Action::SaveQueue => T::ActSaveQueue,
            Action::OrganisationView => T::ActOrganisationView,
            Action::DeleteQueue => T::ActDeleteQueue,
            Action::Administration => T::ActAdministration,
            Action::AdminNew => T::ActAdminNew,
            Action::AdminEdit => T::ActAdminEdit,
            Action::AdminToggle => T::ActAdminToggle,
        }
    }
}

impl Action {
    /// The action's name in the keymap file and the command palette (snake_case).
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::with_capacity(debug.len() + 4);
        for (i, c) in debug.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }
}
