//! One file per command: it opens its dialog (or says why not), checks what was typed, and
//! returns the effect that asks the service to act.

mod assign;
mod correct;
mod decide;
mod dispatch;
mod document;
pub mod followup;
mod import;
mod jav;
pub mod propose;
mod register;
mod round;
mod state;
pub mod supplement;
