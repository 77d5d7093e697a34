//! `bidrag user`, `bidrag call` and `bidrag settings`: the agency's set-up from the command line.
//! Listing reads the database read-only; every change goes through the service as the acting
//! account, which must be an administratör, and is an event.

use super::{Failure, Settings, fail, identity, load_checklists, open_error_message, prepare, say};
use crate::domain::admin::{CallDraft, Delegation, Regulation, Setting, Sitting, UserDraft};
use crate::domain::{Money, Outcome, Role, Step, User};
use crate::i18n::{self, Lang, T, tr};
use crate::service::{Ctx, ServiceError};
use crate::storage::{Store, StoreError};
use chrono::{Local, NaiveDate, Utc};
use std::path::Path;

#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// List the users with their roles, title and delegation.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Register a user: LOGIN is their account name on this host.
    Add {
        login: String,
        /// Display name, as History shows it.
        #[arg(long)]
        name: String,
        /// Title, as letters sign it ("handläggare", "enhetschef").
        #[arg(long, default_value = "")]
        title: String,
        #[command(flatten)]
        roles: RoleArgs,
    },
    /// Change a user's name, title, roles or delegation (only what is given).
    Edit {
        login: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        roles: RoleArgs,
    },
    /// Deactivate a user: they can no longer act; their history stays.
    Deactivate { login: String },
    /// Activate a deactivated user again.
    Activate { login: String },
}

