//! Importing intresseanmälningar and organisations: every row is checked against the database
//! first; one bad row means nothing is written; the same file twice creates nothing twice.

use super::table::RawTable;
use crate::domain::decision::{self, Standing};
use crate::domain::money::MoneyError;
use crate::domain::orgnr::OrgNrError;
use crate::domain::{Call, Organisation};
use crate::domain::{Money, OrgKind, OrgNr, Step};
use crate::storage::{ExistingCases, Result, Store};
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
    /// The organisationsnummer belongs to an organisation of this (other) name.
    NameMismatch(String),
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
pub struct NewOrg {
    pub kind: OrgKind,
    pub name: String,
    pub org_nr: Option<OrgNr>,
    /// The län of the kommun the row names, where it names one.
    pub county: Option<(String, String)>,
    pub contact: Option<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedCase {
    pub line: usize,
    /// An existing organisation's id, or an index into `Plan::new_orgs`.
    pub organisation: OrgRef,
    pub organisation_name: String,
    pub call_id: i64,
    pub step: Step,
    pub received_on: NaiveDate,
    pub title: String,
    pub requested: Money,
    pub reform_areas: Vec<crate::domain::ReformArea>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgRef {
    Existing(i64),
    New(usize),
}

/// What an import would do, or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub rows: usize,
    pub new_orgs: Vec<NewOrg>,
    pub cases: Vec<PlannedCase>,
    /// Rows already in the database (a re-import): skipped.
    pub existing: usize,
    pub errors: Vec<RowError>,
    pub ignored_columns: Vec<String>,
    /// Existing organisations without a number that a row names with its number: (id, number).
    pub org_numbers: Vec<(i64, OrgNr)>,
}

impl Plan {
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
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
    calls: Vec<Call>,
}

impl Known {
    fn load(store: &Store) -> Result<Self> {
        let orgs = store.organisations()?;
        let mut by_id = HashMap::new();
        let mut by_nr = HashMap::new();
        let mut by_name: HashMap<String, Vec<Organisation>> = HashMap::new();
        for o in orgs {
            if let Some(nr) = o.org_nr {
                by_nr.insert(nr, o.clone());
            }
            by_id.insert(o.id, o.clone());
            by_name.entry(name_key(&o.name)).or_default().push(o);
        }
        Ok(Self {
            by_id,
            by_nr,
            by_name,
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

/// Resolves the organisation of a row: by number, else by its name. A known number with a
/// clearly different name is refused; an unknown number whose name is an organisation without a
/// number (a kommun from the reference data, say) is that organisation, and gives it the number.
fn organisation(
    row: &Row<'_>,
    known: &Known,
    plan: &mut Plan,
    added: &mut Added,
    need_new: bool,
) -> Option<(OrgRef, String)> {
    let err = |column, rule| RowError {
        line: row.line,
        column,
        rule,
    };
    let nr_text = row.get(Column::OrgNr);
    let name = row.get(Column::Organisation).trim().to_string();
    let key = name_key(&name);
    let nr = if nr_text.is_empty() {
        None
    } else {
        match OrgNr::parse(nr_text) {
            Ok(nr) => Some(nr),
            Err(e) => {
                plan.errors.push(err(Column::OrgNr, Rule::OrgNr(e)));
                return None;
            }
        }
    };
    // The name on the row must be the name the number is known by (when the row has one).
    let same_name = |plan: &mut Plan, registered: &str| {
        if key.is_empty() || key == name_key(registered) {
            true
        } else {
            plan.errors.push(err(
                Column::Organisation,
                Rule::NameMismatch(registered.to_string()),
            ));
            false
        }
    };
    if let Some(nr) = nr {
        if let Some(o) = known.by_nr.get(&nr) {
            return same_name(plan, &o.name).then(|| (OrgRef::Existing(o.id), o.name.clone()));
        }
        if let Some(o) = added.numbers.get(&nr).and_then(|id| known.by_id.get(id)) {
            return same_name(plan, &o.name).then(|| (OrgRef::Existing(o.id), o.name.clone()));
        }
        if let Some(&i) = added.new_by_nr.get(&nr)
            && let Some(new) = plan.new_orgs.get(i)
        {
            let registered = new.name.clone();
            return same_name(plan, &registered).then_some((OrgRef::New(i), registered));
        }
        // An organisation of this name that has no number yet, and is of the number's kind.
        let unnumbered: Vec<&Organisation> = known
            .by_name
            .get(&key)
            .map(|list| {
                list.iter()
                    .filter(|o| o.org_nr.is_none())
                    .filter(|o| kind_from_orgnr(nr).is_none_or(|k| k == o.kind))
                    .collect()
            })
            .unwrap_or_default();
        if let [o] = unnumbered.as_slice() {
            if added.numbered.contains(&o.id) {
                plan.errors
                    .push(err(Column::OrgNr, Rule::OtherNumber(o.name.clone())));
                return None;
            }
            plan.org_numbers.push((o.id, nr));
            added.numbers.entry(nr).or_insert(o.id);
            added.numbered.insert(o.id);
            return Some((OrgRef::Existing(o.id), o.name.clone()));
        }
    } else if let Some([o]) = known.by_name.get(&key).map(Vec::as_slice) {
        return Some((OrgRef::Existing(o.id), o.name.clone()));
    }
    // A new organisation needs its number, its name and its kind.
    let Some(nr) = nr else {
        plan.errors.push(err(Column::OrgNr, Rule::Missing));
        return None;
    };
    if !need_new && name.is_empty() {
        plan.errors
            .push(err(Column::Organisation, Rule::UnknownOrganisation));
        return None;
    }
    if name.is_empty() {
        plan.errors.push(err(Column::Organisation, Rule::Missing));
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
        plan.errors.push(err(Column::Kind, rule));
        return None;
    };
    let contact_name = row.get(Column::Contact).trim().to_string();
    let email = row.get(Column::Email).trim().to_string();
    let looks_like_email = email.contains('@') && !email.contains(' ');
    if !email.is_empty() && !looks_like_email {
        plan.errors.push(err(Column::Email, Rule::Email));
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
        name: name.clone(),
        org_nr: Some(nr),
        county,
        contact,
    });
    Some((OrgRef::New(plan.new_orgs.len() - 1), name))
}

fn index_columns(table: &RawTable) -> (HashMap<Column, usize>, Vec<String>) {
    let mut index = HashMap::new();
    let mut ignored = Vec::new();
    for (i, h) in table.headers.iter().enumerate() {
        match Column::find(h) {
            Some(c) => {
                index.entry(c).or_insert(i);
            }
            None => ignored.push(h.clone()),
        }
    }
    (index, ignored)
}

/// Checks every row of an applications file against the database. `call`: the call named on
/// the command line (id or name), for every row.
pub fn plan_applications(
    table: &RawTable,
    store: &Store,
    call: Option<&str>,
    today: NaiveDate,
) -> Result<Plan> {
    let known = Known::load(store)?;
    let (index, ignored_columns) = index_columns(table);
    let mut plan = Plan {
        rows: table.rows.len(),
        ignored_columns,
        ..Plan::default()
    };
    let forced_call = call.map(|c| (c, known.call(c)));
    let mut seen: HashMap<(OrgRef, i64, NaiveDate, String), usize> =
        HashMap::with_capacity(table.rows.len());
    let mut standings: HashMap<i64, Standing> = HashMap::new();
    let mut added = Added::default();
    let mut existing = ExistingCases::default();
    for (line, values) in &table.rows {
        let row = Row {
            line: *line,
            values,
            index: &index,
        };
        let errors_before = plan.errors.len();
        let err = |column, rule| RowError {
            line: *line,
            column,
            rule,
        };
        let received = row.get(Column::Received);
        let received_on = if received.is_empty() {
            plan.errors.push(err(Column::Received, Rule::Missing));
            None
        } else {
            match NaiveDate::parse_from_str(received, "%Y-%m-%d") {
                Ok(d) if d > today => {
                    plan.errors.push(err(Column::Received, Rule::FutureDate));
                    None
                }
                Ok(d) if d < earliest_received() => {
                    plan.errors.push(err(Column::Received, Rule::DateTooEarly));
                    None
                }
                Ok(d) => Some(d),
                Err(_) => {
                    plan.errors.push(err(Column::Received, Rule::Date));
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
                    plan.errors.push(err(Column::Amount, Rule::NegativeAmount));
                    None
                }
                Ok(m) => Some(m),
                Err(e) => {
                    plan.errors.push(err(Column::Amount, Rule::Money(e)));
                    None
                }
            }
        };
        let title = row.get(Column::Description).trim().to_string();
        if title.is_empty() {
            plan.errors.push(err(Column::Description, Rule::Missing));
        }
        let reform_areas = match crate::domain::ReformArea::parse_list(row.get(Column::ReformAreas))
        {
            Ok(a) => a,
            Err(v) => {
                plan.errors
                    .push(err(Column::ReformAreas, Rule::UnknownReformArea(v)));
                Vec::new()
            }
        };
        // The row's utlysning wins; --call applies to rows without one and must not contradict.
        let named = row.get(Column::Call).trim();
        let call = match (named, &forced_call, received_on) {
            ("", Some((_, Some(c))), _) => Some(*c),
            (_, Some((option, None)), _) => {
                plan.errors
                    .push(err(Column::Call, Rule::UnknownCall((*option).to_string())));
                None
            }
            ("", None, Some(date)) => match known.open_interest_call(date) {
                Some(c) => Some(c),
                None => {
                    plan.errors.push(err(Column::Call, Rule::NoOpenCall));
                    None
                }
            },
            ("", None, None) => None,
            (named, forced, _) => match (known.call(named), forced) {
                (None, _) => {
                    plan.errors
                        .push(err(Column::Call, Rule::UnknownCall(named.to_string())));
                    None
                }
                (Some(c), Some((option, Some(f)))) if f.id != c.id => {
                    plan.errors.push(err(
                        Column::Call,
                        Rule::CallConflict(named.to_string(), (*option).to_string()),
                    ));
                    None
                }
                (Some(c), _) => Some(c),
            },
        };
        let org = organisation(&row, &known, &mut plan, &mut added, true);
        if plan.errors.len() > errors_before {
            continue;
        }
        let (Some((org_ref, org_name)), Some(call), Some(received_on), Some(requested)) =
            (org, call, received_on, requested)
        else {
            continue;
        };
        let key = (org_ref, call.id, received_on, title.to_lowercase());
        if let Some(first) = seen.get(&key) {
            plan.errors
                .push(err(Column::Description, Rule::Duplicate(*first)));
            continue;
        }
        seen.insert(key, *line);
        if let OrgRef::Existing(org_id) = org_ref
            && existing.contains(store, org_id, call.id, received_on, &title)?
        {
            plan.existing += 1;
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
            plan.errors.push(err(Column::Amount, rule));
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
            plan.errors
                .push(err(Column::Organisation, Rule::NotEligible(why)));
            continue;
        }
        plan.cases.push(PlannedCase {
            line: *line,
            organisation: org_ref,
            organisation_name: org_name,
            call_id: call.id,
            step: call.step,
            received_on,
            title,
            requested,
            reform_areas,
        });
    }
    if !plan.ok() {
        plan.cases.clear();
        plan.new_orgs.clear();
        plan.org_numbers.clear();
    }
    Ok(plan)
}

/// Checks every row of an organisations file; existing organisations (by number, or by name
/// where the file has none) are left as they are.
pub fn plan_organisations(table: &RawTable, store: &Store) -> Result<Plan> {
    let known = Known::load(store)?;
    let (index, ignored_columns) = index_columns(table);
    let mut plan = Plan {
        rows: table.rows.len(),
        ignored_columns,
        ..Plan::default()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut added = Added::default();
    for (line, values) in &table.rows {
        let row = Row {
            line: *line,
            values,
            index: &index,
        };
        let key = if row.get(Column::OrgNr).is_empty() {
            row.get(Column::Organisation).to_lowercase()
        } else {
            row.get(Column::OrgNr).replace('-', "")
        };
        if let Some(first) = seen.get(&key) {
            plan.errors.push(RowError {
                line: *line,
                column: Column::OrgNr,
                rule: Rule::Duplicate(*first),
            });
            continue;
        }
        seen.insert(key, *line);
        if let Some((OrgRef::Existing(_), _)) =
            organisation(&row, &known, &mut plan, &mut added, true)
        {
            plan.existing += 1;
        }
    }
    if !plan.ok() {
        plan.new_orgs.clear();
        plan.org_numbers.clear();
    }
    Ok(plan)
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
        R::NameMismatch(name) => tr(lang, T::RuleNameMismatch, &[name]),
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
