//! The home screen's lists: focus, moving, the case list's windows, opening a case, going back, clicks.

use crate::app::{App, Effect, Pane, Screen};
use crate::app::{CaseList, QueueEntry};
use crate::domain::CaseSource;
use crate::domain::search::{Anchor, CaseQuery, ListSize, RowKey};
use crate::i18n::{T, tr};

impl App {
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
    pub(crate) fn sync_cases(&mut self, force: bool) -> Vec<Effect> {
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

    pub(crate) fn focus_pane(&mut self, pane: Pane) -> Vec<Effect> {
        self.focus = pane;
        if pane != Pane::Cases {
            self.list_source = pane;
        }
        self.sync_cases(false)
    }

    pub(crate) fn move_cases(&mut self, target: usize) -> Vec<Effect> {
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
    pub(crate) fn navigate(&mut self, f: impl Fn(usize, usize) -> usize) -> Vec<Effect> {
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
                self.reset_filter();
            }
            Pane::Orgs => {
                let last = self.orgs.items.len().saturating_sub(1);
                self.orgs.move_to(f(self.orgs.selected, last));
                // The pane's own filter stays while its rows are walked.
                if !self.filter.on_orgs {
                    self.reset_filter();
                }
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

    pub(crate) fn shift_pane(&mut self, forward: bool) -> Vec<Effect> {
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

    pub(crate) fn open(&mut self) -> Vec<Effect> {
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
    pub(crate) fn back(&mut self) -> Vec<Effect> {
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

    /// A click focuses the pane and selects the row under the pointer.
    pub(crate) fn click(&mut self, pane: Pane, row: Option<usize>) -> Vec<Effect> {
        if self.screen != Screen::Home || self.modal.is_some() || self.help.is_some() {
            return Vec::new();
        }
        let mut effects = self.focus_pane(pane);
        let Some(row) = row else {
            return effects;
        };
        let len = match pane {
            Pane::Calls => self.calls.items.len(),
            Pane::Orgs => self.orgs.items.len(),
            Pane::Queues => self.queues.items.len(),
            Pane::Cases => self.cases.total,
        };
        if row < len {
            effects.extend(self.navigate(|_, _| row));
        }
        effects
    }

    pub(crate) fn on_home_list(&self) -> bool {
        self.screen == Screen::Home && self.modal.is_none()
    }
}

impl App {
    /// The home screen's lists arrived: keep each selection on the same item where it still is.
    pub(crate) fn home_loaded(&mut self, data: crate::app::HomeData) -> Vec<Effect> {
        self.users = data.users;
        self.calls.replace(data.calls, |a, b| a.id == b.id);
        self.orgs_all = data.orgs;
        self.refresh_orgs();
        let mut entries: Vec<QueueEntry> = data
            .queues
            .into_iter()
            .map(|(q, n)| QueueEntry::Builtin(q, n))
            .collect();
        entries.extend(data.saved.into_iter().map(|(n, q)| QueueEntry::Saved(q, n)));
        self.queues.replace(entries, QueueEntry::same);
        self.sync_cases(true)
    }

    /// A window of the case list arrived (dropped if the list has changed meanwhile).
    pub(crate) fn cases_loaded(
        &mut self,
        query: crate::domain::search::CaseQuery,
        size: crate::domain::search::ListSize,
        offset: usize,
        rows: Vec<crate::domain::CaseRow>,
    ) -> Vec<Effect> {
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
}

impl App {
    /// The clock says it is `day`: a new day brings new queues (Försenade), clocks and
    /// deadlines, so the lists and the open case are read again. Nothing else changes.
    pub(crate) fn new_day(&mut self, day: chrono::NaiveDate) -> Vec<Effect> {
        if day == self.today {
            return Vec::new();
        }
        self.today = day;
        let mut effects = vec![Effect::LoadHome];
        if let Some(v) = self.case_view.as_ref() {
            effects.push(Effect::LoadCase(v.detail.id));
        }
        effects
    }
}
