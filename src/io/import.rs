//! Importing intresseanmälningar and organisations: every row is checked against the database
//! first; one bad row means nothing is written; the same file twice creates nothing twice.
//!
//! The rows come one at a time from the file ([`Table`]); what the plan keeps of each case is
//! packed (its summaries in one string, its organisation's name once per organisation), so a
//! file of hundreds of thousands of rows is checked in a few tens of MB.

use super::table::{Table, TableError};
use crate::domain::decision::{self, Standing};
use crate::domain::money::MoneyError;
use crate::domain::orgnr::OrgNrError;
use crate::domain::text::{name_core, same_organisation_name};
use crate::domain::{Call, Organisation, ReformArea};
use crate::domain::{Money, OrgKind, OrgNr, Step};
use crate::storage::{ExistingCases, Store, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Applications,
    Organisations,
}

/// The columns bidrag reads, with the names spreadsheets and e-services use for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    OrgNr,
    Organisation,
    Kind,
    Received,
    Amount,
    Description,
    Contact,
    Email,
    Phone,
    Call,
    Kommun,
    ReformAreas,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::OrgNr,
        Column::Organisation,
        Column::Kind,
        Column::Received,
        Column::Amount,
        Column::Description,
        Column::Contact,
        Column::Email,
        Column::Phone,
        Column::Call,
        Column::Kommun,
        Column::ReformAreas,
    ];

    /// The documented name (first) and the other names accepted for it.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Column::OrgNr => &[
                "organisationsnummer",
                "orgnr",
                "org.nr",
                "org nr",
                "organisationsnr",
            ],
            Column::Organisation => &["organisation", "namn", "organisationsnamn", "sökande"],
            Column::Kind => &["typ", "organisationstyp"],
            Column::Received => &["inkommen", "inkom", "inkommet", "datum"],
            Column::Amount => &["belopp", "sökt belopp", "sokt belopp", "sökt"],
            Column::Description => &["beskrivning", "rubrik", "sammanfattning"],
            Column::Contact => &["kontaktperson", "kontakt"],
            Column::Email => &["e-post", "epost", "email", "e-mail"],
            Column::Phone => &["telefon", "tel"],
            Column::Call => &["utlysning"],
            Column::Kommun => &["kommun"],
            Column::ReformAreas => &["reformomraden", "reformområden", "reformområde"],
        }
    }

    pub fn name(self) -> &'static str {
        self.names()[0]
    }

    fn find(header: &str) -> Option<Column> {
        let h = header.trim().to_lowercase();
        Column::ALL
            .into_iter()
            .find(|c| c.names().contains(&h.as_str()))
    }
}

/// The rule a value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Missing,
    OrgNr(OrgNrError),
    Money(MoneyError),
    NegativeAmount,
    Date,
    FutureDate,
    /// No call was named and none of the intresseanmälan calls was open on the date.
    NoOpenCall,
    UnknownCall(String),
    UnknownKind(String),
    /// The organisation is unknown and the row has no name to create it with.
    UnknownOrganisation,
    Email,
    UnknownReformArea(String),
    /// The same row stands earlier in the file, on this line.
    Duplicate(usize),
    /// An earlier row gave the organisation of this name another organisationsnummer.
    OtherNumber(String),
    /// The row's utlysning and --call name different calls: (the row's, --call's).
    CallConflict(String, String),
    /// An application (steps 2–3) must ask for an amount above zero.
    AmountNotPositive,
    /// Received before the first call of the statsbidrag (2018-01-01).
    DateTooEarly,
    /// The organisation may not apply in the call's step yet.
    NotEligible(crate::domain::decision::NotEligible),
    /// This column is read already, from the column of this header (two headers that mean the
    /// same: `orgnr` and `organisationsnummer`, say): one of them would be lost.
    ColumnTwice(String),
    /// Received after the named call closed: (the call, its closing date). Registering such a
    /// case needs a reason on record, which a row cannot give; it is registered in the
    /// interface, where the reason is asked.
    CallClosed(String, NaiveDate),
}

/// Something a caseworker should see before an import is written, which does not stop it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The organisationsnummer is known, and identifies the organisation; the name on the row
    /// is another than the one it is registered under, even as organisations sign their names
    /// ("Stockholms stad" for Stockholm is no warning).
    NameDiffers { registered: String, written: String },
}

