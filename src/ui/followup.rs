//! The Uppföljning tab (issue 6): the grant's money line, then one table of the payment plan,
//! the reports and the återkrav.

use super::{Theme, fit};
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
    let [top, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let over = f
        .reported_used()
        .is_some_and(|u| crate::domain::followup::unused(granted, u).over_used.ore() > 0);
    frame.render_widget(
        Paragraph::new(fit(&format!(" {summary}"), top.width as usize)).style(if over {
            theme.warning
        } else {
            theme.label
        }),
        top,
    );
    let dash = T::Dash.text(lang);
    let date = |x: chrono::NaiveDate| x.format("%Y-%m-%d").to_string();
    let table_rows: Vec<Row<'_>> = rows
        .iter()
        .map(|row| {
            let (what, when, amount, status, warn) = match *row {
                FollowupRow::Instalment(i) => {
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
                        unused_line(lang, granted, r.used())
                    } else {
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
            let style = if warn {
                theme.warning
            } else {
                ratatui::style::Style::default()
            };
            Row::new(vec![
                Cell::from(what),
                Cell::from(when),
                Cell::from(amount),
                Cell::from(status),
            ])
            .style(style)
        })
        .collect();
    let header = Row::new(
        [T::FuColWhat, T::FuColDate, T::FuColAmount, T::FuColStatus]
            .iter()
            .map(|t| Cell::from(t.text(lang))),
    )
    .style(theme.label);
    let title = format!(" {} ({}) ", T::FuTab.text(lang), rows.len());
    let table = Table::new(
        table_rows,
        [
            Constraint::Fill(3),
            Constraint::Length(10),
            Constraint::Fill(4),
            Constraint::Fill(4),
        ],
    )
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
