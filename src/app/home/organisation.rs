//! The organisation view (`v`): every case of one organisation, what it was granted, reports due, contacts.

use crate::app::modal::Modal;
use crate::app::{App, Effect, Pane, Screen};
use crate::i18n::{T, tr};

impl App {
    // ----- the organisation overview -----

    pub(crate) fn open_organisation(&mut self) -> Vec<Effect> {
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

    pub(crate) fn show_organisation(&mut self, o: &crate::domain::views::OrgOverview) {
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
        self.modal = Some(Modal::Preview(crate::app::modal::Preview {
            title: tr(lang, T::TitleOrganisation, &[&org.name]),
            lines,
            scroll: 0,
            action: crate::app::modal::PreviewAction::None,
        }));
    }
}
