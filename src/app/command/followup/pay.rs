//! Paying an instalment (`U`): the rules that do not depend on the form are checked before it
//! opens.

use super::{FollowupForm, first_or_selected};
use crate::app::App;
use crate::app::effect::{Effect, FollowupWrite};
use crate::app::form::{Field, FieldError, FieldId, Form};
use crate::domain::CaseDetail;
use crate::domain::followup::{self as fu, PaymentError};
use crate::i18n::{T, tr};

impl App {
    /// `U`: mark the selected (or the first unpaid) instalment paid, unless a rule stops it.
    pub(crate) fn open_mark_paid(&mut self) -> Vec<Effect> {
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
            Field::line(FieldId::PaidOn, T::FuFldPaidOn, &self.today.to_string()),
            Field::line(FieldId::Amount, T::FuFldAmount, &amount.format_number()),
        ];
        self.followup_form(
            FollowupForm::MarkPaid { instalment_id: id },
            title,
            fields,
            Vec::new(),
        );
        Vec::new()
    }

    pub(super) fn paid_write(
        &self,
        form: &Form,
        d: &CaseDetail,
        instalment_id: i64,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let f = &d.followup;
        let Some(inst) = f.instalments.iter().find(|i| i.id == instalment_id) else {
            return Ok(None);
        };
        let paid_on = self.date(form, FieldId::PaidOn)?;
        let amount = self.amount(form, FieldId::Amount)?;
        let dispatched = d.decision().is_some_and(|x| x.sent_on.is_some());
        if let Err(e) = fu::check_payment(inst, dispatched, &f.reports, amount, paid_on, self.today)
        {
            let field = if matches!(e, PaymentError::FutureDate) {
                FieldId::PaidOn
            } else {
                FieldId::Amount
            };
            let label = form.field(field).map(|x| x.label_text(self.lang));
            let text = self.payment_error_text(&e, inst, label.as_deref());
            return Err(self.form_error(Some(field), text));
        }
        Ok(Some(FollowupWrite::Paid {
            instalment_id,
            paid_on,
            amount,
        }))
    }
}
