//! The Uppföljning tab (issue 6): the grant's money line, then one table of the payment plan,
//! the reports and the återkrav.

use super::{Col, Theme, fit};
use crate::app::followup::{
    FollowupRow, followup_rows, ground, recovery_status_text, report_kind, review_outcome,
};
use crate::app::{App, CaseView};
use crate::domain::Money;
use crate::i18n::{T, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

pub(super) fn render(app: &App, view: &CaseView, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let lang = app.lang;
    let d = &view.detail;
    let f = &d.followup;
    let rows = followup_rows(f);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(T::FuEmpty.text(lang))
                .style(theme.muted)
                .block(Block::bordered().border_style(theme.border))
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let granted = d.granted.unwrap_or_default();
    // Only a decided återkrav is owed; one still communicated is not yet to pay (issue 19).
    let owed = Money(
        f.recoveries
            .iter()
            .filter(|r| r.decision.is_some())
            .map(|r| r.remaining().ore())
            .sum(),
    );
    let mut summary = tr(
        lang,
        T::FuSummary,
        &[
            &granted.to_string(),
            &f.paid().to_string(),
            &owed.to_string(),
        ],
    );
    if let Some(used) = f.reported_used() {
        summary = format!("{summary} · {}", unused_line(lang, granted, used));
    }
    // The summary wraps between its parts rather than cut an amount (issue 19).
    let summary_lines = super::wrap::wrap(&summary, area.width.saturating_sub(1) as usize);
    let height = u16::try_from(summary_lines.len()).unwrap_or(1).min(3);
    let [top, rest] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(1)]).areas(area);
    let over = f
        .reported_used()
        .is_some_and(|u| crate::domain::followup::unused(granted, u).over_used.ore() > 0);
    let lines: Vec<ratatui::text::Line<'_>> = summary_lines
        .iter()
        .map(|l| ratatui::text::Line::from(fit(&format!(" {l}"), top.width as usize)))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).style(if over { theme.warning } else { theme.label }),
        top,
    );
    let dash = T::Dash.text(lang);
    let date = |x: chrono::NaiveDate| x.format("%Y-%m-%d").to_string();
    // A report's amount cell, in full and as short as it gets (the summary line above says
    // what is left unused).
    let mut short_amounts: Vec<Option<String>> = Vec::new();
    let mut cells: Vec<(Vec<Col>, bool)> = rows
        .iter()
        .map(|row| {
            let (what, when, amount, status, warn) = match *row {
                FollowupRow::Instalment(i) => {
                    short_amounts.push(None);
                    let x = &f.instalments[i];
                    let status = match (x.paid_on, x.paid_amount) {
                        (Some(on), Some(a)) => tr(lang, T::FuPaid, &[&date(on), &a.to_string()]),
                        _ if crate::domain::followup::waits_for_report(x, &f.reports) => {
                            T::FuNeedsReport.text(lang).to_string()
                        }
                        _ => T::FuUnpaid.text(lang).to_string(),
                    };
                    (
                        tr(lang, T::FuInstalmentNo, &[&x.no.to_string()]),
                        date(x.due_on),
                        x.amount.to_string(),
                        status,
                        false,
                    )
                }
                FollowupRow::Report(i) => {
                    let r = &f.reports[i];
                    let overdue = r.overdue(app.today);
                    let status = match (&r.review, r.received_on) {
                        (Some(rev), _) => tr(
                            lang,
                            T::FuReviewed,
                            &[
                                &date(rev.reviewed_on),
                                review_outcome(rev.outcome).text(lang),
                            ],
                        ),
                        (None, Some(on)) => tr(lang, T::FuReceived, &[&date(on)]),
                        (None, None) if overdue => T::FuOverdue.text(lang).to_string(),
                        (None, None) => T::FuExpected.text(lang).to_string(),
                    };
                    let amount = if r.received_on.is_some() {
                        short_amounts.push(Some(tr(lang, T::FuUsedOnly, &[&r.used().to_string()])));
                        unused_line(lang, granted, r.used())
                    } else {
                        short_amounts.push(None);
                        dash.to_string()
                    };
                    (
                        report_kind(r.kind).text(lang).to_string(),
                        date(r.due_on),
                        amount,
                        status,
                        overdue,
                    )
                }
                FollowupRow::Recovery(i) => {
                    short_amounts.push(None);
                    let r = &f.recoveries[i];
                    (
                        tr(lang, T::FuRecoveryRow, &[ground(r.ground).text(lang)]),
                        date(r.communicated_on),
                        r.claimed.to_string(),
                        recovery_status_text(app, r),
                        false,
                    )
                }
            };
            (
                vec![
                    Col::new(what),
                    Col::new(when),
                    Col::new(amount),
                    Col::new(status),
                ],
                warn,
            )
        })
        .collect();
    // Dates, amounts and statuses are shown whole; what the row is gets cut, with "…".
    let headings = [T::FuColWhat, T::FuColDate, T::FuColAmount, T::FuColStatus];
    let texts: Vec<&str> = headings.iter().map(|t| t.text(lang)).collect();
    let inner = usize::from(rest.width.saturating_sub(4));
    let fitted = |cells: &[(Vec<Col>, bool)]| {
        let all: Vec<&Vec<Col>> = cells.iter().map(|(c, _)| c).collect();
        super::fit_columns(&all, &texts, inner, 0, &[3])
    };
    let mut columns = fitted(&cells);
    if columns[0] < 12 {
        for ((c, _), short) in cells.iter_mut().zip(short_amounts) {
            if let Some(short) = short {
                c[2] = Col::new(short);
            }
        }
        columns = fitted(&cells);
    }
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX)))
        .collect();
    let table_rows: Vec<Row<'_>> = cells
        .into_iter()
        .map(|(c, warn)| {
            let style = if warn {
                theme.warning
            } else {
                ratatui::style::Style::default()
            };
            super::fitted_row(c, &columns).style(style)
        })
        .collect();
    let header = Row::new(texts.iter().map(|t| Cell::from(*t))).style(theme.label);
    let title = format!(" {} ({}) ", T::FuTab.text(lang), rows.len());
    let table = Table::new(table_rows, widths)
        .header(header)
        .block(
            Block::bordered()
                .border_style(theme.border)
                .title(Span::styled(
                    fit(&title, rest.width.saturating_sub(4) as usize),
                    theme.title,
                )),
        )
        .row_highlight_style(theme.selection)
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(view.row));
    frame.render_stateful_widget(table, rest, &mut state);
}

/// "Använt 600 000 kr · outnyttjat 400 000 kr", or the over-use flagged.
pub(super) fn unused_line(lang: crate::i18n::Lang, granted: Money, used: Money) -> String {
    let u = crate::domain::followup::unused(granted, used);
    if u.over_used.ore() > 0 {
        tr(
            lang,
            T::FuOverUsed,
            &[&used.to_string(), &u.over_used.to_string()],
        )
    } else {
        tr(
            lang,
            T::FuUnusedLine,
            &[&used.to_string(), &u.unused.to_string()],
        )
    }
}
