//! Återkrav: opening it with kommunicering (`X`), deciding it (`D`, by a beslutsfattare other
//! than the föredragande, without jäv) and registering repayments (`M`).

use super::{FollowupForm, PAY_DAYS, RESPONSE_DAYS, first_or_selected, repayable};
use crate::app::App;
use crate::app::effect::{Effect, FollowupWrite, RecoveryChoice};
use crate::app::form::{Choice, ChoiceValue, Field, FieldError, FieldId, Form, Info, Label};
use crate::domain::decision;
use crate::domain::followup::{self as fu, Ground, RecoveryDecisionKind, ReviewOutcome};
use crate::domain::{CaseDetail, Money};
use crate::i18n::{self, T, tr};
use chrono::Duration;

impl App {
    /// `X`: open an återkrav with kommunicering; the ground and amount default to what the
    /// reports say (the unused amount; a report not received).
    pub(crate) fn open_recovery_form(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let f = &d.followup;
        let paid = f.paid();
        if paid.ore() == 0 {
            return self.say(T::FuNothingPaid, &[]);
        }
        let report = f.reports.iter().rev().find(|r| {
            r.review
                .as_ref()
                .is_some_and(|x| x.outcome == ReviewOutcome::Recovery)
        });
        let unused = f
            .reported_used()
            .map(|used| fu::unused(paid, used).unused)
            .filter(|u| u.ore() > 0);
        let missing = f.reports.iter().any(|r| r.overdue(self.today));
        let ground = if unused.is_some() {
            Some(Ground::UnusedFunds)
        } else if missing {
            Some(Ground::ReportMissing)
        } else {
            None
        };
        let grounds = Ground::ALL
            .into_iter()
            .map(|g| Choice::new(ChoiceValue::Ground(g), i18n::ground(g).text(self.lang)))
            .collect();
        let info = vec![Info::Granted {
            granted: d.granted.unwrap_or_default(),
            paid,
        }];
        let chosen = ground.and_then(|g| Ground::ALL.iter().position(|x| *x == g));
        let amount = unused.map(Money::format_number).unwrap_or_default();
        let response = (self.today + Duration::days(RESPONSE_DAYS)).to_string();
        let fields = vec![
            Field::choice(FieldId::Ground, Label::Key(T::FuFldGround), grounds, chosen),
            Field::line(FieldId::Amount, T::FuFldAmount, &amount),
            Field::line(
                FieldId::Communicated,
                T::FuFldCommunicated,
                &self.today.to_string(),
            ),
            Field::line(FieldId::ResponseDue, T::FuFldResponseDue, &response),
        ];
        let title = T::FuTitleRecovery.text(self.lang).to_string();
        let report_id = report.map(|r| r.id);
        self.followup_form(
            FollowupForm::OpenRecovery { report_id },
            title,
            fields,
            info,
        );
        Vec::new()
    }

    pub(super) fn recovery_write(
        &self,
        form: &Form,
        d: &CaseDetail,
        report_id: Option<i64>,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let ground = match self.chosen(form, FieldId::Ground)? {
            ChoiceValue::Ground(g) => g,
            _ => return Err(self.field_error(form, FieldId::Ground, T::ValChoose, &[])),
        };
        let amount = self.positive(form, FieldId::Amount)?;
        let communicated_on = self.past_date(form, FieldId::Communicated)?;
        let response_due = self.date(form, FieldId::ResponseDue)?;
        if let Err(e) = fu::check_recovery(amount, d.followup.paid(), communicated_on, response_due)
        {
            return Err(self.recovery_error(form, &e, None));
        }
        Ok(Some(FollowupWrite::OpenRecovery {
            report_id,
            ground,
            amount,
            communicated_on,
            response_due,
        }))
    }

