//! State changes (`s`): what the rules offer from here, and why a transition is refused.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Editor, EditorKind, Modal, Picker, PickerKind};
use crate::domain::CaseState;
use crate::domain::workflow::{self, Transition};
use crate::i18n::{self, T, tr};

impl App {
    /// Checks `t` against the rules; an inkommen case is first taken into handling where that
    /// is what makes `t` possible. Returns (start, new state) or says why not.
    pub(crate) fn check(&mut self, t: Transition) -> Option<(bool, CaseState)> {
        let detail = &self.view()?.detail;
        match workflow::plan(detail.state, t, &detail.facts().workflow()) {
            Ok(r) => Some(r),
            Err(refusal) => {
                let text = self.refusal_text(&refusal, detail.checklist.as_ref());
                self.set_status(text);
                None
            }
        }
    }

    /// The editor asking for the reason a transition needs (kept as a tjänsteanteckning).
    pub(crate) fn open_reason_editor(&mut self, kind: EditorKind, t: Transition) {
        let title = tr(
            self.lang,
            T::TitleReason,
            &[i18n::transition(t).text(self.lang)],
        );
        self.modal = Some(Modal::Editor(Editor {
            kind,
            title,
            about: String::new(),
            label: T::FldReason,
            input: crate::app::modal::text_area(""),
            error: None,
        }));
    }

    pub(crate) fn open_state_menu(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        let facts = d.facts().workflow();
        let mut items = workflow::offered(d.state, &facts);
        if d.state == CaseState::Received {
            // The triage loop: from inkommen, everything handling allows is one step away.
            for t in workflow::offered(CaseState::InProgress, &facts) {
                if !items.contains(&t) {
                    items.push(t);
                }
            }
        }
        // Deciding and dispatching need the decision record; they are not plain state changes.
        items.retain(|t| !matches!(t, Transition::Decide | Transition::Dispatch));
        if items.is_empty() {
            let label = i18n::state(d.state).text(self.lang);
            return self.say(T::RefNothingOffered, &[label]);
        }
        let title = tr(
            self.lang,
            T::TitleStateMenu,
            &[i18n::state(d.state).text(self.lang)],
        );
        self.modal = Some(Modal::Picker(self.transition_picker(title, &items, false)));
        Vec::new()
    }

    /// A picker of transitions (for the open case, or the marked ones): the same keys as every
    /// picker; the item id is the transition's index in `Transition::ALL`.
    pub(crate) fn transition_picker(
        &self,
        title: String,
        items: &[Transition],
        batch: bool,
    ) -> Picker {
        let items = items
            .iter()
            .filter_map(|t| {
                let i = Transition::ALL.iter().position(|x| x == t)?;
                Some((i as i64, i18n::transition(*t).text(self.lang).to_string()))
            })
            .collect();
        Picker::new(PickerKind::Transition { batch }, title, items)
    }

    pub(crate) fn choose_transition(&mut self, t: Transition) -> Vec<Effect> {
        match t {
            Transition::RequestSupplement => return self.open_supplement_form(),
            Transition::SupplementReceived => return self.open_reply_form(),
            Transition::Propose => return self.open_proposal(),
            _ => {}
        }
        if self.check(t).is_none() {
            return Vec::new();
        }
        if t.needs_reason() {
            self.open_reason_editor(EditorKind::Reason(t), t);
            return Vec::new();
        }
        self.write(CaseWrite::Transition {
            transition: t,
            reason: None,
        })
    }
}
