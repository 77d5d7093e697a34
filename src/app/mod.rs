//! The application state and its update function. Keys become named actions; side effects are
//! returned as data ([`Effect`]) for the service layer to carry out, and their results come back
//! as messages ([`Msg`]). Nothing here touches the database or files.
//!
//! Where to find things: `state` (the state types), `msg`, `effect` (the effects, data only),
//! `action` and `keymap`, `dialog` (keys in a dialog), `form` (reading form fields), `messages`
//! (what the status line says), `home/` (the lists, filter, marks, saved queues, palette,
//! organisation view, statistics), `case/` (the case view, the triage loop, the checklist) and
//! `command/` (one file per command: open, check, then the effect).

pub mod action;
pub mod admin;
pub mod burst;
mod case;
mod command;
mod dialog;
pub mod effect;
pub mod form;
pub mod hints;
mod home;
pub mod keymap;
pub mod messages;
pub mod modal;
mod msg;
mod state;

pub use action::Action;
pub use command::followup;
pub use command::propose::default_period;
pub use command::supplement::SUPPLEMENT_DAYS;
pub use effect::{
    BATCH_TRANSITIONS, BatchChange, BatchLine, CASE_PAGE, CaseDraft, CaseWrite, Done, Effect,
    FollowupDone, FollowupWrite, RecoveryChoice, RoundItem, Skip,
};
pub use keymap::{Context, Key, KeyCode, Keymap};
pub use modal::Modal;
pub use msg::{AdminCall, AdminData, HomeData, Msg, StatsData};
pub use state::{
    CaseList, CaseView, Filter, PAGE_ROWS, Pane, QueueEntry, Screen, Selectable, Status, Tab, Work,
    WorkKind,
};

use crate::checklists::Checklist;
use crate::domain::search::Sort;
use crate::domain::{Call, CaseRow, Organisation, User};
use crate::i18n::{Lang, T, tr};
use chrono::NaiveDate;

/// How long a status message that is not an error stays (an error stays until the next key).
pub const STATUS_FADES: std::time::Duration = std::time::Duration::from_secs(5);

/// Below this size the screen shows one line saying what is needed, and no key acts.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The one model of the application.
#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub user: User,
    pub today: NaiveDate,
    /// Shown in the header: which database this is.
    pub db_label: String,
    pub screen: Screen,
    pub focus: Pane,
    /// The left pane whose selection decides the case list.
    pub list_source: Pane,
    pub calls: Selectable<Call>,
    pub orgs: Selectable<Organisation>,
    /// Every organisation; `orgs` holds those the Organisationer filter lets through.
    pub orgs_all: Vec<Organisation>,
    pub queues: Selectable<QueueEntry>,
    pub users: Vec<User>,
    pub cases: CaseList,
    /// The `/` filter or the full-text search narrowing the case list.
    pub filter: Filter,
    /// The order of the case list.
    pub sort: Sort,
    /// Cases marked for a batch action, by id.
    pub marked: std::collections::BTreeMap<i64, CaseRow>,
    /// A case to open once the window holding this list position has loaded (triage loop).
    pending_open: Option<usize>,
    /// After a write from the case view: the case whose place in the list is to be checked; if
    /// it left the list, the case now in its place opens.
    follow: Option<i64>,
    /// The case last opened from the case list: the triage loop's place in it.
    list_case: Option<i64>,
    /// An open dialog; it takes the keys first.
    pub modal: Option<Modal>,
    /// Dialogs under the open one (a form under the picker of one of its choices).
    pub stacked: Vec<Modal>,
    /// Long work under way: its progress shows, Esc cancels it, other writes wait for it.
    pub work: Option<Work>,
    /// A case was just registered: name its diarienummer once it has loaded.
    pending_registered: bool,
    /// A submitted dialog, reopened as typed if the write cannot go through (busy database,
    /// missing file), so the user's input is kept for a retry.
    pending_form: Option<Modal>,
    pub case_view: Option<CaseView>,
    /// The help overlay and its scroll position.
    pub help: Option<usize>,
    /// What is typed into the help overlay: it shows only the bindings that match.
    pub help_filter: Option<String>,
    pub status: Option<Status>,
    pub quit: bool,
    pub keymap: Keymap,
    /// The checklist version per step that new assessments use.
    pub checklists: Vec<Checklist>,
    /// The database could not be opened for writing: every write key says so.
    pub read_only: bool,
    /// Where the selected organisation stands in the chain of steps.
    pub standing: Option<(i64, crate::domain::decision::Standing)>,
    /// Where decision letters are written.
    pub letters_dir: std::path::PathBuf,
    /// Whether the terminal's mouse events come to bidrag (a setting turns this off).
    pub mouse: bool,
    /// The terminal's size, as the loop last saw it (None: not known, as in tests).
    pub size: Option<(u16, u16)>,
    /// The status text the clock first saw, and when: it fades after [`STATUS_FADES`].
    status_seen: Option<(String, std::time::Instant)>,
    /// How stored UTC times are shown (the local offset at start).
    pub utc_offset: chrono::FixedOffset,
}

