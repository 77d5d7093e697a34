//! Follow-up of a grant on the Uppföljning tab: the payment plan (`P`), paying (`U`), reports
//! (`R`, `V`) and återkrav (`X`, `D`, `M`). One file per act; here what they share.

mod pay;
mod plan;
mod recovery;
mod report;

use crate::app::effect::{Effect, FollowupDone};
use crate::app::form::{Field, FieldError, FieldId, Form, FormKind, Info, Stop};
use crate::app::modal::Modal;
use crate::app::{Action, App, Tab};
use crate::domain::followup::{
    Followup, Instalment, PaymentError, Recovery, RecoveryError, RecoveryStatus, Report,
    ReviewOutcome,
};
use crate::domain::{CaseDetail, Role};
use crate::i18n::{T, tr};
pub use crate::i18n::{ground, recovery_decision, report_kind, review_outcome};

/// Days the recipient gets to respond to a kommunicering (Tillväxtverket's two weeks).
pub const RESPONSE_DAYS: i64 = 14;

/// Days to repay after an återkrav decision.
pub const PAY_DAYS: i64 = 30;

/// One row of the Uppföljning tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupRow {
    Instalment(usize),
    Report(usize),
    Recovery(usize),
}

/// The tab's rows: instalments, then reports, then återkrav.
pub fn followup_rows(f: &Followup) -> Vec<FollowupRow> {
    (0..f.instalments.len())
        .map(FollowupRow::Instalment)
        .chain((0..f.reports.len()).map(FollowupRow::Report))
        .chain((0..f.recoveries.len()).map(FollowupRow::Recovery))
        .collect()
}

/// Which follow-up form is open, and on what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupForm {
    PaymentPlan,
    MarkPaid { instalment_id: i64 },
    RegisterReport { report_id: i64 },
    ReviewReport { report_id: i64 },
    OpenRecovery { report_id: Option<i64> },
    DecideRecovery { recovery_id: i64 },
    Repayment { recovery_id: i64 },
}

/// The selected item if it qualifies, else the first that does.
fn first_or_selected<T>(
    items: &[T],
    selected: Option<usize>,
    ok: impl Fn(&T) -> bool,
) -> Option<&T> {
    selected
        .and_then(|i| items.get(i))
        .filter(|x| ok(x))
        .or_else(|| items.iter().find(|x| ok(x)))
}

fn awaiting_review(r: &Report) -> bool {
    r.received_on.is_some()
        && r.review
            .as_ref()
            .is_none_or(|x| x.outcome == ReviewOutcome::Supplement)
}

fn repayable(r: &Recovery) -> bool {
    r.decision.is_some() && r.remaining().ore() > 0
}

/// The status of an återkrav as the tab shows it.
pub fn recovery_status_text(app: &App, r: &Recovery) -> String {
    let lang = app.lang;
    let left = r.remaining().to_string();
    match r.status() {
        RecoveryStatus::Communicated => {
            tr(lang, T::FuRecCommunicated, &[&r.response_due.to_string()])
        }
        RecoveryStatus::Claimed => tr(lang, T::FuRecClaimed, &[&left]),
        RecoveryStatus::PartlyRepaid => tr(lang, T::FuRecPartly, &[&left]),
        RecoveryStatus::Settled => T::FuRecSettled.text(lang).to_string(),
    }
}

impl App {
    pub(crate) fn detail(&self) -> Option<&CaseDetail> {
        self.view().map(|v| &v.detail)
    }

    /// The selected row of the Uppföljning tab, when it is shown.
    pub(crate) fn followup_row(&self) -> Option<FollowupRow> {
        let v = self.view().filter(|v| v.tab == Tab::Followup)?;
        followup_rows(&v.detail.followup).get(v.row).copied()
    }

    fn selected_instalment(&self) -> Option<usize> {
        match self.followup_row() {
            Some(FollowupRow::Instalment(i)) => Some(i),
            _ => None,
        }
    }

    fn selected_report(&self) -> Option<usize> {
        match self.followup_row() {
            Some(FollowupRow::Report(i)) => Some(i),
            _ => None,
        }
    }

    fn selected_recovery(&self) -> Option<usize> {
        match self.followup_row() {
            Some(FollowupRow::Recovery(i)) => Some(i),
            _ => None,
        }
    }

    pub(crate) fn is_decider(&self) -> bool {
        self.user.roles.contains(&Role::DecisionMaker)
    }

    /// Would a follow-up action do something now (for the hint bar)?
    pub(crate) fn offers_followup(&self, action: Action) -> bool {
        let Some(d) = self.detail() else {
            return false;
        };
        let f = &d.followup;
        let granted = d.granted.is_some_and(|g| g.ore() > 0);
        match action {
            Action::PaymentPlan => granted && f.paid().ore() == 0,
            Action::MarkPaid => f.instalments.iter().any(|i| i.paid_on.is_none()),
            Action::RegisterReport => f.reports.iter().any(|r| r.received_on.is_none()),
            Action::ReviewReport => f.reports.iter().any(awaiting_review),
            Action::OpenRecovery => f.paid().ore() > 0,
            Action::DecideRecovery => {
                self.is_decider()
                    && f.recoveries
                        .iter()
                        .any(|r| r.decision.is_none() && r.response_due <= self.today)
            }
            Action::Repayment => f.recoveries.iter().any(repayable),
            _ => true,
        }
    }

