//! Reports: registering one received (`R`) and reviewing it against its checklist (`V`).

use super::*;
use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::Field;
use crate::i18n::{T, tr};

impl App {
    /// `R`: register the selected (or the next) expected report as received.
    pub(crate) fn open_register_report(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) = first_or_selected(&d.followup.reports, self.selected_report(), |r| {
            r.received_on.is_none()
        }) else {
            return self.say(T::FuNoReportExpected, &[]);
        };
        let kind = report_kind(r.kind).text(self.lang);
        let title = tr(self.lang, T::FuTitleReport, &[kind, &r.due_on.to_string()]);
        let info = vec![tr(
            self.lang,
            T::FuGrantedLine,
            &[
                &d.granted.unwrap_or_default().to_string(),
                &d.followup.paid().to_string(),
            ],
        )];
        let fields = vec![
            Field::line(T::FuFldReceivedOn, &self.today.to_string()),
            Field::lines(T::FuFldLines, ""),
        ];
        let report_id = r.id;
        self.followup_form(
            FollowupForm::RegisterReport { report_id },
            title,
            fields,
            info,
        );
        Vec::new()
    }

    /// `V`: review a received report against its checklist; ends godkänd, komplettering or
    /// återkrav.
    pub(crate) fn open_review_report(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) =
            first_or_selected(&d.followup.reports, self.selected_report(), awaiting_review)
        else {
            return self.say(T::FuNoReportToReview, &[]);
        };
        let Some(template) = review_checklist(self, r.kind) else {
            return self.say(T::NoChecklist, &[]);
        };
        let lang = self.lang;
        let granted = d.granted.unwrap_or_default();
        let mut info = vec![self.unused_line(granted, r.used())];
        for (i, item) in template.items.iter().enumerate() {
            let q = match lang {
                crate::i18n::Lang::En => item.question_en.as_deref().unwrap_or(&item.question),
                crate::i18n::Lang::Sv => &item.question,
            };
            info.push(format!("{}. {q}", i + 1));
        }
        let answers: String = r
            .review
            .as_ref()
            .filter(|x| x.answers.len() == template.items.len())
            .map(|x| x.answers.iter().map(|a| answer_letter(*a)).collect())
            .unwrap_or_else(|| "u".repeat(template.items.len()));
        let kind = report_kind(r.kind).text(lang);
        let title = tr(lang, T::FuTitleReview, &[kind]);
        let fields = vec![
            Field::line(T::FuFldAnswers, &answers),
            Field::line(T::FuFldOutcome, ""),
            Field::lines(T::FuFldComment, ""),
        ];
        let report_id = r.id;
        self.followup_form(
            FollowupForm::ReviewReport { report_id },
            title,
            fields,
            info,
        );
        Vec::new()
    }
}
