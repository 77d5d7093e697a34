//! Marks and batches: `Space` marks cases; `a`, `A` and `s` act on all of them after a preview of exactly what will change.

use crate::app::modal::{EditorKind, Modal, PickerKind, Preview, PreviewAction, PreviewContent};
use crate::app::{App, Effect, Pane, Screen};
use crate::app::{BATCH_TRANSITIONS, BatchChange, BatchLine, CaseWrite};
use crate::domain::workflow::Transition;
use crate::i18n::{T, tr};

impl App {
    // ----- marks -----

    pub(crate) fn toggle_mark(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home || self.focus != Pane::Cases {
            return self.say(T::MarkInList, &[]);
        }
        let Some(row) = self.cases.selected_row().cloned() else {
            return Vec::new();
        };
        if self.marked.remove(&row.id).is_none() {
            self.marked.insert(row.id, row);
        }
        let n = self.marked.len().to_string();
        self.set_status(tr(self.lang, T::Marked, &[&n]));
        let last = self.cases.total.saturating_sub(1);
        self.move_cases((self.cases.selected + 1).min(last))
    }

    /// The cases a batch acts on: the marked ones, else the selected one.
    pub(crate) fn batch_ids(&self) -> Vec<i64> {
        if self.marked.is_empty() {
            self.cases
                .selected_row()
                .map(|r| r.id)
                .into_iter()
                .collect()
        } else {
            self.marked.keys().copied().collect()
        }
    }

    pub(crate) fn batch(&mut self, change: BatchChange) -> Vec<Effect> {
        let ids = self.batch_ids();
        if ids.is_empty() {
            return self.say(T::BatchNothing, &[]);
        }
        vec![Effect::PreviewBatch { ids, change }]
    }

    pub(crate) fn batch_assign_me(&mut self) -> Vec<Effect> {
        let change = BatchChange::Assign {
            user_id: self.user.id,
        };
        self.batch(change)
    }

    pub(crate) fn batch_assign_other(&mut self) -> Vec<Effect> {
        if self.batch_ids().is_empty() {
            return self.say(T::BatchNothing, &[]);
        }
        self.open_colleague_picker(PickerKind::BatchAssignee, &[])
    }

    pub(crate) fn batch_state_menu(&mut self) -> Vec<Effect> {
        let n = self.batch_ids().len();
        if n == 0 {
            return self.say(T::BatchNothing, &[]);
        }
        let title = tr(self.lang, T::TitleBatchState, &[&n.to_string()]);
        self.modal = Some(Modal::Picker(self.transition_picker(
            title,
            &BATCH_TRANSITIONS,
            true,
        )));
        Vec::new()
    }

    pub(crate) fn batch_transition_chosen(&mut self, t: Transition) -> Vec<Effect> {
        if t.needs_reason() {
            self.open_reason_editor(EditorKind::BatchReason(t), t);
            return Vec::new();
        }
        self.batch(BatchChange::Transition {
            transition: t,
            reason: None,
        })
    }

    /// The preview arrived: show exactly what changes and what is skipped.
    pub(crate) fn batch_previewed(&mut self, lines: Vec<BatchLine>) -> Vec<Effect> {
        let items: Vec<(i64, i64, CaseWrite)> = lines
            .iter()
            .filter_map(|l| {
                let (write, _) = l.outcome.as_ref().ok()?;
                Some((l.facts.id, l.facts.version, write.clone()))
            })
            .collect();
        let title = tr(
            self.lang,
            T::TitleBatchPreview,
            &[
                &items.len().to_string(),
                &(lines.len() - items.len()).to_string(),
            ],
        );
        let action = if items.is_empty() {
            PreviewAction::None
        } else {
            PreviewAction::Batch { items }
        };
        let preview = Preview::new(title, PreviewContent::Batch(lines), action);
        self.modal = Some(Modal::Preview(preview));
        Vec::new()
    }

    pub(crate) fn batch_done(&mut self, n: usize) -> Vec<Effect> {
        self.marked.clear();
        self.focus = Pane::Cases;
        self.set_status(tr(self.lang, T::BatchDone, &[&n.to_string()]));
        vec![Effect::LoadHome]
    }
}