    /// Opens a follow-up form, on the Uppföljning tab.
    fn followup_form(
        &mut self,
        kind: FollowupForm,
        title: String,
        fields: Vec<Field>,
        info: Vec<Info>,
    ) {
        if let Some(v) = self.case_view.as_mut()
            && v.tab != Tab::Followup
        {
            v.tab = Tab::Followup;
            v.row = 0;
        }
        let form = Form::new(FormKind::Followup(kind), title, fields).with_info(info);
        self.modal = Some(Modal::Form(form));
    }

    /// Checks a follow-up form and turns it into its write.
    pub(crate) fn followup_effect(
        &self,
        form: &Form,
        kind: FollowupForm,
    ) -> Result<Vec<Effect>, Stop> {
        let Some(d) = self.detail() else {
            return Ok(Vec::new());
        };
        let write = match kind {
            FollowupForm::PaymentPlan => self.plan_write(form, d)?,
            FollowupForm::MarkPaid { instalment_id } => self.paid_write(form, d, instalment_id)?,
            FollowupForm::RegisterReport { report_id } => self.report_write(form, report_id)?,
            FollowupForm::ReviewReport { report_id } => self.review_write(form, d, report_id)?,
            FollowupForm::OpenRecovery { report_id } => self.recovery_write(form, d, report_id)?,
            FollowupForm::DecideRecovery { recovery_id } => {
                self.decide_recovery_write(form, d, recovery_id)?
            }
            FollowupForm::Repayment { recovery_id } => {
                self.repayment_write(form, d, recovery_id)?
            }
        };
        Ok(write
            .map(|write| Effect::Followup {
                case_id: d.id,
                version: d.version,
                write,
            })
            .into_iter()
            .collect())
    }

    pub(crate) fn followup_done_text(&self, done: &FollowupDone) -> String {
        let lang = self.lang;
        match done {
            FollowupDone::Plan(n) => tr(lang, T::FuDonePlan, &[&n.to_string()]),
            FollowupDone::Paid(no, m) => {
                tr(lang, T::FuDonePaid, &[&no.to_string(), &m.to_string()])
            }
            FollowupDone::Report(dnr) => tr(lang, T::FuDoneReport, &[dnr]),
            FollowupDone::Review(o) => tr(lang, T::FuDoneReview, &[review_outcome(*o).text(lang)]),
            FollowupDone::RecoveryOpened => T::FuDoneRecovery.text(lang).into(),
            FollowupDone::RecoveryDecided(path) => tr(lang, T::FuDoneRecoveryDecided, &[path]),
            FollowupDone::Repayment(left) => tr(lang, T::FuDoneRepayment, &[&left.to_string()]),
        }
    }

    /// Why an instalment may not be paid; `field` names the field at fault, if any.
    pub(crate) fn payment_error_text(
        &self,
        e: &PaymentError,
        inst: &Instalment,
        field: Option<&str>,
    ) -> String {
        let lang = self.lang;
        let at = |key: T, args: &[&str]| {
            let mut all = vec![field.unwrap_or_default()];
            all.extend_from_slice(args);
            tr(lang, key, &all)
        };
        match e {
            PaymentError::AlreadyPaid => T::FuNothingToPay.text(lang).into(),
            PaymentError::NotDispatched => T::FuNotDispatched.text(lang).into(),
            PaymentError::ReportNotApproved => tr(lang, T::FuGated, &[&inst.no.to_string()]),
            PaymentError::AmountNotPositive => at(T::FuValPositive, &[]),
            PaymentError::AmountAbovePlan(m) => at(T::FuValAtMost, &[&m.to_string()]),
            PaymentError::FutureDate => at(T::ValNotFuture, &[&self.today.to_string()]),
        }
    }

    /// An återkrav rule at the field it concerns.
    fn recovery_error(
        &self,
        form: &Form,
        e: &RecoveryError,
        claimed: Option<String>,
    ) -> FieldError {
        let decide = matches!(
            form.kind,
            FormKind::Followup(FollowupForm::DecideRecovery { .. })
        );
        let amount = if decide {
            FieldId::Waived
        } else {
            FieldId::Amount
        };
        match e {
            RecoveryError::AmountNotPositive => {
                self.field_error(form, amount, T::FuValPositive, &[])
            }
            RecoveryError::AmountAbovePaid(m) | RecoveryError::RepaymentAboveRemaining(m) => {
                self.field_error(form, amount, T::FuValAtMost, &[&m.to_string()])
            }
            RecoveryError::ResponseDueNotAfter => {
                self.field_error(form, FieldId::ResponseDue, T::FuValResponse, &[])
            }
            RecoveryError::MotivationRequired => {
                self.field_error(form, FieldId::Motivation, T::FuValMotivation, &[])
            }
            RecoveryError::WaiverOutOfRange => self.field_error(
                form,
                FieldId::Waived,
                T::FuValWaiver,
                &[&claimed.unwrap_or_default()],
            ),
            RecoveryError::BeforeResponseDue(d) => self.field_error(
                form,
                FieldId::DecidedOn,
                T::FuValBeforeResponse,
                &[&d.to_string()],
            ),
            RecoveryError::AlreadyDecided => {
                self.form_error(None, T::FuNoRecoveryToDecide.text(self.lang).into())
            }
            RecoveryError::NotDecided | RecoveryError::Settled => {
                self.form_error(None, T::FuNoRecoveryToRepay.text(self.lang).into())
            }
            RecoveryError::FutureDate => {
                let id = if decide {
                    FieldId::DecidedOn
                } else {
                    FieldId::PaidOn
                };
                self.field_error(form, id, T::ValNotFuture, &[&self.today.to_string()])
            }
        }
    }
}
