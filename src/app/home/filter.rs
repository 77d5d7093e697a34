//! The `/` filter, the full-text search (`f`) and the list's order (`o`).

use crate::app::{App, Effect, Pane, Screen};
use crate::domain::search::{Search, SearchError};
use crate::i18n::{T, tr};

impl App {
    // ----- filter and search -----

    /// `/` (this list) or full-text search (every case, notes and documents too).
    pub(crate) fn start_filter(&mut self, everywhere: bool) -> Vec<Effect> {
        if self.screen != Screen::Home {
            self.screen = Screen::Home;
            self.case_view = None;
        }
        // `/` on Organisationer narrows that pane; everywhere else, the case list.
        let on_orgs = !everywhere && self.focus == Pane::Orgs;
        if self.filter.everywhere != everywhere || self.filter.on_orgs != on_orgs {
            self.reset_filter();
        }
        self.filter.everywhere = everywhere;
        self.filter.on_orgs = on_orgs;
        self.filter.typing = true;
        if on_orgs {
            return Vec::new();
        }
        self.focus = Pane::Cases;
        self.sync_cases(false)
    }

    /// No filter; the Organisationer pane shows every organisation again.
    pub(crate) fn reset_filter(&mut self) {
        let was_on_orgs = self.filter.on_orgs;
        self.filter = crate::app::Filter::default();
        if was_on_orgs {
            self.refresh_orgs();
        }
    }

    /// The Organisationer pane: the organisations its filter lets through, the selection kept
    /// on the same organisation where it still is.
    pub(crate) fn refresh_orgs(&mut self) {
        let shown: Vec<crate::domain::Organisation> = if self.filter.on_orgs {
            self.orgs_all
                .iter()
                .filter(|o| o.matches(&self.filter.text))
                .cloned()
                .collect()
        } else {
            self.orgs_all.clone()
        };
        self.orgs.replace(shown, |a, b| a.id == b.id);
    }

    /// Text typed into the filter: the list follows each keystroke.
    pub(crate) fn filter_edit(&mut self, edit: impl FnOnce(&mut String)) -> Vec<Effect> {
        edit(&mut self.filter.text);
        if self.filter.on_orgs {
            self.refresh_orgs();
            return self.sync_cases(false);
        }
        match Search::parse(&self.filter.text) {
            Ok(search) => {
                self.filter.error = None;
                if search != self.filter.search {
                    self.filter.search = search;
                    self.cases.selected = 0;
                    return self.sync_cases(false);
                }
            }
            Err(e) => self.filter.error = Some(self.search_error(&e)),
        }
        Vec::new()
    }

    pub fn search_error(&self, e: &SearchError) -> String {
        let fields = crate::domain::search::FIELDS.join(", ");
        match e {
            SearchError::UnknownField(f) => tr(self.lang, T::SearchUnknownField, &[f, &fields]),
            SearchError::EmptyValue { field } => tr(self.lang, T::SearchEmptyValue, &[field]),
            SearchError::UnknownStatus(s) => tr(self.lang, T::SearchUnknownStatus, &[s]),
            SearchError::UnknownStep(s) => tr(self.lang, T::SearchUnknownStep, &[s]),
        }
    }

    /// Enter in the filter: keep it and go back to the list's keys.
    pub(crate) fn filter_accept(&mut self) -> Vec<Effect> {
        self.filter.typing = false;
        Vec::new()
    }

    /// Esc in the filter (or on a filtered list): clear it.
    pub(crate) fn filter_clear(&mut self) -> Vec<Effect> {
        self.reset_filter();
        self.cases.selected = 0;
        self.sync_cases(false)
    }

    pub(crate) fn cycle_sort(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home {
            return Vec::new();
        }
        self.sort = self.sort.next();
        self.cases.selected = 0;
        let label = crate::i18n::sort(self.sort).text(self.lang).to_string();
        self.set_status(tr(self.lang, T::SortedBy, &[&label]));
        self.sync_cases(false)
    }
}