#[derive(Debug, clap::Args)]
pub struct RoleArgs {
    /// Roles, comma-separated: registrator, handläggare, beslutsfattare, attestant,
    /// administratör.
    #[arg(long, value_name = "ROLE,…")]
    roles: Option<String>,
    /// A beslutsfattare's delegation: the outcomes they may decide, comma-separated (bifall,
    /// delvis_bifall, avslag, avvisning, positivt_besked, negativt_besked …); empty: all.
    #[arg(long, value_name = "OUTCOME,…")]
    outcomes: Option<String>,
    /// A beslutsfattare's delegation: the largest grant they may decide, in kronor ("none":
    /// no limit).
    #[arg(long, value_name = "KRONOR|none")]
    max_amount: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum CallCommand {
    /// List the calls.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Create a call.
    Add {
        #[command(flatten)]
        fields: CallArgs,
    },
    /// Change a call (only what is given); a call with decisions keeps its step and förordning.
    Edit {
        /// The call's id or name.
        call: String,
        #[command(flatten)]
        fields: CallArgs,
    },
    /// Close a call today: a case received later is registered only with a reason.
    Close {
        /// The call's id or name.
        call: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct CallArgs {
    #[arg(long)]
    name: Option<String>,
    /// The step: 1 intresseanmälan, 2 kartläggning, 3 insatser, 4 slutrapport.
    #[arg(long, value_name = "1-4")]
    step: Option<u8>,
    /// The förordning: 2018:118 (kommuner, regioner) or 2018:119 (ideella organisationer).
    #[arg(long, value_name = "SFS")]
    regulation: Option<String>,
    /// The SFS number of the förordning's wording in force on the call's dates.
    #[arg(long, value_name = "SFS")]
    regulation_version: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    opens: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    closes: Option<String>,
    /// The budget, in kronor.
    #[arg(long, value_name = "KRONOR", allow_hyphen_values = true)]
    budget: Option<String>,
    /// What the call may commit for later years (bemyndiganderam), in kronor.
    #[arg(long, value_name = "KRONOR", allow_hyphen_values = true)]
    commitment: Option<String>,
    /// A beslutstillfälle: the day it is held and the last day of receipt it decides,
    /// "HELD/CUTOFF"; repeat for more. Given once or more, replaces the list.
    #[arg(long, value_name = "YYYY-MM-DD/YYYY-MM-DD")]
    sitting: Vec<String>,
    /// The kommuner that may apply (names or kommunkoder, comma-separated); empty: all.
    #[arg(long, value_name = "KOMMUN,…")]
    kommuner: Option<String>,
    /// The checklist version its assessments use (e.g. kartlaggning@2018.1).
    #[arg(long, value_name = "ID")]
    checklist: Option<String>,
    /// The villkor its grant letters state.
    #[arg(long, value_name = "TEXT")]
    conditions: Option<String>,
    /// The appeal clause its letters state.
    #[arg(long, value_name = "TEXT")]
    appeal: Option<String>,
    /// The paragraph the appeal clause rests on ("14 §").
    #[arg(long, value_name = "TEXT")]
    appeal_paragraph: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum SettingsCommand {
    /// List the settings letters use.
    List,
    /// Change one: agency_name, dnr_prefix, agency_address, agency_org_nr, agency_contact.
    Set { key: String, value: String },
}

fn db_failure(lang: Lang, e: StoreError) -> Failure {
    fail(tr(lang, T::ErrDatabase, &[&e.to_string()]), 1)
}

/// A refusal in the words the screen uses; exit status 1, nothing written.
fn refused(lang: Lang, e: ServiceError) -> Failure {
    match e {
        ServiceError::Refused(r) => {
            let why = crate::app::messages::admin_words(lang, &r);
            let end = if why.ends_with(['.', '!', '?']) {
                ""
            } else {
                "."
            };
            fail(format!("{why}{end} {}", T::NothingWritten.text(lang)), 1)
        }
        ServiceError::Store(StoreError::NotFound(what)) => {
            fail(tr(lang, T::ErrNotFound, &[what]), 1)
        }
        other => fail(tr(lang, T::ErrDatabase, &[&other.to_string()]), 1),
    }
}

fn bad_option(lang: Lang, option: &str, value: &str, rule: T) -> Failure {
    fail(
        tr(
            lang,
            T::ErrOption,
            &[option, &crate::domain::text::clean(value), rule.text(lang)],
        ),
        2,
    )
}

/// Runs one change as the acting account.
fn acting<R>(
    settings: &Settings,
    act: impl FnOnce(&mut Store, &Ctx<'_>) -> Result<R, Failure>,
) -> Result<R, Failure> {
    let lang = settings.lang;
    let checklists = load_checklists(lang)?;
    let (mut store, _, _, _) = prepare(settings, &checklists, false)?;
    let now = Utc::now();
    let (user, _) = identity::acting_user(&mut store, &settings.identity, lang, now)?;
    let ctx = Ctx {
        user_id: user.id,
        today: Local::now().date_naive(),
        now,
        checklists: &checklists,
        letters_dir: Path::new("brev"),
    };
    act(&mut store, &ctx)
}

fn read_only(settings: &Settings) -> Result<Store, Failure> {
    Store::open_read_only(&settings.db).map_err(|e| fail(open_error_message(settings.lang, &e), 1))
}

/// Letters typed without diacritics and in any case: "Handläggare", "handlaggare".
fn plain(word: &str) -> String {
    word.trim()
        .to_lowercase()
        .replace(['ä', 'å'], "a")
        .replace('ö', "o")
        .replace([' ', '-'], "_")
}

fn parse_roles(lang: Lang, text: &str) -> Result<Vec<Role>, Failure> {
    text.split(',')
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            let p = plain(w);
            Role::ALL
                .into_iter()
                .find(|r| r.code() == p || plain(i18n::role(*r).text(lang)) == p)
                .ok_or_else(|| bad_option(lang, "--roles", w, T::OptRoles))
        })
        .collect()
}

fn parse_outcomes(lang: Lang, text: &str) -> Result<Vec<Outcome>, Failure> {
    text.split(',')
        .filter(|w| !w.trim().is_empty())
        .map(|w| {
            Outcome::from_code(&plain(w))
                .ok_or_else(|| bad_option(lang, "--outcomes", w, T::OptOutcomes))
        })
        .collect()
}

fn parse_money(lang: Lang, option: &str, text: &str) -> Result<Money, Failure> {
    Money::parse(text).map_err(|_| bad_option(lang, option, text, T::OptAmount))
}

fn parse_date(lang: Lang, option: &str, text: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad_option(lang, option, text, T::OptDate))
}

impl RoleArgs {
    /// Applies the given options to a user's roles and delegation.
    fn apply(&self, lang: Lang, draft: &mut UserDraft) -> Result<(), Failure> {
        if let Some(roles) = &self.roles {
            draft.roles = parse_roles(lang, roles)?;
        }
        if let Some(outcomes) = &self.outcomes {
            draft.delegation.outcomes = parse_outcomes(lang, outcomes)?;
        }
        if let Some(max) = &self.max_amount {
            draft.delegation.max = match plain(max).as_str() {
                "none" | "ingen" | "" => None,
                _ => Some(parse_money(lang, "--max-amount", max)?),
            };
        }
        Ok(())
    }
}

fn user_by_login(lang: Lang, store: &Store, login: &str) -> Result<User, Failure> {
    store
        .user_by_login(login)
        .map_err(|e| db_failure(lang, e))?
        .ok_or_else(|| {
            fail(
                tr(
                    lang,
                    T::ErrNoSuchUser,
                    &[&crate::domain::text::clean(login)],
                ),
                1,
            )
        })
}

pub fn user(settings: &Settings, command: &UserCommand) -> Result<(), Failure> {
    let lang = settings.lang;
    match command {
        UserCommand::List { format } => list_users(settings, *format),
        UserCommand::Add {
            login,
            name,
            title,
            roles,
        } => {
            let mut draft = UserDraft {
                login: login.clone(),
                name: name.clone(),
                title: title.clone(),
                roles: Vec::new(),
                delegation: Delegation::default(),
            };
            roles.apply(lang, &mut draft)?;
            acting(settings, |store, ctx| {
                crate::service::admin::add_user(store, ctx, &draft).map_err(|e| refused(lang, e))
            })?;
            say(lang, &[tr(lang, T::UserAdded, &[&draft.login])])
        }
        UserCommand::Edit {
            login,
            name,
            title,
            roles,
        } => acting(settings, |store, ctx| {
            let user = user_by_login(lang, store, login)?;
            let mut draft = crate::storage::draft_of(&user);
            if let Some(name) = name {
                draft.name = name.clone();
            }
            if let Some(title) = title {
                draft.title = title.clone();
            }
            roles.apply(lang, &mut draft)?;
            crate::service::admin::change_user(store, ctx, user.id, &draft)
                .map_err(|e| refused(lang, e))?;
            say(lang, &[tr(lang, T::UserChanged, &[&user.login])])
        }),
        UserCommand::Deactivate { login } | UserCommand::Activate { login } => {
            let active = matches!(command, UserCommand::Activate { .. });
            acting(settings, |store, ctx| {
                let user = user_by_login(lang, store, login)?;
                crate::service::admin::set_user_active(store, ctx, user.id, active)
                    .map_err(|e| refused(lang, e))?;
                let key = if active {
                    T::UserActivated
                } else {
                    T::UserDeactivated
                };
                say(lang, &[tr(lang, key, &[&user.login])])
            })
        }
    }
}

fn list_users(settings: &Settings, format: ListFormat) -> Result<(), Failure> {
    let lang = settings.lang;
    let store = read_only(settings)?;
    let users = store.users().map_err(|e| db_failure(lang, e))?;
    let clean = crate::domain::text::clean;
    match format {
        ListFormat::Json => {
            let list: Vec<_> = users
                .iter()
                .map(|u| {
                    serde_json::json!({
                        "login": u.login, "name": u.name, "title": u.title,
                        "roles": u.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
                        "delegation": {
                            "outcomes": u.delegation.outcomes.iter().map(|o| o.code()).collect::<Vec<_>>(),
                            "max_ore": u.delegation.max.map(Money::ore),
                        },
                        "active": u.active,
                    })
                })
                .collect();
            say(lang, &[serde_json::Value::Array(list).to_string()])
        }
        ListFormat::Text => {
            let lines: Vec<String> = users
                .iter()
                .map(|u| {
                    let state = if u.active {
                        ""
                    } else {
                        T::Deactivated.text(lang)
                    };
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        clean(&u.login),
                        clean(&u.name),
                        clean(&u.title),
                        crate::ui::admin::roles_words(lang, &u.roles),
                        crate::ui::admin::delegation_words(lang, u),
                        state
                    )
                    .trim_end()
                    .to_string()
                })
                .collect();
            say(lang, &lines)
        }
    }
}

/// A call by id or name (case ignored).
fn find_call(lang: Lang, store: &Store, call: &str) -> Result<i64, Failure> {
    let calls = store.calls().map_err(|e| db_failure(lang, e))?;
    call.trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| calls.iter().find(|c| c.id == id))
        .or_else(|| {
            calls
                .iter()
                .find(|c| c.name.to_lowercase() == call.trim().to_lowercase())
        })
        .map(|c| c.id)
        .ok_or_else(|| {
            fail(
                tr(
                    lang,
                    T::RuleUnknownCall,
                    &[&crate::domain::text::clean(call)],
                ),
                2,
            )
        })
}

