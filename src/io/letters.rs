//! Letters: the decision letter and the återkrav letter, filled from `assets/templates/` in
//! Swedish (the record's language), and the one way every letter reaches the disk.

use crate::domain::decision::is_grant;
use crate::domain::followup::{Recovery, RecoveryDecision};
use crate::domain::letter::{self, TemplateError};
use crate::domain::{CaseDetail, Decision, Money, Step, records};
use crate::i18n::{self, Lang, T, tr};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

pub const DECISION_TEMPLATE: &str = include_str!("../../assets/templates/beslut.md");
pub const BESKED_TEMPLATE: &str = include_str!("../../assets/templates/besked.md");
pub const RECOVERY_TEMPLATE: &str = include_str!("../../assets/templates/aterkrav.md");

/// The fields every letter has of its agency: `myndighet` (who decides), `brevhuvud` (name,
/// address and organisationsnummer, one line each, those set) and `kontakt` (the contact line,
/// or nothing).
fn agency_fields(d: &CaseDetail) -> [(&'static str, String); 3] {
    let h = &d.letterhead;
    let mut head = vec![format!("**{}**", h.agency.trim())];
    head.extend(
        h.address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string),
    );
    if !h.org_nr.trim().is_empty() {
        head.push(format!("Organisationsnummer {}", h.org_nr.trim()));
    }
    let contact = if h.contact.trim().is_empty() {
        String::new()
    } else {
        format!("Kontakt: {}", h.contact.trim())
    };
    [
        ("myndighet", h.agency.trim().to_string()),
        // Markdown: two spaces end a line without starting a paragraph.
        ("brevhuvud", head.join("  \n")),
        ("kontakt", contact),
    ]
}

fn date(x: NaiveDate) -> String {
    x.format("%Y-%m-%d").to_string()
}

/// The letter for `decision` on case `d`.
pub fn decision_letter(d: &CaseDetail, decision: &Decision) -> Result<String, TemplateError> {
    let sv = |t: T| t.text(Lang::Sv).to_string();
    let dash = "–".to_string();
    let mut fields: BTreeMap<&str, String> = BTreeMap::from([
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
    let changes = decision
        .supersedes
        .map(|old| format!(" (ändrar beslutet den {})", date(old)))
        .unwrap_or_default();
    fields.insert("andrar", changes);
    fields.extend(agency_fields(d));
    let template = match d.step {
        Step::Interest => BESKED_TEMPLATE,
        _ => DECISION_TEMPLATE,
    };
    letter::render(template, &fields, is_grant(decision.outcome))
}

/// The återkrav letter for `r` on case `d`.
pub fn recovery_letter(
    d: &CaseDetail,
    r: &Recovery,
    dec: &RecoveryDecision,
) -> Result<String, TemplateError> {
    let sv = Lang::Sv;
    let appeal = d
        .decision()
        .map(|x| x.appeal_text.clone())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| records::DEFAULT_APPEAL_TEXT.to_string());
    let to_pay = Money(r.claimed.ore() - dec.waived.ore());
    let motivation = if dec.motivation.trim().is_empty() {
        tr(sv, T::FuLetterReason, &[i18n::ground(r.ground).text(sv)])
    } else {
        dec.motivation.clone()
    };
    let mut fields: BTreeMap<&str, String> = BTreeMap::from([
        ("dnr", d.dnr.to_string()),
        ("beslutsdatum", date(dec.decided_on)),
        ("organisation", d.organisation.name.clone()),
        (
            "organisationsnummer",
            d.organisation.org_nr.map_or("–".into(), |n| n.to_string()),
        ),
        ("forordning", d.call.regulation.clone()),
        ("beviljat", d.granted.unwrap_or_default().to_string()),
        ("utbetalt", d.followup.paid().to_string()),
        ("grund", i18n::ground(r.ground).text(sv).to_string()),
        ("kommunicerad", date(r.communicated_on)),
        ("svar_senast", date(r.response_due)),
        (
            "beslut",
            i18n::recovery_decision(dec.kind).text(sv).to_string(),
        ),
        ("belopp", r.claimed.to_string()),
        ("eftergivet", dec.waived.to_string()),
        ("att_betala", to_pay.to_string()),
        ("betalas_senast", dec.pay_by.map_or("–".into(), date)),
        ("motivering", motivation),
        ("overklagande", appeal),
        ("beslutsfattare", dec.decider.clone()),
        ("foredragande", r.presenter.clone()),
    ]);
    fields.extend(agency_fields(d));
    // The payment block only where something is to be paid.
    letter::render(RECOVERY_TEMPLATE, &fields, to_pay.ore() > 0)
}

/// The letter with the event chain's head at its foot (see [`Anchor`]); a database without
/// events (none can send a letter) leaves the letter as it is.
///
/// [`Anchor`]: crate::domain::audit::Anchor
pub fn anchored(text: &str, anchor: Option<&crate::domain::audit::Anchor>) -> String {
    match anchor {
        Some(a) => format!(
            "{}\n\n---\n\nDiariets kontrollvärde vid expediering: {}\n",
            text.trim_end(),
            a.text()
        ),
        None => text.to_string(),
    }
}

/// "DELMOS-2026-35-beslut-4.md": the case and the decision.
pub fn decision_file_name(d: &CaseDetail, decision_id: i64) -> String {
    format!(
        "{}-{}-{}-beslut-{decision_id}.md",
        d.dnr.prefix, d.dnr.year, d.dnr.seq
    )
}

/// "DELMOS-2025-13-aterkrav-2.md": the case and the återkrav.
pub fn recovery_file_name(d: &CaseDetail, recovery_id: i64) -> String {
    format!(
        "{}-{}-{}-aterkrav-{recovery_id}.md",
        d.dnr.prefix, d.dnr.year, d.dnr.seq
    )
}

/// Why a letter could not be written.
#[derive(Debug, thiserror::Error)]
pub enum LetterWriteError {
    /// A registered document already names this file: a letter on record is never replaced.
    #[error("{0}: {1}")]
    OnRecord(String, std::io::Error),
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

/// Writes a letter into `dir` under `name` for the act that registers it, the one way every
/// letter reaches the disk: under a temporary name first, synced, then renamed into place, so
/// the letter's own name never holds half a letter. A letter on record (`registered` says a
/// document names the path) is never replaced; a file of that name that no document names is
/// what a crash between writing and registering left, and is replaced. Returns the path as
/// registered.
pub fn write_letter(
    dir: &Path,
    name: &str,
    text: &str,
    registered: impl FnOnce(&str) -> bool,
) -> Result<std::path::PathBuf, LetterWriteError> {
    use std::io::Write;
    std::fs::create_dir_all(dir).map_err(|e| LetterWriteError::Io(dir.display().to_string(), e))?;
    let path = dir.join(name);
    let shown = path.display().to_string();
    if path.exists() && registered(&shown) {
        let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
        return Err(LetterWriteError::OnRecord(shown, e));
    }
    let temp = dir.join(format!(".{name}.tmp"));
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&temp, &path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(LetterWriteError::Io(shown, e));
    }
    Ok(path)
}

/// Removes a letter whose registration failed, so no letter exists that the record lacks.
pub fn remove_unregistered(path: &Path) {
    let _ = std::fs::remove_file(path);
}
