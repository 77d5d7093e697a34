//! The case view: one case, its tabs, and the triage loop through its list.

mod checklist;
mod triage;
mod view;
