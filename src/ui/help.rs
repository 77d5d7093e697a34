//! The help overlay, generated from the same keymap that drives the hint bar.

use super::{Theme, context_label};
use crate::app::{App, Context, Screen};
use crate::i18n::T;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// The column where a binding's description starts.
const KEYS: usize = 24;

/// The help text as lines of at most `width` columns: the current screen's keys first, then
/// global, then the rest. A long description wraps under itself, between words.
pub fn help_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let screen = match app.screen {
        Screen::Home => Context::Home,
        Screen::Case => Context::Case,
    };
    let mut order = vec![screen, Context::Global];
    for c in Context::ALL {
        if !order.contains(&c) {
            order.push(c);
        }
    }
    // What is typed narrows the help to the bindings whose keys, action or description match.
    let wanted = app
        .help_filter
        .as_deref()
        .map(str::to_lowercase)
        .filter(|w| !w.trim().is_empty());
    let mut lines = Vec::new();
    if let Some(w) = &wanted {
        lines.push(Line::from(Span::styled(format!("/{w}"), theme.key)));
        lines.push(Line::from(""));
    }
    for context in order {
        let bindings: Vec<_> = app
            .keymap
            .bindings(context)
            .iter()
            .filter(|b| {
                wanted.as_ref().is_none_or(|w| {
                    let keys = b.keys.iter().map(ToString::to_string).collect::<String>();
                    b.action
                        .describe()
                        .text(app.lang)
                        .to_lowercase()
                        .contains(w.as_str())
                        || b.action.name().contains(w.as_str())
                        || keys.to_lowercase().contains(w.as_str())
                })
            })
            .collect();
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(
            context_label(context).text(app.lang).to_string(),
            theme.title_focus,
        )));
        for b in bindings {
            let keys = b
                .keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let text = b.action.describe().text(app.lang);
            let wrapped = super::wrap::wrap(text, width.saturating_sub(KEYS).max(12));
            for (i, part) in wrapped.into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("  {keys:<w$}", w = KEYS - 2)
                } else {
                    " ".repeat(KEYS)
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, theme.key),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::from(""));
    }
    for part in super::wrap::wrap(T::AlwaysQuit.text(app.lang), width) {
        lines.push(Line::from(part));
    }
    lines
}

pub(super) fn render(app: &App, scroll: usize, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let width = area.width.saturating_sub(4).min(64);
    let height = area.height.saturating_sub(2);
    let popup = Rect {
        x: area.x + (area.width.saturating_sub(width)) / 2,
        y: area.y + 1,
        width,
        height,
    };
    let lines = help_lines(app, theme, usize::from(width.saturating_sub(2)));
    let visible = height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(visible);
    let scroll = scroll.min(max_scroll) as u16;
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focus)
        .title(Span::styled(
            format!(" {} ", T::HelpTitle.text(app.lang)),
            theme.title_focus,
        ))
        .title_bottom(Line::from(format!(" {} ", T::HelpFooter.text(app.lang))).right_aligned());
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
