//! The triage loop: next and previous case without leaving the case view, and the next one opening by itself when an act takes the case out of the list.

use crate::app::{App, Effect, Screen};
use crate::i18n::T;

impl App {
    /// Opens the case at `position` in the list, loading its window first where needed.
    pub(crate) fn open_position(&mut self, position: usize) -> Vec<Effect> {
        self.cases.selected = position;
        if self.cases.in_window(position) {
            self.pending_open = None;
            return match self.cases.selected_row() {
                Some(row) => {
                    self.list_case = Some(row.id);
                    vec![Effect::LoadCase(row.id)]
                }
                None => Vec::new(),
            };
        }
        self.pending_open = Some(position);
        self.move_cases(position)
    }

    /// After a window of the list arrived: open a case the triage loop is waiting for, or
    /// follow the case just changed. None: nothing to do here.
    pub(crate) fn after_window(&mut self) -> Option<Vec<Effect>> {
        // The open case keeps its place in the list while it is still there.
        if self.screen == Screen::Case
            && let Some(i) = self
                .list_case
                .and_then(|id| self.cases.rows.iter().position(|r| r.id == id))
        {
            self.cases.selected = self.cases.offset + i;
        }
        if let Some(id) = self.follow.take() {
            if let Some(i) = self.cases.rows.iter().position(|r| r.id == id) {
                self.cases.selected = self.cases.offset + i;
                return Some(Vec::new());
            }
            if self.screen != Screen::Case {
                return None;
            }
            // The case left the list: the one now in its place is the next to handle.
            if self.cases.total == 0 {
                self.append_status(T::TriageEmpty.text(self.lang));
                return Some(Vec::new());
            }
            let position = self.cases.selected.min(self.cases.total - 1);
            self.append_status(T::TriageNextOpened.text(self.lang));
            return Some(self.open_position(position));
        }
        let position = self.pending_open?;
        if !self.cases.in_window(position) {
            return None;
        }
        self.pending_open = None;
        self.cases.selected = position;
        let id = self.cases.selected_row().map(|r| r.id);
        self.list_case = id.or(self.list_case);
        Some(id.map(|id| vec![Effect::LoadCase(id)]).unwrap_or_default())
    }

    pub(crate) fn append_status(&mut self, more: &str) {
        let text = match &self.status {
            Some(s) if !s.error => format!("{} {more}", s.text),
            _ => more.to_string(),
        };
        self.set_status(text);
    }

    /// A write from the case view went through: if the case was the list's selected one, check
    /// afterwards whether it is still in the list.
    pub(crate) fn follow_after_write(&mut self, case_id: i64) {
        if self.screen == Screen::Case && self.list_case == Some(case_id) {
            self.follow = Some(case_id);
        }
    }

    /// The next (or previous) case of the list, from the case view.
    pub(crate) fn step_case(&mut self, forward: bool) -> Vec<Effect> {
        if self.screen != Screen::Case || self.cases.query.is_none() {
            return Vec::new();
        }
        let current = self.cases.selected;
        // The open case may already have left the list (an answer started its handling): then
        // the case now in its place is the next one.
        let here = self.cases.selected_row().map(|r| r.id);
        let left = here.is_some() && here != self.list_case;
        let target = if forward && left {
            current
        } else if forward {
            if current + 1 >= self.cases.total {
                return self.say(T::TriageLast, &[]);
            }
            current + 1
        } else {
            if current == 0 {
                return self.say(T::TriageFirst, &[]);
            }
            current - 1
        };
        self.open_position(target)
    }
}
