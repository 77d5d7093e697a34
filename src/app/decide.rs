//! Proposing and deciding: the förslag till beslut by the föredragande, the beslut by a
//! beslutsfattare (four eyes, no jäv, the call's budget), expediting with a letter, jäv, and a
//! beslutstillfälle that decides a batch of proposals after a preview.

use super::App;
use super::effect::{CaseWrite, Effect};
use super::modal::{Editor, EditorKind, Field, Form, FormKind, Modal, Picker, PickerKind, Round};
use crate::domain::decision::{
    self, Budget, DecisionError, LetterPart, Proposal, is_grant, outcomes_for,
};
use crate::domain::multiyear::{self, YearAmount, YearsError};
use crate::domain::workflow::Transition;
use crate::domain::{CaseState, Money, OrgKind, Outcome, Step, records};
use crate::i18n::{self, T, tr};
use chrono::{Datelike, Duration, Months, NaiveDate};

impl App {
    /// The budget line of the call a case belongs to.
    pub fn budget_line(&self, b: &Budget) -> String {
        let mut line = tr(
            self.lang,
            T::FuBudgetLine,
            &[
                &b.budget.to_string(),
                &b.granted.to_string(),
                &b.paid.to_string(),
                &b.proposed.to_string(),
                &b.remaining().to_string(),
            ],
        );
        // Multi-year grants (issue 6): what earlier calls' grants take of this year's budget.
        if b.committed.ore() != 0 {
            line.push_str(&tr(self.lang, T::MyCommitted, &[&b.committed.to_string()]));
        }
        line
    }

    /// Why a "Belopp per år" text or split is refused, naming the field (label `field`).
    pub(super) fn years_error_text(&self, field: &str, e: &YearsError) -> String {
        let lang = self.lang;
        match e {
            YearsError::Unparsable(n) => tr(lang, T::MyValUnparsable, &[field, &n.to_string()]),
            YearsError::BadYear(n) => tr(lang, T::MyValYear, &[field, &n.to_string()]),
            YearsError::BadAmount(n) => tr(lang, T::MyValAmount, &[field, &n.to_string()]),
            YearsError::Duplicate(y) => tr(lang, T::MyValDuplicate, &[field, &y.to_string()]),
            YearsError::BeforeDecisionYear {
                year,
                decision_year,
            } => tr(
                lang,
                T::MyValBeforeDecision,
                &[field, &year.to_string(), &decision_year.to_string()],
            ),
            YearsError::FirstYear {
                year,
                decision_year,
                period_year,
            } => tr(
                lang,
                T::MyValFirstYear,
                &[
                    field,
                    &year.to_string(),
                    &decision_year.to_string(),
                    &period_year.map_or_else(|| T::Dash.text(lang).to_string(), |y| y.to_string()),
                ],
            ),
            YearsError::Sum { sum, total } => tr(
                lang,
                T::MyValSum,
                &[field, &sum.to_string(), &total.to_string()],
            ),
        }
    }

    /// Reads and checks the "Belopp per år" field `i` of `form` for a grant of `amount`.
    fn years_field(
        &self,
        form: &Form,
        i: usize,
        amount: Option<Money>,
        decided_on: NaiveDate,
        period_from: Option<NaiveDate>,
    ) -> Result<Vec<YearAmount>, (usize, String)> {
        let label = T::MyFldYears.text(self.lang);
        let years = multiyear::parse_years(&form.value(i))
            .map_err(|e| (i, self.years_error_text(label, &e)))?;
        multiyear::check_years(&years, amount.unwrap_or_default(), decided_on, period_from)
            .map_err(|e| (i, self.years_error_text(label, &e)))?;
        Ok(years)
    }

