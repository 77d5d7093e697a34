//! Typed forms. Each form kind lists its fields by [`FieldId`]; values are read and errors are
//! reported by id, never by position. A choice is a picker of typed values (the same keys in
//! every picker, in both languages), a yes/no is a toggle, everything else is text. The lines
//! above the fields are data ([`Info`]) that `ui/` puts into words.

use crate::app::App;
use crate::app::effect::{CaseDraft, CaseWrite, Effect};
use crate::app::modal::text_area;
use crate::domain::decision::{Budget, NotEligible};
use crate::domain::followup::{Ground, RecoveryDecisionKind, ReviewOutcome};
use crate::domain::{Answer, Direction, Money, Outcome, ReformArea};
use crate::i18n::{T, tr};
use chrono::NaiveDate;
use ratatui_textarea::TextArea;

/// Longest text a single-line field takes.
pub const MAX_LINE: usize = 500;

/// Which field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldId {
    Received,
    Title,
    Requested,
    Exception,
    LateReason,
    AdmLogin,
    AdmName,
    AdmTitle,
    /// Whether the user holds this role.
    AdmRole(crate::domain::Role),
    AdmOutcomes,
    AdmMax,
    CallName,
    CallStep,
    CallRegulation,
    CallVersion,
    CallOpens,
    CallCloses,
    CallBudget,
    CallCommitment,
    CallSittings,
    CallKommuner,
    CallChecklist,
    CallConditions,
    CallAppeal,
    CallAppealParagraph,
    SettingValue,
    SupplementText,
    Due,
    Date,
    Description,
    Direction,
    Counterpart,
    File,
    Amount,
    PeriodFrom,
    PeriodTo,
    ReportDue,
    Motivation,
    Rules,
    Years,
    DecisionDate,
    Appeal,
    ChangeReason,
    ImportFile,
    ImportKind,
    ImportCall,
    QueueName,
    /// Whether the case concerns this reform area.
    Area(ReformArea),
    Instalments,
    FirstDue,
    Months,
    Gated,
    ProgressDue,
    PaidOn,
    ReceivedOn,
    Lines,
    /// The answer to the report checklist's item with this index.
    Item(usize),
    ReviewOutcome,
    Comment,
    Ground,
    Communicated,
    ResponseDue,
    RecoveryDecision,
    Waived,
    DecidedOn,
    PayBy,
}

/// What a field is called on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Key(T),
    /// Words from the data: a checklist question, with its number.
    Item(usize, String),
}

/// A value a choice field can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceValue {
    Direction(Direction),
    Step(crate::domain::Step),
    Regulation(crate::domain::admin::Regulation),
    /// What a file to import holds: applications (false) or organisations (true).
    ImportOrganisations(bool),
    /// The call an import goes into; None: the file's own column says.
    Call(Option<i64>),
    Answer(Answer),
    ReviewOutcome(ReviewOutcome),
    Ground(Ground),
    RecoveryDecision(RecoveryDecisionKind),
}

/// One option of a choice field: its value and its words in the interface's language (what
/// the picker searches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: ChoiceValue,
    pub label: String,
}

impl Choice {
    /// An option with its words as a picker shows them: first letter capitalised.
    pub fn new(value: ChoiceValue, label: &str) -> Self {
        let mut chars = label.chars();
        let label = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
        Self { value, label }
    }
}

#[derive(Debug, Clone)]
pub enum Input {
    Text {
        /// Boxed: the editing state is large beside a choice.
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    Choice {
        options: Vec<Choice>,
        selected: Option<usize>,
    },
    Toggle(bool),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub id: FieldId,
    pub label: Label,
    pub input: Input,
}

impl Field {
    pub fn line(id: FieldId, label: T, text: &str) -> Self {
        Self {
            id,
            label: Label::Key(label),
            input: Input::Text {
                area: Box::new(text_area(text)),
                multiline: false,
            },
        }
    }

    pub fn lines(id: FieldId, label: T, text: &str) -> Self {
        Self {
            id,
            label: Label::Key(label),
            input: Input::Text {
                area: Box::new(text_area(text)),
                multiline: true,
            },
        }
    }