impl CallArgs {
    /// Applies the given options to a call; a new call needs a name, a step, a förordning and
    /// its opening and closing days.
    fn apply(&self, lang: Lang, store: &Store, c: &mut CallDraft) -> Result<(), Failure> {
        if let Some(name) = &self.name {
            c.name = name.clone();
        }
        if let Some(step) = self.step {
            c.step = Step::from_number(i64::from(step))
                .ok_or_else(|| bad_option(lang, "--step", &step.to_string(), T::OptStep))?;
        }
        if let Some(r) = &self.regulation {
            c.regulation = Regulation::from_sfs(r)
                .ok_or_else(|| bad_option(lang, "--regulation", r, T::OptRegulation))?;
        }
        if let Some(v) = &self.regulation_version {
            c.regulation_version = v.clone();
        }
        if let Some(d) = &self.opens {
            c.opens_on = parse_date(lang, "--opens", d)?;
        }
        if let Some(d) = &self.closes {
            c.closes_on = parse_date(lang, "--closes", d)?;
        }
        if let Some(b) = &self.budget {
            c.budget = parse_money(lang, "--budget", b)?;
        }
        if let Some(b) = &self.commitment {
            c.commitment = parse_money(lang, "--commitment", b)?;
        }
        if !self.sitting.is_empty() {
            c.sittings = self
                .sitting
                .iter()
                .map(|s| {
                    let (held, cutoff) = s
                        .split_once('/')
                        .ok_or_else(|| bad_option(lang, "--sitting", s, T::OptSitting))?;
                    Ok(Sitting {
                        held_on: parse_date(lang, "--sitting", held)?,
                        cutoff_on: parse_date(lang, "--sitting", cutoff)?,
                    })
                })
                .collect::<Result<_, Failure>>()?;
        }
        if let Some(k) = &self.kommuner {
            c.kommuner =
                crate::service::admin::kommuner_of(store, k).map_err(|e| refused(lang, e))?;
        }
        if let Some(id) = &self.checklist {
            c.checklist_id = Some(id.trim().to_string()).filter(|s| !s.is_empty());
        }
        if let Some(t) = &self.conditions {
            c.conditions_text = t.clone();
        }
        if let Some(t) = &self.appeal {
            c.appeal_text = t.clone();
        }
        if let Some(t) = &self.appeal_paragraph {
            c.appeal_paragraph = t.clone();
        }
        Ok(())
    }

