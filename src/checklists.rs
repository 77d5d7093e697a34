//! The checklist files: the shipped ones in `assets/checklists/`, and a user's own versions in
//! `checklists/` under the config directory. A user's file for a step is used for new
//! assessments of that step instead of the shipped one; a case keeps the version it was assessed
//! against, which the database keeps.

use crate::domain::checklist::{ChecklistError, ChecklistTemplate};
use std::path::{Path, PathBuf};

/// One checklist version with the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub template: ChecklistTemplate,
    pub body: String,
    pub file: PathBuf,
}

/// A checklist file that could not be used: which file, and why.
#[derive(Debug, thiserror::Error)]
pub enum ChecklistFileError {
    #[error("{file}: {error}")]
    Invalid {
        file: PathBuf,
        error: ChecklistError,
    },
    #[error("{file}: {reason}")]
    Unreadable { file: PathBuf, reason: String },
    #[error("{first} and {second} are both checklists for step {step}")]
    TwoForStep {
        first: PathBuf,
        second: PathBuf,
        step: u8,
    },
}

fn parse(file: PathBuf, body: String) -> Result<Checklist, ChecklistFileError> {
    match ChecklistTemplate::parse(&body) {
        Ok(template) => Ok(Checklist {
            template,
            body,
            file,
        }),
        Err(error) => Err(ChecklistFileError::Invalid { file, error }),
    }
}

/// The checklist a lägesrapport is reviewed against (one version, shipped).
pub const PROGRESS_REPORT: &str = include_str!("../assets/checklists/lagesrapport.toml");

/// The checklist a report of `kind` is reviewed against: the slutrapport's from the checklists
/// in use (a user's own file replaces the shipped one), the lägesrapport's as shipped.
pub fn review_checklist(
    checklists: &[Checklist],
    kind: crate::domain::followup::ReportKind,
) -> Option<ChecklistTemplate> {
    use crate::domain::followup::ReportKind;
    match kind {
        ReportKind::Final => checklists
            .iter()
            .find(|c| c.template.step() == Some(crate::domain::Step::FinalReport))
            .map(|c| c.template.clone()),
        ReportKind::Progress => ChecklistTemplate::parse(PROGRESS_REPORT).ok(),
    }
}

/// The checklists that ship with bidrag.
pub fn shipped() -> Result<Vec<Checklist>, ChecklistFileError> {
    crate::storage::SHIPPED_CHECKLISTS
        .iter()
        .map(|(name, text)| {
            parse(
                Path::new("assets/checklists").join(name),
                (*text).to_string(),
            )
        })
        .collect()
}

/// The `*.toml` files in `dir` (none when the folder does not exist), in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<Checklist>, ChecklistFileError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(ChecklistFileError::Unreadable {
                file: dir.to_path_buf(),
                reason: e.to_string(),
            });
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let body =
                std::fs::read_to_string(&file).map_err(|e| ChecklistFileError::Unreadable {
                    file: file.clone(),
                    reason: e.to_string(),
                })?;
            parse(file, body)
        })
        .collect()
}

/// One checklist per step: the user's where there is one, else the shipped one.
pub fn current(
    shipped: Vec<Checklist>,
    user: Vec<Checklist>,
) -> Result<Vec<Checklist>, ChecklistFileError> {
    for (i, a) in user.iter().enumerate() {
        if let Some(b) = user[i + 1..]
            .iter()
            .find(|b| b.template.step == a.template.step)
        {
            return Err(ChecklistFileError::TwoForStep {
                first: a.file.clone(),
                second: b.file.clone(),
                step: a.template.step,
            });
        }
    }
    let mut out: Vec<Checklist> = shipped
        .into_iter()
        .filter(|s| !user.iter().any(|u| u.template.step == s.template.step))
        .collect();
    out.extend(user);
    out.sort_by_key(|c| c.template.step);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_checklists_cover_every_step_once() {
        let all = shipped().expect("shipped parse");
        let steps: Vec<u8> = all.iter().map(|c| c.template.step).collect();
        assert_eq!(steps, vec![1, 2, 3, 4]);
    }

    #[test]
    fn a_user_file_replaces_its_step_and_two_for_one_step_are_refused() {
        let mut mine = shipped().expect("shipped").remove(0);
        mine.template.version = "2026.1".into();
        mine.file = PathBuf::from("mine.toml");
        let cur = current(shipped().expect("shipped"), vec![mine.clone()]).expect("current");
        assert_eq!(cur.len(), 4);
        assert_eq!(cur[0].template.version, "2026.1");
        let mut twin = mine.clone();
        twin.file = PathBuf::from("twin.toml");
        assert!(matches!(
            current(shipped().expect("shipped"), vec![mine, twin]),
            Err(ChecklistFileError::TwoForStep { step: 1, .. })
        ));
    }
}
