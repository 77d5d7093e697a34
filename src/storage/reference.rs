//! Reference data loaded into every new database: kommuner, regioner and the 2018 calls.

use super::write::Writer;
use super::{Result, StoreError};
use crate::domain::{EventKind, Money, OrgKind, OrgNr, Step};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

/// The checklist files that ship with bidrag, by file name.
pub const SHIPPED_CHECKLISTS: [(&str, &str); 4] = [
    (
        "intresseanmalan.toml",
        include_str!("../../assets/checklists/intresseanmalan.toml"),
    ),
    (
        "kartlaggning.toml",
        include_str!("../../assets/checklists/kartlaggning.toml"),
    ),
    (
        "insatser.toml",
        include_str!("../../assets/checklists/insatser.toml"),
    ),
    (
        "slutrapport.toml",
        include_str!("../../assets/checklists/slutrapport.toml"),
    ),
];

const KOMMUNER: &str = include_str!("../../assets/kommuner.csv");
const REGIONER: &str = include_str!("../../assets/regioner.csv");

/// The seed process of 2018 (domain.md § 3.1). Dates marked [I] in the README are inferred.
pub const SEED_CALLS: [SeedCall; 3] = [
    SeedCall {
        name: "2018 Intresseanmälan",
        step: Step::Interest,
        opens: (2018, 4, 16),
        closes: (2018, 5, 15),
        budget_kr: 0,
    },
    SeedCall {
        name: "2018 Kartläggning, behovsanalys och plan",
        step: Step::Mapping,
        opens: (2018, 6, 1),
        closes: (2018, 8, 30),
        budget_kr: 40_000_000,
    },
    SeedCall {
        name: "2018 Insatser, hösten",
        step: Step::Measures,
        opens: (2018, 10, 1),
        closes: (2018, 11, 30),
        budget_kr: 13_000_000,
    },
];

pub struct SeedCall {
    pub name: &'static str,
    pub step: Step,
    pub opens: (i32, u32, u32),
    pub closes: (i32, u32, u32),
    pub budget_kr: i64,
}

pub const REGULATION: &str = "SFS 2018:118 / SFS 2018:119";

fn date(column: &'static str, (y, m, d): (i32, u32, u32)) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(StoreError::BadValue {
        column,
        value: format!("{y}-{m}-{d}"),
    })
}

fn bad(column: &'static str, value: &str) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.to_string(),
    }
}

/// Rows of a shipped CSV file as fields, header skipped.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(str::trim).collect())
}

fn org_nr(column: &'static str, field: Option<&&str>) -> Result<Option<OrgNr>> {
    match field.copied().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => OrgNr::parse(s).map(Some).map_err(|_| bad(column, s)),
    }
}

pub(super) fn seed(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    let mut w = Writer::new(tx, now);
    w.set_setting("dnr_prefix", crate::domain::dnr::DEFAULT_PREFIX)?;
    let mut orgs = 0;
    for r in rows(REGIONER) {
        let [code, name, county, ..] = r.as_slice() else {
            return Err(bad("regioner.csv", &r.join(",")));
        };
        let nr = org_nr("regioner.csv", r.get(3))?;
        w.insert_organisation(
            OrgKind::Region,
            name,
            nr,
            Some(code),
            Some(code),
            Some(county),
        )?;
        orgs += 1;
    }
    for r in rows(KOMMUNER) {
        let [code, name, county_code, county, ..] = r.as_slice() else {
            return Err(bad("kommuner.csv", &r.join(",")));
        };
        let nr = org_nr("kommuner.csv", r.get(4))?;
        w.insert_organisation(
            OrgKind::Kommun,
            name,
            nr,
            Some(code),
            Some(county_code),
            Some(county),
        )?;
        orgs += 1;
    }
    for c in &SEED_CALLS {
        let budget = Money::from_kronor(c.budget_kr).ok_or(bad("budget", c.name))?;
        w.insert_call(
            c.name,
            c.step,
            REGULATION,
            date("calls.opens_on", c.opens)?,
            Some(date("calls.closes_on", c.closes)?),
            budget,
        )?;
    }
    let after = serde_json::json!({"organisations": orgs, "calls": SEED_CALLS.len()});
    w.event(
        None,
        None,
        EventKind::ReferenceDataLoaded,
        None,
        Some(&after.to_string()),
    )
}

/// Migration 2: cases of version 1 name their checklist only by id; keep the shipped text of
/// every version they name, so they go on showing it whatever the files become.
pub(super) fn store_referenced_checklists(tx: &Transaction<'_>, now: DateTime<Utc>) -> Result<()> {
    let mut w = Writer::new(tx, now);
    for (_, text) in SHIPPED_CHECKLISTS {
        let template = crate::domain::ChecklistTemplate::parse(text)
            .map_err(|e| bad("assets/checklists", &e.to_string()))?;
        let used: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE checklist_id = ?1)",
            [template.id()],
            |r| r.get(0),
        )?;
        if used {
            w.store_checklist(&template, text)?;
        }
    }
    Ok(())
}