    /// The options a new call cannot do without.
    fn missing_for_new(&self) -> Option<&'static str> {
        [
            (self.name.is_none(), "--name"),
            (self.step.is_none(), "--step"),
            (self.regulation.is_none(), "--regulation"),
            (self.opens.is_none(), "--opens"),
            (self.closes.is_none(), "--closes"),
            (self.budget.is_none(), "--budget"),
        ]
        .into_iter()
        .find(|(missing, _)| *missing)
        .map(|(_, option)| option)
    }
}

pub fn call(settings: &Settings, command: &CallCommand) -> Result<(), Failure> {
    let lang = settings.lang;
    match command {
        CallCommand::List { format } => list_calls(settings, *format),
        CallCommand::Add { fields } => {
            if let Some(option) = fields.missing_for_new() {
                return Err(fail(tr(lang, T::ErrOptionMissing, &[option]), 2));
            }
            acting(settings, |store, ctx| {
                let mut draft = CallDraft {
                    name: String::new(),
                    step: Step::Interest,
                    regulation: Regulation::Municipal,
                    regulation_version: String::new(),
                    opens_on: ctx.today,
                    closes_on: ctx.today,
                    budget: Money::ZERO,
                    commitment: Money::ZERO,
                    checklist_id: None,
                    conditions_text: String::new(),
                    appeal_text: String::new(),
                    appeal_paragraph: String::new(),
                    sittings: Vec::new(),
                    kommuner: Vec::new(),
                };
                fields.apply(lang, store, &mut draft)?;
                let id = crate::service::admin::add_call(store, ctx, &draft)
                    .map_err(|e| refused(lang, e))?;
                say(
                    lang,
                    &[tr(
                        lang,
                        T::CallAdded,
                        &[draft.name.trim(), &id.to_string()],
                    )],
                )
            })
        }
        CallCommand::Edit { call, fields } => acting(settings, |store, ctx| {
            let id = find_call(lang, store, call)?;
            let mut draft = store.call_setup(id).map_err(|e| db_failure(lang, e))?.draft;
            fields.apply(lang, store, &mut draft)?;
            crate::service::admin::change_call(store, ctx, id, &draft)
                .map_err(|e| refused(lang, e))?;
            say(lang, &[tr(lang, T::CallChanged, &[&draft.name])])
        }),
        CallCommand::Close { call } => acting(settings, |store, ctx| {
            let id = find_call(lang, store, call)?;
            crate::service::admin::close_call(store, ctx, id).map_err(|e| refused(lang, e))?;
            let name = store.call(id).map_err(|e| db_failure(lang, e))?.name;
            say(
                lang,
                &[tr(lang, T::CallClosedNow, &[&name, &ctx.today.to_string()])],
            )
        }),
    }
}

