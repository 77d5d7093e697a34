//! Import from the interface (`i`): the dry run first, then exactly that written.

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::form::{Choice, ChoiceValue, Field, FieldId, Form, FormKind, Label, Stop};
use crate::app::modal::{Modal, Preview, PreviewAction, PreviewContent};
use crate::i18n::{T, tr};
use crate::io::import::Plan;
use std::sync::Arc;

impl App {
    pub(crate) fn open_import_form(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let kinds = vec![
            Choice::new(
                ChoiceValue::ImportOrganisations(false),
                T::ImportKindApplications.text(lang),
            ),
            Choice::new(
                ChoiceValue::ImportOrganisations(true),
                T::ImportKindOrganisations.text(lang),
            ),
        ];
        let mut calls = vec![Choice::new(
            ChoiceValue::Call(None),
            T::ImportCallFromFile.text(lang),
        )];
        calls.extend(self.calls.items.iter().map(|c| Choice {
            value: ChoiceValue::Call(Some(c.id)),
            label: format!(
                "{} · {}",
                c.name,
                tr(lang, T::StepShort, &[&c.step.number().to_string()])
            ),
        }));
        let fields = vec![
            Field::line(FieldId::ImportFile, T::FldImportFile, ""),
            Field::choice(
                FieldId::ImportKind,
                Label::Key(T::FldImportKind),
                kinds,
                Some(0),
            ),
            Field::choice(
                FieldId::ImportCall,
                Label::Key(T::FldImportCall),
                calls,
                Some(0),
            ),
        ];
        let title = T::TitleImport.text(lang).to_string();
        self.modal = Some(Modal::Form(Form::new(FormKind::Import, title, fields)));
        Vec::new()
    }

    pub(crate) fn import_effect(&self, form: &Form) -> Result<Vec<Effect>, Stop> {
        let path = self.required(form, FieldId::ImportFile)?;
        let organisations = matches!(
            self.chosen(form, FieldId::ImportKind)?,
            ChoiceValue::ImportOrganisations(true)
        );
        let call = match form.choice(FieldId::ImportCall) {
            Some(ChoiceValue::Call(Some(id))) => Some(id.to_string()),
            _ => None,
        };
        Ok(vec![Effect::PlanImport {
            path,
            organisations,
            call,
        }])
    }

    /// Shows the dry run; only a plan without errors can be confirmed. The preview and its
    /// confirmation share the one plan: nothing of a large file is held twice, and all of it is
    /// let go when the preview closes.
    pub(crate) fn import_planned(
        &mut self,
        plan: Arc<Plan>,
        source: String,
        encoding: &'static str,
        delimiter: Option<char>,
    ) {
        let action = if plan.ok() {
            PreviewAction::Import {
                plan: Arc::clone(&plan),
                source: source.clone(),
            }
        } else {
            PreviewAction::None
        };
        let title = tr(self.lang, T::TitleImportPreview, &[&source]);
        let content = PreviewContent::Import {
            plan,
            source,
            encoding,
            delimiter,
        };
        self.modal = Some(Modal::Preview(Preview::new(title, content, action)));
    }
}
