//! Wording that goes into the diarium and the case file. Registered records are kept in
//! Swedish whatever language the interface shows.

use super::case::Step;

pub const SUPPLEMENT_REQUEST: &str = "Begäran om komplettering";
pub const SUPPLEMENT_REPLY: &str = "Komplettering";

/// What the first incoming document of a new case is called.
pub fn incoming_document(step: Step) -> &'static str {
    match step {
        Step::Interest => "Intresseanmälan",
        Step::Mapping | Step::Measures => "Ansökan",
        Step::FinalReport => "Slutrapport",
    }
}
