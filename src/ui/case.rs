//! The case view: the case's facts, then tabs with its checklist, documents, notes, decisions
//! and history.

use super::{Col, Theme, clean, fit};
use crate::app::{App, CaseView, Tab};
use crate::domain::CaseDetail;
use crate::domain::case::{days_between, statutory_deadline};
use crate::i18n::{self, Lang, T, tr};
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Tabs, Wrap};

/// The case header's full height, and what the tabs below need at least: the tab line, a
/// checklist of 8 rows with its heading and borders, and its detail pane.
const FACTS_HEIGHT: u16 = 10;
const BELOW_FACTS: u16 = 1 + 11 + 6;

pub(super) fn render(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    // On a short screen the header gives way (down to its title and two lines) so that the
    // checklist keeps 8 rows (at 80×24).
    let facts_height = area
        .height
        .saturating_sub(BELOW_FACTS)
        .clamp(3, FACTS_HEIGHT);
    let [facts, tabs, content] = Layout::vertical([
        Constraint::Length(facts_height),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    render_facts(app, &view.detail, theme, frame, facts);
    let titles = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{} {}", i + 1, t.label().text(app.lang)));
    let selected = Tab::ALL.iter().position(|t| *t == view.tab);
    frame.render_widget(
        Tabs::new(titles)
            .select(selected)
            .highlight_style(theme.tab_active)
            .divider("│"),
        tabs,
    );
    match view.tab {
        Tab::Checklist => checklist(app, view, theme, frame, content),
        Tab::Documents => documents(app, view, theme, frame, content),
        Tab::Notes => notes(app, view, theme, frame, content),
        Tab::Decisions => decisions(app, view, theme, frame, content),
        Tab::History => history(app, view, theme, frame, content),
        Tab::Followup => super::followup::render(app, view, theme, frame, content),
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn relative(lang: Lang, today: NaiveDate, d: NaiveDate) -> String {
    let days = days_between(today, d);
    match days {
        0 => T::Today.text(lang).to_string(),
        n if n > 0 => tr(lang, T::DaysLeft, &[&n.to_string()]),
        n => tr(lang, T::DaysAgo, &[&(-n).to_string()]),
    }
}

fn render_facts(app: &App, d: &CaseDetail, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let dash = T::Dash.text(lang);
    let label = |t: T| Span::styled(format!("{}: ", t.text(lang)), theme.label);
    let org = &d.organisation;
    let org_text = format!(
        "{} ({}){}",
        clean(&org.name),
        i18n::org_kind(org.kind).text(lang),
        org.org_nr.map(|n| format!(" {n}")).unwrap_or_default()
    );
    let statutory = if d.state.is_decided() {
        Span::raw(T::Decided.text(lang))
    } else {
        let due = statutory_deadline(d.received_on);
        let day = days_between(d.received_on, app.today) + 1;
        let text = format!(
            "{} ({}, {})",
            date(due),
            relative(lang, app.today, due),
            tr(lang, T::StatutoryDay, &[&day.to_string()])
        );
        // The same rule as the Försenade queue.
        let near = d.received_on <= crate::domain::statutory_warning_cutoff(app.today);
        Span::styled(text, if near { theme.warning } else { theme.title })
    };
    let due_span = |due: Option<NaiveDate>| match due {
        Some(due) => {
            let text = format!("{} ({})", date(due), relative(lang, app.today, due));
            let style = if due < app.today {
                theme.warning
            } else {
                theme.title
            };
            Span::styled(text, style)
        }
        None => Span::raw(dash),
    };
    let lines = vec![
        Line::from(vec![label(T::LblOrganisation), Span::raw(org_text)]),
        Line::from(vec![
            label(T::LblCall),
            Span::raw(clean(&d.call.name)),
            Span::raw("  "),
            label(T::LblStep),
            Span::raw(format!(
                "{} {}",
                d.step.number(),
                i18n::step(d.step).text(lang)
            )),
        ]),
        Line::from(vec![
            label(T::LblState),
            Span::styled(i18n::state(d.state).text(lang), theme.title_focus),
            Span::raw("  "),
            label(T::LblAssignee),
            Span::raw(
                d.assignee
                    .as_deref()
                    .map(clean)
                    .unwrap_or_else(|| T::Unassigned.text(lang).into()),
            ),
        ]),
        {
            let next = app.next_action_of_case(d);
            let style = if next.urgent() {
                theme.warning
            } else {
                theme.title
            };
            let mut spans = vec![
                label(T::ColNext),
                Span::styled(i18n::next_action(lang, next), style),
            ];
            // Where this case sits in the list it was opened from (n and p move along it).
            if app.cases.selected_row().is_some_and(|r| r.id == d.id) {
                spans.push(Span::raw("  "));
                spans.push(Span::styled(
                    tr(
                        lang,
                        T::CasesPosition,
                        &[
                            &(app.cases.selected + 1).to_string(),
                            &app.cases.total.to_string(),
                        ],
                    ),
                    theme.muted,
                ));
            }
            Line::from(spans)
        },
        Line::from(vec![
            label(T::LblReceived),
            Span::raw(format!(
                "{} ({})",
                date(d.received_on),
                relative(lang, app.today, d.received_on)
            )),
            Span::raw("  "),
            label(T::LblStatutory),
            statutory,
        ]),
        Line::from(vec![
            label(T::LblHandling),
            Span::raw(handling_text(app, d)),
            Span::raw("  "),
            label(T::LblReformAreas),
            Span::raw(if d.reform_areas.is_empty() {
                dash.to_string()
            } else {
                d.reform_areas
                    .iter()
                    .map(|a| i18n::reform_area(*a).text(lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ]),
        Line::from(vec![
            label(T::LblSupplementDue),
            due_span(d.supplement_due_on),
            Span::raw("  "),
            label(T::LblReportDue),
            due_span(d.report_due_on),
        ]),
        Line::from(vec![
            label(T::LblRequested),
            // An intresseanmälan asks for no money.
            Span::raw(
                if d.requested.ore() == 0 && d.step == crate::domain::Step::Interest {
                    dash.to_string()
                } else {
                    d.requested.to_string()
                },
            ),
            Span::raw("  "),
            label(T::LblGranted),
            Span::raw(
                d.granted
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| dash.into()),
            ),
        ]),
    ];
    let title = fit(
        &format!(" {} · {} ", d.dnr, clean(&d.title)),
        area.width.saturating_sub(2) as usize,
    );
    let block = Block::bordered()
        .border_type(ratatui::widgets::BorderType::Thick)
        .border_style(theme.border_focus)
        .title(Span::styled(title, theme.title_focus));
    let room = usize::from(area.height.saturating_sub(2));
    if room >= lines.len() {
        frame.render_widget(Paragraph::new(lines).block(block), area);
        return;
    }
    // Collapsed: the title on the top border, no bottom border, and the lines that matter
    // most (next step, state and caseworker, the FL 12 § clock, the organisation, the
    // deadlines, the money), in their usual order.
    const PRIORITY: [usize; 8] = [3, 2, 4, 0, 6, 7, 1, 5];
    let room = usize::from(area.height.saturating_sub(1));
    let mut keep: Vec<usize> = PRIORITY.iter().copied().take(room).collect();
    keep.sort_unstable();
    let lines: Vec<Line<'_>> = lines
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, l)| l)
        .collect();
    let block = block.borders(ratatui::widgets::Borders::TOP);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The agency's own handling time: to the decision (or today), less komplettering periods.
fn handling_text(app: &App, d: &CaseDetail) -> String {
    use crate::domain::workflow::{handling_days, supplement_pauses};
    let decided_on = d
        .events
        .iter()
        .filter(|e| e.is(crate::domain::EventKind::StateChanged))
        .find(|e| {
            e.after
                .as_deref()
                .and_then(crate::domain::CaseState::from_code)
                .is_some_and(|s| s.is_decided())
        })
        .map(|e| e.at.date_naive());
    let end = decided_on.unwrap_or(app.today);
    let pauses = supplement_pauses(&d.events);
    let days = handling_days(d.received_on, end, &pauses);
    let total = (end - d.received_on).num_days().max(0);
    tr(
        app.lang,
        T::HandlingValue,
        &[&days.to_string(), &(total - days).to_string()],
    )
}

fn time(app: &App, t: DateTime<Utc>) -> String {
    t.with_timezone(&app.utc_offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn empty(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect, text: String) {
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.muted)
            .block(Block::bordered().border_style(theme.border))
            .wrap(Wrap { trim: true }),
        area,
    );
    let _ = app;
}

/// One tab's table: what it shows and which row is selected.
struct TabTable<'a> {
    title: String,
    header: &'a [T],
    widths: Vec<Constraint>,
    rows: Vec<Vec<Col>>,
    selected: usize,
}

fn table(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect, spec: TabTable<'_>) {
    let header =
        Row::new(spec.header.iter().map(|t| Cell::from(t.text(app.lang)))).style(theme.label);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            fit(&spec.title, area.width.saturating_sub(4) as usize),
            theme.title,
        ));
    let columns = super::column_widths(&spec.widths, block.inner(area).width, 2);
    let rows = spec
        .rows
        .into_iter()
        .map(|cols| super::fitted_row(cols, &columns));
    let table = Table::new(rows, spec.widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme.selection)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(spec.selected));
    frame.render_stateful_widget(table, area, &mut state);
}

fn checklist(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let d = &view.detail;
    let Some(tpl) = app.template_for(d) else {
        let text = match d.checklist_id.as_deref() {
            Some(id) => tr(lang, T::UnknownChecklist, &[id]),
            None => T::NoChecklist.text(lang).into(),
        };
        return empty(app, theme, frame, area, text);
    };
    let tpl = &tpl;
    let answer_of = |key: &str| d.answers.iter().find(|a| a.item_key == key);
    let answered = tpl
        .items
        .iter()
        .filter(|i| answer_of(&i.key).is_some())
        .count();
    let open_mandatory = tpl
        .items
        .iter()
        .filter(|i| i.mandatory && answer_of(&i.key).is_none())
        .count();
    let progress = tr(
        lang,
        T::ChecklistProgress,
        &[
            &answered.to_string(),
            &tpl.items.len().to_string(),
            &open_mandatory.to_string(),
        ],
    );
    let title_text = match (lang, &tpl.title_en) {
        (Lang::En, Some(t)) => t.as_str(),
        _ => tpl.title.as_str(),
    };
    // The progress first: it is what is cut last on a narrow screen.
    let title = format!(" {progress} · {title_text} ({}) ", tpl.version);
    let rows: Vec<Vec<Col>> = tpl
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let a = answer_of(&item.key);
            let question = match (lang, &item.question_en) {
                (Lang::En, Some(q)) => q.as_str(),
                _ => item.question.as_str(),
            };
            let mark = if item.mandatory { "*" } else { " " };
            let answer = i18n::answer(a.map(|a| a.answer)).text(lang);
            let answer_style = if a.is_none() && item.mandatory {
                theme.warning
            } else {
                theme.title
            };
            vec![
                Col::new(format!("{}{mark}", i + 1)),
                Col::new(clean(question)),
                Col::new(answer).styled(answer_style),
                Col::new(a.map(|a| one_line(&a.comment)).unwrap_or_default()),
            ]
        })
        .collect();
    // The selected item in full below the list: its question (cut in the list), rule,
    // guidance and comment, as many lines as they need while the list keeps 8 rows.
    let detail = tpl.items.get(view.row).map(|item| {
        let guidance = match (lang, &item.guidance_en) {
            (Lang::En, Some(g)) => g.as_str(),
            _ => item.guidance.as_str(),
        };
        let question = match (lang, &item.question_en) {
            (Lang::En, Some(q)) => q.as_str(),
            _ => item.question.as_str(),
        };
        let mandatory = if item.mandatory {
            format!(" · {}", T::LblMandatory.text(lang))
        } else {
            String::new()
        };
        let mut parts = vec![
            (format!("{}. ", view.row + 1), clean(question)),
            (
                format!("{}: ", T::LblRule.text(lang)),
                format!("{}{mandatory}", clean(&item.rule)),
            ),
            (format!("{}: ", T::LblGuidance.text(lang)), clean(guidance)),
        ];
        if let Some(a) = answer_of(&item.key).filter(|a| !a.comment.is_empty()) {
            parts.push((
                format!("{}: ", T::ColComment.text(lang)),
                one_line(&a.comment),
            ));
        }
        parts
    });
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let needed: usize = detail
        .iter()
        .flatten()
        .map(|(l, t)| super::wrap::wrap(&format!("{l}{t}"), width).len())
        .sum();
    let room = area.height.saturating_sub(11).max(3);
    let detail_height = u16::try_from(needed + 2).unwrap_or(u16::MAX).clamp(3, room);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(area);
    table(
        app,
        theme,
        frame,
        list_area,
        TabTable {
            title,
            header: &[T::ColNo, T::ColQuestion, T::ColAnswer, T::ColComment],
            widths: vec![
                Constraint::Length(3),
                Constraint::Fill(3),
                Constraint::Length(12),
                Constraint::Fill(2),
            ],
            rows,
            selected: view.row,
        },
    );
    if let Some(parts) = detail {
        // Wrapped here, as counted above, so the pane is exactly as high as its text.
        let mut lines: Vec<Line<'_>> = Vec::new();
        for (label, text) in parts {
            for (i, l) in super::wrap::wrap(&format!("{label}{text}"), width)
                .into_iter()
                .enumerate()
            {
                lines.push(match l.strip_prefix(label.as_str()) {
                    Some(rest) if i == 0 => Line::from(vec![
                        Span::styled(label.clone(), theme.label),
                        Span::raw(rest.to_string()),
                    ]),
                    _ => Line::from(l),
                });
            }
        }
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().border_style(theme.border)),
            detail_area,
        );
    }
}

