//! The agency's own set-up: calls (utlysningar) with their förordning and texts, users with
//! roles and a beslutsfattare's delegation, and the settings letters use. Pure rules: what a
//! call, a user or a setting may be, and what a delegation covers.

use super::case::Step;
use super::model::{Outcome, Role};
use super::money::Money;
use chrono::NaiveDate;

/// The förordningar grants are given under: kommuner, regioner and kommunalförbund under
/// 2018:118; ideella föreningar, stiftelser and trossamfund under 2018:119.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Regulation {
    Municipal,
    CivilSociety,
}

impl Regulation {
    pub const ALL: [Regulation; 2] = [Regulation::Municipal, Regulation::CivilSociety];

    /// Its SFS number, as stored and cited: "2018:118".
    pub fn sfs(self) -> &'static str {
        match self {
            Regulation::Municipal => "2018:118",
            Regulation::CivilSociety => "2018:119",
        }
    }

    /// Reads a stored or typed SFS number ("2018:118", "SFS 2018:118").
    pub fn from_sfs(text: &str) -> Option<Regulation> {
        let t = text.trim().trim_start_matches("SFS").trim();
        Regulation::ALL.into_iter().find(|r| r.sfs() == t)
    }
}

/// What a beslutsfattare may decide: these outcomes (empty: every outcome) up to this amount
/// (None: no limit). An amount counts the whole grant, later years included.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Delegation {
    pub outcomes: Vec<Outcome>,
    pub max: Option<Money>,
}

/// Why a delegation does not cover a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DelegationError {
    Outcome(Outcome),
    Amount { amount: Money, max: Money },
}

impl Delegation {
    /// Does the delegation cover deciding `outcome` for `amount`?
    pub fn covers(&self, outcome: Outcome, amount: Option<Money>) -> Result<(), DelegationError> {
        if !self.outcomes.is_empty() && !self.outcomes.contains(&outcome) {
            return Err(DelegationError::Outcome(outcome));
        }
        match (amount, self.max) {
            (Some(amount), Some(max)) if amount > max => {
                Err(DelegationError::Amount { amount, max })
            }
            _ => Ok(()),
        }
    }

    /// The outcomes as stored: comma-separated codes.
    pub fn outcomes_code(&self) -> String {
        self.outcomes
            .iter()
            .map(|o| o.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Reads stored outcome codes; None when one is unknown.
    pub fn outcomes_from_code(code: &str) -> Option<Vec<Outcome>> {
        code.split(',')
            .filter(|c| !c.trim().is_empty())
            .map(|c| Outcome::from_code(c.trim()))
            .collect()
    }
}

/// A beslutstillfälle: applications received by `cutoff_on` are decided on `held_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sitting {
    pub held_on: NaiveDate,
    pub cutoff_on: NaiveDate,
}

/// A call as an administratör sets it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallDraft {
    pub name: String,
    pub step: Step,
    pub regulation: Regulation,
    /// The SFS number of the wording in force on the call's dates ("2022:59"); empty: as first
    /// published.
    pub regulation_version: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub budget: Money,
    /// What the call may commit for later years (bemyndiganderam).
    pub commitment: Money,
    /// The checklist version new assessments use; None: the step's current one.
    pub checklist_id: Option<String>,
    pub conditions_text: String,
    pub appeal_text: String,
    /// The paragraph the appeal clause rests on ("14 §").
    pub appeal_paragraph: String,
    pub sittings: Vec<Sitting>,
    /// The kommuner that may apply (organisation ids), where the förordning's version lists them.
    pub kommuner: Vec<i64>,
}

/// A call with everything an administratör sets, for editing and for letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSetup {
    pub id: i64,
    pub draft: CallDraft,
    /// The förordning as stored, when it is not one bidrag knows by number (the 2018 calls
    /// name both).
    pub regulation_text: String,
    /// Decisions made in the call: its step and förordning can no longer change.
    pub decided: bool,
}

/// A rule a call breaks, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    NameRequired,
    /// A name or text holds control characters (other than line breaks in a long text).
    ControlCharacters(CallField),
    ClosesBeforeOpens,
    NegativeBudget,
    NegativeCommitment,
    /// A beslutstillfälle whose cut-off lies outside the call's period, or is after it is held.
    SittingOutside(Sitting),
    /// Two beslutstillfällen on one day.
    SittingTwice(NaiveDate),
    /// The step or förordning of a call with decisions cannot change.
    Decided,
    /// Another call has this name.
    NameTaken,
}

