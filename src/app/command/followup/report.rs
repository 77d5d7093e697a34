//! Reports: registering one received (`R`) and reviewing it against its checklist (`V`), item by
//! item, to godkänd, komplettering or återkrav.

use super::{FollowupForm, awaiting_review, first_or_selected};
use crate::app::App;
use crate::app::effect::{Effect, FollowupWrite};
use crate::app::form::{Choice, ChoiceValue, Field, FieldError, FieldId, Form, Info, Label};
use crate::domain::followup::{self as fu, LinesError, ReviewOutcome};
use crate::domain::{Answer, CaseDetail};
use crate::i18n::{self, Lang, T, tr};

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
        let kind = i18n::report_kind(r.kind).text(self.lang);
        let title = tr(self.lang, T::FuTitleReport, &[kind, &r.due_on.to_string()]);
        let info = vec![Info::Granted {
            granted: d.granted.unwrap_or_default(),
            paid: d.followup.paid(),
        }];
        let fields = vec![
            Field::line(
                FieldId::ReceivedOn,
                T::FuFldReceivedOn,
                &self.today.to_string(),
            ),
            Field::lines(FieldId::Lines, T::FuFldLines, ""),
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

    pub(super) fn report_write(
        &self,
        form: &Form,
        report_id: i64,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let received_on = self.past_date(form, FieldId::ReceivedOn)?;
        let lines = fu::parse_lines(&form.text(FieldId::Lines)).map_err(|e| match e {
            LinesError::Empty => self.field_error(form, FieldId::Lines, T::FuValLinesEmpty, &[]),
            LinesError::Malformed(n) => self.field_error(
                form,
                FieldId::Lines,
                T::FuValLinesMalformed,
                &[&n.to_string()],
            ),
            LinesError::BadAmount(n) => {
                self.field_error(form, FieldId::Lines, T::FuValLinesAmount, &[&n.to_string()])
            }
        })?;
        Ok(Some(FollowupWrite::Report {
            report_id,
            received_on,
            lines,
        }))
    }

    /// `V`: review a received report against its checklist, one answer per item (each a choice),
    /// then the outcome and a comment.
    pub(crate) fn open_review_report(&mut self) -> Vec<Effect> {
        let Some(d) = self.detail() else {
            return Vec::new();
        };
        let Some(r) =
            first_or_selected(&d.followup.reports, self.selected_report(), awaiting_review)
        else {
            return self.say(T::FuNoReportToReview, &[]);
        };
        let Some(template) = crate::checklists::review_checklist(&self.checklists, r.kind) else {
            return self.say(T::NoChecklist, &[]);
        };
        let lang = self.lang;
        let earlier = r
            .review
            .as_ref()
            .filter(|x| x.answers.len() == template.items.len())
            .map(|x| x.answers.clone());
        let answers = || {
            Answer::ALL
                .into_iter()
                .map(|a| Choice::new(ChoiceValue::Answer(a), i18n::answer(Some(a)).text(lang)))
                .collect::<Vec<_>>()
        };
        let mut fields: Vec<Field> = template
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let q = match lang {
                    Lang::En => item.question_en.as_deref().unwrap_or(&item.question),
                    Lang::Sv => &item.question,
                };
                // An earlier review's answer where there is one, else uppfyllt: the
                // caseworker changes what is not.
                let chosen = earlier
                    .as_ref()
                    .and_then(|a| a.get(i))
                    .and_then(|a| Answer::ALL.iter().position(|x| x == a))
                    .or(Some(0));
                Field::choice(
                    FieldId::Item(i),
                    Label::Item(i + 1, q.to_string()),
                    answers(),
                    chosen,
                )
            })
            .collect();
        let outcomes = [
            ReviewOutcome::Approved,
            ReviewOutcome::Supplement,
            ReviewOutcome::Recovery,
        ]
        .into_iter()
        .map(|o| {
            Choice::new(
                ChoiceValue::ReviewOutcome(o),
                i18n::review_outcome(o).text(lang),
            )
        })
        .collect();
        fields.push(Field::choice(
            FieldId::ReviewOutcome,
            Label::Key(T::FuFldOutcome),
            outcomes,
            None,
        ));
        fields.push(Field::lines(FieldId::Comment, T::FuFldComment, ""));
        let info = vec![Info::Unused {
            granted: d.granted.unwrap_or_default(),
            used: r.used(),
        }];
        let kind = i18n::report_kind(r.kind).text(lang);
        let title = tr(lang, T::FuTitleReview, &[kind]);
        let report_id = r.id;
        self.followup_form(
            FollowupForm::ReviewReport { report_id },
            title,
            fields,
            info,
        );
        Vec::new()
    }

    pub(super) fn review_write(
        &self,
        form: &Form,
        d: &CaseDetail,
        report_id: i64,
    ) -> Result<Option<FollowupWrite>, FieldError> {
        let Some(r) = d.followup.reports.iter().find(|r| r.id == report_id) else {
            return Ok(None);
        };
        let Some(template) = crate::checklists::review_checklist(&self.checklists, r.kind) else {
            return Ok(None);
        };
        let mut answers = Vec::with_capacity(template.items.len());
        for i in 0..template.items.len() {
            match self.chosen(form, FieldId::Item(i))? {
                ChoiceValue::Answer(a) => answers.push(a),
                _ => return Err(self.field_error(form, FieldId::Item(i), T::ValChoose, &[])),
            }
        }
        let outcome = match self.chosen(form, FieldId::ReviewOutcome)? {
            ChoiceValue::ReviewOutcome(o) => o,
            _ => return Err(self.field_error(form, FieldId::ReviewOutcome, T::ValChoose, &[])),
        };
        let comment = form.text(FieldId::Comment).trim().to_string();
        // A mandatory item not met cannot be approved.
        let unmet = template
            .items
            .iter()
            .zip(&answers)
            .position(|(item, a)| item.mandatory && *a == Answer::NotMet);
        if outcome == ReviewOutcome::Approved
            && let Some(i) = unmet
        {
            let no = (i + 1).to_string();
            return Err(self.field_error(form, FieldId::ReviewOutcome, T::FuValUnmet, &[&no]));
        }
        let needs_comment =
            outcome != ReviewOutcome::Approved || answers.iter().any(|a| a.needs_comment());
        if needs_comment && comment.is_empty() {
            return Err(self.field_error(form, FieldId::Comment, T::FuValComment, &[]));
        }
        Ok(Some(FollowupWrite::Review {
            report_id,
            outcome,
            answers,
            comment,
        }))
    }
}
