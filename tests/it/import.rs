//! Import, export and reports through the real binary, on fixture files.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn bidrag(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("bidrag").expect("binary");
    cmd.env_clear()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("USER", "anna")
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh database with the reference data (no demo: counts stay simple).
fn fresh(home: &TempDir) -> PathBuf {
    let db = home.path().join("b.db");
    let (code, _, err) = run(bidrag(home).arg("--db").arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    crate::common::give_all_roles(home.path(), &db);
    db
}

fn count(db: &Path, table: &str) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

fn import(
    home: &TempDir,
    db: &Path,
    what: &str,
    file: &Path,
    extra: &[&str],
) -> (i32, String, String) {
    run(bidrag(home)
        .arg("--db")
        .arg(db)
        .args(["import", what])
        .arg(file)
        .args(extra))
}

#[test]
fn comma_semicolon_bom_and_windows_1252_files_import() {
    for name in [
        "comma.csv",
        "semicolon_bom.csv",
        "windows1252.csv",
        "applications.json",
    ] {
        let home = TempDir::new().expect("tmp");
        let db = fresh(&home);
        let (code, out, err) = import(&home, &db, "applications", &fixture(name), &[]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.starts_with("Importerat:"), "{name}: {out}");
        let conn = rusqlite::Connection::open(&db).expect("open");
        let org: String = conn
            .query_row(
                "SELECT name FROM organisations WHERE org_nr = '802100-0008'",
                [],
                |r| r.get(0),
            )
            .expect("created organisation");
        assert!(org.starts_with("Föreningen Brobyggarna"), "{name}: {org}");
        let titles: Vec<String> = conn
            .prepare("SELECT title FROM cases ORDER BY id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert!(!titles.is_empty());
        if name == "semicolon_bom.csv" {
            assert_eq!(
                titles[0], "Två rader:\nförsta och andra",
                "quoted newline kept"
            );
            let amount: i64 = conn
                .query_row(
                    "SELECT requested_ore FROM cases ORDER BY id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .expect("amount");
            assert_eq!(amount, 125_000_050);
        }
        if name == "windows1252.csv" {
            assert!(err.contains("Windows-1252"), "{err}");
            assert_eq!(titles[0], "Mötesplats för föräldrar");
        }
        if name == "comma.csv" {
            assert_eq!(titles[1], "Malmö stads anmälan, med \"citat\"");
            let county: String = conn
                .query_row(
                    "SELECT county FROM organisations WHERE org_nr = '802100-0008'",
                    [],
                    |r| r.get(0),
                )
                .expect("county");
            assert_eq!(county, "Skåne län", "the kommun column gives the län");
            let contact: String = conn
                .query_row("SELECT email FROM contacts", [], |r| r.get(0))
                .expect("contact");
            assert_eq!(contact, "eva@example.org");
        }
    }
}

#[test]
fn one_bad_row_means_nothing_is_written_and_every_error_is_named() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let before = std::fs::read(&db).expect("read");
    let (cases, orgs) = (count(&db, "cases"), count(&db, "organisations"));
    let (code, _, err) = import(&home, &db, "applications", &fixture("bad_rows.csv"), &[]);
    assert_eq!(code, 1);
    for expected in [
        "rad 3, kolumn organisationsnummer: kontrollsiffran 7 stämmer inte (ska vara 8)",
        "rad 4, kolumn belopp: siffergrupperna ska ha tre siffror",
        "rad 5, kolumn inkommen: är inget datum (ÅÅÅÅ-MM-DD)",
        "rad 6, kolumn beskrivning: samma som rad 2",
        "4 fel; inget importerades.",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(
        (count(&db, "cases"), count(&db, "organisations")),
        (cases, orgs)
    );
    let _ = before;
}

#[test]
fn a_dry_run_reports_and_leaves_the_file_as_it_was() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let before = std::fs::read(&db).expect("read");
    let (code, out, err) = import(
        &home,
        &db,
        "applications",
        &fixture("comma.csv"),
        &["--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "Provkörning: 2 ärenden och 1 organisationer skulle skapas; 0 rader finns redan. Inget skrevs."
    );
    assert_eq!(std::fs::read(&db).expect("read"), before);
}

#[test]
fn importing_the_same_file_twice_creates_nothing_twice() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let (code, _, err) = import(&home, &db, "applications", &fixture("comma.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    let cases = count(&db, "cases");
    let (code, out, _) = import(&home, &db, "applications", &fixture("comma.csv"), &[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("0 ärenden och 0 organisationer; 2 rader fanns redan"),
        "{out}"
    );
    assert_eq!(count(&db, "cases"), cases);
}

#[test]
fn a_row_outside_every_open_call_needs_a_call() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    // The fresh database has only the 2018 calls: 2026 dates fall outside them.
    let (code, _, err) = import(&home, &db, "applications", &fixture("comma.csv"), &[]);
    let _ = (code, err);
    let home2 = TempDir::new().expect("tmp");
    let db2 = home2.path().join("c.db");
    let (code, _, err) = run(bidrag(&home2).arg("--db").arg(&db2).arg("init"));
    assert_eq!(code, 0, "{err}");
    crate::common::give_all_roles(home2.path(), &db2);
    let file = home2.path().join("x.csv");
    std::fs::write(
        &file,
        "organisationsnummer,inkommen,beskrivning\n212000-1124,2019-03-01,Sent\n",
    )
    .expect("write");
    let (code, _, err) = import(&home2, &db2, "applications", &file, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains("ingen intresseanmälan var öppen det datumet"),
        "{err}"
    );
    let (code, out, err) = import(
        &home2,
        &db2,
        "applications",
        &file,
        &["--call", "2018 Intresseanmälan"],
    );
    // Naming the call does not take a late row past its closing: that needs a reason on
    // record, given where the case is registered one by one.
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("rad 2, kolumn inkommen: utlysningen 2018 Intresseanmälan stängde 2018-05-15"),
        "{err}"
    );
    assert!(err.contains("inget importerades"), "{err}");
}

#[test]
fn an_export_re_imports_to_the_same_data() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("demo.db");
    let (code, _, err) = run(bidrag(&home).args(["--demo", "--db"]).arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    for (what, format) in [
        ("cases", "csv"),
        ("cases", "json"),
        ("organisations", "csv"),
    ] {
        let file = home.path().join(format!("{what}.{format}"));
        let (code, _, err) = run(bidrag(&home)
            .arg("--db")
            .arg(&db)
            .args(["export", what, "--format", format, "--out"])
            .arg(&file));
        assert_eq!(code, 0, "{err}");
        let kind = if what == "cases" {
            "applications"
        } else {
            "organisations"
        };
        let (code, out, err) = import(&home, &db, kind, &file, &["--dry-run"]);
        assert_eq!(code, 0, "{what} {format}: {err}");
        assert!(
            out.starts_with("Provkörning: 0 ärenden och 0 organisationer skulle skapas;"),
            "{what} {format}: {out}"
        );
    }
}

#[test]
fn organisations_import_validates_and_creates() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let orgs = count(&db, "organisations");
    let (code, out, err) = import(
        &home,
        &db,
        "organisations",
        &fixture("organisations.csv"),
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("0 ärenden och 2 organisationer; 1 rader fanns redan"),
        "{out}"
    );
    assert_eq!(count(&db, "organisations"), orgs + 2);
    let kind: String = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT kind FROM organisations WHERE org_nr = '802100-0016'",
            [],
            |r| r.get(0),
        )
        .expect("kind");
    assert_eq!(kind, "stiftelse");
}

#[test]
fn the_granted_report_as_text_csv_and_excel() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("demo.db");
    let (code, _, err) = run(bidrag(&home).args(["--demo", "--db"]).arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    let (code, text, err) = run(bidrag(&home).arg("--db").arg(&db).args([
        "report",
        "granted",
        "--call",
        "2018 Kartläggning, behovsanalys och plan",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(text.starts_with("Sammanställning av beviljat statsbidrag"));
    assert!(text.contains("Per län") && text.contains("Per typ av organisation"));
    let (code, csv_text, _) = run(bidrag(&home).arg("--db").arg(&db).args([
        "report",
        "granted",
        "--format",
        "csv",
        "--delimiter",
        ";",
    ]));
    assert_eq!(code, 0);
    let granted: i64 = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM cases WHERE granted_ore > 0",
            [],
            |r| r.get(0),
        )
        .expect("count");
    // Header, one row per grant, the total row.
    assert_eq!(csv_text.lines().count() as i64, granted + 2);
    assert!(
        csv_text
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Totalt;"))
    );
    let xlsx = home.path().join("r.xlsx");
    let (code, _, err) = run(bidrag(&home)
        .arg("--db")
        .arg(&db)
        .args(["report", "granted", "--format", "xlsx", "--out"])
        .arg(&xlsx));
    assert_eq!(code, 0, "{err}");
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx opens");
    let sheet = book.worksheet_range("Beviljat").expect("sheet");
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len() as i64, granted + 2);
    let amounts: Vec<f64> = rows[1..rows.len() - 1]
        .iter()
        .map(|r| match &r[7] {
            Data::Float(f) => *f,
            other => panic!("amount is not a number cell: {other:?}"),
        })
        .collect();
    let last = rows.last().expect("sum row");
    assert_eq!(last[0], Data::String("Totalt".into()));
    let total: f64 = amounts.iter().sum();
    match &last[7] {
        Data::Float(f) => assert!((f - total).abs() < 0.01),
        Data::String(s) => assert_eq!(
            s.parse::<f64>().ok().map(|f| (f - total).abs() < 0.01),
            Some(true)
        ),
        other => panic!("sum row: {other:?}"),
    }
    let (code, _, err) = run(bidrag(&home)
        .arg("--db")
        .arg(&db)
        .args(["report", "granted", "--format", "xlsx"]));
    assert_eq!(code, 2);
    assert!(err.contains("--out"), "{err}");
}

fn org_nr_of(db: &Path, name: &str) -> Option<String> {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(
            "SELECT org_nr FROM organisations WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .expect("organisation")
}

#[test]
fn a_known_number_identifies_the_organisation_whatever_the_name_and_warns_of_another_name() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let orgs = count(&db, "organisations");
    let file = home.path().join("x.csv");
    // Kommuner as they sign their names, with the numbers the reference data has for them;
    // and one row whose name is truly another organisation's.
    std::fs::write(
        &file,
        "organisationsnummer,organisation,inkommen,beskrivning\n\
         212000-0142,Stockholms stad,2018-05-02,Stockholm\n\
         212000-1355,Göteborgs Stad,2018-05-02,Göteborg\n\
         212000-1124,  malmö  STAD ,2018-05-02,Malmö\n\
         212000-0175,Sundbybergs stad,2018-05-02,Sundbyberg\n\
         232100-0255,Skånes landsting,2018-05-02,Region Skåne\n\
         212000-1132,Göteborgs Stad,2018-05-03,Lund med fel namn\n",
    )
    .expect("write");
    let (code, out, err) = import(&home, &db, "applications", &file, &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("6 ärenden och 0 organisationer"), "{out}");
    let warning = "rad 7, kolumn organisation: organisationsnumret hör till \"Lund\", raden anger \"Göteborgs Stad\"; raden importeras till \"Lund\" (varning; hindrar inte importen)";
    assert!(err.contains(warning), "{err}");
    for row in 2..=6 {
        assert!(!err.contains(&format!("rad {row},")), "rad {row}: {err}");
    }
    let (code, out, err) = import(&home, &db, "applications", &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(warning), "the import says it too: {err}");
    assert!(
        out.contains("Importerat: 6 ärenden och 0 organisationer"),
        "{out}"
    );
    assert_eq!(count(&db, "organisations"), orgs, "no organisation twice");
    let of = |title: &str| -> String {
        rusqlite::Connection::open(&db)
            .expect("open")
            .query_row(
                "SELECT o.name FROM cases c JOIN organisations o ON o.id = c.organisation_id
                 WHERE c.title = ?1",
                [title],
                |r| r.get(0),
            )
            .expect("case")
    };
    for (title, org) in [
        ("Stockholm", "Stockholm"),
        ("Göteborg", "Göteborg"),
        ("Malmö", "Malmö"),
        ("Sundbyberg", "Sundbyberg"),
        ("Region Skåne", "Region Skåne"),
        ("Lund med fel namn", "Lund"),
    ] {
        assert_eq!(of(title), org, "{title}");
    }
}

#[test]
fn a_kommun_without_a_number_is_found_by_the_name_it_signs_with() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let orgs = count(&db, "organisations");
    assert_eq!(org_nr_of(&db, "Upplands Väsby"), None);
    let file = home.path().join("x.csv");
    std::fs::write(
        &file,
        "organisationsnummer,organisation,inkommen,beskrivning\n\
         212000-2882,Upplands Väsby kommun,2018-05-02,Första\n",
    )
    .expect("write");
    let (code, out, err) = import(&home, &db, "applications", &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 ärenden och 0 organisationer"), "{out}");
    assert_eq!(
        count(&db, "organisations"),
        orgs,
        "no second Upplands Väsby"
    );
    assert_eq!(
        org_nr_of(&db, "Upplands Väsby").as_deref(),
        Some("212000-2882")
    );
}

#[test]
fn an_unknown_number_fills_in_the_organisation_of_that_name_without_one() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let orgs = count(&db, "organisations");
    assert_eq!(org_nr_of(&db, "Upplands Väsby"), None);
    let file = home.path().join("x.csv");
    std::fs::write(
        &file,
        "organisationsnummer,organisation,inkommen,beskrivning\n\
         212000-2882,UPPLANDS   väsby,2018-05-02,Första\n\
         212000-2882,Upplands Väsby,2018-05-03,Andra\n",
    )
    .expect("write");
    let (code, out, err) = import(&home, &db, "applications", &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 ärenden och 0 organisationer"), "{out}");
    assert_eq!(count(&db, "organisations"), orgs, "no duplicate kommun");
    assert_eq!(
        org_nr_of(&db, "Upplands Väsby").as_deref(),
        Some("212000-2882")
    );
    let on_kommun: i64 = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM cases c JOIN organisations o ON o.id = c.organisation_id
             WHERE o.name = 'Upplands Väsby'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(on_kommun, 2);
}

#[test]
fn one_organisation_cannot_get_two_numbers_in_a_file() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let (cases, orgs) = (count(&db, "cases"), count(&db, "organisations"));
    let file = home.path().join("x.csv");
    std::fs::write(
        &file,
        "organisationsnummer,organisation,inkommen,beskrivning\n\
         212000-2882,Upplands Väsby,2018-05-02,Första\n\
         212000-0217,Upplands Väsby,2018-05-03,Andra\n",
    )
    .expect("write");
    let (code, _, err) = import(&home, &db, "applications", &file, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "rad 3, kolumn organisationsnummer: \"Upplands Väsby\" fick ett annat organisationsnummer på en tidigare rad"
        ),
        "{err}"
    );
    assert_eq!(
        (count(&db, "cases"), count(&db, "organisations")),
        (cases, orgs)
    );
    assert_eq!(org_nr_of(&db, "Upplands Väsby"), None);
}

