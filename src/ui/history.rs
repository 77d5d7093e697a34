//! The event log in people's words: what the case view's *Historik* shows for each event. One
//! pure function, [`describe`], reads an event's stored payload (the shapes `storage::write` and
//! `storage::followup` write) and says what happened with the names a caseworker knows: the
//! checklist's question, the user's name, the organisation's name, money as the app writes it.
//! Never a code, an item key, a checklist id or JSON.

use crate::domain::checklist::{Answer, ChecklistTemplate};
use crate::domain::followup::{Followup, Ground, RecoveryDecisionKind, ReportKind, ReviewOutcome};
use crate::domain::text::clean;
use crate::domain::{
    CaseDetail, CaseState, Decision, Direction, Dnr, Event, EventKind, Money, Organisation,
    Outcome, ReformArea, Role, User,
};
use crate::i18n::{self, Lang, T, tr};
use chrono::NaiveDate;
use serde_json::Value;

/// What the describing needs besides the event: whatever the case view already holds.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// Everyone who may appear in the log, to name a login.
    pub users: &'a [User],
    /// Checklist versions, the case's own first: an item's question, a version's title.
    pub checklists: Vec<&'a ChecklistTemplate>,
    /// Organisations, to name one by id.
    pub organisations: Vec<&'a Organisation>,
    /// The case's decisions, to name one by its date.
    pub decisions: &'a [Decision],
    /// The case's follow-up, to name a report by its kind.
    pub followup: Option<&'a Followup>,
    /// The diarium's prefix ("DELMOS"), to write a diarienummer whole.
    pub dnr_prefix: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// The context of a case's history: its checklist version, then the `current` ones of its
    /// step before the others (an item key may recur in another step with another question),
    /// its organisation before the `organisations`, its decisions and follow-up.
    pub fn for_case(
        d: &'a CaseDetail,
        users: &'a [User],
        current: impl IntoIterator<Item = &'a ChecklistTemplate>,
        organisations: impl IntoIterator<Item = &'a Organisation>,
    ) -> Context<'a> {
        let mut checklists: Vec<&ChecklistTemplate> = d.checklist.iter().collect();
        let mut current: Vec<&ChecklistTemplate> = current.into_iter().collect();
        current.sort_by_key(|t| t.step() != Some(d.step));
        checklists.extend(current);
        Context {
            users,
            checklists,
            organisations: std::iter::once(&d.organisation)
                .chain(organisations)
                .collect(),
            decisions: &d.decisions,
            followup: Some(&d.followup),
            dnr_prefix: Some(&d.dnr.prefix),
        }
    }
}

/// What an event did, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    /// What the change is about, when it may be shortened to keep the change in view: a
    /// checklist item's question.
    pub subject: Option<String>,
    /// What happened: the whole sentence, or, after the subject, the answer.
    pub change: String,
    /// A person's comment on the change, shown last (cut first).
    pub comment: Option<String>,
}

impl Description {
    /// The subject and the change: "Kom ansökan in i tid?: Uppfyllt".
    fn head(&self, subject: Option<&str>) -> String {
        match subject {
            Some(s) => format!("{s}: {}", self.change),
            None => self.change.clone(),
        }
    }

    /// The whole line, the comment included.
    pub fn text(&self) -> String {
        with_comment(self.head(self.subject.as_deref()), self.comment.as_deref())
    }

    /// The line cut to `width` columns so that the change stays in view: the comment gives way
    /// first, then the subject.
    pub fn fit(&self, width: usize) -> String {
        use unicode_width::UnicodeWidthStr;
        let Some(subject) = self
            .subject
            .as_deref()
            .filter(|_| self.head(self.subject.as_deref()).width() > width)
        else {
            return super::fit(&self.text(), width);
        };
        let room = width
            .saturating_sub(self.change.width() + 2)
            .max(subject.width().min(MIN_SUBJECT));
        // The comment cannot show when even the subject had to be cut.
        super::fit(&self.head(Some(&super::fit(subject, room))), width)
    }
}

/// A subject is never cut below this many columns, however long the change.
const MIN_SUBJECT: usize = 20;

impl From<String> for Description {
    fn from(change: String) -> Self {
        Description {
            subject: None,
            change,
            comment: None,
        }
    }
}

