//! Import from the interface (`i`): the dry run first, then exactly that written.

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::{Field, Form, FormKind, Modal, Preview, PreviewAction};
use crate::i18n::{T, tr};
use crate::io::import::{Plan, rule_text};

impl App {
    pub(crate) fn open_import_form(&mut self) -> Vec<Effect> {
        let cases = T::ImportKindCases.text(self.lang);
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Import,
            title: T::TitleImport.text(self.lang).to_string(),
            fields: vec![
                Field::line(T::FldImportFile, ""),
                Field::line(T::FldImportKind, cases),
                Field::line(T::FldImportCall, ""),
            ],
            focus: 0,
            error: None,
            info: Vec::new(),
            confirmed: false,
        }));
        Vec::new()
    }

    pub(crate) fn import_effect(&self, form: &Form) -> Result<Vec<Effect>, (usize, String)> {
        let path = self.required(form, 0)?;
        let organisations = match form.value(1).trim().to_lowercase().as_str() {
            "ärenden" | "arenden" | "cases" | "ansökningar" | "applications" => false,
            "organisationer" | "organisations" => true,
            _ => return Err(self.field_error(form, 1, T::ValImportKind, &[])),
        };
        let call = Some(form.value(2).trim().to_string()).filter(|c| !c.is_empty());
        Ok(vec![Effect::PlanImport {
            path,
            organisations,
            call,
        }])
    }

    /// Shows the dry run; only a plan without errors can be confirmed.
    pub(crate) fn import_planned(
        &mut self,
        plan: Plan,
        source: String,
        encoding: &str,
        delimiter: Option<char>,
    ) {
        let lang = self.lang;
        let format = match delimiter {
            Some(d) => format!("{encoding}, {d:?}"),
            None => format!("{encoding}, JSON"),
        };
        let mut lines = vec![tr(
            lang,
            T::ImpRead,
            &[&source, &format, &plan.rows.to_string()],
        )];
        if !plan.ignored_columns.is_empty() {
            lines.push(tr(lang, T::ImpIgnored, &[&plan.ignored_columns.join(", ")]));
        }
        lines.push(String::new());
        let action = if plan.ok() {
            lines.push(tr(
                lang,
                T::ImpWould,
                &[
                    &plan.cases.len().to_string(),
                    &plan.new_orgs.len().to_string(),
                    &plan.existing.to_string(),
                ],
            ));
            for c in &plan.cases {
                lines.push(format!(
                    "  {} · {} · {} · {}",
                    c.received_on,
                    c.organisation_name,
                    c.title.replace('\n', " / "),
                    c.requested
                ));
            }
            lines.push(String::new());
            lines.push(T::ImpConfirm.text(lang).to_string());
            PreviewAction::Import {
                plan: Box::new(plan),
                source: source.clone(),
            }
        } else {
            for e in &plan.errors {
                lines.push(tr(
                    lang,
                    T::ImpError,
                    &[
                        &e.line.to_string(),
                        e.column.name(),
                        &rule_text(lang, &e.rule),
                    ],
                ));
            }
            lines.push(String::new());
            lines.push(tr(lang, T::ImpRefused, &[&plan.errors.len().to_string()]));
            PreviewAction::None
        };
        self.modal = Some(Modal::Preview(Preview {
            title: tr(lang, T::TitleImportPreview, &[&source]),
            lines,
            scroll: 0,
            action,
        }));
    }

    pub(crate) fn submit_preview(&mut self, preview: Preview) -> Vec<Effect> {
        match preview.action {
            PreviewAction::Import { plan, source } => vec![Effect::ApplyImport { plan, source }],
            PreviewAction::Batch { items } => vec![Effect::ApplyBatch { items }],
            PreviewAction::None => {
                self.modal = Some(Modal::Preview(preview));
                Vec::new()
            }
        }
    }
}
