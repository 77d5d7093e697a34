//! Drawing the dialogs: forms, the text editor, the state menu and the searchable picker.

use super::{Theme, clean, fit};
use crate::app::App;
use crate::app::form::{Form, Info, Input};
use crate::app::modal::{Confirm, Editor, Modal, Picker, Preview, PreviewAction, Round};
use crate::i18n::{self, T};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;
use unicode_width::UnicodeWidthStr;

/// A centred box of at most `width` × `height` inside `area`.
pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
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
        Modal::Picker(p) => picker(app, p, theme, frame, area),
        Modal::Round(r) => round(app, r, theme, frame, area),
        Modal::Preview(p) => preview(app, p, theme, frame, area),
        Modal::Confirm(c) => confirm(app, c, theme, frame, area),
        Modal::Admin(v) => super::admin::render(app, v, theme, frame, area),
    }
}

/// A line above a form's fields, in words.
pub fn info_text(app: &App, info: &Info) -> String {
    use crate::domain::decision::NotEligible;
    let lang = app.lang;
    match info {
        Info::Budget(b) => super::preview::budget_line(lang, b),
        Info::Proposal {
            outcome,
            amount,
            presenter,
        } => {
            let amount = amount.map(|a| format!(" {a}")).unwrap_or_default();
            crate::i18n::tr(
                lang,
                T::ProposalLine,
                &[i18n::outcome(*outcome).text(lang), &amount, presenter],
            )
        }
        Info::NotEligible { organisation, lack } => {
            let what = match lack {
                NotEligible::NoPositiveBesked => T::LackBesked,
                NotEligible::NoCompletedMapping => T::LackMapping,
            };
            crate::i18n::tr(lang, T::NotEligibleLine, &[organisation, what.text(lang)])
        }
        Info::CallClosed { closes_on } => {
            crate::i18n::tr(lang, T::CallClosedLine, &[&closes_on.to_string()])
        }
        Info::Granted { granted, paid } => crate::i18n::tr(
            lang,
            T::FuGrantedLine,
            &[&granted.to_string(), &paid.to_string()],
        ),
        Info::Unused { granted, used } => super::followup::unused_line(lang, *granted, *used),
        Info::Recovery {
            ground,
            claimed,
            presenter,
            response_due,
        } => crate::i18n::tr(
            lang,
            T::FuRecoveryInfo,
            &[
                i18n::ground(*ground).text(lang),
                &claimed.to_string(),
                presenter,
                &response_due.to_string(),
            ],
        ),
        Info::Filter(text) => text.clone(),
    }
}

