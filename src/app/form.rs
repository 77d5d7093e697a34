//! Reading a form's fields: the value of a field, or a message that names the field and the rule.

use crate::app::App;
use crate::app::effect::{CaseDraft, CaseWrite, Effect};
use crate::app::modal::{Form, FormKind};
use crate::domain::{Direction, Money};
use crate::i18n::{T, tr};
use chrono::NaiveDate;

/// Longest text a single-line field takes.
const MAX_LINE: usize = 500;

impl App {
    // ----- submitting dialogs -----

    /// Validation of one field: the message names the field and the rule.
    pub(crate) fn field_error(
        &self,
        form: &Form,
        i: usize,
        key: T,
        args: &[&str],
    ) -> (usize, String) {
        let label = form
            .fields
            .get(i)
            .map(|f| f.label.text(self.lang))
            .unwrap_or_default();
        let mut all = vec![label];
        all.extend_from_slice(args);
        (i, tr(self.lang, key, &all))
    }

    pub(crate) fn required(&self, form: &Form, i: usize) -> Result<String, (usize, String)> {
        let v = form.value(i);
        if v.trim().is_empty() {
            return Err(self.field_error(form, i, T::ValEmpty, &[]));
        }
        if !form.fields[i].multiline && v.chars().count() > MAX_LINE {
            return Err(self.field_error(form, i, T::ValTooLong, &[&MAX_LINE.to_string()]));
        }
        Ok(v.trim().to_string())
    }

    /// A date in ISO form within the years a case can concern (1990–2100).
    pub(crate) fn date(&self, form: &Form, i: usize) -> Result<NaiveDate, (usize, String)> {
        use chrono::Datelike;
        let v = form.value(i);
        NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (1990..=2100).contains(&d.year()))
            .ok_or_else(|| self.field_error(form, i, T::ValDate, &[v.trim()]))
    }

    pub(crate) fn past_date(&self, form: &Form, i: usize) -> Result<NaiveDate, (usize, String)> {
        let d = self.date(form, i)?;
        if d > self.today {
            return Err(self.field_error(form, i, T::ValNotFuture, &[&self.today.to_string()]));
        }
        Ok(d)
    }

    /// Checks a form and turns it into its effect; on bad input, says which field and why.
    pub(crate) fn form_effect(&self, form: &Form) -> Result<Vec<Effect>, (usize, String)> {
        let view = self.view();
        let write = |w: CaseWrite| -> Vec<Effect> {
            view.map(|v| Effect::Write {
                case_id: v.detail.id,
                version: v.detail.version,
                write: w,
            })
            .into_iter()
            .collect()
        };
        Ok(match form.kind {
            FormKind::RequestSupplement => {
                let text = self.required(form, 0)?;
                let due = self.date(form, 1)?;
                if due <= self.today {
                    return Err(self.field_error(
                        form,
                        1,
                        T::ValMustBeFuture,
                        &[&self.today.to_string()],
                    ));
                }
                write(CaseWrite::RequestSupplement { text, due })
            }
            FormKind::SupplementReply => {
                let date = self.past_date(form, 0)?;
                let description = self.required(form, 1)?;
                write(CaseWrite::SupplementReply { date, description })
            }
            FormKind::Document => {
                let direction = match form.value(0).trim().to_lowercase().as_str() {
                    "in" => Direction::Incoming,
                    "ut" | "out" => Direction::Outgoing,
                    _ => return Err(self.field_error(form, 0, T::ValDirection, &[])),
                };
                let date = self.past_date(form, 1)?;
                let counterpart = self.required(form, 2)?;
                let description = self.required(form, 3)?;
                let file = form.value(4).trim().to_string();
                write(CaseWrite::Document {
                    direction,
                    date,
                    counterpart,
                    description,
                    file_path: (!file.is_empty()).then_some(file),
                })
            }
            FormKind::Proposal { outcome } => self.proposal_effect(form, outcome)?,
            FormKind::Decide { proposal_id } => self.decide_effect(form, proposal_id)?,
            FormKind::Import => self.import_effect(form)?,
            FormKind::Followup(kind) => self.followup_effect(form, kind)?,
            FormKind::ReformAreas => {
                let text = form.value(0);
                let areas = crate::domain::ReformArea::parse_list(&text).map_err(|v| {
                    let rule = tr(self.lang, T::RuleReformArea, &[&v]);
                    let label = form.fields[0].label.text(self.lang);
                    (0, format!("{label}: {rule}."))
                })?;
                write(CaseWrite::ReformAreas(areas))
            }
            FormKind::Correct { decision_id, grant } => {
                self.correct_effect(form, decision_id, grant)?
            }
            FormKind::SaveQueue => self.save_queue_effect(form)?,
            FormKind::NewCase {
                org_id,
                call_id,
                exception,
            } => {
                let received_on = self.past_date(form, 0)?;
                let title = self.required(form, 1)?;
                let exception_reason = if exception {
                    Some(self.required(form, 3)?)
                } else {
                    None
                };
                let amount_text = form.value(2);
                let requested = Money::parse(&amount_text)
                    .map_err(|_| self.field_error(form, 2, T::ValMoney, &[amount_text.trim()]))?;
                if requested.ore() < 0 {
                    return Err(self.field_error(form, 2, T::ValNegative, &[]));
                }
                vec![Effect::RegisterCase(CaseDraft {
                    exception_reason,
                    organisation_id: org_id,
                    call_id,
                    received_on,
                    title,
                    requested,
                })]
            }
        })
    }
}
