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

/// One kind of letter: its file name in `assets/templates/` (and in the agency's own folder),
/// the fields it fills, and those a template of it must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    Decision,
    Besked,
    Recovery,
}

const AGENCY_FIELDS: [&str; 3] = ["myndighet", "brevhuvud", "kontakt"];

impl LetterKind {
    pub const ALL: [LetterKind; 3] = [
        LetterKind::Decision,
        LetterKind::Besked,
        LetterKind::Recovery,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            LetterKind::Decision => "beslut.md",
            LetterKind::Besked => "besked.md",
            LetterKind::Recovery => "aterkrav.md",
        }
    }

    fn shipped(self) -> &'static str {
        match self {
            LetterKind::Decision => DECISION_TEMPLATE,
            LetterKind::Besked => BESKED_TEMPLATE,
            LetterKind::Recovery => RECOVERY_TEMPLATE,
        }
    }

    /// The fields the letter fills, besides the agency's.
    fn fields(self) -> &'static [&'static str] {
        match self {
            LetterKind::Decision | LetterKind::Besked => &[
                "dnr",
                "beslutsdatum",
                "andrar",
                "organisation",
                "organisationsnummer",
                "forordning",
                "utlysning",
                "inkommen",
                "arende",
                "sokt",
                "utfall",
                "belopp",
                "period",
                "rapport",
                "motivering",
                "regler",
                "overklagande",
                "beslutsfattare",
                "foredragande",
            ],
            LetterKind::Recovery => &[
                "dnr",
                "beslutsdatum",
                "organisation",
                "organisationsnummer",
                "forordning",
                "beviljat",
                "utbetalt",
                "grund",
                "kommunicerad",
                "svar_senast",
                "beslut",
                "belopp",
                "eftergivet",
                "att_betala",
                "betalas_senast",
                "motivering",
                "overklagande",
                "beslutsfattare",
                "foredragande",
            ],
        }
    }

    /// What no letter of the kind may leave out: who it is to, what was decided, why, who
    /// decided and presented it, and how to appeal (förvaltningslagen 32–33 §§).
    fn required(self) -> &'static [&'static str] {
        match self {
            LetterKind::Decision => &[
                "dnr",
                "beslutsdatum",
                "organisation",
                "utfall",
                "motivering",
                "overklagande",
                "beslutsfattare",
                "foredragande",
                "myndighet",
            ],
            LetterKind::Besked => &[
                "dnr",
                "beslutsdatum",
                "organisation",
                "utfall",
                "beslutsfattare",
                "myndighet",
            ],
            LetterKind::Recovery => &[
                "dnr",
                "beslutsdatum",
                "organisation",
                "beslut",
                "belopp",
                "att_betala",
                "motivering",
                "overklagande",
                "beslutsfattare",
                "foredragande",
                "myndighet",
            ],
        }
    }

    /// Checks `template` as a template of this kind.
    pub fn check(self, template: &str) -> Result<(), letter::TemplateCheck> {
        let mut known: Vec<&str> = self.fields().to_vec();
        known.extend(AGENCY_FIELDS);
        letter::check(template, &known, self.required())
    }
}

/// The templates letters are made from: the shipped ones, or the agency's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Templates {
    decision: String,
    besked: String,
    recovery: String,
}

impl Default for Templates {
    fn default() -> Self {
        Templates {
            decision: LetterKind::Decision.shipped().to_string(),
            besked: LetterKind::Besked.shipped().to_string(),
            recovery: LetterKind::Recovery.shipped().to_string(),
        }
    }
}

/// A template file of the agency's that is refused: the file and why.
#[derive(Debug, thiserror::Error)]
pub enum TemplateFileError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0}: {1}")]
    Check(String, letter::TemplateCheck),
}

impl Templates {
    /// The shipped templates, each replaced by a file of its name in `dir` where there is one;
    /// a file that lacks a required part, names a field the letter does not have, or leaves a
    /// block open is refused with its name and the reason.
    pub fn load(dir: &Path) -> Result<Templates, TemplateFileError> {
        let mut t = Templates::default();
        for kind in LetterKind::ALL {
            let path = dir.join(kind.file_name());
            let shown = path.display().to_string();
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(TemplateFileError::Io(shown, e)),
            };
            kind.check(&text)
                .map_err(|e| TemplateFileError::Check(shown.clone(), e))?;
            match kind {
                LetterKind::Decision => t.decision = text,
                LetterKind::Besked => t.besked = text,
                LetterKind::Recovery => t.recovery = text,
            }
        }
        Ok(t)
    }

    fn of(&self, kind: LetterKind) -> &str {
        match kind {
            LetterKind::Decision => &self.decision,
            LetterKind::Besked => &self.besked,
            LetterKind::Recovery => &self.recovery,
        }
    }
}

/// The templates this process makes letters from: set once at start ([`use_templates`]), else
/// the shipped ones. One process serves one agency, so one set is enough.
static TEMPLATES: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();

/// Makes letters from `t` from now on; the first call wins.
pub fn use_templates(t: Templates) {
    let _ = TEMPLATES.set(t);
}

fn template(kind: LetterKind) -> &'static str {
    TEMPLATES.get_or_init(Templates::default).of(kind)
}

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
        Step::Interest => template(LetterKind::Besked),
        _ => template(LetterKind::Decision),
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
    letter::render(template(LetterKind::Recovery), &fields, to_pay.ore() > 0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_pass_their_own_check() {
        for kind in LetterKind::ALL {
            assert_eq!(
                kind.check(kind.shipped()).map_err(|e| e.to_string()),
                Ok(()),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn an_agency_template_replaces_the_shipped_one_only_when_whole() {
        let dir = tempfile::TempDir::new().expect("tmp");
        assert_eq!(
            Templates::load(dir.path()).expect("none"),
            Templates::default()
        );
        let own = DECISION_TEMPLATE.replace("# Beslut", "# Beslut från oss");
        std::fs::write(dir.path().join("beslut.md"), &own).expect("write");
        let t = Templates::load(dir.path()).expect("own");
        assert_eq!(t.of(LetterKind::Decision), own);
        assert_eq!(t.of(LetterKind::Recovery), RECOVERY_TEMPLATE);
        std::fs::write(
            dir.path().join("aterkrav.md"),
            RECOVERY_TEMPLATE.replace("{{overklagande}}", ""),
        )
        .expect("write");
        let e = Templates::load(dir.path()).expect_err("no appeal clause");
        assert!(e.to_string().contains("aterkrav.md"), "{e}");
        assert!(e.to_string().contains("{{overklagande}}"), "{e}");
    }
}
