//! Terminal plumbing: raw mode, the alternate screen, events in, frames out.

use crate::app::burst::Input;
use crate::app::{App, Effect, Key, KeyCode, Msg};
use crate::service::worker::Worker;
use crate::storage::Store;
use crate::ui::{self, Theme};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use std::io::Write;

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

/// Where and why a panic happened, from the hook's info.
fn panic_text(info: &std::panic::PanicHookInfo<'_>) -> (String, String) {
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
    (location, message)
}

/// What the panic hook does, in order: the panic is appended to the log file, the terminal is
/// restored (`restore`), and `stderr` gets only the short message that names the log.
pub fn report_panic(
    crash: &CrashReport,
    location: &str,
    message: &str,
    now: chrono::DateTime<chrono::Utc>,
    restore: impl FnOnce(),
    stderr: &mut dyn std::io::Write,
) {
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&crash.log)
    {
        let _ = writeln!(
            f,
            "{} panic at {location}: {message}",
            now.format("%Y-%m-%dT%H:%M:%SZ")
        );
    }
    restore();
    // After the restore the terminal is back to normal: say where the details are.
    let _ = writeln!(stderr, "{}", crash.message);
    let _ = stderr.flush();
}

/// Appends one line to the log file: what went wrong for the user (never shown to the screen
/// by the log). Control characters are neutralised so the file stays one line per event.
pub fn log_line(log: &std::path::Path, at: chrono::DateTime<chrono::Utc>, level: &str, text: &str) {
    use std::io::Write;
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
    {
        let text = crate::domain::text::clean(text).replace('\n', " ");
        let _ = writeln!(f, "{} {level}: {text}", at.format("%Y-%m-%dT%H:%M:%SZ"));
    }
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT: the loop then ends as a quit does, between two
/// acts (so no write is cut off), and the terminal is restored as on any return.
fn stop_on_signals() -> std::io::Result<std::sync::Arc<std::sync::atomic::AtomicBool>> {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, std::sync::Arc::clone(&flag))?;
    }
    Ok(flag)
}

/// Runs the TUI until the user quits. The terminal is restored on return, on error and on panic.
pub fn run(
    app: &mut App,
    store: &mut Store,
    worker: Option<&Worker>,
    theme: &Theme,
    crash: CrashReport,
) -> std::io::Result<()> {
    let stop = stop_on_signals()?;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            let _ = restore();
            return Err(e);
        }
    };
    // ratatui's hook restores raw mode and the screen; ours first turns bracketed paste off.
    let log = crash.log.clone();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let (location, message) = panic_text(info);
        let restore = || {
            let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
            let _ = ratatui::crossterm::execute!(std::io::stdout(), DisableMouseCapture);
            ratatui_hook(info);
        };
        report_panic(
            &crash,
            &location,
            &message,
            chrono::Utc::now(),
            restore,
            &mut std::io::stderr(),
        );
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
    log_line(
        &log,
        chrono::Utc::now(),
        "info",
        &format!("started on {}", app.db_label),
    );
    let result = event_loop(&mut terminal, app, store, worker, theme, &log, &stop);
    log_line(&log, chrono::Utc::now(), "info", "stopped");
    let restored = restore();
    result.and(restored)
}

/// Carries out effects: long work goes to the worker (the screen keeps drawing, its messages
/// come back through the loop); the rest runs here, its results fed back until none is left.
fn run_effects(app: &mut App, store: &mut Store, worker: Option<&Worker>, effects: Vec<Effect>) {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    while let Some(effect) = queue.pop_front() {
        match worker {
            Some(w) if matches!(effect, Effect::CancelWork) => w.cancel(),
            Some(w) if Worker::takes(&effect) => {
                w.submit(effect, app.user.id, app.today, chrono::Utc::now());
            }
            _ => {
                let msg = {
                    let ctx = crate::service::Ctx {
                        user_id: app.user.id,
                        today: app.today,
                        now: chrono::Utc::now(),
                        checklists: &app.checklists,
                        letters_dir: &app.letters_dir,
                    };
                    crate::service::run(store, &ctx, &effect)
                };
                queue.extend(app.update(msg));
            }
        }
    }
}

