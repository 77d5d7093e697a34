//! Rendering: reads the app state and draws it. No queries, no state changes.

pub mod admin;
mod case;
mod followup;
mod help;
pub mod history;
mod home;
mod modal;
pub use modal::info_text;
pub mod preview;
pub mod theme;
pub mod wrap;

pub use theme::Theme;

use crate::app::{App, Context, Screen};
use crate::i18n::{T, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

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
    // A form under the picker of one of its choices stays in view.
    for m in app.stacked.iter().chain(app.modal.as_ref()) {
        modal::render(app, m, theme, frame, area);
    }
    if let Some(scroll) = app.help {
        help::render(app, scroll, theme, frame, area);
    }
}

/// What a mouse click at (`x`, `y`) on a screen of `size` points at on the home screen: the
/// pane, and the list row under it (a position in that pane's list, as it was drawn).
pub fn hit(app: &App, size: Rect, x: u16, y: u16) -> Option<(crate::app::Pane, Option<usize>)> {
    use crate::app::Pane;
    if app.screen != Screen::Home
        || app.modal.is_some()
        || app.help.is_some()
        || size.width < MIN_WIDTH
        || size.height < MIN_HEIGHT
    {
        return None;
    }
    let body = Rect {
        x: size.x,
        y: size.y + 1,
        width: size.width,
        height: size.height.saturating_sub(3),
    };
    let a = home::areas(app, body);
    let inside = |r: Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    let (pane, rect, first_row, offset) = [
        (
            Pane::Calls,
            a.calls,
            1,
            list_offset(app.calls.selected, a.calls),
        ),
        (
            Pane::Orgs,
            a.orgs,
            1,
            list_offset(app.orgs.selected, a.orgs),
        ),
        (
            Pane::Queues,
            a.queues,
            1,
            list_offset(app.queues.selected, a.queues),
        ),
        // The case table has a header row, and a banner line above it when there is one
        // (and room for it, as the renderer decides).
        (
            Pane::Cases,
            a.cases,
            cases_first_row(app, a.cases),
            cases_offset(app, a.cases),
        ),
    ]
    .into_iter()
    .find(|(_, r, _, _)| inside(*r))?;
    let row = (y >= rect.y + first_row && y + 1 < rect.y + rect.height)
        .then(|| offset + usize::from(y - rect.y - first_row));
    Some((pane, row))
}

fn cases_first_row(app: &App, area: Rect) -> u16 {
    let banner = home::banner(app).is_some() && area.height.saturating_sub(2) > 2;
    2 + u16::from(banner)
}

fn cases_offset(app: &App, area: Rect) -> usize {
    let visible = area
        .height
        .saturating_sub(1 + cases_first_row(app, area))
        .max(1);
    let relative = app.cases.selected.saturating_sub(app.cases.offset);
    app.cases.offset + relative.saturating_sub(usize::from(visible) - 1)
}