/// A call's fields, for errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallField {
    Name,
    RegulationVersion,
    Conditions,
    AppealText,
    AppealParagraph,
}

/// Control characters other than a line break or a tab: never stored.
pub fn has_control(text: &str, lines_allowed: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(lines_allowed && matches!(c, '\n' | '\t')))
}

/// Checks a call; all problems, in form order.
pub fn validate_call(c: &CallDraft) -> Vec<CallError> {
    let mut errors = Vec::new();
    if c.name.trim().is_empty() {
        errors.push(CallError::NameRequired);
    }
    let texts = [
        (CallField::Name, c.name.as_str(), false),
        (CallField::RegulationVersion, &c.regulation_version, false),
        (CallField::Conditions, &c.conditions_text, true),
        (CallField::AppealText, &c.appeal_text, true),
        (CallField::AppealParagraph, &c.appeal_paragraph, false),
    ];
    for (field, text, lines) in texts {
        if has_control(text, lines) {
            errors.push(CallError::ControlCharacters(field));
        }
    }
    if c.closes_on < c.opens_on {
        errors.push(CallError::ClosesBeforeOpens);
    }
    if c.budget.ore() < 0 {
        errors.push(CallError::NegativeBudget);
    }
    if c.commitment.ore() < 0 {
        errors.push(CallError::NegativeCommitment);
    }
    let mut days = Vec::new();
    for s in &c.sittings {
        let inside = s.cutoff_on >= c.opens_on && s.cutoff_on <= c.held_limit();
        if !inside || s.cutoff_on > s.held_on {
            errors.push(CallError::SittingOutside(*s));
        }
        if days.contains(&s.held_on) {
            errors.push(CallError::SittingTwice(s.held_on));
        }
        days.push(s.held_on);
    }
    errors
}

impl CallDraft {
    /// The last day a beslutstillfälle's cut-off may fall on: the call's closing day.
    fn held_limit(&self) -> NaiveDate {
        self.closes_on
    }
}

/// A user as an administratör sets them up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDraft {
    pub login: String,
    pub name: String,
    pub title: String,
    pub roles: Vec<Role>,
    pub delegation: Delegation,
}

/// A rule a user breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserError {
    /// A login is the account name: 1–64 letters, digits, '.', '-' or '_'.
    Login,
    NameRequired,
    ControlCharacters(UserField),
    NoRole,
    /// A delegation is for a beslutsfattare.
    DelegationWithoutRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserField {
    Name,
    Title,
}

/// A login as the operating system names accounts: 1–64 letters, digits, '.', '-' or '_'.
pub fn valid_login(login: &str) -> bool {
    let n = login.chars().count();
    (1..=64).contains(&n)
        && login
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Checks a user; all problems, in form order.
pub fn validate_user(u: &UserDraft) -> Vec<UserError> {
    let mut errors = Vec::new();
    if !valid_login(&u.login) {
        errors.push(UserError::Login);
    }
    if u.name.trim().is_empty() {
        errors.push(UserError::NameRequired);
    }
    if has_control(&u.name, false) {
        errors.push(UserError::ControlCharacters(UserField::Name));
    }
    if has_control(&u.title, false) {
        errors.push(UserError::ControlCharacters(UserField::Title));
    }
    if u.roles.is_empty() {
        errors.push(UserError::NoRole);
    }
    let delegated = !u.delegation.outcomes.is_empty() || u.delegation.max.is_some();
    if delegated && !u.roles.contains(&Role::DecisionMaker) {
        errors.push(UserError::DelegationWithoutRole);
    }
    errors
}

/// The settings letters use, by key, in the order an administratör sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    AgencyName,
    DnrPrefix,
    PostalAddress,
    OrgNr,
    Contact,
}

impl Setting {
    pub const ALL: [Setting; 5] = [
        Setting::AgencyName,
        Setting::DnrPrefix,
        Setting::PostalAddress,
        Setting::OrgNr,
        Setting::Contact,
    ];

    /// The key in the settings table.
    pub fn key(self) -> &'static str {
        match self {
            Setting::AgencyName => "agency_name",
            Setting::DnrPrefix => "dnr_prefix",
            Setting::PostalAddress => "agency_address",
            Setting::OrgNr => "agency_org_nr",
            Setting::Contact => "agency_contact",
        }
    }

    pub fn from_key(key: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The value a new database starts with.
    pub fn default_value(self) -> &'static str {
        match self {
            Setting::AgencyName => "Delegationen mot segregation",
            Setting::DnrPrefix => super::dnr::DEFAULT_PREFIX,
            Setting::PostalAddress => "",
            Setting::OrgNr => "",
            Setting::Contact => "",
        }
    }
}