fn documents(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let d = &view.detail;
    if d.documents.is_empty() {
        return empty(app, theme, frame, area, T::EmptyTab.text(lang).into());
    }
    let rows = d
        .documents
        .iter()
        .map(|doc| {
            vec![
                Col::new(d.dnr.with_sub(doc.sub_no)),
                Col::new(date(doc.date)),
                Col::new(i18n::direction(doc.direction).text(lang)),
                Col::new(one_line(&doc.counterpart)),
                Col::new(one_line(&doc.description)),
                Col::new(clean(&doc.registered_by)),
            ]
        })
        .collect();
    table(
        app,
        theme,
        frame,
        area,
        TabTable {
            title: format!(" {} ({}) ", T::TabDocuments.text(lang), d.documents.len()),
            header: &[
                T::ColSubNo,
                T::ColDate,
                T::ColDirection,
                T::ColCounterpart,
                T::ColDescription,
                T::ColBy,
            ],
            widths: vec![
                Constraint::Length(19),
                Constraint::Length(10),
                Constraint::Length(5),
                Constraint::Fill(2),
                Constraint::Fill(3),
                Constraint::Length(15),
            ],
            rows,
            selected: view.row,
        },
    );
}

fn notes(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let d = &view.detail;
    if d.notes.is_empty() {
        return empty(app, theme, frame, area, T::EmptyTab.text(lang).into());
    }
    // Notes are prose: shown whole and wrapped, from the selected one on.
    let mut lines = Vec::new();
    for (i, n) in d.notes.iter().enumerate().skip(view.row) {
        let head_style = if i == view.row {
            theme.selection
        } else {
            theme.label
        };
        lines.push(Line::from(Span::styled(
            format!("{} · {}", time(app, n.created_at), clean(&n.author)),
            head_style,
        )));
        lines.extend(n.body.lines().map(|l| Line::from(clean(l))));
        lines.push(Line::from(""));
    }
    let title = format!(" {} ({}) ", T::TabNotes.text(lang), d.notes.len());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(theme.border).title(title)),
        area,
    );
}

