//! Registering a new case (`n`): organisation, call, then the registration form.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::form::{Field, FieldId, Form, FormKind, Info};
use crate::app::modal::{Modal, Picker, PickerKind};
use crate::i18n::{self, T, tr};

impl App {
    pub(crate) fn start_new_case(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let items = self
            .orgs
            .items
            .iter()
            .map(|o| {
                let nr = o.org_nr.map(|n| format!(" {n}")).unwrap_or_default();
                let kind = i18n::org_kind(o.kind).text(lang);
                (o.id, format!("{} · {kind}{nr}", o.name))
            })
            .collect();
        let title = T::TitlePickOrg.text(lang).to_string();
        self.modal = Some(Modal::Picker(Picker::new(
            PickerKind::Organisation,
            title,
            items,
        )));
        Vec::new()
    }

    pub(crate) fn picked(&mut self, kind: PickerKind, id: i64, label: String) -> Vec<Effect> {
        match kind {
            PickerKind::Organisation => {
                let items = self
                    .calls
                    .items
                    .iter()
                    .map(|c| {
                        let step = tr(self.lang, T::StepShort, &[&c.step.number().to_string()]);
                        (c.id, format!("{} · {step}", c.name))
                    })
                    .collect();
                let title = T::TitlePickCall.text(self.lang).to_string();
                self.modal = Some(Modal::Picker(Picker::new(
                    PickerKind::Call { org_id: id },
                    title,
                    items,
                )));
                Vec::new()
            }
            PickerKind::Call { org_id } => vec![Effect::CheckEligibility {
                org_id,
                call_id: id,
                label,
            }],
            PickerKind::Outcome => self.open_proposal_form(id),
            PickerKind::Assignee => self.write(CaseWrite::Assign { user_id: id }),
            PickerKind::BatchAssignee => {
                self.batch(crate::app::BatchChange::Assign { user_id: id })
            }
            PickerKind::Command => self.palette_chosen(id),
            // Taken by the dialog itself.
            PickerKind::Transition { .. } | PickerKind::Choice(_) => Vec::new(),
        }
    }

    /// The registration form, once the call is chosen; an organisation not yet eligible for the
    /// call's step needs a reason for the exception, which is recorded.
    pub(crate) fn open_new_case_form(
        &mut self,
        org_id: i64,
        call_id: i64,
        label: &str,
        lacking: Option<crate::domain::decision::NotEligible>,
    ) {
        let org = self.organisation_name(org_id);
        let title = tr(self.lang, T::TitleNewCase, &[&org, label]);
        let mut fields = vec![
            Field::line(FieldId::Received, T::FldReceived, &self.today.to_string()),
            Field::line(FieldId::Title, T::FldTitle, ""),
            Field::line(FieldId::Requested, T::FldAmount, "0"),
        ];
        let mut info = Vec::new();
        if let Some(lack) = lacking {
            info.push(Info::NotEligible {
                organisation: org.clone(),
                lack,
            });
            fields.push(Field::lines(FieldId::Exception, T::FldException, ""));
        }
        // A call closed before today: a case received after closing needs a reason.
        let closes = self
            .calls
            .items
            .iter()
            .find(|c| c.id == call_id)
            .and_then(|c| c.closes_on)
            .filter(|closes| *closes < self.today);
        if let Some(closes) = closes {
            info.push(Info::CallClosed { closes_on: closes });
            fields.push(Field::lines(FieldId::LateReason, T::FldLateReason, ""));
        }
        let kind = FormKind::NewCase {
            org_id,
            call_id,
            exception: lacking.is_some(),
        };
        self.modal = Some(Modal::Form(
            Form::new(kind, title, fields)
                .with_info(info)
                .focused(FieldId::Title),
        ));
    }
}
