//! The figures of product.md on a large database: `cargo bench`. The database is
//! `BIDRAG_BENCH_DB` (default `target/bench-1m.sqlite3`), generated with
//! `bidrag demo --cases N` (N = `BIDRAG_BENCH_CASES`, default 1 000 000) when it does not exist.
//! Frame figures include the state update and the render to a 120×40 TestBackend.

use bidrag::app::{App, Effect, Key, KeyCode, Keymap};
use bidrag::domain::search::{CaseQuery, Search, Sort};
use bidrag::domain::{CaseSource, Queue};
use bidrag::i18n::Lang;
use bidrag::service::drive;
use bidrag::storage::Store;
use bidrag::ui::{self, Theme};
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use std::sync::OnceLock;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

fn db_path() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = std::env::var_os("BIDRAG_BENCH_DB").map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-1m.sqlite3"),
            PathBuf::from,
        );
        if !path.exists() {
            let cases = std::env::var("BIDRAG_BENCH_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1_000_000);
            eprintln!("generating {cases} cases into {} …", path.display());
            let checklists = bidrag::checklists::shipped().expect("checklists");
            let mut store = Store::open(&path, now()).expect("create");
            bidrag::demo::generate_scaled(&mut store, today(), &checklists, cases)
                .expect("generate");
        }
        path
    })
    .clone()
}

fn open_app() -> (App, Store, Terminal<TestBackend>) {
    let mut store = Store::open(&db_path(), now()).expect("open");
    let (user, _) = store.write(now(), |w| w.ensure_user("anna")).expect("user");
    let checklists = bidrag::checklists::shipped().expect("checklists");
    let mut app = App::new(
        Lang::Sv,
        user,
        today(),
        "bench".into(),
        Keymap::default_map(),
        checklists,
    );
    let start = app.start();
    drive(&mut app, &mut store, start, &now);
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    (app, store, terminal)
}

fn frame(app: &App, terminal: &mut Terminal<TestBackend>) {
    let theme = Theme::mono();
    terminal.draw(|f| ui::render(app, &theme, f)).expect("draw");
}

fn key(app: &mut App, store: &mut Store, k: Key) {
    let effects = app.handle_key(k);
    drive(app, store, effects, &now);
}

fn main() {
    // Generate (or find) the database before any timing starts.
    let _ = db_path();
    // Memory first: the benchmarks after it (the import above all) leave the heap larger.
    report_memory();
    divan::main();
    report_navigation();
}

/// The distribution of navigation keys (divan reports medians) in "Alla öppna", in received
/// order and then in deadline order (`o`): 3 000 `j` (crossing fifteen windows), then `G`, `k`
/// back across windows, `PageUp` and `g`.
fn report_navigation() {
    let (mut app, mut store, mut terminal) = open_app();
    for k in ["3", "G", "<Enter>"] {
        key(&mut app, &mut store, Key::parse(k).expect("key"));
    }
    for order in ["received", "deadline"] {
        if order == "deadline" {
            key(&mut app, &mut store, Key::parse("o").expect("key"));
            assert_eq!(
                app.cases.query.as_ref().map(|q| q.sort),
                Some(Sort::Deadline)
            );
        }
        let mut times = Vec::new();
        let mut slowest = (std::time::Duration::ZERO, String::new());
        let mut timed = |app: &mut App, store: &mut Store, k: Key| {
            let start = std::time::Instant::now();
            key(app, store, k);
            frame(app, &mut terminal);
            let took = start.elapsed();
            if took > slowest.0 {
                slowest = (took, format!("{k:?} at row {}", app.cases.selected));
            }
            times.push(took);
        };
        for _ in 0..3_000 {
            timed(&mut app, &mut store, Key::plain(KeyCode::Down));
        }
        timed(&mut app, &mut store, Key::parse("G").expect("key"));
        for _ in 0..500 {
            timed(&mut app, &mut store, Key::plain(KeyCode::Up));
        }
        for _ in 0..50 {
            timed(&mut app, &mut store, Key::plain(KeyCode::PageUp));
        }
        timed(&mut app, &mut store, Key::parse("g").expect("key"));
        eprintln!("{order} order, slowest key: {slowest:?}");
        times.sort();
        let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        eprintln!(
            "{order} order, navigation key to frame over {} keys: median {:?}, p99 {:?}, max {:?}",
            times.len(),
            at(0.5),
            at(0.99),
            times[times.len() - 1]
        );
    }
}