/// The first day an application can have been received: the statsbidrag began in 2018.
pub fn earliest_received() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A name as compared: trimmed, runs of whitespace as one space, case ignored.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: Column,
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowWarning {
    pub line: usize,
    pub column: Column,
    pub warning: Warning,
}

/// How many errors and warnings a plan lists; the rest are counted.
pub const LISTED: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrg {
    pub kind: OrgKind,
    pub name: String,
    pub org_nr: Option<OrgNr>,
    /// The län of the kommun the row names, where it names one.
    pub county: Option<(String, String)>,
    pub contact: Option<(String, String, String)>,
}

/// One case a plan will register, as the plan hands it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCase<'p> {
    pub line: usize,
    /// An existing organisation's id, or an index into `Plan::new_orgs`.
    pub organisation: OrgRef,
    pub organisation_name: &'p str,
    pub call_id: i64,
    pub step: Step,
    pub received_on: NaiveDate,
    pub title: &'p str,
    pub requested: Money,
    pub reform_areas: Vec<ReformArea>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgRef {
    Existing(i64),
    New(usize),
}

/// A planned case as the plan keeps it: its summary is a range of [`PlannedCases::titles`],
/// its reform areas bits (in the order of [`ReformArea::ALL`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Packed {
    line: usize,
    organisation: OrgRef,
    call_id: i64,
    received_on: NaiveDate,
    requested: Money,
    title_end: usize,
    step: Step,
    areas: u8,
}

/// The cases of a plan, packed: a few dozen bytes each and their summaries in one string.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlannedCases {
    items: Vec<Packed>,
    titles: String,
}

impl PlannedCases {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn push(&mut self, mut packed: Packed, title: &str) {
        self.titles.push_str(title);
        packed.title_end = self.titles.len();
        self.items.push(packed);
    }

    fn title(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => self.items.get(before).map_or(0, |p| p.title_end),
            None => 0,
        };
        let end = self.items.get(i).map_or(start, |p| p.title_end);
        self.titles.get(start..end).unwrap_or_default()
    }

    fn clear(&mut self) {
        *self = Self::default();
    }
}

fn areas_bits(areas: &[ReformArea]) -> u8 {
    ReformArea::ALL
        .iter()
        .enumerate()
        .filter(|(_, a)| areas.contains(a))
        .fold(0, |bits, (i, _)| bits | (1 << i))
}

fn areas_of(bits: u8) -> Vec<ReformArea> {
    ReformArea::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, a)| *a)
        .collect()
}

/// What an import would do, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub rows: usize,
    pub new_orgs: Vec<NewOrg>,
    pub cases: PlannedCases,
    /// Rows already in the database (a re-import): skipped.
    pub existing: usize,
    /// The first [`LISTED`] errors, in the order of the rows.
    pub errors: Vec<RowError>,
    /// All errors, listed or not.
    pub error_count: usize,
    /// The first [`LISTED`] warnings: the import may still be written.
    pub warnings: Vec<RowWarning>,
    pub warning_count: usize,
    pub ignored_columns: Vec<String>,
    /// Existing organisations without a number that a row names with its number: (id, number).
    pub org_numbers: Vec<(i64, OrgNr)>,
    /// The names of the existing organisations the cases are for.
    org_names: HashMap<i64, String>,
}

impl Plan {
    pub fn ok(&self) -> bool {
        self.error_count == 0
    }

    fn error(&mut self, line: usize, column: Column, rule: Rule) {
        self.error_count += 1;
        if self.errors.len() < LISTED {
            self.errors.push(RowError { line, column, rule });
        }
    }

    fn warn(&mut self, line: usize, column: Column, warning: Warning) {
        self.warning_count += 1;
        if self.warnings.len() < LISTED {
            self.warnings.push(RowWarning {
                line,
                column,
                warning,
            });
        }
    }

