//! Terminal plumbing: raw mode, the alternate screen, events in, frames out.

use crate::app::{App, Key, KeyCode, drive};
use crate::storage::Store;
use crate::ui::{self, Theme};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Converts a terminal key press into the app's own key type.
pub fn convert_key(k: KeyEvent) -> Option<Key> {
    use ratatui::crossterm::event::KeyCode as C;
    let code = match k.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}

fn is_ctrl_c(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, ratatui::crossterm::event::KeyCode::Char('c' | 'C'))
}

fn restore() -> std::io::Result<()> {
    // ratatui's restore leaves bracketed paste on; turn it off first.
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::try_restore()
}

/// Where a panic is written down, and what the user is told after the terminal is restored.
pub struct CrashReport {
    pub log: std::path::PathBuf,
    pub message: String,
}

/// Appends a panic to the log file; the screen gets only a short message.
fn log_panic(log: &std::path::Path, info: &std::panic::PanicHookInfo<'_>) {
    use std::io::Write;
    let location = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        let _ = writeln!(
            f,
            "{} panic at {location}: {message}",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        );
    }
}

/// Runs the TUI until the user quits. The terminal is restored on return, on error and on panic.
pub fn run(
    app: &mut App,
    store: &mut Store,
    theme: &Theme,
    crash: CrashReport,
) -> std::io::Result<()> {
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            let _ = restore();
            return Err(e);
        }
    };
    // ratatui's hook restores raw mode and the screen; ours first turns bracketed paste off.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableMouseCapture);
        log_panic(&crash.log, info);
        ratatui_hook(info);
        // After ratatui's hook the terminal is back to normal: say where the details are.
        eprintln!("{}", crash.message);
    }));
    if let Err(e) = ratatui::crossterm::execute!(std::io::stdout(), EnableBracketedPaste) {
        let _ = restore();
        return Err(e);
    }
    if app.mouse
        && let Err(e) = ratatui::crossterm::execute!(std::io::stdout(), EnableMouseCapture)
    {
        let _ = restore();
        return Err(e);
    }
    let result = event_loop(&mut terminal, app, store, theme);
    let restored = restore();
    result.and(restored)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    theme: &Theme,
) -> std::io::Result<()> {
    let now = chrono::Utc::now;
    let start = app.start();
    drive(app, store, start, &now);
    loop {
        terminal.draw(|f| ui::render(app, theme, f))?;
        if app.quit {
            return Ok(());
        }
        // Redraw only after an event: nothing animates.
        match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                if is_ctrl_c(&k) {
                    return Ok(());
                }
                if let Some(key) = convert_key(k) {
                    let effects = app.handle_key(key);
                    drive(app, store, effects, &now);
                }
            }
            Event::Mouse(m) => {
                let msg = match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => {
                        let size = terminal.size()?;
                        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                        ui::hit(app, area, m.column, m.row)
                            .map(|(pane, row)| crate::app::Msg::Click { pane, row })
                    }
                    MouseEventKind::ScrollDown => Some(crate::app::Msg::Scroll { down: true }),
                    MouseEventKind::ScrollUp => Some(crate::app::Msg::Scroll { down: false }),
                    _ => None,
                };
                if let Some(msg) = msg {
                    let effects = app.update(msg);
                    drive(app, store, effects, &now);
                }
            }
            Event::Paste(text) => {
                let effects = app.update(crate::app::Msg::Paste(text));
                drive(app, store, effects, &now);
            }
            _ => {}
        }
    }
}
