//! The app's state types: panes, tabs, the case list's window, the open case, the filter and the status line.

use crate::app::CASE_PAGE;
use crate::domain::search::{Anchor, CaseQuery, ListSize, RowKey, Search};
use crate::domain::{CaseDetail, CaseRow, CaseSource, Queue};
use crate::i18n::T;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Calls,
    Orgs,
    Queues,
    Cases,
}

impl Pane {
    pub(crate) const CYCLE: [Pane; 4] = [Pane::Calls, Pane::Orgs, Pane::Queues, Pane::Cases];
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

    pub(crate) fn index(self) -> usize {
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

    pub(crate) fn move_to(&mut self, target: usize) {
        self.selected = target.min(self.items.len().saturating_sub(1));
    }

    /// Replaces the items, keeping the selection on the same item where it still exists.
    pub(crate) fn replace(&mut self, items: Vec<I>, same: impl Fn(&I, &I) -> bool) {
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

    pub(crate) fn in_window(&self, position: usize) -> bool {
        position >= self.offset && position < self.offset + self.rows.len()
    }

    /// Where to read the window that holds `position`: next to the rows already here when it
    /// borders them (a seek however deep the list), at the end for the last row, otherwise by
    /// position (the top of the list, or a jump).
    pub(crate) fn window_for(&self, position: usize) -> (usize, Anchor) {
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
            Tab::Followup => crate::app::followup::followup_rows(&d.followup).len(),
        }
    }
}

/// Long work under way (on the worker, while the screen keeps drawing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    pub kind: WorkKind,
    pub done: usize,
    pub total: usize,
    /// Esc was pressed: it stops before anything is written.
    pub cancelling: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkKind {
    ImportCheck,
    Import,
    BatchPreview,
    Batch,
    Round,
}

impl Work {
    pub fn new(kind: WorkKind) -> Self {
        Self {
            kind,
            done: 0,
            total: 0,
            cancelling: false,
        }
    }

    /// The work an effect is, if it is long work.
    pub fn of(effect: &crate::app::Effect) -> Option<Work> {
        use crate::app::Effect as E;
        let kind = match effect {
            E::PlanImport { .. } => WorkKind::ImportCheck,
            E::ApplyImport { .. } => WorkKind::Import,
            E::PreviewBatch { .. } => WorkKind::BatchPreview,
            E::ApplyBatch { .. } => WorkKind::Batch,
            E::DecideRound { .. } => WorkKind::Round,
            _ => return None,
        };
        Some(Work::new(kind))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
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

    pub(crate) fn same(&self, other: &QueueEntry) -> bool {
        match (self, other) {
            (QueueEntry::Builtin(a, _), QueueEntry::Builtin(b, _)) => a == b,
            (QueueEntry::Saved(a, _), QueueEntry::Saved(b, _)) => a.id == b.id,
            _ => false,
        }
    }
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
    /// The text narrows the Organisationer pane (`/` there), not the case list.
    pub on_orgs: bool,
}

impl Filter {
    pub fn active(&self) -> bool {
        self.typing || self.everywhere || !self.text.is_empty()
    }
}

/// Rows moved by page up and down.
pub const PAGE_ROWS: usize = 10;
