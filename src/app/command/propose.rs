//! The förslag till beslut: the outcome, then amount, period, report date and motivering, with the call's budget on screen.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Field, Form, FormKind, Modal, Picker, PickerKind};
use crate::domain::decision::{self, Budget, DecisionError, Proposal, is_grant, outcomes_for};
use crate::domain::multiyear::{self, YearAmount};
use crate::domain::workflow::Transition;
use crate::domain::{Money, OrgKind, Outcome, records};
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

    /// Reads and checks the "Belopp per år" field `i` of `form` for a grant of `amount`.
    pub(crate) fn years_field(
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

    pub(crate) fn open_proposal(&mut self) -> Vec<Effect> {
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
    pub(crate) fn open_proposal_form(&mut self, index: i64) -> Vec<Effect> {
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

    /// Checks the proposal form; the first broken rule is shown at its field.
    pub(crate) fn proposal_effect(
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