fn list_calls(settings: &Settings, format: ListFormat) -> Result<(), Failure> {
    let lang = settings.lang;
    let store = read_only(settings)?;
    let calls = store.calls().map_err(|e| db_failure(lang, e))?;
    let organisations = store.organisations().map_err(|e| db_failure(lang, e))?;
    let clean = crate::domain::text::clean;
    let mut json = Vec::new();
    let mut lines = Vec::new();
    for c in &calls {
        let setup = store.call_setup(c.id).map_err(|e| db_failure(lang, e))?;
        let d = &setup.draft;
        let kommuner: Vec<&str> = d
            .kommuner
            .iter()
            .filter_map(|id| organisations.iter().find(|o| o.id == *id))
            .map(|o| o.name.as_str())
            .collect();
        let regulation = if setup.regulation_text.is_empty() {
            d.regulation.sfs().to_string()
        } else {
            setup.regulation_text.clone()
        };
        match format {
            ListFormat::Json => json.push(serde_json::json!({
                "id": c.id, "name": c.name, "step": c.step.number(),
                "regulation": regulation, "regulation_version": d.regulation_version,
                "opens_on": c.opens_on.to_string(),
                "closes_on": c.closes_on.map(|d| d.to_string()),
                "budget_ore": c.budget.ore(), "commitment_ore": d.commitment.ore(),
                "checklist_id": d.checklist_id,
                "sittings": d.sittings.iter().map(|s| serde_json::json!({
                    "held_on": s.held_on.to_string(), "cutoff_on": s.cutoff_on.to_string(),
                })).collect::<Vec<_>>(),
                "kommuner": kommuner,
                "conditions_text": d.conditions_text, "appeal_text": d.appeal_text,
                "appeal_paragraph": d.appeal_paragraph,
                "cases": c.case_count, "decided": setup.decided,
            })),
            ListFormat::Text => {
                let closes = c.closes_on.map(|d| d.to_string()).unwrap_or_default();
                lines.push(format!(
                    "{}\t{}\t{}\t{}\t{} – {}\t{}\t{}",
                    c.id,
                    clean(&c.name),
                    tr(lang, T::StepN, &[&c.step.number().to_string()]),
                    clean(&regulation),
                    c.opens_on,
                    closes,
                    c.budget,
                    tr(lang, T::CasesN, &[&c.case_count.to_string()]),
                ));
            }
        }
    }
    match format {
        ListFormat::Json => say(lang, &[serde_json::Value::Array(json).to_string()]),
        ListFormat::Text => say(lang, &lines),
    }
}

pub fn settings(settings: &Settings, command: &SettingsCommand) -> Result<(), Failure> {
    let lang = settings.lang;
    match command {
        SettingsCommand::List => {
            let store = read_only(settings)?;
            let clean = crate::domain::text::clean;
            let mut lines = Vec::new();
            for s in Setting::ALL {
                let value = store.setting_value(s).map_err(|e| db_failure(lang, e))?;
                lines.push(format!(
                    "{}\t{}\t{}",
                    s.key(),
                    i18n::setting(s).text(lang),
                    clean(&value).replace('\n', " / ")
                ));
            }
            say(lang, &lines)
        }
        SettingsCommand::Set { key, value } => {
            let Some(setting) = Setting::from_key(key.trim()) else {
                return Err(bad_option(lang, "KEY", key, T::OptSetting));
            };
            acting(settings, |store, ctx| {
                crate::service::admin::change_setting(store, ctx, setting, value)
                    .map_err(|e| refused(lang, e))?;
                say(
                    lang,
                    &[tr(
                        lang,
                        T::SettingChanged,
                        &[i18n::setting(setting).text(lang)],
                    )],
                )
            })
        }
    }
}
