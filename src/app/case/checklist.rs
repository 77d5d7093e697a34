//! Answering the checklist (`u` `d` `e` `x`), with a comment for anything but uppfyllt.

use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Editor, EditorKind, Modal};
use crate::app::{App, Tab};
use crate::domain::{Answer, CaseState};
use crate::i18n::{self, T, tr};

impl App {
    // ----- the checklist -----

    pub(crate) fn answer(&mut self, answer: Answer) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        if view.tab != Tab::Checklist {
            return self.say(T::RefNotChecklistTab, &[]);
        }
        let state = view.detail.state;
        if !matches!(
            state,
            CaseState::Received | CaseState::InProgress | CaseState::SupplementRequested
        ) {
            let label = i18n::state(state).text(self.lang);
            return self.say(T::RefAnswerLocked, &[label]);
        }
        let Some(template) = self.template_for(&view.detail) else {
            return match view.detail.checklist_id.clone() {
                Some(id) => self.say(T::UnknownChecklist, &[&id]),
                None => self.say(T::RefNoChecklist, &[]),
            };
        };
        let row = view.row;
        let Some(item) = template.items.get(row) else {
            return Vec::new();
        };
        if answer.needs_comment() {
            let existing = view
                .detail
                .answers
                .iter()
                .find(|a| a.item_key == item.key)
                .map(|a| a.comment.clone())
                .unwrap_or_default();
            let title = tr(
                self.lang,
                T::TitleComment,
                &[
                    i18n::answer(Some(answer)).text(self.lang),
                    &(row + 1).to_string(),
                ],
            );
            let about = match (self.lang, &item.question_en) {
                (crate::i18n::Lang::En, Some(q)) => q.clone(),
                _ => item.question.clone(),
            };
            self.modal = Some(Modal::Editor(Editor {
                kind: EditorKind::Comment { item: row, answer },
                title,
                about,
                label: T::FldComment,
                input: crate::app::modal::text_area(&existing),
                error: None,
            }));
            return Vec::new();
        }
        self.write_answer(row, answer, String::new())
    }

    pub(crate) fn write_answer(
        &mut self,
        row: usize,
        answer: Answer,
        comment: String,
    ) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        let Some(template) = self.template_for(d) else {
            return Vec::new();
        };
        let Some(item) = template.items.get(row) else {
            return Vec::new();
        };
        let write = CaseWrite::Answer {
            item_key: item.key.clone(),
            answer,
            comment,
        };
        if let Some(v) = self.case_view.as_mut() {
            v.advance_from = Some(row);
        }
        self.write(write)
    }
}
