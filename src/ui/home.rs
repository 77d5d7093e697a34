//! The home screen: Utlysningar, Organisationer and Köer on the left, the case list beside them.

use super::{Col, Theme, clean, fit, pane_block};
use crate::app::{App, Pane, QueueEntry};
use crate::domain::CaseSource;
use crate::i18n::{self, T, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap};

/// Where the home screen's four panes are, within `area` (the screen between header and status).
pub struct HomeAreas {
    pub calls: Rect,
    pub orgs: Rect,
    pub queues: Rect,
    pub cases: Rect,
}

pub fn areas(app: &App, area: Rect) -> HomeAreas {
    let left_width = (u32::from(area.width) * 34 / 100).clamp(24, 44) as u16;
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(1)]).areas(area);
    // The call list gives way first so the organisations keep some rows on short screens.
    let calls_cap = (area.height / 3).clamp(3, 10);
    let calls_height = (app.calls.items.len() as u16 + 2).clamp(3, calls_cap);
    let queues_height = app.queues.items.len() as u16 + 2;
    let [calls, orgs, queues] = Layout::vertical([
        Constraint::Length(calls_height),
        Constraint::Min(3),
        Constraint::Length(queues_height),
    ])
    .areas(left);
    HomeAreas {
        calls,
        orgs,
        queues,
        cases: right,
    }
}

pub(super) fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let HomeAreas {
        calls,
        orgs,
        queues,
        cases: right,
    } = areas(app, area);
    let inner = |r: Rect| r.width.saturating_sub(4) as usize;
    let call_items: Vec<String> = app
        .calls
        .items
        .iter()
        .map(|c| {
            fit(
                &format!("{:>3} {}", c.case_count, clean(&c.name)),
                inner(calls),
            )
        })
        .collect();
    list(
        app,
        theme,
        frame,
        calls,
        Pane::Calls,
        T::PaneCalls,
        1,
        call_items,
        app.calls.selected,
        T::EmptyCalls,
    );

    // Only the rows that fit are formatted: there may be ten thousand organisations.
    let shown = visible(app.orgs.items.len(), app.orgs.selected, orgs);
    let org_items: Vec<String> = app.orgs.items[shown.clone()]
        .iter()
        .map(|o| {
            let kind = i18n::org_kind(o.kind).text(app.lang);
            fit(
                &format!("{:>3} {} · {kind}", o.case_count, clean(&o.name)),
                inner(orgs),
            )
        })
        .collect();
    list(
        app,
        theme,
        frame,
        orgs,
        Pane::Orgs,
        T::PaneOrgs,
        2,
        org_items,
        app.orgs.selected.saturating_sub(shown.start),
        T::EmptyOrgs,
    );

    // Counts grouped as in the list's title, right-aligned; a capped one reads "1 000+".
    let counts: Vec<String> = app
        .queues
        .items
        .iter()
        .map(|e| {
            let n = grouped(usize::try_from(e.count()).unwrap_or(0));
            if e.capped() { format!("{n}+") } else { n }
        })
        .collect();
    let width = counts
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let queue_items: Vec<String> = app
        .queues
        .items
        .iter()
        .zip(&counts)
        .map(|(e, count)| {
            let label = match e {
                QueueEntry::Builtin(q, _) => i18n::queue(*q).text(app.lang).to_string(),
                QueueEntry::Saved(q, _) => format!("★ {}", clean(&q.name)),
            };
            fit(&format!("{count:>width$}  {label}"), inner(queues))
        })
        .collect();
    list(
        app,
        theme,
        frame,
        queues,
        Pane::Queues,
        T::PaneQueues,
        3,
        queue_items,
        app.queues.selected,
        T::EmptyCases,
    );

    cases(app, theme, frame, right);
}

/// The items of a bordered list that fit in `area` with `selected` shown, as ratatui's list
/// would scroll them from the top (the selection at the bottom once it is below the fold).
fn visible(len: usize, selected: usize, area: Rect) -> std::ops::Range<usize> {
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let start = selected
        .min(len.saturating_sub(1))
        .saturating_sub(height - 1);
    start..(start + height).min(len)
}

