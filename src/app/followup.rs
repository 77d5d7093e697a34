//! Follow-up of a grant (issue 6) in the case view: the payment plan (`P`), paying an instalment
//! (`p`), registering (`R`) and reviewing (`V`) a report, and återkrav: open (`X`), decide (`D`,
//! with its letter) and register a repayment (`M`). Every refusal says why and writes nothing.

use super::effect::{Effect, FollowupDone, FollowupWrite, RecoveryChoice};
use super::modal::{Field, Form, FormKind, Modal};
use super::{Action, App, Tab};
use crate::domain::checklist::Answer;
use crate::domain::decision::{self, is_grant};
use crate::domain::followup::{
    self as fu, Followup, Ground, Instalment, LinesError, PaymentError, PlanError, Recovery,
    RecoveryDecisionKind, RecoveryError, RecoveryStatus, Report, ReportKind, ReviewOutcome,
};
use crate::domain::{CaseDetail, ChecklistTemplate, Money, Role};
use crate::i18n::{T, tr};
use chrono::Duration;

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

pub use crate::i18n::{ground, recovery_decision, report_kind, review_outcome};

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

impl App {
    fn detail(&self) -> Option<&CaseDetail> {
        self.view().map(|v| &v.detail)
    }

    /// The selected row of the Uppföljning tab, when it is shown.
    fn followup_row(&self) -> Option<FollowupRow> {
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

    fn is_decider(&self) -> bool {
        self.user.roles.contains(&Role::DecisionMaker)
    }

    /// Would a follow-up action do something now (for the hint bar)?
    pub(super) fn offers_followup(&self, action: Action) -> bool {
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

    fn followup_form(
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

    /// `P`: a payment plan of N instalments, one of them waiting for a lägesrapport.
    pub(super) fn open_payment_plan(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(granted) = d.granted.filter(|g| g.ore() > 0) else {
            return self.say(T::FuNotGranted, &[]);
        };
        if d.followup.paid().ore() > 0 {
            return self.say(T::FuPlanPaid, &[]);
        }
        let first = d
            .decision()
            .filter(|x| is_grant(x.outcome))
            .map_or(self.today, |x| x.decided_on);
        let n = d.followup.instalments.len().max(1);
        let gated = d.followup.instalments.iter().find(|i| i.requires_report);
        let progress_due = d
            .followup
            .reports
            .iter()
            .find(|r| r.kind == ReportKind::Progress && r.received_on.is_none())
            .map(|r| r.due_on.to_string())
            .unwrap_or_default();
        let fields = vec![
            Field::line(T::FuFldInstalments, &n.to_string()),
            Field::line(T::FuFldFirstDue, &first.to_string()),
            Field::line(T::FuFldMonths, "6"),
            Field::line(
                T::FuFldGated,
                &gated.map(|i| i.no.to_string()).unwrap_or_default(),
            ),
            Field::line(T::FuFldProgressDue, &progress_due),
        ];
        let title = tr(self.lang, T::FuTitlePlan, &[&granted.to_string()]);
        self.followup_form(FollowupForm::PaymentPlan, title, fields, Vec::new());
        Vec::new()
    }

    /// `p`: mark the selected (or the first unpaid) instalment paid, unless a rule stops it.
    pub(super) fn open_mark_paid(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let f = &d.followup;
        let Some(inst) = first_or_selected(&f.instalments, self.selected_instalment(), |i| {
            i.paid_on.is_none()
        }) else {
            return self.say(T::FuNothingToPay, &[]);
        };
        let dispatched = d.decision().is_some_and(|x| x.sent_on.is_some());
        // The rules that do not depend on the form are checked before it opens.
        if let Err(e) = fu::check_payment(
            inst,
            dispatched,
            &f.reports,
            inst.amount,
            self.today,
            self.today,
        ) {
            let text = self.payment_error_text(&e, inst, None);
            self.set_status(text);
            return Vec::new();
        }
        let (id, no, amount) = (inst.id, inst.no, inst.amount);
        let title = tr(
            self.lang,
            T::FuTitlePaid,
            &[&no.to_string(), &amount.to_string()],
        );
        let fields = vec![
            Field::line(T::FuFldPaidOn, &self.today.to_string()),
            Field::line(T::FuFldAmount, &amount.format_number()),
        ];
        self.followup_form(
            FollowupForm::MarkPaid { instalment_id: id },
            title,
            fields,
            Vec::new(),
        );
        Vec::new()
    }

    fn payment_error_text(
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

    /// `R`: register the selected (or the next) expected report as received.
    pub(super) fn open_register_report(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) = first_or_selected(&d.followup.reports, self.selected_report(), |r| {
            r.received_on.is_none()
        }) else {
            return self.say(T::FuNoReportExpected, &[]);
        };
        let kind = report_kind(r.kind).text(self.lang);
        let title = tr(self.lang, T::FuTitleReport, &[kind, &r.due_on.to_string()]);
        let info = vec![tr(
            self.lang,
            T::FuGrantedLine,
            &[
                &d.granted.unwrap_or_default().to_string(),
                &d.followup.paid().to_string(),
            ],
        )];
        let fields = vec![
            Field::line(T::FuFldReceivedOn, &self.today.to_string()),
            Field::lines(T::FuFldLines, ""),
        ];
        let report_id = r.id;
        self.followup_form(
            FollowupForm::RegisterReport { report_id },
            title,
            fields,
            info,
        );
        Vec::new()
    }

    /// `V`: review a received report against its checklist; ends godkänd, komplettering or
    /// återkrav.
    pub(super) fn open_review_report(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) =
            first_or_selected(&d.followup.reports, self.selected_report(), awaiting_review)
        else {
            return self.say(T::FuNoReportToReview, &[]);
        };
        let Some(template) = review_checklist(self, r.kind) else {
            return self.say(T::NoChecklist, &[]);
        };
        let lang = self.lang;
        let granted = d.granted.unwrap_or_default();
        let mut info = vec![self.unused_line(granted, r.used())];
        for (i, item) in template.items.iter().enumerate() {
            let q = match lang {
                crate::i18n::Lang::En => item.question_en.as_deref().unwrap_or(&item.question),
                crate::i18n::Lang::Sv => &item.question,
            };
            info.push(format!("{}. {q}", i + 1));
        }
        let answers: String = r
            .review
            .as_ref()
            .filter(|x| x.answers.len() == template.items.len())
            .map(|x| x.answers.iter().map(|a| answer_letter(*a)).collect())
            .unwrap_or_else(|| "u".repeat(template.items.len()));
        let kind = report_kind(r.kind).text(lang);
        let title = tr(lang, T::FuTitleReview, &[kind]);
        let fields = vec![
            Field::line(T::FuFldAnswers, &answers),
            Field::line(T::FuFldOutcome, ""),
            Field::lines(T::FuFldComment, ""),
        ];
        let report_id = r.id;
        self.followup_form(
            FollowupForm::ReviewReport { report_id },
            title,
            fields,
            info,
        );
        Vec::new()
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

    /// `X`: open an återkrav with kommunicering; the amount defaults to the unused amount.
    pub(super) fn open_recovery_form(&mut self) -> Vec<Effect> {
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
    pub(super) fn open_decide_recovery(&mut self) -> Vec<Effect> {
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
    pub(super) fn open_repayment(&mut self) -> Vec<Effect> {
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

    fn money(&self, form: &Form, i: usize) -> Result<Money, (usize, String)> {
        let text = form.value(i);
        let m = Money::parse(&text)
            .map_err(|_| self.field_error(form, i, T::ValMoney, &[text.trim()]))?;
        if m.ore() <= 0 {
            return Err(self.field_error(form, i, T::FuValPositive, &[]));
        }
        Ok(m)
    }

    fn number(&self, form: &Form, i: usize, max: u32) -> Result<u32, (usize, String)> {
        let text = form.value(i);
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| self.field_error(form, i, T::FuValRange, &[&max.to_string()]))
    }

    /// Checks a follow-up form and turns it into its write.
    pub(super) fn followup_effect(
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

    fn recovery_error(&self, form: &Form, e: &RecoveryError) -> (usize, String) {
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

    pub(super) fn followup_done_text(&self, done: &FollowupDone) -> String {
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
