//! The layers' dependency arrows, checked on the source text: the domain is pure, rendering
//! never touches storage, the app holds no SQL and touches neither the database nor files, and
//! only the service (and storage itself, and the generators) writes.

use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let root = if dir.is_empty() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)
    };
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for entry in std::fs::read_dir(&p).expect("read dir") {
                stack.push(entry.expect("entry").path());
            }
        } else if p.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&p).expect("read");
            out.push((p.display().to_string(), text));
        }
    }
    assert!(!out.is_empty(), "no sources under {dir}");
    out
}

fn assert_absent(dir: &str, forbidden: &[&str]) {
    for (file, text) in sources(dir) {
        for word in forbidden {
            assert!(!text.contains(word), "{file} uses {word}");
        }
    }
}

#[test]
fn domain_is_pure() {
    assert_absent(
        "domain",
        &[
            "rusqlite",
            "ratatui",
            "crossterm",
            "std::fs",
            "std::env",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "crate::storage",
            "crate::app",
            "crate::ui",
        ],
    );
}

#[test]
fn rendering_never_touches_storage_or_the_terminal() {
    assert_absent(
        "ui",
        &[
            "crate::storage",
            "rusqlite",
            "crossterm",
            "Utc::now",
            "Local::now",
        ],
    );
}

#[test]
// ratatui_textarea (the text being typed) is state; ratatui itself draws and stays out of app.
fn app_state_holds_no_sql_or_terminal() {
    assert_absent(
        "app",
        &[
            "rusqlite",
            "crossterm",
            "ratatui::",
            "SELECT ",
            "INSERT ",
            "Utc::now",
            "crate::storage",
            "crate::service",
            "std::fs",
            "is_file()",
            "File::",
        ],
    );
}

/// The writes that carry a rule (state, decisions, assignment, payments, återkrav) are made by
/// the service only: every other caller would have to check the rules itself.
#[test]
fn only_the_service_writes() {
    let guarded = [
        ".set_state(",
        ".insert_decision(",
        ".decide(",
        ".correct_decision(",
        ".set_assignee(",
        ".answer_item(",
        ".mark_paid(",
        ".decide_recovery(",
        ".open_recovery(",
        ".review_report(",
        ".register_imported(",
        ".transact(",
    ];
    for dir in ["app", "ui", "io", "domain"] {
        assert_absent(dir, &guarded);
    }
    for (file, text) in sources("") {
        let allowed = ["/src/service/", "/src/storage/", "/src/demo.rs"]
            .iter()
            .any(|a| file.contains(a));
        if allowed {
            continue;
        }
        for word in guarded {
            assert!(
                !text.contains(word),
                "{file} writes around the service: {word}"
            );
        }
    }
}
