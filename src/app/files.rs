//! Import from the interface (the dry run first, then exactly that written) and the statistics.

use super::effect::Effect;
use super::modal::{Field, Form, FormKind, Modal, Preview, PreviewAction};
use super::{App, StatsData};
use crate::i18n::{self, T, tr};
use crate::io::import::{Plan, rule_text};

impl App {
    pub(super) fn open_import_form(&mut self) -> Vec<Effect> {
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

    pub(super) fn import_effect(&self, form: &Form) -> Result<Vec<Effect>, (usize, String)> {
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
    pub(super) fn import_planned(
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

    pub(super) fn submit_preview(&mut self, preview: Preview) -> Vec<Effect> {
        match preview.action {
            PreviewAction::Import { plan, source } => vec![Effect::ApplyImport { plan, source }],
            PreviewAction::Batch { items } => vec![Effect::ApplyBatch { items }],
            PreviewAction::None => {
                self.modal = Some(Modal::Preview(preview));
                Vec::new()
            }
        }
    }

    /// The granted report's totals and the counts per state, step and call.
    pub(super) fn show_stats(&mut self, data: &StatsData) {
        let lang = self.lang;
        let mut lines = vec![T::StatsByState.text(lang).to_string()];
        for (s, n) in &data.by_state {
            lines.push(format!("  {:<28} {n:>8}", i18n::state(*s).text(lang)));
        }
        lines.push(String::new());
        lines.push(T::StatsByStep.text(lang).to_string());
        for (s, n) in &data.by_step {
            lines.push(format!(
                "  {} {:<36} {n:>8}",
                s.number(),
                i18n::step(*s).text(lang)
            ));
        }
        lines.push(String::new());
        lines.push(T::StatsByCall.text(lang).to_string());
        for c in &data.calls {
            lines.push(format!("  {:<44} {:>6}", c.name, c.case_count));
            if c.budget.ore() > 0 || c.committed.ore() > 0 {
                lines.push(format!("      {}", self.budget_line(&c.budget_status())));
            }
        }
        if !data.unassigned.is_empty() {
            lines.push(String::new());
            lines.push(T::MyUnassigned.text(lang).to_string());
            for (year, step, amount) in &data.unassigned {
                let step = i18n::step(*step).text(lang);
                let row = tr(
                    lang,
                    T::MyUnassignedRow,
                    &[&year.to_string(), step, &amount.to_string()],
                );
                lines.push(format!("  {row}"));
            }
        }
        lines.push(String::new());
        let report = crate::io::report::text(&data.granted, lang, T::RptTitle.text(lang));
        // The per-grant rows are in the CLI report; here the totals.
        let totals_from = report
            .find(&format!("\n{}\n", T::RptByCounty.text(lang)))
            .unwrap_or(0);
        lines.push(T::RptTitle.text(lang).to_string());
        lines.extend(report[totals_from..].lines().map(str::to_string));
        self.modal = Some(Modal::Preview(Preview {
            title: T::TitleStats.text(lang).to_string(),
            lines,
            scroll: 0,
            action: PreviewAction::None,
        }));
    }
}
