//! Follow-up of a grant (issue 6): the payment plan and its instalments, the reports the decision
//! asks for and their review, the unused amount, and återkrav (recovery claims) until settled.
//! Pure rules: `today` is always passed in.

use super::money::Money;
use chrono::{Months, NaiveDate};

/// The most instalments a plan may have.
pub const MAX_INSTALMENTS: u32 = 12;

/// One instalment (delbetalning) of a grant's payment plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instalment {
    pub id: i64,
    pub no: u32,
    pub due_on: NaiveDate,
    pub amount: Money,
    /// Paying it needs an approved lägesrapport first.
    pub requires_report: bool,
    pub paid_on: Option<NaiveDate>,
    pub paid_amount: Option<Money>,
}

/// Which report a grant's decision asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// Lägesrapport: before a later instalment (the 2020 model).
    Progress,
    /// Slutrapport: by the date in the decision.
    Final,
}

impl ReportKind {
    pub const ALL: [ReportKind; 2] = [ReportKind::Progress, ReportKind::Final];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Progress => "lagesrapport",
            ReportKind::Final => "slutrapport",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// How the review of a report ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewOutcome {
    /// Godkänd.
    Approved,
    /// Komplettering: the report must be supplemented; it counts as not yet approved.
    Supplement,
    /// Återkrav: grounds for a recovery claim.
    Recovery,
}

impl ReviewOutcome {
    pub const ALL: [ReviewOutcome; 3] = [
        ReviewOutcome::Approved,
        ReviewOutcome::Supplement,
        ReviewOutcome::Recovery,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReviewOutcome::Approved => "godkand",
            ReviewOutcome::Supplement => "komplettering",
            ReviewOutcome::Recovery => "aterkrav",
        }
    }

    pub fn from_code(code: &str) -> Option<ReviewOutcome> {
        ReviewOutcome::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Reads what a caseworker types: the code or its Swedish or English name, any case.
    pub fn parse(text: &str) -> Option<ReviewOutcome> {
        match text.trim().to_lowercase().as_str() {
            "godkand" | "godkänd" | "g" | "approved" => Some(ReviewOutcome::Approved),
            "komplettering" | "k" | "supplement" => Some(ReviewOutcome::Supplement),
            "aterkrav" | "återkrav" | "a" | "å" | "recovery" => Some(ReviewOutcome::Recovery),
            _ => None,
        }
    }
}

/// One line of a report's ekonomisk redovisning: a budget line and what was used on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub label: String,
    pub used: Money,
}

/// A report the decision asks for, and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: i64,
    pub kind: ReportKind,
    pub due_on: NaiveDate,
    pub received_on: Option<NaiveDate>,
    /// The sub-number of the registered document.
    pub document: Option<u32>,
    pub lines: Vec<BudgetLine>,
    pub review: Option<Review>,
}

impl Report {
    pub fn used(&self) -> Money {
        Money(
            self.lines
                .iter()
                .map(|l| l.used.ore())
                .fold(0i64, i64::saturating_add),
        )
    }

    pub fn approved(&self) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.outcome == ReviewOutcome::Approved)
    }

    /// Past its due date and not received.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.received_on.is_none() && self.due_on < today
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub outcome: ReviewOutcome,
    pub reviewed_on: NaiveDate,
    pub reviewer: String,
    /// One answer code per checklist item, in the checklist's order.
    pub answers: Vec<super::checklist::Answer>,
    pub comment: String,
    pub checklist_id: String,
}

/// Granted against used: what is left unused, and by how much the use went over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unused {
    /// granted − used, never below zero.
    pub unused: Money,
    /// used − granted where more was reported used than granted (flagged, never negative).
    pub over_used: Money,
}

/// unused = granted − used, clamped at zero; over-use is flagged separately.
pub fn unused(granted: Money, used: Money) -> Unused {
    let diff = granted.ore().saturating_sub(used.ore());
    Unused {
        unused: Money(diff.max(0)),
        over_used: Money(diff.min(0).saturating_neg()),
    }
}

