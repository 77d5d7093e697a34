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
        let cursor = (!o.cases.is_empty()).then_some(0);
        let preview = Preview::new(
            title,
            PreviewContent::Organisation(Box::new(o)),
            PreviewAction::None,
        );
        self.modal = Some(Modal::Preview(Preview { cursor, ..preview }));
    }

    fn organisation_cases(&self) -> Option<(&crate::domain::views::OrgOverview, usize)> {
        match &self.modal {
            Some(Modal::Preview(Preview {
                content: PreviewContent::Organisation(o),
                cursor: Some(c),
                ..
            })) => Some((o, *c)),
            _ => None,
        }
    }

    /// j and k in the organisation view move through its cases.
    pub(crate) fn organisation_cursor(&mut self, down: bool) -> Vec<Effect> {
        let Some((o, c)) = self.organisation_cases() else {
            return Vec::new();
        };
        let last = o.cases.len().saturating_sub(1);
        let next = if down {
            (c + 1).min(last)
        } else {
            c.saturating_sub(1)
        };
        if let Some(Modal::Preview(p)) = self.modal.as_mut() {
            p.cursor = Some(next);
        }
        Vec::new()
    }

    /// Enter in the organisation view opens the selected case; Esc in the case returns home.
    pub(crate) fn open_from_organisation(&mut self) -> Vec<Effect> {
        let Some(id) = self
            .organisation_cases()
            .and_then(|(o, c)| o.cases.get(c))
            .map(|c| c.row.id)
        else {
            return Vec::new();
        };
        self.modal = None;
        self.stacked.clear();
        vec![Effect::LoadCase(id)]
    }
}