fn decisions(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let d = &view.detail;
    if d.decisions.is_empty() {
        return empty(app, theme, frame, area, T::EmptyTab.text(lang).into());
    }
    let dash = T::Dash.text(lang);
    let rows = d
        .decisions
        .iter()
        .map(|x| {
            vec![
                Col::new(date(x.decided_on)),
                Col::new(i18n::decision_kind(x.kind).text(lang)),
                Col::new(i18n::outcome(x.outcome).text(lang)),
                Col::new(
                    x.amount
                        .map(|a| a.to_string())
                        .unwrap_or_else(|| dash.into()),
                )
                .right(),
                Col::new(
                    x.presenter
                        .as_deref()
                        .map(clean)
                        .unwrap_or_else(|| dash.into()),
                ),
                Col::new(
                    x.decider
                        .as_deref()
                        .map(clean)
                        .unwrap_or_else(|| dash.into()),
                ),
            ]
        })
        .collect();
    // A multi-year decision (issue 6) gets one more line for its amounts per year.
    let years_line = d
        .decisions
        .get(view.row)
        .is_some_and(|x| !x.years.is_empty());
    let detail_height = if years_line { 6 } else { 5 };
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(area);
    table(
        app,
        theme,
        frame,
        list_area,
        TabTable {
            title: format!(" {} ({}) ", T::TabDecisions.text(lang), d.decisions.len()),
            header: &[
                T::ColDate,
                T::ColKind,
                T::ColOutcome,
                T::ColAmount,
                T::ColPresenter,
                T::ColDecider,
            ],
            widths: vec![
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Length(16),
                Constraint::Length(14),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
            rows,
            selected: view.row,
        },
    );
    if let Some(x) = d.decisions.get(view.row) {
        let label = |t: T| Span::styled(format!("{}: ", t.text(lang)), theme.label);
        let dash = T::Dash.text(lang).to_string();
        let mut lines = vec![Line::from(vec![
            label(T::LblMotivation),
            Span::raw(one_line(&x.motivation)),
        ])];
        let mut facts = Vec::new();
        if let Some((from, to)) = x.period {
            facts.extend([
                label(T::LblPeriod),
                Span::raw(format!("{} – {}  ", date(from), date(to))),
            ]);
        }
        if let Some(due) = x.report_due_on {
            facts.extend([
                label(T::LblReportDue),
                Span::raw(format!("{}  ", date(due))),
            ]);
        }
        if !x.rules.is_empty() {
            facts.extend([label(T::FldRules), Span::raw(clean(&x.rules))]);
        }
        if !facts.is_empty() {
            lines.push(Line::from(facts));
        }
        if !x.years.is_empty() {
            let later = T::MyLater.text(lang);
            let years = x
                .years
                .iter()
                .enumerate()
                .map(|(i, y)| {
                    let tag = if i > 0 {
                        format!(" ({later})")
                    } else {
                        String::new()
                    };
                    format!("{}: {}{tag}", y.year, y.amount)
                })
                .collect::<Vec<_>>()
                .join(" · ");
            lines.push(Line::from(vec![label(T::MyLblYears), Span::raw(years)]));
        }
        if x.kind == crate::domain::DecisionKind::Decision {
            let sent = x.sent_on.map_or(dash, date);
            let mut parts = vec![
                label(T::LblSent),
                Span::raw(format!("{sent}  ")),
                label(T::FldAppeal),
                Span::raw(one_line(&x.appeal_text)),
            ];
            if let Some(old) = x.supersedes {
                parts.push(Span::raw(format!(
                    "  · {}",
                    tr(lang, T::LblChanges, &[&date(old)])
                )));
            }
            lines.push(Line::from(parts));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_style(theme.border)),
            detail_area,
        );
    }
}