/// What letters say of the agency, from its settings: the name that decides, and the
/// letterhead (address, organisationsnummer) and contact line where they are set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    pub agency: String,
    pub address: String,
    pub org_nr: String,
    pub contact: String,
}

impl Default for Letterhead {
    fn default() -> Self {
        Letterhead {
            agency: Setting::AgencyName.default_value().to_string(),
            address: Setting::PostalAddress.default_value().to_string(),
            org_nr: Setting::OrgNr.default_value().to_string(),
            contact: Setting::Contact.default_value().to_string(),
        }
    }
}

/// Why a setting's value is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingError {
    Required,
    ControlCharacters,
    /// A diarienummer prefix: 1–12 capital letters A–Z.
    DnrPrefix,
    OrgNr,
}

/// Checks a setting's new value; returns it as stored.
pub fn validate_setting(setting: Setting, value: &str) -> Result<String, SettingError> {
    let v = value.trim();
    if has_control(v, setting == Setting::PostalAddress) {
        return Err(SettingError::ControlCharacters);
    }
    match setting {
        Setting::AgencyName if v.is_empty() => Err(SettingError::Required),
        Setting::DnrPrefix
            if v.is_empty() || v.len() > 12 || !v.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            Err(SettingError::DnrPrefix)
        }
        Setting::OrgNr if !v.is_empty() => super::orgnr::OrgNr::parse(v)
            .map(|n| n.to_string())
            .map_err(|_| SettingError::OrgNr),
        _ => Ok(v.to_string()),
    }
}

/// The kinds of act the service lets a role take. Who may do what is one table, here, so the
/// service, the screens and the README read the same rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Register a case (by hand or by import).
    Register,
    /// Put on record what came in or happened: a document, a note, a komplettering received,
    /// a report received.
    Record,
    /// Handle a case: answer its checklist, change its state, ask for komplettering, assign,
    /// propose, plan payments, review a report, open an återkrav.
    Handle,
    /// Expedite a decision: write its letter and register it as sent.
    Dispatch,
    /// Mark an instalment paid or a repayment received.
    Pay,
    /// Decide, change a decision, decide in a round, decide an återkrav.
    Decide,
    /// Set up calls, users and settings.
    Administer,
}

