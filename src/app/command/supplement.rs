//! Komplettering: a request with a due date (`K`) and the reply (`I`).

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::{Field, Form, FormKind, Modal};
use crate::domain::records;
use crate::domain::workflow::Transition;
use crate::i18n::T;
use chrono::Duration;

/// Days a komplettering is given by default.
pub const SUPPLEMENT_DAYS: i64 = 14;

impl App {
    // ----- kompletteringar, documents, notes -----

    pub(crate) fn open_supplement_form(&mut self) -> Vec<Effect> {
        if self.check(Transition::RequestSupplement).is_none() {
            return Vec::new();
        }
        let due = self.today + Duration::days(SUPPLEMENT_DAYS);
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::RequestSupplement,
            title: T::TitleSupplement.text(self.lang).to_string(),
            fields: vec![
                Field::lines(T::FldSupplementText, ""),
                Field::line(T::FldDue, &due.to_string()),
            ],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    pub(crate) fn open_reply_form(&mut self) -> Vec<Effect> {
        if self.check(Transition::SupplementReceived).is_none() {
            return Vec::new();
        }
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::SupplementReply,
            title: T::TitleSupplementReply.text(self.lang).to_string(),
            fields: vec![
                Field::line(T::FldDate, &self.today.to_string()),
                Field::line(T::FldDescription, records::SUPPLEMENT_REPLY),
            ],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }
}
