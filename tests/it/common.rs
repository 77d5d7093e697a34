//! Shared fixtures: a fixed clock and the demo database built on it.
#![allow(dead_code)]

use bidrag::storage::Store;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::path::Path;
use std::sync::{LazyLock, Mutex, PoisonError};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
        .single()
        .expect("time")
}

pub fn checklists() -> Vec<bidrag::checklists::Checklist> {
    bidrag::checklists::shipped().expect("shipped checklists parse")
}

/// The demo database, generated once per test run (about half a second) and only ever copied.
static DEMO: LazyLock<Mutex<Store>> = LazyLock::new(|| Mutex::new(fresh_demo_store()));

/// The demo database generated afresh, for tests of the generator itself.
pub fn fresh_demo_store() -> Store {
    let mut store = Store::open_in_memory(now()).expect("in-memory store");
    bidrag::demo::generate(&mut store, today(), &checklists()).expect("demo generates");
    store
}

/// The demo database: this test's own in-memory copy of the one generated for the run.
pub fn demo_store() -> Store {
    copy_of(&DEMO)
}

/// An independent in-memory copy of a template database (SQLite's backup API).
pub fn copy_of(template: &Mutex<Store>) -> Store {
    // A test that panicked while copying left the template as it was: reading never changes it.
    let template = template.lock().unwrap_or_else(PoisonError::into_inner);
    Store::open_in_memory_copy_of(&template, now()).expect("copy of the template")
}

/// The demo database as a new file at `path`, for tests that need a file (two connections, a
/// lock), opened as the app opens it.
pub fn demo_store_at(path: &Path) -> Store {
    {
        let template = DEMO.lock().unwrap_or_else(PoisonError::into_inner);
        template
            .connection()
            .backup(
                rusqlite::MAIN_DB,
                path,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .expect("copy of the demo into a file");
    }
    Store::open(path, now()).expect("open the demo file")
}

use bidrag::app::{App, Key, Keymap};
use bidrag::i18n::Lang;
use bidrag::service::drive;
use bidrag::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The demo database and an app on it, started as the TUI starts, acting as `login`.
pub fn app_on_demo(lang: Lang, login: &str) -> (App, Store) {
    app_on_store(demo_store(), lang, login)
}

/// An app on `store`, started as the TUI starts, acting as `login`.
pub fn app_on_store(mut store: Store, lang: Lang, login: &str) -> (App, Store) {
    let (user, _) = store.write(now(), |w| w.ensure_user(login)).expect("user");
    let mut app = App::new(
        lang,
        user,
        today(),
        "demo.sqlite3".into(),
        Keymap::default_map(),
        checklists(),
    );
    let start = app.start();
    drive(&mut app, &mut store, start, &now);
    (app, store)
}

/// Presses keys written as the keymap writes them, separated by spaces: "j j <Enter>".
pub fn press(app: &mut App, store: &mut Store, keys: &str) {
    for token in keys.split_whitespace() {
        let key = Key::parse(token).unwrap_or_else(|| panic!("not a key: {token}"));
        let effects = app.handle_key(key);
        drive(app, store, effects, &now);
    }
}

/// Types text into whatever field has the focus, character by character.
pub fn type_text(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        let effects = app.handle_key(Key::ch(c));
        drive(app, store, effects, &now);
    }
}

/// Draws the app on a test terminal of the given size.
pub fn draw(app: &App, theme: &Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| ui::render(app, theme, f)).expect("draw");
    terminal
}

/// The screen as text, one line per row.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, &Theme::mono(), width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reloads the case view, as any key that reloads it would.
pub fn reload(app: &mut App, store: &mut Store, case: i64) {
    drive(app, store, vec![bidrag::app::Effect::LoadCase(case)], &now);
}

/// Opens a case directly, as after the triage loop has moved on to the next one.
pub fn reopen(app: &mut App, store: &mut Store, case_id: i64) {
    drive(
        app,
        store,
        vec![bidrag::app::Effect::LoadCase(case_id)],
        &now,
    );
}

/// The variable that makes a process pause inside its first write transaction that changes a
/// row, after the changes and before the commit, and create the file it names (see
/// `Store::write`).
pub const PAUSE_IN_WRITE: &str = "BIDRAG_TEST_PAUSE_IN_WRITE";

/// Waits until `child`, started with `PAUSE_IN_WRITE` set to `marker`, is paused inside its
/// write transaction, then kills it with SIGKILL. Returns the number of rows the transaction
/// had changed, as the child wrote it into the marker.
pub fn kill_inside_write(child: &mut std::process::Child, marker: &Path) -> u64 {
    use std::time::{Duration, Instant};
    let limit = Duration::from_secs(120);
    let started = Instant::now();
    loop {
        let changed = std::fs::read_to_string(marker)
            .ok()
            .and_then(|text| text.trim().parse::<u64>().ok());
        if let Some(changed) = changed {
            child.kill().expect("SIGKILL the paused child");
            child.wait().expect("the killed child ends");
            return changed;
        }
        if let Some(status) = child.try_wait().expect("the child's status") {
            panic!(
                "the child ended ({status}) without pausing inside a write transaction: \
                 no marker at {}",
                marker.display()
            );
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the child did not pause inside a write transaction within {} s: no marker at {}",
                limit.as_secs(),
                marker.display()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The transitions the open state picker offers, in order.
pub fn offered(app: &App) -> Vec<bidrag::domain::workflow::Transition> {
    let Some(bidrag::app::Modal::Picker(p)) = &app.modal else {
        panic!("no state picker: {:?}", app.status)
    };
    p.matches
        .iter()
        .filter_map(|&i| p.items.get(i))
        .filter_map(|(id, _)| {
            let i = usize::try_from(*id).ok()?;
            bidrag::domain::workflow::Transition::ALL.get(i).copied()
        })
        .collect()
}

/// Chooses `t` in the open state picker with <Down> and Enter, as a user would.
pub fn pick_transition(app: &mut App, store: &mut Store, t: bidrag::domain::workflow::Transition) {
    let position = offered(app)
        .iter()
        .position(|x| *x == t)
        .unwrap_or_else(|| panic!("{t:?} not offered"));
    for _ in 0..position {
        press(app, store, "<Down>");
    }
    press(app, store, "<Enter>");
}

/// The operating-system account the tests run as: a real database's acting user.
pub fn account() -> String {
    whoami::username().expect("the account's name")
}

/// Gives the account that ran `bidrag init` (the first administratör, and nothing else) the
/// roles of a small agency's one-person team, through the binary, so a test can register,
/// handle and import as it.
pub fn give_all_roles(home: &Path, db: &Path) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("bidrag"))
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .arg("--db")
        .arg(db)
        .args(["user", "edit", &account(), "--roles"])
        .arg("registrator,handläggare,beslutsfattare,attestant,administratör")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Gives a user one more role, as an administratör would (for tests where one person both
/// prepares and decides, so four eyes is what stops them).
pub fn add_role(store: &mut Store, login: &str, role: bidrag::domain::Role) {
    let user = store.user_by_login(login).expect("q").expect("user");
    let mut draft = bidrag::storage::draft_of(&user);
    draft.roles.push(role);
    store
        .write(now(), |w| w.change_user(user.id, user.id, &draft))
        .expect("roles");
}