/// Why a budget-line text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinesError {
    Empty,
    /// The line (1-based) has no label or no amount: "Personal 120 000".
    Malformed(usize),
    /// The line's amount is not an amount, or is negative.
    BadAmount(usize),
}

/// Reads "Personal: 120 000; Lokaler: 30 000" (lines separated by ';' or newlines, label and
/// amount by ':' or '='). "0" alone means nothing was used.
pub fn parse_lines(text: &str) -> Result<Vec<BudgetLine>, LinesError> {
    let parts: Vec<&str> = text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(LinesError::Empty);
    }
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let no = i + 1;
        let (label, amount) = match part.rsplit_once([':', '=']) {
            Some((l, a)) => (l.trim(), a.trim()),
            None if parts.len() == 1 => ("Totalt", *part),
            None => return Err(LinesError::Malformed(no)),
        };
        if label.is_empty() || amount.is_empty() {
            return Err(LinesError::Malformed(no));
        }
        let used = Money::parse(amount).map_err(|_| LinesError::BadAmount(no))?;
        if used.ore() < 0 {
            return Err(LinesError::BadAmount(no));
        }
        out.push(BudgetLine {
            label: label.to_string(),
            used,
        });
    }
    Ok(out)
}

/// A plan of `n` instalments of `total`: equal parts (the öre left over on the last), the first
/// due on `first`, the next ones `months` months apart.
pub fn plan(total: Money, n: u32, first: NaiveDate, months: u32) -> Vec<(NaiveDate, Money)> {
    if n == 0 {
        return Vec::new();
    }
    let part = total.ore() / i64::from(n);
    let rest = total.ore() - part * i64::from(n);
    (0..n)
        .map(|i| {
            let due = first
                .checked_add_months(Months::new(months.saturating_mul(i)))
                .unwrap_or(first);
            let amount = if i + 1 == n { part + rest } else { part };
            (due, Money(amount))
        })
        .collect()
}

/// What a payment plan may not be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// 1 to [`MAX_INSTALMENTS`].
    Count,
    /// An instalment already paid: the plan can no longer change.
    AlreadyPaid,
    /// The instalment number asked to wait for a lägesrapport does not exist (or is the first,
    /// which is paid on the decision).
    ReportInstalment,
    /// The lägesrapport's due date must come before the instalment it gates.
    ReportAfterInstalment,
    NotGranted,
    /// The instalments must add up to the granted amount (this).
    Sum(Money),
}

/// Checks a requested plan: `n` instalments, the one numbered `gated` waiting for a lägesrapport
/// due on `report_due`.
pub fn check_plan(
    granted: Option<Money>,
    any_paid: bool,
    plan: &[(NaiveDate, Money)],
    gated: Option<(u32, NaiveDate)>,
) -> Result<(), PlanError> {
    if granted.is_none_or(|g| g.ore() <= 0) {
        return Err(PlanError::NotGranted);
    }
    if any_paid {
        return Err(PlanError::AlreadyPaid);
    }
    if plan.is_empty() || plan.len() > MAX_INSTALMENTS as usize {
        return Err(PlanError::Count);
    }
    let sum = plan
        .iter()
        .try_fold(0i64, |acc, (_, a)| acc.checked_add(a.ore()));
    let granted = granted.unwrap_or_default();
    if sum != Some(granted.ore()) {
        return Err(PlanError::Sum(granted));
    }
    if let Some((no, due)) = gated {
        let Some((pay_on, _)) = usize::try_from(no)
            .ok()
            .filter(|&i| i >= 2)
            .and_then(|i| plan.get(i - 1))
        else {
            return Err(PlanError::ReportInstalment);
        };
        if due > *pay_on {
            return Err(PlanError::ReportAfterInstalment);
        }
    }
    Ok(())
}

/// Why an instalment may not be marked paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentError {
    AlreadyPaid,
    /// The decision has not been expedited yet.
    NotDispatched,
    /// It waits for an approved lägesrapport.
    ReportNotApproved,
    AmountNotPositive,
    /// More than the instalment.
    AmountAbovePlan(Money),
    FutureDate,
}

