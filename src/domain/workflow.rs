//! The case workflow: one state machine for every step. Every state change in bidrag goes
//! through [`apply`], which either gives the new state or says why not.

use super::case::{CaseState, Step};
use chrono::NaiveDate;

/// Something a user (or a later decision) does to a case's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// inkommen → under handläggning
    StartHandling,
    /// under handläggning → komplettering begärd
    RequestSupplement,
    /// komplettering begärd → under handläggning (the reply is registered)
    SupplementReceived,
    /// under handläggning → förslag till beslut (the checklist must be complete)
    Propose,
    /// förslag till beslut → under handläggning (the proposal is taken back)
    Reopen,
    /// förslag till beslut → beslutad
    Decide,
    /// beslutad → expedierad
    Dispatch,
    /// expedierad → pågående (a grant in step 2 or 3)
    StartWork,
    /// pågående → rapport väntas
    AwaitReport,
    /// expedierad → avslutad (no grant to follow), rapport väntas → avslutad
    Close,
    /// any state before beslutad → återkallad (the applicant withdrew)
    Withdraw,
    /// any state before beslutad → avskriven
    WriteOff,
}

impl Transition {
    pub const ALL: [Transition; 12] = [
        Transition::StartHandling,
        Transition::RequestSupplement,
        Transition::SupplementReceived,
        Transition::Propose,
        Transition::Reopen,
        Transition::Decide,
        Transition::Dispatch,
        Transition::StartWork,
        Transition::AwaitReport,
        Transition::Close,
        Transition::Withdraw,
        Transition::WriteOff,
    ];

    /// Transitions that must carry a reason in the event log.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Transition::Reopen | Transition::Withdraw | Transition::WriteOff
        )
    }
}

/// What the rules need to know about a case beyond its state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub step: Option<Step>,
    /// Keys of mandatory checklist items without an answer.
    pub unanswered_mandatory: Vec<String>,
    /// Does the case have a checklist at all?
    pub has_checklist: bool,
    /// Was money granted (steps 2 and 3)?
    pub granted: bool,
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{transition:?} is not possible from {from:?}")]
    NotFrom {
        from: CaseState,
        transition: Transition,
    },
    #[error("the checklist has {} unanswered mandatory items", .0.len())]
    UnansweredMandatory(Vec<String>),
    #[error("the case has no checklist")]
    NoChecklist,
    #[error("{transition:?} does not apply to step {step:?}")]
    NotForStep { step: Step, transition: Transition },
    #[error("nothing was granted")]
    NoGrant,
}

/// States from which the applicant can still withdraw, or the case be written off.
fn before_decision(s: CaseState) -> bool {
    matches!(
        s,
        CaseState::Received
            | CaseState::InProgress
            | CaseState::SupplementRequested
            | CaseState::ProposedDecision
    )
}

/// Applies `t` to a case in state `from`: the new state, or the reason it is refused.
pub fn apply(from: CaseState, t: Transition, facts: &Facts) -> Result<CaseState, Refusal> {
    use CaseState as S;
    use Transition as T;
    let grant_step = matches!(facts.step, Some(Step::Mapping | Step::Measures));
    match (from, t) {
        (S::Received, T::StartHandling) => Ok(S::InProgress),
        (S::InProgress, T::RequestSupplement) => Ok(S::SupplementRequested),
        (S::SupplementRequested, T::SupplementReceived) => Ok(S::InProgress),
        (S::InProgress, T::Propose) => {
            if !facts.has_checklist {
                Err(Refusal::NoChecklist)
            } else if !facts.unanswered_mandatory.is_empty() {
                Err(Refusal::UnansweredMandatory(
                    facts.unanswered_mandatory.clone(),
                ))
            } else {
                Ok(S::ProposedDecision)
            }
        }
        (S::ProposedDecision, T::Reopen) => Ok(S::InProgress),
        (S::ProposedDecision, T::Decide) => Ok(S::Decided),
        (S::Decided, T::Dispatch) => Ok(S::Dispatched),
        (S::Dispatched, T::StartWork) => match facts.step {
            Some(step) if !grant_step => Err(Refusal::NotForStep {
                step,
                transition: t,
            }),
            _ if !facts.granted => Err(Refusal::NoGrant),
            _ => Ok(S::Ongoing),
        },
        (S::Ongoing, T::AwaitReport) => Ok(S::ReportDue),
        (S::Dispatched, T::Close) if grant_step && facts.granted => Err(Refusal::NotFrom {
            from,
            transition: t,
        }),
        (S::Dispatched | S::ReportDue, T::Close) => Ok(S::Closed),
        (s, T::Withdraw) if before_decision(s) => Ok(S::Withdrawn),
        (s, T::WriteOff) if before_decision(s) => Ok(S::WrittenOff),
        _ => Err(Refusal::NotFrom {
            from,
            transition: t,
        }),
    }
}

