//! Decision letters: filled from `assets/templates/`, written where told, registered as outgoing
//! documents. A letter is written only when the decision is complete.

use super::Msg;
use super::effect::Done;
use crate::domain::decision::is_grant;
use crate::domain::letter::{self, TemplateError};
use crate::domain::{CaseDetail, Decision, Direction, Step, records};
use crate::i18n::{self, Lang};
use crate::storage::{NewDocument, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DECISION_TEMPLATE: &str = include_str!("../../assets/templates/beslut.md");
pub const BESKED_TEMPLATE: &str = include_str!("../../assets/templates/besked.md");

/// The letter for `decision` on case `d`, in Swedish as the record is.
pub fn letter_text(d: &CaseDetail, decision: &Decision) -> Result<String, TemplateError> {
    let sv = |t: i18n::T| t.text(Lang::Sv).to_string();
    let dash = "–".to_string();
    let date = |x: NaiveDate| x.format("%Y-%m-%d").to_string();
    let fields: BTreeMap<&str, String> = BTreeMap::from([
        ("dnr", d.dnr.to_string()),
        ("beslutsdatum", date(decision.decided_on)),
        ("organisation", d.organisation.name.clone()),
        (
            "organisationsnummer",
            d.organisation
                .org_nr
                .map_or(dash.clone(), |n| n.to_string()),
        ),
        ("forordning", d.call.regulation.clone()),
        ("utlysning", d.call.name.clone()),
        ("inkommen", date(d.received_on)),
        ("arende", d.title.clone()),
        ("sokt", d.requested.to_string()),
        ("utfall", sv(i18n::outcome(decision.outcome)).to_lowercase()),
        (
            "belopp",
            decision.amount.map_or(dash.clone(), |a| a.to_string()),
        ),
        (
            "period",
            decision
                .period
                .map_or(dash.clone(), |(a, b)| format!("{} – {}", date(a), date(b))),
        ),
        ("rapport", decision.report_due_on.map_or(dash.clone(), date)),
        ("motivering", decision.motivation.clone()),
        ("regler", decision.rules.clone()),
        ("overklagande", decision.appeal_text.clone()),
        (
            "beslutsfattare",
            decision.decider.clone().unwrap_or_default(),
        ),
        (
            "foredragande",
            decision.presenter.clone().unwrap_or_default(),
        ),
    ]);
    let mut fields = fields;
    if let Some(old) = decision.supersedes {
        fields.insert("andrar", format!(" (ändrar beslutet den {})", date(old)));
    } else {
        fields.insert("andrar", String::new());
    }
    let template = match d.step {
        Step::Interest => BESKED_TEMPLATE,
        _ => DECISION_TEMPLATE,
    };
    letter::render(template, &fields, is_grant(decision.outcome))
}

/// "DELMOS-2026-35-beslut-4.md": the case, and the document's sub-number to come.
fn file_name(d: &CaseDetail, decision_id: i64) -> String {
    format!(
        "{}-{}-{}-beslut-{decision_id}.md",
        d.dnr.prefix, d.dnr.year, d.dnr.seq
    )
}

/// Writes the letter under a temporary name in the same folder, then renames it into place, so
/// the letter's own name never holds half a letter.
fn write_via_temp(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(path.file_name().unwrap_or_default());
    temp_name.push(".tmp");
    let temp = path.with_file_name(temp_name);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Writes the letter, then in one transaction registers it, marks the decision sent and moves
/// the case to expedierad. If the transaction fails the letter file is removed again.
#[allow(clippy::too_many_arguments)]
pub fn dispatch(
    store: &mut Store,
    now: DateTime<Utc>,
    user_id: i64,
    case_id: i64,
    version: i64,
    decision_id: i64,
    dir: &Path,
    today: NaiveDate,
) -> Result<Msg, StoreError> {
    let d = store.case_detail(case_id)?;
    let Some(decision) = d.decisions.iter().find(|x| x.id == decision_id) else {
        return Err(StoreError::NotFound("decision"));
    };
    let text = match letter_text(&d, decision) {
        Ok(t) => t,
        Err(e) => return Ok(Msg::LetterFailed(e.to_string())),
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return Ok(Msg::LetterFailed(format!("{}: {e}", dir.display())));
    }
    let path: PathBuf = dir.join(file_name(&d, decision_id));
    let shown = path.display().to_string();
    // Never overwrite a letter that is on record. A file of that name that no registered
    // document names is what a crash between writing and registering left: it is replaced.
    if path.exists() && store.document_names_file(&shown)? {
        let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
        return Ok(Msg::LetterFailed(format!("{shown}: {e}")));
    }
    if let Err(e) = write_via_temp(&path, &text) {
        return Ok(Msg::LetterFailed(format!("{shown}: {e}")));
    }
    let result = store.write(now, |w| {
        w.check_version(case_id, version)?;
        w.register_document(
            user_id,
            &NewDocument {
                case_id,
                direction: Direction::Outgoing,
                date: today,
                counterpart: &d.organisation.name,
                description: records::decision_document(d.step),
                file_path: Some(&shown),
            },
        )?;
        w.mark_sent(user_id, decision_id, today, "brev")?;
        // A first decision moves the case on; a corrected one is sent where the case stands.
        if d.state == crate::domain::CaseState::Decided {
            w.set_state(user_id, case_id, crate::domain::CaseState::Dispatched)?;
        }
        Ok(())
    });
    match result {
        Ok(()) => Ok(Msg::Written {
            case_id,
            done: Done::Dispatched(shown),
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            Err(e)
        }
    }
}
