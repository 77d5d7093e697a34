//! Importing applications and organisations: the file is read and every row checked first
//! (nothing written); a plan without errors is then written in one transaction, all or none.

use super::{Ctx, Result, ServiceError, Watch};
use crate::app::Msg;
use crate::domain::records;
use crate::io::import::{self as imp, Imported, OrgRef, Plan, PlanError};
use crate::io::table::{Input, Table, TableError};
use crate::storage::{ImportSource, ImportedCase, Store};

/// Reads and checks a file to import; nothing is written. Every outcome is a message: a plan,
/// or why the file could not be read. The file is read as a stream, row by row.
pub fn plan_file(
    store: &Store,
    ctx: &Ctx<'_>,
    path: &str,
    organisations: bool,
    call: Option<&str>,
) -> Msg {
    let unreadable = |table: TableError| Msg::ImportUnreadable {
        path: path.to_string(),
        io: None,
        table: Some(table),
    };
    let mut table = match Table::open(Input::File(std::path::Path::new(path))) {
        Ok(t) => t,
        Err(e) => return unreadable(e),
    };
    let plan = if organisations {
        imp::plan_organisations(&mut table, store)
    } else {
        imp::plan_applications(&mut table, store, call, ctx.today)
    };
    match plan {
        Ok(plan) => Msg::ImportPlanned {
            plan: std::sync::Arc::new(plan),
            source: path.to_string(),
            encoding: table.encoding.name(),
            delimiter: table.delimiter,
        },
        Err(PlanError::Table(e)) => unreadable(e),
        Err(PlanError::Store(e)) => super::message_of(e.into()),
    }
}

/// A plan's cases as the write reads them, one at a time: the organisation's id (an existing
/// one, or the one just created for a new one) and the checklist of the case's step.
struct Source<'p> {
    plan: &'p Plan,
    new_ids: &'p [i64],
    checklists: &'p [crate::checklists::Checklist],
}

impl ImportSource for Source<'_> {
    fn len(&self) -> usize {
        self.plan.cases.len()
    }

    fn case(&self, i: usize) -> Option<ImportedCase<'_>> {
        let c = self.plan.case(i)?;
        let organisation_id = match c.organisation {
            OrgRef::Existing(id) => id,
            OrgRef::New(n) => *self.new_ids.get(n)?,
        };
        Some(ImportedCase {
            organisation_id,
            call_id: c.call_id,
            step: c.step,
            title: c.title,
            received_on: c.received_on,
            requested: c.requested,
            counterpart: c.organisation_name,
            description: records::incoming_document(c.step),
            reform_areas: c.reform_areas,
            checklist: self
                .checklists
                .iter()
                .find(|x| x.template.step() == Some(c.step))
                .map(|cl| (&cl.template, cl.body.as_str())),
        })
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
    // Temporary storage in files for this transaction: see `Store::with_temporary_files`.
    store.with_temporary_files(|store| {
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
                let id =
                    w.insert_organisation(o.kind, &o.name, o.org_nr, None, county_code, county)?;
                if let Some((name, email, phone)) = &o.contact {
                    w.insert_contact(id, name, "Kontaktperson", email, phone)?;
                }
                new_ids.push(id);
                organisations += 1;
            }
            let cases = Source {
                plan,
                new_ids: &new_ids,
                checklists: ctx.checklists,
            };
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
    })?
}
