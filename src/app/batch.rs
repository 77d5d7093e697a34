//! Batch actions on the marked cases (or the selected one): assign, or change state. Each shows
//! a preview of exactly what will change and what is skipped and why; confirming writes the
//! changes in one transaction, refused whole if any of the cases changed since the preview.

use super::modal::{EditorKind, Menu, Modal, Picker, PickerKind, Preview, PreviewAction};
use super::{
    App, BATCH_TRANSITIONS, BatchChange, BatchLine, CaseWrite, Effect, Pane, Screen, Skip,
};
use crate::domain::Role;
use crate::domain::workflow::Transition;
use crate::i18n::{self, T, tr};

impl App {
    /// The cases a batch acts on: the marked ones, else the selected one.
    fn batch_ids(&self) -> Vec<i64> {
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

    pub(super) fn on_home_list(&self) -> bool {
        self.screen == Screen::Home && self.modal.is_none()
    }

    pub(super) fn batch(&mut self, change: BatchChange) -> Vec<Effect> {
        let ids = self.batch_ids();
        if ids.is_empty() {
            return self.say(T::BatchNothing, &[]);
        }
        vec![Effect::PreviewBatch { ids, change }]
    }

    pub(super) fn batch_assign_me(&mut self) -> Vec<Effect> {
        let change = BatchChange::Assign {
            user_id: self.user.id,
        };
        self.batch(change)
    }

    pub(super) fn batch_assign_other(&mut self) -> Vec<Effect> {
        if self.batch_ids().is_empty() {
            return self.say(T::BatchNothing, &[]);
        }
        let items: Vec<(i64, String)> = self
            .users
            .iter()
            .filter(|u| u.id != self.user.id && u.roles.contains(&Role::Caseworker))
            .map(|u| (u.id, format!("{} ({})", u.name, u.login)))
            .collect();
        if items.is_empty() {
            return self.say(T::RefNoColleagues, &[]);
        }
        let title = T::TitlePickUser.text(self.lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::BatchAssignee,
            title,
            items,
        )));
        Vec::new()
    }

    pub(super) fn batch_state_menu(&mut self) -> Vec<Effect> {
        let n = self.batch_ids().len();
        if n == 0 {
            return self.say(T::BatchNothing, &[]);
        }
        self.modal = Some(Modal::Menu(Menu {
            title: tr(self.lang, T::TitleBatchState, &[&n.to_string()]),
            items: BATCH_TRANSITIONS.to_vec(),
            selected: 0,
            batch: true,
        }));
        Vec::new()
    }

    pub(super) fn batch_transition_chosen(&mut self, t: Transition) -> Vec<Effect> {
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
    pub(super) fn batch_previewed(&mut self, lines: Vec<BatchLine>) -> Vec<Effect> {
        let lang = self.lang;
        let mut text = Vec::new();
        let mut items = Vec::new();
        for line in &lines {
            let d = &line.facts;
            let head = format!("{}/{}  {}", d.dnr.year, d.dnr.seq, d.organisation);
            match &line.outcome {
                Ok((write, to)) => {
                    let what = match (write, to) {
                        (CaseWrite::Assign { user_id }, _) => {
                            let name = self
                                .users
                                .iter()
                                .find(|u| u.id == *user_id)
                                .map_or_else(String::new, |u| u.name.clone());
                            tr(lang, T::BatchAssignLine, &[&name])
                        }
                        (CaseWrite::Transition { .. }, Some(to)) => tr(
                            lang,
                            T::BatchStateLine,
                            &[i18n::state(d.state).text(lang), i18n::state(*to).text(lang)],
                        ),
                        _ => String::new(),
                    };
                    text.push(format!("  ✓ {head}: {what}"));
                    items.push((d.id, d.version, write.clone()));
                }
                Err(skip) => {
                    let why = match skip {
                        Skip::Refused(r) => self.refusal_text(r, None),
                        Skip::AlreadyAssigned => T::BatchAlreadyAssigned.text(lang).to_string(),
                        Skip::Jav => T::BatchJav.text(lang).to_string(),
                    };
                    text.push(format!(
                        "  – {head}: {}",
                        tr(lang, T::BatchSkipped, &[&why])
                    ));
                }
            }
        }
        let title = tr(
            lang,
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
        self.modal = Some(Modal::Preview(Preview {
            title,
            lines: text,
            scroll: 0,
            action,
        }));
        Vec::new()
    }

    pub(super) fn batch_done(&mut self, n: usize) -> Vec<Effect> {
        self.marked.clear();
        self.focus = Pane::Cases;
        self.set_status(tr(self.lang, T::BatchDone, &[&n.to_string()]));
        vec![Effect::LoadHome]
    }
}
