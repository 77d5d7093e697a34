//! The beslut (`b`) by a beslutsfattare: four eyes, jäv and the budget line.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::modal::{Field, Form, FormKind, Modal};
use crate::domain::decision::{self, is_grant};
use crate::domain::multiyear::{self};
use crate::domain::{CaseState, records};
use crate::i18n::{self, T, tr};

impl App {
    /// `b`: the beslutsfattare takes the proposal, if the rules let this user decide it.
    pub(crate) fn open_decision(&mut self) -> Vec<Effect> {
        let Some(view) = self.view() else {
            return Vec::new();
        };
        let d = &view.detail;
        if d.state != CaseState::ProposedDecision {
            let s = i18n::state(d.state).text(self.lang);
            return self.say(T::NotProposed, &[s]);
        }
        let Some(p) = d.proposal() else {
            return self.say(T::NoProposal, &[]);
        };
        let jav = d.jav_users.contains(&self.user.id);
        if let Err(e) = decision::check_decider(self.user.id, &self.user.roles, p.presenter_id, jav)
        {
            let text = self.decision_error_text(&e, d.step, d.requested);
            self.set_status(text);
            return Vec::new();
        }
        let amount = p.amount.map(|a| format!(" {a}")).unwrap_or_default();
        let presenter = p.presenter.clone().unwrap_or_default();
        let mut info = vec![tr(
            self.lang,
            T::ProposalLine,
            &[
                i18n::outcome(p.outcome).text(self.lang),
                &amount,
                &presenter,
            ],
        )];
        if is_grant(p.outcome) {
            info.push(self.budget_line(&d.budget));
        }
        let title = tr(
            self.lang,
            T::TitleDecide,
            &[i18n::outcome(p.outcome).text(self.lang)],
        );
        let proposal_id = p.id;
        self.modal = Some(Modal::Form(Form {
            kind: FormKind::Decide { proposal_id },
            title,
            fields: vec![
                Field::line(T::FldDecisionDate, &self.today.to_string()),
                Field::lines(T::FldAppeal, records::DEFAULT_APPEAL_TEXT),
            ],
            focus: 0,
            error: None,
            info,
            confirmed: false,
        }));
        Vec::new()
    }

    pub(crate) fn decide_effect(
        &self,
        form: &Form,
        proposal_id: i64,
    ) -> Result<Vec<Effect>, (usize, String)> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let decided_on = self.past_date(form, 0)?;
        let appeal_text = self.required(form, 1)?;
        // A multi-year split must still hold on the decision date (a proposal from last year).
        if let Some(p) = d.proposal().filter(|p| is_grant(p.outcome))
            && let Err(e) = multiyear::check_years(
                &p.years,
                p.amount.unwrap_or_default(),
                decided_on,
                p.period.map(|x| x.0),
            )
        {
            let label = T::MyFldYears.text(self.lang);
            return Err((0, self.years_error_text(label, &e)));
        }
        // Only the first year is charged to this call; later years are commitments.
        let over = d
            .proposal()
            .filter(|p| is_grant(p.outcome))
            .and_then(|p| p.years.first().map(|y| y.amount).or(p.amount))
            .and_then(|a| d.budget.exceeded_by(a));
        if let Some(over) = over
            && !form.confirmed
        {
            // Shown once; the next submit is the explicit confirmation.
            return Err((
                usize::MAX,
                tr(self.lang, T::OverBudget, &[&over.to_string()]),
            ));
        }
        Ok(vec![Effect::Write {
            case_id: d.id,
            version: d.version,
            write: CaseWrite::Decide {
                proposal_id,
                decided_on,
                appeal_text,
                over_budget: over.is_some(),
            },
        }])
    }
}
