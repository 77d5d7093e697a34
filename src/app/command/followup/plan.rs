//! The payment plan (`P`): N instalments, one of them perhaps waiting for a lägesrapport.

use super::FollowupForm;
use crate::app::App;
use crate::app::effect::{Effect, FollowupWrite};
use crate::app::form::{Field, FieldError, FieldId, Form};
use crate::domain::CaseDetail;
use crate::domain::decision::is_grant;
use crate::domain::followup::{self as fu, PlanError, ReportKind};
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
        let gated = gated.map(|i| i.no.to_string()).unwrap_or_default();
        let fields = vec![
            Field::line(FieldId::Instalments, T::FuFldInstalments, &n.to_string()),
            Field::line(FieldId::FirstDue, T::FuFldFirstDue, &first.to_string()),
            Field::line(FieldId::Months, T::FuFldMonths, "6"),
            Field::line(FieldId::Gated, T::FuFldGated, &gated),
            Field::line(FieldId::ProgressDue, T::FuFldProgressDue, &progress_due),
        ];
        let title = tr(self.lang, T::FuTitlePlan, &[&granted.to_string()]);
        self.followup_form(FollowupForm::PaymentPlan, title, fields, Vec::new());
        Vec::new()
    }

    pub(super) fn plan_write(
        &self,
        form: &Form,
        d: &CaseDetail,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let n = self.number(form, FieldId::Instalments, fu::MAX_INSTALMENTS)?;
        let first = self.date(form, FieldId::FirstDue)?;
        let months = self.number(form, FieldId::Months, 24)?;
        let gated = if form.text(FieldId::Gated).trim().is_empty() {
            None
        } else {
            let no = self.number(form, FieldId::Gated, fu::MAX_INSTALMENTS)?;
            Some((no, self.date(form, FieldId::ProgressDue)?))
        };
        let granted = d.granted.unwrap_or_default();
        let plan = fu::plan(granted, n, first, months);
        if let Err(e) = fu::check_plan(d.granted, d.followup.paid().ore() > 0, &plan, gated) {
            return Err(match e {
                PlanError::NotGranted => {
                    self.form_error(None, T::FuNotGranted.text(self.lang).into())
                }
                PlanError::AlreadyPaid => {
                    self.form_error(None, T::FuPlanPaid.text(self.lang).into())
                }
                PlanError::Count => self.field_error(
                    form,
                    FieldId::Instalments,
                    T::FuValRange,
                    &[&fu::MAX_INSTALMENTS.to_string()],
                ),
                PlanError::Sum(m) => {
                    let text = tr(self.lang, T::RefPlanSum, &[&m.to_string()]);
                    self.form_error(Some(FieldId::Instalments), text)
                }
                PlanError::ReportInstalment => {
                    self.field_error(form, FieldId::Gated, T::FuValGate, &[&n.to_string()])
                }
                PlanError::ReportAfterInstalment => {
                    let (no, _) = gated.unwrap_or((1, first));
                    let pay_on = plan
                        .get(no as usize - 1)
                        .map(|p| p.0.to_string())
                        .unwrap_or_default();
                    self.field_error(
                        form,
                        FieldId::ProgressDue,
                        T::FuValGateDate,
                        &[&no.to_string(), &pay_on],
                    )
                }
            });
        }
        Ok(Some(FollowupWrite::Plan { plan, gated }))
    }
}