/// A choice or yes/no field: one line in a box, like a text field.
fn draw_choice(
    text: &str,
    label: String,
    focused: bool,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    let (border, style) = if focused {
        (BorderType::Thick, theme.border_focus)
    } else {
        (BorderType::Plain, theme.border)
    };
    let marker = if focused { "▶ " } else { "" };
    let block = Block::bordered()
        .border_type(border)
        .border_style(style)
        .title(fit(
            &format!(" {marker}{} ", clean(&label)),
            area.width.saturating_sub(2) as usize,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(fit(&clean(text), inner.width as usize)),
        inner,
    );
}

fn form(app: &App, f: &Form, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let heights: Vec<u16> = f
        .fields
        .iter()
        .map(|x| if x.multiline() { 6 } else { 3 })
        .collect();
    let info: Vec<String> = f.info.iter().map(|i| info_text(app, i)).collect();
    let inner_width = 76u16
        .min(area.width.saturating_sub(2))
        .saturating_sub(2)
        .max(1);
    // Info lines wrap (between their parts, never inside an amount); each takes the rows it
    // needs at this width, so none is cut off.
    let info: Vec<String> = info
        .iter()
        .flat_map(|l| super::wrap::wrap(&clean(l), inner_width as usize))
        .collect();
    let info_height = u16::try_from(info.len()).unwrap_or(u16::MAX);
    let height = heights.iter().sum::<u16>() + 4 + info_height;
    let popup = centred(area, 76, height);
    let block = frame_block(&f.title, T::FormFooter, app, theme, popup.width);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [info_area, inner] =
        Layout::vertical([Constraint::Length(info_height), Constraint::Min(0)]).areas(inner);
    let lines: Vec<Line<'_>> = info
        .iter()
        .map(|l| Line::from(fit(l, info_area.width as usize)))
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.label), info_area);
    // A form taller than the screen scrolls: the fields from `first` on, so that the focused
    // one is always whole, never squeezed to an empty frame.
    let room = inner.height.saturating_sub(2);
    let mut first = 0;
    while first < f.focus && heights[first..=f.focus].iter().sum::<u16>() > room {
        first += 1;
    }
    let mut shown = 0;
    let mut used = 0u16;
    for h in &heights[first..] {
        if used + h > room {
            break;
        }
        used += h;
        shown += 1;
    }
    let mut constraints: Vec<Constraint> = heights[first..first + shown]
        .iter()
        .map(|h| Constraint::Length(*h))
        .collect();
    constraints.push(Constraint::Min(0));
    constraints.push(Constraint::Length(2));
    let rows = Layout::vertical(constraints).split(inner);
    for (i, field) in f.fields.iter().enumerate().skip(first).take(shown) {
        let row = i - first;
        let label = field.label_text(app.lang);
        let focused = i == f.focus;
        match &field.input {
            Input::Text { area: input, .. } => {
                draw_input(input, label, focused, theme, frame, rows[row])
            }
            Input::Choice { options, selected } => {
                let text = selected
                    .and_then(|s| options.get(s))
                    .map(|c| format!("‹ {} ›", c.label))
                    .unwrap_or_else(|| T::ChoiceNone.text(app.lang).to_string());
                draw_choice(&text, label, focused, theme, frame, rows[row]);
            }
            Input::Toggle(on) => {
                let text = if *on { "[x]" } else { "[ ]" };
                draw_choice(text, label, focused, theme, frame, rows[row]);
            }
        }
    }
    let message = f
        .error
        .as_ref()
        .map(|e| (e.message.as_str(), theme.error))
        .or_else(|| f.warning.as_deref().map(|w| (w, theme.error)));
    // Fields out of view are said, so none is forgotten.
    let scrolled = (shown < f.fields.len()).then(|| {
        crate::i18n::tr(
            app.lang,
            T::FormScrolled,
            &[
                &(first + 1).to_string(),
                &(first + shown).to_string(),
                &f.fields.len().to_string(),
            ],
        )
    });
    let message = message.or(scrolled.as_deref().map(|s| (s, theme.label)));
    if let (Some((message, style)), Some(last)) = (message, rows.last()) {
        frame.render_widget(
            Paragraph::new(message)
                .style(style)
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

fn picker(app: &App, p: &Picker, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    // As large as its items need (a short choice is a small box), at most the screen less a
    // margin; never narrower than its title.
    let widest = p
        .items
        .iter()
        .map(|(_, l)| UnicodeWidthStr::width(l.as_str()))
        .chain(std::iter::once(UnicodeWidthStr::width(p.title.as_str())))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(widest + 8).unwrap_or(u16::MAX).clamp(40, 72);
    let rows = u16::try_from(p.items.len())
        .unwrap_or(u16::MAX)
        .saturating_add(5);
    let popup = centred(area, width, rows.min(area.height.saturating_sub(4)).max(8));
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
        let label = format!(
            "{} · {} · {}{}",
            i.dnr,
            i.organisation,
            i18n::outcome(i.outcome).text(app.lang),
            i.proposed.map(|a| format!(" {a}")).unwrap_or_default()
        );
        let text = match &i.skipped {
            None => format!("✓ {}", clean(&label)),
            Some(why) => {
                // Jäv names the organisation of the item, not of an open case.
                let why = match why {
                    crate::domain::refused::Refused::Decision(
                        crate::domain::decision::DecisionError::Jav,
                    ) => crate::i18n::tr(app.lang, T::DecJav, &[&i.organisation]),
                    other => app.refused_text(other),
                };
                format!(
                    "– {} ({})",
                    clean(&label),
                    crate::i18n::tr(app.lang, T::RoundSkipped, &[&why])
                )
            }
        };
        ListItem::new(fit(&text, width))
    });
    let list = List::new(items)
        .highlight_style(theme.selection)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(r.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    if let Some(over) = &r.warning {
        let w = crate::i18n::tr(app.lang, T::OverBudget, &[&over.to_string()]);
        frame.render_widget(
            Paragraph::new(w)
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
        PreviewAction::Dispatch { .. } => T::LetterFooter,
        PreviewAction::None => T::PreviewFooter,
    };
    let block = frame_block(&p.title, footer, app, theme, popup.width);
    frame.render_widget(Clear, popup);
    let text = super::preview::lines(app, &p.content);
    // The last line can be scrolled to the top, no further.
    p.max_scroll.set(text.len().saturating_sub(1));
    let mut scroll = p.scroll.min(text.len().saturating_sub(1));
    // The organisation view's cursor is on one of its cases, the last lines: kept in view.
    let cursor_line = match (&p.content, p.cursor) {
        (crate::app::modal::PreviewContent::Organisation(o), Some(c)) => {
            Some(text.len() - o.cases.len() + c)
        }
        _ => None,
    };
    if let Some(line) = cursor_line {
        let visible = usize::from(popup.height.saturating_sub(2)).max(1);
        scroll = (line + 1).saturating_sub(visible);
    }
    let lines: Vec<Line<'_>> = text
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if Some(i) == cursor_line {
                let rest = l.strip_prefix("  ").unwrap_or(l);
                Line::from(format!("▶ {}", clean(rest))).style(theme.selection)
            } else {
                Line::from(clean(l))
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        popup,
    );
}

fn confirm(app: &App, c: &Confirm, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let text = match c {
        Confirm::DeleteQueue { name, .. } => {
            crate::i18n::tr(app.lang, T::ConfirmDeleteQueue, &[name])
        }
        Confirm::CloseCall { name, .. } => crate::i18n::tr(
            app.lang,
            T::ConfirmCloseCall,
            &[name, &app.today.to_string()],
        ),
    };
    let popup = centred(area, 64, 5);
    let title = T::TitleConfirm.text(app.lang);
    let block = frame_block(title, T::ConfirmFooter, app, theme, popup.width);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(clean(&text))
            .block(block)
            .wrap(Wrap { trim: true }),
        popup,
    );
}
