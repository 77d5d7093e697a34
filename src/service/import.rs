//! Importing applications and organisations: the file is read and every row checked first
//! (nothing written); a plan without errors is then written in one transaction, all or none.

use super::{Ctx, Result, ServiceError, Watch};
use crate::app::Msg;
use crate::domain::records;
use crate::io::import::{self as imp, Imported, OrgRef, Plan};
use crate::storage::{ImportedCase, Store, StoreError};

/// Reads and checks a file to import; nothing is written. Every outcome is a message: a plan,
/// or why the file could not be read.
pub fn plan_file(
    store: &Store,
    ctx: &Ctx<'_>,
    path: &str,
    organisations: bool,
    call: Option<&str>,
) -> Msg {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Msg::ImportUnreadable {
                path: path.to_string(),
                io: Some(e.to_string()),
                table: None,
            };
        }
    };
    let table = match crate::io::table::read_table(&bytes) {
        Ok(t) => t,
        Err(e) => {
            return Msg::ImportUnreadable {
                path: path.to_string(),
                io: None,
                table: Some(e),
            };
        }
    };
    let plan = if organisations {
        imp::plan_organisations(&table, store)
    } else {
        imp::plan_applications(&table, store, call, ctx.today)
    };
    match plan {
        Ok(plan) => Msg::ImportPlanned {
            plan: Box::new(plan),
            source: path.to_string(),
            encoding: table.encoding,
            delimiter: table.delimiter,
        },
        Err(e) => super::message_of(e.into()),
    }
}

/// Writes a plan without errors in one transaction: all of it or none. What the plan found
/// missing is looked for again inside the transaction, so rows another writer created since the
/// check are skipped (cases) or reused (organisations), never written twice.
pub fn apply(
    store: &mut Store,
    ctx: &Ctx<'_>,
    plan: &Plan,
    source: &str,
    watch: &dyn Watch,
) -> Result<Imported> {
    let total = plan.cases.len();
    if !watch.step(0, total) {
        return Err(ServiceError::Cancelled);
    }
    store.transact(ctx.now, |read, w| {
        let user = super::actor_for(read, ctx, crate::domain::admin::Act::Register)?;
        for (id, nr) in &plan.org_numbers {
            w.set_org_nr(user.id, *id, *nr)?;
        }
        let mut new_ids = Vec::with_capacity(plan.new_orgs.len());
        let mut organisations = 0;
        for o in &plan.new_orgs {
            if let Some(nr) = o.org_nr
                && let Some(id) = w.organisation_by_nr(nr)?
            {
                new_ids.push(id);
                continue;
            }
            let (county_code, county) = match &o.county {
                Some((code, name)) => (Some(code.as_str()), Some(name.as_str())),
                None => (None, None),
            };
            let id = w.insert_organisation(o.kind, &o.name, o.org_nr, None, county_code, county)?;
            if let Some((name, email, phone)) = &o.contact {
                w.insert_contact(id, name, "Kontaktperson", email, phone)?;
            }
            new_ids.push(id);
            organisations += 1;
        }
        let mut cases = Vec::with_capacity(plan.cases.len());
        for c in &plan.cases {
            let organisation_id = match c.organisation {
                OrgRef::Existing(id) => id,
                OrgRef::New(i) => *new_ids.get(i).ok_or(StoreError::NotFound("organisation"))?,
            };
            cases.push(ImportedCase {
                organisation_id,
                call_id: c.call_id,
                step: c.step,
                title: &c.title,
                received_on: c.received_on,
                requested: c.requested,
                counterpart: &c.organisation_name,
                description: records::incoming_document(c.step),
                reform_areas: &c.reform_areas,
                checklist: ctx
                    .checklists
                    .iter()
                    .find(|x| x.template.step() == Some(c.step))
                    .map(|cl| (&cl.template, cl.body.as_str())),
            });
        }
        // The write cannot stop between rows; a cancel while it runs rolls it all back.
        let mut done = 0;
        let mut go_on = true;
        let written = w.register_imported(user.id, source, &cases, &mut |n| {
            done += n;
            go_on &= watch.step(done, total);
        })?;
        if !go_on {
            return Err(ServiceError::Cancelled);
        }
        Ok(Imported {
            cases: written.cases,
            organisations,
            skipped: written.skipped,
        })
    })
}
