//! A changed decision (`c`): the expedited one never changes; a new one names it.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::form::{Field, FieldId, Form, FormKind, Info, Stop};
use crate::app::modal::Modal;
use crate::domain::decision::{self, is_grant};
use crate::domain::multiyear::{self};
use crate::domain::{Money, Outcome};
use crate::i18n::{self, T, tr};

impl App {
    /// `c`: a changed decision. The expedited one never changes; the new one names it, carries
    /// the reason and goes out with its own letter.
    pub(crate) fn open_correction(&mut self) -> Vec<Effect> {
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
            fields.push(Field::line(FieldId::Amount, T::FldAmountGranted, &amount));
            fields.push(Field::line(FieldId::ReportDue, T::FldReportDue, &due));
        }
        fields.push(Field::lines(FieldId::ChangeReason, T::FldChangeReason, ""));
        fields.push(Field::lines(
            FieldId::Appeal,
            T::FldAppeal,
            &dec.appeal_text,
        ));
        if grant {
            // Multi-year grants (issue 6): the split carries over unless changed.
            let years = multiyear::format_years(&dec.years);
            fields.push(Field::line(FieldId::Years, T::MyFldYears, &years));
        }
        let title = tr(
            self.lang,
            T::TitleCorrect,
            &[i18n::outcome(dec.outcome).text(self.lang)],
        );
        let decision_id = dec.id;
        let info = if grant {
            vec![Info::Budget(d.budget)]
        } else {
            Vec::new()
        };
        let form =
            Form::new(FormKind::Correct { decision_id, grant }, title, fields).with_info(info);
        self.modal = Some(Modal::Form(form));
        Vec::new()
    }

    pub(crate) fn correct_effect(
        &self,
        form: &Form,
        decision_id: i64,
        grant: bool,
    ) -> Result<Vec<Effect>, Stop> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let old = d.decisions.iter().find(|x| x.id == decision_id);
        let (amount, report_due) = if grant {
            let amount = self.positive(form, FieldId::Amount)?;
            // The same limits as the proposal had: what was asked for, in the outcome decided.
            let outcome = old.map_or(Outcome::Granted, |x| x.outcome);
            if let Err(e) = decision::validate_changed_amount(outcome, d.requested, amount) {
                let text = self.decision_error_text(&e, d.step, d.requested);
                return Err(self.form_error(Some(FieldId::Amount), text).into());
            }
            (Some(amount), Some(self.date(form, FieldId::ReportDue)?))
        } else {
            (None, None)
        };
        let motivation = self.required(form, FieldId::ChangeReason)?;
        let appeal_text = self.required(form, FieldId::Appeal)?;
        // A raise counts against the call's budget as a decision does; the old amount is in it.
        let raise = amount.map_or(0, |a| {
            a.ore()
                .saturating_sub(old.and_then(|x| x.amount).map_or(0, Money::ore))
        });
        let over = (raise > 0)
            .then(|| d.budget.exceeded_by(Money(raise)))
            .flatten();
        self.over_budget(form, over)?;
        let years = if grant {
            let period_from = d
                .decisions
                .iter()
                .find(|x| x.id == decision_id)
                .and_then(|x| x.period)
                .map(|p| p.0);
            self.years_field(form, amount, self.today, period_from)?
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
}