/// The local date now: the day the screen's queues, clocks and deadlines are counted from.
fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    worker: Option<&Worker>,
    theme: &Theme,
    log: &std::path::Path,
    stop: &std::sync::atomic::AtomicBool,
) -> std::io::Result<()> {
    let now = chrono::Utc::now;
    let stopped = || stop.load(std::sync::atomic::Ordering::Relaxed);
    let size = terminal.size()?;
    app.update(Msg::Resize(size.width, size.height));
    let start = app.start();
    run_effects(app, store, worker, start);
    let mut logged: Option<String> = None;
    let mut dirty = true;
    loop {
        // Every error the user is shown also goes to the log, once.
        if let Some(status) = app.status.as_ref().filter(|s| s.error)
            && logged.as_deref() != Some(status.text.as_str())
        {
            log_line(log, now(), "error", &status.text);
            logged = Some(status.text.clone());
        }
        if dirty {
            terminal.draw(|f| {
                ui::render(app, theme, f);
                ui::neutralise(f.buffer_mut());
            })?;
            dirty = false;
        }
        if app.quit || stopped() {
            return Ok(());
        }
        // A message fades after a few seconds (the frame is drawn again without it).
        let shown = app.status.is_some();
        app.update(Msg::Tick(std::time::Instant::now()));
        dirty |= shown && app.status.is_none();
        // A screen left open past midnight shows the new day.
        let effects = app.update(Msg::Today(local_today()));
        if !effects.is_empty() {
            run_effects(app, store, worker, effects);
            dirty = true;
        }
        // What the worker says: progress, and the end of its work.
        if let Some(w) = worker {
            while let Ok(msg) = w.results.try_recv() {
                let effects = app.update(msg);
                run_effects(app, store, worker, effects);
                dirty = true;
            }
        }
        // Nothing animates: wait for a key, the worker, a signal or the next check of the
        // clock.
        let wait = if app.work.is_some() { 50 } else { 250 };
        if !event::poll(std::time::Duration::from_millis(wait))? || stopped() {
            continue;
        }
        dirty = true;
        // Everything already typed (a paste without bracketed paste, keys typed while a
        // search ran) is read before the next search or frame: a burst costs one search.
        let mut inputs = Vec::new();
        loop {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    if is_ctrl_c(&k) {
                        return Ok(());
                    }
                    inputs.extend(convert_key(k).map(Input::Key));
                }
                Event::Mouse(m) => {
                    let msg = match m.kind {
                        MouseEventKind::Down(MouseButton::Left) => {
                            let size = terminal.size()?;
                            let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                            ui::hit(app, area, m.column, m.row)
                                .map(|(pane, row)| Msg::Click { pane, row })
                        }
                        MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true }),
                        MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false }),
                        _ => None,
                    };
                    inputs.extend(msg.map(Input::Msg));
                }
                Event::Paste(text) => inputs.push(Input::Msg(Msg::Paste(text))),
                // In the burst's order: keys after a resize act on the new size.
                Event::Resize(w, h) => inputs.push(Input::Msg(Msg::Resize(w, h))),
                _ => {}
            }
            if inputs.len() >= BURST_MAX || !event::poll(std::time::Duration::ZERO)? {
                break;
            }
        }
        app.feed(inputs, |app, effects| {
            run_effects(app, store, worker, effects);
        });
    }
}

/// The most input events read in one go before a frame is drawn.
const BURST_MAX: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn errors_go_to_the_log_one_line_each_with_escapes_neutralised() {
        let dir = std::env::temp_dir().join(format!("bidrag-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let log = dir.join("bidrag.log");
        let _ = std::fs::remove_file(&log);
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
            .single()
            .expect("time");
        log_line(&log, at, "error", "Databasen är upptagen.\n\u{1b}[2J");
        log_line(&log, at, "info", "stopped");
        let text = std::fs::read_to_string(&log).expect("log");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text:?}");
        assert!(lines[0].starts_with("2026-11-28T09:30:00Z error: Databasen är upptagen."));
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert_eq!(lines[1], "2026-11-28T09:30:00Z info: stopped");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_panic_is_logged_then_the_terminal_restored_then_the_log_named() {
        let dir = std::env::temp_dir().join(format!("bidrag-panic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let log = dir.join("bidrag.log");
        let _ = std::fs::remove_file(&log);
        let crash = crate::cli::crash_report(crate::i18n::Lang::Sv, Some(&dir));
        assert_eq!(crash.log, log, "the log lives in the data directory");
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
            .single()
            .expect("time");
        let mut restored_after_log = None;
        let mut stderr = Vec::new();
        report_panic(
            &crash,
            "src/app/mod.rs:12",
            "index out of bounds",
            now,
            || restored_after_log = Some(log.exists()),
            &mut stderr,
        );
        assert_eq!(restored_after_log, Some(true), "logged, then restored");
        let logged = std::fs::read_to_string(&log).expect("log");
        assert_eq!(
            logged,
            "2026-11-28T09:30:00Z panic at src/app/mod.rs:12: index out of bounds\n"
        );
        let shown = String::from_utf8(stderr).expect("utf-8");
        assert!(shown.contains(&log.display().to_string()), "{shown}");
        assert!(
            shown.starts_with("bidrag avbröts av ett internt fel"),
            "{shown}"
        );
        assert!(
            !shown.contains("index out of bounds"),
            "details stay in the log"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