impl App {
    pub fn new(
        lang: Lang,
        user: User,
        today: NaiveDate,
        db_label: String,
        keymap: Keymap,
        checklists: Vec<Checklist>,
    ) -> Self {
        Self {
            lang,
            status: Some(Status {
                text: tr(lang, T::Welcome, &[&user.name]),
                error: false,
            }),
            user,
            today,
            db_label,
            screen: Screen::Home,
            focus: Pane::Queues,
            list_source: Pane::Queues,
            calls: Selectable::default(),
            orgs: Selectable::default(),
            orgs_all: Vec::new(),
            queues: Selectable::default(),
            users: Vec::new(),
            cases: CaseList::default(),
            filter: Filter::default(),
            sort: Sort::default(),
            marked: std::collections::BTreeMap::new(),
            pending_open: None,
            follow: None,
            list_case: None,
            modal: None,
            stacked: Vec::new(),
            work: None,
            pending_registered: false,
            pending_form: None,
            case_view: None,
            help: None,
            help_filter: None,
            quit: false,
            keymap,
            checklists,
            letters_dir: std::path::PathBuf::from("brev"),
            standing: None,
            read_only: false,
            utc_offset: chrono::Offset::fix(&chrono::Utc),
            mouse: true,
            size: None,
            status_seen: None,
        }
    }

    /// Would the action do something now? The hint bar shows only what would; help lists all.
    pub fn offers(&self, action: Action) -> bool {
        use crate::domain::CaseState as S;
        if self.read_only && action.writes() {
            return false;
        }
        if let Some(offered) = self.offers_in_dialog(action) {
            return offered;
        }
        let Some(view) = self
            .case_view
            .as_ref()
            .filter(|_| self.screen == Screen::Case)
        else {
            return true;
        };
        let d = &view.detail;
        let decider = self
            .user
            .roles
            .contains(&crate::domain::Role::DecisionMaker);
        match action {
            Action::AnswerMet
            | Action::AnswerPartly
            | Action::AnswerNotMet
            | Action::AnswerNotApplicable => {
                view.tab == Tab::Checklist
                    && matches!(
                        d.state,
                        S::Received | S::InProgress | S::SupplementRequested
                    )
            }
            Action::RequestSupplement => matches!(d.state, S::Received | S::InProgress),
            Action::SupplementReceived => d.state == S::SupplementRequested,
            Action::ChangeState => !d.state.is_final(),
            Action::Decide => d.state == S::ProposedDecision && decider,
            Action::Dispatch => {
                d.state.is_decided() && d.decision().is_some_and(|x| x.sent_on.is_none())
            }
            Action::CorrectDecision => decider && d.decision().is_some_and(|x| x.sent_on.is_some()),
            Action::PaymentPlan
            | Action::MarkPaid
            | Action::RegisterReport
            | Action::ReviewReport
            | Action::OpenRecovery
            | Action::DecideRecovery
            | Action::Repayment => self.offers_followup(action),
            _ => true,
        }
    }

