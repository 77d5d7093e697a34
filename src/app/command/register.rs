//! Registering a new case (`n`): organisation, call, then the registration form.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Field, Form, FormKind, Modal, Picker, PickerKind};
use crate::i18n::{self, T, tr};

impl App {
    // ----- registering a new case -----

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
        use crate::domain::decision::NotEligible;
        let org = self.organisation_name(org_id);
        let title = tr(self.lang, T::TitleNewCase, &[&org, label]);
        let mut fields = vec![
            Field::line(T::FldReceived, &self.today.to_string()),
            Field::line(T::FldTitle, ""),
            Field::line(T::FldAmount, "0"),
        ];
        let mut info = Vec::new();
        if let Some(l) = lacking {
            let what = match l {
                NotEligible::NoPositiveBesked => T::LackBesked,
                NotEligible::NoCompletedMapping => T::LackMapping,
            };
            info.push(tr(
                self.lang,
                T::NotEligibleLine,
                &[&org, what.text(self.lang)],
            ));
            fields.push(Field::lines(T::FldException, ""));
        }
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::NewCase {
                org_id,
                call_id,
                exception: lacking.is_some(),
            },
            title,
            fields,
            focus: 1,
            error: None,
            info,
            confirmed: false,
        }));
    }
}