/// The transitions whose starting state matches: what the case view offers. Guards (checklist,
/// grant) may still refuse, with the reason.
pub fn offered(from: CaseState, facts: &Facts) -> Vec<Transition> {
    Transition::ALL
        .into_iter()
        .filter(|t| match apply(from, *t, facts) {
            Ok(_) => true,
            Err(Refusal::NotFrom { .. } | Refusal::NotForStep { .. }) => false,
            Err(_) => true,
        })
        .collect()
}

/// What `t` does to a case in `from` by the rules: (start handling first, new state), or why
/// not. An inkommen case is first taken into handling where that is what makes `t` possible (the
/// triage loop: from inkommen, everything handling allows is one act away).
pub fn plan(from: CaseState, t: Transition, facts: &Facts) -> Result<(bool, CaseState), Refusal> {
    let first = apply(from, t, facts);
    match (&first, from) {
        (Err(Refusal::NotFrom { .. }), CaseState::Received) if t != Transition::StartHandling => {
            apply(CaseState::InProgress, t, facts).map(|s| (true, s))
        }
        _ => first.map(|s| (false, s)),
    }
}

/// A period in which a komplettering was out: requested, and answered (None while open).
pub type Pause = (NaiveDate, Option<NaiveDate>);

/// The agency's own handling time in days: from inkommen to `end`, less the days a
/// komplettering was out (the applicant had the ball). `pauses` are (requested, answered) dates;
/// an open pause runs to `end`.
pub fn handling_days(received: NaiveDate, end: NaiveDate, pauses: &[Pause]) -> i64 {
    let total = (end - received).num_days().max(0);
    let paused: i64 = pauses
        .iter()
        .map(|&(from, to)| {
            let from = from.max(received);
            let to = to.unwrap_or(end).min(end);
            (to - from).num_days().max(0)
        })
        .sum();
    (total - paused).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseState as S;
    use Transition as T;

    fn facts(step: Step) -> Facts {
        Facts {
            step: Some(step),
            unanswered_mandatory: vec![],
            has_checklist: true,
            granted: true,
        }
    }

    /// The whole allowed table; every other (state, transition) pair must be refused.
    const ALLOWED: &[(CaseState, Transition, CaseState)] = &[
        (S::Received, T::StartHandling, S::InProgress),
        (S::InProgress, T::RequestSupplement, S::SupplementRequested),
        (S::SupplementRequested, T::SupplementReceived, S::InProgress),
        (S::InProgress, T::Propose, S::ProposedDecision),
        (S::ProposedDecision, T::Reopen, S::InProgress),
        (S::ProposedDecision, T::Decide, S::Decided),
        (S::Decided, T::Dispatch, S::Dispatched),
        (S::Dispatched, T::StartWork, S::Ongoing),
        (S::Ongoing, T::AwaitReport, S::ReportDue),
        (S::ReportDue, T::Close, S::Closed),
        (S::Received, T::Withdraw, S::Withdrawn),
        (S::InProgress, T::Withdraw, S::Withdrawn),
        (S::SupplementRequested, T::Withdraw, S::Withdrawn),
        (S::ProposedDecision, T::Withdraw, S::Withdrawn),
        (S::Received, T::WriteOff, S::WrittenOff),
        (S::InProgress, T::WriteOff, S::WrittenOff),
        (S::SupplementRequested, T::WriteOff, S::WrittenOff),
        (S::ProposedDecision, T::WriteOff, S::WrittenOff),
    ];

    #[test]
    fn full_table_for_a_grant_step() {
        let f = facts(Step::Mapping);
        for from in CaseState::ALL {
            for t in Transition::ALL {
                let want = ALLOWED
                    .iter()
                    .find(|(s, tr, _)| *s == from && *tr == t)
                    .map(|x| x.2);
                match (apply(from, t, &f), want) {
                    (Ok(got), Some(want)) => assert_eq!(got, want, "{from:?} {t:?}"),
                    (Err(_), None) => {}
                    (got, want) => panic!("{from:?} {t:?}: got {got:?}, want {want:?}"),
                }
            }
        }
    }

    #[test]
    fn interest_and_report_steps_close_after_dispatch() {
        for step in [Step::Interest, Step::FinalReport] {
            let f = Facts {
                granted: false,
                ..facts(step)
            };
            assert_eq!(apply(S::Dispatched, T::Close, &f), Ok(S::Closed));
            assert_eq!(
                apply(S::Dispatched, T::StartWork, &f),
                Err(Refusal::NotForStep {
                    step,
                    transition: T::StartWork
                })
            );
        }
    }

    #[test]
    fn a_grant_goes_to_work_not_straight_to_closed() {
        let f = facts(Step::Measures);
        assert!(apply(S::Dispatched, T::Close, &f).is_err());
        let rejected = Facts {
            granted: false,
            ..f
        };
        assert_eq!(apply(S::Dispatched, T::Close, &rejected), Ok(S::Closed));
        assert_eq!(
            apply(S::Dispatched, T::StartWork, &rejected),
            Err(Refusal::NoGrant)
        );
    }

    #[test]
    fn proposal_needs_every_mandatory_item() {
        let f = Facts {
            unanswered_mandatory: vec!["syfte".into(), "andamal".into()],
            ..facts(Step::Interest)
        };
        assert_eq!(
            apply(S::InProgress, T::Propose, &f),
            Err(Refusal::UnansweredMandatory(vec![
                "syfte".into(),
                "andamal".into()
            ]))
        );
        let none = Facts {
            has_checklist: false,
            ..facts(Step::Interest)
        };
        assert_eq!(
            apply(S::InProgress, T::Propose, &none),
            Err(Refusal::NoChecklist)
        );
    }

    #[test]
    fn offered_lists_guarded_but_not_impossible_transitions() {
        let f = Facts {
            unanswered_mandatory: vec!["x".into()],
            ..facts(Step::Interest)
        };
        let in_progress = offered(S::InProgress, &f);
        assert_eq!(
            in_progress,
            vec![T::RequestSupplement, T::Propose, T::Withdraw, T::WriteOff]
        );
        assert!(offered(S::Closed, &f).is_empty());
        assert!(offered(S::Withdrawn, &f).is_empty());
    }

    #[test]
    fn handling_time_pauses_while_the_applicant_has_the_ball() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
        let cases: &[(&[Pause], i64)] = &[
            (&[], 30),
            (&[(d(10, 5), Some(d(10, 15)))], 20),
            (&[(d(10, 5), Some(d(10, 15))), (d(10, 20), None)], 9),
            // A pause before receipt counts only from receipt.
            (&[(d(9, 1), Some(d(10, 2)))], 29),
        ];
        for (pauses, want) in cases {
            assert_eq!(
                handling_days(d(10, 1), d(10, 31), pauses),
                *want,
                "{pauses:?}"
            );
        }
    }
}