    /// How many lines the help has (headings, bindings, spacing): its scroll limit.
    pub fn help_len(&self) -> usize {
        Context::ALL
            .iter()
            .map(|c| self.keymap.bindings(*c).len())
            .filter(|n| *n > 0)
            .map(|n| n + 2)
            .sum::<usize>()
            + 1
    }

    /// What to load before the first frame.
    pub fn start(&self) -> Vec<Effect> {
        vec![Effect::LoadHome]
    }

    pub fn set_status(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    /// The keymap contexts asked for a key, most specific first.
    pub fn layers(&self) -> Vec<Context> {
        if self.help.is_some() {
            return vec![Context::Help];
        }
        match &self.modal {
            Some(Modal::Form(_)) => return vec![Context::Form],
            Some(Modal::Editor(_)) => return vec![Context::Editor],
            Some(Modal::Confirm(_)) => return vec![Context::Confirm],
            Some(Modal::Picker(_)) => return vec![Context::Picker],
            Some(Modal::Round(_) | Modal::Preview(_)) => return vec![Context::Round],
            Some(Modal::Admin(_)) => return vec![Context::Admin],
            None => {}
        }
        if self.filter.typing && self.screen == Screen::Home {
            return vec![Context::Filter];
        }
        match self.screen {
            Screen::Home => vec![Context::Home, Context::Global],
            Screen::Case => vec![Context::Case, Context::Global],
        }
    }

    /// A key press: looked up in the keymap; in a dialog with a text field, an unbound key is
    /// typed into the field; elsewhere unbound keys do nothing.
    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        // The screen says only that it is too small: nothing may act unseen (issue 20).
        if self.too_small() {
            return Vec::new();
        }
        // An error has been read once a key is pressed.
        if self.status.as_ref().is_some_and(|s| s.error) {
            self.status = None;
        }
        // In a field of several lines, Enter is a newline, not the form's Enter.
        let newline = key == Key::plain(KeyCode::Enter)
            && matches!(&self.modal, Some(Modal::Form(f))
                if f.focused_field().is_some_and(form::Field::multiline));
        if !newline && let Some(action) = self.keymap.lookup(&self.layers(), key) {
            return self.update(Msg::Action(action));
        }
        if let Some(filter) = self.help_filter.as_mut() {
            self.help = Some(0);
            match key.code {
                KeyCode::Char(c) if !key.ctrl && !key.alt => filter.push(c),
                KeyCode::Backspace => {
                    filter.pop();
                }
                _ => {}
            }
            return Vec::new();
        }
        if self.help.is_some() {
            return Vec::new();
        }
        if self.modal.is_none() && self.filter.typing && self.screen == Screen::Home {
            return match key.code {
                KeyCode::Char(c) if !key.ctrl && !key.alt => self.filter_edit(|t| t.push(c)),
                KeyCode::Backspace => self.filter_edit(|t| {
                    t.pop();
                }),
                _ => Vec::new(),
            };
        }
        self.type_into_dialog(key)
    }

    /// A message fades [`STATUS_FADES`] after the clock first saw it; an error does not.
    fn fade_status(&mut self, now: std::time::Instant) {
        let Some(status) = self.status.as_ref().filter(|s| !s.error) else {
            self.status_seen = None;
            return;
        };
        match &self.status_seen {
            Some((text, since)) if *text == status.text => {
                if now.duration_since(*since) >= STATUS_FADES {
                    self.status = None;
                    self.status_seen = None;
                }
            }
            _ => self.status_seen = Some((status.text.clone(), now)),
        }
    }