    /// A choice among `options`, with `selected` chosen (None: nothing yet).
    pub fn choice(
        id: FieldId,
        label: Label,
        options: Vec<Choice>,
        selected: Option<usize>,
    ) -> Self {
        Self {
            id,
            label,
            input: Input::Choice { options, selected },
        }
    }

    pub fn toggle(id: FieldId, label: Label, on: bool) -> Self {
        Self {
            id,
            label,
            input: Input::Toggle(on),
        }
    }

    pub fn multiline(&self) -> bool {
        matches!(
            self.input,
            Input::Text {
                multiline: true,
                ..
            }
        )
    }

    /// The text typed, trailing white space removed; a choice's words; "" for a toggle.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text { area, .. } => crate::app::modal::text_of(area),
            Input::Choice { options, selected } => selected
                .and_then(|i| options.get(i))
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            Input::Toggle(_) => String::new(),
        }
    }

    pub fn label_text(&self, lang: crate::i18n::Lang) -> String {
        match &self.label {
            Label::Key(t) => t.text(lang).to_string(),
            Label::Item(no, q) => format!("{no}. {q}"),
        }
    }
}

/// A line above a form's fields, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Info {
    /// The call's budget: granted, paid, proposed, left.
    Budget(Budget),
    /// The proposal being decided.
    Proposal {
        outcome: Outcome,
        amount: Option<Money>,
        presenter: String,
    },
    /// The organisation may not apply in the call's step yet.
    NotEligible {
        organisation: String,
        lack: NotEligible,
    },
    /// The call closed on this day: a case received later needs a reason.
    CallClosed { closes_on: NaiveDate },
    /// What was granted and what is paid.
    Granted { granted: Money, paid: Money },
    /// A report's used and unused amount of the grant.
    Unused { granted: Money, used: Money },
    /// The återkrav being decided.
    Recovery {
        ground: Ground,
        claimed: Money,
        presenter: String,
        response_due: NaiveDate,
    },
    /// The filter a queue is saved from, as typed.
    Filter(String),
}

/// Which dialog a form is, and what it acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    RequestSupplement,
    SupplementReply,
    Document,
    /// `exception`: the organisation is not yet eligible for the call's step; the form asks for
    /// the reason to register anyway.
    NewCase {
        org_id: i64,
        call_id: i64,
        exception: bool,
    },
    Proposal {
        outcome: Outcome,
    },
    Decide {
        proposal_id: i64,
    },
    Import,
    ReformAreas,
    /// A new decision changing `decision_id` (which is expedited and never changes).
    Correct {
        decision_id: i64,
        grant: bool,
    },
    SaveQueue,
    /// A user (None: a new one), a call (None: a new one), a setting.
    AdminUser {
        id: Option<i64>,
    },
    AdminCall {
        id: Option<i64>,
    },
    AdminSetting(crate::domain::admin::Setting),
    /// Payment plan, reports and återkrav (issue 6).
    Followup(crate::app::followup::FollowupForm),
}

/// Why a form was not sent: a field at fault, or a warning to confirm with the next submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    Field(FieldError),
    Warning(String),
}

impl From<FieldError> for Stop {
    fn from(e: FieldError) -> Self {
        Stop::Field(e)
    }
}

/// A field's fault: which field (None: the form as a whole) and the message naming the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Option<FieldId>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<FieldError>,
    /// A warning shown once (a decision over budget); the next submit confirms it.
    pub warning: Option<String>,
    pub info: Vec<Info>,
}

impl Form {
    /// The warning was shown: this submit confirms it.
    pub fn confirmed(&self) -> bool {
        self.warning.is_some()
    }

    pub fn new(kind: FormKind, title: String, fields: Vec<Field>) -> Self {
        Self {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
            warning: None,
            info: Vec::new(),
        }
    }

    pub fn with_info(mut self, info: Vec<Info>) -> Self {
        self.info = info;
        self
    }

    /// Starts with the focus on `id`.
    pub fn focused(mut self, id: FieldId) -> Self {
        self.focus = self.position(id).unwrap_or(0);
        self
    }