/// Does `inst` still wait for an approved lägesrapport? (Once one is approved it waits no
/// more: the screen and the payment rule ask the same question.)
pub fn waits_for_report(inst: &Instalment, reports: &[Report]) -> bool {
    inst.requires_report
        && !reports
            .iter()
            .any(|r| r.kind == ReportKind::Progress && r.approved())
}

/// May `inst` be marked paid with `amount` on `paid_on`?
pub fn check_payment(
    inst: &Instalment,
    dispatched: bool,
    reports: &[Report],
    amount: Money,
    paid_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), PaymentError> {
    if inst.paid_on.is_some() {
        return Err(PaymentError::AlreadyPaid);
    }
    if !dispatched {
        return Err(PaymentError::NotDispatched);
    }
    if waits_for_report(inst, reports) {
        return Err(PaymentError::ReportNotApproved);
    }
    if amount.ore() <= 0 {
        return Err(PaymentError::AmountNotPositive);
    }
    if amount > inst.amount {
        return Err(PaymentError::AmountAbovePlan(inst.amount));
    }
    if paid_on > today {
        return Err(PaymentError::FutureDate);
    }
    Ok(())
}

/// The sum paid so far.
pub fn paid(instalments: &[Instalment]) -> Money {
    Money(
        instalments
            .iter()
            .filter_map(|i| i.paid_amount)
            .map(Money::ore)
            .fold(0i64, i64::saturating_add),
    )
}

/// The legal ground of an återkrav (the standard pattern, domain.md § 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ground {
    UnusedFunds,
    NotForPurpose,
    ReportMissing,
    WrongInformation,
    ConditionsNotMet,
}

impl Ground {
    pub const ALL: [Ground; 5] = [
        Ground::UnusedFunds,
        Ground::NotForPurpose,
        Ground::ReportMissing,
        Ground::WrongInformation,
        Ground::ConditionsNotMet,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Ground::UnusedFunds => "outnyttjat",
            Ground::NotForPurpose => "ej_for_andamalet",
            Ground::ReportMissing => "rapport_saknas",
            Ground::WrongInformation => "felaktiga_uppgifter",
            Ground::ConditionsNotMet => "villkor_ej_uppfyllda",
        }
    }

    pub fn from_code(code: &str) -> Option<Ground> {
        Ground::ALL.into_iter().find(|g| g.code() == code)
    }

    /// Reads the number 1–5 (the order of [`Ground::ALL`]) or the code.
    pub fn parse(text: &str) -> Option<Ground> {
        let t = text.trim();
        t.parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| Ground::ALL.get(i).copied())
            .or_else(|| Ground::from_code(&t.to_lowercase()))
    }
}

/// The decision on an återkrav: a claim, or eftergift (waiver) wholly or partly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecoveryDecisionKind {
    Claim,
    WaiveAll,
    WaivePart,
}