/// The first visible item of a bordered list with `selected` kept in view (as ratatui does
/// when the list starts at the top).
fn list_offset(selected: usize, area: Rect) -> usize {
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    selected.saturating_sub(visible - 1)
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
    // Long work under way takes the line: what it is, how far, and that Esc cancels it.
    if let Some(work) = &app.work {
        let text = work_line(app.lang, work);
        frame.render_widget(
            Paragraph::new(fit(&format!(" {text}"), area.width as usize)).style(theme.title_focus),
            area,
        );
        return;
    }
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

/// The progress line of long work.
pub fn work_line(lang: crate::i18n::Lang, work: &crate::app::Work) -> String {
    use crate::app::WorkKind as K;
    if work.cancelling {
        return T::WorkCancelling.text(lang).to_string();
    }
    let what = match work.kind {
        K::ImportCheck => T::WorkImportCheck,
        K::Import => T::WorkImport,
        K::BatchPreview => T::WorkBatchPreview,
        K::Batch => T::WorkBatch,
        K::Round => T::WorkRound,
    }
    .text(lang);
    if work.total == 0 {
        tr(lang, T::WorkStarted, &[what])
    } else {
        // Counts grouped in threes as amounts are ("12 000 av 100 000").
        let n = |x: usize| {
            crate::domain::Money(i64::try_from(x).unwrap_or(i64::MAX).saturating_mul(100))
                .format_number()
        };
        tr(
            lang,
            T::WorkProgress,
            &[what, &n(work.done), &n(work.total)],
        )
    }
}

/// The hint bar: the bindings marked `hint` in the contexts that are active now.
fn render_hints(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let hints = |context: Context| -> Vec<(String, &'static str)> {
        app.hinted(context)
            .into_iter()
            .filter_map(|b| {
                let key = b.keys.first()?.to_string();
                Some((key, crate::app::hints::hint_label(b.action).text(app.lang)))
            })
            .collect()
    };
    let layers = app.layers();
    let needed = |(key, desc): &(String, &str)| key.width() + desc.width() + 3;
    // Help and quit always keep their place at the end; the screen's keys fill what is left,
    // in keymap order, skipping any that do not fit.
    let (global, specific): (Vec<Context>, Vec<Context>) =
        layers.iter().partition(|c| **c == Context::Global);
    let tail: Vec<(String, &str)> = global.into_iter().flat_map(hints).collect();
    let tail_width: usize = tail.iter().map(needed).sum();
    let mut width = 1 + tail_width;
    let mut chosen = Vec::new();
    for hint in specific.into_iter().flat_map(hints) {
        let n = needed(&hint);
        if width + n <= area.width as usize {
            width += n;
            chosen.push(hint);
        }
    }
    if tail_width < area.width as usize {
        chosen.extend(tail);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, desc) in chosen {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {desc}  ")));
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

/// Takes out of a drawn frame whatever would act on the terminal unseen (issue 20): a text
/// that reached the screen without [`clean`] cannot reorder or hide what is around it.
pub fn neutralise(buffer: &mut ratatui::buffer::Buffer) {
    use crate::domain::text::acts_unseen;
    for cell in buffer.content.iter_mut() {
        if cell.symbol().chars().any(acts_unseen) {
            let kept: String = cell.symbol().chars().filter(|c| !acts_unseen(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

/// A table cell's text, its style and alignment: kept as text until the column's width is
/// known, so that a cut one ends in "…" (ratatui's table cuts without a mark).
pub(crate) struct Col {
    text: String,
    style: ratatui::style::Style,
    right: bool,
}

impl Col {
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Col {
            text: text.into(),
            style: ratatui::style::Style::default(),
            right: false,
        }
    }

    pub(crate) fn styled(mut self, style: ratatui::style::Style) -> Self {
        self.style = style;
        self
    }

    pub(crate) fn right(mut self) -> Self {
        self.right = true;
        self
    }

    pub(crate) fn width(&self) -> usize {
        self.text.width()
    }
}

/// The widths a table's columns get in `inner` columns (inside its block), as `Table` lays
/// them out: its selection marker of `marker` columns first, one space between the columns.
pub(crate) fn column_widths(widths: &[Constraint], inner: u16, marker: u16) -> Vec<usize> {
    let inner = inner.saturating_sub(marker);
    Layout::horizontal(widths.iter().copied())
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, inner, 1))
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// The widths of a table's columns in `inner` columns (inside the block and the selection
/// marker): each as wide as its widest text or heading but `flexible`, which takes the rest
/// and is the one cut. When that leaves it under 12 columns, the columns in `give_way` give
/// way in turn, down to 8 each.
pub(crate) fn fit_columns<R: AsRef<[Col]>>(
    rows: &[R],
    headings: &[&str],
    inner: usize,
    flexible: usize,
    give_way: &[usize],
) -> Vec<usize> {
    const KEEP: usize = 12;
    const MIN: usize = 8;
    let mut columns: Vec<usize> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .filter_map(|r| r.as_ref().get(i).map(Col::width))
                .chain([h.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    if columns.is_empty() {
        return columns;
    }
    let total = |c: &[usize]| c.iter().sum::<usize>() + c.len() - 1;
    let rest = |c: &[usize]| inner.saturating_sub(total(c) - c[flexible]);
    columns[flexible] = rest(&columns);
    for &i in give_way {
        let wanted = KEEP
            .saturating_sub(columns[flexible])
            .max(total(&columns).saturating_sub(inner));
        columns[i] -= wanted.min(columns[i].saturating_sub(MIN));
        columns[flexible] = rest(&columns);
    }
    columns
}

/// A table row whose cells are cut to `widths` with "…".
pub(crate) fn fitted_row(cols: Vec<Col>, widths: &[usize]) -> ratatui::widgets::Row<'static> {
    use ratatui::widgets::Cell;
    ratatui::widgets::Row::new(cols.into_iter().enumerate().map(|(i, c)| {
        let text = match widths.get(i) {
            Some(w) => fit(&c.text, *w),
            None => c.text,
        };
        let line = Line::from(Span::styled(text, c.style));
        Cell::from(if c.right { line.right_aligned() } else { line })
    }))
}

pub(crate) fn context_label(context: Context) -> T {
    match context {
        Context::Global => T::CtxGlobal,
        Context::Home => T::CtxHome,
        Context::Case => T::CtxCase,
        Context::Help => T::CtxHelp,
        Context::Form => T::CtxForm,
        Context::Editor => T::CtxEditor,
        Context::Confirm => T::CtxConfirm,
        Context::Picker => T::CtxPicker,
        Context::Round => T::CtxRound,
        Context::Filter => T::CtxFilter,
        Context::Admin => T::CtxAdmin,
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
    fn a_frame_keeps_no_bidi_or_zero_width_character() {
        let mut buffer = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 20, 1));
        // Drawn raw, as a text that missed `clean` would be.
        buffer.set_string(
            0,
            0,
            "a\u{200D}b\u{202E}c\u{2067}d",
            ratatui::style::Style::new(),
        );
        buffer[(1, 0)].set_symbol("b\u{200C}");
        neutralise(&mut buffer);
        for cell in &buffer.content {
            assert!(
                !cell.symbol().chars().any(crate::domain::text::acts_unseen),
                "{:?}",
                cell.symbol()
            );
        }
    }

    #[test]
    fn clean_neutralises_escapes() {
        assert_eq!(clean("a\u{1b}[2Jb\n"), "a�[2Jb�");
    }
}
