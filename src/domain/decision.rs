//! Decisions: what a förslag till beslut must hold, who may decide (four eyes, jäv), the call's
//! budget, and what a decision letter cannot go out without.

use super::case::Step;
use super::model::{Outcome, Role};
use super::money::Money;
use chrono::NaiveDate;

/// The outcomes a decision in `step` may have.
pub fn outcomes_for(step: Step) -> &'static [Outcome] {
    match step {
        Step::Interest => &[
            Outcome::Positive,
            Outcome::Negative,
            Outcome::Dismissed,
            Outcome::WrittenOff,
        ],
        Step::Mapping | Step::Measures => &[
            Outcome::Granted,
            Outcome::PartlyGranted,
            Outcome::Rejected,
            Outcome::Dismissed,
            Outcome::WrittenOff,
        ],
        Step::FinalReport => &[Outcome::Approved],
    }
}

/// Does the outcome give money?
pub fn is_grant(o: Outcome) -> bool {
    matches!(o, Outcome::Granted | Outcome::PartlyGranted)
}

/// A förslag till beslut as the föredragande writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub outcome: Outcome,
    pub amount: Option<Money>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub report_due: Option<NaiveDate>,
    pub motivation: String,
    pub rules: String,
    /// The amount per calendar year of a multi-year grant; empty: all in one year.
    pub years: Vec<super::multiyear::YearAmount>,
}

/// A rule a proposal or decision breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionError {
    OutcomeNotForStep,
    /// Everything but full bifall must say why (FL 32 §).
    MotivationRequired,
    AmountRequired,
    AmountNotPositive,
    /// A partial grant gives less than was asked for; a full one exactly that.
    AmountNotBelowRequested,
    AmountNotRequested,
    /// A changed grant may not give more than was asked for.
    AmountAboveRequested,
    AmountWithoutGrant,
    PeriodRequired,
    PeriodOrder,
    ReportDueRequired,
    ReportDueBeforePeriodEnd,
    /// The decider is not a beslutsfattare.
    NotDecisionMaker,
    /// The decider presented the proposal: four eyes.
    SamePerson,
    /// The decider has declared jäv for the organisation.
    Jav,
}

/// Checks a proposal for a case in `step` that asked for `requested`. All problems, in form order.
pub fn validate_proposal(step: Step, requested: Money, p: &Proposal) -> Vec<DecisionError> {
    use DecisionError as E;
    let mut errors = Vec::new();
    if !outcomes_for(step).contains(&p.outcome) {
        errors.push(E::OutcomeNotForStep);
    }
    if is_grant(p.outcome) {
        match p.amount {
            None => errors.push(E::AmountRequired),
            Some(a) if a.ore() <= 0 => errors.push(E::AmountNotPositive),
            Some(a) if p.outcome == Outcome::PartlyGranted && a >= requested => {
                errors.push(E::AmountNotBelowRequested)
            }
            Some(a) if p.outcome == Outcome::Granted && a != requested => {
                errors.push(E::AmountNotRequested)
            }
            Some(_) => {}
        }
        match p.period {
            None => errors.push(E::PeriodRequired),
            Some((from, to)) if to < from => errors.push(E::PeriodOrder),
            Some(_) => {}
        }
        match (p.report_due, p.period) {
            (None, _) => errors.push(E::ReportDueRequired),
            (Some(due), Some((_, to))) if due < to => errors.push(E::ReportDueBeforePeriodEnd),
            _ => {}
        }
    } else if p.amount.is_some_and(|a| a.ore() != 0) {
        errors.push(E::AmountWithoutGrant);
    }
    if p.outcome != Outcome::Granted && p.motivation.trim().is_empty() {
        errors.push(E::MotivationRequired);
    }
    errors
}

/// Checks the amount of a changed grant as a proposal's is checked: above zero, below what was
/// asked for in a partial grant, and never more than that.
pub fn validate_changed_amount(
    outcome: Outcome,
    requested: Money,
    amount: Money,
) -> Result<(), DecisionError> {
    if amount.ore() <= 0 {
        Err(DecisionError::AmountNotPositive)
    } else if outcome == Outcome::PartlyGranted && amount >= requested {
        Err(DecisionError::AmountNotBelowRequested)
    } else if amount > requested {
        Err(DecisionError::AmountAboveRequested)
    } else {
        Ok(())
    }
}