impl RecoveryDecisionKind {
    pub const ALL: [RecoveryDecisionKind; 3] = [
        RecoveryDecisionKind::Claim,
        RecoveryDecisionKind::WaiveAll,
        RecoveryDecisionKind::WaivePart,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecoveryDecisionKind::Claim => "krav",
            RecoveryDecisionKind::WaiveAll => "eftergift_helt",
            RecoveryDecisionKind::WaivePart => "eftergift_delvis",
        }
    }

    pub fn from_code(code: &str) -> Option<RecoveryDecisionKind> {
        RecoveryDecisionKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// What a caseworker types: "krav", "helt", "delvis" (or the code), any case.
    pub fn parse(text: &str) -> Option<RecoveryDecisionKind> {
        match text.trim().to_lowercase().as_str() {
            "krav" | "claim" => Some(RecoveryDecisionKind::Claim),
            "helt" | "eftergift helt" | "eftergift_helt" | "waive" | "whole" => {
                Some(RecoveryDecisionKind::WaiveAll)
            }
            "delvis" | "eftergift delvis" | "eftergift_delvis" | "partly" => {
                Some(RecoveryDecisionKind::WaivePart)
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryDecision {
    pub kind: RecoveryDecisionKind,
    pub waived: Money,
    pub motivation: String,
    pub decider: String,
    pub decided_on: NaiveDate,
    /// When the claimed amount must be repaid.
    pub pay_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repayment {
    pub paid_on: NaiveDate,
    pub amount: Money,
}

/// An återkrav: ground, amount, kommunicering, decision, repayments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub id: i64,
    pub ground: Ground,
    pub claimed: Money,
    pub communicated_on: NaiveDate,
    pub response_due: NaiveDate,
    pub presenter_id: i64,
    pub presenter: String,
    pub decision: Option<RecoveryDecision>,
    pub repayments: Vec<Repayment>,
}

/// Where an återkrav stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecoveryStatus {
    /// Kommunicerat: waiting for the response, then a decision.
    Communicated,
    /// Decided: repayment due.
    Claimed,
    /// Part repaid.
    PartlyRepaid,
    /// Nothing left: repaid or waived.
    Settled,
}

impl Recovery {
    pub fn repaid(&self) -> Money {
        Money(
            self.repayments
                .iter()
                .map(|r| r.amount.ore())
                .fold(0i64, i64::saturating_add),
        )
    }

    pub fn waived(&self) -> Money {
        self.decision.as_ref().map_or(Money::ZERO, |d| d.waived)
    }

    pub fn remaining(&self) -> Money {
        remaining(self.claimed, self.waived(), self.repaid())
    }

    pub fn status(&self) -> RecoveryStatus {
        if self.decision.is_none() {
            RecoveryStatus::Communicated
        } else if self.remaining().ore() == 0 {
            RecoveryStatus::Settled
        } else if self.repaid().ore() > 0 {
            RecoveryStatus::PartlyRepaid
        } else {
            RecoveryStatus::Claimed
        }
    }
}

/// remaining = claimed − waived − repaid, never below zero.
pub fn remaining(claimed: Money, waived: Money, repaid: Money) -> Money {
    Money(
        claimed
            .ore()
            .saturating_sub(waived.ore())
            .saturating_sub(repaid.ore())
            .max(0),
    )
}

/// What is wrong with an återkrav or its decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecoveryError {
    AmountNotPositive,
    /// More than was paid out.
    AmountAbovePaid(Money),
    /// The response time must end after the kommunicering (two weeks is customary).
    ResponseDueNotAfter,
    /// An eftergift must say why (särskilda skäl).
    MotivationRequired,
    /// A partial waiver waives more than zero and less than the claim.
    WaiverOutOfRange,
    /// The decision may come only after the response time has ended.
    BeforeResponseDue(NaiveDate),
    AlreadyDecided,
    NotDecided,
    /// A repayment above what remains.
    RepaymentAboveRemaining(Money),
    Settled,
    FutureDate,
}

/// Checks a new återkrav: `amount` against what was paid out.
pub fn check_recovery(
    amount: Money,
    paid_out: Money,
    communicated_on: NaiveDate,
    response_due: NaiveDate,
) -> Result<(), RecoveryError> {
    if amount.ore() <= 0 {
        return Err(RecoveryError::AmountNotPositive);
    }
    if amount > paid_out {
        return Err(RecoveryError::AmountAbovePaid(paid_out));
    }
    if response_due <= communicated_on {
        return Err(RecoveryError::ResponseDueNotAfter);
    }
    Ok(())
}

/// Checks a decision on `r`; returns the amount waived.
pub fn check_recovery_decision(
    r: &Recovery,
    kind: RecoveryDecisionKind,
    waived: Option<Money>,
    motivation: &str,
    decided_on: NaiveDate,
) -> Result<Money, RecoveryError> {
    if r.decision.is_some() {
        return Err(RecoveryError::AlreadyDecided);
    }
    if decided_on < r.response_due {
        return Err(RecoveryError::BeforeResponseDue(r.response_due));
    }
    let waived = match kind {
        RecoveryDecisionKind::Claim => Money::ZERO,
        RecoveryDecisionKind::WaiveAll => r.claimed,
        RecoveryDecisionKind::WaivePart => match waived {
            Some(w) if w.ore() > 0 && w < r.claimed => w,
            _ => return Err(RecoveryError::WaiverOutOfRange),
        },
    };
    if kind != RecoveryDecisionKind::Claim && motivation.trim().is_empty() {
        return Err(RecoveryError::MotivationRequired);
    }
    Ok(waived)
}

/// May `amount` be registered as repaid on `r` on `paid_on`?
pub fn check_repayment(
    r: &Recovery,
    amount: Money,
    paid_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), RecoveryError> {
    if r.decision.is_none() {
        return Err(RecoveryError::NotDecided);
    }
    let left = r.remaining();
    if left.ore() == 0 {
        return Err(RecoveryError::Settled);
    }
    if amount.ore() <= 0 {
        return Err(RecoveryError::AmountNotPositive);
    }
    if amount > left {
        return Err(RecoveryError::RepaymentAboveRemaining(left));
    }
    if paid_on > today {
        return Err(RecoveryError::FutureDate);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn plan_splits_evenly_with_the_rest_last() {
        let p = plan(Money(100_001), 3, d(2026, 1, 31), 6);
        assert_eq!(
            p,
            vec![
                (d(2026, 1, 31), Money(33_333)),
                (d(2026, 7, 31), Money(33_333)),
                (d(2027, 1, 31), Money(33_335)),
            ]
        );
        assert!(plan(Money(1), 0, d(2026, 1, 1), 1).is_empty());
    }

    #[test]
    fn plan_rules() {
        let p = plan(Money(1000), 2, d(2026, 1, 1), 6);
        assert_eq!(check_plan(Some(Money(1000)), false, &p, None), Ok(()));
        assert_eq!(
            check_plan(Some(Money(1000)), false, &p, Some((2, d(2026, 6, 1)))),
            Ok(())
        );
        assert_eq!(
            check_plan(Some(Money(1000)), false, &p, Some((1, d(2026, 6, 1)))),
            Err(PlanError::ReportInstalment)
        );
        assert_eq!(
            check_plan(Some(Money(1000)), false, &p, Some((2, d(2026, 8, 1)))),
            Err(PlanError::ReportAfterInstalment)
        );
        assert_eq!(
            check_plan(Some(Money(1000)), true, &p, None),
            Err(PlanError::AlreadyPaid)
        );
        assert_eq!(
            check_plan(None, false, &p, None),
            Err(PlanError::NotGranted)
        );
    }

    #[test]
    fn unused_table() {
        let cases = [
            (1000, 600, 400, 0),
            (1000, 0, 1000, 0),
            (1000, 1000, 0, 0),
            (1000, 1200, 0, 200),
        ];
        for (g, u, left, over) in cases {
            assert_eq!(
                unused(Money(g), Money(u)),
                Unused {
                    unused: Money(left),
                    over_used: Money(over)
                }
            );
        }
    }

    #[test]
    fn lines_table() {
        assert_eq!(
            parse_lines("Personal: 120 000; Lokaler = 30 000,50"),
            Ok(vec![
                BudgetLine {
                    label: "Personal".into(),
                    used: Money(12_000_000)
                },
                BudgetLine {
                    label: "Lokaler".into(),
                    used: Money(3_000_050)
                },
            ])
        );
        assert_eq!(
            parse_lines("0"),
            Ok(vec![BudgetLine {
                label: "Totalt".into(),
                used: Money(0)
            }])
        );
        assert_eq!(parse_lines(" ; "), Err(LinesError::Empty));
        assert_eq!(parse_lines("a: 1; 2"), Err(LinesError::Malformed(2)));
        assert_eq!(parse_lines("a: -5"), Err(LinesError::BadAmount(1)));
        assert_eq!(parse_lines("a: x"), Err(LinesError::BadAmount(1)));
    }

    fn recovery() -> Recovery {
        Recovery {
            id: 1,
            ground: Ground::UnusedFunds,
            claimed: Money(1000),
            communicated_on: d(2026, 1, 1),
            response_due: d(2026, 1, 15),
            presenter_id: 1,
            presenter: "Anna".into(),
            decision: None,
            repayments: Vec::new(),
        }
    }

    #[test]
    fn recovery_decision_rules() {
        let r = recovery();
        let on = d(2026, 1, 20);
        assert_eq!(
            check_recovery_decision(&r, RecoveryDecisionKind::Claim, None, "", on),
            Ok(Money(0))
        );
        assert_eq!(
            check_recovery_decision(&r, RecoveryDecisionKind::WaiveAll, None, " ", on),
            Err(RecoveryError::MotivationRequired)
        );
        assert_eq!(
            check_recovery_decision(&r, RecoveryDecisionKind::WaiveAll, None, "Skäl", on),
            Ok(Money(1000))
        );
        assert_eq!(
            check_recovery_decision(
                &r,
                RecoveryDecisionKind::WaivePart,
                Some(Money(1000)),
                "Skäl",
                on
            ),
            Err(RecoveryError::WaiverOutOfRange)
        );
        assert_eq!(
            check_recovery_decision(&r, RecoveryDecisionKind::Claim, None, "", d(2026, 1, 10)),
            Err(RecoveryError::BeforeResponseDue(d(2026, 1, 15)))
        );
    }

    #[test]
    fn recovery_status_to_settled() {
        let mut r = recovery();
        assert_eq!(r.status(), RecoveryStatus::Communicated);
        assert_eq!(
            check_repayment(&r, Money(1), d(2026, 2, 1), d(2026, 2, 1)),
            Err(RecoveryError::NotDecided)
        );
        r.decision = Some(RecoveryDecision {
            kind: RecoveryDecisionKind::WaivePart,
            waived: Money(200),
            motivation: "Särskilda skäl".into(),
            decider: "Cecilia".into(),
            decided_on: d(2026, 1, 20),
            pay_by: Some(d(2026, 2, 20)),
        });
        assert_eq!(r.status(), RecoveryStatus::Claimed);
        assert_eq!(r.remaining(), Money(800));
        r.repayments.push(Repayment {
            paid_on: d(2026, 2, 1),
            amount: Money(300),
        });
        assert_eq!(r.status(), RecoveryStatus::PartlyRepaid);
        assert_eq!(
            check_repayment(&r, Money(600), d(2026, 2, 2), d(2026, 2, 2)),
            Err(RecoveryError::RepaymentAboveRemaining(Money(500)))
        );
        r.repayments.push(Repayment {
            paid_on: d(2026, 2, 2),
            amount: Money(500),
        });
        assert_eq!(r.status(), RecoveryStatus::Settled);
        assert_eq!(
            check_repayment(&r, Money(1), d(2026, 2, 3), d(2026, 2, 3)),
            Err(RecoveryError::Settled)
        );
    }

    #[test]
    fn codes_round_trip() {
        for k in ReportKind::ALL {
            assert_eq!(ReportKind::from_code(k.code()), Some(k));
        }
        for k in ReviewOutcome::ALL {
            assert_eq!(ReviewOutcome::from_code(k.code()), Some(k));
            assert_eq!(ReviewOutcome::parse(k.code()), Some(k));
        }
        for g in Ground::ALL {
            assert_eq!(Ground::from_code(g.code()), Some(g));
        }
        assert_eq!(Ground::parse("3"), Some(Ground::ReportMissing));
        assert_eq!(Ground::parse("6"), None);
        for k in RecoveryDecisionKind::ALL {
            assert_eq!(RecoveryDecisionKind::from_code(k.code()), Some(k));
            assert_eq!(RecoveryDecisionKind::parse(k.code()), Some(k));
        }
    }
}

/// A grant's follow-up as the case view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Followup {
    pub instalments: Vec<Instalment>,
    pub reports: Vec<Report>,
    pub recoveries: Vec<Recovery>,
}

impl Followup {
    pub fn paid(&self) -> Money {
        paid(&self.instalments)
    }

    /// The latest reviewed slutrapport's used amount, else any received report's.
    pub fn reported_used(&self) -> Option<Money> {
        self.reports
            .iter()
            .rev()
            .find(|r| r.kind == ReportKind::Final && r.received_on.is_some())
            .or_else(|| self.reports.iter().rev().find(|r| r.received_on.is_some()))
            .map(Report::used)
    }
}
