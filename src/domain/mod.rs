//! Pure domain rules: no I/O, no clock reads, no terminal. `today` is always passed in.

pub mod admin;
pub mod audit;
pub mod case;
pub mod checklist;
pub mod decision;
pub mod dnr;
pub mod event;
pub mod followup;
pub mod letter;
pub mod model;
pub mod money;
pub mod multiyear;
pub mod orgnr;
pub mod records;
pub mod refused;
pub mod search;
pub mod text;
pub mod views;
pub mod workflow;

pub use case::{CaseState, Step};
pub use checklist::{Answer, ChecklistTemplate};
pub use dnr::Dnr;
pub use event::EventKind;
pub use model::*;
pub use money::Money;
pub use orgnr::OrgNr;
