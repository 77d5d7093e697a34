//! The organisation view (`v`): every case of one organisation, what it was granted, reports due, contacts.

use crate::app::modal::{Modal, Preview, PreviewAction, PreviewContent};
use crate::app::{App, Effect, Pane, Screen};
use crate::i18n::{T, tr};

impl App {
    pub(crate) fn open_organisation(&mut self) -> Vec<Effect> {
        let id = match self.screen {
            Screen::Case => self.case_view.as_ref().map(|v| v.detail.organisation.id),
            Screen::Home if self.focus == Pane::Orgs => self.orgs.selected_item().map(|o| o.id),
            Screen::Home => self.cases.selected_row().map(|r| r.organisation_id),
        };
        match id {
            Some(id) => vec![Effect::LoadOrganisation(id)],
            None => self.say(T::NothingToOpen, &[]),
        }
    }

    pub(crate) fn show_organisation(&mut self, o: crate::domain::views::OrgOverview) {
        let title = tr(self.lang, T::TitleOrganisation, &[&o.organisation.name]);
        let preview = Preview::new(
            title,
            PreviewContent::Organisation(Box::new(o)),
            PreviewAction::None,
        );
        self.modal = Some(Modal::Preview(preview));
    }
}
