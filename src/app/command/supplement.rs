//! Komplettering: a request with a due date (`K`) and the reply (`I`).

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::form::{Field, FieldId, Form, FormKind};
use crate::app::modal::Modal;
use crate::domain::records;
use crate::domain::workflow::Transition;
use crate::i18n::T;
use chrono::Duration;

/// Days a komplettering is given by default.
pub const SUPPLEMENT_DAYS: i64 = 14;

impl App {
    pub(crate) fn open_supplement_form(&mut self) -> Vec<Effect> {
        if self.check(Transition::RequestSupplement).is_none() {
            return Vec::new();
        }
        let due = self.today + Duration::days(SUPPLEMENT_DAYS);
        self.modal = Some(Modal::Form(Form::new(
            FormKind::RequestSupplement,
            T::TitleSupplement.text(self.lang).to_string(),
            vec![
                Field::lines(FieldId::SupplementText, T::FldSupplementText, ""),
                Field::line(FieldId::Due, T::FldDue, &due.to_string()),
            ],
        )));
        Vec::new()
    }

    pub(crate) fn open_reply_form(&mut self) -> Vec<Effect> {
        if self.check(Transition::SupplementReceived).is_none() {
            return Vec::new();
        }
        self.modal = Some(Modal::Form(Form::new(
            FormKind::SupplementReply,
            T::TitleSupplementReply.text(self.lang).to_string(),
            vec![
                Field::line(FieldId::Date, T::FldDate, &self.today.to_string()),
                Field::line(
                    FieldId::Description,
                    T::FldDescription,
                    records::SUPPLEMENT_REPLY,
                ),
            ],
        )));
        Vec::new()
    }
}
