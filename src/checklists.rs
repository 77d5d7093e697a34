//! The checklist files: the shipped ones in `assets/checklists/`, and a user's own versions in
//! the config directory, which are added beside them (a case keeps the version it was assessed
//! against).

use crate::domain::checklist::{ChecklistError, ChecklistTemplate};
use std::path::{Path, PathBuf};

const SHIPPED: [(&str, &str); 4] = [
    (
        "intresseanmalan.toml",
        include_str!("../assets/checklists/intresseanmalan.toml"),
    ),
    (
        "kartlaggning.toml",
        include_str!("../assets/checklists/kartlaggning.toml"),
    ),
    (
        "insatser.toml",
        include_str!("../assets/checklists/insatser.toml"),
    ),
    (
        "slutrapport.toml",
        include_str!("../assets/checklists/slutrapport.toml"),
    ),
];

/// A checklist file that could not be used: which file, and why.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {error}")]
pub struct ChecklistFileError {
    pub file: PathBuf,
    pub error: ChecklistError,
}

/// The checklists that ship with bidrag.
pub fn shipped() -> Result<Vec<ChecklistTemplate>, ChecklistFileError> {
    SHIPPED
        .iter()
        .map(|(name, text)| {
            ChecklistTemplate::parse(text).map_err(|error| ChecklistFileError {
                file: Path::new("assets/checklists").join(name),
                error,
            })
        })
        .collect()
}