#[allow(clippy::too_many_arguments)]
fn list(
    app: &App,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    pane: Pane,
    title: T,
    number: u8,
    items: Vec<String>,
    selected: usize,
    empty: T,
) {
    let focused = app.focus == pane;
    let marks_source = app.list_source == pane && app.focus == Pane::Cases;
    // Borders, the spaces around the title and the focus marker "▶ ".
    let room = area.width.saturating_sub(6) as usize;
    let mut heading = format!("{number} {}", title.text(app.lang));
    // The Organisationer pane's own filter shows in its title, as the case list's does; in a
    // narrow pane the query stays and the pane's name goes.
    let filtered = pane == Pane::Orgs && app.filter.on_orgs;
    if filtered {
        let cursor = if app.filter.typing { "▏" } else { "" };
        let query = format!("/{}{cursor}", clean(&app.filter.text));
        use unicode_width::UnicodeWidthStr;
        heading = if heading.width() + 3 + query.width() <= room {
            format!("{heading} · {query}")
        } else {
            format!("{number} {query}")
        };
    }
    let heading = fit(&heading, room);
    let block = pane_block(heading, focused, theme);
    if items.is_empty() {
        let empty = if filtered {
            T::EmptyOrgsFiltered
        } else {
            empty
        };
        frame.render_widget(
            Paragraph::new(empty.text(app.lang))
                .style(theme.muted)
                .block(block)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let (style, symbol) = if focused {
        (theme.selection, "▶ ")
    } else if marks_source {
        (theme.selection_unfocused, "› ")
    } else {
        (theme.selection_unfocused, "  ")
    };
    let widget = List::new(items.into_iter().map(ListItem::new))
        .block(block)
        .highlight_style(style)
        .highlight_symbol(symbol);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(widget, area, &mut state);
}

fn source_label(app: &App) -> String {
    match app.cases.source() {
        Some(CaseSource::Call(_)) => app
            .calls
            .selected_item()
            .map(|c| clean(&c.name))
            .unwrap_or_default(),
        Some(CaseSource::Organisation(_)) => app
            .orgs
            .selected_item()
            .map(|o| clean(&o.name))
            .unwrap_or_default(),
        Some(CaseSource::Queue(_)) => match app.queues.selected_item() {
            Some(QueueEntry::Saved(q, _)) => clean(&q.name),
            Some(QueueEntry::Builtin(q, _)) => i18n::queue(*q).text(app.lang).to_string(),
            None => String::new(),
        },
        Some(CaseSource::All) => T::SearchTitle.text(app.lang).to_string(),
        None => String::new(),
    }
}

fn cases(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let list = &app.cases;
    let focused = app.focus == Pane::Cases;
    let mut title = format!("4 {}", tr(lang, T::CasesOfCall, &[&source_label(app)]));
    if list.total > 0 {
        let position = if list.capped {
            T::CasesPositionCapped
        } else {
            T::CasesPosition
        };
        let pos = tr(
            lang,
            position,
            &[&grouped(list.selected + 1), &grouped(list.total)],
        );
        title = format!("{title} · {pos}");
    }
    if app.sort != crate::domain::search::Sort::default() {
        title = format!("{title} · ↓{}", i18n::sort(app.sort).text(lang));
    }
    if !app.marked.is_empty() {
        title = format!("{title} · ✓{}", app.marked.len());
    }
    if app.filter.active() && !app.filter.on_orgs {
        let cursor = if app.filter.typing { "▏" } else { "" };
        let mark = if app.filter.everywhere { "?" } else { "/" };
        title = format!("{title} · {mark}{}{cursor}", clean(&app.filter.text));
    }
    let title = fit(&title, area.width.saturating_sub(6) as usize);
    let block = pane_block(title, focused, theme);
    let banner = banner(app);
    let inner = block.inner(area);
    let (block, area) = match banner {
        Some(text) if inner.height > 2 => {
            frame.render_widget(block, area);
            let [top, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
            frame.render_widget(
                Paragraph::new(fit(&format!(" {text}"), top.width as usize)).style(theme.label),
                top,
            );
            (ratatui::widgets::Block::new(), rest)
        }
        _ => (block, area),
    };
    if list.rows.is_empty() {
        let text = if list.loading {
            T::Loading
        } else {
            T::EmptyCases
        };
        frame.render_widget(
            Paragraph::new(text.text(lang))
                .style(theme.muted)
                .block(block)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    // Columns give way from the right as the pane narrows; the organisation always stays.
    // What the case needs next comes before the received date, the assignee and the amount.
    let next_column = area.width >= 64;
    let medium = area.width >= 100;
    let wide = area.width >= 112;
    let widest = area.width >= 126;
    let mut header = vec![T::ColDnr, T::ColOrganisation, T::ColStep, T::ColState];
    if next_column {
        header.push(T::ColNext);
    }
    // Ordered by deadline, the list shows it where the received date stands, and as soon as
    // the pane has room for it beside the organisation: it is what the order is by.
    let by_deadline = app.sort == crate::domain::search::Sort::Deadline;
    let date_column = if by_deadline {
        area.width >= 48
    } else {
        medium
    };
    if date_column {
        header.push(if by_deadline {
            T::ColDeadline
        } else {
            T::ColReceived
        });
    }
    if wide {
        header.push(T::ColAssignee);
    }
    if widest {
        header.push(T::ColRequested);
    }
    let (style, symbol) = if focused {
        (theme.selection, "▶ ")
    } else {
        (theme.selection_unfocused, "  ")
    };
    let cells: Vec<Vec<Col>> = list
        .rows
        .iter()
        .map(|r| {
            let mark = if app.marked.contains_key(&r.id) {
                "✓"
            } else {
                ""
            };
            let mut cells = vec![
                Col::new(format!("{mark}{}/{}", r.dnr.year, r.dnr.seq)),
                Col::new(clean(&r.organisation)),
                Col::new(r.step.number().to_string()),
                Col::new(i18n::state(r.state).text(lang)),
            ];
            if next_column {
                let next = app.next_action_of_row(r);
                let style = if next.urgent() {
                    theme.warning
                } else {
                    theme.muted
                };
                cells.push(Col::new(i18n::next_action_brief(lang, next)).styled(style));
            }
            if date_column {
                let date = if by_deadline {
                    r.deadline()
                } else {
                    r.received_on
                };
                cells.push(Col::new(date.format("%Y-%m-%d").to_string()));
            }
            if wide {
                // The first name is enough to tell colleagues apart in a list.
                let who = r
                    .assignee
                    .as_deref()
                    .and_then(|a| a.split_whitespace().next())
                    .map(clean)
                    .unwrap_or_else(|| T::Dash.text(lang).to_string());
                cells.push(Col::new(who));
            }
            if widest {
                cells.push(Col::new(r.requested.to_string()).right());
            }
            cells
        })
        .collect();
    // Every column but the organisation is as wide as its widest text; the organisation
    // takes the rest, and a name is what gets cut, with "…" (a name is known by its start; a
    // state, date or amount cut would say something else). In a narrow pane the next step,
    // then the state, give way to keep some of the name.
    let marker = if list.selected >= list.offset { 2 } else { 0 };
    let inner = usize::from(block.inner(area).width.saturating_sub(marker));
    let headings: Vec<&str> = header.iter().map(|t| t.text(lang)).collect();
    // Ordered by deadline, the next step says more than the state: the state gives way first.
    let giving: &[usize] = match (next_column, by_deadline) {
        (true, true) => &[3, 4],
        (true, false) => &[4, 3],
        (false, _) => &[3],
    };
    let mut columns = super::fit_columns(&cells, &headings, inner, 1, giving);
    if columns[0] < 9 {
        // The diarienummer column keeps its place as the pane is scrolled.
        let extra = 9 - columns[0];
        columns[0] += extra;
        columns[1] = columns[1].saturating_sub(extra);
    }
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX)))
        .collect();
    let rows = cells.into_iter().map(|c| super::fitted_row(c, &columns));
    let header = Row::new(header.into_iter().map(|t| Cell::from(t.text(lang)))).style(theme.label);
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(style)
        .highlight_symbol(symbol);
    let relative = list.selected.checked_sub(list.offset);
    let mut state = TableState::default().with_selected(relative);
    frame.render_stateful_widget(table, area, &mut state);
}

/// The line above the case list: while the filter is typed, its error or what it understands;
/// else the call's money, or where the organisation stands.
pub fn banner(app: &App) -> Option<String> {
    let lang = app.lang;
    let list = &app.cases;
    let banner = match list.source() {
        Some(CaseSource::Call(_)) => app
            .calls
            .selected_item()
            .filter(|c| c.budget.ore() > 0 || c.committed.ore() > 0)
            .map(|c| super::preview::budget_line(app.lang, &c.budget_status())),
        Some(CaseSource::Organisation(id)) => {
            app.standing.filter(|(org, _)| *org == id).map(|(_, s)| {
                let step = crate::domain::decision::highest_step(s)
                    .number()
                    .to_string();
                tr(lang, T::StandingLine, &[&step])
            })
        }
        _ => None,
    };
    if let Some(error) = app.filter.error.as_ref().filter(|_| app.filter.typing) {
        return Some(error.clone());
    }
    if list.short_dropped {
        return Some(T::ShortWordsWait.text(lang).to_string());
    }
    if list.capped {
        return Some(tr(lang, T::ListCapped, &[&grouped(list.total)]));
    }
    if app.filter.typing && !app.filter.on_orgs {
        return Some(T::FilterHint.text(lang).to_string());
    }
    banner
}

/// A count with its thousands apart, as Swedish writes them: 12 345.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
