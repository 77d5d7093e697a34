//! What an event records: one [`EventKind`] per kind of change. The event log stores the kind's
//! code, and the hash chain covers that text, so a code never changes once written.

/// The kinds of event bidrag writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    CaseRegistered,
    StateChanged,
    Assigned,
    GrantedAmountSet,
    SupplementDueSet,
    ReportDueSet,
    ChecklistChosen,
    ChecklistAnswered,
    DocumentRegistered,
    NoteAdded,
    DecisionProposed,
    DecisionMade,
    DecisionSent,
    DecisionRound,
    OverBudgetConfirmed,
    DecisionCorrected,
    JavDeclared,
    JavWithdrawn,
    ReformAreasSet,
    EligibilityOverridden,
    Imported,
    PaymentPlanSet,
    InstalmentPaid,
    ReportExpected,
    ReportReceived,
    ReportReviewed,
    RecoveryOpened,
    RecoveryDecided,
    RepaymentRegistered,
    UserCreated,
    ReferenceDataLoaded,
    ContactPseudonymised,
    ContactRemoved,
    OrgNrSet,
    UserChanged,
    UserDeactivated,
    UserActivated,
    SettingChanged,
    CallCreated,
    CallChanged,
    CallClosed,
    ClosedCallOverridden,
}

impl EventKind {
    /// Every kind (a test keeps this complete).
    pub const ALL: [EventKind; 42] = [
        EventKind::CaseRegistered,
        EventKind::StateChanged,
        EventKind::Assigned,
        EventKind::GrantedAmountSet,
        EventKind::SupplementDueSet,
        EventKind::ReportDueSet,
        EventKind::ChecklistChosen,
        EventKind::ChecklistAnswered,
        EventKind::DocumentRegistered,
        EventKind::NoteAdded,
        EventKind::DecisionProposed,
        EventKind::DecisionMade,
        EventKind::DecisionSent,
        EventKind::DecisionRound,
        EventKind::OverBudgetConfirmed,
        EventKind::DecisionCorrected,
        EventKind::JavDeclared,
        EventKind::JavWithdrawn,
        EventKind::ReformAreasSet,
        EventKind::EligibilityOverridden,
        EventKind::Imported,
        EventKind::PaymentPlanSet,
        EventKind::InstalmentPaid,
        EventKind::ReportExpected,
        EventKind::ReportReceived,
        EventKind::ReportReviewed,
        EventKind::RecoveryOpened,
        EventKind::RecoveryDecided,
        EventKind::RepaymentRegistered,
        EventKind::UserCreated,
        EventKind::ReferenceDataLoaded,
        EventKind::ContactPseudonymised,
        EventKind::ContactRemoved,
        EventKind::OrgNrSet,
        EventKind::UserChanged,
        EventKind::UserDeactivated,
        EventKind::UserActivated,
        EventKind::SettingChanged,
        EventKind::CallCreated,
        EventKind::CallChanged,
        EventKind::CallClosed,
        EventKind::ClosedCallOverridden,
    ];

