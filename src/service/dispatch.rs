//! Expediting a decision: its letter is written, then in one transaction registered as an
//! outgoing document, the decision marked sent and a first decision's case moved on. If the
//! transaction fails the letter is removed again, so no letter exists that the record lacks.

use super::{Ctx, Result, ServiceError};
use crate::domain::workflow::{self, Transition};
use crate::domain::{CaseState, Direction, records};
use crate::io::letters;
use crate::storage::{NewDocument, Store};

/// Writes the letter of the case's decision and expedites it; returns the letter's path.
pub fn dispatch(
    store: &mut Store,
    ctx: &Ctx<'_>,
    case_id: i64,
    version: i64,
    decision_id: i64,
) -> Result<String> {
    super::actor_for(store, ctx, crate::domain::admin::Act::Dispatch)?;
    let d = store.case_detail(case_id)?;
    // A stale screen is refused before a letter is written.
    if d.version != version {
        super::fresh(store, ctx, case_id, version)?;
    }
    let dec = crate::domain::decision::sendable(&d, decision_id)?;
    let text =
        letters::decision_letter(&d, dec).map_err(|e| ServiceError::Letter(e.to_string()))?;
    let text = letters::anchored(&text, store.chain_anchor()?.as_ref());
    let name = letters::decision_file_name(&d, decision_id);
    let path = letters::write_letter(ctx.letters_dir, &name, &text, |p| {
        store.document_names_file(p).unwrap_or(true)
    })
    .map_err(super::letter_error)?;
    let shown = path.display().to_string();
    let result = store.transact(ctx.now, |read, w| {
        // The version check makes what was read above what the transaction sees.
        w.check_version(case_id, version)?;
        let user = super::actor_for(read, ctx, crate::domain::admin::Act::Dispatch)?.id;
        let d = read.case_detail(case_id)?;
        crate::domain::decision::sendable(&d, decision_id)?;
        w.register_document(
            user,
            &NewDocument {
                case_id,
                direction: Direction::Outgoing,
                date: ctx.today,
                counterpart: &d.organisation.name,
                description: records::decision_document(d.step),
                file_path: Some(&shown),
            },
        )?;
        w.mark_sent(user, decision_id, ctx.today, "brev")?;
        // A first decision moves the case on; a changed one is sent where the case stands.
        if d.state == CaseState::Decided {
            let to = workflow::apply(d.state, Transition::Dispatch, &d.facts().workflow())?;
            w.set_state(user, case_id, to)?;
        }
        Ok(())
    });
    match result {
        Ok(()) => Ok(shown),
        Err(e) => {
            letters::remove_unregistered(&path);
            Err(e)
        }
    }
}