/// Start-up: open the database, load the home screen, draw the first frame.
#[divan::bench(sample_count = 20)]
fn startup_to_first_frame() {
    let (app, _store, mut terminal) = open_app();
    frame(&app, &mut terminal);
}

/// j in the case list of "Alla öppna", and the frame after it.
#[divan::bench(sample_count = 500)]
fn navigation_key_to_frame(bencher: divan::Bencher) {
    let (mut app, mut store, mut terminal) = open_app();
    for k in ["3", "G", "<Enter>"] {
        key(&mut app, &mut store, Key::parse(k).expect("key"));
    }
    let down = Key::plain(KeyCode::Down);
    bencher.bench_local(|| {
        key(&mut app, &mut store, down);
        frame(&app, &mut terminal);
    });
}

/// One keystroke typed into the `/` filter of "Alla öppna" (and the frame after it).
#[divan::bench(sample_count = 100)]
fn filter_keystroke_to_frame(bencher: divan::Bencher) {
    let (mut app, mut store, mut terminal) = open_app();
    for k in ["3", "G", "/", "r", "ö", "d"] {
        key(&mut app, &mut store, Key::parse(k).expect("key"));
    }
    let mut add = true;
    bencher.bench_local(|| {
        // Alternately "röda" and "röd": each keystroke changes the query.
        let k = if add {
            Key::ch('a')
        } else {
            Key::plain(KeyCode::Backspace)
        };
        add = !add;
        key(&mut app, &mut store, k);
        frame(&app, &mut terminal);
    });
}

/// The first 60 characters of a demo note pasted into `f` (issue 19), each time into an emptied search, up
/// to the frame that shows its results: as one bracketed paste, and as the 60 keys a terminal
/// without bracketed paste sends, read in one burst as the terminal loop reads them.
const PASTED: &str = "Sökande uppgav i telefon att kartläggningen omfattar hela ko";

#[divan::bench(sample_count = 30, args = ["bracketed", "keys", "one search per key"])]
fn paste_into_search_to_frame(bencher: divan::Bencher, how: &str) {
    use bidrag::app::Msg;
    use bidrag::app::burst::Input;
    use std::cell::RefCell;
    let (app, store, terminal) = open_app();
    let state = RefCell::new((app, store, terminal));
    assert_eq!(PASTED.chars().count(), 60);
    bencher
        .with_inputs(|| {
            // Not timed: an emptied search, its whole list loaded.
            let (app, store, _) = &mut *state.borrow_mut();
            for k in ["<Esc>", "f"] {
                key(app, store, Key::parse(k).expect("key"));
            }
            if how != "bracketed" {
                PASTED.chars().map(|c| Input::Key(Key::ch(c))).collect()
            } else {
                vec![Input::Msg(Msg::Paste(PASTED.into()))]
            }
        })
        .bench_local_values(|inputs: Vec<Input>| {
            let (app, store, terminal) = &mut *state.borrow_mut();
            if how == "one search per key" {
                // As the loop was before issue 19: each key's search run before the next key.
                for input in inputs {
                    app.feed([input], |app, effects| drive(app, store, effects, &now));
                }
            } else {
                app.feed(inputs, |app, effects| drive(app, store, effects, &now));
            }
            assert_eq!(app.filter.text, PASTED);
            frame(app, terminal);
        });
}

/// A full-text search over every case, notes and documents included: count and first window.
#[divan::bench(sample_count = 100, args = ["telefonsamtal", "mosaik", "status:forslag kommun:ale"])]
fn full_text_search(bencher: divan::Bencher, text: &str) {
    let store = Store::open(&db_path(), now()).expect("open");
    let query = CaseQuery {
        source: CaseSource::All,
        search: Search::parse(text).expect("parses"),
        body: true,
        sort: Sort::Received,
    };
    bencher.bench_local(|| {
        let n = store.count_query(&query, 1, today()).expect("count");
        let rows = store
            .query_window(&query, 1, today(), 0, bidrag::app::CASE_PAGE)
            .expect("window");
        divan::black_box((n, rows.len()));
    });
}

/// Opening a case: everything the case view shows.
#[divan::bench(sample_count = 200)]
fn open_case(bencher: divan::Bencher) {
    let (mut app, mut store, mut terminal) = open_app();
    let ids: Vec<i64> = store
        .case_window(CaseSource::Queue(Queue::AllOpen), 1, today(), 0, 200)
        .expect("window")
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % ids.len();
        drive(&mut app, &mut store, vec![Effect::LoadCase(ids[i])], &now);
        frame(&app, &mut terminal);
    });
}

