//! The README's key table is generated from the shipped keymap; this test keeps them in step.

use bidrag::app::{Context, Keymap};
use bidrag::i18n::Lang;

fn key_table() -> String {
    let map = Keymap::default_map();
    let mut out = String::from("| Where | Keys | Action |\n|---|---|---|\n");
    for (context, name) in [
        (Context::Global, "everywhere"),
        (Context::Home, "home screen"),
        (Context::Case, "case view"),
        (Context::Help, "help"),
        (Context::Form, "form"),
        (Context::Editor, "text editor"),
        (Context::Confirm, "confirm"),
        (Context::Picker, "search list"),
        (Context::Round, "decision round"),
        (Context::Filter, "filter line"),
        (Context::Admin, "administration"),
    ] {
        for b in map.bindings(context) {
            let keys = b
                .keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" ");
            let sv = b.action.describe().text(Lang::Sv);
            let en = b.action.describe().text(Lang::En);
            out.push_str(&format!("| {name} | {keys} | {sv} / {en} |\n"));
        }
    }
    out
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = key_table();
    assert!(
        readme.contains(&table),
        "README key table is out of date; it should read:\n{table}"
    );
}

#[test]
fn readme_opens_with_the_two_commands() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let head: String = readme.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(head.contains("cargo run --release -- --demo"), "{head}");
    assert!(head.contains("cargo test"), "{head}");
}