/// May `decider` decide a proposal presented by `presenter`? `jav`: the decider has declared
/// jäv for the organisation.
pub fn check_decider(
    decider_id: i64,
    decider_roles: &[Role],
    presenter_id: Option<i64>,
    jav: bool,
) -> Result<(), DecisionError> {
    if !decider_roles.contains(&Role::DecisionMaker) {
        return Err(DecisionError::NotDecisionMaker);
    }
    if presenter_id == Some(decider_id) {
        return Err(DecisionError::SamePerson);
    }
    if jav {
        return Err(DecisionError::Jav);
    }
    Ok(())
}

/// A call's money: its budget, what is decided and what is proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Budget {
    pub budget: Money,
    /// The call's own grants; of a multi-year grant only its first year.
    pub granted: Money,
    pub proposed: Money,
    /// Paid of what is granted: the instalments marked paid, but of a multi-year grant only
    /// those falling due in its first year (issue 19: a later year's payment is paid of that
    /// year's commitment).
    pub paid: Money,
    /// Committed from earlier years: the later years of multi-year grants of earlier calls that
    /// fall in this call's year (issue 6).
    pub committed: Money,
    /// Paid of `committed`: the instalments of those grants falling due in this call's year.
    pub paid_committed: Money,
    /// The later years of this call's own multi-year grants, committed against later calls.
    pub later: Money,
    /// Paid of `later`: the instalments falling due in those later years.
    pub paid_later: Money,
    /// The year the call opens: the year its own grants are charged to.
    pub year: i32,
}

impl Budget {
    /// What is left after the decided grants and the commitments (proposals not counted).
    pub fn remaining(&self) -> Money {
        Money(
            self.budget
                .ore()
                .saturating_sub(self.granted.ore())
                .saturating_sub(self.committed.ore()),
        )
    }

    /// What is left if every open proposal were granted too.
    pub fn remaining_after_proposals(&self) -> Money {
        Money(self.remaining().ore().saturating_sub(self.proposed.ore()))
    }

    /// Would granting `amount` take the call over its budget?
    pub fn exceeded_by(&self, amount: Money) -> Option<Money> {
        let after = self.remaining().ore().saturating_sub(amount.ore());
        (after < 0).then_some(Money(-after))
    }
}

/// A part a decision letter must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterPart {
    Motivation,
    Decider,
    Presenter,
    AppealText,
    ReportDue,
    Amount,
}

/// The decision of `d` that `decision_id` names, if it may go out now: the case's latest
/// decision, not yet sent, with every part its letter needs.
pub fn sendable(
    d: &super::model::CaseDetail,
    decision_id: i64,
) -> Result<&super::model::Decision, super::refused::Refused> {
    use super::refused::Refused;
    let dec = d
        .decision()
        .filter(|_| d.state.is_decided())
        .ok_or(Refused::NotDecided(d.state))?;
    if dec.id != decision_id {
        return Err(Refused::NotLatestProposal);
    }
    if dec.sent_on.is_some() {
        return Err(Refused::AlreadySent);
    }
    let missing = missing_parts_of(dec);
    if !missing.is_empty() {
        return Err(Refused::LetterMissing(missing));
    }
    Ok(dec)
}

/// What `d` lacks before its letter may go out (FL 31–33 §§).
pub fn missing_parts_of(d: &super::model::Decision) -> Vec<LetterPart> {
    missing_letter_parts(
        d.outcome,
        &d.motivation,
        d.decider.as_deref(),
        d.presenter.as_deref(),
        &d.appeal_text,
        d.report_due_on,
        d.amount,
    )
}

