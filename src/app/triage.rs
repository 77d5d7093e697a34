//! Working through a list at speed: the triage loop (next and previous case, the next one
//! opening by itself), the `/` filter and the full-text search, the list order, marks, the
//! command palette and saved queues.

use super::modal::{Form, FormKind, Modal, Picker, PickerKind};
use super::{Action, App, Effect, Pane, Screen, Status};
use crate::domain::search::{CaseFacts, NextAction, Search, SearchError, next_action};
use crate::i18n::{T, tr};

impl App {
    /// Opens the case at `position` in the list, loading its window first where needed.
    pub(super) fn open_position(&mut self, position: usize) -> Vec<Effect> {
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
    pub(super) fn after_window(&mut self) -> Option<Vec<Effect>> {
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

    fn append_status(&mut self, more: &str) {
        let text = match &self.status {
            Some(s) if !s.error => format!("{} {more}", s.text),
            _ => more.to_string(),
        };
        self.set_status(text);
    }

    /// A write from the case view went through: if the case was the list's selected one, check
    /// afterwards whether it is still in the list.
    pub(super) fn follow_after_write(&mut self, case_id: i64) {
        if self.screen == Screen::Case && self.list_case == Some(case_id) {
            self.follow = Some(case_id);
        }
    }

    /// The next (or previous) case of the list, from the case view.
    pub(super) fn step_case(&mut self, forward: bool) -> Vec<Effect> {
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

    // ----- filter and search -----

    /// `/` (this list) or full-text search (every case, notes and documents too).
    pub(super) fn start_filter(&mut self, everywhere: bool) -> Vec<Effect> {
        if self.screen != Screen::Home {
            self.screen = Screen::Home;
            self.case_view = None;
        }
        if self.filter.everywhere != everywhere {
            self.filter = super::Filter::default();
        }
        self.filter.everywhere = everywhere;
        self.filter.typing = true;
        self.focus = Pane::Cases;
        self.sync_cases(false)
    }

    /// Text typed into the filter: the list follows each keystroke.
    pub(super) fn filter_edit(&mut self, edit: impl FnOnce(&mut String)) -> Vec<Effect> {
        edit(&mut self.filter.text);
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
    pub(super) fn filter_accept(&mut self) -> Vec<Effect> {
        self.filter.typing = false;
        Vec::new()
    }

    /// Esc in the filter (or on a filtered list): clear it.
    pub(super) fn filter_clear(&mut self) -> Vec<Effect> {
        self.filter = super::Filter::default();
        self.cases.selected = 0;
        self.sync_cases(false)
    }

    pub(super) fn cycle_sort(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home {
            return Vec::new();
        }
        self.sort = self.sort.next();
        self.cases.selected = 0;
        let label = crate::i18n::sort(self.sort).text(self.lang).to_string();
        self.set_status(tr(self.lang, T::SortedBy, &[&label]));
        self.sync_cases(false)
    }

    // ----- marks -----

    pub(super) fn toggle_mark(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home || self.focus != Pane::Cases {
            return self.say(T::MarkInList, &[]);
        }
        let Some(row) = self.cases.selected_row().cloned() else {
            return Vec::new();
        };
        if self.marked.remove(&row.id).is_none() {
            self.marked.insert(row.id, row);
        }
        let n = self.marked.len().to_string();
        self.set_status(tr(self.lang, T::Marked, &[&n]));
        let last = self.cases.total.saturating_sub(1);
        self.move_cases((self.cases.selected + 1).min(last))
    }

    // ----- the command palette -----

    pub(super) fn open_palette(&mut self) -> Vec<Effect> {
        let items = Action::ALL
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let keys = self.keys_for(*a);
                let label = format!(
                    "{:<22} {}{}",
                    a.name(),
                    a.describe().text(self.lang),
                    if keys.is_empty() {
                        String::new()
                    } else {
                        format!("  [{keys}]")
                    }
                );
                (i as i64, label)
            })
            .collect();
        let title = T::TitlePalette.text(self.lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::Command,
            title,
            items,
        )));
        Vec::new()
    }

    /// The keys bound to an action anywhere, for the palette's labels.
    fn keys_for(&self, action: Action) -> String {
        let mut keys: Vec<String> = Vec::new();
        for context in super::Context::ALL {
            for b in self.keymap.bindings(context) {
                if b.action == action {
                    for k in &b.keys {
                        let k = k.to_string();
                        if !keys.contains(&k) {
                            keys.push(k);
                        }
                    }
                }
            }
        }
        keys.join(" ")
    }

    pub(super) fn palette_chosen(&mut self, index: i64) -> Vec<Effect> {
        match usize::try_from(index).ok().and_then(|i| Action::ALL.get(i)) {
            Some(action) => self.update(super::Msg::Action(*action)),
            None => Vec::new(),
        }
    }

    // ----- saved queues -----

    pub(super) fn open_save_queue(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Home || !self.filter.active() || self.filter.text.is_empty() {
            return self.say(T::SaveQueueNeedsFilter, &[]);
        }
        if let Some(e) = &self.filter.error {
            let e = e.clone();
            self.status = Some(Status {
                text: e,
                error: true,
            });
            return Vec::new();
        }
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::SaveQueue,
            title: T::TitleSaveQueue.text(self.lang).to_string(),
            fields: vec![super::modal::Field::line(T::FldQueueName, "")],
            focus: 0,
            error: None,
            info: vec![self.filter.text.clone()],
            confirmed: false,
        }));
        Vec::new()
    }
}