    /// Is the terminal too small to show what a key would do?
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        // Input that is not a key acts no more than a key while the screen is too small.
        if self.too_small() && matches!(msg, Msg::Paste(_) | Msg::Click { .. } | Msg::Scroll { .. })
        {
            return Vec::new();
        }
        if self.work.is_some() && ends_work(&msg) {
            self.work = None;
        }
        let effects = self.handle(msg);
        // Long work asked for now shows its progress until it ends.
        if let Some(work) = effects.iter().find_map(Work::of) {
            self.work = Some(work);
        }
        effects
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Action(action) => self.apply(action),
            Msg::Resize(w, h) => {
                self.size = Some((w, h));
                Vec::new()
            }
            Msg::Tick(now) => {
                self.fade_status(now);
                Vec::new()
            }
            Msg::Progress { done, total } => {
                if let Some(w) = self.work.as_mut() {
                    w.done = done;
                    w.total = total;
                }
                Vec::new()
            }
            Msg::Cancelled => {
                self.pending_form = None;
                self.say(T::WorkCancelled, &[])
            }
            Msg::Today(day) => self.new_day(day),
            Msg::HomeLoaded(data) => self.home_loaded(data),
            Msg::CasesLoaded {
                query,
                size,
                offset,
                rows,
            } => self.cases_loaded(query, size, offset, rows),
            Msg::CaseLoaded(detail) => self.case_loaded(*detail),
            Msg::Written { case_id, done } => self.written(case_id, done),
            Msg::Refused(refused) => {
                let text = self.refused_text(&refused);
                self.refused_at(text, admin::field_of(&refused));
                Vec::new()
            }
            Msg::Conflict { by, at } => self.conflict(&by, at),
            Msg::FileMissing(path) => {
                let text = tr(
                    self.lang,
                    T::ValFileMissing,
                    &[T::FldFile.text(self.lang), &path],
                );
                match self.pending_form.take() {
                    Some(Modal::Form(mut form)) => {
                        form.fail(form::FieldError {
                            field: Some(form::FieldId::File),
                            message: text,
                        });
                        self.modal = Some(Modal::Form(form));
                    }
                    _ => {
                        self.status = Some(Status { text, error: true });
                    }
                }
                Vec::new()
            }
            Msg::Busy => {
                let text = T::DbBusy.text(self.lang).to_string();
                // The dialog comes back as typed: the same Ctrl-S retries.
                self.refused(text);
                Vec::new()
            }
            Msg::Paste(text) => self.paste(&text),
            Msg::ImportPlanned {
                plan,
                source,
                encoding,
                delimiter,
            } => {
                self.import_planned(plan, source, encoding, delimiter);
                Vec::new()
            }
            Msg::ImportUnreadable { path, io, table } => {
                let reason = match (io, table) {
                    (_, Some(e)) => crate::io::table::table_error_text(self.lang, &e),
                    (Some(e), None) => e,
                    (None, None) => String::new(),
                };
                self.status = Some(Status {
                    text: tr(self.lang, T::ImpFile, &[&path, &reason]),
                    error: true,
                });
                Vec::new()
            }
            Msg::Imported(cases, orgs, existing) => {
                self.pending_form = None;
                self.set_status(tr(
                    self.lang,
                    T::ImpDone,
                    &[&cases.to_string(), &orgs.to_string(), &existing.to_string()],
                ));
                vec![Effect::LoadHome]
            }
            Msg::Click { pane, row } => self.click(pane, row),
            Msg::Scroll { down } => {
                if down {
                    self.navigate(|i, last| (i + 3).min(last))
                } else {
                    self.navigate(|i, _| i.saturating_sub(3))
                }
            }
            Msg::BatchPreviewed(lines) => self.batch_previewed(lines),
            Msg::BatchDone(n) => self.batch_done(n),
            Msg::QueueSaved(name) => {
                self.pending_form = None;
                self.set_status(tr(self.lang, T::QueueSaved, &[&name]));
                vec![Effect::LoadHome]
            }
            Msg::QueueDeleted => {
                self.set_status(T::QueueDeleted.text(self.lang).to_string());
                self.queues.selected = 0;
                self.reset_filter();
                vec![Effect::LoadHome]
            }
            Msg::OrganisationLoaded(o) => {
                self.show_organisation(*o);
                Vec::new()
            }
            Msg::AdminLoaded(data) => {
                self.admin_loaded(*data);
                Vec::new()
            }
            Msg::AdminWritten(done) => self.admin_written(done),
            Msg::Stats(data) => {
                self.show_stats(*data);
                Vec::new()
            }
            Msg::Eligibility {
                org_id,
                call_id,
                label,
                lacking,
            } => {
                self.open_new_case_form(org_id, call_id, &label, lacking);
                Vec::new()
            }
            Msg::RoundLoaded(cases) => self.round_loaded(cases),
            Msg::StandingLoaded(org, standing) => {
                self.standing = Some((org, standing));
                Vec::new()
            }
            Msg::RoundDone(n) => {
                self.set_status(tr(self.lang, T::DoneRound, &[&n.to_string()]));
                vec![Effect::LoadHome]
            }
            Msg::LetterFailed(text) => {
                self.status = Some(Status {
                    text: tr(self.lang, T::ErrLetter, &[&text]),
                    error: true,
                });
                Vec::new()
            }
            Msg::Failed(text) => {
                // A write that failed (full disk, damaged file) keeps what was typed, as a
                // busy database does: the dialog comes back with the cause (issue 20).
                self.refused(tr(self.lang, T::StatusError, &[&text]));
                self.cases.loading = false;
                Vec::new()
            }
        }
    }

    /// An act did not happen: the dialog it came from comes back as typed, with the reason, and
    /// the status line says it too.
    pub(crate) fn refused(&mut self, text: String) {
        self.refused_at(text, None);
    }

    /// As `refused`, the reason placed at `field` (and the focus on it) when the form has it.
    fn refused_at(&mut self, text: String, field: Option<form::FieldId>) {
        match self.pending_form.take() {
            Some(Modal::Form(mut form)) => {
                let field = field.filter(|f| form.has(*f));
                form.fail(form::FieldError {
                    field,
                    message: text.clone(),
                });
                self.modal = Some(Modal::Form(form));
            }
            Some(Modal::Editor(mut editor)) => {
                editor.error = Some(text.clone());
                self.modal = Some(Modal::Editor(editor));
            }
            _ => {}
        }
        self.status = Some(Status { text, error: true });
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        // While long work runs, Esc stops it (before it is written) and other writes wait.
        if let Some(work) = self.work.as_mut()
            && self.modal.is_none()
            && self.help.is_none()
        {
            if matches!(action, Action::Back | Action::Cancel) {
                work.cancelling = true;
                return vec![Effect::CancelWork];
            }
            if action.writes() {
                return self.say(T::WorkRunning, &[]);
            }
        }
        if self.read_only && action.writes() && self.modal.is_none() {
            self.status = Some(Status {
                text: T::ReadOnlyRefused.text(self.lang).to_string(),
                error: true,
            });
            return Vec::new();
        }
        if self.help.is_none()
            && let Some(effects) = self.modal_action(action)
        {
            return effects;
        }
        match action {
            Action::Quit => {
                self.quit = true;
                Vec::new()
            }
            Action::Help => {
                self.help = Some(0);
                self.help_filter = Some(String::new());
                Vec::new()
            }
            Action::CloseHelp => {
                self.help = None;
                self.help_filter = None;
                Vec::new()
            }
            Action::Back => self.back(),
            Action::MoveDown => self.navigate(|i, last| (i + 1).min(last)),
            Action::MoveUp => self.navigate(|i, _| i.saturating_sub(1)),
            Action::First => self.navigate(|_, _| 0),
            Action::Last => self.navigate(|_, last| last),
            Action::PageDown => self.navigate(|i, last| (i + PAGE_ROWS).min(last)),
            Action::PageUp => self.navigate(|i, _| i.saturating_sub(PAGE_ROWS)),
            Action::NextPane => self.shift_pane(true),
            Action::PrevPane => self.shift_pane(false),
            Action::FocusCalls => self.focus_pane(Pane::Calls),
            Action::FocusOrgs => self.focus_pane(Pane::Orgs),
            Action::FocusQueues => self.focus_pane(Pane::Queues),
            Action::FocusCases => self.focus_pane(Pane::Cases),
            Action::Open => self.open(),
            Action::NextTab => {
                self.shift_tab(true);
                Vec::new()
            }
            Action::PrevTab => {
                self.shift_tab(false);
                Vec::new()
            }
            Action::TabChecklist => self.tab(Tab::Checklist),
            Action::TabDocuments => self.tab(Tab::Documents),
            Action::TabNotes => self.tab(Tab::Notes),
            Action::TabDecisions => self.tab(Tab::Decisions),
            Action::TabHistory => self.tab(Tab::History),
            Action::AnswerMet => self.answer(crate::domain::Answer::Met),
            Action::AnswerPartly => self.answer(crate::domain::Answer::Partly),
            Action::AnswerNotMet => self.answer(crate::domain::Answer::NotMet),
            Action::AnswerNotApplicable => self.answer(crate::domain::Answer::NotApplicable),
            Action::ChangeState if self.on_home_list() => self.batch_state_menu(),
            Action::AssignMe if self.on_home_list() => self.batch_assign_me(),
            Action::AssignOther if self.on_home_list() => self.batch_assign_other(),
            Action::ChangeState => self.open_state_menu(),
            Action::AssignMe => self.assign_me(),
            Action::AssignOther => self.open_assignee_picker(),
            Action::RequestSupplement => self.open_supplement_form(),
            Action::SupplementReceived => self.open_reply_form(),
            Action::AddNote => self.open_note_editor(),
            Action::RegisterDocument => self.open_document_form(),
            Action::NewCase => self.start_new_case(),
            Action::Decide => self.open_decision(),
            Action::Dispatch => self.dispatch(),
            Action::CorrectDecision => self.open_correction(),
            Action::Jav => self.toggle_jav(),
            Action::DecisionRound => self.open_round(),
            Action::Import => self.open_import_form(),
            Action::Statistics => vec![Effect::LoadStats],
            Action::Administration => vec![Effect::LoadAdmin],
            Action::ReformAreas => self.open_reform_areas(),
            Action::NextCase => self.step_case(true),
            Action::PrevCase => self.step_case(false),
            Action::Filter => self.start_filter(false),
            Action::Search => self.start_filter(true),
            Action::CycleSort => self.cycle_sort(),
            Action::ToggleMark => self.toggle_mark(),
            Action::Palette => self.open_palette(),
            Action::SaveQueue => self.open_save_queue(),
            Action::DeleteQueue => self.delete_queue(),
            // Only in the administration view, which takes them first.
            Action::AdminNew | Action::AdminEdit | Action::AdminToggle => Vec::new(),
            Action::OrganisationView => self.open_organisation(),
            // The filter line takes Enter and Esc while it is typed into.
            Action::Cancel if self.filter.typing => self.filter_clear(),
            Action::Choose if self.filter.typing => self.filter_accept(),
            Action::TabFollowup => self.tab(Tab::Followup),
            Action::PaymentPlan => self.open_payment_plan(),
            Action::MarkPaid => self.open_mark_paid(),
            Action::RegisterReport => self.open_register_report(),
            Action::ReviewReport => self.open_review_report(),
            Action::OpenRecovery => self.open_recovery_form(),
            Action::DecideRecovery => self.open_decide_recovery(),
            Action::Repayment => self.open_repayment(),
            // Dialog actions reach here only when no dialog is open.
            Action::Submit
            | Action::Cancel
            | Action::NextField
            | Action::PrevField
            | Action::Advance
            | Action::Choose => Vec::new(),
        }
    }
}

/// Does this message end the long work under way (done, refused, failed or cancelled)?
fn ends_work(msg: &Msg) -> bool {
    matches!(
        msg,
        Msg::Imported(..)
            | Msg::ImportPlanned { .. }
            | Msg::ImportUnreadable { .. }
            | Msg::BatchPreviewed(_)
            | Msg::BatchDone(_)
            | Msg::RoundDone(_)
            | Msg::Failed(_)
            | Msg::Refused(_)
            | Msg::Conflict { .. }
            | Msg::Busy
            | Msg::Cancelled
            | Msg::LetterFailed(_)
    )
}