#[test]
fn a_plan_applied_after_another_writer_created_its_rows_writes_them_once() {
    use bidrag::io::{import as imp, table};
    use bidrag::storage::Store;
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let now = chrono::Utc::now();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
    let file = fixture("comma.csv");
    let open = || table::Table::open(table::Input::File(&file)).expect("table");
    let checklists = bidrag::checklists::shipped().expect("checklists");
    let mut first = Store::open(&db, now).expect("open");
    let mut second = Store::open(&db, now).expect("open");
    // Both check the file before either writes: both plans create everything.
    let plan_a = imp::plan_applications(&mut open(), &first, None, today).expect("plan");
    let plan_b = imp::plan_applications(&mut open(), &second, None, today).expect("plan");
    assert!(plan_a.ok() && plan_b.ok());
    assert_eq!((plan_a.cases.len(), plan_a.new_orgs.len()), (2, 1));
    let (cases, orgs) = (count(&db, "cases"), count(&db, "organisations"));
    let (anna, _) = bidrag::service::admin::ensure_user(&mut second, now, "anna").expect("user");
    let ctx = bidrag::service::Ctx {
        user_id: anna.id,
        today,
        now,
        checklists: &checklists,
        letters_dir: std::path::Path::new("brev"),
    };
    let done_b = bidrag::service::import::apply(
        &mut second,
        &ctx,
        &plan_b,
        "b",
        &bidrag::service::Unwatched,
    )
    .expect("second writes first");
    assert_eq!(
        (done_b.cases, done_b.organisations, done_b.skipped),
        (2, 1, 0)
    );
    let done_a =
        bidrag::service::import::apply(&mut first, &ctx, &plan_a, "a", &bidrag::service::Unwatched)
            .expect("the stale plan is no error");
    assert_eq!(
        (done_a.cases, done_a.organisations, done_a.skipped),
        (0, 0, 2)
    );
    assert_eq!(
        (count(&db, "cases"), count(&db, "organisations")),
        (cases + 2, orgs + 1),
        "nothing twice"
    );
}

