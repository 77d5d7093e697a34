//! The application state and its update function. Keys become named actions; side effects are
//! returned as data ([`Effect`]) and their results come back as messages ([`Msg`]).

pub mod action;
pub mod batch;
mod case_ops;
mod decide;
mod effect;
mod files;
pub mod followup;
pub mod keymap;
pub mod modal;
mod refused;
mod triage;

pub use action::Action;
pub use case_ops::SUPPLEMENT_DAYS;
pub use decide::default_period;
pub use effect::{
    BATCH_TRANSITIONS, BatchChange, BatchLine, CASE_PAGE, CaseDraft, CaseWrite, Done, Effect,
    FollowupDone, FollowupWrite, RecoveryChoice, RoundItem, Skip,
};
pub use keymap::{Context, Key, KeyCode, Keymap};
pub use modal::Modal;

use crate::checklists::Checklist;
use crate::domain::search::{Anchor, CaseQuery, ListSize, RowKey, Search, Sort};
use crate::domain::{Call, CaseDetail, CaseRow, CaseSource, Organisation, Queue, User};
use crate::i18n::{Lang, T, tr};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Calls,
    Orgs,
    Queues,
    Cases,
}

impl Pane {
    const CYCLE: [Pane; 4] = [Pane::Calls, Pane::Orgs, Pane::Queues, Pane::Cases];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Checklist,
    Documents,
    Notes,
    Decisions,
    History,
    /// Payment plan, reports and återkrav (issue 6).
    Followup,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Checklist,
        Tab::Documents,
        Tab::Notes,
        Tab::Decisions,
        Tab::History,
        Tab::Followup,
    ];

    pub fn label(self) -> T {
        match self {
            Tab::Checklist => T::TabChecklist,
            Tab::Documents => T::TabDocuments,
            Tab::Notes => T::TabNotes,
            Tab::Decisions => T::TabDecisions,
            Tab::History => T::TabHistory,
            Tab::Followup => T::FuTab,
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Case,
}

/// A list held whole in memory (calls, organisations, queues: never cases).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selectable<I> {
    pub items: Vec<I>,
    pub selected: usize,
}

impl<I> Default for Selectable<I> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            selected: 0,
        }
    }
}

impl<I> Selectable<I> {
    pub fn selected_item(&self) -> Option<&I> {
        self.items.get(self.selected)
    }

    fn move_to(&mut self, target: usize) {
        self.selected = target.min(self.items.len().saturating_sub(1));
    }

    /// Replaces the items, keeping the selection on the same item where it still exists.
    fn replace(&mut self, items: Vec<I>, same: impl Fn(&I, &I) -> bool) {
        let keep = self
            .selected_item()
            .and_then(|old| items.iter().position(|new| same(old, new)));
        self.items = items;
        self.move_to(keep.unwrap_or(self.selected));
    }
}

/// A window onto the cases of one source; `selected` is the absolute position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseList {
    /// What the list shows; the window belongs to exactly this query.
    pub query: Option<CaseQuery>,
    pub total: usize,
    /// More cases match a common word than are listed (`total` of the newest are).
    pub capped: bool,
    /// Words shorter than three characters wait for a longer one in this (large) list.
    pub short_dropped: bool,
    pub offset: usize,
    pub rows: Vec<CaseRow>,
    pub selected: usize,
    pub loading: bool,
}

impl CaseList {
    pub fn source(&self) -> Option<CaseSource> {
        self.query.as_ref().map(|q| q.source)
    }

    pub fn selected_row(&self) -> Option<&CaseRow> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }

    fn in_window(&self, position: usize) -> bool {
        position >= self.offset && position < self.offset + self.rows.len()
    }

    /// Where to read the window that holds `position`: next to the rows already here when it
    /// borders them (a seek however deep the list), at the end for the last row, otherwise by
    /// position (the top of the list, or a jump).
    fn window_for(&self, position: usize) -> (usize, Anchor) {
        let end = self.offset + self.rows.len();
        match (self.rows.first(), self.rows.last()) {
            (_, Some(last)) if position >= end && position < end + CASE_PAGE => {
                (end, Anchor::After(RowKey::of(last)))
            }
            (Some(first), _) if position < self.offset && position + CASE_PAGE >= self.offset => {
                (self.offset, Anchor::Before(RowKey::of(first)))
            }
            _ if position + CASE_PAGE >= self.total && position >= CASE_PAGE => {
                (self.total, Anchor::End)
            }
            _ => (position.saturating_sub(CASE_PAGE / 2), Anchor::At),
        }
    }
}