/// The komplettering periods of a case, read from its state changes in the event log.
pub fn supplement_pauses(events: &[super::model::Event]) -> Vec<Pause> {
    let code = CaseState::SupplementRequested.code();
    let mut pauses: Vec<Pause> = Vec::new();
    for e in events
        .iter()
        .filter(|e| e.is(super::event::EventKind::StateChanged))
    {
        let day = e.at.date_naive();
        if e.after.as_deref() == Some(code) {
            pauses.push((day, None));
        } else if e.before.as_deref() == Some(code)
            && let Some(open) = pauses.last_mut().filter(|p| p.1.is_none())
        {
            open.1 = Some(day);
        }
    }
    pauses
}

#[cfg(test)]
mod pause_tests {
    use super::*;
    use crate::domain::model::Event;
    use chrono::{TimeZone, Utc};

    fn change(day: u32, before: &str, after: &str) -> Event {
        Event {
            at: Utc
                .with_ymd_and_hms(2026, 10, day, 9, 0, 0)
                .single()
                .expect("time"),
            user: "anna".into(),
            kind: Ok(crate::domain::EventKind::StateChanged),
            before: Some(before.into()),
            after: Some(after.into()),
        }
    }

    #[test]
    fn pauses_follow_the_supplement_state() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 10, day).expect("date");
        let events = vec![
            change(2, "inkommen", "under_handlaggning"),
            change(5, "under_handlaggning", "komplettering_begard"),
            change(15, "komplettering_begard", "under_handlaggning"),
            change(20, "under_handlaggning", "komplettering_begard"),
        ];
        assert_eq!(
            supplement_pauses(&events),
            vec![(d(5), Some(d(15))), (d(20), None)]
        );
    }
}