/// Imports `csv` into a fresh database and expects it refused with every `expected` message,
/// and nothing written.
fn refused(csv: &str, extra: &[&str], expected: &[&str]) {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let before = (count(&db, "cases"), count(&db, "organisations"));
    let file = home.path().join("x.csv");
    std::fs::write(&file, csv).expect("write");
    let (code, _, err) = import(&home, &db, "applications", &file, extra);
    assert_eq!(code, 1, "{err}");
    for e in expected {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
    assert_eq!(
        (count(&db, "cases"), count(&db, "organisations")),
        before,
        "nothing written"
    );
}

#[test]
fn the_rows_call_wins_and_a_different_call_option_is_a_conflict() {
    refused(
        "organisationsnummer,organisation,utlysning,inkommen,beskrivning\n\
         212000-1124,Malmö,2018 Intresseanmälan,2018-05-02,Anmälan\n",
        &["--call", "2018 Kartläggning, behovsanalys och plan"],
        &[
            "rad 2, kolumn utlysning: raden anger utlysningen \"2018 Intresseanmälan\" men --call anger \"2018 Kartläggning, behovsanalys och plan\"",
        ],
    );
    // The same call both ways, and a row without one, are fine.
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let file = home.path().join("x.csv");
    std::fs::write(
        &file,
        "organisationsnummer,organisation,utlysning,inkommen,beskrivning\n\
         212000-1124,Malmö,2018 intresseanmälan,2018-05-02,Anmälan\n\
         212000-1124,Malmö,,2018-05-03,Utan utlysning\n",
    )
    .expect("write");
    let (code, out, err) = import(&home, &db, "applications", &file, &["--call", "1"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2 ärenden"), "{out}");
}

#[test]
fn an_unknown_call_in_a_row_is_refused_even_with_a_call_option() {
    refused(
        "organisationsnummer,organisation,utlysning,inkommen,beskrivning\n\
         212000-1124,Malmö,Finns inte,2018-05-02,Anmälan\n",
        &["--call", "2018 Intresseanmälan"],
        &["rad 2, kolumn utlysning: utlysningen \"Finns inte\" finns inte"],
    );
}

#[test]
fn an_application_needs_an_amount_above_zero() {
    refused(
        "organisationsnummer,organisation,utlysning,inkommen,belopp,beskrivning\n\
         212000-1124,Malmö,\"2018 Kartläggning, behovsanalys och plan\",2018-06-02,,Tom\n\
         212000-1124,Malmö,\"2018 Kartläggning, behovsanalys och plan\",2018-06-03,0,Noll\n",
        &[],
        &[
            "rad 2, kolumn belopp: saknas",
            "rad 3, kolumn belopp: en ansökan (steg 2–3) måste ange ett belopp över noll",
        ],
    );
}

#[test]
fn dates_before_2018_are_refused() {
    refused(
        "organisationsnummer,organisation,inkommen,beskrivning\n\
         212000-1124,Malmö,2017-12-31,För tidig\n",
        &["--call", "2018 Intresseanmälan"],
        &["rad 2, kolumn inkommen: datumet ligger före 2018-01-01, då statsbidraget började"],
    );
}

#[test]
fn an_organisation_must_be_eligible_for_the_step() {
    refused(
        "organisationsnummer,organisation,utlysning,inkommen,belopp,beskrivning\n\
         212000-1124,Malmö,\"2018 Kartläggning, behovsanalys och plan\",2018-06-02,1000,Utan besked\n\
         802100-0024,Ny förening,\"2018 Insatser, hösten\",2018-10-02,1000,Ny\n",
        &[],
        &[
            "rad 2, kolumn organisation: organisationen kan inte söka i steg 2: den saknar ett positivt besked på en intresseanmälan",
            "rad 3, kolumn organisation: organisationen kan inte söka i steg 3: den saknar en avslutad kartläggning med godkänd rapport",
        ],
    );
    // With a positive besked (the demo has some), step 2 is open.
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("demo.db");
    let (code, _, err) = run(bidrag(&home).args(["--demo", "--db"]).arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    let (nr, name): (String, String) = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT o.org_nr, o.name FROM organisations o JOIN cases c ON c.organisation_id = o.id
             JOIN decisions d ON d.case_id = c.id
             WHERE d.kind = 'beslut' AND d.outcome = 'positivt_besked' AND o.org_nr IS NOT NULL
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("an organisation with a positive besked");
    let file = home.path().join("x.csv");
    std::fs::write(
        &file,
        format!(
            "organisationsnummer,organisation,utlysning,inkommen,belopp,beskrivning\n\
             {nr},\"{name}\",\"2018 Kartläggning, behovsanalys och plan\",2018-06-02,1000,Ny ansökan\n"
        ),
    )
    .expect("write");
    let (code, out, err) = import(&home, &db, "applications", &file, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 ärenden"), "{out}");
}

#[test]
fn spreadsheet_formulas_and_escape_sequences_are_neutralised_on_the_way_out() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("demo.db");
    let (code, _, err) = run(bidrag(&home).args(["--demo", "--db"]).arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let granted_org = |n: i64| -> i64 {
        conn.query_row(
            "SELECT DISTINCT organisation_id FROM cases WHERE granted_ore > 0
             ORDER BY organisation_id LIMIT 1 OFFSET ?1",
            [n],
            |r| r.get(0),
        )
        .expect("granted organisation")
    };
    let (formula, escape) = (granted_org(0), granted_org(1));
    conn.execute(
        "UPDATE organisations SET name = '=SUM(1+1)' WHERE id = ?1",
        [formula],
    )
    .expect("rename");
    conn.execute(
        "UPDATE organisations SET name = 'Ond' || char(27) || '[2J förening' WHERE id = ?1",
        [escape],
    )
    .expect("rename");
    conn.execute(
        "UPDATE contacts SET name = 'Eva' || char(27) || ']0;titel' || char(7) WHERE id =
             (SELECT min(id) FROM contacts)",
        [],
    )
    .expect("contact");
    drop(conn);
    let out = |args: &[&str]| {
        let (code, out, err) = run(bidrag(&home).arg("--db").arg(&db).args(args));
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    let export = out(&["export", "cases"]);
    assert!(export.contains(",'=SUM(1+1),"), "{export}");
    assert!(!export.contains(",=SUM"), "{export}");
    let report_csv = out(&["report", "granted", "--format", "csv"]);
    assert!(report_csv.contains("'=SUM(1+1)"), "{report_csv}");
    for text in [
        out(&["report", "granted"]),
        out(&["contacts"]),
        out(&["export", "cases", "--format", "json"]).replace("\\u001b", ""),
    ] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
    }
    assert!(out(&["report", "granted"]).contains("Ond�[2J förening"));
    let xlsx = home.path().join("r.xlsx");
    out(&[
        "report",
        "granted",
        "--format",
        "xlsx",
        "--out",
        &xlsx.display().to_string(),
    ]);
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx opens");
    let sheet = book.worksheet_range("Beviljat").expect("sheet");
    assert!(
        sheet
            .rows()
            .any(|r| r[0] == Data::String("'=SUM(1+1)".into())),
        "the name is text with its guard"
    );
    // An escape character is refused by the import, with its row and column.
    let file = home.path().join("cases.csv");
    std::fs::write(&file, &export).expect("write");
    let (code, _, err) = import(&home, &db, "applications", &file, &["--dry-run"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("kolumn C (organisation): styrtecknet U+001B (ESC) hör inte hemma i en cell"),
        "{err}"
    );
    // The guard comes off again on import: the export still re-imports to the same data.
    let without_escape: String = export
        .lines()
        .filter(|l| !l.contains('\u{1b}'))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&file, without_escape).expect("write");
    let (code, out, err) = import(&home, &db, "applications", &file, &["--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Provkörning: 0 ärenden och 0 organisationer skulle skapas;"),
        "{out}"
    );
}

#[test]
fn the_granted_report_speaks_english_with_lang_en() {
    let home = TempDir::new().expect("tmp");
    let db = home.path().join("demo.db");
    let (code, _, err) = run(bidrag(&home).args(["--demo", "--db"]).arg(&db).arg("init"));
    assert_eq!(code, 0, "{err}");
    // A grant to an organisation without a län.
    rusqlite::Connection::open(&db)
        .expect("open")
        .execute(
            "UPDATE organisations SET county = NULL WHERE id =
                 (SELECT min(organisation_id) FROM cases WHERE granted_ore > 0)",
            [],
        )
        .expect("county");
    let en = |args: &[&str]| {
        let (code, out, err) = run(bidrag(&home)
            .args(["--lang", "en", "--db"])
            .arg(&db)
            .args(args));
        assert_eq!(code, 0, "{err}");
        out
    };
    let text = en(&["report", "granted"]);
    assert!(text.contains("Unknown county"), "{text}");
    // Headings and reform areas for reading: words, not the CSV's column names and codes.
    assert!(
        text.contains("Org. number") && text.contains("Amount") && text.contains("Reform areas"),
        "{text}"
    );
    assert!(
        !text.contains("org_number") && !text.contains("BOENDE") && !text.contains("DEMOKRATI"),
        "{text}"
    );
    assert!(
        !text.contains("Okänt län") && !text.contains("organisationsnummer"),
        "{text}"
    );
    let csv_text = en(&["report", "granted", "--format", "csv"]);
    assert!(
        csv_text.starts_with("organisation,org_number,kind,county,call,step,reform_areas,amount")
    );
    assert!(
        csv_text
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Total,")),
        "{csv_text}"
    );
    let xlsx = home.path().join("r.xlsx");
    en(&[
        "report",
        "granted",
        "--format",
        "xlsx",
        "--out",
        &xlsx.display().to_string(),
    ]);
    use calamine::{Reader, Xlsx, open_workbook};
    let book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx opens");
    assert_eq!(
        book.sheet_names(),
        ["Granted", "By county", "By kind", "By reform area"]
    );
}

#[test]
fn an_all_zero_organisation_number_is_refused() {
    refused(
        "organisationsnummer,organisation,inkommen,beskrivning\n\
         000000-0000,Nollföreningen,2018-05-02,Anmälan\n\
         16000000-0000,Nollföreningen,2018-05-03,Anmälan\n",
        &[],
        &[
            "rad 2, kolumn organisationsnummer: bara nollor är inget organisationsnummer",
            "rad 3, kolumn organisationsnummer: bara nollor är inget organisationsnummer",
        ],
    );
}

/// A file of `rows` intresseanmälningar from Malmö, about 95 bytes a row.
fn large_file(path: &Path, rows: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    writeln!(
        f,
        "organisationsnummer,organisation,inkommen,belopp,beskrivning"
    )
    .expect("write");
    for i in 0..rows {
        writeln!(
            f,
            "212000-1124,Malmö,2018-05-{:02},{},\"Importerad anmälan nummer {i} om samverkan i området\"",
            2 + i % 13,
            (i % 100) * 1000
        )
        .expect("write");
    }
    f.flush().expect("flush");
}

/// This process's peak resident memory so far (VmHWM), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .expect("status")
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// Run by `large_files_are_checked_and_written_in_bounded_memory` in a process of its own: the
/// import's own code (the file read as a stream, checked, written), and the peak memory it
/// added, printed for the parent.
#[test]
#[ignore = "a child of large_files_are_checked_and_written_in_bounded_memory"]
fn memory_child() {
    let (Ok(file), Ok(db), Ok(mode)) = (
        std::env::var("BIDRAG_MEM_FILE"),
        std::env::var("BIDRAG_MEM_DB"),
        std::env::var("BIDRAG_MEM_MODE"),
    ) else {
        return;
    };
    use bidrag::io::{import as imp, table};
    use bidrag::storage::Store;
    let now = chrono::Utc::now();
    let today = chrono::Local::now().date_naive();
    let checklists = bidrag::checklists::shipped().expect("checklists");
    let mut store = Store::open(Path::new(&db), now).expect("open");
    let before = peak_kib();
    let mut t = table::Table::open(table::Input::File(Path::new(&file))).expect("table");
    let plan = imp::plan_applications(&mut t, &store, None, today).expect("plan");
    assert!(plan.ok(), "{:?}", plan.errors);
    if mode == "import" {
        let (anna, _) = bidrag::service::admin::ensure_user(&mut store, now, "anna").expect("user");
        let ctx = bidrag::service::Ctx {
            user_id: anna.id,
            today,
            now,
            checklists: &checklists,
            letters_dir: Path::new("brev"),
        };
        let done = bidrag::service::import::apply(
            &mut store,
            &ctx,
            &plan,
            "x",
            &bidrag::service::Unwatched,
        )
        .expect("apply");
        assert_eq!(done.cases, plan.cases.len());
    }
    println!(
        "ADDED_KIB={} CASES={}",
        peak_kib().saturating_sub(before),
        plan.cases.len()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn large_files_are_checked_and_written_in_bounded_memory() {
    // Each in a process of its own, whose peak memory (VmHWM) says what the import added. The
    // 50 MB figures of the README are measured on the release build with /usr/bin/time; here a
    // 19 MB dry run and a 5 MB import, which before streaming took about 180 MB and 100 MB.
    for (rows, mode, limit_mib) in [(200_000, "check", 80), (55_000, "import", 64)] {
        let home = TempDir::new().expect("tmp");
        let db = fresh(&home);
        let file = home.path().join("stor.csv");
        large_file(&file, rows);
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "import::memory_child",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .args(["--test-threads", "1"])
            .env("BIDRAG_MEM_FILE", &file)
            .env("BIDRAG_MEM_DB", &db)
            .env("BIDRAG_MEM_MODE", mode)
            .output()
            .expect("child runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = text
            .lines()
            .find_map(|l| l.split_once("ADDED_KIB=").map(|(_, figures)| figures))
            .unwrap_or_else(|| panic!("no figure in {text}"));
        let (added, cases) = line.split_once(" CASES=").expect("both figures");
        let added: u64 = added.parse().expect("KiB");
        assert!(cases.starts_with(&rows.to_string()), "{line}");
        assert!(
            added < limit_mib * 1024,
            "{mode} of {rows} rows added {} MiB",
            added / 1024
        );
        if mode == "import" {
            assert_eq!(count(&db, "cases"), rows as i64);
        }
    }
}

/// The file's text in an encoding: UTF-8 with or without a BOM, or Windows-1252.
fn encoded(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "utf-8" => text.as_bytes().to_vec(),
        "utf-8-bom" => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        _ => text
            .chars()
            .map(|c| match c {
                'å' => 0xE5,
                'ä' => 0xE4,
                'ö' => 0xF6,
                'Å' => 0xC5,
                'Ä' => 0xC4,
                'Ö' => 0xD6,
                c if c.is_ascii() => c as u8,
                c => panic!("{c} not in the test's Windows-1252"),
            })
            .collect(),
    }
}

#[test]
fn errors_name_the_row_a_spreadsheet_shows_in_every_encoding_line_ending_and_delimiter() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    // Row 1 the header, row 2 a cell with a line break inside quotes (one row), row 3 a blank
    // row, row 4 good, row 5 a bad amount, row 6 a bad date.
    let rows = [
        "organisationsnummer;organisation;inkommen;belopp;beskrivning",
        "212000-1124;Malmö stad;2018-05-02;1000;\"Två rader:\nförsta och andra\"",
        "",
        "212000-1124;Malmö;2018-05-03;2 000;Mötesplats för föräldrar",
        "212000-1124;Malmö;2018-05-04;12 34;Fel belopp",
        "212000-1124;Malmö;2018-02-30;1000;Fel datum",
    ];
    for encoding in ["utf-8", "utf-8-bom", "windows-1252"] {
        for newline in ["\n", "\r\n", "\r"] {
            for delimiter in [";", ","] {
                let text: String = rows
                    .iter()
                    .map(|r| format!("{}{newline}", r.replace(';', delimiter)))
                    .collect();
                // A line break inside quotes is written with the file's line ending.
                let text = text.replace("rader:\n", &format!("rader:{newline}"));
                let file = home.path().join("rader.csv");
                std::fs::write(&file, encoded(&text, encoding)).expect("write");
                let (code, _, err) = import(&home, &db, "applications", &file, &["--dry-run"]);
                let what = format!("{encoding} {newline:?} {delimiter:?}");
                assert_eq!(code, 1, "{what}: {err}");
                for expected in [
                    "rad 5, kolumn belopp: siffergrupperna ska ha tre siffror",
                    "rad 6, kolumn inkommen: är inget datum (ÅÅÅÅ-MM-DD)",
                    "2 fel; inget importerades.",
                ] {
                    assert!(
                        err.contains(expected),
                        "{what}: missing {expected:?} in:\n{err}"
                    );
                }
                let name = if encoding == "windows-1252" {
                    "Windows-1252"
                } else {
                    "UTF-8"
                };
                assert!(
                    err.contains(&format!("({name}, '{delimiter}')")),
                    "{what}: {err}"
                );
            }
        }
    }
}

#[test]
fn what_an_import_cannot_read_exactly_is_refused_with_row_and_column_and_nothing_written() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let before = std::fs::read(&db).expect("read");
    let head = "organisationsnummer,organisation,inkommen,beskrivning\n";
    let csv = |rows: &[u8]| [head.as_bytes(), rows].concat();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "an unclosed quote",
            csv(b"212000-1124,Malm\xC3\xB6,2018-05-02,\"Inte st\xC3\xA4ngd\n212000-1124,Malm\xC3\xB6,2018-05-03,Andra\n212000-1124,Malm\xC3\xB6,2018-05-04,Tredje\n"),
            "x.csv: rad 2, kolumn D (beskrivning): citattecknet som öppnar cellen stängs aldrig",
        ),
        (
            "more fields than the header",
            csv(b"212000-1124,Malm\xC3\xB6,2018-05-02,Anm\xC3\xA4lan,kvar\n"),
            "x.csv: rad 2, kolumn E: ett värde utanför rubrikraden, som har 4 kolumner",
        ),
        (
            "one stray byte in a UTF-8 file",
            csv(b"212000-1124,Malm\xC3\xB6,2018-05-02,F\xC3\xB6reningens ans\xC3\xB6kan\n212000-1124,Malm\xF6,2018-05-03,Andra\n"),
            "x.csv: rad 3, kolumn B (organisation): byten 0xF6 är inte UTF-8 fast resten av filen är det",
        ),
        (
            "neither UTF-8 nor Windows-1252",
            csv(b"212000-1124,Malm\x81,2018-05-02,Anm\xE4lan\n"),
            "x.csv: rad 2, kolumn B (organisation): byten 0x81 är varken UTF-8 eller Windows-1252",
        ),
        (
            "a NUL",
            csv(b"212000-1124,Malm\xC3\xB6,2018-05-02,Anm\xC3\xA4lan\n212000-1124,Malm\xC3\xB6,2018-05-03,A\x00B\n"),
            "x.csv: rad 3, kolumn D (beskrivning): styrtecknet U+0000 (NUL) hör inte hemma i en cell",
        ),
        (
            "an escape",
            csv(b"212000-1124,Malm\xC3\xB6\x1b[2J,2018-05-02,Anm\xC3\xA4lan\n"),
            "x.csv: rad 2, kolumn B (organisation): styrtecknet U+001B (ESC) hör inte hemma i en cell",
        ),
        (
            "a key twice in a JSON object",
            b"[\n  {\"organisationsnummer\": \"212000-1124\", \"inkommen\": \"2018-05-02\", \"beskrivning\": \"A\"},\n  {\"organisationsnummer\": \"212000-1124\", \"beskrivning\": \"B\", \"beskrivning\": \"C\"}\n]\n".to_vec(),
            "x.csv: rad 3, tecken 74: nyckeln \"beskrivning\" står två gånger i samma objekt",
        ),
        (
            "a NUL written as a JSON escape",
            b"[{\"organisationsnummer\": \"212000-1124\", \"inkommen\": \"2018-05-02\", \"beskrivning\": \"A\\u0000B\"}]".to_vec(),
            "x.csv: rad 1, tecken 2: styrtecknet U+0000 (NUL) hör inte hemma i en cell",
        ),
    ];
    let file = home.path().join("x.csv");
    for (what, bytes, expected) in cases {
        std::fs::write(&file, &bytes).expect("write");
        for extra in [&["--dry-run"][..], &[]] {
            let (code, out, err) = import(&home, &db, "applications", &file, extra);
            assert_eq!(code, 2, "{what}: {err}");
            assert!(
                err.contains(expected),
                "{what}: missing {expected:?} in\n{err}"
            );
            assert!(
                !err.contains('\u{0}') && !err.contains('\u{1b}'),
                "{what}: {err:?}"
            );
            assert!(out.is_empty(), "{what}: {out}");
            assert_eq!(
                std::fs::read(&db).expect("read"),
                before,
                "{what}: nothing written"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_file_above_the_limit_or_without_end_is_refused_naming_the_limit() {
    let home = TempDir::new().expect("tmp");
    let db = fresh(&home);
    let before = std::fs::read(&db).expect("read");
    // Larger than 64 MiB (sparse: no time spent writing it).
    let big = home.path().join("stor.csv");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len((64 << 20) + 1))
        .expect("sparse file");
    let (code, _, err) = import(&home, &db, "applications", &big, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("filen är större än 64 MiB, den största fil en import läser"),
        "{err}"
    );
    // A device that never ends: refused at its first byte, at once.
    let started = std::time::Instant::now();
    let (code, _, err) = import(&home, &db, "applications", Path::new("/dev/zero"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("rad 1, kolumn A: styrtecknet U+0000 (NUL)"),
        "{err}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // And one of text that never ends: refused at the limit.
    let (code, _, err) = run(bidrag(&home)
        .arg("--db")
        .arg(&db)
        .args(["import", "applications", "/dev/stdin", "--dry-run"])
        .write_stdin(
            "organisationsnummer,inkommen,beskrivning\n".to_string()
                + &"212000-1124,2018-05-02,x\n".repeat(2_800_000),
        ));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("större än 64 MiB"), "{err}");
    assert_eq!(std::fs::read(&db).expect("read"), before);
}