fn history(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let d = &view.detail;
    if d.events.is_empty() {
        return empty(app, theme, frame, area, T::EmptyTab.text(lang).into());
    }
    let ctx = super::history::Context::for_case(
        d,
        &app.users,
        app.checklists.iter().map(|c| &c.template),
        &app.orgs.items,
    );
    let described: Vec<_> = d
        .events
        .iter()
        .map(|e| super::history::describe(lang, e, &ctx))
        .collect();
    // The selected event in full, wrapped, below the list (when there is room for both): a long
    // comment or note is not cut.
    let detail_height = if area.height >= 14 { 4 } else { 0 };
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)]).areas(area);
    const TIME: u16 = 16;
    const BY: u16 = 15;
    // Borders, the selection marker, time, user and the spaces between the columns.
    let width = usize::from(list_area.width.saturating_sub(2 + 2 + TIME + BY + 2));
    let rows = d
        .events
        .iter()
        .zip(&described)
        .map(|(e, text)| {
            vec![
                Col::new(time(app, e.at)),
                Col::new(clean(&e.user)),
                Col::new(text.fit(width)),
            ]
        })
        .collect();
    table(
        app,
        theme,
        frame,
        list_area,
        TabTable {
            title: format!(" {} ({}) ", T::TabHistory.text(lang), d.events.len()),
            header: &[T::ColTime, T::ColBy, T::ColEvent],
            widths: vec![
                Constraint::Length(TIME),
                Constraint::Length(BY),
                Constraint::Fill(1),
            ],
            rows,
            selected: view.row,
        },
    );
    if let Some(text) = described.get(view.row).filter(|_| detail_height > 0) {
        frame.render_widget(
            Paragraph::new(text.text())
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_style(theme.border)),
            detail_area,
        );
    }
}

/// Several lines of stored text on one line, safe to draw.
fn one_line(s: &str) -> String {
    clean(&s.lines().map(str::trim).collect::<Vec<_>>().join(" / "))
}