    /// The `i`th case to register.
    pub fn case(&self, i: usize) -> Option<PlannedCase<'_>> {
        let p = self.cases.items.get(i)?;
        let organisation_name = match p.organisation {
            OrgRef::Existing(id) => self.org_names.get(&id).map_or("", String::as_str),
            OrgRef::New(n) => self.new_orgs.get(n).map_or("", |o| o.name.as_str()),
        };
        Some(PlannedCase {
            line: p.line,
            organisation: p.organisation,
            organisation_name,
            call_id: p.call_id,
            step: p.step,
            received_on: p.received_on,
            title: self.cases.title(i),
            requested: p.requested,
            reform_areas: areas_of(p.areas),
        })
    }

    /// About how much memory the plan holds besides itself: what a preview keeps while it is
    /// open.
    pub fn heap_bytes(&self) -> usize {
        let strings = |v: &[String]| v.iter().map(String::capacity).sum::<usize>();
        self.cases.items.capacity() * std::mem::size_of::<Packed>()
            + self.cases.titles.capacity()
            + self.new_orgs.capacity() * std::mem::size_of::<NewOrg>()
            + self
                .new_orgs
                .iter()
                .map(|o| o.name.capacity())
                .sum::<usize>()
            + self.errors.capacity() * std::mem::size_of::<RowError>()
            + self.warnings.capacity() * std::mem::size_of::<RowWarning>()
            + strings(&self.ignored_columns)
            + self.org_numbers.capacity() * std::mem::size_of::<(i64, OrgNr)>()
            + self
                .org_names
                .values()
                .map(|n| n.capacity() + 48)
                .sum::<usize>()
    }

    /// The cases to register, in the order of the rows.
    pub fn planned(&self) -> impl Iterator<Item = PlannedCase<'_>> {
        (0..self.cases.len()).filter_map(|i| self.case(i))
    }

    /// A plan with errors writes nothing: what it would have written is let go. A plan
    /// without keeps no more room than it uses.
    fn drop_writes_if_refused(&mut self) {
        self.cases.items.shrink_to_fit();
        self.cases.titles.shrink_to_fit();
        if !self.ok() {
            self.cases.clear();
            self.new_orgs = Vec::new();
            self.org_numbers = Vec::new();
            self.org_names = HashMap::new();
        }
    }
}

/// Why a plan could not be made: the file could not be read to its end, or the database not
/// asked.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Table(#[from] TableError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

struct Row<'a> {
    line: usize,
    values: &'a [String],
    index: &'a HashMap<Column, usize>,
}

impl Row<'_> {
    fn get(&self, c: Column) -> &str {
        let v = self
            .index
            .get(&c)
            .and_then(|i| self.values.get(*i))
            .map_or("", |v| v.as_str());
        // An export neutralises a leading =, +, -, @, tab or CR for spreadsheets with a '.
        match v.strip_prefix('\'') {
            Some(rest) if rest.starts_with(super::FORMULA_STARTS) => rest,
            _ => v,
        }
    }
}

fn kind_from(text: &str) -> Option<OrgKind> {
    let t = text.trim().to_lowercase().replace(['_', '-'], " ");
    Some(match t.as_str() {
        "kommun" => OrgKind::Kommun,
        "region" | "landsting" => OrgKind::Region,
        "kommunalförbund" | "kommunalforbund" => OrgKind::Kommunalforbund,
        "ideell förening" | "ideell forening" | "förening" => OrgKind::IdeellForening,
        "stiftelse" => OrgKind::Stiftelse,
        "trossamfund" => OrgKind::Trossamfund,
        _ => return None,
    })
}

/// The kind a number's first digits tell: 212… kommun, 2321… region, 222… kommunalförbund,
/// 802… ideell förening.
fn kind_from_orgnr(nr: OrgNr) -> Option<OrgKind> {
    let d = nr.to_string();
    if d.starts_with("212") {
        Some(OrgKind::Kommun)
    } else if d.starts_with("2321") {
        Some(OrgKind::Region)
    } else if d.starts_with("222") {
        Some(OrgKind::Kommunalforbund)
    } else if d.starts_with("802") {
        Some(OrgKind::IdeellForening)
    } else {
        None
    }
}

/// Reads what the database must answer: organisations and calls, once.
struct Known {
    by_id: HashMap<i64, Organisation>,
    by_nr: HashMap<OrgNr, Organisation>,
    by_name: HashMap<String, Vec<Organisation>>,
    /// By the name as organisations sign it ([`name_core`]).
    by_core: HashMap<String, Vec<Organisation>>,
    calls: Vec<Call>,
}

