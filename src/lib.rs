//! bidrag: case handling of statsbidrag in the terminal.
//!
//! Layers, innermost first: `domain` (pure rules), `storage` (all SQL), `app` (state and
//! update), `ui` (drawing), `tui` (terminal plumbing), `cli` and `demo` at the edges.

pub mod app;
pub mod checklists;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod io;
pub mod service;
pub mod storage;
pub mod tui;
pub mod ui;
