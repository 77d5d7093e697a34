//! What the case view and the home screen do to cases: answering the checklist, changing state,
//! kompletteringar, notes, documents, assignment and registering new cases. Each ends in one
//! `Effect` (one transaction) or a message saying why not.

use super::effect::{CaseDraft, CaseWrite, Done, Effect};
use super::modal::{Editor, EditorKind, Field, Form, FormKind, Menu, Modal, Picker, PickerKind};
use super::{App, CaseView, Screen, Tab};
use crate::domain::workflow::{self, Refusal, Transition};
use crate::domain::{Answer, CaseDetail, CaseState, Direction, Money, Role, Step, records};
use crate::i18n::{self, T, tr};
use chrono::{Duration, NaiveDate};

/// Days a komplettering is given by default.
pub const SUPPLEMENT_DAYS: i64 = 14;

/// Longest text a single-line field takes.
const MAX_LINE: usize = 500;

impl App {
    pub(super) fn view(&self) -> Option<&CaseView> {
        match self.screen {
            Screen::Case => self.case_view.as_ref(),
            Screen::Home => None,
        }
    }

    pub(super) fn say(&mut self, key: T, args: &[&str]) -> Vec<Effect> {
        self.set_status(tr(self.lang, key, args));
        Vec::new()
    }

    pub(super) fn write(&mut self, write: CaseWrite) -> Vec<Effect> {
        match self.view() {
            Some(v) => vec![Effect::Write {
                case_id: v.detail.id,
                version: v.detail.version,
                write,
            }],
            None => Vec::new(),
        }
    }

    /// A refusal in words, naming checklist items by their numbers.
    pub(super) fn refusal_text(
        &self,
        refusal: &Refusal,
        checklist: Option<&crate::domain::ChecklistTemplate>,
    ) -> String {
        let lang = self.lang;
        match refusal {
            Refusal::NotFrom { from, transition } => tr(
                lang,
                T::RefNotFrom,
                &[
                    i18n::transition(*transition).text(lang),
                    i18n::state(*from).text(lang),
                ],
            ),
            Refusal::UnansweredMandatory(keys) => {
                let numbers: Vec<String> = keys
                    .iter()
                    .filter_map(|k| {
                        checklist?
                            .items
                            .iter()
                            .position(|i| &i.key == k)
                            .map(|p| (p + 1).to_string())
                    })
                    .collect();
                tr(
                    lang,
                    T::RefUnanswered,
                    &[&keys.len().to_string(), &numbers.join(", ")],
                )
            }
            Refusal::NoChecklist => T::RefNoChecklist.text(lang).to_string(),
            Refusal::NotForStep { step, transition } => tr(
                lang,
                T::RefNotForStep,
                &[
                    i18n::transition(*transition).text(lang),
                    &step.number().to_string(),
                ],
            ),
            Refusal::NoGrant => T::RefNoGrant.text(lang).to_string(),
        }
    }

    /// The editor asking for the reason a transition needs (kept as a tjänsteanteckning).
    pub(super) fn open_reason_editor(&mut self, kind: EditorKind, t: Transition) {
        let title = tr(
            self.lang,
            T::TitleReason,
            &[i18n::transition(t).text(self.lang)],
        );
        self.modal = Some(Modal::Editor(Editor {
            kind,
            title,
            about: String::new(),
            label: T::FldReason,
            input: super::modal::text_area(""),
            error: None,
        }));
    }

    /// Checks `t` against the rules; an inkommen case is first taken into handling where that
    /// is what makes `t` possible. Returns (start, new state) or says why not.
    pub(super) fn check(&mut self, t: Transition) -> Option<(bool, CaseState)> {
        let detail = &self.view()?.detail;
        match workflow::plan(detail.state, t, &detail.facts().workflow()) {
            Ok(r) => Some(r),
            Err(refusal) => {
                let text = self.refusal_text(&refusal, detail.checklist.as_ref());
                self.set_status(text);
                None
            }
        }
    }

    // ----- the checklist -----

