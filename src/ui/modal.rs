//! Drawing the dialogs: forms, the text editor, the state menu and the searchable picker.

use super::{Theme, clean, fit};
use crate::app::App;
use crate::app::modal::{Editor, Form, Menu, Modal, Picker, Preview, PreviewAction, Round};
use crate::i18n::{self, T};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

/// A centred box of at most `width` × `height` inside `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width.saturating_sub(2)).max(1);
    let h = height.min(area.height.saturating_sub(2)).max(1);
    Rect {
        x: area.x + area.width.saturating_sub(w) / 2,
        y: area.y + area.height.saturating_sub(h) / 2,
        width: w,
        height: h,
    }
}

fn frame_block<'a>(title: &str, footer: T, app: &App, theme: &Theme, width: u16) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(
                &format!(" {} ", clean(title)),
                width.saturating_sub(4) as usize,
            ),
            theme.title_focus,
        ))
        .title_bottom(Line::from(format!(" {} ", footer.text(app.lang))).right_aligned())
}

fn draw_input(
    input: &TextArea<'static>,
    label: String,
    focused: bool,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let mut ta = input.clone();
    let (border, style) = if focused {
        (BorderType::Thick, theme.border_focus)
    } else {
        (BorderType::Plain, theme.border)
    };
    let marker = if focused { "▶ " } else { "" };
    ta.set_block(
        Block::bordered()
            .border_type(border)
            .border_style(style)
            .title(format!(" {marker}{label} ")),
    );
    ta.set_cursor_line_style(ratatui::style::Style::new());
    let cursor = if focused {
        ratatui::style::Style::new().add_modifier(Modifier::REVERSED)
    } else {
        ratatui::style::Style::new()
    };
    ta.set_cursor_style(cursor);
    ta.set_wrap_mode(ratatui_textarea::WrapMode::Word);
    frame.render_widget(&ta, area);
}

pub(super) fn render(app: &App, modal: &Modal, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    match modal {
        Modal::Form(f) => form(app, f, theme, frame, area),
        Modal::Editor(e) => editor(app, e, theme, frame, area),
        Modal::Menu(m) => menu(app, m, theme, frame, area),
        Modal::Picker(p) => picker(app, p, theme, frame, area),
        Modal::Round(r) => round(app, r, theme, frame, area),
        Modal::Preview(p) => preview(app, p, theme, frame, area),
    }
}

fn form(app: &App, f: &Form, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let heights: Vec<u16> = f
        .fields
        .iter()
        .map(|x| if x.multiline { 6 } else { 3 })
        .collect();
    let info_height = f.info.len() as u16;
    let height = heights.iter().sum::<u16>() + 4 + info_height;
    let popup = centred(area, 76, height);
    let block = frame_block(&f.title, T::FormFooter, app, theme, popup.width);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [info_area, inner] =
        Layout::vertical([Constraint::Length(info_height), Constraint::Min(0)]).areas(inner);
    let lines: Vec<Line<'_>> = f.info.iter().map(|l| Line::from(clean(l))).collect();
    frame.render_widget(Paragraph::new(lines).style(theme.label), info_area);
    let mut constraints: Vec<Constraint> = heights.iter().map(|h| Constraint::Length(*h)).collect();
    constraints.push(Constraint::Length(2));
    let rows = Layout::vertical(constraints).split(inner);
    for (i, field) in f.fields.iter().enumerate() {
        let label = field.label.text(app.lang).to_string();
        draw_input(&field.input, label, i == f.focus, theme, frame, rows[i]);
    }
    if let (Some((_, message)), Some(last)) = (&f.error, rows.last()) {
        frame.render_widget(
            Paragraph::new(message.as_str())
                .style(theme.error)
                .wrap(Wrap { trim: true }),
            *last,
        );
    }
}