/// What a decision lacks before its letter may go out (FL 31–33 §§).
pub fn missing_letter_parts(
    outcome: Outcome,
    motivation: &str,
    decider: Option<&str>,
    presenter: Option<&str>,
    appeal_text: &str,
    report_due: Option<NaiveDate>,
    amount: Option<Money>,
) -> Vec<LetterPart> {
    let mut missing = Vec::new();
    if outcome != Outcome::Granted && motivation.trim().is_empty() {
        missing.push(LetterPart::Motivation);
    }
    if decider.is_none_or(|d| d.trim().is_empty()) {
        missing.push(LetterPart::Decider);
    }
    if presenter.is_none_or(|p| p.trim().is_empty()) {
        missing.push(LetterPart::Presenter);
    }
    if appeal_text.trim().is_empty() {
        missing.push(LetterPart::AppealText);
    }
    if is_grant(outcome) {
        if report_due.is_none() {
            missing.push(LetterPart::ReportDue);
        }
        if amount.is_none_or(|a| a.ore() <= 0) {
            missing.push(LetterPart::Amount);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn grant(amount: i64) -> Proposal {
        Proposal {
            outcome: Outcome::Granted,
            amount: Some(Money(amount)),
            period: Some((d(2026, 12, 1), d(2027, 6, 30))),
            report_due: Some(d(2027, 8, 31)),
            motivation: String::new(),
            rules: "SFS 2018:118 §§ 2–5".into(),
            years: Vec::new(),
        }
    }

    #[test]
    fn proposal_rules_table() {
        use DecisionError as E;
        let requested = Money(50_000_000);
        let cases: Vec<(Step, Proposal, Vec<E>)> = vec![
            (Step::Mapping, grant(50_000_000), vec![]),
            (
                Step::Mapping,
                grant(40_000_000),
                vec![E::AmountNotRequested],
            ),
            (
                Step::Mapping,
                Proposal {
                    outcome: Outcome::PartlyGranted,
                    ..grant(50_000_000)
                },
                vec![E::AmountNotBelowRequested, E::MotivationRequired],
            ),
            (
                Step::Mapping,
                Proposal {
                    outcome: Outcome::PartlyGranted,
                    motivation: "Budgeten är för hög.".into(),
                    ..grant(30_000_000)
                },
                vec![],
            ),
            (
                Step::Mapping,
                Proposal {
                    amount: None,
                    period: None,
                    report_due: None,
                    ..grant(0)
                },
                vec![E::AmountRequired, E::PeriodRequired, E::ReportDueRequired],
            ),
            (
                Step::Mapping,
                Proposal {
                    period: Some((d(2027, 6, 30), d(2026, 12, 1))),
                    ..grant(50_000_000)
                },
                vec![E::PeriodOrder],
            ),
            (
                Step::Mapping,
                Proposal {
                    report_due: Some(d(2027, 1, 1)),
                    ..grant(50_000_000)
                },
                vec![E::ReportDueBeforePeriodEnd],
            ),
            (
                Step::Interest,
                Proposal {
                    outcome: Outcome::Positive,
                    amount: None,
                    period: None,
                    report_due: None,
                    motivation: "I linje med syftet.".into(),
                    rules: String::new(),
                    years: Vec::new(),
                },
                vec![],
            ),
            (
                Step::Interest,
                Proposal {
                    outcome: Outcome::Negative,
                    amount: Some(Money(100)),
                    period: None,
                    report_due: None,
                    motivation: String::new(),
                    rules: String::new(),
                    years: Vec::new(),
                },
                vec![E::AmountWithoutGrant, E::MotivationRequired],
            ),
            (
                Step::Interest,
                grant(50_000_000),
                vec![E::OutcomeNotForStep],
            ),
        ];
        for (step, p, want) in cases {
            assert_eq!(validate_proposal(step, requested, &p), want, "{p:?}");
        }
    }

    #[test]
    fn a_changed_amount_stays_within_what_was_asked() {
        use DecisionError as E;
        let req = Money(1_000);
        assert_eq!(
            validate_changed_amount(Outcome::Granted, req, Money(900)),
            Ok(())
        );
        assert_eq!(
            validate_changed_amount(Outcome::Granted, req, Money(1_000)),
            Ok(())
        );
        assert_eq!(
            validate_changed_amount(Outcome::Granted, req, Money(1_001)),
            Err(E::AmountAboveRequested)
        );
        assert_eq!(
            validate_changed_amount(Outcome::PartlyGranted, req, Money(1_000)),
            Err(E::AmountNotBelowRequested)
        );
        assert_eq!(
            validate_changed_amount(Outcome::Granted, req, Money(0)),
            Err(E::AmountNotPositive)
        );
    }

    #[test]
    fn four_eyes_and_jav() {
        let dm = [Role::DecisionMaker];
        assert_eq!(check_decider(1, &dm, Some(2), false), Ok(()));
        assert_eq!(
            check_decider(2, &dm, Some(2), false),
            Err(DecisionError::SamePerson)
        );
        assert_eq!(
            check_decider(1, &dm, Some(2), true),
            Err(DecisionError::Jav)
        );
        assert_eq!(
            check_decider(1, &[Role::Caseworker], Some(2), false),
            Err(DecisionError::NotDecisionMaker)
        );
    }

    #[test]
    fn budget_arithmetic() {
        let b = Budget {
            budget: Money(1_000),
            granted: Money(700),
            proposed: Money(200),
            paid: Money(0),
            committed: Money(0),
            ..Budget::default()
        };
        assert_eq!(b.remaining(), Money(300));
        assert_eq!(b.remaining_after_proposals(), Money(100));
        assert_eq!(b.exceeded_by(Money(300)), None);
        assert_eq!(b.exceeded_by(Money(450)), Some(Money(150)));
        let committed = Budget {
            committed: Money(250),
            ..b
        };
        assert_eq!(committed.remaining(), Money(50));
        assert_eq!(committed.exceeded_by(Money(100)), Some(Money(50)));
    }

    #[test]
    fn letter_parts() {
        use LetterPart as L;
        let all = missing_letter_parts(Outcome::PartlyGranted, " ", None, Some(""), "", None, None);
        assert_eq!(
            all,
            vec![
                L::Motivation,
                L::Decider,
                L::Presenter,
                L::AppealText,
                L::ReportDue,
                L::Amount
            ]
        );
        let none = missing_letter_parts(
            Outcome::Granted,
            "",
            Some("Cecilia Holm"),
            Some("Anna Lindqvist"),
            "Beslutet kan inte överklagas.",
            Some(d(2027, 8, 31)),
            Some(Money(1)),
        );
        assert!(none.is_empty());
    }
}

/// Where an organisation stands in the chain of steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// A positive besked on an intresseanmälan.
    pub positive_besked: bool,
    /// A step-2 grant whose report is approved (or whose case is closed after its report).
    pub completed_mapping: bool,
}

/// Why an organisation may not apply in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEligible {
    NoPositiveBesked,
    NoCompletedMapping,
}

