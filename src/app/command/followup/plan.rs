//! The payment plan (`P`).

use super::*;
use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::Field;
use crate::domain::decision::is_grant;
use crate::domain::followup::ReportKind;
use crate::i18n::{T, tr};

impl App {
    /// `P`: a payment plan of N instalments, one of them waiting for a lägesrapport.
    pub(crate) fn open_payment_plan(&mut self) -> Vec<Effect> {
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
}