fn editor(app: &App, e: &Editor, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let popup = centred(area, 76, 14);
    let block = frame_block(&e.title, T::EditorFooter, app, theme, popup.width);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let about_height = if e.about.is_empty() { 0 } else { 2 };
    let [about, text, message] = Layout::vertical([
        Constraint::Length(about_height),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(clean(&e.about))
            .style(theme.label)
            .wrap(Wrap { trim: true }),
        about,
    );
    let label = e.label.text(app.lang).to_string();
    draw_input(&e.input, label, true, theme, frame, text);
    if let Some(err) = &e.error {
        frame.render_widget(Paragraph::new(err.as_str()).style(theme.error), message);
    }
}

fn menu(app: &App, m: &Menu, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let popup = centred(area, 48, m.items.len() as u16 + 2);
    let block = frame_block(&m.title, T::PickerFooter, app, theme, popup.width);
    frame.render_widget(Clear, popup);
    let items = m
        .items
        .iter()
        .map(|t| ListItem::new(i18n::transition(*t).text(app.lang)));
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selection)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(m.selected));
    frame.render_stateful_widget(list, popup, &mut state);
}

fn picker(app: &App, p: &Picker, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let popup = centred(area, 72, area.height.saturating_sub(4).max(8));
    let block = frame_block(&p.title, T::PickerFooter, app, theme, popup.width);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [query, list_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(inner);
    draw_input(&p.query, "/".to_string(), true, theme, frame, query);
    if p.matches.is_empty() {
        frame.render_widget(
            Paragraph::new(T::NoMatches.text(app.lang)).style(theme.muted),
            list_area,
        );
        return;
    }
    let width = list_area.width.saturating_sub(2) as usize;
    let items = p
        .matches
        .iter()
        .filter_map(|&i| p.items.get(i))
        .map(|(_, label)| ListItem::new(fit(&clean(label), width)));
    let list = List::new(items)
        .highlight_style(theme.selection)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(p.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}

fn round(app: &App, r: &Round, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let popup = centred(area, 96, area.height.saturating_sub(2).max(8));
    let title = crate::i18n::tr(app.lang, T::TitleRound, &[&app.today.to_string()]);
    let block = frame_block(&title, T::EditorFooter, app, theme, popup.width);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [summary, list_area, warning] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let decided: Vec<_> = r.items.iter().filter(|i| i.skipped.is_none()).collect();
    let total: i64 = decided
        .iter()
        .filter_map(|i| i.amount)
        .map(|a| a.ore())
        .sum();
    let line = crate::i18n::tr(
        app.lang,
        T::RoundSummary,
        &[
            &decided.len().to_string(),
            &(r.items.len() - decided.len()).to_string(),
            &crate::domain::Money(total).to_string(),
        ],
    );
    frame.render_widget(Paragraph::new(line).style(theme.label), summary);
    let width = list_area.width.saturating_sub(2) as usize;
    let items = r.items.iter().map(|i| {
        let text = match &i.skipped {
            None => format!("✓ {}", clean(&i.label)),
            Some(why) => format!(
                "– {} ({})",
                clean(&i.label),
                crate::i18n::tr(app.lang, T::RoundSkipped, &[why])
            ),
        };
        ListItem::new(fit(&text, width))
    });
    let list = List::new(items)
        .highlight_style(theme.selection)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(r.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    if let Some(w) = &r.warning {
        frame.render_widget(
            Paragraph::new(w.as_str())
                .style(theme.error)
                .wrap(Wrap { trim: true }),
            warning,
        );
    }
}

fn preview(app: &App, p: &Preview, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let popup = centred(area, 100, area.height.saturating_sub(2).max(8));
    let footer = match p.action {
        PreviewAction::Import { .. } | PreviewAction::Batch { .. } => T::EditorFooter,
        PreviewAction::None => T::PreviewFooter,
    };
    let block = frame_block(&p.title, footer, app, theme, popup.width);
    frame.render_widget(Clear, popup);
    let lines: Vec<Line<'_>> = p.lines.iter().map(|l| Line::from(clean(l))).collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(p.scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
}
