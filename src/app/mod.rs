//! The application state and its update function. Keys become named actions; side effects are
//! returned as data ([`Effect`]) and their results come back as messages ([`Msg`]).

pub mod action;
mod effect;
pub mod keymap;

pub use action::Action;
pub use effect::{CASE_PAGE, Effect, run_effect};
pub use keymap::{Context, Key, KeyCode, Keymap};

use crate::checklists::Checklist;
use crate::domain::{Call, CaseDetail, CaseRow, CaseSource, Organisation, Queue, User};
use crate::i18n::{Lang, T, tr};
use crate::storage::Store;
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
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Checklist,
        Tab::Documents,
        Tab::Notes,
        Tab::Decisions,
        Tab::History,
    ];

    pub fn label(self) -> T {
        match self {
            Tab::Checklist => T::TabChecklist,
            Tab::Documents => T::TabDocuments,
            Tab::Notes => T::TabNotes,
            Tab::Decisions => T::TabDecisions,
            Tab::History => T::TabHistory,
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
    pub source: Option<CaseSource>,
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<CaseRow>,
    pub selected: usize,
    pub loading: bool,
}

impl CaseList {
    pub fn selected_row(&self) -> Option<&CaseRow> {
        self.selected
            .checked_sub(self.offset)
            .and_then(|i| self.rows.get(i))
    }

    fn in_window(&self, position: usize) -> bool {
        position >= self.offset && position < self.offset + self.rows.len()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    pub detail: CaseDetail,
    pub tab: Tab,
    /// The selected row within the tab.
    pub row: usize,
}

impl CaseView {
    /// How many rows the current tab has.
    pub fn row_count(&self) -> usize {
        let d = &self.detail;
        match self.tab {
            Tab::Checklist => d.checklist.as_ref().map_or(0, |t| t.items.len()),
            Tab::Documents => d.documents.len(),
            Tab::Notes => d.notes.len(),
            Tab::Decisions => d.decisions.len(),
            Tab::History => d.events.len(),
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
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    HomeLoaded(HomeData),
    CasesLoaded {
        source: CaseSource,
        total: usize,
        offset: usize,
        rows: Vec<CaseRow>,
    },
    CaseLoaded(Box<CaseDetail>),
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
    pub queues: Selectable<(Queue, i64)>,
    pub cases: CaseList,
    pub case_view: Option<CaseView>,
    /// The help overlay and its scroll position.
    pub help: Option<usize>,
    pub status: Option<Status>,
    pub quit: bool,
    pub keymap: Keymap,
    /// The checklist version per step that new assessments use.
    pub checklists: Vec<Checklist>,
    /// How stored UTC times are shown (the local offset at start).
    pub utc_offset: chrono::FixedOffset,
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
            cases: CaseList::default(),
            case_view: None,
            help: None,
            quit: false,
            keymap,
            checklists,
            utc_offset: chrono::Offset::fix(&chrono::Utc),
        }
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
        match self.screen {
            Screen::Home => vec![Context::Home, Context::Global],
            Screen::Case => vec![Context::Case, Context::Global],
        }
    }

    /// A key press: looked up in the keymap; unbound keys do nothing.
    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        match self.keymap.lookup(&self.layers(), key) {
            Some(action) => self.update(Msg::Action(action)),
            None => Vec::new(),
        }
    }

    /// The source of the case list as the left panes' selection says.
    pub fn current_source(&self) -> Option<CaseSource> {
        match self.list_source {
            Pane::Calls => self.calls.selected_item().map(|c| CaseSource::Call(c.id)),
            Pane::Orgs => self
                .orgs
                .selected_item()
                .map(|o| CaseSource::Organisation(o.id)),
            Pane::Queues | Pane::Cases => self
                .queues
                .selected_item()
                .map(|(q, _)| CaseSource::Queue(*q)),
        }
    }

    /// Asks for the case list of the current source, from the top when the source changed.
    fn sync_cases(&mut self, force: bool) -> Vec<Effect> {
        let Some(source) = self.current_source() else {
            self.cases = CaseList::default();
            return Vec::new();
        };
        if self.cases.source != Some(source) {
            self.cases = CaseList {
                source: Some(source),
                loading: true,
                ..CaseList::default()
            };
            return vec![Effect::LoadCases { source, offset: 0 }];
        }
        if force {
            self.cases.loading = true;
            return vec![Effect::LoadCases {
                source,
                offset: self.cases.offset,
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
        match self.cases.source {
            Some(source) if self.cases.total > 0 && !self.cases.in_window(self.cases.selected) => {
                self.cases.loading = true;
                vec![Effect::LoadCases {
                    source,
                    offset: self.cases.selected.saturating_sub(CASE_PAGE / 2),
                }]
            }
            _ => Vec::new(),
        }
    }

    /// Moves the selection of the focused list or tab to `f(current, last)`.
    fn navigate(&mut self, f: impl Fn(usize, usize) -> usize) -> Vec<Effect> {
        if let Some(scroll) = self.help.as_mut() {
            *scroll = f(*scroll, usize::MAX / 2);
            return Vec::new();
        }
        if self.screen == Screen::Case {
            if let Some(view) = self.case_view.as_ref() {
                let count = view.row_count();
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
            }
            Pane::Orgs => {
                let last = self.orgs.items.len().saturating_sub(1);
                self.orgs.move_to(f(self.orgs.selected, last));
            }
            Pane::Queues => {
                let last = self.queues.items.len().saturating_sub(1);
                self.queues.move_to(f(self.queues.selected, last));
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
                self.calls.replace(data.calls, |a, b| a.id == b.id);
                self.orgs.replace(data.orgs, |a, b| a.id == b.id);
                self.queues.replace(data.queues, |a, b| a.0 == b.0);
                self.sync_cases(true)
            }
            Msg::CasesLoaded {
                source,
                total,
                offset,
                rows,
            } => {
                // A window for a source the user has already left is dropped.
                if self.cases.source == Some(source) {
                    self.cases.total = total;
                    self.cases.offset = offset;
                    self.cases.rows = rows;
                    self.cases.loading = false;
                    self.cases.selected = self.cases.selected.min(total.saturating_sub(1));
                    if total > 0 && !self.cases.in_window(self.cases.selected) {
                        return self.move_cases(self.cases.selected);
                    }
                }
                Vec::new()
            }
            Msg::CaseLoaded(detail) => {
                let tab = self.case_view.as_ref().map_or(Tab::Checklist, |v| v.tab);
                let same = self
                    .case_view
                    .as_ref()
                    .is_some_and(|v| v.detail.id == detail.id);
                let row = if same {
                    self.case_view.as_ref().map_or(0, |v| v.row)
                } else {
                    0
                };
                self.case_view = Some(CaseView {
                    detail: *detail,
                    tab: if same { tab } else { Tab::Checklist },
                    row,
                });
                self.screen = Screen::Case;
                Vec::new()
            }
            Msg::Failed(text) => {
                self.status = Some(Status {
                    text: tr(self.lang, T::StatusError, &[&text]),
                    error: true,
                });
                self.cases.loading = false;
                Vec::new()
            }
        }
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => {
                self.quit = true;
                Vec::new()
            }
            Action::Help => {
                self.help = Some(0);
                Vec::new()
            }
            Action::CloseHelp => {
                self.help = None;
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
            Some(row) => vec![Effect::LoadCase(row.id)],
            None => {
                self.set_status(tr(self.lang, T::NothingToOpen, &[]));
                Vec::new()
            }
        }
    }

    /// Esc: one level back, never out of the program.
    fn back(&mut self) -> Vec<Effect> {
        if self.help.take().is_some() {
            return Vec::new();
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

/// Runs effects and feeds their results back until nothing is left to do: the loop the terminal
/// uses, and the one tests drive without a terminal.
pub fn drive(app: &mut App, store: &Store, effects: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        let msg = run_effect(store, &effect, app.user.id, app.today);
        queue.extend(app.update(msg));
    }
}