impl Known {
    fn load(store: &Store) -> crate::storage::Result<Self> {
        let orgs = store.organisations()?;
        let mut by_id = HashMap::new();
        let mut by_nr = HashMap::new();
        let mut by_name: HashMap<String, Vec<Organisation>> = HashMap::new();
        let mut by_core: HashMap<String, Vec<Organisation>> = HashMap::new();
        for o in orgs {
            if let Some(nr) = o.org_nr {
                by_nr.insert(nr, o.clone());
            }
            by_id.insert(o.id, o.clone());
            by_core
                .entry(name_core(&o.name))
                .or_default()
                .push(o.clone());
            by_name.entry(name_key(&o.name)).or_default().push(o);
        }
        Ok(Self {
            by_id,
            by_nr,
            by_name,
            by_core,
            calls: store.calls()?,
        })
    }

    fn call(&self, text: &str) -> Option<&Call> {
        let t = text.trim();
        t.parse::<i64>()
            .ok()
            .and_then(|id| self.calls.iter().find(|c| c.id == id))
            .or_else(|| self.calls.iter().find(|c| c.name.eq_ignore_ascii_case(t)))
            .or_else(|| {
                let lower = t.to_lowercase();
                self.calls.iter().find(|c| c.name.to_lowercase() == lower)
            })
    }

    /// (länskod, län) of the kommun with this name.
    fn county_of_kommun(&self, name: &str) -> Option<(String, String)> {
        let list = self.by_name.get(&name_key(name))?;
        let k = list.iter().find(|o| o.kind == OrgKind::Kommun)?;
        let county = k.county.clone()?;
        let code = k.code.as_deref().map(|c| c.chars().take(2).collect())?;
        Some((code, county))
    }

    /// The intresseanmälan call open on `date` (the latest opened, if several).
    fn open_interest_call(&self, date: NaiveDate) -> Option<&Call> {
        self.calls
            .iter()
            .filter(|c| c.step == Step::Interest)
            .filter(|c| c.opens_on <= date && c.closes_on.is_none_or(|x| date <= x))
            .max_by_key(|c| c.opens_on)
    }

    /// The one organisation without a number that a row's name names, of the number's kind:
    /// by the name as written, else by the name as organisations sign it ("Härryda kommun").
    fn unnumbered(&self, name: &str, nr: OrgNr) -> Option<&Organisation> {
        fn one(list: Option<&Vec<Organisation>>, nr: OrgNr) -> Option<&Organisation> {
            let mut fits = list?
                .iter()
                .filter(|o| o.org_nr.is_none() && kind_from_orgnr(nr).is_none_or(|k| k == o.kind));
            let first = fits.next()?;
            fits.next().is_none().then_some(first)
        }
        one(self.by_name.get(&name_key(name)), nr).or_else(|| {
            let core = name_core(name);
            if core.is_empty() {
                None
            } else {
                one(self.by_core.get(&core), nr)
            }
        })
    }
}

/// What the plan has added so far, indexed, so a row finds an organisation an earlier row named
/// without searching the plan's lists.
#[derive(Default)]
struct Added {
    /// Numbers the plan gives existing organisations: number → organisation id.
    numbers: HashMap<OrgNr, i64>,
    /// The organisations given a number.
    numbered: std::collections::HashSet<i64>,
    /// The plan's new organisations by number: index into `Plan::new_orgs`.
    new_by_nr: HashMap<OrgNr, usize>,
}

/// The organisation the number identifies; a name on the row that is not the registered one,
/// even as organisations sign their names, is a warning with both names.
fn identified(plan: &mut Plan, row: &Row<'_>, written: &str, registered: &str) {
    if written.is_empty()
        || name_key(written) == name_key(registered)
        || same_organisation_name(written, registered)
    {
        return;
    }
    plan.warn(
        row.line,
        Column::Organisation,
        Warning::NameDiffers {
            registered: registered.to_string(),
            written: written.to_string(),
        },
    );
}

/// An existing organisation as a case's: its name kept once for all its cases.
fn existing(plan: &mut Plan, o: &Organisation) -> OrgRef {
    plan.org_names.entry(o.id).or_insert_with(|| o.name.clone());
    OrgRef::Existing(o.id)
}

