//! A beslutstillfälle (`B`): a preview of every proposal, then all of them decided as one round.

use crate::app::App;
use crate::app::effect::Effect;
use crate::app::modal::{Modal, Round};
use crate::domain::decision::{self, is_grant};
use crate::domain::multiyear::{self};
use crate::domain::refused::Refused;
use crate::domain::{Money, records};
use crate::i18n::T;

impl App {
    /// `B` on the home screen: the preview of a beslutstillfälle over every proposal.
    pub(crate) fn open_round(&mut self) -> Vec<Effect> {
        vec![Effect::LoadRound]
    }

    /// Builds the preview from the proposals: each is decided, or skipped with the reason.
    pub(crate) fn round_loaded(&mut self, cases: Vec<crate::domain::CaseDetail>) -> Vec<Effect> {
        let mut items = Vec::new();
        let mut budgets = std::collections::BTreeMap::new();
        for d in cases {
            budgets.insert(d.call.id, d.budget);
            let Some(p) = d.proposal() else { continue };
            let jav = d.jav_users.contains(&self.user.id);
            let skipped =
                decision::check_decider(self.user.id, &self.user.roles, p.presenter_id, jav)
                    .err()
                    .map(Refused::Decision)
                    .or_else(|| {
                        // A multi-year split that no longer holds on the round's date.
                        multiyear::check_years(
                            &p.years,
                            p.amount.unwrap_or_default(),
                            self.today,
                            p.period.map(|x| x.0),
                        )
                        .err()
                        .map(Refused::Years)
                    });
            // Only the first year of a multi-year grant is charged to the call.
            let amount = p
                .amount
                .filter(|_| is_grant(p.outcome))
                .map(|a| p.years.first().map_or(a, |y| y.amount));
            items.push(crate::app::RoundItem {
                case_id: d.id,
                version: d.version,
                proposal_id: p.id,
                call_id: d.call.id,
                dnr: d.dnr.clone(),
                organisation: d.organisation.name.clone(),
                outcome: p.outcome,
                proposed: p.amount.filter(|_| is_grant(p.outcome)),
                amount,
                skipped,
            });
        }
        if items.is_empty() {
            return self.say(T::RoundEmpty, &[]);
        }
        self.modal = Some(Modal::Round(Round {
            items,
            selected: 0,
            warning: None,
            budgets,
        }));
        Vec::new()
    }

    /// Decides every previewed proposal that is not skipped, in one transaction.
    pub(crate) fn submit_round(&mut self, mut round: Round) -> Vec<Effect> {
        let chosen: Vec<_> = round
            .items
            .iter()
            .filter(|i| i.skipped.is_none())
            .cloned()
            .collect();
        if chosen.is_empty() {
            return self.say(T::RoundEmpty, &[]);
        }
        // Over budget per call, counting the round's grants in that call together; only the
        // grants of a call that goes over carry the confirmation.
        let mut over_calls = Vec::new();
        let mut over_total = 0i64;
        for (call, budget) in &round.budgets {
            let sum: i64 = chosen
                .iter()
                .filter(|i| i.call_id == *call)
                .filter_map(|i| i.amount)
                .map(Money::ore)
                .fold(0, i64::saturating_add);
            if let Some(x) = budget.exceeded_by(Money(sum)) {
                over_calls.push(*call);
                over_total = over_total.saturating_add(x.ore());
            }
        }
        if !over_calls.is_empty() && round.warning.is_none() {
            round.warning = Some(Money(over_total));
            self.modal = Some(Modal::Round(round));
            return Vec::new();
        }
        vec![Effect::DecideRound {
            items: chosen,
            appeal_text: records::DEFAULT_APPEAL_TEXT.to_string(),
            over_budget_calls: over_calls,
        }]
    }
}
