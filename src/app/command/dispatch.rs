//! Expediting a decision with its letter (`E`).

use crate::app::App;
use crate::app::effect::Effect;
use crate::domain::decision::{self};
use crate::i18n::{self, T};

impl App {
    /// `E`: expedite the decision with its letter, unless a required part is missing.
    pub(crate) fn dispatch(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        // The latest decision goes out once: a first decision, or a changed one.
        let Some(dec) = d.decision().filter(|_| d.state.is_decided()) else {
            let s = i18n::state(d.state).text(self.lang);
            return self.say(T::NotDecided, &[s]);
        };
        if dec.sent_on.is_some() {
            return self.say(T::AlreadySent, &[]);
        }
        let missing = decision::missing_letter_parts(
            dec.outcome,
            &dec.motivation,
            dec.decider.as_deref(),
            dec.presenter.as_deref(),
            &dec.appeal_text,
            dec.report_due_on,
            dec.amount,
        );
        if !missing.is_empty() {
            let text = self.letter_missing_text(&missing);
            self.set_status(text);
            return Vec::new();
        }
        vec![Effect::Dispatch {
            case_id: d.id,
            version: d.version,
            decision_id: dec.id,
        }]
    }
}