/// Resolves the organisation of a row: by number, else by its name. A known number is the
/// organisation, whatever name the row gives it (a name that truly differs is a warning); an
/// unknown number whose name is an organisation without a number (a kommun from the reference
/// data, say) is that organisation, and gives it the number.
fn organisation(
    row: &Row<'_>,
    known: &Known,
    plan: &mut Plan,
    added: &mut Added,
    need_new: bool,
) -> Option<OrgRef> {
    let line = row.line;
    let nr_text = row.get(Column::OrgNr);
    let name = row.get(Column::Organisation).trim().to_string();
    let key = name_key(&name);
    let nr = if nr_text.is_empty() {
        None
    } else {
        match OrgNr::parse(nr_text) {
            Ok(nr) => Some(nr),
            Err(e) => {
                plan.error(line, Column::OrgNr, Rule::OrgNr(e));
                return None;
            }
        }
    };
    if let Some(nr) = nr {
        if let Some(o) = known.by_nr.get(&nr) {
            identified(plan, row, &name, &o.name);
            return Some(existing(plan, o));
        }
        if let Some(o) = added.numbers.get(&nr).and_then(|id| known.by_id.get(id)) {
            identified(plan, row, &name, &o.name);
            return Some(existing(plan, o));
        }
        if let Some(&i) = added.new_by_nr.get(&nr)
            && let Some(new) = plan.new_orgs.get(i)
        {
            let registered = new.name.clone();
            identified(plan, row, &name, &registered);
            return Some(OrgRef::New(i));
        }
        if let Some(o) = known.unnumbered(&name, nr) {
            if added.numbered.contains(&o.id) {
                plan.error(line, Column::OrgNr, Rule::OtherNumber(o.name.clone()));
                return None;
            }
            plan.org_numbers.push((o.id, nr));
            added.numbers.entry(nr).or_insert(o.id);
            added.numbered.insert(o.id);
            return Some(existing(plan, o));
        }
    } else if let Some([o]) = known.by_name.get(&key).map(Vec::as_slice) {
        return Some(existing(plan, o));
    }
    // A new organisation needs its number, its name and its kind.
    let Some(nr) = nr else {
        plan.error(line, Column::OrgNr, Rule::Missing);
        return None;
    };
    if !need_new && name.is_empty() {
        plan.error(line, Column::Organisation, Rule::UnknownOrganisation);
        return None;
    }
    if name.is_empty() {
        plan.error(line, Column::Organisation, Rule::Missing);
        return None;
    }
    let kind_text = row.get(Column::Kind);
    let kind = if kind_text.is_empty() {
        kind_from_orgnr(nr)
    } else {
        kind_from(kind_text)
    };
    let Some(kind) = kind else {
        let rule = if kind_text.is_empty() {
            Rule::Missing
        } else {
            Rule::UnknownKind(kind_text.to_string())
        };
        plan.error(line, Column::Kind, rule);
        return None;
    };
    let contact_name = row.get(Column::Contact).trim().to_string();
    let email = row.get(Column::Email).trim().to_string();
    let looks_like_email = email.contains('@') && !email.contains(' ');
    if !email.is_empty() && !looks_like_email {
        plan.error(line, Column::Email, Rule::Email);
        return None;
    }
    let contact = (!contact_name.is_empty()).then(|| {
        (
            contact_name,
            email,
            row.get(Column::Phone).trim().to_string(),
        )
    });
    let county = known.county_of_kommun(row.get(Column::Kommun));
    added.new_by_nr.entry(nr).or_insert(plan.new_orgs.len());
    plan.new_orgs.push(NewOrg {
        kind,
        name,
        org_nr: Some(nr),
        county,
        contact,
    });
    Some(OrgRef::New(plan.new_orgs.len() - 1))
}

/// Which value of a row each column bidrag reads is (the first header that names it).
fn index_columns(headers: &[String]) -> HashMap<Column, usize> {
    let mut index = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = Column::find(h) {
            index.entry(c).or_insert(i);
        }
    }
    index
}

/// After the last row: the headers not read, and a column read twice (whose second header's
/// values would be lost) as an error on the row that header stands on.
fn finish_columns(plan: &mut Plan, table: &Table<'_>) {
    let mut first: HashMap<Column, &str> = HashMap::new();
    for (i, h) in table.headers().iter().enumerate() {
        match Column::find(h) {
            Some(c) => match first.get(&c) {
                Some(before) => {
                    let line = table.header_line(i);
                    plan.error(line, c, Rule::ColumnTwice((*before).to_string()));
                }
                None => {
                    first.insert(c, h);
                }
            },
            None => plan.ignored_columns.push(h.clone()),
        }
    }
}

