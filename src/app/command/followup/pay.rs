//! Paying an instalment (`U`).

use super::*;
use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::Field;
use crate::domain::followup::{self as fu};
use crate::i18n::{T, tr};

impl App {
    /// `p`: mark the selected (or the first unpaid) instalment paid, unless a rule stops it.
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
}