#[derive(Debug, Clone)]
pub struct CaseView {
    pub detail: CaseDetail,
    pub tab: Tab,
    /// The selected row within the tab.
    pub row: usize,
    /// After answering this checklist row, move on to the next unanswered item.
    pub advance_from: Option<usize>,
}

impl CaseView {
    /// How many rows the current tab has; `checklist_rows` is the shown checklist's length.
    pub fn row_count(&self, checklist_rows: usize) -> usize {
        let d = &self.detail;
        match self.tab {
            Tab::Checklist => checklist_rows,
            Tab::Documents => d.documents.len(),
            Tab::Notes => d.notes.len(),
            Tab::Decisions => d.decisions.len(),
            Tab::History => d.events.len(),
            Tab::Followup => followup::followup_rows(&d.followup).len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeData {
    pub calls: Vec<Call>,
    pub orgs: Vec<Organisation>,
    pub queues: Vec<(Queue, i64)>,
    /// The user's saved queues with their sizes (a common word's count is capped).
    pub saved: Vec<(ListSize, crate::domain::search::SavedQueue)>,
    pub users: Vec<User>,
}

/// A row of the queue pane: a built-in queue or one the user saved, with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueEntry {
    Builtin(Queue, i64),
    Saved(crate::domain::search::SavedQueue, ListSize),
}

impl QueueEntry {
    pub fn count(&self) -> i64 {
        match self {
            QueueEntry::Builtin(_, n) => *n,
            QueueEntry::Saved(_, size) => i64::try_from(size.total).unwrap_or(i64::MAX),
        }
    }

    /// More cases match than are counted: a common word in a large list ("1 000+").
    pub fn capped(&self) -> bool {
        matches!(self, QueueEntry::Saved(_, size) if size.capped)
    }

    fn same(&self, other: &QueueEntry) -> bool {
        match (self, other) {
            (QueueEntry::Builtin(a, _), QueueEntry::Builtin(b, _)) => a == b,
            (QueueEntry::Saved(a, _), QueueEntry::Saved(b, _)) => a.id == b.id,
            _ => false,
        }
    }
}

/// What the statistics view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsData {
    pub granted: Vec<crate::domain::views::Granted>,
    pub by_state: Vec<(crate::domain::CaseState, i64)>,
    pub by_step: Vec<(crate::domain::Step, i64)>,
    pub calls: Vec<Call>,
    /// Later years of multi-year grants with no call for their year yet: (year, step, amount).
    pub unassigned: Vec<(i32, crate::domain::Step, crate::domain::Money)>,
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    HomeLoaded(HomeData),
    CasesLoaded {
        query: CaseQuery,
        size: ListSize,
        offset: usize,
        rows: Vec<CaseRow>,
    },
    CaseLoaded(Box<CaseDetail>),
    /// A write went through.
    Written {
        case_id: i64,
        done: Done,
    },
    /// A rule refused the act; nothing was written.
    Refused(crate::domain::refused::Refused),
    /// Someone else changed the case first.
    Conflict {
        by: String,
        at: chrono::DateTime<chrono::Utc>,
    },
    /// A document's file path names no file.
    FileMissing(String),
    /// Another process holds the database's write lock longer than the busy timeout.
    Busy,
    /// Text pasted into the terminal.
    Paste(String),
    /// Whether the organisation may apply in the chosen call's step.
    Eligibility {
        org_id: i64,
        call_id: i64,
        label: String,
        lacking: Option<crate::domain::decision::NotEligible>,
    },
    StandingLoaded(i64, crate::domain::decision::Standing),
    /// The proposals for a beslutstillfälle.
    RoundLoaded(Vec<CaseDetail>),
    /// A beslutstillfälle decided this many cases.
    RoundDone(usize),
    /// The letter could not be made or written; nothing was registered.
    LetterFailed(String),
    /// A file to import was checked (nothing written).
    ImportPlanned {
        plan: Box<crate::io::import::Plan>,
        source: String,
        encoding: &'static str,
        delimiter: Option<char>,
    },
    /// A file to import could not be read (the system's reason) or parsed.
    ImportUnreadable {
        path: String,
        io: Option<String>,
        table: Option<crate::io::table::TableError>,
    },
    /// A mouse click on a home pane, on the list row at this position (None: the border).
    Click {
        pane: Pane,
        row: Option<usize>,
    },
    /// The mouse wheel over the screen.
    Scroll {
        down: bool,
    },
    BatchPreviewed(Vec<BatchLine>),
    /// A batch changed this many cases.
    BatchDone(usize),
    QueueSaved(String),
    QueueDeleted,
    OrganisationLoaded(Box<crate::domain::views::OrgOverview>),
    /// Cases, organisations written; rows that existed already.
    Imported(usize, usize, usize),
    Stats(Box<StatsData>),
    Failed(String),
}

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
    /// How stored UTC times are shown (the local offset at start).
    pub utc_offset: chrono::FixedOffset,
}

