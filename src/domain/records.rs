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

/// The appeal text a decision carries unless the authority sets another (domain.md § 2.4: to be
/// verified against the förordning; kept as a setting, not a constant in the letter).
pub const DEFAULT_APPEAL_TEXT: &str = "Beslutet kan inte överklagas.";

/// The rules a proposal cites unless the föredragande writes others.
pub fn default_rules(civil_society: bool) -> &'static str {
    if civil_society {
        "SFS 2018:119"
    } else {
        "SFS 2018:118 §§ 2–5"
    }
}

/// The note kept when a case is registered although the organisation is not yet eligible.
pub const CLOSED_CALL_OVERRIDE: &str = "Registrerat efter att utlysningen stängt";
pub const ELIGIBILITY_OVERRIDE: &str = "Registrerat trots att behörighet saknas";

/// What an outgoing decision document is called.
pub fn decision_document(step: Step) -> &'static str {
    match step {
        Step::Interest => "Besked om intresseanmälan",
        _ => "Beslut",
    }
}