/// May an organisation with `standing` apply in `step`? Step 2 needs a positive besked, step 3 a
/// completed step-2 grant with an approved report.
pub fn eligible(step: Step, standing: Standing) -> Result<(), NotEligible> {
    match step {
        Step::Mapping if !standing.positive_besked => Err(NotEligible::NoPositiveBesked),
        Step::Measures if !standing.completed_mapping => Err(NotEligible::NoCompletedMapping),
        _ => Ok(()),
    }
}

/// The highest step an organisation may apply in now.
pub fn highest_step(standing: Standing) -> Step {
    if standing.completed_mapping {
        Step::Measures
    } else if standing.positive_besked {
        Step::Mapping
    } else {
        Step::Interest
    }
}

#[cfg(test)]
mod chain_tests {
    use super::*;

    #[test]
    fn chain_of_steps() {
        let none = Standing::default();
        let besked = Standing {
            positive_besked: true,
            completed_mapping: false,
        };
        let both = Standing {
            positive_besked: true,
            completed_mapping: true,
        };
        assert_eq!(eligible(Step::Interest, none), Ok(()));
        assert_eq!(
            eligible(Step::Mapping, none),
            Err(NotEligible::NoPositiveBesked)
        );
        assert_eq!(eligible(Step::Mapping, besked), Ok(()));
        assert_eq!(
            eligible(Step::Measures, besked),
            Err(NotEligible::NoCompletedMapping)
        );
        assert_eq!(eligible(Step::Measures, both), Ok(()));
        assert_eq!(highest_step(none), Step::Interest);
        assert_eq!(highest_step(besked), Step::Mapping);
        assert_eq!(highest_step(both), Step::Measures);
    }
}
