//! Named styles. The default uses the 16 ANSI colours; the mono theme (NO_COLOR) carries every
//! meaning with modifiers and symbols only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub title_focus: Style,
    pub selection: Style,
    pub selection_unfocused: Style,
    pub header: Style,
    pub muted: Style,
    pub label: Style,
    pub warning: Style,
    pub error: Style,
    pub key: Style,
    pub tab_active: Style,
}

impl Theme {
    pub fn color() -> Self {
        Self {
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title: Style::new(),
            title_focus: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selection: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
            selection_unfocused: Style::new().add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            muted: Style::new().fg(Color::DarkGray),
            label: Style::new().fg(Color::Cyan),
            warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab_active: Style::new()
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Self {
        let plain = Style::new();
        Self {
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            title: plain,
            title_focus: plain.add_modifier(Modifier::BOLD),
            selection: plain
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
            selection_unfocused: plain.add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::REVERSED),
            muted: plain,
            label: plain.add_modifier(Modifier::BOLD),
            warning: plain.add_modifier(Modifier::BOLD),
            error: plain
                .add_modifier(Modifier::BOLD)
                .add_modifier(Modifier::UNDERLINED),
            key: plain.add_modifier(Modifier::BOLD),
            tab_active: plain
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// The mono theme when `NO_COLOR` is set and not empty (no-color.org).
    pub fn from_no_color(no_color: Option<&str>) -> Self {
        match no_color {
            Some(v) if !v.is_empty() => Self::mono(),
            _ => Self::color(),
        }
    }
}
