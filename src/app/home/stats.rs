//! The statistics view (`S`).

use crate::app::modal::{Modal, Preview, PreviewAction};
use crate::app::{App, StatsData};
use crate::i18n::{self, T, tr};

impl App {
    /// The granted report's totals and the counts per state, step and call.
    pub(crate) fn show_stats(&mut self, data: &StatsData) {
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