impl App {
    pub(super) fn save_queue_effect(
        &self,
        form: &super::modal::Form,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let name = form.value(0).trim().to_string();
        if name.is_empty() {
            return Err((
                0,
                tr(self.lang, T::ValEmpty, &[T::FldQueueName.text(self.lang)]),
            ));
        }
        let source = if self.filter.everywhere {
            crate::domain::CaseSource::All
        } else {
            self.current_source()
                .unwrap_or(crate::domain::CaseSource::All)
        };
        Ok(vec![Effect::SaveQueue(crate::domain::search::SavedQueue {
            id: 0,
            name,
            source,
            text: self.filter.text.clone(),
            everywhere: self.filter.everywhere,
            sort: self.sort,
        })])
    }

    /// Selecting a saved queue brings its filter and order; any other queue shows its list whole.
    pub(super) fn filter_for_queue(&mut self) {
        match self.queues.selected_item() {
            Some(super::QueueEntry::Saved(q, _)) => {
                self.filter = super::Filter {
                    text: q.text.clone(),
                    search: Search::parse(&q.text).unwrap_or_default(),
                    everywhere: q.everywhere,
                    typing: false,
                    error: None,
                };
                self.sort = q.sort;
            }
            _ => self.filter = super::Filter::default(),
        }
    }

    pub(super) fn delete_queue(&mut self) -> Vec<Effect> {
        match self.queues.selected_item() {
            Some(super::QueueEntry::Saved(q, _))
                if self.screen == Screen::Home && self.focus == Pane::Queues =>
            {
                vec![Effect::DeleteQueue(q.id)]
            }
            _ => self.say(T::DeleteQueueNone, &[]),
        }
    }

    // ----- the organisation overview -----

    pub(super) fn open_organisation(&mut self) -> Vec<Effect> {
        let id = match self.screen {
            Screen::Case => self.case_view.as_ref().map(|v| v.detail.organisation.id),
            Screen::Home if self.focus == Pane::Orgs => self.orgs.selected_item().map(|o| o.id),
            Screen::Home => self.cases.selected_row().map(|r| r.organisation_id),
        };
        match id {
            Some(id) => vec![Effect::LoadOrganisation(id)],
            None => self.say(T::NothingToOpen, &[]),
        }
    }

    pub(super) fn show_organisation(&mut self, o: &crate::domain::views::OrgOverview) {
        use crate::i18n;
        let lang = self.lang;
        let org = &o.organisation;
        let mut lines = vec![
            format!(
                "{} · {} · {}",
                org.name,
                i18n::org_kind(org.kind).text(lang),
                org.org_nr
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| T::Dash.text(lang).to_string())
            ),
            tr(
                lang,
                T::OrgSummary,
                &[&o.cases.len().to_string(), &o.granted_total.to_string()],
            ),
            String::new(),
            T::OrgCases.text(lang).to_string(),
        ];
        for c in &o.cases {
            let granted = c
                .granted
                .map(|g| g.to_string())
                .unwrap_or_else(|| T::Dash.text(lang).to_string());
            lines.push(format!(
                "  {}/{}  {}  {:<24} {:>16}  {}",
                c.row.dnr.year,
                c.row.dnr.seq,
                c.row.step.number(),
                i18n::state(c.row.state).text(lang),
                granted,
                c.call
            ));
        }
        lines.push(String::new());
        lines.push(T::OrgReports.text(lang).to_string());
        if o.open_reports.is_empty() {
            lines.push(format!("  {}", T::Dash.text(lang)));
        }
        for (dnr, due) in &o.open_reports {
            let late = if *due < self.today {
                format!(" · {}", T::OrgReportLate.text(lang))
            } else {
                String::new()
            };
            lines.push(format!("  {}/{}  {due}{late}", dnr.year, dnr.seq));
        }
        lines.push(String::new());
        lines.push(T::OrgContacts.text(lang).to_string());
        if o.contacts.is_empty() {
            lines.push(format!("  {}", T::Dash.text(lang)));
        }
        for c in &o.contacts {
            lines.push(format!(
                "  {} · {} · {} · {}",
                c.name, c.role, c.email, c.phone
            ));
        }
        self.modal = Some(Modal::Preview(super::modal::Preview {
            title: tr(lang, T::TitleOrganisation, &[&org.name]),
            lines,
            scroll: 0,
            action: super::modal::PreviewAction::None,
        }));
    }
}

impl App {
    /// The next action of a list row: the checklist count is against the step's current
    /// checklist (the list does not load each case's own version).
    pub fn next_action_of_row(&self, r: &crate::domain::CaseRow) -> NextAction {
        let items = self
            .checklists
            .iter()
            .find(|c| c.template.step() == Some(r.step))
            .map(|c| c.template.items.len());
        next_action(
            &CaseFacts {
                state: r.state,
                received_on: r.received_on,
                assigned: r.assignee.is_some(),
                supplement_due_on: r.supplement_due_on,
                report_due_on: r.report_due_on,
                unanswered: items.map(|n| n.saturating_sub(r.answered)),
                mandatory_only: false,
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
    /// A click focuses the pane and selects the row under the pointer.
    pub(super) fn click(&mut self, pane: Pane, row: Option<usize>) -> Vec<Effect> {
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
}