    pub(super) fn answer(&mut self, answer: Answer) -> Vec<Effect> {
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
                input: super::modal::text_area(&existing),
                error: None,
            }));
            return Vec::new();
        }
        self.write_answer(row, answer, String::new())
    }

    /// The checklist version new assessments of `step` use, with its file text.
    fn current_checklist(&self, step: Step) -> Option<(crate::domain::ChecklistTemplate, String)> {
        self.checklists
            .iter()
            .find(|c| c.template.step() == Some(step))
            .map(|c| (c.template.clone(), c.body.clone()))
    }

    /// The checklist the case is assessed against: its recorded version, or for a case that has
    /// none yet the current version of its step. None when the recorded version is not kept:
    /// then nothing may be answered against another version.
    pub fn template_for(&self, d: &CaseDetail) -> Option<crate::domain::ChecklistTemplate> {
        match &d.checklist_id {
            Some(_) => d.checklist.clone(),
            None => self.current_checklist(d.step).map(|c| c.0),
        }
    }

    pub(super) fn organisation_name(&self, id: i64) -> String {
        self.orgs
            .items
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }

    fn write_answer(&mut self, row: usize, answer: Answer, comment: String) -> Vec<Effect> {
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

    // ----- state changes -----

    pub(super) fn open_state_menu(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        let facts = d.facts().workflow();
        let mut items = workflow::offered(d.state, &facts);
        if d.state == CaseState::Received {
            // The triage loop: from inkommen, everything handling allows is one step away.
            for t in workflow::offered(CaseState::InProgress, &facts) {
                if !items.contains(&t) {
                    items.push(t);
                }
            }
        }
        // Deciding and dispatching need the decision record; they are not plain state changes.
        items.retain(|t| !matches!(t, Transition::Decide | Transition::Dispatch));
        if items.is_empty() {
            let label = i18n::state(d.state).text(self.lang);
            return self.say(T::RefNothingOffered, &[label]);
        }
        let title = tr(
            self.lang,
            T::TitleStateMenu,
            &[i18n::state(d.state).text(self.lang)],
        );
        self.modal = Some(Modal::Menu(Menu {
            title,
            items,
            selected: 0,
            batch: false,
        }));
        Vec::new()
    }

    pub(super) fn choose_transition(&mut self, t: Transition) -> Vec<Effect> {
        match t {
            Transition::RequestSupplement => return self.open_supplement_form(),
            Transition::SupplementReceived => return self.open_reply_form(),
            Transition::Propose => return self.open_proposal(),
            _ => {}
        }
        if self.check(t).is_none() {
            return Vec::new();
        }
        if t.needs_reason() {
            self.open_reason_editor(EditorKind::Reason(t), t);
            return Vec::new();
        }
        self.write(CaseWrite::Transition {
            transition: t,
            reason: None,
        })
    }

    // ----- kompletteringar, documents, notes -----

    pub(super) fn open_supplement_form(&mut self) -> Vec<Effect> {
        if self.check(Transition::RequestSupplement).is_none() {
            return Vec::new();
        }
        let due = self.today + Duration::days(SUPPLEMENT_DAYS);
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::RequestSupplement,
            title: T::TitleSupplement.text(self.lang).to_string(),
            fields: vec![
                Field::lines(T::FldSupplementText, ""),
                Field::line(T::FldDue, &due.to_string()),
            ],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    pub(super) fn open_reply_form(&mut self) -> Vec<Effect> {
        if self.check(Transition::SupplementReceived).is_none() {
            return Vec::new();
        }
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::SupplementReply,
            title: T::TitleSupplementReply.text(self.lang).to_string(),
            fields: vec![
                Field::line(T::FldDate, &self.today.to_string()),
                Field::line(T::FldDescription, records::SUPPLEMENT_REPLY),
            ],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    pub(super) fn open_document_form(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let org = view.detail.organisation.name.clone();
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Document,
            title: T::TitleDocument.text(self.lang).to_string(),
            fields: vec![
                Field::line(T::FldDirection, "in"),
                Field::line(T::FldDate, &self.today.to_string()),
                Field::line(T::FldCounterpart, &org),
                Field::line(T::FldDescription, ""),
                Field::line(T::FldFile, ""),
            ],
            focus: 3,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    pub(super) fn open_note_editor(&mut self) -> Vec<Effect> {
        if self.view().is_none() {
            return Vec::new();
        }
        self.modal = Some(Modal::Editor(Editor {
            kind: EditorKind::Note,
            title: T::TitleNote.text(self.lang).to_string(),
            about: String::new(),
            label: T::FldNote,
            input: super::modal::text_area(""),
            error: None,
        }));
        Vec::new()
    }

    pub(super) fn open_reform_areas(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let current = view
            .detail
            .reform_areas
            .iter()
            .map(|a| a.code().to_lowercase())
            .collect::<Vec<_>>()
            .join(", ");
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::ReformAreas,
            title: T::ActReformAreas.text(self.lang).to_string(),
            fields: vec![Field::line(T::FldReformAreas, &current)],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    // ----- assignment -----

    pub(super) fn assign_me(&mut self) -> Vec<Effect> {
        let (id, name) = (self.user.id, self.user.name.clone());
        if self
            .view()
            .is_some_and(|v| v.detail.jav_users.contains(&id))
        {
            return self.say(T::JavNoAssign, &[&name]);
        }
        if self
            .view()
            .is_some_and(|v| v.detail.assignee.as_deref() == Some(name.as_str()))
        {
            return self.say(T::DoneAssigned, &[&name]);
        }
        self.write(CaseWrite::Assign { user_id: id })
    }

    pub(super) fn open_assignee_picker(&mut self) -> Vec<Effect> {
        if self.view().is_none() {
            return Vec::new();
        }
        let items: Vec<(i64, String)> = self
            .users
            .iter()
            .filter(|u| u.id != self.user.id && u.roles.contains(&Role::Caseworker))
            // Jäv hides a colleague from the cases of that organisation.
            .filter(|u| {
                !self
                    .view()
                    .is_some_and(|v| v.detail.jav_users.contains(&u.id))
            })
            .map(|u| (u.id, format!("{} ({})", u.name, u.login)))
            .collect();
        if items.is_empty() {
            return self.say(T::RefNoColleagues, &[]);
        }
        let title = T::TitlePickUser.text(self.lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::Assignee,
            title,
            items,
        )));
        Vec::new()
    }

    // ----- registering a new case -----

    pub(super) fn start_new_case(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let items = self
            .orgs
            .items
            .iter()
            .map(|o| {
                let nr = o.org_nr.map(|n| format!(" {n}")).unwrap_or_default();
                let kind = i18n::org_kind(o.kind).text(lang);
                (o.id, format!("{} · {kind}{nr}", o.name))
            })
            .collect();
        let title = T::TitlePickOrg.text(lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::Organisation,
            title,
            items,
        )));
        Vec::new()
    }

    pub(super) fn picked(&mut self, kind: PickerKind, id: i64, label: String) -> Vec<Effect> {
        match kind {
            PickerKind::Organisation => {
                let items = self
                    .calls
                    .items
                    .iter()
                    .map(|c| {
                        let step = tr(self.lang, T::StepShort, &[&c.step.number().to_string()]);
                        (c.id, format!("{} · {step}", c.name))
                    })
                    .collect();
                let title = T::TitlePickCall.text(self.lang).to_string();
                self.modal = Some(Modal::Picker(Picker::new(
                    PickerKind::Call { org_id: id },
                    title,
                    items,
                )));
                Vec::new()
            }
            PickerKind::Call { org_id } => vec![Effect::CheckEligibility {
                org_id,
                call_id: id,
                label,
            }],
            PickerKind::Outcome => self.open_proposal_form(id),
            PickerKind::Assignee => self.write(CaseWrite::Assign { user_id: id }),
            PickerKind::BatchAssignee => self.batch(super::BatchChange::Assign { user_id: id }),
            PickerKind::Command => self.palette_chosen(id),
        }
    }

    /// The registration form, once the call is chosen; an organisation not yet eligible for the
    /// call's step needs a reason for the exception, which is recorded.
    pub(super) fn open_new_case_form(
        &mut self,
        org_id: i64,
        call_id: i64,
        label: &str,
        lacking: Option<crate::domain::decision::NotEligible>,
    ) {
        use crate::domain::decision::NotEligible;
        let org = self.organisation_name(org_id);
        let title = tr(self.lang, T::TitleNewCase, &[&org, label]);
        let mut fields = vec![
            Field::line(T::FldReceived, &self.today.to_string()),
            Field::line(T::FldTitle, ""),
            Field::line(T::FldAmount, "0"),
        ];
        let mut info = Vec::new();
        if let Some(l) = lacking {
            let what = match l {
                NotEligible::NoPositiveBesked => T::LackBesked,
                NotEligible::NoCompletedMapping => T::LackMapping,
            };
            info.push(tr(
                self.lang,
                T::NotEligibleLine,
                &[&org, what.text(self.lang)],
            ));
            fields.push(Field::lines(T::FldException, ""));
        }
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::NewCase {
                org_id,
                call_id,
                exception: lacking.is_some(),
            },
            title,
            fields,
            focus: 1,
            error: None,
            info,
            confirmed: false,
        }));
    }

    // ----- submitting dialogs -----

    /// Validation of one field: the message names the field and the rule.
    pub(super) fn field_error(
        &self,
        form: &Form,
        i: usize,
        key: T,
        args: &[&str],
    ) -> (usize, String) {
        let label = form
            .fields
            .get(i)
            .map(|f| f.label.text(self.lang))
            .unwrap_or_default();
        let mut all = vec![label];
        all.extend_from_slice(args);
        (i, tr(self.lang, key, &all))
    }

    pub(super) fn required(&self, form: &Form, i: usize) -> Result<String, (usize, String)> {
        let v = form.value(i);
        if v.trim().is_empty() {
            return Err(self.field_error(form, i, T::ValEmpty, &[]));
        }
        if !form.fields[i].multiline && v.chars().count() > MAX_LINE {
            return Err(self.field_error(form, i, T::ValTooLong, &[&MAX_LINE.to_string()]));
        }
        Ok(v.trim().to_string())
    }

    /// A date in ISO form within the years a case can concern (1990–2100).
    pub(super) fn date(&self, form: &Form, i: usize) -> Result<NaiveDate, (usize, String)> {
        use chrono::Datelike;
        let v = form.value(i);
        NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (1990..=2100).contains(&d.year()))
            .ok_or_else(|| self.field_error(form, i, T::ValDate, &[v.trim()]))
    }

    pub(super) fn past_date(&self, form: &Form, i: usize) -> Result<NaiveDate, (usize, String)> {
        let d = self.date(form, i)?;
        if d > self.today {
            return Err(self.field_error(form, i, T::ValNotFuture, &[&self.today.to_string()]));
        }
        Ok(d)
    }

    /// Checks a form and turns it into its effect; on bad input, says which field and why.
    pub(super) fn form_effect(&self, form: &Form) -> Result<Vec<Effect>, (usize, String)> {
        let view = self.view();
        let write = |w: CaseWrite| -> Vec<Effect> {
            view.map(|v| Effect::Write {
                case_id: v.detail.id,
                version: v.detail.version,
                write: w,
            })
            .into_iter()
            .collect()
        };
        Ok(match form.kind {
            FormKind::RequestSupplement => {
                let text = self.required(form, 0)?;
                let due = self.date(form, 1)?;
                if due <= self.today {
                    return Err(self.field_error(
                        form,
                        1,
                        T::ValMustBeFuture,
                        &[&self.today.to_string()],
                    ));
                }
                write(CaseWrite::RequestSupplement { text, due })
            }
            FormKind::SupplementReply => {
                let date = self.past_date(form, 0)?;
                let description = self.required(form, 1)?;
                write(CaseWrite::SupplementReply { date, description })
            }
            FormKind::Document => {
                let direction = match form.value(0).trim().to_lowercase().as_str() {
                    "in" => Direction::Incoming,
                    "ut" | "out" => Direction::Outgoing,
                    _ => return Err(self.field_error(form, 0, T::ValDirection, &[])),
                };
                let date = self.past_date(form, 1)?;
                let counterpart = self.required(form, 2)?;
                let description = self.required(form, 3)?;
                let file = form.value(4).trim().to_string();
                write(CaseWrite::Document {
                    direction,
                    date,
                    counterpart,
                    description,
                    file_path: (!file.is_empty()).then_some(file),
                })
            }
            FormKind::Proposal { outcome } => self.proposal_effect(form, outcome)?,
            FormKind::Decide { proposal_id } => self.decide_effect(form, proposal_id)?,
            FormKind::Import => self.import_effect(form)?,
            FormKind::Followup(kind) => self.followup_effect(form, kind)?,
            FormKind::ReformAreas => {
                let text = form.value(0);
                let areas = crate::domain::ReformArea::parse_list(&text).map_err(|v| {
                    let rule = tr(self.lang, T::RuleReformArea, &[&v]);
                    let label = form.fields[0].label.text(self.lang);
                    (0, format!("{label}: {rule}."))
                })?;
                write(CaseWrite::ReformAreas(areas))
            }
            FormKind::Correct { decision_id, grant } => {
                self.correct_effect(form, decision_id, grant)?
            }
            FormKind::SaveQueue => self.save_queue_effect(form)?,
            FormKind::NewCase {
                org_id,
                call_id,
                exception,
            } => {
                let received_on = self.past_date(form, 0)?;
                let title = self.required(form, 1)?;
                let exception_reason = if exception {
                    Some(self.required(form, 3)?)
                } else {
                    None
                };
                let amount_text = form.value(2);
                let requested = Money::parse(&amount_text)
                    .map_err(|_| self.field_error(form, 2, T::ValMoney, &[amount_text.trim()]))?;
                if requested.ore() < 0 {
                    return Err(self.field_error(form, 2, T::ValNegative, &[]));
                }
                vec![Effect::RegisterCase(CaseDraft {
                    exception_reason,
                    organisation_id: org_id,
                    call_id,
                    received_on,
                    title,
                    requested,
                })]
            }
        })
    }

    pub(super) fn submit(&mut self) -> Vec<Effect> {
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
                let text = super::modal::text_of(&editor.input);
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
                        self.batch(super::BatchChange::Transition {
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

    /// The status line after a write.
    pub(super) fn done_text(&self, done: &Done) -> String {
        let lang = self.lang;
        match done {
            Done::Answer { item_no, answer } => tr(
                lang,
                T::DoneAnswer,
                &[&item_no.to_string(), i18n::answer(Some(*answer)).text(lang)],
            ),
            Done::Transition(s) => tr(lang, T::DoneTransition, &[i18n::state(*s).text(lang)]),
            Done::Note => T::DoneNote.text(lang).to_string(),
            Done::Document(sub) => {
                let dnr = self
                    .case_view
                    .as_ref()
                    .map(|v| v.detail.dnr.with_sub(*sub))
                    .unwrap_or_else(|| sub.to_string());
                tr(lang, T::DoneDocument, &[&dnr])
            }
            Done::Supplement(due) => tr(lang, T::DoneSupplement, &[&due.to_string()]),
            Done::SupplementReply => T::DoneSupplementReply.text(lang).to_string(),
            Done::Assigned(name) => tr(lang, T::DoneAssigned, &[name]),
            Done::Registered { .. } => String::new(),
            Done::Proposed(o) => tr(lang, T::DoneProposed, &[i18n::outcome(*o).text(lang)]),
            Done::Decided(o) => tr(lang, T::DoneDecided, &[i18n::outcome(*o).text(lang)]),
            Done::Dispatched(path) => tr(lang, T::DoneDispatched, &[path]),
            Done::Jav {
                declared,
                organisation,
            } => {
                let key = if *declared {
                    T::DoneJavDeclared
                } else {
                    T::DoneJavWithdrawn
                };
                tr(lang, key, &[organisation])
            }
            Done::Round(n) => tr(lang, T::DoneRound, &[&n.to_string()]),
            Done::Corrected => T::DoneCorrected.text(lang).to_string(),
            Done::ReformAreas => T::DoneReformAreas.text(lang).to_string(),
            Done::Followup(f) => self.followup_done_text(f),
        }
    }
}
