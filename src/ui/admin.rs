//! The administration view: a tab line, the tab's rows, and the selected row in full.

use super::{Theme, clean, fit};
use crate::app::App;
use crate::app::admin::{AdminTab, AdminView};
use crate::domain::admin::Regulation;
use crate::domain::{Role, User};
use crate::i18n::{self, Lang, T, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// A user's roles in words.
pub fn roles_words(lang: Lang, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| i18n::role(*r).text(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a beslutsfattare may decide, in words ("" for anyone else).
pub fn delegation_words(lang: Lang, u: &User) -> String {
    if !u.has(Role::DecisionMaker) {
        return String::new();
    }
    let outcomes = if u.delegation.outcomes.is_empty() {
        T::AllOutcomes.text(lang).to_string()
    } else {
        u.delegation
            .outcomes
            .iter()
            .map(|o| i18n::outcome(*o).text(lang).to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match u.delegation.max {
        Some(max) => tr(lang, T::DelegationUpTo, &[&outcomes, &max.to_string()]),
        None => outcomes,
    }
}

fn regulation_words(lang: Lang, r: Regulation, stored: &str) -> String {
    if stored.is_empty() {
        i18n::regulation_label(lang, r)
    } else {
        stored.to_string()
    }
}

fn rows(app: &App, view: &AdminView, width: usize) -> Vec<String> {
    let lang = app.lang;
    let d = &view.data;
    match view.tab {
        AdminTab::Calls => d
            .calls
            .iter()
            .map(|c| {
                let open = c.call.closes_on.is_none_or(|closes| closes >= app.today);
                let state = if open { T::AdmOpen } else { T::AdmClosed };
                // The name as wide as the figures after it leave room for: a long name is
                // cut, never the amount or the dates.
                let tail = format!(
                    " · {} · {} · {} – {}",
                    state.text(lang),
                    c.call.budget,
                    c.call.opens_on,
                    c.call.closes_on.map(|x| x.to_string()).unwrap_or_default(),
                );
                let room = width.saturating_sub(tail.width()).max(12);
                format!("{}{tail}", fit(&c.call.name, room))
            })
            .collect(),
        AdminTab::Users => d
            .users
            .iter()
            .map(|u| {
                let mut parts = vec![u.login.clone(), u.name.clone()];
                // Active is the rule; only the exception is said, early, where it is not cut.
                if !u.active {
                    parts.push(T::Deactivated.text(lang).to_string());
                }
                if !u.title.is_empty() {
                    parts.push(u.title.clone());
                }
                parts.push(roles_words(lang, &u.roles));
                let delegation = delegation_words(lang, u);
                if !delegation.is_empty() {
                    parts.push(delegation);
                }
                parts.join(" · ")
            })
            .collect(),
        AdminTab::Settings => d
            .settings
            .iter()
            .map(|(s, value)| {
                let value = if value.trim().is_empty() {
                    "–".to_string()
                } else {
                    value.replace('\n', ", ")
                };
                format!("{}: {value}", i18n::setting(*s).text(lang))
            })
            .collect(),
        AdminTab::History => {
            let ctx = super::history::Context {
                users: &d.users,
                checklists: Vec::new(),
                organisations: Vec::new(),
                decisions: &[],
                followup: None,
                dnr_prefix: None,
            };
            d.history
                .iter()
                .map(|e| {
                    let when = e.at.with_timezone(&app.utc_offset).format("%Y-%m-%d %H:%M");
                    let what = super::history::describe(lang, e, &ctx).text();
                    format!("{when} {}: {what}", e.user)
                })
                .collect()
        }
    }
}

/// A dash for an empty value, so an empty line is not read as a missing one.
fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "–".to_string()
    } else {
        text.to_string()
    }
}

/// The selected row in full: a call's set-up, a user's delegation.
fn detail(app: &App, view: &AdminView) -> Vec<String> {
    let lang = app.lang;
    let d = &view.data;
    match view.tab {
        AdminTab::Calls => {
            let Some(c) = d.calls.get(view.row()) else {
                return Vec::new();
            };
            let s = &c.setup.draft;
            let kommuner: Vec<&str> = s
                .kommuner
                .iter()
                .filter_map(|id| d.kommuner.iter().find(|(k, _)| k == id))
                .map(|(_, n)| n.as_str())
                .collect();
            let sittings: Vec<String> = s
                .sittings
                .iter()
                .map(|x| {
                    format!(
                        "{} ({} {})",
                        x.held_on,
                        T::AdmCutoff.text(lang),
                        x.cutoff_on
                    )
                })
                .collect();
            let or_dash = |t: String| {
                if t.trim().is_empty() {
                    "–".to_string()
                } else {
                    t
                }
            };
            vec![
                format!(
                    "{} · {}",
                    c.call.name,
                    tr(lang, T::StepN, &[&c.call.step.number().to_string()])
                ),
                format!(
                    "{}: {}{}",
                    T::AdmFldRegulation.text(lang),
                    regulation_words(lang, s.regulation, &c.setup.regulation_text),
                    if s.regulation_version.is_empty() {
                        String::new()
                    } else {
                        format!(", {} {}", T::AdmWording.text(lang), s.regulation_version)
                    }
                ),
                format!(
                    "{}: {} · {}: {}",
                    T::AdmBudget.text(lang),
                    c.call.budget,
                    T::AdmCommitment.text(lang),
                    s.commitment
                ),
                format!(
                    "{}: {}",
                    T::AdmSittings.text(lang),
                    or_dash(sittings.join(", "))
                ),
                format!(
                    "{}: {}",
                    T::AdmKommuner.text(lang),
                    if kommuner.is_empty() {
                        T::AdmAllKommuner.text(lang).to_string()
                    } else {
                        kommuner.join(", ")
                    }
                ),
                format!(
                    "{}: {}",
                    T::AdmChecklist.text(lang),
                    or_dash(s.checklist_id.clone().unwrap_or_default())
                ),
                format!(
                    "{}: {}",
                    T::AdmFldConditions.text(lang),
                    or_dash(s.conditions_text.clone())
                ),
                format!(
                    "{}: {}{}",
                    T::AdmFldAppeal.text(lang),
                    or_dash(s.appeal_text.clone()),
                    if s.appeal_paragraph.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", s.appeal_paragraph)
                    }
                ),
            ]
        }
        AdminTab::Users => d
            .users
            .get(view.row())
            .map(|u| {
                vec![
                    format!("{}: {}", T::AdmFldName.text(lang), u.name),
                    format!("{}: {}", T::AdmFldTitle.text(lang), dash(&u.title)),
                    format!(
                        "{}: {}",
                        T::AdmRoles.text(lang),
                        roles_words(lang, &u.roles)
                    ),
                    format!(
                        "{}: {}",
                        T::AdmDelegation.text(lang),
                        dash(&delegation_words(lang, u))
                    ),
                ]
            })
            .unwrap_or_default(),
        AdminTab::Settings => d
            .settings
            .get(view.row())
            .map(|(_, v)| v.lines().map(str::to_string).collect())
            .unwrap_or_default(),
        // The selected change whole: a list row cuts a long one.
        AdminTab::History => rows(app, view, usize::MAX)
            .get(view.row())
            .cloned()
            .into_iter()
            .collect(),
    }
}

pub(super) fn render(
    app: &App,
    view: &AdminView,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let lang = app.lang;
    let width = area.width.saturating_sub(4).clamp(1, 140);
    let popup = super::modal::centred(area, width, area.height.saturating_sub(2).max(3));
    let title = T::AdmTitle.text(lang);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(
                &format!(" {title} "),
                popup.width.saturating_sub(4) as usize,
            ),
            theme.title_focus,
        ));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let details = detail(app, view);
    // The detail pane gives way to the list on a short screen.
    let detail_height = if inner.height >= 14 {
        u16::try_from(details.len()).unwrap_or(0).min(9) + 1
    } else {
        0
    };
    // The status line of the screen is under the view: what an act did, or why it was refused,
    // shows here.
    let status_height = u16::from(app.status.is_some() && inner.height >= 4);
    let [tabs, list_area, detail_area, status_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(detail_height),
        Constraint::Length(status_height),
    ])
    .areas(inner);
    if let Some(status) = app.status.as_ref().filter(|_| status_height > 0) {
        let style = if status.error {
            theme.error
        } else {
            theme.label
        };
        frame.render_widget(
            Paragraph::new(fit(&clean(&status.text), status_area.width as usize)).style(style),
            status_area,
        );
    }
    let mut spans = Vec::new();
    for (i, tab) in AdminTab::ALL.iter().enumerate() {
        let style = if *tab == view.tab {
            theme.title_focus
        } else {
            theme.label
        };
        if i > 0 {
            spans.push(Span::raw(" │ "));
        }
        spans.push(Span::styled(tab.label().text(lang), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    let w = list_area.width.saturating_sub(2) as usize;
    let lines = rows(app, view, w);
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(T::AdmEmpty.text(lang)).style(theme.label),
            list_area,
        );
    } else {
        let items = lines.iter().map(|l| ListItem::new(fit(&clean(l), w)));
        let list = List::new(items)
            .highlight_style(theme.selection)
            .highlight_symbol("▶ ");
        let selected = (view.tab != AdminTab::History || !lines.is_empty()).then_some(view.row());
        let mut state = ListState::default().with_selected(selected);
        frame.render_stateful_widget(list, list_area, &mut state);
    }
    if detail_height > 0 {
        let text: Vec<Line> = details.iter().map(|l| Line::raw(clean(l))).collect();
        frame.render_widget(
            Paragraph::new(text)
                .block(Block::default().borders(ratatui::widgets::Borders::TOP))
                .wrap(Wrap { trim: true }),
            detail_area,
        );
    }
}