/// What the event did, in `lang`. An event whose payload cannot be read says its kind; an
/// event of a kind this version does not know says so, with its code.
pub fn describe(lang: Lang, event: &Event, ctx: &Context<'_>) -> Description {
    let kind = match &event.kind {
        Ok(kind) => *kind,
        Err(code) => return flat(&tr(lang, T::HistUnknownKind, &[code])).into(),
    };
    let d = Describer { lang, ctx };
    let described = d
        .sentence(kind, event.before.as_deref(), event.after.as_deref())
        .unwrap_or_else(|| i18n::event_kind(kind).text(lang).to_string().into());
    Description {
        subject: described.subject.as_deref().map(flat),
        change: flat(&described.change),
        comment: described
            .comment
            .as_deref()
            .map(flat)
            .filter(|c| !c.is_empty()),
    }
}

/// Several lines of stored text on one line, safe to draw.
fn flat(s: &str) -> String {
    clean(
        &s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" / "),
    )
}

/// A JSON payload's fields, read leniently: a missing or odd field is None.
struct Fields(Option<Value>);

impl Fields {
    fn of(text: Option<&str>) -> Fields {
        Fields(text.and_then(|t| serde_json::from_str(t).ok()))
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_ref().and_then(|v| v.get(key))
    }

    fn str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Value::as_i64)
    }

    fn money(&self, key: &str) -> Option<Money> {
        self.int(key).map(Money)
    }

    fn date(&self, key: &str) -> Option<String> {
        self.str(key).and_then(date)
    }
}

/// A stored date as the app shows it; None for anything else.
fn date(s: &str) -> Option<String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// "a → b", or just "b" when there was nothing before.
fn arrow(before: Option<String>, after: String) -> String {
    match before {
        Some(b) if b != after => format!("{b} → {after}"),
        _ => after,
    }
}

/// "text · comment", or the text alone when the comment is empty.
fn with_comment(text: String, comment: Option<&str>) -> String {
    match comment.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{text} · {c}"),
        None => text,
    }
}

struct Describer<'c, 'a> {
    lang: Lang,
    ctx: &'c Context<'a>,
}

impl Describer<'_, '_> {
    fn t(&self, key: T) -> String {
        key.text(self.lang).to_string()
    }

    fn tr(&self, key: T, args: &[&str]) -> String {
        tr(self.lang, key, args)
    }

    fn unknown(&self) -> String {
        self.t(T::HistUnknown)
    }

    fn state(&self, code: &str) -> String {
        CaseState::from_code(code)
            .map(|s| self.t(i18n::state(s)))
            .unwrap_or_else(|| self.unknown())
    }

    fn answer(&self, code: &str) -> Option<String> {
        Answer::from_code(code).map(|a| self.t(i18n::answer(Some(a))))
    }

    /// An outcome in the middle of a sentence: "delvis bifall".
    fn outcome(&self, code: &str) -> String {
        Outcome::from_code(code)
            .map(|o| self.t(i18n::outcome(o)).to_lowercase())
            .unwrap_or_else(|| self.unknown())
    }

