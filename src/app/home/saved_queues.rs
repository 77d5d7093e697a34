//! Saved queues: `w` saves the current filter under a name, `D` deletes one.

use crate::app::modal::{Form, FormKind, Modal};
use crate::app::{App, Effect, Pane, Screen, Status};
use crate::domain::search::Search;
use crate::i18n::{T, tr};

impl App {
    // ----- saved queues -----

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
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::SaveQueue,
            title: T::TitleSaveQueue.text(self.lang).to_string(),
            fields: vec![crate::app::modal::Field::line(T::FldQueueName, "")],
            focus: 0,
            error: None,
            info: vec![self.filter.text.clone()],
            confirmed: false,
        }));
        Vec::new()
    }

    pub(crate) fn save_queue_effect(
        &self,
        form: &crate::app::modal::Form,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let name = form.value(0).trim().to_string();
        if name.is_empty() {
            return Err((
                0,
                tr(self.lang, T::ValEmpty, &[T::FldQueueName.text(self.lang)]),
            ));
        }
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
                };
                self.sort = q.sort;
            }
            _ => self.filter = crate::app::Filter::default(),
        }
    }

    pub(crate) fn delete_queue(&mut self) -> Vec<Effect> {
        match self.queues.selected_item() {
            Some(crate::app::QueueEntry::Saved(q, _))
                if self.screen == Screen::Home && self.focus == Pane::Queues =>
            {
                vec![Effect::DeleteQueue(q.id)]
            }
            _ => self.say(T::DeleteQueueNone, &[]),
        }
    }
}
