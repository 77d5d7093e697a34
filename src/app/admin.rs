//! The administration view: calls, users and settings as an administratör sets them up, and
//! their history. Anyone may look; a change opens a typed form, and the service refuses it for
//! anyone who is not an administratör.

use crate::app::effect::{AdminDone, AdminWrite, Effect};
use crate::app::form::{Choice, ChoiceValue, Field, FieldError, FieldId, Form, FormKind, Label};
use crate::app::modal::{Confirm, Modal};
use crate::app::{Action, AdminData, App};
use crate::domain::admin::{CallDraft, Delegation, Regulation, Setting, Sitting, UserDraft};
use crate::domain::{Money, Outcome, Role, Step};
use crate::i18n::{self, T, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminTab {
    Calls,
    Users,
    Settings,
    History,
}

impl AdminTab {
    pub const ALL: [AdminTab; 4] = [
        AdminTab::Calls,
        AdminTab::Users,
        AdminTab::Settings,
        AdminTab::History,
    ];

    fn index(self) -> usize {
        AdminTab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn label(self) -> T {
        match self {
            AdminTab::Calls => T::AdmTabCalls,
            AdminTab::Users => T::AdmTabUsers,
            AdminTab::Settings => T::AdmTabSettings,
            AdminTab::History => T::AdmTabHistory,
        }
    }
}

/// The open administration view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminView {
    pub tab: AdminTab,
    /// The selected row of each tab.
    pub selected: [usize; 4],
    pub data: AdminData,
}

impl AdminView {
    pub fn rows(&self, tab: AdminTab) -> usize {
        match tab {
            AdminTab::Calls => self.data.calls.len(),
            AdminTab::Users => self.data.users.len(),
            AdminTab::Settings => self.data.settings.len(),
            AdminTab::History => self.data.history.len(),
        }
    }

    pub fn row(&self) -> usize {
        self.selected[self.tab.index()]
    }

    fn clamp(&mut self) {
        for tab in AdminTab::ALL {
            let last = self.rows(tab).saturating_sub(1);
            let i = tab.index();
            self.selected[i] = self.selected[i].min(last);
        }
    }
}

/// Kronor as a form shows them: "1 250 000".
fn kronor(m: Money) -> String {
    m.format_number()
}

impl App {
    /// The administration view's data arrived: opened, or refreshed where it stands.
    pub(crate) fn admin_loaded(&mut self, data: AdminData) {
        let target = match self.modal.as_mut() {
            Some(Modal::Admin(view)) => Some(view),
            _ => self.stacked.iter_mut().find_map(|m| match m {
                Modal::Admin(view) => Some(view),
                _ => None,
            }),
        };
        match target {
            Some(view) => {
                view.data = data;
                view.clamp();
            }
            None => {
                self.modal = Some(Modal::Admin(Box::new(AdminView {
                    tab: AdminTab::Calls,
                    selected: [0; 4],
                    data,
                })));
            }
        }
    }

    /// An administrative change went through: back to the view, refreshed.
    pub(crate) fn admin_written(&mut self, done: AdminDone) -> Vec<Effect> {
        self.pending_form = None;
        if !matches!(self.modal, Some(Modal::Admin(_))) {
            self.modal = self.stacked.pop();
        }
        let lang = self.lang;
        let text = match &done {
            AdminDone::UserAdded(login) => tr(lang, T::UserAdded, &[login]),
            AdminDone::UserChanged(login) => tr(lang, T::UserChanged, &[login]),
            AdminDone::UserActive(login, true) => tr(lang, T::UserActivated, &[login]),
            AdminDone::UserActive(login, false) => tr(lang, T::UserDeactivated, &[login]),
            AdminDone::CallAdded(name) => tr(lang, T::AdmCallAdded, &[name]),
            AdminDone::CallChanged(name) => tr(lang, T::CallChanged, &[name]),
            AdminDone::CallClosed(name) => {
                tr(lang, T::CallClosedNow, &[name, &self.today.to_string()])
            }
            AdminDone::Setting(s) => tr(lang, T::SettingChanged, &[i18n::setting(*s).text(lang)]),
        };
        self.set_status(text);
        // The calls list of the home screen follows a new or changed call.
        vec![Effect::LoadAdmin, Effect::LoadHome]
    }

    /// Keys in the administration view.
    pub(crate) fn admin_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(Modal::Admin(view)) = self.modal.as_ref() else {
            return Vec::new();
        };
        let i = view.tab.index();
        let n = AdminTab::ALL.len();
        // Anyone may look; only an administratör (as the view's fresh list says) gets a form or
        // a confirmation. The service refuses the write anyway: this spares typing a form in vain.
        let writes = matches!(
            action,
            Action::AdminNew | Action::AdminEdit | Action::AdminToggle
        );
        let administers = view
            .data
            .users
            .iter()
            .any(|u| u.id == self.user.id && u.active && u.has(Role::Administrator));
        if writes && !administers {
            let text = self.refused_text(&crate::domain::refused::Refused::MissingRole(
                crate::domain::admin::Act::Administer.roles(),
            ));
            self.status = Some(crate::app::Status { text, error: true });
            return Vec::new();
        }
        let Some(Modal::Admin(view)) = self.modal.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::MoveDown => {
                view.selected[i] =
                    (view.selected[i] + 1).min(view.rows(view.tab).saturating_sub(1));
            }
            Action::MoveUp => view.selected[i] = view.selected[i].saturating_sub(1),
            Action::First => view.selected[i] = 0,
            Action::Last => view.selected[i] = view.rows(view.tab).saturating_sub(1),
            Action::NextTab => view.tab = AdminTab::ALL[(i + 1) % n],
            Action::PrevTab => view.tab = AdminTab::ALL[(i + n - 1) % n],
            Action::AdminNew => return self.admin_form(true),
            Action::AdminEdit => return self.admin_form(false),
            Action::AdminToggle => return self.admin_toggle(),
            _ => {}
        }
        Vec::new()
    }

    /// Opens the form for a new row of the tab (`new`), or for the selected row.
    fn admin_form(&mut self, new: bool) -> Vec<Effect> {
        let Some(Modal::Admin(view)) = self.modal.as_ref() else {
            return Vec::new();
        };
        let form = match view.tab {
            AdminTab::Calls if new => Some(self.call_form(None, view)),
            AdminTab::Calls => view
                .data
                .calls
                .get(view.row())
                .map(|c| self.call_form(Some(c), view)),
            AdminTab::Users if new => Some(self.user_form(None)),
            AdminTab::Users => view
                .data
                .users
                .get(view.row())
                .map(|u| self.user_form(Some(u))),
            AdminTab::Settings if !new => view
                .data
                .settings
                .get(view.row())
                .map(|(s, value)| self.setting_form(*s, value)),
            AdminTab::Settings | AdminTab::History => None,
        };
        if let Some(form) = form
            && let Some(admin) = self.modal.take()
        {
            self.stacked.push(admin);
            self.modal = Some(Modal::Form(form));
        }
        Vec::new()
    }

    /// x: closes the selected call, or deactivates (activates) the selected user.
    fn admin_toggle(&mut self) -> Vec<Effect> {
        let Some(Modal::Admin(view)) = self.modal.as_ref() else {
            return Vec::new();
        };
        let write = match view.tab {
            AdminTab::Calls => {
                let Some(c) = view.data.calls.get(view.row()) else {
                    return Vec::new();
                };
                let confirm = Confirm::CloseCall {
                    id: c.call.id,
                    name: c.call.name.clone(),
                };
                if let Some(admin) = self.modal.take() {
                    self.stacked.push(admin);
                }
                self.modal = Some(Modal::Confirm(confirm));
                return Vec::new();
            }
            AdminTab::Users => view
                .data
                .users
                .get(view.row())
                .map(|u| AdminWrite::SetActive {
                    id: u.id,
                    login: u.login.clone(),
                    active: !u.active,
                }),
            AdminTab::Settings | AdminTab::History => None,
        };
        write.map(Effect::Admin).into_iter().collect()
    }

    fn user_form(&self, user: Option<&crate::domain::User>) -> Form {
        let lang = self.lang;
        let mut fields = Vec::new();
        if user.is_none() {
            fields.push(Field::line(FieldId::AdmLogin, T::AdmFldLogin, ""));
        }
        fields.push(Field::line(
            FieldId::AdmName,
            T::AdmFldName,
            user.map_or("", |u| u.name.as_str()),
        ));
        fields.push(Field::line(
            FieldId::AdmTitle,
            T::AdmFldTitle,
            user.map_or("", |u| u.title.as_str()),
        ));
        for role in Role::ALL {
            let on = user.is_some_and(|u| u.has(role));
            let label = Label::Key(i18n::role_label(role));
            fields.push(Field::toggle(FieldId::AdmRole(role), label, on));
        }
        let outcomes = user
            .map(|u| {
                u.delegation
                    .outcomes
                    .iter()
                    .map(|o| i18n::outcome(*o).text(lang).to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        fields.push(Field::line(
            FieldId::AdmOutcomes,
            T::AdmFldOutcomes,
            &outcomes,
        ));
        let max = user
            .and_then(|u| u.delegation.max)
            .map(kronor)
            .unwrap_or_default();
        fields.push(Field::line(FieldId::AdmMax, T::AdmFldMax, &max));
        let (title, kind) = match user {
            Some(u) => (
                tr(lang, T::AdmTitleUser, &[&u.login]),
                FormKind::AdminUser { id: Some(u.id) },
            ),
            None => (
                T::AdmTitleNewUser.text(lang).to_string(),
                FormKind::AdminUser { id: None },
            ),
        };
        Form::new(kind, title, fields)
    }

    fn call_form(&self, call: Option<&crate::app::AdminCall>, view: &AdminView) -> Form {
        let lang = self.lang;
        let draft = call.map(|c| &c.setup.draft);
        let text = |f: fn(&CallDraft) -> String| draft.map(f).unwrap_or_default();
        let steps: Vec<Choice> = Step::ALL
            .into_iter()
            .map(|s| Choice::new(ChoiceValue::Step(s), i18n::step(s).text(lang)))
            .collect();
        let step = draft.and_then(|d| Step::ALL.iter().position(|s| *s == d.step));
        let regulations: Vec<Choice> = Regulation::ALL
            .into_iter()
            .map(|r| Choice::new(ChoiceValue::Regulation(r), &i18n::regulation_label(lang, r)))
            .collect();
        let regulation =
            draft.and_then(|d| Regulation::ALL.iter().position(|r| *r == d.regulation));
        let kommuner = draft
            .map(|d| {
                d.kommuner
                    .iter()
                    .filter_map(|id| view.data.kommuner.iter().find(|(k, _)| k == id))
                    .map(|(_, name)| name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let fields = vec![
            Field::line(
                FieldId::CallName,
                T::AdmFldCallName,
                &text(|d| d.name.clone()),
            ),
            Field::choice(FieldId::CallStep, Label::Key(T::AdmFldStep), steps, step),
            Field::choice(
                FieldId::CallRegulation,
                Label::Key(T::AdmFldRegulation),
                regulations,
                regulation,
            ),
            Field::line(
                FieldId::CallVersion,
                T::AdmFldVersion,
                &text(|d| d.regulation_version.clone()),
            ),
            Field::line(
                FieldId::CallOpens,
                T::AdmFldOpens,
                &draft.map_or(self.today.to_string(), |d| d.opens_on.to_string()),
            ),
            Field::line(
                FieldId::CallCloses,
                T::AdmFldCloses,
                &text(|d| d.closes_on.to_string()),
            ),
            Field::line(
                FieldId::CallBudget,
                T::AdmFldBudget,
                &text(|d| kronor(d.budget)),
            ),
            Field::line(
                FieldId::CallCommitment,
                T::AdmFldCommitment,
                &draft.map_or("0".into(), |d| kronor(d.commitment)),
            ),
            Field::lines(
                FieldId::CallSittings,
                T::AdmFldSittings,
                &text(|d| {
                    d.sittings
                        .iter()
                        .map(|s| format!("{}/{}", s.held_on, s.cutoff_on))
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            ),
            Field::lines(FieldId::CallKommuner, T::AdmFldKommuner, &kommuner),
            Field::line(
                FieldId::CallChecklist,
                T::AdmFldChecklist,
                &text(|d| d.checklist_id.clone().unwrap_or_default()),
            ),
            Field::lines(
                FieldId::CallConditions,
                T::AdmFldConditions,
                &text(|d| d.conditions_text.clone()),
            ),
            Field::lines(
                FieldId::CallAppeal,
                T::AdmFldAppeal,
                &text(|d| d.appeal_text.clone()),
            ),
            Field::line(
                FieldId::CallAppealParagraph,
                T::AdmFldAppealParagraph,
                &text(|d| d.appeal_paragraph.clone()),
            ),
        ];
        let (title, kind) = match call {
            Some(c) => (
                tr(lang, T::AdmTitleCall, &[&c.call.name]),
                FormKind::AdminCall {
                    id: Some(c.call.id),
                },
            ),
            None => (
                T::AdmTitleNewCall.text(lang).to_string(),
                FormKind::AdminCall { id: None },
            ),
        };
        Form::new(kind, title, fields)
    }

    fn setting_form(&self, setting: Setting, value: &str) -> Form {
        let label = i18n::setting(setting);
        let field = if setting == Setting::PostalAddress {
            Field::lines(FieldId::SettingValue, label, value)
        } else {
            Field::line(FieldId::SettingValue, label, value)
        };
        Form::new(
            FormKind::AdminSetting(setting),
            tr(self.lang, T::AdmTitleSetting, &[label.text(self.lang)]),
            vec![field],
        )
    }

    /// The administratör's form, checked and turned into its write; the rules of the set-up
    /// themselves are the service's.
    pub(crate) fn admin_form_effect(
        &self,
        form: &Form,
        kind: FormKind,
    ) -> Result<Vec<Effect>, FieldError> {
        let write = match kind {
            FormKind::AdminUser { id } => {
                let login = match id {
                    Some(id) => self
                        .admin_view()
                        .and_then(|v| v.data.users.iter().find(|u| u.id == id))
                        .map(|u| u.login.clone())
                        .unwrap_or_default(),
                    None => form.text(FieldId::AdmLogin).trim().to_string(),
                };
                let roles = Role::ALL
                    .into_iter()
                    .filter(|r| form.toggle(FieldId::AdmRole(*r)))
                    .collect();
                let draft = UserDraft {
                    login,
                    name: form.text(FieldId::AdmName),
                    title: form.text(FieldId::AdmTitle),
                    roles,
                    delegation: Delegation {
                        outcomes: self.outcomes(form)?,
                        max: match form.text(FieldId::AdmMax).trim() {
                            "" => None,
                            _ => Some(self.amount(form, FieldId::AdmMax)?),
                        },
                    },
                };
                match id {
                    Some(id) => AdminWrite::ChangeUser { id, draft },
                    None => AdminWrite::AddUser(draft),
                }
            }
            FormKind::AdminCall { id } => {
                let step = match self.chosen(form, FieldId::CallStep)? {
                    ChoiceValue::Step(s) => s,
                    _ => Step::Interest,
                };
                let regulation = match self.chosen(form, FieldId::CallRegulation)? {
                    ChoiceValue::Regulation(r) => r,
                    _ => Regulation::Municipal,
                };
                let draft = CallDraft {
                    name: form.text(FieldId::CallName),
                    step,
                    regulation,
                    regulation_version: form.text(FieldId::CallVersion),
                    opens_on: self.date(form, FieldId::CallOpens)?,
                    closes_on: self.date(form, FieldId::CallCloses)?,
                    budget: self.amount(form, FieldId::CallBudget)?,
                    commitment: self.amount(form, FieldId::CallCommitment)?,
                    checklist_id: Some(form.text(FieldId::CallChecklist).trim().to_string())
                        .filter(|s| !s.is_empty()),
                    conditions_text: form.text(FieldId::CallConditions),
                    appeal_text: form.text(FieldId::CallAppeal),
                    appeal_paragraph: form.text(FieldId::CallAppealParagraph),
                    sittings: self.sittings(form)?,
                    kommuner: Vec::new(),
                };
                let kommuner = form.text(FieldId::CallKommuner);
                match id {
                    Some(id) => AdminWrite::ChangeCall {
                        id,
                        draft,
                        kommuner,
                    },
                    None => AdminWrite::AddCall { draft, kommuner },
                }
            }
            FormKind::AdminSetting(s) => AdminWrite::Setting(s, form.text(FieldId::SettingValue)),
            _ => return Ok(Vec::new()),
        };
        Ok(vec![Effect::Admin(write)])
    }

    fn admin_view(&self) -> Option<&AdminView> {
        self.stacked.iter().find_map(|m| match m {
            Modal::Admin(v) => Some(v.as_ref()),
            _ => None,
        })
    }

    /// The delegation's outcomes as typed: their names in either language, or their codes.
    fn outcomes(&self, form: &Form) -> Result<Vec<Outcome>, FieldError> {
        let plain = |s: &str| {
            s.trim()
                .to_lowercase()
                .replace(['ä', 'å'], "a")
                .replace('ö', "o")
                .replace([' ', '-'], "_")
        };
        form.text(FieldId::AdmOutcomes)
            .split([',', '\n'])
            .filter(|w| !w.trim().is_empty())
            .map(|w| {
                let p = plain(w);
                Outcome::ALL
                    .into_iter()
                    .find(|o| {
                        o.code() == p
                            || crate::i18n::Lang::ALL
                                .into_iter()
                                .any(|l| plain(i18n::outcome(*o).text(l)) == p)
                    })
                    .ok_or_else(|| {
                        self.field_error(form, FieldId::AdmOutcomes, T::ValOutcome, &[w.trim()])
                    })
            })
            .collect()
    }

    /// Beslutstillfällen, one a line: "2027-04-20/2027-03-31" (held / last day of receipt).
    fn sittings(&self, form: &Form) -> Result<Vec<Sitting>, FieldError> {
        let text = form.text(FieldId::CallSittings);
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let bad = || self.field_error(form, FieldId::CallSittings, T::ValSitting, &[line]);
                let (held, cutoff) = line.split_once('/').ok_or_else(bad)?;
                let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d");
                Ok(Sitting {
                    held_on: day(held).map_err(|_| bad())?,
                    cutoff_on: day(cutoff).map_err(|_| bad())?,
                })
            })
            .collect()
    }
}

/// The field of the administratör's forms that a refusal is about.
pub(crate) fn field_of(r: &crate::domain::refused::Refused) -> Option<FieldId> {
    use crate::domain::admin::{CallError, CallField, UserError, UserField};
    use crate::domain::refused::Refused as R;
    Some(match r {
        R::UnknownKommun(_) => FieldId::CallKommuner,
        R::Call(e) => match e {
            CallError::NameRequired | CallError::NameTaken => FieldId::CallName,
            CallError::ControlCharacters(f) => match f {
                CallField::Name => FieldId::CallName,
                CallField::RegulationVersion => FieldId::CallVersion,
                CallField::Conditions => FieldId::CallConditions,
                CallField::AppealText => FieldId::CallAppeal,
                CallField::AppealParagraph => FieldId::CallAppealParagraph,
            },
            CallError::ClosesBeforeOpens => FieldId::CallCloses,
            CallError::NegativeBudget => FieldId::CallBudget,
            CallError::NegativeCommitment => FieldId::CallCommitment,
            CallError::SittingOutside(_) | CallError::SittingTwice(_) => FieldId::CallSittings,
            CallError::Decided => FieldId::CallStep,
        },
        R::User(e) => match e {
            UserError::Login => FieldId::AdmLogin,
            UserError::NameRequired | UserError::ControlCharacters(UserField::Name) => {
                FieldId::AdmName
            }
            UserError::ControlCharacters(UserField::Title) => FieldId::AdmTitle,
            UserError::NoRole => FieldId::AdmRole(Role::Caseworker),
            UserError::DelegationWithoutRole => FieldId::AdmOutcomes,
        },
        R::DuplicateLogin(_) => FieldId::AdmLogin,
        R::LastAdministrator => FieldId::AdmRole(Role::Administrator),
        R::Setting(..) => FieldId::SettingValue,
        _ => return None,
    })
}