    /// Role codes as words: "handläggare, beslutsfattare".
    fn roles(&self, codes: &str) -> String {
        codes
            .split(',')
            .filter_map(Role::from_code)
            .map(|r| self.t(i18n::role(r)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A delegation in words: its outcomes (or every decision) and its highest amount.
    fn delegation(&self, a: &Fields) -> String {
        let outcomes = a.str("delegation_outcomes").unwrap_or_default();
        let mut text = if outcomes.is_empty() {
            self.t(T::HistDelegationAll)
        } else {
            outcomes
                .split(',')
                .map(|o| self.outcome(o))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if let Some(max) = a.money("delegation_max_ore") {
            text = format!("{text}, {}", self.tr(T::HistUpTo, &[&max.to_string()]));
        }
        text
    }

    fn person(&self, login: &str) -> String {
        self.ctx
            .users
            .iter()
            .find(|u| u.login == login)
            .map_or(login, |u| u.name.as_str())
            .to_string()
    }

    fn organisation(&self, id: Option<i64>) -> Option<&str> {
        let id = id?;
        self.ctx
            .organisations
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.as_str())
    }

    fn question(&self, key: &str) -> String {
        self.ctx
            .checklists
            .iter()
            .find_map(|t| t.items.iter().find(|i| i.key == key))
            .map(|item| match (self.lang, &item.question_en) {
                (Lang::En, Some(q)) => q.clone(),
                _ => item.question.clone(),
            })
            .unwrap_or_else(|| self.t(T::HistUnknownItem))
    }

    fn checklist_title(&self, template: &ChecklistTemplate, version: &str) -> String {
        let title = match (self.lang, &template.title_en) {
            (Lang::En, Some(t)) => t.as_str(),
            _ => template.title.as_str(),
        };
        self.tr(T::HistChecklistTitle, &[title, version])
    }

    /// A checklist version by its recorded id ("kartlaggning@2018.1"): its title and version.
    fn checklist(&self, id: &str) -> String {
        if let Some(t) = self.ctx.checklists.iter().find(|t| t.id() == id) {
            return self.checklist_title(t, &t.version);
        }
        match id.split_once('@') {
            Some((key, version)) => match self.ctx.checklists.iter().find(|t| t.key == key) {
                Some(t) => self.checklist_title(t, version),
                None => self.tr(T::HistChecklistVersion, &[version]),
            },
            None => self.unknown(),
        }
    }

    fn areas(&self, codes: Option<&str>) -> String {
        let names: Vec<String> = codes
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| {
                ReformArea::parse(c)
                    .map(|a| self.t(i18n::reform_area(a)))
                    .unwrap_or_else(|| self.unknown())
            })
            .collect();
        if names.is_empty() {
            self.t(T::HistNoAreas)
        } else {
            names.join(", ")
        }
    }

    /// A multi-year split as stored ({"2026": öre, …}): "2026: 500 000 kr, 2027: 300 000 kr".
    fn years(&self, v: Option<&Value>) -> Option<String> {
        let map = v?.as_object()?;
        let mut years: Vec<(&str, Money)> = map
            .iter()
            .filter_map(|(y, ore)| ore.as_i64().map(|o| (y.as_str(), Money(o))))
            .collect();
        years.sort_by_key(|(y, _)| *y);
        (!years.is_empty()).then(|| {
            years
                .iter()
                .map(|(y, m)| format!("{y}: {m}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }

    /// "delvis bifall, 700 000 kr (2026: 500 000 kr, 2027: 200 000 kr)".
    fn decision(&self, a: &Fields) -> Option<String> {
        let mut text = self.outcome(a.str("outcome")?);
        if let Some(m) = a.money("amount_ore") {
            text = format!("{text}, {m}");
        }
        if let Some(y) = self.years(a.get("years")) {
            text = format!("{text} ({y})");
        }
        Some(text)
    }

    fn decision_date(&self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.ctx
            .decisions
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.decided_on.format("%Y-%m-%d").to_string())
    }

    fn report_kind(&self, report_id: Option<i64>) -> String {
        let kind = report_id.and_then(|id| {
            self.ctx
                .followup?
                .reports
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.kind)
        });
        match kind {
            Some(k) => self.t(crate::app::followup::report_kind(k)),
            None => self.t(T::HistReport),
        }
    }

    fn review(&self, code: &str) -> String {
        ReviewOutcome::from_code(code)
            .map(|o| self.t(crate::app::followup::review_outcome(o)))
            .unwrap_or_else(|| self.unknown())
    }

    fn sentence(
        &self,
        kind: EventKind,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Option<Description> {
        use EventKind as K;
        let (b, a) = (Fields::of(before), Fields::of(after));
        let sentence = match kind {
            K::CaseRegistered => {
                let stored = a.str("dnr")?;
                let dnr = match self.ctx.dnr_prefix {
                    Some(prefix) => {
                        Dnr::parse(stored, prefix).map_or(stored.to_string(), |d| d.to_string())
                    }
                    None => stored.to_string(),
                };
                let (dnr, title) = (dnr.as_str(), a.str("title").unwrap_or_default());
                match a.str("state").and_then(CaseState::from_code) {
                    Some(CaseState::Received) | None => self.tr(T::HistRegistered, &[dnr, title]),
                    Some(s) => self.tr(
                        T::HistRegisteredIn,
                        &[dnr, title, &self.t(i18n::state(s)).to_lowercase()],
                    ),
                }
            }
            K::StateChanged => format!(
                "{} → {}",
                before.map_or_else(|| self.t(T::Dash), |s| self.state(s)),
                self.state(after?)
            ),
            K::Assigned => match (before, after) {
                (None, Some(to)) => self.tr(T::HistAssigned, &[&self.person(to)]),
                (Some(from), Some(to)) => {
                    self.tr(T::HistReassigned, &[&self.person(from), &self.person(to)])
                }
                (Some(from), None) => self.tr(T::HistUnassigned, &[&self.person(from)]),
                (None, None) => return None,
            },
            K::GrantedAmountSet => {
                let money = |s: Option<&str>| s?.parse::<i64>().ok().map(|o| Money(o).to_string());
                let text = arrow(money(before), money(after)?);
                self.tr(T::HistGranted, &[&text])
            }
            K::SupplementDueSet | K::ReportDueSet => {
                let day = |s: Option<&str>| s.and_then(date);
                let none = self.t(T::HistNone);
                let text = arrow(day(before), day(after).unwrap_or(none));
                let key = if kind == K::SupplementDueSet {
                    T::HistSupplementDue
                } else {
                    T::HistReportDue
                };
                self.tr(key, &[&text])
            }
            K::ChecklistChosen => {
                let text = arrow(before.map(|id| self.checklist(id)), self.checklist(after?));
                self.tr(T::HistChecklistChosen, &[&text])
            }
            K::ChecklistAnswered => {
                let answer = self.answer(a.str("answer")?)?;
                let was = b.str("answer").and_then(|x| self.answer(x));
                let question = self.question(a.str("item")?);
                return Some(Description {
                    subject: Some(question.trim_end_matches([':', ' ']).to_string()),
                    change: arrow(was, answer),
                    comment: a.str("comment").map(str::to_string),
                });
            }
            K::DocumentRegistered => {
                let direction = match Direction::from_code(a.str("direction")?)? {
                    Direction::Incoming => self.t(T::HistIncoming),
                    Direction::Outgoing => self.t(T::HistOutgoing),
                };
                let no = a.int("sub_no")?.to_string();
                let description = a.str("description").unwrap_or_default();
                self.tr(T::HistDocument, &[&no, &direction, description])
            }
            K::NoteAdded => self.tr(T::HistNote, &[after?]),
            K::DecisionProposed => self.tr(T::HistProposed, &[&self.decision(&a)?]),
            K::DecisionMade => self.tr(T::HistDecided, &[&self.decision(&a)?]),
            K::DecisionSent => {
                let on = a.date("sent_on")?;
                match self.decision_date(a.int("decision_id")) {
                    Some(of) => self.tr(T::HistSentOf, &[&on, &of]),
                    None => self.tr(T::HistSent, &[&on]),
                }
            }
            K::DecisionRound => self.tr(T::HistRound, &[&a.date("held_on")?]),
            K::OverBudgetConfirmed => self.t(T::HistOverBudget),
            K::DecisionCorrected => {
                let head = match self.decision_date(a.int("supersedes")) {
                    Some(of) => self.tr(T::HistCorrectedOf, &[&of]),
                    None => self.t(T::HistCorrected),
                };
                let mut parts = Vec::new();
                if let Some(m) = a.money("amount_ore") {
                    parts.push(m.to_string());
                }
                if let Some(y) = self.years(a.get("years")) {
                    parts.push(format!("({y})"));
                }
                if parts.is_empty() {
                    head
                } else {
                    format!("{head}: {}", parts.join(" "))
                }
            }
            K::JavDeclared | K::JavWithdrawn => {
                let (for_key, plain) = if kind == K::JavDeclared {
                    (T::HistJavDeclaredFor, T::EventJavDeclared)
                } else {
                    (T::HistJavWithdrawnFor, T::EventJavWithdrawn)
                };
                let head = match self.organisation(a.int("organisation_id")) {
                    Some(org) => self.tr(for_key, &[org]),
                    None => self.t(plain),
                };
                match a.str("reason").map(str::trim).filter(|r| !r.is_empty()) {
                    Some(reason) => format!("{head}: {reason}"),
                    None => head,
                }
            }
            K::ReformAreasSet => {
                let text = arrow(before.map(|x| self.areas(Some(x))), self.areas(after));
                self.tr(T::HistAreas, &[&text])
            }
            K::EligibilityOverridden => self.tr(T::HistEligibility, &[after?]),
            K::Imported => self.tr(T::HistImported, &[after?]),
            K::PaymentPlanSet => {
                let rows = serde_json::from_str::<Value>(after?).ok()?;
                let parts: Vec<String> = rows
                    .as_array()?
                    .iter()
                    .filter_map(|r| {
                        let amount = Money(r.get("amount_ore")?.as_i64()?);
                        let due = date(r.get("due_on")?.as_str()?)?;
                        Some(format!("{amount} ({due})"))
                    })
                    .collect();
                if parts.is_empty() {
                    return None;
                }
                self.tr(T::HistPlan, &[&parts.join(", ")])
            }
            K::InstalmentPaid => self.tr(
                T::HistPaid,
                &[
                    &a.int("no")?.to_string(),
                    &a.date("paid_on")?,
                    &a.money("amount_ore")?.to_string(),
                ],
            ),
            K::ReportExpected => {
                let kind = ReportKind::from_code(a.str("kind")?)?;
                let due = arrow(b.date("due_on"), a.date("due_on")?);
                let name = self.t(crate::app::followup::report_kind(kind));
                self.tr(T::HistReportExpected, &[&name, &due])
            }
            K::ReportReceived => self.tr(
                T::HistReportReceived,
                &[
                    &self.report_kind(a.int("report_id")),
                    &a.date("received_on")?,
                    &a.int("sub_no")?.to_string(),
                    &a.money("used_ore")?.to_string(),
                ],
            ),
            K::ReportReviewed => {
                // `before` is the earlier outcome's bare code, when the report was reviewed before.
                let outcome = arrow(
                    before.map(|o| self.review(o)),
                    self.review(a.str("outcome")?),
                );
                let name = self.report_kind(a.int("report_id"));
                with_comment(
                    self.tr(T::HistReportReviewed, &[&name, &outcome]),
                    a.str("comment"),
                )
            }
            K::RecoveryOpened => {
                let ground = Ground::from_code(a.str("ground")?)
                    .map(|g| self.t(crate::app::followup::ground(g)))
                    .unwrap_or_else(|| self.unknown());
                self.tr(
                    T::HistRecoveryOpened,
                    &[
                        &a.money("amount_ore")?.to_string(),
                        &ground,
                        &a.date("response_due_on")?,
                    ],
                )
            }
            K::RecoveryDecided => {
                let decision = RecoveryDecisionKind::from_code(a.str("decision")?)
                    .map(|k| self.t(crate::app::followup::recovery_decision(k)))
                    .unwrap_or_else(|| self.unknown());
                let text = match a.money("waived_ore").filter(|m| m.ore() > 0) {
                    Some(w) => format!("{decision}, {}", self.tr(T::HistWaived, &[&w.to_string()])),
                    None => decision,
                };
                with_comment(
                    self.tr(T::HistRecoveryDecided, &[&text]),
                    a.str("motivation"),
                )
            }
            K::RepaymentRegistered => self.tr(
                T::HistRepayment,
                &[&a.money("amount_ore")?.to_string(), &a.date("paid_on")?],
            ),
            K::UserCreated => {
                let roles: Vec<String> = a
                    .str("roles")
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(Role::from_code)
                    .map(|r| self.t(i18n::role(r)))
                    .collect();
                let name = a.str("name")?;
                if roles.is_empty() {
                    format!("{}: {name}", self.t(T::EventUserCreated))
                } else {
                    self.tr(T::HistUserCreated, &[name, &roles.join(", ")])
                }
            }
            K::ReferenceDataLoaded => self.tr(
                T::HistReferenceData,
                &[
                    &a.int("organisations")?.to_string(),
                    &a.int("calls")?.to_string(),
                ],
            ),
            K::ContactPseudonymised => self.tr(
                T::HistContactPseudonymised,
                &[&a.int("contact_id")?.to_string()],
            ),
            K::ContactRemoved => {
                self.tr(T::HistContactRemoved, &[&a.int("contact_id")?.to_string()])
            }
            K::OrgNrSet => {
                let nr = a.str("org_nr")?;
                match self.organisation(a.int("organisation_id")) {
                    Some(org) => self.tr(T::HistOrgNr, &[org, nr]),
                    None => self.tr(T::HistOrgNrPlain, &[nr]),
                }
            }
            K::UserChanged => {
                let name = a.str("name")?;
                let mut parts = Vec::new();
                if b.str("name") != Some(name) {
                    parts.push(self.tr(T::HistName, &[name]));
                }
                if b.str("roles") != a.str("roles") {
                    parts.push(self.tr(T::HistRoles, &[&self.roles(a.str("roles")?)]));
                }
                if b.str("title") != a.str("title") {
                    parts.push(self.tr(T::HistTitle, &[a.str("title").unwrap_or_default()]));
                }
                if b.str("delegation_outcomes") != a.str("delegation_outcomes")
                    || b.money("delegation_max_ore") != a.money("delegation_max_ore")
                {
                    parts.push(self.tr(T::HistDelegation, &[&self.delegation(&a)]));
                }
                self.tr(T::HistUserChanged, &[name, &parts.join(", ")])
            }
            K::UserDeactivated => self.tr(T::HistUserDeactivated, &[&self.person(a.str("login")?)]),
            K::UserActivated => self.tr(T::HistUserActivated, &[&self.person(a.str("login")?)]),
            K::SettingChanged => {
                let setting = crate::domain::admin::Setting::from_key(a.str("setting")?)?;
                let value = a.str("value").unwrap_or_default().replace('\n', ", ");
                let before = b.str("value").map(|v| v.replace('\n', ", "));
                self.tr(
                    T::HistSettingChanged,
                    &[&self.t(i18n::setting(setting)), &arrow(before, value)],
                )
            }
            K::CallCreated => self.tr(
                T::HistCallCreated,
                &[
                    a.str("name")?,
                    &a.int("step")?.to_string(),
                    a.str("regulation")?,
                    &a.date("opens_on")?,
                    &a.date("closes_on")?,
                    &a.money("budget_ore")?.to_string(),
                ],
            ),
            K::CallChanged => {
                let fields: [(&[&str], T); 9] = [
                    (&["name"], T::CallFldName),
                    (&["step"], T::CallFldStep),
                    (&["regulation", "regulation_version"], T::CallFldRegulation),
                    (&["opens_on", "closes_on"], T::CallFldPeriod),
                    (&["budget_ore"], T::CallFldBudget),
                    (&["commitment_ore"], T::CallFldCommitment),
                    (&["checklist_id"], T::CallFldChecklist),
                    (
                        &["conditions", "appeal_text", "appeal_paragraph"],
                        T::CallFldTexts,
                    ),
                    (&["sittings"], T::CallFldSittings),
                ];
                let mut parts: Vec<String> = fields
                    .iter()
                    .filter(|(keys, _)| keys.iter().any(|k| b.get(k) != a.get(k)))
                    .map(|(_, t)| self.t(*t))
                    .collect();
                if b.get("kommuner") != a.get("kommuner") {
                    parts.push(self.t(T::CallFldKommuner));
                }
                self.tr(T::HistCallChanged, &[a.str("name")?, &parts.join(", ")])
            }
            K::CallClosed => self.tr(
                T::HistCallClosed,
                &[a.str("name").unwrap_or_default(), &a.date("closes_on")?],
            ),
            K::ClosedCallOverridden => with_comment(self.t(T::HistClosedCall), after),
        };
        Some(sentence.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(comment: Option<&str>) -> Description {
        Description {
            subject: Some("Är ansökan skriftlig och undertecknad av behörig firmatecknare?".into()),
            change: "Delvis".into(),
            comment: comment.map(str::to_string),
        }
    }

    #[test]
    fn a_line_that_fits_is_whole() {
        let d = answered(Some("Saknar underskrift."));
        assert_eq!(
            d.fit(200),
            "Är ansökan skriftlig och undertecknad av behörig firmatecknare?: Delvis · Saknar underskrift."
        );
        assert_eq!(d.fit(200), d.text());
    }

    #[test]
    fn the_comment_gives_way_first_then_the_question_never_the_answer() {
        let d = answered(Some("Saknar underskrift."));
        // Question and answer fit: only the comment is cut.
        assert_eq!(
            d.fit(75),
            "Är ansökan skriftlig och undertecknad av behörig firmatecknare?: Delvis · …"
        );
        // They do not: the question is cut, the answer stays.
        assert_eq!(d.fit(40), "Är ansökan skriftlig och undert…: Delvis");
        assert_eq!(answered(None).fit(40), d.fit(40));
        // A very narrow column cuts at the end after all.
        assert_eq!(d.fit(12), "Är ansökan …");
    }

    #[test]
    fn a_sentence_without_subject_is_cut_at_its_end() {
        let d = Description::from("Tjänsteanteckning: Ringde ordföranden om beskedet.".to_string());
        assert_eq!(d.fit(20), "Tjänsteanteckning: …");
    }
}
