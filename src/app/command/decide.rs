//! The beslut (`b`) by a beslutsfattare: four eyes, jäv and the budget line.

use crate::app::App;
use crate::app::effect::{CaseWrite, Effect};
use crate::app::form::{Field, FieldId, Form, FormKind, Info, Stop};
use crate::app::modal::Modal;
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
        let mut info = vec![Info::Proposal {
            outcome: p.outcome,
            amount: p.amount,
            presenter: p.presenter.clone().unwrap_or_default(),
        }];
        if is_grant(p.outcome) {
            info.push(Info::Budget(d.budget));
        }
        let title = tr(
            self.lang,
            T::TitleDecide,
            &[i18n::outcome(p.outcome).text(self.lang)],
        );
        let proposal_id = p.id;
        let fields = vec![
            Field::line(
                FieldId::DecisionDate,
                T::FldDecisionDate,
                &self.today.to_string(),
            ),
            Field::lines(FieldId::Appeal, T::FldAppeal, records::DEFAULT_APPEAL_TEXT),
        ];
        let form = Form::new(FormKind::Decide { proposal_id }, title, fields).with_info(info);
        self.modal = Some(Modal::Form(form));
        Vec::new()
    }

    pub(crate) fn decide_effect(&self, form: &Form, proposal_id: i64) -> Result<Vec<Effect>, Stop> {
        let Some(view) = self.view() else {
            return Ok(Vec::new());
        };
        let d = &view.detail;
        let decided_on = self.past_date(form, FieldId::DecisionDate)?;
        let appeal_text = self.required(form, FieldId::Appeal)?;
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
            let text = self.years_error_text(label, &e);
            return Err(self.form_error(Some(FieldId::DecisionDate), text).into());
        }
        // Only the first year is charged to this call; later years are commitments.
        let over = d
            .proposal()
            .filter(|p| is_grant(p.outcome))
            .and_then(|p| p.years.first().map(|y| y.amount).or(p.amount))
            .and_then(|a| d.budget.exceeded_by(a));
        self.over_budget(form, over)?;
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