/// The same row, as the file compares rows: organisation, call, received date and summary
/// (case ignored), as a 128-bit digest. The plan keeps this for every row rather than the
/// rows themselves; two different rows share a digest with a chance of about 10⁻²⁷ in a
/// million rows, and would then be refused, never merged.
fn row_digest(org: OrgRef, call_id: i64, on: NaiveDate, title: &str) -> u128 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    match org {
        OrgRef::Existing(id) => {
            h.update([0u8]);
            h.update(id.to_le_bytes());
        }
        OrgRef::New(i) => {
            h.update([1u8]);
            h.update((i as u64).to_le_bytes());
        }
    }
    h.update(call_id.to_le_bytes());
    h.update(on.to_string().as_bytes());
    h.update(title.to_lowercase().as_bytes());
    let d = h.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&d[..16]);
    u128::from_le_bytes(first)
}

/// Checks every row of an applications file against the database. `call`: the call named on
/// the command line (id or name), for every row.
pub fn plan_applications(
    table: &mut Table<'_>,
    store: &Store,
    call: Option<&str>,
    today: NaiveDate,
) -> Result<Plan, PlanError> {
    let known = Known::load(store)?;
    let mut index = index_columns(table.headers());
    let mut width = table.headers().len();
    let mut plan = Plan::default();
    let forced_call = call.map(|c| (c, known.call(c)));
    let mut seen: HashMap<u128, usize> = HashMap::new();
    let mut standings: HashMap<i64, Standing> = HashMap::new();
    let mut added = Added::default();
    let mut existing_cases = ExistingCases::default();
    while let Some(r) = table.next_row()? {
        if table.headers().len() != width {
            // A JSON object with a key the earlier ones had not.
            index = index_columns(table.headers());
            width = table.headers().len();
        }
        let line = r.line;
        let row = Row {
            line,
            values: &r.values,
            index: &index,
        };
        let errors_before = plan.error_count;
        let received = row.get(Column::Received);
        let received_on = if received.is_empty() {
            plan.error(line, Column::Received, Rule::Missing);
            None
        } else {
            match NaiveDate::parse_from_str(received, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    plan.error(line, Column::Received, Rule::FutureDate);
                    None
                }
                Ok(d) if d < earliest_received() => {
                    plan.error(line, Column::Received, Rule::DateTooEarly);
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    plan.error(line, Column::Received, Rule::Date);
                    None
                }
            }
        };
        let amount_text = row.get(Column::Amount);
        let requested = if amount_text.is_empty() {
            Some(Money::ZERO)
        } else {
            match Money::parse(amount_text) {
                Ok(m) if m.ore() < 0 => {
                    plan.error(line, Column::Amount, Rule::NegativeAmount);
                    None
                }
                Ok(m) => Some(m),
                Err(e) => {
                    plan.error(line, Column::Amount, Rule::Money(e));
                    None
                }
            }
        };
        let title = row.get(Column::Description).trim();
        if title.is_empty() {
            plan.error(line, Column::Description, Rule::Missing);
        }
        let reform_areas = match ReformArea::parse_list(row.get(Column::ReformAreas)) {
            Ok(a) => a,
            Err(v) => {
                plan.error(line, Column::ReformAreas, Rule::UnknownReformArea(v));
                Vec::new()
            }
        };
        // The row's utlysning wins; --call applies to rows without one and must not contradict.
        let named = row.get(Column::Call).trim();
        let call = match (named, &forced_call, received_on) {
            ("", Some((_, Some(c))), _) => Some(*c),
            (_, Some((option, None)), _) => {
                plan.error(line, Column::Call, Rule::UnknownCall((*option).to_string()));
                None
            }
            ("", None, Some(date)) => match known.open_interest_call(date) {
                Some(c) => Some(c),
                None => {
                    plan.error(line, Column::Call, Rule::NoOpenCall);
                    None
                }
            },
            ("", None, None) => None,
            (named, forced, _) => match (known.call(named), forced) {
                (None, _) => {
                    plan.error(line, Column::Call, Rule::UnknownCall(named.to_string()));
                    None
                }
                (Some(c), Some((option, Some(f)))) if f.id != c.id => {
                    plan.error(
                        line,
                        Column::Call,
                        Rule::CallConflict(named.to_string(), (*option).to_string()),
                    );
                    None
                }
                (Some(c), _) => Some(c),
            },
        };
        let org = organisation(&row, &known, &mut plan, &mut added, true);
        if plan.error_count > errors_before {
            continue;
        }
        let (Some(org_ref), Some(call), Some(received_on), Some(requested)) =
            (org, call, received_on, requested)
        else {
            continue;
        };
        let digest = row_digest(org_ref, call.id, received_on, title);
        if let Some(first) = seen.get(&digest) {
            plan.error(line, Column::Description, Rule::Duplicate(*first));
            continue;
        }
        seen.insert(digest, line);
        if let OrgRef::Existing(org_id) = org_ref
            && existing_cases.contains(store, org_id, call.id, received_on, title)?
        {
            plan.existing += 1;
            continue;
        }
        if let Some(closed) = call.closes_on.filter(|c| received_on > *c) {
            plan.error(
                line,
                Column::Received,
                Rule::CallClosed(call.name.clone(), closed),
            );
            continue;
        }
        // Rows to be created (not those already there, which a re-import skips): an
        // application (steps 2–3) asks for money, an intresseanmälan need not.
        if matches!(call.step, Step::Mapping | Step::Measures) && requested.ore() <= 0 {
            let rule = if amount_text.trim().is_empty() {
                Rule::Missing
            } else {
                Rule::AmountNotPositive
            };
            plan.error(line, Column::Amount, rule);
            continue;
        }
        // The chain of steps: step 2 needs a positive besked, step 3 a completed step 2.
        let standing = match org_ref {
            OrgRef::Existing(id) => match standings.get(&id) {
                Some(s) => *s,
                None => {
                    let s = store.standing(id)?;
                    standings.insert(id, s);
                    s
                }
            },
            OrgRef::New(_) => Standing::default(),
        };
        if let Err(why) = decision::eligible(call.step, standing) {
            plan.error(line, Column::Organisation, Rule::NotEligible(why));
            continue;
        }
        if plan.ok() {
            // Once a row is refused nothing will be written: the rest is only checked.
            plan.cases.push(
                Packed {
                    line,
                    organisation: org_ref,
                    call_id: call.id,
                    received_on,
                    requested,
                    title_end: 0,
                    step: call.step,
                    areas: areas_bits(&reform_areas),
                },
                title,
            );
        }
    }
    plan.rows = table.rows;
    finish_columns(&mut plan, table);
    plan.drop_writes_if_refused();
    Ok(plan)
}

