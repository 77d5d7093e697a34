//! Keys in an open dialog: moving, choosing, typing, submitting, cancelling. A choice field of a
//! form opens a picker over the form (the same keys as every picker); choosing puts the value
//! into the field and returns to the form.

use crate::app::effect::{AdminWrite, CaseWrite, Effect};
use crate::app::form::{FieldId, Input, Stop};
use crate::app::modal::{self, Confirm, EditorKind, Modal, Picker, PickerKind, PreviewAction};
use crate::app::{Action, App, Key, KeyCode};
use crate::domain::workflow::Transition;
use crate::i18n::{T, tr};

impl App {
    /// Closes the open dialog; the one under it (if any) comes back.
    pub(crate) fn close_dialog(&mut self) {
        self.modal = self.stacked.pop();
    }

    /// Keys for an open dialog; returns None when no dialog took the action.
    pub(crate) fn modal_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let modal = self.modal.as_mut()?;
        let effects = match (modal, action) {
            (Modal::Admin(_), Action::Cancel) => {
                self.close_dialog();
                Vec::new()
            }
            (Modal::Admin(_), action) => self.admin_action(action),
            (_, Action::Cancel) => {
                self.close_dialog();
                Vec::new()
            }
            (Modal::Picker(_), Action::Submit) => self.choose_in_picker(),
            (_, Action::Submit) => self.submit(),
            (Modal::Form(form), Action::NextField) => {
                form.focus = (form.focus + 1) % form.fields.len().max(1);
                Vec::new()
            }
            (Modal::Form(form), Action::Advance) => {
                if matches!(
                    form.focused_field().map(|f| &f.input),
                    Some(Input::Choice { .. })
                ) {
                    self.open_choice(None)
                } else if form.focus + 1 >= form.fields.len() {
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
            (Modal::Round(round), Action::MoveDown) => {
                round.selected = (round.selected + 1).min(round.items.len().saturating_sub(1));
                Vec::new()
            }
            (Modal::Round(round), Action::MoveUp) => {
                round.selected = round.selected.saturating_sub(1);
                Vec::new()
            }
            (Modal::Preview(p), Action::MoveDown | Action::MoveUp) if p.cursor.is_some() => {
                let down = action == Action::MoveDown;
                self.organisation_cursor(down)
            }
            (Modal::Preview(p), Action::Open) if p.cursor.is_some() => {
                self.open_from_organisation()
            }
            (Modal::Preview(p), Action::MoveDown) => {
                p.scroll = (p.scroll + 1).min(p.max_scroll.get());
                Vec::new()
            }
            (Modal::Preview(p), Action::MoveUp) => {
                p.scroll = p.scroll.min(p.max_scroll.get()).saturating_sub(1);
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
            (Modal::Picker(_), Action::Choose) => self.choose_in_picker(),
            (Modal::Confirm(_), Action::Choose) => self.submit(),
            _ => Vec::new(),
        };
        Some(effects)
    }

    /// Enter in a picker: the highlighted item is chosen.
    fn choose_in_picker(&mut self) -> Vec<Effect> {
        let Some(Modal::Picker(picker)) = &self.modal else {
            return Vec::new();
        };
        let kind = picker.kind;
        let Some((id, label)) = picker.chosen().map(|(id, label)| (id, label.to_string())) else {
            return Vec::new();
        };
        self.close_dialog();
        match kind {
            PickerKind::Choice(field) => {
                self.set_choice(field, id);
                Vec::new()
            }
            PickerKind::Transition { batch } => {
                let chosen = usize::try_from(id)
                    .ok()
                    .and_then(|i| Transition::ALL.get(i).copied());
                match chosen {
                    Some(t) if batch => self.batch_transition_chosen(t),
                    Some(t) => self.choose_transition(t),
                    None => Vec::new(),
                }
            }
            _ => self.picked(kind, id, label),
        }
    }

    /// Opens the picker of the focused choice field over the form, `typed` already in its query.
    fn open_choice(&mut self, typed: Option<char>) -> Vec<Effect> {
        let Some(Modal::Form(form)) = &self.modal else {
            return Vec::new();
        };
        let Some(field) = form.focused_field() else {
            return Vec::new();
        };
        let Input::Choice { options, selected } = &field.input else {
            return Vec::new();
        };
        let items = options
            .iter()
            .enumerate()
            .map(|(i, c)| (i as i64, c.label.clone()))
            .collect();
        let title = tr(
            self.lang,
            T::TitlePickChoice,
            &[&field.label_text(self.lang)],
        );
        let mut picker = Picker::new(PickerKind::Choice(field.id), title, items);
        match typed {
            Some(c) => {
                modal::type_key(&mut picker.query, Key::ch(c), false);
                picker.refilter();
            }
            None => picker.selected = selected.unwrap_or(0),
        }
        if let Some(form) = self.modal.take() {
            self.stacked.push(form);
        }
        self.modal = Some(Modal::Picker(picker));
        Vec::new()
    }

    /// Puts option `index` into the choice field `id` of the form now open, and moves on.
    fn set_choice(&mut self, id: FieldId, index: i64) {
        let Some(Modal::Form(form)) = self.modal.as_mut() else {
            return;
        };
        let Some(pos) = form.position(id) else {
            return;
        };
        if let Some(Input::Choice { options, selected }) =
            form.fields.get_mut(pos).map(|f| &mut f.input)
        {
            *selected = usize::try_from(index).ok().filter(|i| *i < options.len());
        }
        form.error = None;
        form.focus = (pos + 1).min(form.fields.len().saturating_sub(1));
    }

    /// A key no binding took: typed into the field, the editor or the picker's query. Space
    /// toggles a yes/no field; a character on a choice field opens its picker with it typed.
    pub(crate) fn type_into_dialog(&mut self, key: Key) -> Vec<Effect> {
        match self.modal.as_mut() {
            Some(Modal::Form(form)) => {
                let focus = form.focus;
                form.error = None;
                match form.fields.get_mut(focus).map(|f| &mut f.input) {
                    Some(Input::Text { area, multiline }) => modal::type_key(area, key, *multiline),
                    Some(Input::Toggle(on)) if key == Key::ch(' ') => *on = !*on,
                    Some(Input::Choice { .. }) => {
                        if let KeyCode::Char(c) = key.code
                            && !key.ctrl
                            && !key.alt
                        {
                            let typed = Some(c).filter(|c| *c != ' ');
                            return self.open_choice(typed);
                        }
                    }
                    _ => {}
                }
            }
            Some(Modal::Editor(editor)) => {
                modal::type_key(&mut editor.input, key, true);
                editor.error = None;
            }
            Some(Modal::Picker(picker)) => {
                modal::type_key(&mut picker.query, key, false);
                picker.refilter();
            }
            Some(Modal::Round(_) | Modal::Preview(_) | Modal::Confirm(_) | Modal::Admin(_))
            | None => {}
        }
        Vec::new()
    }

    pub(crate) fn submit(&mut self) -> Vec<Effect> {
        match self.modal.take() {
            Some(Modal::Form(mut form)) => match self.form_effect(&form) {
                Ok(effects) => {
                    // Kept until the write answers: a busy database, a refusal or a missing file
                    // reopens it as typed.
                    self.pending_form = Some(Modal::Form(form));
                    effects
                }
                Err(Stop::Field(e)) => {
                    form.fail(e);
                    self.modal = Some(Modal::Form(form));
                    Vec::new()
                }
                // Shown once; the next submit is the explicit confirmation.
                Err(Stop::Warning(text)) => {
                    form.warning = Some(text);
                    self.modal = Some(Modal::Form(form));
                    Vec::new()
                }
            },
            Some(Modal::Round(round)) => self.submit_round(round),
            Some(admin @ Modal::Admin(_)) => {
                self.modal = Some(admin);
                Vec::new()
            }
            Some(Modal::Preview(preview)) => self.submit_preview(preview),
            Some(Modal::Confirm(confirm)) => match confirm {
                Confirm::DeleteQueue { id, .. } => vec![Effect::DeleteQueue(id)],
                Confirm::CloseCall { id, name } => {
                    // Back to the administration view, where the result is shown.
                    self.modal = self.stacked.pop();
                    vec![Effect::Admin(AdminWrite::CloseCall { id, name })]
                }
            },
            Some(Modal::Editor(mut editor)) => {
                let text = modal::text_of(&editor.input);
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

    /// Confirms a preview: writes the batch or the import, or expedites the letter's decision.
    pub(crate) fn submit_preview(&mut self, preview: modal::Preview) -> Vec<Effect> {
        match preview.action {
            PreviewAction::Import { plan, source } => vec![Effect::ApplyImport { plan, source }],
            PreviewAction::Batch { items } => vec![Effect::ApplyBatch { items }],
            PreviewAction::Dispatch {
                case_id,
                version,
                decision_id,
            } => vec![Effect::Dispatch {
                case_id,
                version,
                decision_id,
            }],
            PreviewAction::None => {
                self.modal = Some(Modal::Preview(preview));
                Vec::new()
            }
        }
    }

    /// Text pasted into the terminal goes into the field being typed in.
    pub(crate) fn paste(&mut self, text: &str) -> Vec<Effect> {
        // Pasted into the filter line: one edit, so one search for the whole text.
        if self.modal.is_none()
            && self.help.is_none()
            && self.filter.typing
            && self.screen == crate::app::Screen::Home
        {
            let line: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            return self.filter_edit(|t| t.push_str(&line));
        }
        match self.modal.as_mut() {
            Some(Modal::Form(form)) => {
                let focus = form.focus;
                if let Some(Input::Text { area, multiline }) =
                    form.fields.get_mut(focus).map(|f| &mut f.input)
                {
                    modal::paste(area, text, *multiline);
                }
            }
            Some(Modal::Editor(e)) => modal::paste(&mut e.input, text, true),
            Some(Modal::Picker(p)) => {
                modal::paste(&mut p.query, text, false);
                p.refilter();
            }
            Some(Modal::Round(_) | Modal::Preview(_) | Modal::Confirm(_) | Modal::Admin(_))
            | None => {}
        }
        Vec::new()
    }
}
