//! The command line: options, configuration, choosing and opening the database, then the TUI.

use crate::app::{App, Keymap};
use crate::demo;
use crate::domain::User;
use crate::domain::audit::Anchor;
use crate::domain::refused::Refused;
use crate::i18n::{Lang, T, tr};
use crate::storage::{OpenError, Store};
use crate::ui::Theme;
use chrono::{Local, Offset, Utc};
use clap::Parser;
use serde::Deserialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod admin;
mod identity;

/// Case handling of statsbidrag in the terminal (Swedish UI; --lang en for English).
#[derive(Debug, Parser)]
#[command(name = "bidrag", version, about, long_about = None)]
pub struct Cli {
    /// Database file (default: bidrag.sqlite3 in the platform data directory).
    #[arg(long, global = true, env = "BIDRAG_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open the demo database (created with realistic cases on first use); with --db, create
    /// the demo there.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Acting user's login (default: the config file, else the login name).
    #[arg(long, global = true, env = "BIDRAG_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Language of the interface: sv (default) or en.
    #[arg(long, global = true, env = "BIDRAG_LANG", value_name = "sv|en")]
    pub lang: Option<String>,
    /// Config file (default: config.toml in the platform config directory).
    #[arg(long, global = true, env = "BIDRAG_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Check the database without changing it: SQLite's integrity and foreign keys, and the
    /// event log's hash chain (reports the first broken event). Exit status 1 if anything is wrong.
    Check {
        /// An anchor from a sent letter ("1234:0123456789abcdef", or as the letter prints it):
        /// confirms the chain still holds it, even if every hash was recomputed. Repeatable.
        #[arg(long, value_name = "ANCHOR")]
        anchor: Vec<String>,
        /// A folder of sent letters: every anchor in them is confirmed as with --anchor.
        #[arg(long, value_name = "DIR")]
        anchors: Option<PathBuf>,
    },
    /// Create the database (with --demo: the demo database) or bring an older one up to date,
    /// without starting the interface.
    Init,
    /// Generate a realistic database of N cases in a new FILE, for measuring at scale.
    Demo {
        /// How many cases.
        #[arg(long, default_value_t = 100_000)]
        cases: usize,
        /// The database to create; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a consistent copy of the database to FILE (a new file), even while others use it.
    Backup {
        /// The copy to create; an existing file is never overwritten.
        file: PathBuf,
    },
    /// Import a CSV (comma or semicolon; UTF-8 or Windows-1252) or JSON file. Every row is
    /// checked first; one bad row and nothing is written. See the README for the columns.
    Import {
        #[arg(value_enum)]
        what: ImportWhat,
        file: PathBuf,
        /// Check and report what would be created, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The call every row belongs to (id or name).
        #[arg(long, value_name = "ID|NAME")]
        call: Option<String>,
    },
    /// Reports: `granted` is the Sammanställning av beviljat statsbidrag.
    Report {
        #[arg(value_enum)]
        what: ReportWhat,
        /// Only this call (id or name).
        #[arg(long, value_name = "ID|NAME")]
        call: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Write to this new file (needed for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Field separator for CSV.
        #[arg(long, default_value = ",", value_name = "CHAR")]
        delimiter: String,
    },
    /// List contact persons (personal data), or pseudonymise or remove one. A contact named in a
    /// registered document is an allmän handling's party and is refused.
    Contacts {
        /// Only contacts whose name, e-mail or organisation contains this text.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Replace the contact's name, e-mail and phone with a pseudonym.
        #[arg(long, value_name = "ID", conflicts_with = "remove")]
        pseudonymise: Option<i64>,
        /// Remove the contact.
        #[arg(long, value_name = "ID")]
        remove: Option<i64>,
    },
    /// Users and their roles: list, add, edit, deactivate (administratör).
    User {
        #[command(subcommand)]
        command: admin::UserCommand,
    },
    /// Calls (utlysningar): list, add, edit, close (administratör).
    Call {
        #[command(subcommand)]
        command: admin::CallCommand,
    },
    /// The agency's settings letters use: list, set (administratör).
    Settings {
        #[command(subcommand)]
        command: admin::SettingsCommand,
    },
    /// Export cases, decisions or organisations as CSV (Swedish column names) or JSON.
    Export {
        #[arg(value_enum)]
        what: ExportWhat,
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// Write to this new file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Field separator for CSV; ';' suits a Swedish Excel.
        #[arg(long, default_value = ",", value_name = "CHAR")]
        delimiter: String,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportWhat {
    /// Intresseanmälningar and applications: one case per row.
    Applications,
    Organisations,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportWhat {
    /// Sammanställning av beviljat statsbidrag.
    Granted,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportWhat {
    Cases,
    Decisions,
    Organisations,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The optional config file. Unknown keys are refused so a typo does not pass silently.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub user: Option<String>,
    pub lang: Option<String>,
    pub db: Option<PathBuf>,
    /// `mouse = false` leaves the mouse to the terminal (selecting text to copy).
    pub mouse: Option<bool>,
}

/// A failure with its message already in the user's language, and the exit status to use.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

fn fail(message: String, code: u8) -> Failure {
    Failure { message, code }
}

/// `bidrag demo --cases N --out FILE`: the demo grown to N cases in a new file. It is generated
/// under a temporary name beside FILE and named only when whole: a failure removes it, a kill
/// leaves no FILE (and the next run removes what the killed one left).
fn demo_scaled(lang: Lang, cases: usize, out: &Path) -> Result<(), Failure> {
    if out.exists() {
        let shown = out.display().to_string();
        return Err(fail(tr(lang, T::ErrExists, &[&shown]), 2));
    }
    let started = std::time::Instant::now();
    let checklists = load_checklists(lang)?;
    let db_error = |e: &dyn std::fmt::Display| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for left in crate::io::output::leftovers(dir, &name) {
        if std::fs::remove_file(&left).is_ok() {
            let shown = left.display().to_string();
            eprintln!("{}", tr(lang, T::DemoLeftoverRemoved, &[&shown]));
        }
    }
    let target = new_file(out, lang)?;
    let made = {
        let mut store = crate::storage::Store::open(target.temp_path(), chrono::Utc::now())
            .map_err(|e| db_error(&e))?;
        crate::demo::generate_scaled(&mut store, Local::now().date_naive(), &checklists, cases)
            .map_err(|e| db_error(&e))?
    };
    finish_file(target, out, lang)?;
    let shown = out.display().to_string();
    let seconds = format!("{:.1}", started.elapsed().as_secs_f64());
    say(
        lang,
        &[tr(
            lang,
            T::DemoScaled,
            &[&shown, &made.to_string(), &seconds],
        )],
    )
}

/// The shipped keymap with the user's changes, if they have a keymap.toml; a bad file is
/// refused at start with its path, the key and the reason.
fn load_keymap(settings: &Settings) -> Result<Keymap, Failure> {
    let lang = settings.lang;
    let shipped = Keymap::parse(crate::app::keymap::DEFAULT_KEYMAP).map_err(|e| {
        fail(
            tr(lang, T::ErrKeymap, &["assets/keymap.toml", &e.to_string()]),
            2,
        )
    })?;
    let Some(path) = &settings.keymap else {
        return Ok(shipped);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(shipped),
        Err(e) => {
            let shown = path.display().to_string();
            return Err(fail(tr(lang, T::ErrKeymap, &[&shown, &e.to_string()]), 2));
        }
    };
    shipped.with_overrides(&text).map_err(|e| {
        let shown = path.display().to_string();
        fail(tr(lang, T::ErrKeymap, &[&shown, &e.to_string()]), 2)
    })
}

/// A failed write: a closed pipe (`bidrag export … | head`) ends the command quietly with
/// status 0; anything else is an error.
/// An act the service did not carry out, as the command line reports it (status 1).
fn service_failure(lang: Lang, e: crate::service::ServiceError) -> Failure {
    fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1)
}

fn write_failure(lang: Lang, e: &std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        fail(String::new(), 0)
    } else {
        fail(tr(lang, T::ErrWrite, &[&e.to_string()]), 1)
    }
}

/// The I/O error inside a CSV error, kind kept (so a closed pipe is still recognised).
fn csv_io(e: csv::Error) -> std::io::Error {
    if let csv::ErrorKind::Io(io) = e.kind() {
        return std::io::Error::new(io.kind(), io.to_string());
    }
    std::io::Error::other(e)
}

/// Writes lines to standard output (locked, checked, flushed).
fn say(lang: Lang, lines: &[String]) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}").map_err(|e| write_failure(lang, &e))?;
    }
    out.flush().map_err(|e| write_failure(lang, &e))
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("se", "Delmos", "bidrag")
}

fn load_config(cli: &Cli, lang: Lang) -> Result<Config, Failure> {
    let (path, required) = match &cli.config {
        Some(p) => (p.clone(), true),
        None => match dirs() {
            Some(d) => (d.config_dir().join("config.toml"), false),
            None => return Ok(Config::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default());
        }
        Err(e) => {
            let p = path.display().to_string();
            return Err(fail(tr(lang, T::ErrConfig, &[&p, &e.to_string()]), 2));
        }
    };
    toml::from_str(&text).map_err(|e| {
        let p = path.display().to_string();
        fail(tr(lang, T::ErrConfig, &[&p, e.message()]), 2)
    })
}

/// A login: 1–64 letters, digits, '.', '-' or '_'.
pub fn valid_login(login: &str) -> bool {
    crate::domain::admin::valid_login(login)
}

/// Where a panic is logged (bidrag.log in the data directory, else in the temporary folder) and
/// the message that names it.
pub fn crash_report(lang: Lang, data_dir: Option<&Path>) -> crate::tui::CrashReport {
    let log = data_dir
        .filter(|d| std::fs::create_dir_all(d).is_ok())
        .map_or_else(std::env::temp_dir, Path::to_path_buf)
        .join("bidrag.log");
    crate::tui::CrashReport {
        message: tr(lang, T::Crashed, &[&log.display().to_string()]),
        log,
    }
}

/// Translates an open error into the user's language.
pub fn open_error_message(lang: Lang, e: &OpenError) -> String {
    let p = |p: &Path| p.display().to_string();
    match e {
        OpenError::IsDirectory(path) => tr(lang, T::ErrIsDirectory, &[&p(path)]),
        OpenError::NotADatabase(path) => tr(lang, T::ErrNotADatabase, &[&p(path)]),
        OpenError::Corrupt(path) => tr(lang, T::ErrCorrupt, &[&p(path)]),
        OpenError::ForeignDatabase(path) => tr(lang, T::ErrForeignDatabase, &[&p(path)]),
        OpenError::NewerVersion {
            path,
            found,
            supported,
        } => tr(
            lang,
            T::ErrNewerVersion,
            &[&p(path), &found.to_string(), &supported.to_string()],
        ),
        OpenError::MissingFolder { path, folder } => {
            tr(lang, T::ErrMissingFolder, &[&p(path), &p(folder)])
        }
        OpenError::CannotCreate { path, reason } => {
            tr(lang, T::ErrCannotCreate, &[&p(path), reason])
        }
        OpenError::CannotOpen { path, reason } => tr(lang, T::ErrCannotOpen, &[&p(path), reason]),
        OpenError::Sqlite(e) => tr(lang, T::ErrDatabase, &[&e.to_string()]),
        OpenError::Seed(e) => tr(lang, T::ErrDatabase, &[&e.to_string()]),
    }
}

/// Everything resolved from the command line, environment and config, before anything opens.
pub struct Settings {
    pub lang: Lang,
    /// Who acts: the process's account, and a login asked for (demo databases only).
    pub identity: identity::Identity,
    pub db: PathBuf,
    pub demo: bool,
    /// The user's keymap changes: keymap.toml beside the config file.
    pub keymap: Option<PathBuf>,
    pub mouse: bool,
}

pub fn resolve(cli: &Cli) -> Result<Settings, Failure> {
    // Messages before the language is known are in the language asked for, if it parses.
    let early = cli
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let config = load_config(cli, early)?;
    let lang = match (&cli.lang, &config.lang) {
        (Some(l), _) => {
            Lang::parse(l).ok_or_else(|| fail(tr(early, T::ErrLang, &["--lang", l]), 2))?
        }
        (None, Some(l)) => {
            Lang::parse(l).ok_or_else(|| fail(tr(early, T::ErrLang, &["config: lang", l]), 2))?
        }
        (None, None) => Lang::Sv,
    };
    let asked = match cli.user.clone().or(config.user) {
        Some(u) => {
            let login = u.trim().to_string();
            if login.is_empty() {
                return Err(fail(T::ErrUserEmpty.text(lang).into(), 2));
            }
            if !valid_login(&login) {
                return Err(fail(T::ErrUserInvalid.text(lang).into(), 2));
            }
            Some(login)
        }
        None => None,
    };
    let identity = identity::Identity {
        account: identity::account(),
        asked,
    };
    let db = match (cli.db.clone(), config.db, cli.demo) {
        (Some(db), _, _) => db,
        (None, Some(db), false) => db,
        (None, _, demo) => {
            let dirs = dirs().ok_or_else(|| fail(T::ErrNoDataDir.text(lang).into(), 2))?;
            let dir = dirs.data_dir();
            std::fs::create_dir_all(dir).map_err(|e| {
                let d = dir.display().to_string();
                fail(tr(lang, T::ErrCannotCreate, &[&d, &e.to_string()]), 1)
            })?;
            dir.join(if demo {
                "demo.sqlite3"
            } else {
                "bidrag.sqlite3"
            })
        }
    };
    let keymap = match &cli.config {
        Some(p) => Some(p.parent().unwrap_or(Path::new(".")).join("keymap.toml")),
        None => dirs().map(|d| d.config_dir().join("keymap.toml")),
    };
    Ok(Settings {
        lang,
        identity,
        db,
        demo: cli.demo,
        keymap,
        mouse: config.mouse.unwrap_or(true),
    })
}

/// Is the database file, or its folder, without write permission? (Checked on the modes, so it
/// holds for every user, also one whom the system would let write anyway.)
fn is_read_only(db: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(db) else {
        return false;
    };
    let folder_read_only = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .metadata()
        .is_ok_and(|m| m.permissions().readonly());
    meta.permissions().readonly() || folder_read_only
}

/// A checklist file whose version the database already keeps with other content would be
/// silently ignored: refuse it, so an edit gets a new version.
fn check_kept_checklists(
    store: &Store,
    checklists: &[crate::checklists::Checklist],
    lang: Lang,
) -> Result<(), Failure> {
    for c in checklists {
        let kept = store
            .checklist_body(&c.template.id())
            .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
        if kept.is_some_and(|k| k != c.body) {
            let file = c.file.display().to_string();
            return Err(fail(
                tr(lang, T::ErrChecklistChanged, &[&file, &c.template.id()]),
                2,
            ));
        }
    }
    Ok(())
}

/// Opens the database, fills the demo when asked, and registers the acting user.
/// Returns the store, the user and status lines to show at start.
pub fn prepare(
    settings: &Settings,
    checklists: &[crate::checklists::Checklist],
    register_user: bool,
) -> Result<(Store, Option<User>, Vec<String>, bool), Failure> {
    let lang = settings.lang;
    let now = Utc::now();
    let today = Local::now().date_naive();
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    if is_read_only(&settings.db) {
        let p = settings.db.display().to_string();
        if !register_user {
            // A command that writes cannot run on a read-only database.
            return Err(fail(tr(lang, T::ErrReadOnlyNeedsWrite, &[&p]), 1));
        }
        let store = Store::open_read_only(&settings.db)
            .map_err(|e| fail(open_error_message(lang, &e), 1))?;
        let current = store.schema_version().map_err(db_err)?;
        let demo_missing = settings.demo && store.setting("demo").map_err(db_err)?.is_none();
        if current < crate::storage::LATEST_VERSION || demo_missing {
            return Err(fail(tr(lang, T::ErrReadOnlyNeedsWrite, &[&p]), 1));
        }
        // Nobody can be registered in a read-only database.
        let user = identity::known_user(&store, &settings.identity, lang)?;
        return Ok((
            store,
            Some(user),
            vec![T::ReadOnlyOpened.text(lang).to_string()],
            true,
        ));
    }
    let mut store =
        Store::open(&settings.db, now).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    let mut notes = Vec::new();
    if settings.demo {
        let is_demo = store.setting("demo").map_err(db_err)?.is_some();
        if !is_demo {
            if store.has_activity().map_err(db_err)? {
                let p = settings.db.display().to_string();
                return Err(fail(tr(lang, T::ErrDemoOnData, &[&p]), 2));
            }
            demo::generate(&mut store, today, checklists).map_err(db_err)?;
        }
        let logins: Vec<&str> = demo::DEMO_USERS.iter().map(|u| u.0).collect();
        notes.push(tr(lang, T::DemoUsers, &[&logins.join(", ")]));
    }
    check_kept_checklists(&store, checklists, lang)?;
    if !register_user {
        return Ok((store, None, notes, false));
    }
    let (user, note) = identity::acting_user(&mut store, &settings.identity, lang, now)?;
    if let Some(note) = note {
        notes.insert(0, note);
    }
    Ok((store, Some(user), notes, false))
}

/// The program: parse, prepare, run the TUI; errors go to stderr with a non-zero status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of the output went away (`| head`): not an error.
        Err(f) if f.code == 0 => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("bidrag: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// A checklist file's problem in words: the file, the item and the rule.
fn checklist_file_error(lang: Lang, e: &crate::checklists::ChecklistFileError) -> String {
    use crate::checklists::ChecklistFileError as F;
    use crate::domain::checklist::ChecklistError as C;
    match e {
        F::Invalid { file, error } => {
            let reason = match error {
                C::Syntax(m) => tr(lang, T::ClSyntax, &[m]),
                C::EmptyField(f) => tr(lang, T::ClEmptyField, &[f]),
                C::BadStep(n) => tr(lang, T::ClBadStep, &[&n.to_string()]),
                C::NoItems => T::ClNoItems.text(lang).to_string(),
                C::EmptyItemField { item, field } => tr(lang, T::ClEmptyItemField, &[item, field]),
                C::DuplicateKey(k) => tr(lang, T::ClDuplicateKey, &[k]),
                C::BadKey(k) => tr(lang, T::ClBadKey, &[k]),
            };
            format!("{}: {reason}", file.display())
        }
        F::Unreadable { file, reason } => tr(
            lang,
            T::ClUnreadable,
            &[&file.display().to_string(), reason],
        ),
        F::TwoForStep {
            first,
            second,
            step,
        } => tr(
            lang,
            T::ClTwoForStep,
            &[
                &first.display().to_string(),
                &second.display().to_string(),
                &step.to_string(),
            ],
        ),
    }
}

/// The shipped checklists with the user's own from the config directory; a bad file is refused
/// with its name, the item and the rule.
fn load_checklists(lang: Lang) -> Result<Vec<crate::checklists::Checklist>, Failure> {
    use crate::checklists::{current, load_dir, shipped};
    let refuse = |e: crate::checklists::ChecklistFileError| {
        let text = checklist_file_error(lang, &e);
        fail(tr(lang, T::ErrChecklistFile, &[&text]), 2)
    };
    let user_dir = dirs().map(|d| d.config_dir().join("checklists"));
    let user = match &user_dir {
        Some(dir) => load_dir(dir).map_err(refuse)?,
        None => Vec::new(),
    };
    current(shipped().map_err(refuse)?, user).map_err(refuse)
}

/// The letter templates: the shipped ones, each replaced by the agency's own file of its name
/// in `templates/` of the config directory; a file that is not a whole letter is refused.
fn load_templates(lang: Lang) -> Result<(), Failure> {
    use crate::io::letters::{Templates, use_templates};
    let Some(dir) = dirs().map(|d| d.config_dir().join("templates")) else {
        return Ok(());
    };
    let templates = Templates::load(&dir).map_err(|e| {
        use crate::domain::letter::{TemplateCheck, TemplateError};
        use crate::io::letters::TemplateFileError;
        let (file, why) = match &e {
            TemplateFileError::Io(file, io) => (file, io.to_string()),
            TemplateFileError::Check(file, check) => (
                file,
                match check {
                    TemplateCheck::Missing(f) => tr(lang, T::TplMissing, &[f]),
                    TemplateCheck::Template(TemplateError::UnknownField(f)) => {
                        tr(lang, T::TplUnknown, &[f])
                    }
                    TemplateCheck::Template(TemplateError::UnclosedBlock) => {
                        T::TplUnclosed.text(lang).to_string()
                    }
                },
            ),
        };
        let text = crate::domain::text::clean(&format!("{file}: {why}"));
        fail(tr(lang, T::ErrTemplateFile, &[&text]), 2)
    })?;
    use_templates(templates);
    Ok(())
}

/// An anchor and the letter it was read from (None: given on the command line).
type AnchorFrom = (Anchor, Option<String>);

/// Anchors to confirm: each given on the command line, and each in the letters of a folder
/// (with the letter it came from). Refuses a malformed anchor or an unreadable folder (exit 2).
fn anchors_to_confirm(
    lang: Lang,
    given: &[String],
    dir: Option<&Path>,
) -> Result<(Vec<AnchorFrom>, usize), Failure> {
    use crate::domain::text::clean;
    let mut out = Vec::new();
    for text in given {
        let anchor = Anchor::parse(text)
            .ok_or_else(|| fail(tr(lang, T::CheckAnchorBad, &[&clean(text)]), 2))?;
        out.push((anchor, None));
    }
    let mut without = 0;
    if let Some(dir) = dir {
        let shown = dir.display().to_string();
        let unreadable = |e: std::io::Error| {
            fail(
                tr(lang, T::CheckAnchorsDir, &[&clean(&shown), &e.to_string()]),
                2,
            )
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(unreadable)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(unreadable)?;
            let found = Anchor::find_all(&text);
            if found.is_empty() {
                without += 1;
            }
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.extend(found.into_iter().map(|a| (a, Some(name.clone()))));
        }
    }
    Ok((out, without))
}

fn check(settings: &Settings, given: &[String], dir: Option<&Path>) -> Result<(), Failure> {
    use crate::domain::text::clean;
    use crate::storage::Problem;
    let lang = settings.lang;
    let (anchors, without) = anchors_to_confirm(lang, given, dir)?;
    let store =
        Store::open_read_only(&settings.db).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    let report = store
        .check()
        .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
    // Anchors: what the chain no longer holds is a problem; what it holds is said in one line.
    let mut anchor_lines = Vec::new();
    let mut held = 0;
    for (anchor, letter) in &anchors {
        let holds = store
            .anchor_holds(anchor)
            .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
        if holds {
            held += 1;
        } else {
            anchor_lines.push(match letter {
                Some(l) => tr(lang, T::CheckAnchorMissingIn, &[&anchor.text(), &clean(l)]),
                None => tr(lang, T::CheckAnchorMissing, &[&anchor.text()]),
            });
        }
    }
    let mut notes = Vec::new();
    if !anchors.is_empty() || dir.is_some() {
        notes.push(tr(
            lang,
            T::CheckAnchorsHeld,
            &[&held.to_string(), &anchors.len().to_string()],
        ));
    }
    if without > 0 {
        notes.push(tr(lang, T::CheckLettersWithout, &[&without.to_string()]));
    }
    if report.problems.is_empty() && anchor_lines.is_empty() {
        let mut lines = vec![tr(lang, T::CheckOk, &[&report.events.to_string()])];
        lines.extend(notes);
        return say(lang, &lines);
    }
    let mut lines: Vec<String> = report
        .problems
        .iter()
        .map(|p| match p {
            // SQLite's own text can quote damaged content: cleaned before it is printed.
            Problem::Integrity(line) => tr(lang, T::CheckIntegrity, &[&clean(line)]),
            Problem::ForeignKey {
                table,
                rowid,
                parent,
            } => tr(
                lang,
                T::CheckForeignKey,
                &[&clean(table), &rowid.to_string(), &clean(parent)],
            ),
            Problem::ChainLink { event_id } => {
                tr(lang, T::CheckChainLink, &[&event_id.to_string()])
            }
            Problem::ChainContent { event_id } => {
                tr(lang, T::CheckChainContent, &[&event_id.to_string()])
            }
            Problem::Tally(what) => tr(lang, T::CheckTally, &[&clean(what)]),
            Problem::SearchText { cases, first } => tr(
                lang,
                T::CheckSearchText,
                &[&cases.to_string(), &clean(first)],
            ),
            Problem::Rule {
                record,
                id,
                dnr,
                rule,
            } => {
                use crate::storage::{DbRule, RuledRecord};
                let key = match (record, rule) {
                    (RuledRecord::Decision, DbRule::FourEyes) => T::CheckFourEyes,
                    (RuledRecord::Decision, DbRule::Jav) => T::CheckJav,
                    (RuledRecord::Recovery, DbRule::FourEyes) => T::CheckRecoveryFourEyes,
                    (RuledRecord::Recovery, DbRule::Jav) => T::CheckRecoveryJav,
                };
                tr(lang, key, &[&id.to_string(), &clean(&dnr.to_string())])
            }
            Problem::User { login, differs } => {
                use crate::storage::UserDiffers;
                let key = match differs {
                    UserDiffers::Unrecorded => T::CheckUserUnrecorded,
                    UserDiffers::Roles => T::CheckUserRoles,
                    UserDiffers::Delegation => T::CheckUserDelegation,
                    UserDiffers::Active => T::CheckUserActive,
                };
                tr(lang, key, &[&clean(login)])
            }
        })
        .collect();
    lines.extend(anchor_lines);
    lines.extend(notes);
    Err(fail(lines.join("\n"), 1))
}

/// Starts `path` for personal data: a new file, readable by its owner only, written under a
/// temporary name until [`finish_file`] gives it its name.
fn new_file(path: &Path, lang: Lang) -> Result<crate::io::output::NewFile, Failure> {
    crate::io::output::NewFile::create(path).map_err(|e| file_failure(lang, path, &e))
}

/// Gives a new file its name, once it is whole.
fn finish_file(file: crate::io::output::NewFile, path: &Path, lang: Lang) -> Result<(), Failure> {
    file.commit().map_err(|e| file_failure(lang, path, &e))
}

/// A file that could not be written: its name taken (bidrag never overwrites), or the cause
/// (a full disk, say), with the word that no file of that name was left.
fn file_failure(lang: Lang, path: &Path, e: &std::io::Error) -> Failure {
    let p = path.display().to_string();
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        fail(tr(lang, T::ErrExists, &[&p]), 2)
    } else {
        fail(tr(lang, T::ErrWriteFile, &[&p, &e.to_string()]), 1)
    }
}

fn backup(settings: &Settings, file: &Path) -> Result<(), Failure> {
    let lang = settings.lang;
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    let store =
        Store::open_read_only(&settings.db).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    // SQLite fills a new temporary file beside the copy (owner-only); it is checked, and only
    // then given its name. A failure (a full disk) leaves no file of that name behind.
    let target = new_file(file, lang)?;
    let temp = target.temp_path().to_path_buf();
    if let Err(e) = store.backup_to(&temp) {
        let p = file.display().to_string();
        return Err(fail(tr(lang, T::ErrWriteFile, &[&p, &e.to_string()]), 1));
    }
    let copy = Store::open_read_only(&temp).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    let report = copy.check().map_err(db_err)?;
    if !report.problems.is_empty() {
        let p = file.display().to_string();
        return Err(fail(tr(lang, T::ErrBackupCheck, &[&p]), 1));
    }
    let cases = copy.count_all_cases().map_err(db_err)?;
    drop(copy);
    finish_file(target, file, lang)?;
    let p = file.display().to_string();
    say(lang, &[tr(lang, T::BackupDone, &[&p, &cases.to_string()])])
}

fn export(
    settings: &Settings,
    what: ExportWhat,
    format: ExportFormat,
    out: Option<&Path>,
    delimiter: &str,
) -> Result<(), Failure> {
    use crate::storage::Table;
    use std::io::Write;
    let lang = settings.lang;
    let sep = delimiter_byte(delimiter, lang)?;
    let store =
        Store::open_read_only(&settings.db).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    let table = match what {
        ExportWhat::Cases => Table::Cases,
        ExportWhat::Decisions => Table::Decisions,
        ExportWhat::Organisations => Table::Organisations,
    };
    // A file is written whole under a temporary name and then named; standard output streams.
    let mut target = match out {
        Some(path) => Some((new_file(path, lang)?, path)),
        None => None,
    };
    let sink: Box<dyn Write + '_> = match target.as_mut() {
        Some((file, _)) => Box::new(std::io::BufWriter::new(file)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let headers = table.headers();
    let io_err = |e: std::io::Error| match out {
        Some(path) => file_failure(lang, path, &e),
        None => write_failure(lang, &e),
    };
    let result = match format {
        ExportFormat::Csv => {
            let mut w = csv::WriterBuilder::new().delimiter(sep).from_writer(sink);
            w.write_record(headers).map_err(|e| io_err(csv_io(e)))?;
            let n = store
                .export_rows(table, |row| {
                    let cells: Vec<_> = row.iter().map(|c| crate::io::neutralise_cell(c)).collect();
                    w.write_record(cells.iter().map(|c| c.as_bytes()))
                        .map_err(csv_io)
                })
                .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
            w.flush().map_err(io_err)?;
            n
        }
        ExportFormat::Json => {
            let mut w = sink;
            let mut first = true;
            w.write_all(b"[").map_err(io_err)?;
            let n = store
                .export_rows(table, |row| {
                    let object: serde_json::Map<String, serde_json::Value> = headers
                        .iter()
                        .zip(row)
                        .map(|(k, v)| ((*k).to_string(), serde_json::Value::String(v.clone())))
                        .collect();
                    let sep = if first { "\n" } else { ",\n" };
                    first = false;
                    write!(w, "{sep}{}", serde_json::Value::Object(object))
                })
                .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
            w.write_all(b"\n]\n").map_err(io_err)?;
            w.flush().map_err(io_err)?;
            n
        }
    };
    // A reader that stops early (`| head`) is not an error (write_failure).
    let n = result.map_err(io_err)?;
    if let Some((file, path)) = target {
        finish_file(file, path, lang)?;
        let p = path.display().to_string();
        eprintln!("{}", tr(lang, T::ExportDone, &[&n.to_string(), &p]));
    }
    Ok(())
}

/// The CSV field separator: one printable character that cannot be part of a value's text the
/// way letters, digits and the quote are (no line break, tab, escape or other control).
fn delimiter_byte(delimiter: &str, lang: Lang) -> Result<u8, Failure> {
    match delimiter.as_bytes() {
        [b] if b.is_ascii_graphic() && !b.is_ascii_alphanumeric() && *b != b'"' => Ok(*b),
        // Shown escaped: a line break or an escape as typed would reach the terminal.
        _ => Err(fail(
            tr(
                lang,
                T::ErrDelimiter,
                &[&delimiter.escape_debug().to_string()],
            ),
            2,
        )),
    }
}

fn import(
    settings: &Settings,
    what: ImportWhat,
    file: &Path,
    dry_run: bool,
    call: Option<&str>,
) -> Result<(), Failure> {
    use crate::io::{import as imp, table};
    let lang = settings.lang;
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    let shown = file.display().to_string();
    let unreadable = |e: table::TableError| {
        let reason = table::table_error_text(lang, &e);
        fail(tr(lang, T::ImpFile, &[&shown, &reason]), 2)
    };
    if let Err(e) = std::fs::File::open(file) {
        return Err(fail(tr(lang, T::ImpFile, &[&shown, &e.to_string()]), 2));
    }
    // Read as a stream: once for its encoding and what cannot be read, then row by row.
    let mut raw = table::Table::open(table::Input::File(file)).map_err(unreadable)?;
    let checklists = load_checklists(lang)?;
    let (mut store, _, _, _) = if dry_run {
        // A dry run reads only: the database must exist and is opened read-only.
        let store = Store::open_read_only(&settings.db)
            .map_err(|e| fail(open_error_message(lang, &e), 1))?;
        (store, None, Vec::new(), true)
    } else if is_read_only(&settings.db) {
        // Said as it is: the file cannot be written, so nothing can be imported into it.
        let p = settings.db.display().to_string();
        return Err(fail(tr(lang, T::ErrReadOnlyImport, &[&p]), 1));
    } else {
        prepare(settings, &checklists, false)?
    };
    let today = Local::now().date_naive();
    let plan = match what {
        ImportWhat::Applications => imp::plan_applications(&mut raw, &store, call, today),
        ImportWhat::Organisations => imp::plan_organisations(&mut raw, &store),
    }
    .map_err(|e| match e {
        imp::PlanError::Table(e) => unreadable(e),
        imp::PlanError::Store(e) => db_err(e),
    })?;
    let format = match raw.delimiter {
        Some(d) => format!("{}, {d:?}", raw.encoding.name()),
        None => format!("{}, JSON", raw.encoding.name()),
    };
    // File names, headers and values quoted in messages come from the file: cleaned.
    let clean = crate::domain::text::clean;
    eprintln!(
        "{}",
        clean(&tr(
            lang,
            T::ImpRead,
            &[&shown, &format, &plan.rows.to_string()]
        ))
    );
    if !plan.ignored_columns.is_empty() {
        eprintln!(
            "{}",
            clean(&tr(
                lang,
                T::ImpIgnored,
                &[&plan.ignored_columns.join(", ")]
            ))
        );
    }
    // Every error and warning, with its row and column.
    for line in imp::problem_lines(lang, &plan) {
        eprintln!("{}", clean(&line));
    }
    if !plan.ok() {
        return Err(fail(
            tr(lang, T::ImpRefused, &[&plan.error_count.to_string()]),
            1,
        ));
    }
    let (cases, orgs, existing) = (
        plan.cases.len().to_string(),
        plan.new_orgs.len().to_string(),
        plan.existing.to_string(),
    );
    if dry_run {
        return say(lang, &[tr(lang, T::ImpWould, &[&cases, &orgs, &existing])]);
    }
    // A progress bar for large files, on a terminal only.
    let bar = (std::io::stderr().is_terminal() && plan.cases.len() >= 500)
        .then(|| indicatif::ProgressBar::new(plan.cases.len() as u64));
    let tick = |done: usize, _: usize| {
        if let Some(b) = &bar {
            b.set_position(done as u64);
        }
        true
    };
    let now = Utc::now();
    let (user, _) = identity::acting_user(&mut store, &settings.identity, lang, now)?;
    let ctx = crate::service::Ctx {
        user_id: user.id,
        today,
        now,
        checklists: &checklists,
        letters_dir: Path::new("brev"),
    };
    let done = crate::service::import::apply(&mut store, &ctx, &plan, &shown, &tick)
        .map_err(|e| service_failure(lang, e))?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // What was written: rows another writer created meanwhile count as already there.
    let (cases, orgs, existing) = (
        done.cases.to_string(),
        done.organisations.to_string(),
        (plan.existing + done.skipped).to_string(),
    );
    say(lang, &[tr(lang, T::ImpDone, &[&cases, &orgs, &existing])])
}

fn report(
    settings: &Settings,
    call: Option<&str>,
    format: ReportFormat,
    out: Option<&Path>,
    delimiter: &str,
) -> Result<(), Failure> {
    use std::io::Write;
    let lang = settings.lang;
    let sep = delimiter_byte(delimiter, lang)?;
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    let store =
        Store::open_read_only(&settings.db).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    let call_id = match call {
        None => None,
        Some(c) => {
            let calls = store.calls().map_err(db_err)?;
            let found = c
                .parse::<i64>()
                .ok()
                .and_then(|id| calls.iter().find(|x| x.id == id))
                .or_else(|| {
                    calls
                        .iter()
                        .find(|x| x.name.to_lowercase() == c.to_lowercase())
                });
            match found {
                Some(x) => Some(x.id),
                None => return Err(fail(tr(lang, T::RuleUnknownCall, &[c]), 2)),
            }
        }
    };
    // The file is started first, so a name already taken is refused before any work.
    let target = match out {
        Some(path) => Some((new_file(path, lang)?, path)),
        None => None,
    };
    let rows = store.granted(call_id).map_err(db_err)?;
    let bytes = match format {
        ReportFormat::Text => {
            crate::io::report::text(&rows, lang, T::RptTitle.text(lang)).into_bytes()
        }
        ReportFormat::Csv => crate::io::report::csv(&rows, sep, lang)
            .map_err(|e| fail(tr(lang, T::ErrWrite, &[&e.to_string()]), 1))?,
        ReportFormat::Xlsx => {
            if out.is_none() {
                return Err(fail(T::ErrXlsxOut.text(lang).into(), 2));
            }
            crate::io::report::xlsx(&rows, lang)
                .map_err(|e| fail(tr(lang, T::ErrWrite, &[&e.to_string()]), 1))?
        }
    };
    let io_err = |e: std::io::Error| write_failure(lang, &e);
    match target {
        Some((mut file, path)) => {
            file.write_all(&bytes)
                .map_err(|e| file_failure(lang, path, &e))?;
            finish_file(file, path, lang)?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes).map_err(io_err)?;
            stdout.flush().map_err(io_err)?;
        }
    }
    Ok(())
}

fn contacts(
    settings: &Settings,
    search: Option<&str>,
    pseudonymise: Option<i64>,
    remove: Option<i64>,
) -> Result<(), Failure> {
    let lang = settings.lang;
    let db_err =
        |e: crate::storage::StoreError| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1);
    let Some(id) = pseudonymise.or(remove) else {
        let store = Store::open_read_only(&settings.db)
            .map_err(|e| fail(open_error_message(lang, &e), 1))?;
        use std::io::Write;
        let needle = search.map(str::to_lowercase);
        let mut out = std::io::stdout().lock();
        for c in store.contacts().map_err(db_err)? {
            let hay = format!("{} {} {}", c.name, c.email, c.organisation).to_lowercase();
            if needle.as_ref().is_some_and(|n| !hay.contains(n.as_str())) {
                continue;
            }
            // Names and addresses come from files: no escape sequence reaches the terminal.
            let clean = crate::domain::text::clean;
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                c.id,
                clean(&c.name),
                clean(&c.role),
                clean(&c.email),
                clean(&c.phone),
                clean(&c.organisation)
            )
            .map_err(|e| write_failure(lang, &e))?;
        }
        return out.flush().map_err(|e| write_failure(lang, &e));
    };
    let checklists = load_checklists(lang)?;
    let (mut store, _, _, _) = prepare(settings, &checklists, false)?;
    let now = Utc::now();
    let (user, _) = identity::acting_user(&mut store, &settings.identity, lang, now)?;
    let ctx = crate::service::Ctx {
        user_id: user.id,
        today: Local::now().date_naive(),
        now,
        checklists: &checklists,
        letters_dir: Path::new("brev"),
    };
    let removing = remove.is_some();
    crate::service::admin::erase_contact(&mut store, &ctx, id, removing).map_err(|e| match e {
        crate::service::ServiceError::Refused(Refused::ContactArchived(named)) => {
            fail(tr(lang, T::ContactArchived, &[&named.join(", ")]), 1)
        }
        crate::service::ServiceError::Store(crate::storage::StoreError::NotFound(_)) => {
            fail(tr(lang, T::ContactMissing, &[&id.to_string()]), 2)
        }
        other => service_failure(lang, other),
    })?;
    // The old name must not stay behind in the write-ahead log.
    store.checkpoint().map_err(db_err)?;
    let key = if removing {
        T::ContactRemoved
    } else {
        T::ContactPseudonymised
    };
    say(lang, &[tr(lang, key, &[&id.to_string()])])
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let settings = resolve(cli)?;
    let lang = settings.lang;
    // A command on a database that is not there says so and how to make one; it creates
    // nothing (only `init`, the demo and the interface create a database).
    let creates = matches!(
        cli.command,
        None | Some(Command::Init) | Some(Command::Demo { .. })
    );
    if !creates && !settings.demo && !settings.db.exists() {
        let path = crate::domain::text::clean(&settings.db.display().to_string());
        return Err(fail(tr(lang, T::ErrNoDatabase, &[&path]), 1));
    }
    match &cli.command {
        Some(Command::Check { anchor, anchors }) => {
            return check(&settings, anchor, anchors.as_deref());
        }
        Some(Command::Backup { file }) => return backup(&settings, file),
        Some(Command::Export {
            what,
            format,
            out,
            delimiter,
        }) => return export(&settings, *what, *format, out.as_deref(), delimiter),
        Some(Command::Import {
            what,
            file,
            dry_run,
            call,
        }) => return import(&settings, *what, file, *dry_run, call.as_deref()),
        Some(Command::Report {
            what: ReportWhat::Granted,
            call,
            format,
            out,
            delimiter,
        }) => {
            return report(
                &settings,
                call.as_deref(),
                *format,
                out.as_deref(),
                delimiter,
            );
        }
        Some(Command::Contacts {
            search,
            pseudonymise,
            remove,
        }) => return contacts(&settings, search.as_deref(), *pseudonymise, *remove),
        Some(Command::Demo { cases, out }) => return demo_scaled(lang, *cases, out),
        Some(Command::User { command }) => return admin::user(&settings, command),
        Some(Command::Call { command }) => return admin::call(&settings, command),
        Some(Command::Settings { command }) => return admin::settings(&settings, command),
        Some(Command::Init) => {
            let checklists = load_checklists(lang)?;
            let new = !settings.db.exists();
            let (mut store, _, _, _) = prepare(&settings, &checklists, false)?;
            let cases = store
                .count_all_cases()
                .map_err(|e| fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1))?;
            let path = settings.db.display().to_string();
            let mut lines = vec![tr(lang, T::InitDone, &[&path, &cases.to_string()])];
            // Whoever creates the database is its first administratör.
            let admin = identity::bootstrap_admin(
                &mut store,
                &settings.identity,
                &settings.db,
                new,
                lang,
                Utc::now(),
            )?;
            if let Some(admin) = admin {
                lines.push(tr(lang, T::FirstAdmin, &[&admin.login]));
            }
            return say(lang, &lines);
        }
        None => {}
    }
    // A bad database path is refused first, with nothing written; then nothing is written
    // until it is certain the interface can start.
    crate::storage::probe(&settings.db).map_err(|e| fail(open_error_message(lang, &e), 1))?;
    let keymap = load_keymap(&settings)?;
    load_templates(lang)?;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return Err(fail(T::ErrNotTerminal.text(lang).into(), 1));
    }
    let checklists = load_checklists(lang)?;
    let (mut store, user, notes, read_only) = prepare(&settings, &checklists, true)?;
    let Some(user) = user else {
        return Err(fail(T::ErrNoLogin.text(lang).into(), 2));
    };
    let label = if settings.demo {
        format!("{} ({})", settings.db.display(), T::ReadOnlyDemo.text(lang))
    } else {
        settings.db.display().to_string()
    };
    let mut app = App::new(
        lang,
        user,
        Local::now().date_naive(),
        label,
        keymap,
        checklists,
    );
    app.utc_offset = Local::now().offset().fix();
    app.read_only = read_only;
    app.mouse = settings.mouse;
    // Letters go into "brev" beside the database file.
    app.letters_dir = settings
        .db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("brev");
    if !notes.is_empty() {
        app.set_status(notes.join(" "));
    }
    let theme = Theme::from_no_color(std::env::var("NO_COLOR").ok().as_deref());
    let data_dir = dirs().map(|d| d.data_dir().to_path_buf());
    let crash = crash_report(lang, data_dir.as_deref());
    // Long work (import, batches, rounds) runs on a connection of its own; a read-only
    // database has none to run.
    let worker = if read_only {
        None
    } else {
        crate::service::worker::Worker::start(
            &settings.db,
            app.checklists.clone(),
            app.letters_dir.clone(),
        )
        .ok()
    };
    crate::tui::run(&mut app, &mut store, worker.as_ref(), &theme, crash)
        .map_err(|e| fail(tr(lang, T::ErrTerminal, &[&e.to_string()]), 1))
}