/// Checks every row of an organisations file; existing organisations (by number, or by name
/// where the file has none) are left as they are.
pub fn plan_organisations(table: &mut Table<'_>, store: &Store) -> Result<Plan, PlanError> {
    let known = Known::load(store)?;
    let mut index = index_columns(table.headers());
    let mut width = table.headers().len();
    let mut plan = Plan::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut added = Added::default();
    while let Some(r) = table.next_row()? {
        if table.headers().len() != width {
            index = index_columns(table.headers());
            width = table.headers().len();
        }
        let row = Row {
            line: r.line,
            values: &r.values,
            index: &index,
        };
        let key = if row.get(Column::OrgNr).is_empty() {
            row.get(Column::Organisation).to_lowercase()
        } else {
            row.get(Column::OrgNr).replace('-', "")
        };
        if let Some(first) = seen.get(&key) {
            plan.error(r.line, Column::OrgNr, Rule::Duplicate(*first));
            continue;
        }
        seen.insert(key, r.line);
        if let Some(OrgRef::Existing(_)) = organisation(&row, &known, &mut plan, &mut added, true) {
            plan.existing += 1;
        }
    }
    plan.rows = table.rows;
    finish_columns(&mut plan, table);
    plan.drop_writes_if_refused();
    Ok(plan)
}