/// The live counts of every queue.
#[divan::bench(sample_count = 100)]
fn queue_counts(bencher: divan::Bencher) {
    let store = Store::open(&db_path(), now()).expect("open");
    bencher.bench_local(|| divan::black_box(store.queue_counts(1, today()).expect("counts")));
}

/// Importing 100 000 application rows into a copy of the database (check and write).
/// A batch preview of 3 000 marked cases (issue 15: under 300 ms): every case's facts read in a
/// few set queries, then each line planned by the rules.
#[divan::bench(sample_count = 20)]
fn batch_preview_3000(bencher: divan::Bencher) {
    let mut store = Store::open(&db_path(), now()).expect("open");
    let (anna, _) = bidrag::service::admin::ensure_user(&mut store, now(), "anna").expect("user");
    let ids: Vec<i64> = store
        .connection()
        .prepare("SELECT id FROM cases ORDER BY id DESC LIMIT 3000")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))
                .and_then(|rows| rows.collect::<Result<Vec<i64>, _>>())
        })
        .expect("ids");
    let checklists = bidrag::checklists::shipped().expect("checklists");
    let ctx = bidrag::service::Ctx {
        user_id: anna.id,
        today: today(),
        now: now(),
        checklists: &checklists,
        letters_dir: std::path::Path::new("brev"),
    };
    let change = bidrag::app::BatchChange::Transition {
        transition: bidrag::domain::workflow::Transition::StartHandling,
        reason: None,
    };
    bencher.bench_local(|| {
        let lines = bidrag::service::batch::preview(&store, &ctx, &ids, &change).expect("preview");
        assert_eq!(lines.len(), ids.len());
        divan::black_box(lines)
    });
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn import_100k_rows(bencher: divan::Bencher) {
    let dir = tempfile::TempDir::new().expect("tmp");
    let copy = dir.path().join("copy.sqlite3");
    {
        let store = Store::open(&db_path(), now()).expect("open");
        store.backup_to(&copy).expect("copy");
    }
    // The copy's 3 GB on disk before the clock starts, not written back during the import.
    std::fs::File::open(&copy)
        .and_then(|f| f.sync_all())
        .expect("sync");
    let mut csv = String::from("organisationsnummer,inkommen,beskrivning,utlysning\n");
    for i in 0..100_000 {
        csv.push_str(&format!(
            "212000-1124,2018-05-02,Importerad anmälan {i},2018 Intresseanmälan\n"
        ));
    }
    let checklists = bidrag::checklists::shipped().expect("checklists");
    let mut store = Store::open(&copy, now()).expect("open copy");
    let (anna, _) = bidrag::service::admin::ensure_user(&mut store, now(), "anna").expect("user");
    bencher.bench_local(|| {
        // The file is read as the import reads it: a stream, row by row, while it is checked.
        let mut table =
            bidrag::io::table::Table::open(bidrag::io::table::Input::Bytes(csv.as_bytes()))
                .expect("table");
        let plan =
            bidrag::io::import::plan_applications(&mut table, &store, None, today()).expect("plan");
        assert!(plan.ok(), "the bench file is valid");
        let ctx = bidrag::service::Ctx {
            user_id: anna.id,
            today: today(),
            now: now(),
            checklists: &checklists,
            letters_dir: std::path::Path::new("brev"),
        };
        bidrag::service::import::apply(
            &mut store,
            &ctx,
            &plan,
            "bench",
            &bidrag::service::Unwatched,
        )
        .expect("apply");
    });
}

/// Resident memory after browsing: start, walk a queue, open cases, filter.
fn report_memory() {
    let (mut app, mut store, mut terminal) = open_app();
    for k in ["3", "G", "<Enter>"] {
        key(&mut app, &mut store, Key::parse(k).expect("key"));
    }
    for _ in 0..30 {
        key(&mut app, &mut store, Key::plain(KeyCode::PageDown));
        frame(&app, &mut terminal);
    }
    for k in [
        "<Enter>", "n", "n", "n", "<Esc>", "/", "r", "ö", "d", "a", "<Esc>",
    ] {
        key(&mut app, &mut store, Key::parse(k).expect("key"));
        frame(&app, &mut terminal);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .unwrap_or("VmRSS: unknown");
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("VmHWM: unknown");
    eprintln!("memory while browsing: {rss}; peak {hwm}");
}