/// The text narrowing the case list, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub text: String,
    /// The last text that parsed: what the list shows while the typed text has an error.
    pub search: Search,
    /// Search every case, notes and documents included (not only the current list's columns).
    pub everywhere: bool,
    /// Keys go into the text.
    pub typing: bool,
    /// Why the typed text cannot be run.
    pub error: Option<String>,
}

impl Filter {
    pub fn active(&self) -> bool {
        self.typing || self.everywhere || !self.text.is_empty()
    }
}

/// Rows moved by page up and down.
pub const PAGE_ROWS: usize = 10;

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
        }
    }

    /// Would the action do something now? The hint bar shows only what would; help lists all.
    pub fn offers(&self, action: Action) -> bool {
        use crate::domain::CaseState as S;
        if self.read_only && action.writes() {
            return false;
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
            Some(Modal::Menu(_)) => return vec![Context::Menu],
            Some(Modal::Picker(_)) => return vec![Context::Picker],
            Some(Modal::Round(_) | Modal::Preview(_)) => return vec![Context::Round],
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
        // In a field of several lines, Enter is a newline, not the form's Enter.
        let newline = key == Key::plain(KeyCode::Enter)
            && matches!(&self.modal, Some(Modal::Form(f))
                if f.fields.get(f.focus).is_some_and(|x| x.multiline));
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
        match self.modal.as_mut() {
            Some(Modal::Form(form)) => {
                let focus = form.focus;
                if let Some(field) = form.fields.get_mut(focus) {
                    modal::type_key(&mut field.input, key, field.multiline);
                }
                form.error = None;
            }
            Some(Modal::Editor(editor)) => {
                modal::type_key(&mut editor.input, key, true);
                editor.error = None;
            }
            Some(Modal::Picker(picker)) => {
                modal::type_key(&mut picker.query, key, false);
                picker.refilter();
            }
            Some(Modal::Menu(_) | Modal::Round(_) | Modal::Preview(_)) | None => {}
        }
        Vec::new()
    }

    /// Keys for an open dialog; returns None when no dialog took the action.
    fn modal_action(&mut self, action: Action) -> Option<Vec<Effect>> {
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

    /// The source of the case list as the left panes' selection says.
    pub fn current_source(&self) -> Option<CaseSource> {
        match self.list_source {
            Pane::Calls => self.calls.selected_item().map(|c| CaseSource::Call(c.id)),
            Pane::Orgs => self
                .orgs
                .selected_item()
                .map(|o| CaseSource::Organisation(o.id)),
            Pane::Queues | Pane::Cases => self.queues.selected_item().map(|e| match e {
                QueueEntry::Builtin(q, _) => CaseSource::Queue(*q),
                QueueEntry::Saved(saved, _) => saved.source,
            }),
        }
    }

    /// What the case list should show now: the left panes' selection (or every case, for a
    /// full-text search), narrowed by the filter, in the chosen order.
    pub fn current_query(&self) -> Option<CaseQuery> {
        let source = if self.filter.everywhere {
            CaseSource::All
        } else {
            self.current_source()?
        };
        Some(CaseQuery {
            source,
            search: self.filter.search.clone(),
            body: self.filter.everywhere,
            sort: self.sort,
        })
    }

    /// Asks for the case list of the current query, from the top when the query changed.
    fn sync_cases(&mut self, force: bool) -> Vec<Effect> {
        let Some(query) = self.current_query() else {
            self.cases = CaseList::default();
            return Vec::new();
        };
        if self.cases.query.as_ref() != Some(&query) {
            let source = query.source;
            self.cases = CaseList {
                query: Some(query.clone()),
                loading: true,
                ..CaseList::default()
            };
            let mut effects = vec![Effect::LoadCases {
                query,
                offset: 0,
                anchor: Anchor::At,
                known: None,
            }];
            if let CaseSource::Organisation(org) = source {
                effects.push(Effect::LoadStanding(org));
            }
            return effects;
        }
        if force {
            // The same window again, sought from its first row; the count may have changed.
            self.cases.loading = true;
            let anchor = self
                .cases
                .rows
                .first()
                .map_or(Anchor::At, |r| Anchor::From(RowKey::of(r)));
            return vec![Effect::LoadCases {
                query,
                offset: self.cases.offset,
                anchor,
                known: None,
            }];
        }
        Vec::new()
    }

    fn focus_pane(&mut self, pane: Pane) -> Vec<Effect> {
        self.focus = pane;
        if pane != Pane::Cases {
            self.list_source = pane;
        }
        self.sync_cases(false)
    }

    fn move_cases(&mut self, target: usize) -> Vec<Effect> {
        let last = self.cases.total.saturating_sub(1);
        self.cases.selected = target.min(last);
        match self.cases.query.clone() {
            Some(query) if self.cases.total > 0 && !self.cases.in_window(self.cases.selected) => {
                self.cases.loading = true;
                let (offset, anchor) = self.cases.window_for(self.cases.selected);
                vec![Effect::LoadCases {
                    query,
                    offset,
                    anchor,
                    known: Some(ListSize {
                        total: self.cases.total,
                        capped: self.cases.capped,
                        short_dropped: self.cases.short_dropped,
                    }),
                }]
            }
            _ => Vec::new(),
        }
    }

    /// Moves the selection of the focused list or tab to `f(current, last)`.
    fn navigate(&mut self, f: impl Fn(usize, usize) -> usize) -> Vec<Effect> {
        if self.help.is_some() {
            let last = self.help_len();
            if let Some(scroll) = self.help.as_mut() {
                *scroll = f(*scroll, last).min(last);
            }
            return Vec::new();
        }
        if self.screen == Screen::Case {
            if let Some(view) = self.case_view.as_ref() {
                let rows = self.template_for(&view.detail).map_or(0, |t| t.items.len());
                let count = view.row_count(rows);
                let row = f(view.row, count.saturating_sub(1)).min(count.saturating_sub(1));
                if let Some(view) = self.case_view.as_mut() {
                    view.row = row;
                }
            }
            return Vec::new();
        }
        match self.focus {
            Pane::Calls => {
                let last = self.calls.items.len().saturating_sub(1);
                self.calls.move_to(f(self.calls.selected, last));
                self.filter = Filter::default();
            }
            Pane::Orgs => {
                let last = self.orgs.items.len().saturating_sub(1);
                self.orgs.move_to(f(self.orgs.selected, last));
                self.filter = Filter::default();
            }
            Pane::Queues => {
                let last = self.queues.items.len().saturating_sub(1);
                self.queues.move_to(f(self.queues.selected, last));
                self.filter_for_queue();
            }
            Pane::Cases => {
                let last = self.cases.total.saturating_sub(1);
                return self.move_cases(f(self.cases.selected, last));
            }
        }
        self.sync_cases(false)
    }

    fn set_tab(&mut self, tab: Tab) {
        if let Some(view) = self.case_view.as_mut() {
            view.tab = tab;
            view.row = 0;
        }
    }

    fn shift_tab(&mut self, forward: bool) {
        if let Some(view) = self.case_view.as_ref() {
            let n = Tab::ALL.len();
            let i = view.tab.index();
            let next = if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            self.set_tab(Tab::ALL[next]);
        }
    }

    fn shift_pane(&mut self, forward: bool) -> Vec<Effect> {
        let n = Pane::CYCLE.len();
        let i = Pane::CYCLE
            .iter()
            .position(|p| *p == self.focus)
            .unwrap_or(0);
        let next = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.focus_pane(Pane::CYCLE[next])
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Action(action) => self.apply(action),
            Msg::HomeLoaded(data) => {
                self.users = data.users;
                self.calls.replace(data.calls, |a, b| a.id == b.id);
                self.orgs.replace(data.orgs, |a, b| a.id == b.id);
                let mut entries: Vec<QueueEntry> = data
                    .queues
                    .into_iter()
                    .map(|(q, n)| QueueEntry::Builtin(q, n))
                    .collect();
                entries.extend(data.saved.into_iter().map(|(n, q)| QueueEntry::Saved(q, n)));
                self.queues.replace(entries, QueueEntry::same);
                self.sync_cases(true)
            }
            Msg::CasesLoaded {
                query,
                size,
                offset,
                rows,
            } => {
                // A window for a list the user has already left is dropped.
                if self.cases.query.as_ref() == Some(&query) {
                    let total = size.total;
                    self.cases.total = total;
                    self.cases.capped = size.capped;
                    self.cases.short_dropped = size.short_dropped;
                    self.cases.offset = offset;
                    self.cases.rows = rows;
                    self.cases.loading = false;
                    self.cases.selected = self.cases.selected.min(total.saturating_sub(1));
                    if let Some(effects) = self.after_window() {
                        return effects;
                    }
                    if total > 0 && !self.cases.in_window(self.cases.selected) {
                        return self.move_cases(self.cases.selected);
                    }
                }
                Vec::new()
            }
            Msg::CaseLoaded(detail) => {
                let previous = self.case_view.take().filter(|v| v.detail.id == detail.id);
                // A case opened afresh starts at its first unanswered checklist item.
                let first_open = self.template_for(&detail).and_then(|t| {
                    t.items
                        .iter()
                        .position(|i| !detail.answers.iter().any(|a| a.item_key == i.key))
                });
                let (tab, mut row, advance) = previous
                    .map_or((Tab::Checklist, first_open.unwrap_or(0), None), |v| {
                        (v.tab, v.row, v.advance_from)
                    });
                if let (Some(from), Some(template)) = (advance, detail.checklist.as_ref()) {
                    // Move on to the next unanswered item, wrapping once round.
                    let n = template.items.len();
                    let unanswered = |i: usize| {
                        !detail
                            .answers
                            .iter()
                            .any(|a| a.item_key == template.items[i].key)
                    };
                    match (1..=n).map(|k| (from + k) % n).find(|&i| unanswered(i)) {
                        Some(next) => row = next,
                        None => {
                            let all = T::AllAnswered.text(self.lang);
                            let text = match &self.status {
                                Some(s) => format!("{} {all}", s.text),
                                None => all.to_string(),
                            };
                            self.set_status(text);
                        }
                    }
                }
                if std::mem::take(&mut self.pending_registered) {
                    self.set_status(tr(self.lang, T::DoneRegistered, &[&detail.dnr.to_string()]));
                }
                self.case_view = Some(CaseView {
                    detail: *detail,
                    tab,
                    row,
                    advance_from: None,
                });
                self.screen = Screen::Case;
                Vec::new()
            }
            Msg::Written { case_id, done } => {
                self.pending_form = None;
                if let Done::Registered { .. } = done {
                    // The new case opens with its diarienummer in the status line.
                    self.case_view = None;
                    self.pending_registered = true;
                } else {
                    let text = self.done_text(&done);
                    self.set_status(text);
                    // Assessing (answers, notes, documents) keeps the case open; an act that
                    // moves it on lets the triage loop open the next one if it left the list.
                    if matches!(
                        done,
                        Done::Transition(_)
                            | Done::Supplement(_)
                            | Done::Assigned(_)
                            | Done::Proposed(_)
                            | Done::Decided(_)
                            | Done::Dispatched(_)
                    ) {
                        self.follow_after_write(case_id);
                    }
                }
                vec![Effect::LoadCase(case_id), Effect::LoadHome]
            }
            Msg::Refused(refused) => {
                let text = self.refused_text(&refused);
                self.refused(text);
                Vec::new()
            }
            Msg::Conflict { by, at } => {
                self.pending_form = None;
                let when = at
                    .with_timezone(&self.utc_offset)
                    .format("%Y-%m-%d %H:%M")
                    .to_string();
                self.status = Some(Status {
                    text: tr(self.lang, T::Conflict, &[&by, &when]),
                    error: true,
                });
                match self.case_view.as_mut() {
                    Some(v) => {
                        v.advance_from = None;
                        vec![Effect::LoadCase(v.detail.id)]
                    }
                    None => Vec::new(),
                }
            }
            Msg::FileMissing(path) => {
                let text = tr(
                    self.lang,
                    T::ValFileMissing,
                    &[T::FldFile.text(self.lang), &path],
                );
                match self.pending_form.take() {
                    Some(Modal::Form(mut form)) => {
                        let file_field = form.fields.len().saturating_sub(1);
                        form.focus = file_field;
                        form.error = Some((file_field, text));
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
            Msg::Paste(text) => {
                match self.modal.as_mut() {
                    Some(Modal::Form(form)) => {
                        let focus = form.focus;
                        if let Some(f) = form.fields.get_mut(focus) {
                            modal::paste(&mut f.input, &text, f.multiline);
                        }
                    }
                    Some(Modal::Editor(e)) => modal::paste(&mut e.input, &text, true),
                    Some(Modal::Picker(p)) => {
                        modal::paste(&mut p.query, &text, false);
                        p.refilter();
                    }
                    Some(Modal::Menu(_) | Modal::Round(_) | Modal::Preview(_)) | None => {}
                }
                Vec::new()
            }
            Msg::ImportPlanned {
                plan,
                source,
                encoding,
                delimiter,
            } => {
                self.import_planned(*plan, source, encoding, delimiter);
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
                self.filter = Filter::default();
                vec![Effect::LoadHome]
            }
            Msg::OrganisationLoaded(o) => {
                self.show_organisation(&o);
                Vec::new()
            }
            Msg::Stats(data) => {
                self.show_stats(&data);
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
                self.pending_form = None;
                self.status = Some(Status {
                    text: tr(self.lang, T::StatusError, &[&text]),
                    error: true,
                });
                self.cases.loading = false;
                Vec::new()
            }
        }
    }

    /// An act did not happen: the dialog it came from comes back as typed, with the reason, and
    /// the status line says it too.
    fn refused(&mut self, text: String) {
        match self.pending_form.take() {
            Some(Modal::Form(mut form)) => {
                form.error = Some((form.focus, text.clone()));
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

    fn tab(&mut self, tab: Tab) -> Vec<Effect> {
        self.set_tab(tab);
        Vec::new()
    }

    fn open(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home {
            return Vec::new();
        }
        if self.focus != Pane::Cases {
            self.focus = Pane::Cases;
            return Vec::new();
        }
        match self.cases.selected_row() {
            Some(row) => {
                self.list_case = Some(row.id);
                vec![Effect::LoadCase(row.id)]
            }
            None => {
                self.set_status(tr(self.lang, T::NothingToOpen, &[]));
                Vec::new()
            }
        }
    }

    /// Esc: one level back, never out of the program.
    fn back(&mut self) -> Vec<Effect> {
        if self.help.take().is_some() {
            self.help_filter = None;
            return Vec::new();
        }
        if self.screen == Screen::Home && (self.filter.active() || !self.marked.is_empty()) {
            // One level back: first the marks, then the filter.
            if !self.marked.is_empty() {
                self.marked.clear();
                return self.say(T::MarksCleared, &[]);
            }
            return self.filter_clear();
        }
        match self.screen {
            Screen::Case => {
                self.screen = Screen::Home;
                self.case_view = None;
                vec![Effect::LoadHome]
            }
            Screen::Home if self.focus == Pane::Cases => {
                self.focus = self.list_source;
                Vec::new()
            }
            Screen::Home => {
                self.set_status(tr(self.lang, T::EscAtTop, &[]));
                Vec::new()
            }
        }
    }
}