    /// The text stored in `events.kind` (and hashed): never change one.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::CaseRegistered => "case_registered",
            EventKind::StateChanged => "state_changed",
            EventKind::Assigned => "assigned",
            EventKind::GrantedAmountSet => "granted_amount_set",
            EventKind::SupplementDueSet => "supplement_due_set",
            EventKind::ReportDueSet => "report_due_set",
            EventKind::ChecklistChosen => "checklist_chosen",
            EventKind::ChecklistAnswered => "checklist_answered",
            EventKind::DocumentRegistered => "document_registered",
            EventKind::NoteAdded => "note_added",
            EventKind::DecisionProposed => "decision_proposed",
            EventKind::DecisionMade => "decision_made",
            EventKind::DecisionSent => "decision_sent",
            EventKind::DecisionRound => "decision_round",
            EventKind::OverBudgetConfirmed => "over_budget_confirmed",
            EventKind::DecisionCorrected => "decision_corrected",
            EventKind::JavDeclared => "jav_declared",
            EventKind::JavWithdrawn => "jav_withdrawn",
            EventKind::ReformAreasSet => "reform_areas_set",
            EventKind::EligibilityOverridden => "eligibility_overridden",
            EventKind::Imported => "imported",
            EventKind::PaymentPlanSet => "payment_plan_set",
            EventKind::InstalmentPaid => "instalment_paid",
            EventKind::ReportExpected => "report_expected",
            EventKind::ReportReceived => "report_received",
            EventKind::ReportReviewed => "report_reviewed",
            EventKind::RecoveryOpened => "recovery_opened",
            EventKind::RecoveryDecided => "recovery_decided",
            EventKind::RepaymentRegistered => "repayment_registered",
            EventKind::UserCreated => "user_created",
            EventKind::ReferenceDataLoaded => "reference_data_loaded",
            EventKind::ContactPseudonymised => "contact_pseudonymised",
            EventKind::ContactRemoved => "contact_removed",
            EventKind::OrgNrSet => "org_nr_set",
            EventKind::UserChanged => "user_changed",
            EventKind::UserDeactivated => "user_deactivated",
            EventKind::UserActivated => "user_activated",
            EventKind::SettingChanged => "setting_changed",
            EventKind::CallCreated => "call_created",
            EventKind::CallChanged => "call_changed",
            EventKind::CallClosed => "call_closed",
            EventKind::ClosedCallOverridden => "closed_call_overridden",
        }
    }

    /// The kind stored as `code`; None for a code this version does not know (written by a
    /// newer one).
    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind as read from the log: known, or the unknown code as stored.
    pub fn read(code: &str) -> Result<EventKind, String> {
        EventKind::from_code(code).ok_or_else(|| code.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Adding a kind without listing it in ALL breaks this match's exhaustiveness or the count.
    fn position(k: EventKind) -> usize {
        match k {
            EventKind::CaseRegistered => 0,
            EventKind::StateChanged => 1,
            EventKind::Assigned => 2,
            EventKind::GrantedAmountSet => 3,
            EventKind::SupplementDueSet => 4,
            EventKind::ReportDueSet => 5,
            EventKind::ChecklistChosen => 6,
            EventKind::ChecklistAnswered => 7,
            EventKind::DocumentRegistered => 8,
            EventKind::NoteAdded => 9,
            EventKind::DecisionProposed => 10,
            EventKind::DecisionMade => 11,
            EventKind::DecisionSent => 12,
            EventKind::DecisionRound => 13,
            EventKind::OverBudgetConfirmed => 14,
            EventKind::DecisionCorrected => 15,
            EventKind::JavDeclared => 16,
            EventKind::JavWithdrawn => 17,
            EventKind::ReformAreasSet => 18,
            EventKind::EligibilityOverridden => 19,
            EventKind::Imported => 20,
            EventKind::PaymentPlanSet => 21,
            EventKind::InstalmentPaid => 22,
            EventKind::ReportExpected => 23,
            EventKind::ReportReceived => 24,
            EventKind::ReportReviewed => 25,
            EventKind::RecoveryOpened => 26,
            EventKind::RecoveryDecided => 27,
            EventKind::RepaymentRegistered => 28,
            EventKind::UserCreated => 29,
            EventKind::ReferenceDataLoaded => 30,
            EventKind::ContactPseudonymised => 31,
            EventKind::ContactRemoved => 32,
            EventKind::OrgNrSet => 33,
            EventKind::UserChanged => 34,
            EventKind::UserDeactivated => 35,
            EventKind::UserActivated => 36,
            EventKind::SettingChanged => 37,
            EventKind::CallCreated => 38,
            EventKind::CallChanged => 39,
            EventKind::CallClosed => 40,
            EventKind::ClosedCallOverridden => 41,
        }
    }

    #[test]
    fn all_lists_every_kind_once_and_codes_round_trip() {
        for (i, k) in EventKind::ALL.into_iter().enumerate() {
            assert_eq!(position(k), i, "{k:?} out of place in ALL");
            assert_eq!(EventKind::from_code(k.code()), Some(k));
        }
        let codes: HashSet<&str> = EventKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), EventKind::ALL.len(), "two kinds share a code");
    }

    #[test]
    fn stored_codes_never_change() {
        // The hash chain covers these exact texts; existing databases hold them.
        let codes: Vec<&str> = EventKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            codes.join(" "),
            "case_registered state_changed assigned granted_amount_set supplement_due_set \
             report_due_set checklist_chosen checklist_answered document_registered note_added \
             decision_proposed decision_made decision_sent decision_round over_budget_confirmed \
             decision_corrected jav_declared jav_withdrawn reform_areas_set \
             eligibility_overridden imported payment_plan_set instalment_paid report_expected \
             report_received report_reviewed recovery_opened recovery_decided \
             repayment_registered user_created reference_data_loaded contact_pseudonymised \
             contact_removed org_nr_set user_changed user_deactivated user_activated \
             setting_changed call_created call_changed call_closed closed_call_overridden"
        );
    }

    #[test]
    fn an_unknown_code_is_kept_as_read() {
        assert_eq!(EventKind::from_code("forged"), None);
        assert_eq!(
            EventKind::read("moved_to_archive"),
            Err("moved_to_archive".into())
        );
        assert_eq!(EventKind::read("assigned"), Ok(EventKind::Assigned));
    }
}
