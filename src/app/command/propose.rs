//! The förslag till beslut: the outcome, then amount, period, report date and motivering, with
//! the call's budget on screen.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::form::{Field, FieldError, FieldId, Form, FormKind, Info, Stop};
use crate::app::modal::{Modal, Picker, PickerKind};
use crate::domain::decision::{self, DecisionError, Proposal, is_grant, outcomes_for};
use crate::domain::multiyear::{self, YearAmount};
use crate::domain::workflow::Transition;
use crate::domain::{Money, OrgKind, Outcome, records};
use crate::i18n::{self, T, tr};
use chrono::{Datelike, Duration, Months, NaiveDate};

impl App {
    /// Reads and checks the "Belopp per år" field of `form` for a grant of `amount`.
    pub(crate) fn years_field(
        &self,
        form: &Form,
        amount: Option<Money>,
        decided_on: NaiveDate,
        period_from: Option<NaiveDate>,
    ) -> Result<Vec<YearAmount>, FieldError> {
        let label = T::MyFldYears.text(self.lang);
        let at = |e| self.form_error(Some(FieldId::Years), self.years_error_text(label, &e));
        let years = multiyear::parse_years(&form.text(FieldId::Years)).map_err(at)?;
        multiyear::check_years(&years, amount.unwrap_or_default(), decided_on, period_from)
            .map_err(at)?;
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
        let grant = is_grant(outcome);
        let mut fields = Vec::new();
        if grant {
            // The period starts on the first of next month and runs six months; the report is
            // due two months after it ends.
            let (first, end, report) = default_period(self.today);
            let requested = d.requested.format_number();
            fields.push(Field::line(
                FieldId::Amount,
                T::FldAmountGranted,
                &requested,
            ));
            fields.push(Field::line(
                FieldId::PeriodFrom,
                T::FldPeriodFrom,
                &first.to_string(),
            ));
            fields.push(Field::line(
                FieldId::PeriodTo,
                T::FldPeriodTo,
                &end.to_string(),
            ));
            fields.push(Field::line(
                FieldId::ReportDue,
                T::FldReportDue,
                &report.to_string(),
            ));
        }
        fields.push(Field::lines(FieldId::Motivation, T::FldMotivation, ""));
        fields.push(Field::line(FieldId::Rules, T::FldRules, rules));
        if grant {
            // Multi-year grants (issue 6): empty = the whole amount in one year.
            fields.push(Field::line(FieldId::Years, T::MyFldYears, ""));
        }
        let focus = if outcome == Outcome::PartlyGranted {
            FieldId::Amount
        } else {
            FieldId::Motivation
        };
        let info = if grant {
            vec![Info::Budget(d.budget)]
        } else {
            Vec::new()
        };
        let title = tr(
            self.lang,
            T::TitleProposal,
            &[i18n::outcome(outcome).text(self.lang)],
        );
        let form = Form::new(FormKind::Proposal { outcome }, title, fields)
            .with_info(info)
            .focused(focus);
        self.modal = Some(Modal::Form(form));
        Vec::new()
    }

    /// Checks the proposal form; the first broken rule is shown at its field.
    pub(crate) fn proposal_effect(
        &self,
        form: &Form,
        outcome: Outcome,
    ) -> Result<Vec<Effect>, Stop> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let grant = is_grant(outcome);
        let (amount, period, report_due) = if grant {
            let amount = self.amount(form, FieldId::Amount)?;
            let from = self.date(form, FieldId::PeriodFrom)?;
            let to = self.date(form, FieldId::PeriodTo)?;
            let due = self.date(form, FieldId::ReportDue)?;
            (Some(amount), Some((from, to)), Some(due))
        } else {
            (None, None, None)
        };
        let proposal = Proposal {
            outcome,
            amount,
            period,
            report_due,
            motivation: form.text(FieldId::Motivation).trim().to_string(),
            rules: form.text(FieldId::Rules).trim().to_string(),
            years: Vec::new(),
        };
        if let Some(e) = decision::validate_proposal(d.step, d.requested, &proposal).first() {
            let field = match e {
                DecisionError::AmountRequired
                | DecisionError::AmountNotPositive
                | DecisionError::AmountNotBelowRequested
                | DecisionError::AmountNotRequested => FieldId::Amount,
                DecisionError::PeriodRequired | DecisionError::PeriodOrder => FieldId::PeriodTo,
                DecisionError::ReportDueRequired | DecisionError::ReportDueBeforePeriodEnd => {
                    FieldId::ReportDue
                }
                _ => FieldId::Motivation,
            };
            let text = self.decision_error_text(e, d.step, d.requested);
            return Err(self.form_error(Some(field), text).into());
        }
        let proposal = if grant {
            let years = self.years_field(form, amount, self.today, period.map(|p| p.0))?;
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