    /// `D`: a beslutsfattare other than the föredragande, without jäv, decides an återkrav.
    pub(crate) fn open_decide_recovery(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) = first_or_selected(&d.followup.recoveries, self.selected_recovery(), |r| {
            r.decision.is_none()
        }) else {
            return self.say(T::FuNoRecoveryToDecide, &[]);
        };
        // Before the response date the party may still answer: no decision date is valid yet,
        // so no form is offered with a date it would refuse (issue 19).
        if self.today < r.response_due {
            let due = r.response_due.to_string();
            return self.say(T::ScRecoveryWaits, &[&due]);
        }
        let jav = d.jav_users.contains(&self.user.id);
        if let Err(e) =
            decision::check_decider(self.user.id, &self.user.roles, Some(r.presenter_id), jav)
        {
            let text = self.decision_error_text(&e, d.step, d.requested);
            self.set_status(text);
            return Vec::new();
        }
        let info = vec![Info::Recovery {
            ground: r.ground,
            claimed: r.claimed,
            presenter: r.presenter.clone(),
            response_due: r.response_due,
        }];
        let kinds = RecoveryDecisionKind::ALL
            .into_iter()
            .map(|k| {
                Choice::new(
                    ChoiceValue::RecoveryDecision(k),
                    i18n::recovery_decision(k).text(self.lang),
                )
            })
            .collect();
        let date = self.today;
        let pay_by = (date + Duration::days(PAY_DAYS)).to_string();
        let fields = vec![
            Field::choice(
                FieldId::RecoveryDecision,
                Label::Key(T::FuFldDecision),
                kinds,
                Some(0),
            ),
            Field::line(FieldId::Waived, T::FuFldWaived, ""),
            Field::lines(FieldId::Motivation, T::FuFldMotivation, ""),
            Field::line(FieldId::DecidedOn, T::FuFldDecidedOn, &date.to_string()),
            Field::line(FieldId::PayBy, T::FuFldPayBy, &pay_by),
        ];
        let title = tr(
            self.lang,
            T::FuTitleDecideRecovery,
            &[&r.claimed.to_string()],
        );
        let recovery_id = r.id;
        self.followup_form(
            FollowupForm::DecideRecovery { recovery_id },
            title,
            fields,
            info,
        );
        Vec::new()
    }

    pub(super) fn decide_recovery_write(
        &self,
        form: &Form,
        d: &CaseDetail,
        recovery_id: i64,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let Some(r) = d.followup.recoveries.iter().find(|r| r.id == recovery_id) else {
            return Ok(None);
        };
        let kind = match self.chosen(form, FieldId::RecoveryDecision)? {
            ChoiceValue::RecoveryDecision(k) => k,
            _ => return Err(self.field_error(form, FieldId::RecoveryDecision, T::ValChoose, &[])),
        };
        let waived = if kind == RecoveryDecisionKind::WaivePart {
            Some(self.amount(form, FieldId::Waived)?)
        } else {
            None
        };
        let motivation = form.text(FieldId::Motivation).trim().to_string();
        let decided_on = self.past_date(form, FieldId::DecidedOn)?;
        let pay_by = self.date(form, FieldId::PayBy)?;
        fu::check_recovery_decision(r, kind, waived, &motivation, decided_on)
            .map_err(|e| self.recovery_error(form, &e, Some(r.claimed.to_string())))?;
        Ok(Some(FollowupWrite::DecideRecovery {
            recovery_id,
            choice: RecoveryChoice {
                kind,
                waived,
                motivation,
                decided_on,
                pay_by,
            },
        }))
    }

    /// `M`: a repayment of a decided återkrav.
    pub(crate) fn open_repayment(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) =
            first_or_selected(&d.followup.recoveries, self.selected_recovery(), repayable)
        else {
            return self.say(T::FuNoRecoveryToRepay, &[]);
        };
        let left = r.remaining();
        let title = tr(self.lang, T::FuTitleRepayment, &[&left.to_string()]);
        let fields = vec![
            Field::line(FieldId::PaidOn, T::FuFldRepaidOn, &self.today.to_string()),
            Field::line(FieldId::Amount, T::FuFldAmount, &left.format_number()),
        ];
        let recovery_id = r.id;
        self.followup_form(
            FollowupForm::Repayment { recovery_id },
            title,
            fields,
            Vec::new(),
        );
        Vec::new()
    }

    pub(super) fn repayment_write(
        &self,
        form: &Form,
        d: &CaseDetail,
        recovery_id: i64,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let Some(r) = d.followup.recoveries.iter().find(|r| r.id == recovery_id) else {
            return Ok(None);
        };
        let paid_on = self.date(form, FieldId::PaidOn)?;
        let amount = self.positive(form, FieldId::Amount)?;
        fu::check_repayment(r, amount, paid_on, self.today)
            .map_err(|e| self.recovery_error(form, &e, None))?;
        Ok(Some(FollowupWrite::Repayment {
            recovery_id,
            paid_on,
            amount,
        }))
    }
}
