//! What the status line says after an act: what was done, or which rule refused it.

use crate::app::App;
use crate::app::Effect;
use crate::app::effect::Done;
use crate::domain::workflow::Refusal;
use crate::domain::{Money, Step};
use crate::i18n::{self, T, tr};

use crate::domain::decision::NotEligible;
use crate::domain::decision::{DecisionError, LetterPart};
use crate::domain::followup::{LinesError, PaymentError, PlanError, RecoveryError};
use crate::domain::multiyear::YearsError;
use crate::domain::refused::Refused;

impl App {
    /// The status line after a write.
    pub(crate) fn done_text(&self, done: &Done) -> String {
        let lang = self.lang;
        match done {
            Done::Answer { item_no, answer } => tr(
                lang,
                T::DoneAnswer,
                &[&item_no.to_string(), i18n::answer(Some(*answer)).text(lang)],
            ),
            Done::Transition(s) => tr(lang, T::DoneTransition, &[i18n::state(*s).text(lang)]),
            Done::Note => T::DoneNote.text(lang).to_string(),
            Done::Document(sub) => {
                let dnr = self
                    .case_view
                    .as_ref()
                    .map(|v| v.detail.dnr.with_sub(*sub))
                    .unwrap_or_else(|| sub.to_string());
                tr(lang, T::DoneDocument, &[&dnr])
            }
            Done::Supplement(due) => tr(lang, T::DoneSupplement, &[&due.to_string()]),
            Done::SupplementReply => T::DoneSupplementReply.text(lang).to_string(),
            Done::Assigned(name) => tr(lang, T::DoneAssigned, &[name]),
            Done::Registered { .. } => String::new(),
            Done::Proposed(o) => tr(lang, T::DoneProposed, &[i18n::outcome(*o).text(lang)]),
            Done::Decided(o) => tr(lang, T::DoneDecided, &[i18n::outcome(*o).text(lang)]),
            Done::Dispatched(path) => tr(lang, T::DoneDispatched, &[path]),
            Done::Jav {
                declared,
                organisation,
            } => {
                let key = if *declared {
                    T::DoneJavDeclared
                } else {
                    T::DoneJavWithdrawn
                };
                tr(lang, key, &[organisation])
            }
            Done::Round(n) => tr(lang, T::DoneRound, &[&n.to_string()]),
            Done::Corrected => T::DoneCorrected.text(lang).to_string(),
            Done::ReformAreas => T::DoneReformAreas.text(lang).to_string(),
            Done::Followup(f) => self.followup_done_text(f),
        }
    }

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
            other => admin_words(lang, other),
        }
    }

    pub(crate) fn decision_error_text(
        &self,
        e: &DecisionError,
        step: Step,
        requested: Money,
    ) -> String {
        let lang = self.lang;
        match e {
            DecisionError::OutcomeNotForStep => {
                tr(lang, T::DecNotForStep, &[&step.number().to_string()])
            }
            DecisionError::MotivationRequired => T::DecMotivation.text(lang).into(),
            DecisionError::AmountRequired => T::DecAmountRequired.text(lang).into(),
            DecisionError::AmountNotPositive => T::DecAmountPositive.text(lang).into(),
            DecisionError::AmountNotBelowRequested => {
                tr(lang, T::DecAmountBelow, &[&requested.to_string()])
            }
            DecisionError::AmountNotRequested => {
                tr(lang, T::DecAmountRequested, &[&requested.to_string()])
            }
            DecisionError::AmountAboveRequested => {
                tr(lang, T::DecAmountAbove, &[&requested.to_string()])
            }
            DecisionError::AmountWithoutGrant => T::DecAmountWithoutGrant.text(lang).into(),
            DecisionError::PeriodRequired => T::DecPeriodRequired.text(lang).into(),
            DecisionError::PeriodOrder => T::DecPeriodOrder.text(lang).into(),
            DecisionError::ReportDueRequired => T::DecReportRequired.text(lang).into(),
            DecisionError::ReportDueBeforePeriodEnd => T::DecReportBeforeEnd.text(lang).into(),
            DecisionError::NotDecisionMaker => {
                let roles = self
                    .user
                    .roles
                    .iter()
                    .map(|r| i18n::role(*r).text(lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                tr(lang, T::DecNotDecisionMaker, &[&roles])
            }
            DecisionError::SamePerson => T::DecSamePerson.text(lang).into(),
            DecisionError::Jav => {
                let org = self
                    .view()
                    .map(|v| v.detail.organisation.name.clone())
                    .unwrap_or_default();
                tr(lang, T::DecJav, &[&org])
            }
        }
    }

    /// Why a "Belopp per år" text or split is refused, naming the field (label `field`).
    pub(crate) fn years_error_text(&self, field: &str, e: &YearsError) -> String {
        let lang = self.lang;
        match e {
            YearsError::Unparsable(n) => tr(lang, T::MyValUnparsable, &[field, &n.to_string()]),
            YearsError::BadYear(n) => tr(lang, T::MyValYear, &[field, &n.to_string()]),
            YearsError::BadAmount(n) => tr(lang, T::MyValAmount, &[field, &n.to_string()]),
            YearsError::Duplicate(y) => tr(lang, T::MyValDuplicate, &[field, &y.to_string()]),
            YearsError::BeforeDecisionYear {
                year,
                decision_year,
            } => tr(
                lang,
                T::MyValBeforeDecision,
                &[field, &year.to_string(), &decision_year.to_string()],
            ),
            YearsError::FirstYear {
                year,
                decision_year,
                period_year,
            } => tr(
                lang,
                T::MyValFirstYear,
                &[
                    field,
                    &year.to_string(),
                    &decision_year.to_string(),
                    &period_year.map_or_else(|| T::Dash.text(lang).to_string(), |y| y.to_string()),
                ],
            ),
            YearsError::Sum { sum, total } => tr(
                lang,
                T::MyValSum,
                &[field, &sum.to_string(), &total.to_string()],
            ),
        }
    }

    /// What a letter lacks, in words.
    pub(crate) fn letter_missing_text(&self, missing: &[LetterPart]) -> String {
        let parts: Vec<&str> = missing
            .iter()
            .map(|p| {
                match p {
                    LetterPart::Motivation => T::PartMotivation,
                    LetterPart::Decider => T::PartDecider,
                    LetterPart::Presenter => T::PartPresenter,
                    LetterPart::AppealText => T::PartAppeal,
                    LetterPart::ReportDue => T::PartReportDue,
                    LetterPart::Amount => T::PartAmount,
                }
                .text(self.lang)
            })
            .collect();
        tr(self.lang, T::LetterMissing, &[&parts.join(", ")])
    }

    /// A refusal in words, naming checklist items by their numbers.
    pub(crate) fn refusal_text(
        &self,
        refusal: &Refusal,
        checklist: Option<&crate::domain::ChecklistTemplate>,
    ) -> String {
        let lang = self.lang;
        match refusal {
            Refusal::NotFrom { from, transition } => tr(
                lang,
                T::RefNotFrom,
                &[
                    i18n::transition(*transition).text(lang),
                    i18n::state(*from).text(lang),
                ],
            ),
            Refusal::UnansweredMandatory(keys) => {
                let numbers: Vec<String> = keys
                    .iter()
                    .filter_map(|k| {
                        checklist?
                            .items
                            .iter()
                            .position(|i| &i.key == k)
                            .map(|p| (p + 1).to_string())
                    })
                    .collect();
                tr(
                    lang,
                    T::RefUnanswered,
                    &[&keys.len().to_string(), &numbers.join(", ")],
                )
            }
            Refusal::NoChecklist => T::RefNoChecklist.text(lang).to_string(),
            Refusal::NotForStep { step, transition } => tr(
                lang,
                T::RefNotForStep,
                &[
                    i18n::transition(*transition).text(lang),
                    &step.number().to_string(),
                ],
            ),
            Refusal::NoGrant => T::RefNoGrant.text(lang).to_string(),
        }
    }
}

impl App {
    /// A write went through: say what was done, and reload what it changed.
    pub(crate) fn written(&mut self, case_id: i64, done: Done) -> Vec<Effect> {
        self.pending_form = None;
        if let Done::Registered { .. } = done {
            // The new case opens with its diarienummer in the status line.
            self.case_view = None;
            self.pending_registered = true;
        } else {
            let text = self.done_text(&done);
            self.set_status(text);
            // Assessing (answers, notes, documents) keeps the case open; an act that
            // moves it on lets the triage loop open the next one if it left the list.
            if matches!(
                done,
                Done::Transition(_)
                    | Done::Supplement(_)
                    | Done::Assigned(_)
                    | Done::Proposed(_)
                    | Done::Decided(_)
                    | Done::Dispatched(_)
            ) {
                self.follow_after_write(case_id);
            }
        }
        vec![Effect::LoadCase(case_id), Effect::LoadHome]
    }
}

/// The words of a refusal that needs no open case: the administratör's acts, roles and
/// delegation. The command line says them too.
pub fn admin_words(lang: crate::i18n::Lang, r: &Refused) -> String {
    use crate::domain::admin::{
        CallError, CallField, DelegationError, SettingError, UserError, UserField,
    };
    let call_field = |f: CallField| match f {
        CallField::Name => T::CallFldName,
        CallField::RegulationVersion => T::CallFldRegulation,
        CallField::Conditions | CallField::AppealText | CallField::AppealParagraph => {
            T::CallFldTexts
        }
    };
    match r {
        Refused::MissingRole(roles) => {
            let names: Vec<&str> = roles.iter().map(|r| i18n::role(*r).text(lang)).collect();
            let or = format!(" {} ", T::Or.text(lang));
            let key = if names.len() > 1 {
                T::RefMissingRoles
            } else {
                T::RefMissingRole
            };
            tr(lang, key, &[&names.join(&or)])
        }
        Refused::Deactivated => T::RefDeactivated.text(lang).into(),
        Refused::Delegation(DelegationError::Outcome(o)) => tr(
            lang,
            T::RefDelegationOutcome,
            &[&i18n::outcome(*o).text(lang).to_lowercase()],
        ),
        Refused::Delegation(DelegationError::Amount { amount, max }) => tr(
            lang,
            T::RefDelegationAmount,
            &[&max.to_string(), &amount.to_string()],
        ),
        Refused::Call(e) => match e {
            CallError::NameRequired => T::RefCallName.text(lang).into(),
            CallError::NameTaken => T::RefCallNameTaken.text(lang).into(),
            CallError::ControlCharacters(f) => {
                tr(lang, T::RefControl, &[call_field(*f).text(lang)])
            }
            CallError::ClosesBeforeOpens => T::RefCallCloses.text(lang).into(),
            CallError::NegativeBudget => T::RefCallBudget.text(lang).into(),
            CallError::NegativeCommitment => T::RefCallCommitment.text(lang).into(),
            CallError::SittingOutside(s) => tr(
                lang,
                T::RefCallSitting,
                &[&s.cutoff_on.to_string(), &s.held_on.to_string()],
            ),
            CallError::SittingTwice(d) => tr(lang, T::RefCallSittingTwice, &[&d.to_string()]),
            CallError::Decided => T::RefCallDecided.text(lang).into(),
        },
        Refused::UnknownKommun(name) => tr(lang, T::RefUnknownKommun, &[name]),
        Refused::User(e) => match e {
            UserError::Login => T::RefUserLogin.text(lang).into(),
            UserError::NameRequired => T::RefUserName.text(lang).into(),
            UserError::ControlCharacters(UserField::Name) => {
                tr(lang, T::RefControl, &[T::CallFldName.text(lang)])
            }
            UserError::ControlCharacters(UserField::Title) => {
                tr(lang, T::RefControl, &[T::AdmFldTitle.text(lang)])
            }
            UserError::NoRole => T::RefUserNoRole.text(lang).into(),
            UserError::DelegationWithoutRole => T::RefUserDelegation.text(lang).into(),
        },
        Refused::DuplicateLogin(login) => tr(lang, T::RefDuplicateLogin, &[login]),
        Refused::LastAdministrator => T::RefLastAdmin.text(lang).into(),
        Refused::Setting(s, e) => {
            let rule = match e {
                SettingError::Required => T::RefSettingRequired,
                SettingError::ControlCharacters => T::RefSettingControl,
                SettingError::DnrPrefix => T::RefSettingPrefix,
                SettingError::OrgNr => T::RefSettingOrgNr,
            };
            format!("{}: {}", i18n::setting(*s).text(lang), rule.text(lang))
        }
        Refused::CallClosed(name) => tr(lang, T::RefCallClosed, &[name]),
        Refused::CallNotOpen {
            name,
            opens_on,
            closes_on,
        } => tr(
            lang,
            T::RefCallNotOpen,
            &[
                name,
                &opens_on.to_string(),
                &closes_on.map(|d| d.to_string()).unwrap_or_default(),
            ],
        ),
        // Those with a case's context are worded by the app; here without it.
        other => format!("{other:?}"),
    }
}
