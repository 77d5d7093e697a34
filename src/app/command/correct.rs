//! A changed decision (`c`): the expedited one never changes; a new one names it.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Field, Form, FormKind, Modal};
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

    pub(crate) fn correct_effect(
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
}
