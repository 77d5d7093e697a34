//! Saved queues: `w` saves the current filter under a name, `D` deletes one.

use crate::app::form::{Field, FieldId, Form, FormKind, Info, Stop};
use crate::app::modal::{Confirm, Modal};
use crate::app::{App, Effect, Pane, Screen, Status};
use crate::domain::search::Search;
use crate::i18n::T;

impl App {
    pub(crate) fn open_save_queue(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home || !self.filter.active() || self.filter.text.is_empty() {
            return self.say(T::SaveQueueNeedsFilter, &[]);
        }
        if let Some(e) = &self.filter.error {
            let e = e.clone();
            self.status = Some(Status {
                text: e,
                error: true,
            });
            return Vec::new();
        }
        let form = Form::new(
            FormKind::SaveQueue,
            T::TitleSaveQueue.text(self.lang).to_string(),
            vec![Field::line(FieldId::QueueName, T::FldQueueName, "")],
        )
        .with_info(vec![Info::Filter(self.filter.text.clone())]);
        self.modal = Some(Modal::Form(form));
        Vec::new()
    }

    pub(crate) fn save_queue_effect(&self, form: &Form) -> Result<Vec<Effect>, Stop> {
        let name = self.required(form, FieldId::QueueName)?;
        let source = if self.filter.everywhere {
            crate::domain::CaseSource::All
        } else {
            self.current_source()
                .unwrap_or(crate::domain::CaseSource::All)
        };
        Ok(vec![Effect::SaveQueue(crate::domain::search::SavedQueue {
            id: 0,
            name,
            source,
            text: self.filter.text.clone(),
            everywhere: self.filter.everywhere,
            sort: self.sort,
        })])
    }

    /// Selecting a saved queue brings its filter and order; any other queue shows its list whole.
    pub(crate) fn filter_for_queue(&mut self) {
        match self.queues.selected_item() {
            Some(crate::app::QueueEntry::Saved(q, _)) => {
                self.filter = crate::app::Filter {
                    text: q.text.clone(),
                    search: Search::parse(&q.text).unwrap_or_default(),
                    everywhere: q.everywhere,
                    typing: false,
                    error: None,
                    on_orgs: false,
                };
                self.sort = q.sort;
            }
            _ => self.reset_filter(),
        }
    }

    pub(crate) fn delete_queue(&mut self) -> Vec<Effect> {
        match self.queues.selected_item() {
            Some(crate::app::QueueEntry::Saved(q, _))
                if self.screen == Screen::Home && self.focus == Pane::Queues =>
            {
                // Deleting is not undone: it asks first.
                self.modal = Some(Modal::Confirm(Confirm::DeleteQueue {
                    id: q.id,
                    name: q.name.clone(),
                }));
                Vec::new()
            }
            _ => self.say(T::DeleteQueueNone, &[]),
        }
    }
}