    pub fn position(&self, id: FieldId) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    pub fn has(&self, id: FieldId) -> bool {
        self.field(id).is_some()
    }

    pub fn field(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The text of field `id` ("" when the form has no such field).
    pub fn text(&self, id: FieldId) -> String {
        self.field(id).map(Field::value).unwrap_or_default()
    }

    /// The chosen value of choice field `id`.
    pub fn choice(&self, id: FieldId) -> Option<ChoiceValue> {
        match &self.field(id)?.input {
            Input::Choice { options, selected } => {
                selected.and_then(|i| options.get(i)).map(|c| c.value)
            }
            _ => None,
        }
    }

    pub fn toggle(&self, id: FieldId) -> bool {
        matches!(self.field(id).map(|f| &f.input), Some(Input::Toggle(true)))
    }

    /// The field with the focus.
    pub fn focused_field(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Puts the focus on the field at fault and shows the message.
    pub fn fail(&mut self, e: FieldError) {
        if let Some(i) = e.field.and_then(|id| self.position(id)) {
            self.focus = i;
        }
        self.error = Some(e);
    }
}

impl App {
    /// The message for field `id`: its label, then the rule.
    pub(crate) fn field_error(
        &self,
        form: &Form,
        id: FieldId,
        key: T,
        args: &[&str],
    ) -> FieldError {
        let label = form
            .field(id)
            .map(|f| f.label_text(self.lang))
            .unwrap_or_default();
        let mut all = vec![label.as_str()];
        all.extend_from_slice(args);
        FieldError {
            field: Some(id),
            message: tr(self.lang, key, &all),
        }
    }

    /// A message about the form as a whole, or placed at `id`.
    pub(crate) fn form_error(&self, id: Option<FieldId>, message: String) -> FieldError {
        FieldError { field: id, message }
    }

    pub(crate) fn required(&self, form: &Form, id: FieldId) -> Result<String, FieldError> {
        let v = form.text(id);
        if v.trim().is_empty() {
            return Err(self.field_error(form, id, T::ValEmpty, &[]));
        }
        let multiline = form.field(id).is_some_and(Field::multiline);
        if !multiline && v.chars().count() > MAX_LINE {
            return Err(self.field_error(form, id, T::ValTooLong, &[&MAX_LINE.to_string()]));
        }
        Ok(v.trim().to_string())
    }

    /// A date in ISO form within the years a case can concern (1990–2100).
    pub(crate) fn date(&self, form: &Form, id: FieldId) -> Result<NaiveDate, FieldError> {
        use chrono::Datelike;
        let v = form.text(id);
        NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (1990..=2100).contains(&d.year()))
            .ok_or_else(|| self.field_error(form, id, T::ValDate, &[v.trim()]))
    }

    /// A date no later than today.
    pub(crate) fn past_date(&self, form: &Form, id: FieldId) -> Result<NaiveDate, FieldError> {
        let d = self.date(form, id)?;
        if d > self.today {
            return Err(self.field_error(form, id, T::ValNotFuture, &[&self.today.to_string()]));
        }
        Ok(d)
    }

    /// A date after today.
    pub(crate) fn future_date(&self, form: &Form, id: FieldId) -> Result<NaiveDate, FieldError> {
        let d = self.date(form, id)?;
        if d <= self.today {
            return Err(self.field_error(form, id, T::ValMustBeFuture, &[&self.today.to_string()]));
        }
        Ok(d)
    }

    /// An amount in kronor ("1 250 000", "1250000,50").
    pub(crate) fn amount(&self, form: &Form, id: FieldId) -> Result<Money, FieldError> {
        let text = form.text(id);
        Money::parse(&text).map_err(|_| self.field_error(form, id, T::ValMoney, &[text.trim()]))
    }

    /// An amount above zero.
    pub(crate) fn positive(&self, form: &Form, id: FieldId) -> Result<Money, FieldError> {
        let m = self.amount(form, id)?;
        if m.ore() <= 0 {
            return Err(self.field_error(form, id, T::FuValPositive, &[]));
        }
        Ok(m)
    }

    /// A whole number 1–`max`.
    pub(crate) fn number(&self, form: &Form, id: FieldId, max: u32) -> Result<u32, FieldError> {
        form.text(id)
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| self.field_error(form, id, T::FuValRange, &[&max.to_string()]))
    }

