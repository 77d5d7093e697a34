//! Expediting a decision with its letter (`E`): the letter is shown first, with the word that
//! the decision becomes unchangeable; Ctrl-S expedites it.

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::{Modal, Preview, PreviewAction, PreviewContent};
use crate::i18n::{T, tr};

impl App {
    /// `E`: the letter of the decision for confirmation, unless a required part is missing.
    pub(crate) fn dispatch(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        // The latest decision goes out once: a first decision, or a changed one; the service
        // asks the same when it is written.
        let latest = d.decision().map_or(0, |x| x.id);
        let dec = match crate::domain::decision::sendable(d, latest) {
            Ok(dec) => dec,
            Err(refused) => {
                let text = self.refused_text(&refused);
                self.set_status(text);
                return Vec::new();
            }
        };
        let text = match crate::io::letters::decision_letter(d, dec) {
            Ok(t) => t,
            Err(e) => return self.say(T::ErrLetter, &[&e.to_string()]),
        };
        let title = tr(self.lang, T::TitleLetter, &[&d.dnr.to_string()]);
        let action = PreviewAction::Dispatch {
            case_id: d.id,
            version: d.version,
            decision_id: dec.id,
        };
        self.modal = Some(Modal::Preview(Preview::new(
            title,
            PreviewContent::Letter(text),
            action,
        )));
        Vec::new()
    }
}