    pub(super) fn open_proposal(&mut self) -> Vec<Effect> {
        if self.check(Transition::Propose).is_none() {
            return Vec::new();
        }
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let items = outcomes_for(view.detail.step)
            .iter()
            .enumerate()
            .map(|(i, o)| (i as i64, i18n::outcome(*o).text(self.lang).to_string()))
            .collect();
        let title = T::TitlePickOutcome.text(self.lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::Outcome,
            title,
            items,
        )));
        Vec::new()
    }

    /// The proposal form for the chosen outcome, with sensible defaults for a grant.
    pub(super) fn open_proposal_form(&mut self, index: i64) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        let Some(&outcome) = usize::try_from(index)
            .ok()
            .and_then(|i| outcomes_for(d.step).get(i))
        else {
            return Vec::new();
        };
        let civil = !matches!(
            d.organisation.kind,
            OrgKind::Kommun | OrgKind::Region | OrgKind::Kommunalforbund
        );
        let rules = records::default_rules(civil);
        let mut fields = Vec::new();
        if is_grant(outcome) {
            // The period starts on the first of next month and runs six months; the report is
            // due two months after it ends.
            let (first, end, report) = default_period(self.today);
            fields.push(Field::line(
                T::FldAmountGranted,
                &d.requested.format_number(),
            ));
            fields.push(Field::line(T::FldPeriodFrom, &first.to_string()));
            fields.push(Field::line(T::FldPeriodTo, &end.to_string()));
            fields.push(Field::line(T::FldReportDue, &report.to_string()));
        }
        let motivation_at = fields.len();
        fields.push(Field::lines(T::FldMotivation, ""));
        fields.push(Field::line(T::FldRules, rules));
        if is_grant(outcome) {
            // Multi-year grants (issue 6): empty = the whole amount in one year.
            fields.push(Field::line(T::MyFldYears, ""));
        }
        let focus = if outcome == Outcome::PartlyGranted {
            0
        } else {
            motivation_at
        };
        let info = if is_grant(outcome) {
            vec![self.budget_line(&d.budget)]
        } else {
            Vec::new()
        };
        let title = tr(
            self.lang,
            T::TitleProposal,
            &[i18n::outcome(outcome).text(self.lang)],
        );
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Proposal { outcome },
            title,
            fields,
            focus,
            error: None,
            info,
            confirmed: false,
        }));
        Vec::new()
    }

    pub(super) fn decision_error_text(
        &self,
        e: &DecisionError,
        step: Step,
        requested: Money,
    ) -> String {
        let lang = self.lang;
        match e {
            DecisionError::OutcomeNotForStep => {
                tr(lang, T::DecNotForStep, &[&step.number().to_string()])
            }
            DecisionError::MotivationRequired => T::DecMotivation.text(lang).into(),
            DecisionError::AmountRequired => T::DecAmountRequired.text(lang).into(),
            DecisionError::AmountNotPositive => T::DecAmountPositive.text(lang).into(),
            DecisionError::AmountNotBelowRequested => {
                tr(lang, T::DecAmountBelow, &[&requested.to_string()])
            }
            DecisionError::AmountNotRequested => {
                tr(lang, T::DecAmountRequested, &[&requested.to_string()])
            }
            DecisionError::AmountAboveRequested => {
                tr(lang, T::DecAmountAbove, &[&requested.to_string()])
            }
            DecisionError::AmountWithoutGrant => T::DecAmountWithoutGrant.text(lang).into(),
            DecisionError::PeriodRequired => T::DecPeriodRequired.text(lang).into(),
            DecisionError::PeriodOrder => T::DecPeriodOrder.text(lang).into(),
            DecisionError::ReportDueRequired => T::DecReportRequired.text(lang).into(),
            DecisionError::ReportDueBeforePeriodEnd => T::DecReportBeforeEnd.text(lang).into(),
            DecisionError::NotDecisionMaker => {
                let roles = self
                    .user
                    .roles
                    .iter()
                    .map(|r| i18n::role(*r).text(lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                tr(lang, T::DecNotDecisionMaker, &[&roles])
            }
            DecisionError::SamePerson => T::DecSamePerson.text(lang).into(),
            DecisionError::Jav => {
                let org = self
                    .view()
                    .map(|v| v.detail.organisation.name.clone())
                    .unwrap_or_default();
                tr(lang, T::DecJav, &[&org])
            }
        }
    }

    /// Checks the proposal form; the first broken rule is shown at its field.
    pub(super) fn proposal_effect(
        &self,
        form: &Form,
        outcome: Outcome,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let grant = is_grant(outcome);
        let (amount, period, report_due, motivation_at) = if grant {
            let text = form.value(0);
            let amount = Money::parse(&text)
                .map_err(|_| self.field_error(form, 0, T::ValMoney, &[text.trim()]))?;
            let from = self.date(form, 1)?;
            let to = self.date(form, 2)?;
            let due = self.date(form, 3)?;
            (Some(amount), Some((from, to)), Some(due), 4)
        } else {
            (None, None, None, 0)
        };
        let years_at = motivation_at + 2;
        let proposal = Proposal {
            outcome,
            amount,
            period,
            report_due,
            motivation: form.value(motivation_at).trim().to_string(),
            rules: form.value(motivation_at + 1).trim().to_string(),
            years: Vec::new(),
        };
        if let Some(e) = decision::validate_proposal(d.step, d.requested, &proposal).first() {
            let field = match e {
                DecisionError::AmountRequired
                | DecisionError::AmountNotPositive
                | DecisionError::AmountNotBelowRequested
                | DecisionError::AmountNotRequested => 0,
                DecisionError::PeriodRequired | DecisionError::PeriodOrder => 2,
                DecisionError::ReportDueRequired | DecisionError::ReportDueBeforePeriodEnd => 3,
                _ => motivation_at,
            };
            return Err((field, self.decision_error_text(e, d.step, d.requested)));
        }
        let proposal = if grant {
            let years =
                self.years_field(form, years_at, amount, self.today, period.map(|p| p.0))?;
            Proposal { years, ..proposal }
        } else {
            proposal
        };
        Ok(vec![Effect::Write {
            case_id: d.id,
            version: d.version,
            write: CaseWrite::Propose { proposal },
        }])
    }

    /// `b`: the beslutsfattare takes the proposal, if the rules let this user decide it.
    pub(super) fn open_decision(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        if d.state != CaseState::ProposedDecision {
            let s = i18n::state(d.state).text(self.lang);
            return self.say(T::NotProposed, &[s]);
        }
        let Some(p) = d.proposal() else {
            return self.say(T::NoProposal, &[]);
        };
        let jav = d.jav_users.contains(&self.user.id);
        if let Err(e) = decision::check_decider(self.user.id, &self.user.roles, p.presenter_id, jav)
        {
            let text = self.decision_error_text(&e, d.step, d.requested);
            self.set_status(text);
            return Vec::new();
        }
        let amount = p.amount.map(|a| format!(" {a}")).unwrap_or_default();
        let presenter = p.presenter.clone().unwrap_or_default();
        let mut info = vec![tr(
            self.lang,
            T::ProposalLine,
            &[
                i18n::outcome(p.outcome).text(self.lang),
                &amount,
                &presenter,
            ],
        )];
        if is_grant(p.outcome) {
            info.push(self.budget_line(&d.budget));
        }
        let title = tr(
            self.lang,
            T::TitleDecide,
            &[i18n::outcome(p.outcome).text(self.lang)],
        );
        let proposal_id = p.id;
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Decide { proposal_id },
            title,
            fields: vec![
                Field::line(T::FldDecisionDate, &self.today.to_string()),
                Field::lines(T::FldAppeal, records::DEFAULT_APPEAL_TEXT),
            ],
            focus: 0,
            error: None,
            info,
            confirmed: false,
        }));
        Vec::new()
    }

    pub(super) fn decide_effect(
        &self,
        form: &Form,
        proposal_id: i64,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let decided_on = self.past_date(form, 0)?;
        let appeal_text = self.required(form, 1)?;
        // A multi-year split must still hold on the decision date (a proposal from last year).
        if let Some(p) = d.proposal().filter(|p| is_grant(p.outcome))
            && let Err(e) = multiyear::check_years(
                &p.years,
                p.amount.unwrap_or_default(),
                decided_on,
                p.period.map(|x| x.0),
            )
        {
            let label = T::MyFldYears.text(self.lang);
            return Err((0, self.years_error_text(label, &e)));
        }
        // Only the first year is charged to this call; later years are commitments.
        let over = d
            .proposal()
            .filter(|p| is_grant(p.outcome))
            .and_then(|p| p.years.first().map(|y| y.amount).or(p.amount))
            .and_then(|a| d.budget.exceeded_by(a));
        if let Some(over) = over
            && !form.confirmed
        {
            // Shown once; the next submit is the explicit confirmation.
            return Err((
                usize::MAX,
                tr(self.lang, T::OverBudget, &[&over.to_string()]),
            ));
        }
        Ok(vec![Effect::Write {
            case_id: d.id,
            version: d.version,
            write: CaseWrite::Decide {
                proposal_id,
                decided_on,
                appeal_text,
                over_budget: over.is_some(),
            },
        }])
    }

    /// `E`: expedite the decision with its letter, unless a required part is missing.
    pub(super) fn dispatch(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        // The latest decision goes out once: a first decision, or a changed one.
        let Some(dec) = d.decision().filter(|_| d.state.is_decided()) else {
            let s = i18n::state(d.state).text(self.lang);
            return self.say(T::NotDecided, &[s]);
        };
        if dec.sent_on.is_some() {
            return self.say(T::AlreadySent, &[]);
        }
        let missing = decision::missing_letter_parts(
            dec.outcome,
            &dec.motivation,
            dec.decider.as_deref(),
            dec.presenter.as_deref(),
            &dec.appeal_text,
            dec.report_due_on,
            dec.amount,
        );
        if !missing.is_empty() {
            let text = self.letter_missing_text(&missing);
            self.set_status(text);
            return Vec::new();
        }
        vec![Effect::Dispatch {
            case_id: d.id,
            version: d.version,
            decision_id: dec.id,
        }]
    }

    /// What a letter lacks, in words.
    pub(super) fn letter_missing_text(&self, missing: &[LetterPart]) -> String {
        let parts: Vec<&str> = missing
            .iter()
            .map(|p| {
                match p {
                    LetterPart::Motivation => T::PartMotivation,
                    LetterPart::Decider => T::PartDecider,
                    LetterPart::Presenter => T::PartPresenter,
                    LetterPart::AppealText => T::PartAppeal,
                    LetterPart::ReportDue => T::PartReportDue,
                    LetterPart::Amount => T::PartAmount,
                }
                .text(self.lang)
            })
            .collect();
        tr(self.lang, T::LetterMissing, &[&parts.join(", ")])
    }

    /// `c`: a changed decision. The expedited one never changes; the new one names it, carries
    /// the reason and goes out with its own letter.
    pub(super) fn open_correction(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        let Some(dec) = d.decision() else {
            let s = i18n::state(d.state).text(self.lang);
            return self.say(T::NotDecided, &[s]);
        };
        if dec.sent_on.is_none() {
            return self.say(T::NotSentYet, &[]);
        }
        let jav = d.jav_users.contains(&self.user.id);
        if let Err(e) =
            decision::check_decider(self.user.id, &self.user.roles, dec.presenter_id, jav)
        {
            let text = self.decision_error_text(&e, d.step, d.requested);
            self.set_status(text);
            return Vec::new();
        }
        let grant = is_grant(dec.outcome);
        let mut fields = Vec::new();
        if grant {
            let amount = dec.amount.map(Money::format_number).unwrap_or_default();
            let due = dec.report_due_on.map(|x| x.to_string()).unwrap_or_default();
            fields.push(Field::line(T::FldAmountGranted, &amount));
            fields.push(Field::line(T::FldReportDue, &due));
        }
        fields.push(Field::lines(T::FldChangeReason, ""));
        fields.push(Field::lines(T::FldAppeal, &dec.appeal_text));
        if grant {
            // Multi-year grants (issue 6): the split carries over unless changed.
            fields.push(Field::line(
                T::MyFldYears,
                &multiyear::format_years(&dec.years),
            ));
        }
        let title = tr(
            self.lang,
            T::TitleCorrect,
            &[i18n::outcome(dec.outcome).text(self.lang)],
        );
        let decision_id = dec.id;
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Correct { decision_id, grant },
            title,
            focus: 0,
            fields,
            error: None,
            info: if grant {
                vec![self.budget_line(&d.budget)]
            } else {
                Vec::new()
            },
            confirmed: false,
        }));
        Vec::new()
    }

    pub(super) fn correct_effect(
        &self,
        form: &Form,
        decision_id: i64,
        grant: bool,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let old = d.decisions.iter().find(|x| x.id == decision_id);
        let (amount, report_due, at) = if grant {
            let text = form.value(0);
            let amount = Money::parse(&text)
                .ok()
                .filter(|a| a.ore() > 0)
                .ok_or_else(|| self.field_error(form, 0, T::ValMoney, &[text.trim()]))?;
            // The same limits as the proposal had: what was asked for, in the outcome decided.
            let outcome = old.map_or(Outcome::Granted, |x| x.outcome);
            if let Err(e) = decision::validate_changed_amount(outcome, d.requested, amount) {
                return Err((0, self.decision_error_text(&e, d.step, d.requested)));
            }
            (Some(amount), Some(self.date(form, 1)?), 2)
        } else {
            (None, None, 0)
        };
        let motivation = self.required(form, at)?;
        let appeal_text = self.required(form, at + 1)?;
        // A raise counts against the call's budget as a decision does; the old amount is in it.
        let raise = amount.map_or(0, |a| {
            a.ore()
                .saturating_sub(old.and_then(|x| x.amount).map_or(0, Money::ore))
        });
        let over = (raise > 0)
            .then(|| d.budget.exceeded_by(Money(raise)))
            .flatten();
        if let Some(over) = over
            && !form.confirmed
        {
            // Shown once; the next submit is the explicit confirmation.
            return Err((
                usize::MAX,
                tr(self.lang, T::OverBudget, &[&over.to_string()]),
            ));
        }
        let years = if grant {
            let period_from = d
                .decisions
                .iter()
                .find(|x| x.id == decision_id)
                .and_then(|x| x.period)
                .map(|p| p.0);
            self.years_field(form, at + 2, amount, self.today, period_from)?
        } else {
            Vec::new()
        };
        Ok(vec![Effect::Write {
            case_id: d.id,
            version: d.version,
            write: CaseWrite::Correct {
                supersedes: decision_id,
                amount,
                report_due,
                motivation,
                appeal_text,
                over_budget: over.is_some(),
                years,
            },
        }])
    }

    /// `J`: declare jäv for the case's organisation, or withdraw a declaration; both need a reason.
    pub(super) fn toggle_jav(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let org = &view.detail.organisation;
        let declare = !view.detail.jav_users.contains(&self.user.id);
        let key = if declare {
            T::TitleJavDeclare
        } else {
            T::TitleJavWithdraw
        };
        let title = tr(self.lang, key, &[&org.name]);
        let organisation_id = org.id;
        self.modal = Some(Modal::Editor(Editor {
            kind: EditorKind::Jav {
                organisation_id,
                declare,
            },
            title,
            about: String::new(),
            label: T::FldReason,
            input: super::modal::text_area(""),
            error: None,
        }));
        Vec::new()
    }

    /// `B` on the home screen: the preview of a beslutstillfälle over every proposal.
    pub(super) fn open_round(&mut self) -> Vec<Effect> {
        vec![Effect::LoadRound]
    }

    /// Builds the preview from the proposals: each is decided, or skipped with the reason.
    pub(super) fn round_loaded(&mut self, cases: Vec<crate::domain::CaseDetail>) -> Vec<Effect> {
        let mut items = Vec::new();
        let mut budgets = std::collections::BTreeMap::new();
        for d in cases {
            budgets.insert(d.call.id, d.budget);
            let Some(p) = d.proposal() else { continue };
            let jav = d.jav_users.contains(&self.user.id);
            let skipped =
                decision::check_decider(self.user.id, &self.user.roles, p.presenter_id, jav)
                    .err()
                    .map(|e| match e {
                        DecisionError::Jav => tr(self.lang, T::DecJav, &[&d.organisation.name]),
                        other => self.decision_error_text(&other, d.step, d.requested),
                    })
                    .or_else(|| {
                        // A multi-year split that no longer holds on the round's date.
                        multiyear::check_years(
                            &p.years,
                            p.amount.unwrap_or_default(),
                            self.today,
                            p.period.map(|x| x.0),
                        )
                        .err()
                        .map(|e| self.years_error_text(T::MyFldYears.text(self.lang), &e))
                    });
            // Only the first year of a multi-year grant is charged to the call.
            let amount = p
                .amount
                .filter(|_| is_grant(p.outcome))
                .map(|a| p.years.first().map_or(a, |y| y.amount));
            items.push(super::RoundItem {
                case_id: d.id,
                version: d.version,
                proposal_id: p.id,
                call_id: d.call.id,
                label: format!(
                    "{} · {} · {}{}",
                    d.dnr,
                    d.organisation.name,
                    i18n::outcome(p.outcome).text(self.lang),
                    p.amount
                        .filter(|_| is_grant(p.outcome))
                        .map(|a| format!(" {a}"))
                        .unwrap_or_default()
                ),
                amount,
                skipped,
            });
        }
        if items.is_empty() {
            return self.say(T::RoundEmpty, &[]);
        }
        self.modal = Some(Modal::Round(Round {
            items,
            selected: 0,
            warning: None,
            budgets,
        }));
        Vec::new()
    }

    /// Decides every previewed proposal that is not skipped, in one transaction.
    pub(super) fn submit_round(&mut self, mut round: Round) -> Vec<Effect> {
        let chosen: Vec<_> = round
            .items
            .iter()
            .filter(|i| i.skipped.is_none())
            .cloned()
            .collect();
        if chosen.is_empty() {
            return self.say(T::RoundEmpty, &[]);
        }
        // Over budget per call, counting the round's grants in that call together; only the
        // grants of a call that goes over carry the confirmation.
        let mut over_calls = Vec::new();
        let mut over_total = 0i64;
        for (call, budget) in &round.budgets {
            let sum: i64 = chosen
                .iter()
                .filter(|i| i.call_id == *call)
                .filter_map(|i| i.amount)
                .map(Money::ore)
                .fold(0, i64::saturating_add);
            if let Some(x) = budget.exceeded_by(Money(sum)) {
                over_calls.push(*call);
                over_total = over_total.saturating_add(x.ore());
            }
        }
        if !over_calls.is_empty() && round.warning.is_none() {
            let x = Money(over_total);
            round.warning = Some(tr(self.lang, T::OverBudget, &[&x.to_string()]));
            self.modal = Some(Modal::Round(round));
            return Vec::new();
        }
        vec![Effect::DecideRound {
            items: chosen,
            appeal_text: records::DEFAULT_APPEAL_TEXT.to_string(),
            over_budget_calls: over_calls,
        }]
    }
}

/// The default grant period (first of next month, six months) and report date (two months on).
pub fn default_period(today: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
    let first = today
        .with_day(1)
        .and_then(|x| x.checked_add_months(Months::new(1)))
        .unwrap_or(today);
    let end = first
        .checked_add_months(Months::new(6))
        .map_or(first, |x| x - Duration::days(1));
    let report = end.checked_add_months(Months::new(2)).unwrap_or(end);
    (first, end, report)
}
