//! Keys in an open dialog: moving, choosing, submitting, cancelling.

use crate::app::Action;
use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{EditorKind, Modal};
use crate::i18n::{T, tr};

impl App {
    /// Keys for an open dialog; returns None when no dialog took the action.
    pub(crate) fn modal_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let modal = self.modal.as_mut()?;
        let effects = match (modal, action) {
            (_, Action::Cancel) => {
                self.modal = None;
                Vec::new()
            }
            (_, Action::Submit) => self.submit(),
            (Modal::Form(form), Action::NextField) => {
                form.focus = (form.focus + 1) % form.fields.len().max(1);
                Vec::new()
            }
            (Modal::Form(form), Action::Advance) => {
                if form.focus + 1 >= form.fields.len() {
                    self.submit()
                } else {
                    form.focus += 1;
                    Vec::new()
                }
            }
            (Modal::Form(form), Action::PrevField) => {
                let n = form.fields.len().max(1);
                form.focus = (form.focus + n - 1) % n;
                Vec::new()
            }
            (Modal::Menu(menu), Action::MoveDown) => {
                menu.selected = (menu.selected + 1).min(menu.items.len().saturating_sub(1));
                Vec::new()
            }
            (Modal::Menu(menu), Action::MoveUp) => {
                menu.selected = menu.selected.saturating_sub(1);
                Vec::new()
            }
            (Modal::Menu(menu), Action::Choose) => {
                let chosen = menu.items.get(menu.selected).copied();
                let batch = menu.batch;
                self.modal = None;
                match chosen {
                    Some(t) if batch => self.batch_transition_chosen(t),
                    Some(t) => self.choose_transition(t),
                    None => Vec::new(),
                }
            }
            (Modal::Round(round), Action::MoveDown) => {
                round.selected = (round.selected + 1).min(round.items.len().saturating_sub(1));
                Vec::new()
            }
            (Modal::Round(round), Action::MoveUp) => {
                round.selected = round.selected.saturating_sub(1);
                Vec::new()
            }
            (Modal::Preview(p), Action::MoveDown) => {
                p.scroll = (p.scroll + 1).min(p.lines.len().saturating_sub(1));
                Vec::new()
            }
            (Modal::Preview(p), Action::MoveUp) => {
                p.scroll = p.scroll.saturating_sub(1);
                Vec::new()
            }
            (Modal::Picker(picker), Action::MoveDown) => {
                picker.selected = (picker.selected + 1).min(picker.matches.len().saturating_sub(1));
                Vec::new()
            }
            (Modal::Picker(picker), Action::MoveUp) => {
                picker.selected = picker.selected.saturating_sub(1);
                Vec::new()
            }
            (Modal::Picker(picker), Action::Choose) => {
                let kind = picker.kind;
                let chosen = picker.chosen().map(|(id, label)| (id, label.to_string()));
                match chosen {
                    Some((id, label)) => {
                        self.modal = None;
                        self.picked(kind, id, label)
                    }
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        Some(effects)
    }

    pub(crate) fn submit(&mut self) -> Vec<Effect> {
        match self.modal.take() {
            Some(Modal::Form(mut form)) => match self.form_effect(&form) {
                Ok(effects) => {
                    // Kept until the write answers: a busy database or a missing file reopens
                    // it as typed.
                    self.pending_form = Some(Modal::Form(form));
                    effects
                }
                // A warning, not a field error: shown once, the next submit confirms it.
                Err((usize::MAX, message)) => {
                    form.error = Some((usize::MAX, message));
                    form.confirmed = true;
                    self.modal = Some(Modal::Form(form));
                    Vec::new()
                }
                Err((field, message)) => {
                    form.focus = field;
                    form.error = Some((field, message));
                    self.modal = Some(Modal::Form(form));
                    Vec::new()
                }
            },
            Some(Modal::Round(round)) => self.submit_round(round),
            Some(Modal::Preview(preview)) => self.submit_preview(preview),
            Some(Modal::Editor(mut editor)) => {
                let text = crate::app::modal::text_of(&editor.input);
                self.pending_form = Some(Modal::Editor(editor.clone()));
                if text.trim().is_empty() {
                    editor.error =
                        Some(tr(self.lang, T::ValEmpty, &[editor.label.text(self.lang)]));
                    self.modal = Some(Modal::Editor(editor));
                    return Vec::new();
                }
                match editor.kind {
                    EditorKind::Comment { item, answer } => self.write_answer(item, answer, text),
                    EditorKind::Note => self.write(CaseWrite::Note { body: text }),
                    EditorKind::Jav {
                        organisation_id,
                        declare,
                    } => match self.view() {
                        Some(v) => vec![Effect::Jav {
                            case_id: v.detail.id,
                            organisation_id,
                            declare,
                            reason: text,
                        }],
                        None => Vec::new(),
                    },
                    EditorKind::Reason(t) => {
                        if self.check(t).is_none() {
                            return Vec::new();
                        }
                        // The service keeps the reason as a tjänsteanteckning.
                        self.write(CaseWrite::Transition {
                            transition: t,
                            reason: Some(text),
                        })
                    }
                    EditorKind::BatchReason(t) => {
                        self.pending_form = None;
                        self.batch(crate::app::BatchChange::Transition {
                            transition: t,
                            reason: Some(text),
                        })
                    }
                }
            }
            other => {
                self.modal = other;
                Vec::new()
            }
        }
    }
}

impl App {
    /// Text pasted into the terminal goes into the field being typed in.
    pub(crate) fn paste(&mut self, text: &str) -> Vec<Effect> {
        match self.modal.as_mut() {
            Some(Modal::Form(form)) => {
                let focus = form.focus;
                if let Some(f) = form.fields.get_mut(focus) {
                    crate::app::modal::paste(&mut f.input, text, f.multiline);
                }
            }
            Some(Modal::Editor(e)) => crate::app::modal::paste(&mut e.input, text, true),
            Some(Modal::Picker(p)) => {
                crate::app::modal::paste(&mut p.query, text, false);
                p.refilter();
            }
            Some(Modal::Menu(_) | Modal::Round(_) | Modal::Preview(_)) | None => {}
        }
        Vec::new()
    }
}
