//! Follow-up of a grant on the Uppföljning tab: the payment plan (`P`), paying (`U`), reports (`R`, `V`) and återkrav (`X`, `D`, `M`).

use crate::app::effect::{Effect, FollowupDone, FollowupWrite, RecoveryChoice};
use crate::app::modal::{Field, Form, FormKind, Modal};
use crate::app::{Action, App, Tab};
use crate::domain::checklist::Answer;
use crate::domain::followup::{
    self as fu, Followup, Ground, Instalment, LinesError, PaymentError, PlanError, Recovery,
    RecoveryDecisionKind, RecoveryError, RecoveryStatus, Report, ReportKind, ReviewOutcome,
};
use crate::domain::{CaseDetail, ChecklistTemplate, Money, Role};
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

fn answer_letter(a: Answer) -> char {
    match a {
        Answer::Met => 'u',
        Answer::Partly => 'd',
        Answer::NotMet => 'e',
        Answer::NotApplicable => 'x',
    }
}

/// The checklist a report of `kind` is reviewed against.
fn review_checklist(app: &App, kind: ReportKind) -> Option<ChecklistTemplate> {
    crate::checklists::review_checklist(&app.checklists, kind)
}

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

    pub(crate) fn selected_instalment(&self) -> Option<usize> {
        match self.followup_row() {
            Some(FollowupRow::Instalment(i)) => Some(i),
            _ => None,
        }
    }

    pub(crate) fn selected_report(&self) -> Option<usize> {
        match self.followup_row() {
            Some(FollowupRow::Report(i)) => Some(i),
            _ => None,
        }
    }

    pub(crate) fn selected_recovery(&self) -> Option<usize> {
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
                self.is_decider() && f.recoveries.iter().any(|r| r.decision.is_none())
            }
            Action::Repayment => f.recoveries.iter().any(repayable),
            _ => true,
        }
    }

    pub(crate) fn followup_form(
        &mut self,
        kind: FollowupForm,
        title: String,
        fields: Vec<Field>,
        info: Vec<String>,
    ) {
        if let Some(v) = self.case_view.as_mut()
            && v.tab != Tab::Followup
        {
            v.tab = Tab::Followup;
            v.row = 0;
        }
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Followup(kind),
            title,
            fields,
            focus: 0,
            error: None,
            info,
            confirmed: false,
        }));
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

    /// "Använt 600 000 kr · outnyttjat 400 000 kr", or the over-use flagged.
    pub fn unused_line(&self, granted: Money, used: Money) -> String {
        let u = fu::unused(granted, used);
        if u.over_used.ore() > 0 {
            tr(
                self.lang,
                T::FuOverUsed,
                &[&used.to_string(), &u.over_used.to_string()],
            )
        } else {
            tr(
                self.lang,
                T::FuUnusedLine,
                &[&used.to_string(), &u.unused.to_string()],
            )
        }
    }

    pub(crate) fn money(&self, form: &Form, i: usize) -> Result<Money, (usize, String)> {
        let text = form.value(i);
        let m = Money::parse(&text)
            .map_err(|_| self.field_error(form, i, T::ValMoney, &[text.trim()]))?;
        if m.ore() <= 0 {
            return Err(self.field_error(form, i, T::FuValPositive, &[]));
        }
        Ok(m)
    }

    pub(crate) fn number(&self, form: &Form, i: usize, max: u32) -> Result<u32, (usize, String)> {
        let text = form.value(i);
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| self.field_error(form, i, T::FuValRange, &[&max.to_string()]))
    }

    pub(crate) fn recovery_error(&self, form: &Form, e: &RecoveryError) -> (usize, String) {
        // Field numbers per form: open (ground, amount, communicated, response), decide
        // (decision, waived, motivation, date, pay by), repayment (date, amount).
        let decide = matches!(
            form.kind,
            FormKind::Followup(FollowupForm::DecideRecovery { .. })
        );
        match e {
            RecoveryError::AmountNotPositive => self.field_error(form, 1, T::FuValPositive, &[]),
            RecoveryError::AmountAbovePaid(m) => {
                self.field_error(form, 1, T::FuValAtMost, &[&m.to_string()])
            }
            RecoveryError::ResponseDueNotAfter => self.field_error(form, 3, T::FuValResponse, &[]),
            RecoveryError::MotivationRequired => self.field_error(form, 2, T::FuValMotivation, &[]),
            RecoveryError::WaiverOutOfRange => {
                let claimed = match form.kind {
                    FormKind::Followup(FollowupForm::DecideRecovery { recovery_id }) => self
                        .detail()
                        .and_then(|d| d.followup.recoveries.iter().find(|r| r.id == recovery_id))
                        .map(|r| r.claimed.to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                self.field_error(form, 1, T::FuValWaiver, &[&claimed])
            }
            RecoveryError::BeforeResponseDue(d) => {
                self.field_error(form, 3, T::FuValBeforeResponse, &[&d.to_string()])
            }
            RecoveryError::AlreadyDecided => (0, T::FuNoRecoveryToDecide.text(self.lang).into()),
            RecoveryError::NotDecided | RecoveryError::Settled => {
                (0, T::FuNoRecoveryToRepay.text(self.lang).into())
            }
            RecoveryError::RepaymentAboveRemaining(m) => {
                self.field_error(form, 1, T::FuValAtMost, &[&m.to_string()])
            }
            RecoveryError::FutureDate => {
                let i = if decide { 3 } else { 0 };
                self.field_error(form, i, T::ValNotFuture, &[&self.today.to_string()])
            }
        }
    }

    /// Checks a follow-up form and turns it into its write.
    pub(crate) fn followup_effect(
        &self,
        form: &Form,
        kind: FollowupForm,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let Some(v) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &v.detail;
        let f = &d.followup;
        let write = match kind {
            FollowupForm::PaymentPlan => {
                let n = self.number(form, 0, fu::MAX_INSTALMENTS)?;
                let first = self.date(form, 1)?;
                let months = self.number(form, 2, 24)?;
                let gated = if form.value(3).trim().is_empty() {
                    None
                } else {
                    let no = self.number(form, 3, fu::MAX_INSTALMENTS)?;
                    Some((no, self.date(form, 4)?))
                };
                let granted = d.granted.unwrap_or_default();
                let plan = fu::plan(granted, n, first, months);
                if let Err(e) = fu::check_plan(d.granted, f.paid().ore() > 0, &plan, gated) {
                    return Err(match e {
                        PlanError::NotGranted => (0, T::FuNotGranted.text(self.lang).into()),
                        PlanError::AlreadyPaid => (0, T::FuPlanPaid.text(self.lang).into()),
                        PlanError::Count => self.field_error(
                            form,
                            0,
                            T::FuValRange,
                            &[&fu::MAX_INSTALMENTS.to_string()],
                        ),
                        PlanError::ReportInstalment => {
                            self.field_error(form, 3, T::FuValGate, &[&n.to_string()])
                        }
                        PlanError::Sum(m) => (0, tr(self.lang, T::RefPlanSum, &[&m.to_string()])),
                        PlanError::ReportAfterInstalment => {
                            let (no, _) = gated.unwrap_or((1, first));
                            let pay_on = plan
                                .get(no as usize - 1)
                                .map(|p| p.0.to_string())
                                .unwrap_or_default();
                            self.field_error(form, 4, T::FuValGateDate, &[&no.to_string(), &pay_on])
                        }
                    });
                }
                FollowupWrite::Plan { plan, gated }
            }
            FollowupForm::MarkPaid { instalment_id } => {
                let Some(inst) = f.instalments.iter().find(|i| i.id == instalment_id) else {
                    return Ok(Vec::new());
                };
                let paid_on = self.date(form, 0)?;
                let text = form.value(1);
                let amount = Money::parse(&text)
                    .map_err(|_| self.field_error(form, 1, T::ValMoney, &[text.trim()]))?;
                let dispatched = d.decision().is_some_and(|x| x.sent_on.is_some());
                if let Err(e) =
                    fu::check_payment(inst, dispatched, &f.reports, amount, paid_on, self.today)
                {
                    let field = usize::from(!matches!(e, PaymentError::FutureDate));
                    let label = form.fields[field].label.text(self.lang);
                    return Err((field, self.payment_error_text(&e, inst, Some(label))));
                }
                FollowupWrite::Paid {
                    instalment_id,
                    paid_on,
                    amount,
                }
            }
            FollowupForm::RegisterReport { report_id } => {
                let Some(r) = f.reports.iter().find(|r| r.id == report_id) else {
                    return Ok(Vec::new());
                };
                let received_on = self.past_date(form, 0)?;
                let lines = fu::parse_lines(&form.value(1)).map_err(|e| match e {
                    LinesError::Empty => self.field_error(form, 1, T::FuValLinesEmpty, &[]),
                    LinesError::Malformed(n) => {
                        self.field_error(form, 1, T::FuValLinesMalformed, &[&n.to_string()])
                    }
                    LinesError::BadAmount(n) => {
                        self.field_error(form, 1, T::FuValLinesAmount, &[&n.to_string()])
                    }
                })?;
                let _ = r;
                FollowupWrite::Report {
                    report_id,
                    received_on,
                    lines,
                }
            }
            FollowupForm::ReviewReport { report_id } => {
                let Some(r) = f.reports.iter().find(|r| r.id == report_id) else {
                    return Ok(Vec::new());
                };
                let Some(template) = review_checklist(self, r.kind) else {
                    return Ok(Vec::new());
                };
                let n = template.items.len();
                let answers: Option<Vec<Answer>> = form
                    .value(0)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| match c.to_ascii_lowercase() {
                        'u' => Some(Answer::Met),
                        'd' => Some(Answer::Partly),
                        'e' => Some(Answer::NotMet),
                        'x' => Some(Answer::NotApplicable),
                        _ => None,
                    })
                    .collect();
                let answers = answers
                    .filter(|a| a.len() == n)
                    .ok_or_else(|| self.field_error(form, 0, T::FuValAnswers, &[&n.to_string()]))?;
                let outcome = ReviewOutcome::parse(&form.value(1))
                    .ok_or_else(|| self.field_error(form, 1, T::FuValOutcome, &[]))?;
                let comment = form.value(2).trim().to_string();
                // A mandatory item not met cannot be approved.
                let unmet = template
                    .items
                    .iter()
                    .zip(&answers)
                    .find(|(item, a)| item.mandatory && **a == Answer::NotMet);
                if outcome == ReviewOutcome::Approved
                    && let Some((item, _)) = unmet
                {
                    let no = template
                        .items
                        .iter()
                        .position(|i| i.key == item.key)
                        .unwrap_or(0)
                        + 1;
                    return Err(self.field_error(form, 1, T::FuValUnmet, &[&no.to_string()]));
                }
                let needs_comment =
                    outcome != ReviewOutcome::Approved || answers.iter().any(|a| a.needs_comment());
                if needs_comment && comment.is_empty() {
                    return Err(self.field_error(form, 2, T::FuValComment, &[]));
                }
                FollowupWrite::Review {
                    report_id,
                    outcome,
                    answers,
                    comment,
                }
            }
            FollowupForm::OpenRecovery { report_id } => {
                let ground = Ground::parse(&form.value(0))
                    .ok_or_else(|| self.field_error(form, 0, T::FuValGround, &[]))?;
                let amount = self.money(form, 1)?;
                let communicated_on = self.past_date(form, 2)?;
                let response_due = self.date(form, 3)?;
                if let Err(e) = fu::check_recovery(amount, f.paid(), communicated_on, response_due)
                {
                    return Err(self.recovery_error(form, &e));
                }
                FollowupWrite::OpenRecovery {
                    report_id,
                    ground,
                    amount,
                    communicated_on,
                    response_due,
                }
            }
            FollowupForm::DecideRecovery { recovery_id } => {
                let Some(r) = f.recoveries.iter().find(|r| r.id == recovery_id) else {
                    return Ok(Vec::new());
                };
                let kind = RecoveryDecisionKind::parse(&form.value(0))
                    .ok_or_else(|| self.field_error(form, 0, T::FuValDecision, &[]))?;
                let waived = if kind == RecoveryDecisionKind::WaivePart {
                    let text = form.value(1);
                    Some(
                        Money::parse(&text)
                            .map_err(|_| self.field_error(form, 1, T::ValMoney, &[text.trim()]))?,
                    )
                } else {
                    None
                };
                let motivation = form.value(2).trim().to_string();
                let decided_on = self.past_date(form, 3)?;
                let pay_by = self.date(form, 4)?;
                let waived = fu::check_recovery_decision(r, kind, waived, &motivation, decided_on)
                    .map_err(|e| self.recovery_error(form, &e))?;
                FollowupWrite::DecideRecovery {
                    recovery_id,
                    choice: RecoveryChoice {
                        kind,
                        waived: Some(waived).filter(|_| kind == RecoveryDecisionKind::WaivePart),
                        motivation,
                        decided_on,
                        pay_by,
                    },
                }
            }
            FollowupForm::Repayment { recovery_id } => {
                let Some(r) = f.recoveries.iter().find(|r| r.id == recovery_id) else {
                    return Ok(Vec::new());
                };
                let paid_on = self.date(form, 0)?;
                let amount = self.money(form, 1)?;
                fu::check_repayment(r, amount, paid_on, self.today)
                    .map_err(|e| self.recovery_error(form, &e))?;
                FollowupWrite::Repayment {
                    recovery_id,
                    paid_on,
                    amount,
                }
            }
        };
        Ok(vec![Effect::Followup {
            case_id: d.id,
            version: d.version,
            write,
        }])
    }
}

mod pay;
mod plan;
mod recovery;
mod report;