    /// A decision that takes the call over its budget by `over` is sent only once the warning
    /// was shown: this submit is then the explicit confirmation.
    pub(crate) fn over_budget(&self, form: &Form, over: Option<Money>) -> Result<(), Stop> {
        match over {
            Some(over) if !form.confirmed() => Err(Stop::Warning(tr(
                self.lang,
                T::OverBudget,
                &[&over.to_string()],
            ))),
            _ => Ok(()),
        }
    }

    /// The value chosen in a choice field; nothing chosen is an error at the field.
    pub(crate) fn chosen(&self, form: &Form, id: FieldId) -> Result<ChoiceValue, FieldError> {
        form.choice(id)
            .ok_or_else(|| self.field_error(form, id, T::ValChoose, &[]))
    }

    /// Checks a form and turns it into its effect; on bad input, says which field and why.
    pub(crate) fn form_effect(&self, form: &Form) -> Result<Vec<Effect>, Stop> {
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
                let text = self.required(form, FieldId::SupplementText)?;
                let due = self.future_date(form, FieldId::Due)?;
                write(CaseWrite::RequestSupplement { text, due })
            }
            FormKind::SupplementReply => {
                let date = self.past_date(form, FieldId::Date)?;
                let description = self.required(form, FieldId::Description)?;
                write(CaseWrite::SupplementReply { date, description })
            }
            FormKind::Document => {
                let direction = match self.chosen(form, FieldId::Direction)? {
                    ChoiceValue::Direction(d) => d,
                    _ => Direction::Incoming,
                };
                let date = self.past_date(form, FieldId::Date)?;
                let counterpart = self.required(form, FieldId::Counterpart)?;
                let description = self.required(form, FieldId::Description)?;
                let file = form.text(FieldId::File).trim().to_string();
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
                let areas = ReformArea::ALL
                    .into_iter()
                    .filter(|a| form.toggle(FieldId::Area(*a)))
                    .collect();
                write(CaseWrite::ReformAreas(areas))
            }
            FormKind::Correct { decision_id, grant } => {
                self.correct_effect(form, decision_id, grant)?
            }
            FormKind::SaveQueue => self.save_queue_effect(form)?,
            kind @ (FormKind::AdminUser { .. }
            | FormKind::AdminCall { .. }
            | FormKind::AdminSetting(_)) => self.admin_form_effect(form, kind)?,
            FormKind::NewCase {
                org_id,
                call_id,
                exception,
            } => {
                let received_on = self.past_date(form, FieldId::Received)?;
                let title = self.required(form, FieldId::Title)?;
                let requested = self.amount(form, FieldId::Requested)?;
                if requested.ore() < 0 {
                    let e = self.field_error(form, FieldId::Requested, T::ValNegative, &[]);
                    return Err(e.into());
                }
                let exception_reason = if exception {
                    Some(self.required(form, FieldId::Exception)?)
                } else {
                    None
                };
                // Received after the call closed: registered only with a reason on record.
                let closed = self
                    .calls
                    .items
                    .iter()
                    .find(|c| c.id == call_id)
                    .and_then(|c| c.closes_on)
                    .filter(|closes| received_on > *closes);
                let late_reason = match closed {
                    Some(closes) if form.has(FieldId::LateReason) => {
                        let reason = form.text(FieldId::LateReason).trim().to_string();
                        if reason.is_empty() {
                            let e = self.field_error(
                                form,
                                FieldId::LateReason,
                                T::ValLateReason,
                                &[&closes.to_string()],
                            );
                            return Err(e.into());
                        }
                        Some(reason)
                    }
                    _ => None,
                };
                vec![Effect::RegisterCase(CaseDraft {
                    exception_reason,
                    late_reason,
                    organisation_id: org_id,
                    call_id,
                    received_on,
                    title,
                    requested,
                })]
            }
        })
    }
}
