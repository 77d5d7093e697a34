//! Side effects as data: what `update` asks for, and the one place that runs it against storage.

use super::Msg;
use crate::domain::CaseSource;
use crate::storage::Store;
use chrono::NaiveDate;

/// How many case rows one window holds. Lists never hold more than this.
pub const CASE_PAGE: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Calls, organisations and queue counts.
    LoadHome,
    /// A window of the case list.
    LoadCases { source: CaseSource, offset: usize },
    /// One case for the case view.
    LoadCase(i64),
}

/// Runs one effect; every result, failure included, comes back as a message.
pub fn run_effect(store: &Store, effect: &Effect, user_id: i64, today: NaiveDate) -> Msg {
    let result = match *effect {
        Effect::LoadHome => (|| {
            Ok(Msg::HomeLoaded(super::HomeData {
                calls: store.calls()?,
                orgs: store.organisations()?,
                queues: store.queue_counts(user_id, today)?,
            }))
        })(),
        Effect::LoadCases { source, offset } => (|| {
            let total = store.count_cases(source, user_id, today)?;
            let rows = store.case_window(source, user_id, today, offset, CASE_PAGE)?;
            Ok(Msg::CasesLoaded {
                source,
                total: usize::try_from(total).unwrap_or(0),
                offset,
                rows,
            })
        })(),
        Effect::LoadCase(id) => store.case_detail(id).map(|d| Msg::CaseLoaded(Box::new(d))),
    };
    result.unwrap_or_else(|e: crate::storage::StoreError| Msg::Failed(e.to_string()))
}
