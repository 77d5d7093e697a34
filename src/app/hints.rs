//! What the hint bar offers (issue 19, item 4): on each tab of the case view, first the keys
//! that act on that tab; in a read-only overlay only closing, scrolling and opening.

use crate::app::keymap::Binding;
use crate::app::modal::{Modal, PreviewAction};
use crate::app::{Action, App, Context, Screen, Tab};
use crate::i18n::T;

/// The actions that act on a tab's rows, in the order the hint bar shows them.
pub fn tab_actions(tab: Tab) -> &'static [Action] {
    match tab {
        Tab::Checklist => &[
            Action::AnswerMet,
            Action::AnswerPartly,
            Action::AnswerNotMet,
            Action::AnswerNotApplicable,
        ],
        Tab::Documents => &[Action::RegisterDocument],
        Tab::Notes => &[Action::AddNote],
        Tab::Decisions => &[Action::Decide, Action::Dispatch, Action::CorrectDecision],
        Tab::History => &[],
        Tab::Followup => &[
            Action::PaymentPlan,
            Action::MarkPaid,
            Action::RegisterReport,
            Action::ReviewReport,
            Action::OpenRecovery,
            Action::DecideRecovery,
            Action::Repayment,
        ],
    }
}

/// What the hint bar calls an action: the help's words, shorter where a tab offers several
/// keys that must share the bar.
pub fn hint_label(action: Action) -> T {
    match action {
        Action::AnswerMet => T::ScHintMet,
        Action::AnswerPartly => T::ScHintPartly,
        Action::AnswerNotMet => T::ScHintNotMet,
        Action::AnswerNotApplicable => T::ScHintNotApplicable,
        Action::PaymentPlan => T::ScHintPlan,
        Action::MarkPaid => T::ScHintPaid,
        Action::RegisterReport => T::ScHintReport,
        Action::ReviewReport => T::ScHintReview,
        Action::OpenRecovery => T::ScHintRecovery,
        Action::DecideRecovery => T::ScHintDecideRecovery,
        Action::Repayment => T::ScHintRepayment,
        other => other.describe(),
    }
}

impl App {
    /// Whether an action does something in the open dialog, when that is what decides it
    /// (None: the dialog has no say).
    pub(crate) fn offers_in_dialog(&self, action: Action) -> Option<bool> {
        match &self.modal {
            // A read-only overlay (statistics, the organisation view): nothing to save.
            Some(Modal::Preview(p)) if matches!(p.action, PreviewAction::None) => {
                Some(match action {
                    Action::Submit => false,
                    Action::Open => p.cursor.is_some(),
                    _ => true,
                })
            }
            Some(Modal::Preview(_) | Modal::Round(_)) => Some(action != Action::Open),
            _ => None,
        }
    }

    /// The bindings the hint bar offers in `context`, in its order: on the case view, the
    /// current tab's own keys first (whether or not the keymap marks them as hints), then the
    /// keymap's hints; in a read-only overlay, closing, scrolling and opening. Only what would
    /// do something now (`offers`).
    pub fn hinted(&self, context: Context) -> Vec<&Binding> {
        let bindings = self.keymap.bindings(context);
        let read_only_overlay = matches!(
            &self.modal,
            Some(Modal::Preview(p)) if matches!(p.action, PreviewAction::None)
        );
        let mut out: Vec<&Binding> = Vec::new();
        if context == Context::Case
            && self.screen == Screen::Case
            && let Some(view) = self.case_view.as_ref()
        {
            for action in tab_actions(view.tab) {
                out.extend(
                    bindings
                        .iter()
                        .filter(|b| b.action == *action && self.offers(b.action)),
                );
            }
        }
        for b in bindings {
            let shown = if read_only_overlay {
                matches!(
                    b.action,
                    Action::Cancel | Action::MoveDown | Action::MoveUp | Action::Open
                )
            } else {
                b.hint
            };
            if shown && self.offers(b.action) && !out.iter().any(|x| x.action == b.action) {
                out.push(b);
            }
        }
        out
    }
}
