//! The case view: tabs, the checklist version in use, the computed next action.

use crate::app::effect::{CaseWrite, Effect};
use crate::app::{App, CaseView, Screen, Tab};
use crate::domain::{CaseDetail, Step};
use crate::i18n::{T, tr};

use crate::domain::search::{CaseFacts, NextAction, next_action};

impl App {
    pub(crate) fn view(&self) -> Option<&CaseView> {
        match self.screen {
            Screen::Case => self.case_view.as_ref(),
            Screen::Home => None,
        }
    }

    pub(crate) fn say(&mut self, key: T, args: &[&str]) -> Vec<Effect> {
        self.set_status(tr(self.lang, key, args));
        Vec::new()
    }

    pub(crate) fn write(&mut self, write: CaseWrite) -> Vec<Effect> {
        match self.view() {
            Some(v) => vec![Effect::Write {
                case_id: v.detail.id,
                version: v.detail.version,
                write,
            }],
            None => Vec::new(),
        }
    }

    pub(crate) fn tab(&mut self, tab: Tab) -> Vec<Effect> {
        self.set_tab(tab);
        Vec::new()
    }

    pub(crate) fn set_tab(&mut self, tab: Tab) {
        if let Some(view) = self.case_view.as_mut() {
            view.tab = tab;
            view.row = 0;
            // Beslut opens on the decision the header speaks of (the latest beslut, else the
            // latest proposal), so the detail below says the same as the header (issue 19).
            if tab == Tab::Decisions {
                let d = &view.detail;
                let current = d.decision().or_else(|| d.proposal()).map(|x| x.id);
                if let Some(row) = d.decisions.iter().position(|x| Some(x.id) == current) {
                    view.row = row;
                }
            }
        }
    }

    pub(crate) fn shift_tab(&mut self, forward: bool) {
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

    /// The checklist the case is assessed against: its recorded version, or for a case that has
    /// none yet the current version of its step. None when the recorded version is not kept:
    /// then nothing may be answered against another version.
    pub fn template_for(&self, d: &CaseDetail) -> Option<crate::domain::ChecklistTemplate> {
        match &d.checklist_id {
            Some(_) => d.checklist.clone(),
            None => self.current_checklist(d.step).map(|c| c.0),
        }
    }

    /// The checklist version new assessments of `step` use, with its file text.
    pub(crate) fn current_checklist(
        &self,
        step: Step,
    ) -> Option<(crate::domain::ChecklistTemplate, String)> {
        self.checklists
            .iter()
            .find(|c| c.template.step() == Some(step))
            .map(|c| (c.template.clone(), c.body.clone()))
    }

    pub(crate) fn organisation_name(&self, id: i64) -> String {
        self.orgs
            .items
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }

    /// The next action of a list row: the mandatory items left, as the case header counts
    /// them, against the step's current checklist (the list does not load each case's own
    /// version).
    pub fn next_action_of_row(&self, r: &crate::domain::CaseRow) -> NextAction {
        let answered: std::collections::HashSet<&str> =
            r.answered.iter().map(String::as_str).collect();
        let unanswered = self
            .checklists
            .iter()
            .find(|c| c.template.step() == Some(r.step))
            .map(|c| c.template.unanswered_mandatory(&answered).len());
        next_action(
            &CaseFacts {
                state: r.state,
                received_on: r.received_on,
                assigned: r.assignee.is_some(),
                supplement_due_on: r.supplement_due_on,
                report_due_on: r.report_due_on,
                unanswered,
                mandatory_only: true,
            },
            self.today,
        )
    }

    /// The next action of the open case, counting its own checklist's mandatory items.
    pub fn next_action_of_case(&self, d: &crate::domain::CaseDetail) -> NextAction {
        let answered: std::collections::HashSet<&str> =
            d.answers.iter().map(|a| a.item_key.as_str()).collect();
        let unanswered = self
            .template_for(d)
            .map(|t| t.unanswered_mandatory(&answered).len());
        next_action(
            &CaseFacts {
                state: d.state,
                received_on: d.received_on,
                assigned: d.assignee_id.is_some(),
                supplement_due_on: d.supplement_due_on,
                report_due_on: d.report_due_on,
                unanswered,
                mandatory_only: true,
            },
            self.today,
        )
    }
}

impl App {
    /// A case arrived for the case view: it opens at its first unanswered item, or where it was.
    pub(crate) fn case_loaded(&mut self, detail: crate::domain::CaseDetail) -> Vec<Effect> {
        let detail = Box::new(detail);
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

    /// Someone else changed the case first: say who and when, and read it again.
    pub(crate) fn conflict(&mut self, by: &str, at: chrono::DateTime<chrono::Utc>) -> Vec<Effect> {
        let when = at
            .with_timezone(&self.utc_offset)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        // What was typed is kept, as when the database is busy (issue 19): the dialog comes
        // back as typed over the reloaded case, and Ctrl-S saves it against the case as it is
        // now (the service checks every rule again).
        if self.pending_form.is_some() {
            self.refused(tr(self.lang, T::ScConflictKept, &[by, &when]));
        } else {
            self.status = Some(crate::app::Status {
                text: tr(self.lang, T::Conflict, &[by, &when]),
                error: true,
            });
        }
        match self.case_view.as_mut() {
            Some(v) => {
                v.advance_from = None;
                vec![Effect::LoadCase(v.detail.id)]
            }
            None => Vec::new(),
        }
    }
}