/// The lines that tell what a plan found: every listed error and warning with its row, column
/// and rule, and a line for those not listed. For the command line and the preview alike.
pub fn problem_lines(lang: crate::i18n::Lang, plan: &Plan) -> Vec<String> {
    use crate::i18n::{T, tr};
    let mut lines = Vec::new();
    for e in &plan.errors {
        lines.push(tr(
            lang,
            T::ImpError,
            &[
                &e.line.to_string(),
                e.column.name(),
                &rule_text(lang, &e.rule),
            ],
        ));
    }
    if plan.error_count > plan.errors.len() {
        let more = (plan.error_count - plan.errors.len()).to_string();
        lines.push(tr(lang, T::ImpMoreErrors, &[&more]));
    }
    for w in &plan.warnings {
        let text = match &w.warning {
            Warning::NameDiffers {
                registered,
                written,
            } => tr(lang, T::WarnNameDiffers, &[registered, written]),
        };
        lines.push(tr(
            lang,
            T::ImpWarning,
            &[&w.line.to_string(), w.column.name(), &text],
        ));
    }
    if plan.warning_count > plan.warnings.len() {
        let more = (plan.warning_count - plan.warnings.len()).to_string();
        lines.push(tr(lang, T::ImpMoreWarnings, &[&more]));
    }
    lines
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub cases: usize,
    pub organisations: usize,
    /// Planned rows that another writer had created by the time the plan was written: skipped,
    /// as a re-import skips them.
    pub skipped: usize,
}

/// A broken rule in words.
pub fn rule_text(lang: crate::i18n::Lang, rule: &Rule) -> String {
    use crate::domain::money::MoneyError as M;
    use crate::domain::orgnr::OrgNrError as O;
    use crate::i18n::{T, tr};
    use Rule as R;
    match rule {
        R::Missing => T::RuleMissing.text(lang).into(),
        R::OrgNr(e) => match e {
            O::Empty => T::OrgNrEmpty.text(lang).into(),
            O::InvalidCharacter(c) => tr(lang, T::OrgNrChar, &[&c.to_string()]),
            O::MisplacedDash => T::OrgNrDash.text(lang).into(),
            O::WrongLength(n) => tr(lang, T::OrgNrLength, &[&n.to_string()]),
            O::BadCenturyPrefix => T::OrgNrCentury.text(lang).into(),
            O::AllZero => T::OrgNrAllZero.text(lang).into(),
            O::CheckDigit { expected, found } => tr(
                lang,
                T::OrgNrCheck,
                &[&found.to_string(), &expected.to_string()],
            ),
        },
        R::Money(e) => match e {
            M::Empty => T::MoneyEmpty.text(lang).into(),
            M::InvalidCharacter(c) => tr(lang, T::MoneyChar, &[&c.to_string()]),
            M::TooManyDecimals => T::MoneyDecimals.text(lang).into(),
            M::BadGrouping => T::MoneyGrouping.text(lang).into(),
            M::Overflow => T::MoneyOverflow.text(lang).into(),
        },
        R::NegativeAmount => T::RuleNegative.text(lang).into(),
        R::Date => T::RuleDate.text(lang).into(),
        R::FutureDate => T::RuleFuture.text(lang).into(),
        R::NoOpenCall => T::RuleNoOpenCall.text(lang).into(),
        R::UnknownCall(c) => tr(lang, T::RuleUnknownCall, &[c]),
        R::UnknownKind(k) => tr(lang, T::RuleUnknownKind, &[k]),
        R::UnknownOrganisation => T::RuleUnknownOrg.text(lang).into(),
        R::Email => T::RuleEmail.text(lang).into(),
        R::Duplicate(line) => tr(lang, T::RuleDuplicate, &[&line.to_string()]),
        R::UnknownReformArea(v) => tr(lang, T::RuleReformArea, &[v]),
        R::ColumnTwice(first) => tr(lang, T::RuleColumnTwice, &[first]),
        R::CallClosed(call, closed) => tr(lang, T::RuleCallClosed, &[call, &closed.to_string()]),
        R::OtherNumber(name) => tr(lang, T::RuleOtherNumber, &[name]),
        R::CallConflict(row, option) => tr(lang, T::RuleCallConflict, &[row, option]),
        R::AmountNotPositive => T::RuleAmountPositive.text(lang).into(),
        R::DateTooEarly => T::RuleTooEarly.text(lang).into(),
        R::NotEligible(why) => {
            use crate::domain::decision::NotEligible as N;
            let (step, lacks) = match why {
                N::NoPositiveBesked => ("2", T::LackBesked),
                N::NoCompletedMapping => ("3", T::LackMapping),
            };
            tr(lang, T::RuleNotEligible, &[step, lacks.text(lang)])
        }
    }
}
