//! The integration tests, as one test binary: each module was once its own file under `tests/`
//! (and its own binary, each linking the whole crate). `cargo test decisions::` still runs one
//! module's tests. Shared fixtures are in `common`, fixture files in `tests/fixtures/`.

mod common;

mod admin;
mod admin_tui;
mod app_flow;
mod architecture;
mod assessment;
mod cli;
mod db_rules;
mod decisions;
mod domain_props;
mod effects;
mod files_tui;
mod followup;
mod history;
mod import;
mod kill;
mod large_lists;
mod multiyear;
mod plans;
mod readme;
mod render;
mod screens;
mod service;
mod storage;
mod tallies;
mod triage;
mod worker;
