//! A refusal from the service in words: which rule, and why. The service checks every rule at
//! the write; the forms check most of them first, so these are what a stale screen or another
//! user's change meets.

use super::App;
use crate::domain::decision::NotEligible;
use crate::domain::followup::{LinesError, PaymentError, PlanError, RecoveryError};
use crate::domain::refused::Refused;
use crate::domain::{Money, Step};
use crate::i18n::{self, T, tr};

impl App {
    pub fn refused_text(&self, r: &Refused) -> String {
        let lang = self.lang;
        let view = self.view().map(|v| &v.detail);
        let (step, requested) =
            view.map_or((Step::Interest, Money::ZERO), |d| (d.step, d.requested));
        let field = |label: T, key: T, args: &[&str]| {
            let mut all = vec![label.text(lang)];
            all.extend_from_slice(args);
            tr(lang, key, &all)
        };
        let today = self.today.to_string();
        match r {
            Refused::Workflow(w) => self.refusal_text(w, view.and_then(|d| d.checklist.as_ref())),
            Refused::Decision(e) => self.decision_error_text(e, step, requested),
            Refused::Years(e) => self.years_error_text(T::MyFldYears.text(lang), e),
            Refused::Recovery(e) => match e {
                RecoveryError::AmountNotPositive => field(T::FuFldAmount, T::FuValPositive, &[]),
                RecoveryError::AmountAbovePaid(m) | RecoveryError::RepaymentAboveRemaining(m) => {
                    field(T::FuFldAmount, T::FuValAtMost, &[&m.to_string()])
                }
                RecoveryError::ResponseDueNotAfter => {
                    field(T::FuFldResponseDue, T::FuValResponse, &[])
                }
                RecoveryError::MotivationRequired => {
                    field(T::FuFldMotivation, T::FuValMotivation, &[])
                }
                RecoveryError::WaiverOutOfRange => field(T::FuFldWaived, T::FuValWaiver, &[""]),
                RecoveryError::BeforeResponseDue(d) => {
                    field(T::FuFldDecidedOn, T::FuValBeforeResponse, &[&d.to_string()])
                }
                RecoveryError::AlreadyDecided => T::FuNoRecoveryToDecide.text(lang).into(),
                RecoveryError::NotDecided | RecoveryError::Settled => {
                    T::FuNoRecoveryToRepay.text(lang).into()
                }
                RecoveryError::FutureDate => field(T::FldDate, T::ValNotFuture, &[&today]),
            },
            Refused::Plan(e) => match e {
                PlanError::NotGranted => T::FuNotGranted.text(lang).into(),
                PlanError::AlreadyPaid => T::FuPlanPaid.text(lang).into(),
                PlanError::Count => field(
                    T::FuFldInstalments,
                    T::FuValRange,
                    &[&crate::domain::followup::MAX_INSTALMENTS.to_string()],
                ),
                PlanError::ReportInstalment => field(T::FuFldGated, T::FuValGate, &[""]),
                PlanError::ReportAfterInstalment => {
                    field(T::FuFldProgressDue, T::FuValGateDate, &["", ""])
                }
                PlanError::Sum(m) => tr(lang, T::RefPlanSum, &[&m.to_string()]),
            },
            Refused::Payment(e) => match e {
                PaymentError::AlreadyPaid => T::FuNothingToPay.text(lang).into(),
                PaymentError::NotDispatched => T::FuNotDispatched.text(lang).into(),
                PaymentError::ReportNotApproved => tr(lang, T::FuGated, &["–"]),
                PaymentError::AmountNotPositive => field(T::FuFldAmount, T::FuValPositive, &[]),
                PaymentError::AmountAbovePlan(m) => {
                    field(T::FuFldAmount, T::FuValAtMost, &[&m.to_string()])
                }
                PaymentError::FutureDate => field(T::FldDate, T::ValNotFuture, &[&today]),
            },
            Refused::Lines(e) => match e {
                LinesError::Empty => field(T::FuFldLines, T::FuValLinesEmpty, &[]),
                LinesError::Malformed(n) => {
                    field(T::FuFldLines, T::FuValLinesMalformed, &[&n.to_string()])
                }
                LinesError::BadAmount(n) => {
                    field(T::FuFldLines, T::FuValLinesAmount, &[&n.to_string()])
                }
            },
            Refused::NotEligible(l) => {
                let what = match l {
                    NotEligible::NoPositiveBesked => T::LackBesked,
                    NotEligible::NoCompletedMapping => T::LackMapping,
                };
                tr(lang, T::RefNotEligible, &[what.text(lang)])
            }
            Refused::AnswerLocked(s) => tr(lang, T::RefAnswerLocked, &[i18n::state(*s).text(lang)]),
            Refused::UnknownItem(k) => tr(lang, T::RefUnknownItem, &[k]),
            Refused::UnknownChecklist(id) => tr(lang, T::UnknownChecklist, &[id]),
            Refused::NoChecklistFor(s) => {
                tr(lang, T::RefNoChecklistFor, &[&s.number().to_string()])
            }
            Refused::ReasonRequired => field(T::FldReason, T::ValEmpty, &[]),
            Refused::TextRequired => T::RefTextRequired.text(lang).into(),
            Refused::OwnAct(t) => tr(lang, T::RefOwnAct, &[i18n::transition(*t).text(lang)]),
            Refused::NotDecided(s) => tr(lang, T::NotDecided, &[i18n::state(*s).text(lang)]),
            Refused::NoProposal => T::NoProposal.text(lang).into(),
            Refused::NotLatestProposal => T::RefNotLatest.text(lang).into(),
            Refused::AlreadySent => T::AlreadySent.text(lang).into(),
            Refused::NotSentYet => T::NotSentYet.text(lang).into(),
            Refused::LetterMissing(parts) => self.letter_missing_text(parts),
            Refused::OverBudget(m) => tr(lang, T::OverBudget, &[&m.to_string()]),
            Refused::FutureDate(d) => field(T::FldDate, T::ValNotFuture, &[&d.to_string()]),
            Refused::NotAfterToday(d) => field(T::FldDue, T::ValMustBeFuture, &[&d.to_string()]),
            Refused::NotCaseworker(name) => tr(lang, T::RefNotCaseworker, &[name]),
            Refused::Jav(name) => tr(lang, T::JavNoAssign, &[name]),
            Refused::UnknownUser(id) => tr(lang, T::RefUnknownUser, &[&id.to_string()]),
            Refused::FileMissing(p) => field(T::FldFile, T::ValFileMissing, &[p]),
            Refused::ReviewAnswers(n) => field(T::FuFldAnswers, T::FuValAnswers, &[&n.to_string()]),
            Refused::ReviewUnmet(n) => field(T::FuFldOutcome, T::FuValUnmet, &[&n.to_string()]),
            Refused::ReviewComment => field(T::FuFldComment, T::FuValComment, &[]),
            Refused::ContactArchived(docs) => tr(lang, T::ContactArchived, &[&docs.join(", ")]),
        }
    }
}
