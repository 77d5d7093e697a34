//! Återkrav: opening it with kommunicering (`X`), deciding it (`D`), registering repayments (`M`).

use super::*;
use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::Field;
use crate::domain::Money;
use crate::domain::decision::{self};
use crate::domain::followup::{self as fu, Ground, ReviewOutcome};
use crate::i18n::{T, tr};
use chrono::Duration;

impl App {
    /// `X`: open an återkrav with kommunicering; the amount defaults to the unused amount.
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
        let ground_no = if unused.is_some() {
            "1"
        } else if missing {
            "3"
        } else {
            ""
        };
        let mut info: Vec<String> = Ground::ALL
            .iter()
            .enumerate()
            .map(|(i, g)| format!("{}. {}", i + 1, ground(*g).text(self.lang)))
            .collect();
        info.insert(
            0,
            tr(
                self.lang,
                T::FuGrantedLine,
                &[
                    &d.granted.unwrap_or_default().to_string(),
                    &paid.to_string(),
                ],
            ),
        );
        let fields = vec![
            Field::line(T::FuFldGround, ground_no),
            Field::line(
                T::FuFldAmount,
                &unused.map(Money::format_number).unwrap_or_default(),
            ),
            Field::line(T::FuFldCommunicated, &self.today.to_string()),
            Field::line(
                T::FuFldResponseDue,
                &(self.today + Duration::days(RESPONSE_DAYS)).to_string(),
            ),
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
        let jav = d.jav_users.contains(&self.user.id);
        if let Err(e) =
            decision::check_decider(self.user.id, &self.user.roles, Some(r.presenter_id), jav)
        {
            let (step, requested) = (d.step, d.requested);
            let text = self.decision_error_text(&e, step, requested);
            self.set_status(text);
            return Vec::new();
        }
        let info = vec![tr(
            self.lang,
            T::FuRecoveryInfo,
            &[
                ground(r.ground).text(self.lang),
                &r.claimed.to_string(),
                &r.presenter,
                &r.response_due.to_string(),
            ],
        )];
        let date = self.today.max(r.response_due);
        let fields = vec![
            Field::line(T::FuFldDecision, "krav"),
            Field::line(T::FuFldWaived, ""),
            Field::lines(T::FuFldMotivation, ""),
            Field::line(T::FuFldDecidedOn, &date.to_string()),
            Field::line(
                T::FuFldPayBy,
                &(date + Duration::days(PAY_DAYS)).to_string(),
            ),
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
            Field::line(T::FuFldRepaidOn, &self.today.to_string()),
            Field::line(T::FuFldAmount, &left.format_number()),
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
}