impl Act {
    /// The roles that may take the act (any one of them).
    pub fn roles(self) -> &'static [Role] {
        match self {
            Act::Register | Act::Record => &[Role::Registrar, Role::Caseworker],
            // The beslutsfattare may send their own decision.
            Act::Dispatch => &[Role::Registrar, Role::Caseworker, Role::DecisionMaker],
            Act::Handle => &[Role::Caseworker],
            Act::Pay => &[Role::Attestant, Role::Caseworker],
            Act::Decide => &[Role::DecisionMaker],
            Act::Administer => &[Role::Administrator],
        }
    }

    /// May a user with `roles` take the act?
    pub fn allowed(self, roles: &[Role]) -> bool {
        self.roles().iter().any(|r| roles.contains(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).expect("date")
    }

    fn call() -> CallDraft {
        CallDraft {
            name: "2027 Intresseanmälan".into(),
            step: Step::Interest,
            regulation: Regulation::Municipal,
            regulation_version: "2022:59".into(),
            opens_on: d(1, 15),
            closes_on: d(3, 31),
            budget: Money(1_000_000_000),
            commitment: Money::ZERO,
            checklist_id: None,
            conditions_text: "Bidraget får endast användas för ändamålet.\nRedovisa senast …"
                .into(),
            appeal_text: "Beslutet får inte överklagas.".into(),
            appeal_paragraph: "14 §".into(),
            sittings: vec![Sitting {
                held_on: d(4, 20),
                cutoff_on: d(3, 31),
            }],
            kommuner: Vec::new(),
        }
    }

    #[test]
    fn call_rules_table() {
        use CallError as E;
        let cases: Vec<(CallDraft, Vec<E>)> = vec![
            (call(), vec![]),
            (
                CallDraft {
                    closes_on: d(1, 1),
                    sittings: Vec::new(),
                    ..call()
                },
                vec![E::ClosesBeforeOpens],
            ),
            (
                CallDraft {
                    budget: Money(-1),
                    commitment: Money(-1),
                    ..call()
                },
                vec![E::NegativeBudget, E::NegativeCommitment],
            ),
            (
                CallDraft {
                    name: " ".into(),
                    ..call()
                },
                vec![E::NameRequired],
            ),
            (
                CallDraft {
                    name: "2027\u{1b}[2J".into(),
                    ..call()
                },
                vec![E::ControlCharacters(CallField::Name)],
            ),
            (
                CallDraft {
                    sittings: vec![Sitting {
                        held_on: d(5, 1),
                        cutoff_on: d(4, 15),
                    }],
                    ..call()
                },
                vec![E::SittingOutside(Sitting {
                    held_on: d(5, 1),
                    cutoff_on: d(4, 15),
                })],
            ),
            (
                CallDraft {
                    sittings: vec![
                        Sitting {
                            held_on: d(4, 20),
                            cutoff_on: d(2, 1),
                        },
                        Sitting {
                            held_on: d(4, 20),
                            cutoff_on: d(3, 1),
                        },
                    ],
                    ..call()
                },
                vec![E::SittingTwice(d(4, 20))],
            ),
        ];
        for (c, want) in cases {
            assert_eq!(validate_call(&c), want, "{c:?}");
        }
    }

    #[test]
    fn delegation_covers_outcomes_and_amounts() {
        let open = Delegation::default();
        assert_eq!(open.covers(Outcome::Granted, Some(Money(i64::MAX))), Ok(()));
        let small = Delegation {
            outcomes: vec![Outcome::Positive, Outcome::Negative, Outcome::Granted],
            max: Some(Money(50_000_000)),
        };
        assert_eq!(small.covers(Outcome::Positive, None), Ok(()));
        assert_eq!(
            small.covers(Outcome::Granted, Some(Money(50_000_000))),
            Ok(())
        );
        assert_eq!(
            small.covers(Outcome::Granted, Some(Money(50_000_001))),
            Err(DelegationError::Amount {
                amount: Money(50_000_001),
                max: Money(50_000_000)
            })
        );
        assert_eq!(
            small.covers(Outcome::Rejected, None),
            Err(DelegationError::Outcome(Outcome::Rejected))
        );
        assert_eq!(
            Delegation::outcomes_from_code(&small.outcomes_code()),
            Some(small.outcomes.clone())
        );
        assert_eq!(Delegation::outcomes_from_code("bifall,nonsense"), None);
    }

    #[test]
    fn user_rules_table() {
        use UserError as E;
        let ok = UserDraft {
            login: "cecilia".into(),
            name: "Cecilia Holm".into(),
            title: "direktör".into(),
            roles: vec![Role::DecisionMaker],
            delegation: Delegation {
                outcomes: Vec::new(),
                max: Some(Money(100)),
            },
        };
        assert_eq!(validate_user(&ok), vec![]);
        let bad = UserDraft {
            login: "ce cilia".into(),
            name: "".into(),
            title: "dir\u{7}".into(),
            roles: vec![],
            ..ok.clone()
        };
        assert_eq!(
            validate_user(&bad),
            vec![
                E::Login,
                E::NameRequired,
                E::ControlCharacters(UserField::Title),
                E::NoRole,
                E::DelegationWithoutRole
            ]
        );
    }

    #[test]
    fn settings_are_checked() {
        assert_eq!(
            validate_setting(Setting::DnrPrefix, "DELMOS"),
            Ok("DELMOS".into())
        );
        assert_eq!(
            validate_setting(Setting::DnrPrefix, "delmos"),
            Err(SettingError::DnrPrefix)
        );
        assert_eq!(
            validate_setting(Setting::AgencyName, " "),
            Err(SettingError::Required)
        );
        assert_eq!(
            validate_setting(Setting::OrgNr, "202100-6255"),
            Ok("202100-6255".into())
        );
        assert_eq!(
            validate_setting(Setting::OrgNr, "202100-6256"),
            Err(SettingError::OrgNr)
        );
        assert_eq!(
            validate_setting(Setting::PostalAddress, "Box 1\n123 45 Stad"),
            Ok("Box 1\n123 45 Stad".into())
        );
        assert_eq!(
            validate_setting(Setting::Contact, "\u{1b}]0;x\u{7}"),
            Err(SettingError::ControlCharacters)
        );
        for s in Setting::ALL {
            assert_eq!(Setting::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn regulations_read_their_numbers() {
        assert_eq!(
            Regulation::from_sfs("SFS 2018:119"),
            Some(Regulation::CivilSociety)
        );
        assert_eq!(
            Regulation::from_sfs("2018:118"),
            Some(Regulation::Municipal)
        );
        assert_eq!(Regulation::from_sfs("2017:848"), None);
    }
}
