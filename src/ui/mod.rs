//! Rendering: reads the app state and draws it. No queries, no state changes.

mod case;
mod help;
mod home;
mod modal;
pub mod theme;

pub use theme::Theme;

use crate::app::{App, Context, Screen};
use crate::i18n::{T, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Below this size the screen shows one line saying what is needed.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = tr(
            app.lang,
            T::TooSmall,
            &[
                &MIN_WIDTH.to_string(),
                &MIN_HEIGHT.to_string(),
                &area.width.to_string(),
                &area.height.to_string(),
            ],
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, theme, frame, header);
    match (app.screen, app.case_view.as_ref()) {
        (Screen::Case, Some(view)) => case::render(app, view, theme, frame, body),
        _ => home::render(app, theme, frame, body),
    }
    render_status(app, theme, frame, status);
    render_hints(app, theme, frame, hints);
    if let Some(m) = &app.modal {
        modal::render(app, m, theme, frame, area);
    }
    if let Some(scroll) = app.help {
        help::render(app, scroll, theme, frame, area);
    }
}

fn render_header(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let roles = app
        .user
        .roles
        .iter()
        .map(|r| crate::i18n::role(*r).text(app.lang))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        " bidrag · {} · {}: {} ({}) · {}",
        app.db_label,
        T::LblUser.text(app.lang),
        app.user.name,
        roles,
        app.today.format("%Y-%m-%d")
    );
    let text = if app.read_only {
        format!(" {} ·{text}", T::ReadOnlyBanner.text(app.lang))
    } else {
        text
    };
    let style = if app.read_only {
        theme.warning
    } else {
        theme.header
    };
    frame.render_widget(
        Paragraph::new(fit(&text, area.width as usize)).style(style),
        area,
    );
}

fn render_status(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    if let Some(status) = &app.status {
        let style = if status.error {
            theme.error
        } else {
            theme.muted
        };
        frame.render_widget(
            Paragraph::new(fit(&format!(" {}", status.text), area.width as usize)).style(style),
            area,
        );
    }
}

/// The hint bar: the bindings marked `hint` in the contexts that are active now.
fn render_hints(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    let mut width = 1;
    for context in app.layers() {
        for b in app
            .keymap
            .bindings(context)
            .iter()
            .filter(|b| b.hint && app.offers(b.action))
        {
            let Some(key) = b.keys.first() else { continue };
            let key = key.to_string();
            let desc = b.action.describe().text(app.lang);
            let needed = key.width() + desc.width() + 3;
            if width + needed > area.width as usize {
                break;
            }
            width += needed;
            spans.push(Span::styled(key, theme.key));
            spans.push(Span::raw(format!(" {desc}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A bordered pane whose focus shows without colour: thick border, marker and bold title.
pub(crate) fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let (marker, border_type, border, title_style) = if focused {
        (
            "▶ ",
            BorderType::Thick,
            theme.border_focus,
            theme.title_focus,
        )
    } else {
        ("", BorderType::Plain, theme.border, theme.title)
    };
    Block::bordered()
        .border_type(border_type)
        .border_style(border)
        .title(Span::styled(format!(" {marker}{title} "), title_style))
}

/// Cuts `s` to `width` display columns, ending with "…" when something was cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = ch.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

pub use crate::domain::text::clean;

pub(crate) fn context_label(context: Context) -> T {
    match context {
        Context::Global => T::CtxGlobal,
        Context::Home => T::CtxHome,
        Context::Case => T::CtxCase,
        Context::Help => T::CtxHelp,
        Context::Form => T::CtxForm,
        Context::Editor => T::CtxEditor,
        Context::Menu => T::CtxMenu,
        Context::Picker => T::CtxPicker,
        Context::Round => T::CtxRound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width() {
        assert_eq!(fit("Malmö", 10), "Malmö");
        assert_eq!(fit("Göteborgs Stad", 6), "Göteb…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
    }

    #[test]
    fn clean_neutralises_escapes() {
        assert_eq!(clean("a\u{1b}[2Jb\n"), "a�[2Jb�");
    }
}
