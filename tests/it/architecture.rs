//! The layers' dependency arrows, checked on the source text: the domain is pure, rendering
//! never touches storage, the app holds no SQL.

use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
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
        ],
    );
}
