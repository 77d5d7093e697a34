//! Jäv (`J`): declaring it for the case's organisation, or withdrawing the declaration.

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::{Editor, EditorKind, Modal};
use crate::i18n::{T, tr};

impl App {
    /// `J`: declare jäv for the case's organisation, or withdraw a declaration; both need a reason.
    pub(crate) fn toggle_jav(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let org = &view.detail.organisation;
        let declare = !view.detail.jav_users.contains(&self.user.id);
        let key = if declare {
            T::TitleJavDeclare
        } else {
            T::TitleJavWithdraw
        };
        let title = tr(self.lang, key, &[&org.name]);
        let organisation_id = org.id;
        self.modal = Some(Modal::Editor(Editor {
            kind: EditorKind::Jav {
                organisation_id,
                declare,
            },
            title,
            about: String::new(),
            label: T::FldReason,
            input: crate::app::modal::text_area(""),
            error: None,
        }));
        Vec::new()
    }
}
