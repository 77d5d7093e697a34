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
}

impl Action {
    pub const ALL: [Action; 24] = [
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
    ];

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
        }
    }
}
