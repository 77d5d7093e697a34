//! What the screens read: the home screen's lists and counts, windows of the case list, the
//! statistics and an organisation's standing. Nothing here writes.

use super::{Ctx, Result};
use crate::app::{CASE_PAGE, HomeData, Msg, StatsData};
use crate::domain::search::{Anchor, CaseQuery, ListSize, Search};
use crate::domain::{CaseSource, Step};
use crate::storage::{Store, StoreError};

/// Calls, organisations, users, queue counts and the user's saved queues with their sizes.
pub fn home(store: &Store, ctx: &Ctx<'_>) -> Result<Msg> {
    let saved = store
        .saved_queues(ctx.user_id)?
        .into_iter()
        .map(|q| {
            let query = CaseQuery {
                source: if q.everywhere {
                    CaseSource::All
                } else {
                    q.source
                },
                search: Search::parse(&q.text).unwrap_or_default(),
                body: q.everywhere,
                sort: q.sort,
            };
            Ok((store.list_size(&query, ctx.user_id, ctx.today)?, q))
        })
        .collect::<std::result::Result<Vec<_>, StoreError>>()?;
    Ok(Msg::HomeLoaded(HomeData {
        calls: store.calls()?,
        orgs: store.organisations()?,
        queues: store.queue_counts(ctx.user_id, ctx.today)?,
        saved,
        users: store.users()?,
    }))
}

/// One window of the case list.
pub fn cases(
    store: &Store,
    ctx: &Ctx<'_>,
    query: &CaseQuery,
    offset: usize,
    anchor: &Anchor,
    known: Option<ListSize>,
) -> Result<Msg> {
    let (user, today) = (ctx.user_id, ctx.today);
    let mut size = match known {
        Some(size) => size,
        None => store.list_size(query, user, today)?,
    };
    let rows = store.query_window_at(query, user, today, size.capped, anchor, offset, CASE_PAGE)?;
    // A known size is trusted while the window is full; at the list's end it is counted again,
    // so a list that shrank meanwhile cannot send the selection past its end.
    if known.is_some() && (rows.len() < CASE_PAGE || matches!(anchor, Anchor::End)) {
        size = store.list_size(query, user, today)?;
    }
    let total = size.total;
    let offset = match anchor {
        Anchor::Before(_) => offset.saturating_sub(rows.len()),
        Anchor::End => total.saturating_sub(rows.len()),
        Anchor::At | Anchor::After(_) | Anchor::From(_) => offset,
    };
    Ok(Msg::CasesLoaded {
        query: query.clone(),
        size,
        offset,
        rows,
    })
}

/// The granted report, counts per state and step, the calls and unassigned commitments.
pub fn stats(store: &Store) -> Result<Msg> {
    let (by_state, by_step) = store.counts_by()?;
    Ok(Msg::Stats(Box::new(StatsData {
        granted: store.granted(None)?,
        by_state,
        by_step,
        calls: store.calls()?,
        unassigned: store.unassigned_commitments()?,
    })))
}

/// May the organisation apply in the call's step?
pub fn eligibility(store: &Store, org_id: i64, call_id: i64, label: &str) -> Result<Msg> {
    let standing = store.standing(org_id)?;
    let step = store
        .calls()?
        .into_iter()
        .find(|c| c.id == call_id)
        .map_or(Step::Interest, |c| c.step);
    Ok(Msg::Eligibility {
        org_id,
        call_id,
        label: label.to_string(),
        lacking: crate::domain::decision::eligible(step, standing).err(),
    })
}
