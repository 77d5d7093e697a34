//! Reads. Lists are windows onto indexed queries; nothing loads all cases.

use super::{Result, Store, StoreError, date_from_sql, date_to_sql, derived, time_from_sql};
use crate::domain::multiyear::YearAmount;
use crate::domain::search::{Anchor, CaseQuery, ListSize, RowKey, SavedQueue, Search, Sort};
use crate::domain::{
    Answer, Call, CaseDetail, CaseRow, CaseSource, CaseState, ChecklistAnswer, Decision,
    DecisionKind, Direction, Dnr, Document, Event, Money, Note, OrgKind, OrgNr, Organisation,
    Outcome, Queue, Step, statutory_warning_cutoff,
};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Statement, ToSql};
use std::sync::LazyLock;

/// `column IN (<the open states>)`: the states of a case still being handled (not avslutad,
/// återkallad or avskriven), spelled as the partial index `cases_open` is, so that index serves
/// every open-cases list.
fn open(column: &str) -> String {
    derived::state_in(column, &CaseState::OPEN)
}

/// The ways a case is late (Försenade), each an indexed range of `cases x`: a komplettering
/// past its due date, a report past its date from the decision's dispatch on
/// (`CaseState::AWAITING_REPORT`, as the next action reads it), and the FL 12 § mark
/// drawing near before the decision. The count of Försenade (`overdue_count`) uses the same.
struct Late {
    supplement: String,
    report: String,
    statutory: String,
}

impl Late {
    fn of(alias: &str) -> Self {
        let state = format!("{alias}.state");
        Self {
            supplement: format!(
                "{} AND {alias}.supplement_due_on < :today",
                derived::state_is(&state, CaseState::SupplementRequested)
            ),
            report: format!(
                "{} AND {alias}.report_due_on < :today",
                derived::state_in(&state, &CaseState::AWAITING_REPORT)
            ),
            statutory: format!(
                "{} AND {alias}.received_on <= :cutoff",
                derived::state_in(&state, &CaseState::UNDECIDED)
            ),
        }
    }
}

/// The WHERE clause of a queue over `cases c`; may use :me, :today and :cutoff.
fn queue_filter(queue: Queue) -> String {
    let state_is = |s| derived::state_is("c.state", s);
    match queue {
        Queue::New => state_is(CaseState::Received),
        Queue::Mine => format!("c.assignee_id = :me AND {}", open("c.state")),
        Queue::Unassigned => format!("c.assignee_id IS NULL AND {}", open("c.state")),
        Queue::AwaitingSupplement => state_is(CaseState::SupplementRequested),
        Queue::ReadyForDecision => state_is(CaseState::ProposedDecision),
        // Beslutad cases, and a changed decision not yet sent where the case stands, through
        // the partial index of migration 11 (only unsent decisions are in it), as Försenade
        // unites its ranges.
        Queue::ToDispatch => format!(
            "c.id IN (
               SELECT x.id FROM cases x WHERE {}
               UNION SELECT d.case_id FROM decisions d INDEXED BY decisions_unsent
               WHERE d.kind = 'beslut' AND d.sent_on IS NULL)",
            derived::state_is("x.state", CaseState::Decided)
        ),
        // Each way of being late is its own indexed range; the union holds each case once.
        Queue::Overdue => {
            let late = Late::of("x");
            format!(
                "c.id IN (
                   SELECT x.id FROM cases x WHERE {}
                   UNION SELECT x.id FROM cases x WHERE {}
                   UNION SELECT x.id FROM cases x WHERE {}
                   UNION SELECT r.case_id FROM reports r JOIN cases c ON c.id = r.case_id
                   WHERE r.received_on IS NULL AND r.due_on < :today AND {})",
                late.supplement,
                late.report,
                late.statutory,
                open("c.state")
            )
        }
        Queue::AllOpen => open("c.state"),
    }
}

fn source_filter(source: CaseSource) -> String {
    match source {
        CaseSource::Call(_) => "c.call_id = :id".into(),
        CaseSource::Organisation(_) => "c.organisation_id = :id".into(),
        CaseSource::Queue(q) => queue_filter(q),
        CaseSource::All => "1".into(),
    }
}

/// A value bound to a search clause's parameter.
enum SearchValue {
    Text(String),
    Int(i64),
}

/// `%text%` for LIKE, with the wildcards in `text` taken literally (ESCAPE '\\').
fn like(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The AND-ed clauses of a search over `cases c`, and their parameters. `body`: the words may
/// also match notes and documents (full-text search), not only the list's columns (`/` filter).
fn search_clauses(
    search: &Search,
    body: bool,
    shape: Shape,
) -> (String, Vec<(String, SearchValue)>) {
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    let columns: &[&str] = if body {
        &["dnr", "title", "organisation", "county", "body"]
    } else {
        &["dnr", "title", "organisation", "county"]
    };
    // The trigram index answers words of three characters or more; shorter ones are compared
    // row by row, which is still correct.
    let (long, short): (Vec<&String>, Vec<&String>) =
        search.words.iter().partition(|w| w.chars().count() >= 3);
    if !long.is_empty() {
        let phrases: Vec<String> = long
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        let expr = format!("{{{}}} : ({})", columns.join(" "), phrases.join(" AND "));
        // Driven from the text index, the MATCH is the join's own condition (see `window_sql`).
        if !shape.text_driven {
            clauses.push(
                "c.id IN (SELECT rowid FROM case_text WHERE case_text MATCH :fts)".to_string(),
            );
        }
        params.push((":fts".to_string(), SearchValue::Text(expr)));
    }
    // Short words are compared case by case (a rowid lookup each); in a large list they wait
    // for a longer word, which the index can answer (see `Shape`).
    let short = if shape.short_dropped {
        Vec::new()
    } else {
        short
    };
    for (i, word) in short.iter().enumerate() {
        let name = format!(":short{i}");
        let any: Vec<String> = columns
            .iter()
            .map(|c| format!("s.{c} LIKE {name} ESCAPE '\\'"))
            .collect();
        clauses.push(format!(
            "EXISTS (SELECT 1 FROM case_text s WHERE s.rowid = c.id AND ({}))",
            any.join(" OR ")
        ));
        params.push((name, SearchValue::Text(like(word))));
    }
    if let Some(dnr) = &search.dnr {
        let exact = dnr.split_once('/').and_then(|(y, n)| {
            Some((y.trim().parse::<i64>().ok()?, n.trim().parse::<i64>().ok()?))
        });
        match exact {
            Some((year, seq)) => {
                clauses.push("c.dnr_year = :dnr_year AND c.dnr_seq = :dnr_seq".into());
                params.push((":dnr_year".into(), SearchValue::Int(year)));
                params.push((":dnr_seq".into(), SearchValue::Int(seq)));
            }
            None => {
                clauses.push(
                    "c.id IN (SELECT rowid FROM case_text WHERE dnr LIKE :dnr ESCAPE '\\')".into(),
                );
                params.push((":dnr".into(), SearchValue::Text(like(dnr))));
            }
        }
    }
    if let Some(kommun) = &search.kommun {
        clauses.push(
            "c.organisation_id IN (SELECT id FROM organisations
               WHERE kind = 'kommun' AND name LIKE :kommun ESCAPE '\\')"
                .into(),
        );
        params.push((":kommun".into(), SearchValue::Text(like(kommun))));
    }
    if let Some(lan) = &search.lan {
        clauses.push(
            "c.organisation_id IN (SELECT id FROM organisations WHERE county LIKE :lan ESCAPE '\\')"
                .into(),
        );
        params.push((":lan".into(), SearchValue::Text(like(lan))));
    }
    if let Some(state) = search.status {
        // A kommun names few organisations; their cases are fewer than a state's, but SQLite
        // cannot tell from a LIKE, so the unary + keeps it off the state index then.
        clauses.push(if search.kommun.is_some() {
            "+c.state = :status".into()
        } else {
            "c.state = :status".into()
        });
        params.push((":status".into(), SearchValue::Text(state.code().into())));
    }
    if let Some(step) = search.step {
        clauses.push("c.step = :step".into());
        params.push((":step".into(), SearchValue::Int(i64::from(step.number()))));
    }
    if let Some(who) = &search.assignee {
        clauses.push(
            "c.assignee_id IN (SELECT id FROM users
               WHERE name LIKE :who ESCAPE '\\' OR login LIKE :who ESCAPE '\\')"
                .into(),
        );
        params.push((":who".into(), SearchValue::Text(like(who))));
    }
    if clauses.is_empty() {
        return ("1".into(), params);
    }
    (clauses.join(" AND "), params)
}

/// Lists larger than this are read from the text index when a search word can use it, and
/// their short words wait for a longer one.
pub const LARGE_LIST: i64 = 5_000;

/// How many matches of a common word are counted and listed before the list says "1 000+".
pub const SEARCH_CAP: usize = 1_000;

/// How a list is read: from its source's index, each case checked against the search (small
/// lists, lists without words), or from the text index, each match checked against the source
/// (a word searched in a large list: what costs is then the matches, not the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Shape {
    pub text_driven: bool,
    /// More than [`SEARCH_CAP`] cases match: the newest are listed, newest first.
    pub capped: bool,
    /// Words shorter than three characters were left out (a large list without a longer word).
    pub short_dropped: bool,
    /// A whole list in deadline order, read along the index `cases_deadline`, each case checked
    /// against the source (see [`DEADLINE_WALK_WINDOW`]).
    pub deadline_walk: bool,
}

/// A window of a deadline-ordered list of n cases among N reads about this many times N / n
/// entries of `cases_deadline` before it has its rows; sorting the list reads all n. The index
/// is walked when that is fewer: the open half of a million cases, about a millisecond a window
/// instead of 2 s.
const DEADLINE_WALK_WINDOW: i64 = 100;

/// Where a list's rows come from, as SQL: the cases, or the text index's matches joined to them.
fn from_clause(shape: Shape) -> &'static str {
    if shape.text_driven {
        "case_text CROSS JOIN cases c ON c.id = case_text.rowid"
    } else {
        "cases c"
    }
}

/// The cases and their organisations, joined so that the outer loop delivers the list's order
/// (CROSS JOIN fixes the loop order; with statistics SQLite would otherwise drive from the
/// small organisations table and sort every case). In the organisation order, organisations
/// by name are the outer loop and each one's cases come in received order from its index.
fn joined(query: &CaseQuery, shape: Shape) -> String {
    if query.sort == Sort::Organisation && !shape.text_driven {
        return "organisations o CROSS JOIN cases c ON c.organisation_id = o.id".into();
    }
    // A whole open list in received order is the partial index itself. Named, because with
    // some statistics SQLite reads the open cases state by state and sorts all of them.
    let open_in_order = matches!(
        query.source,
        CaseSource::Queue(Queue::AllOpen | Queue::Unassigned)
    ) && query.sort == Sort::Received
        && query.search.is_empty();
    let from = if open_in_order {
        "cases c INDEXED BY cases_open"
    } else if shape.deadline_walk {
        "cases c INDEXED BY cases_deadline"
    } else {
        from_clause(shape)
    };
    format!("{from} CROSS JOIN organisations o ON o.id = c.organisation_id")
}

/// The MATCH of a text-driven list (empty otherwise).
fn text_match(shape: Shape) -> &'static str {
    if shape.text_driven {
        " AND case_text MATCH :fts"
    } else {
        ""
    }
}

/// How many cases a query finds (the SQL; its search clause from [`search_clauses`]). A
/// text-driven count stops at `:cap`.
fn count_sql(query: &CaseQuery, search: &str, shape: Shape) -> String {
    if shape.text_driven {
        return format!(
            "SELECT count(*) FROM (SELECT 1 FROM {} WHERE ({}) AND ({search}){} LIMIT :cap)",
            from_clause(shape),
            source_filter(query.source),
            text_match(shape)
        );
    }
    format!(
        "SELECT count(*) FROM cases c WHERE ({}) AND ({search})",
        source_filter(query.source)
    )
}

/// The nearest deadline of a case, written as the index `cases_deadline` is.
const DEADLINE: &str =
    "coalesce(c.supplement_due_on, c.report_due_on, date(c.received_on, '+6 months'))";

/// The columns a list is ordered by, most significant first; every order ends in the id. A
/// capped list is the newest matches, in the text index's own (rowid) order, descending.
fn order_columns(sort: Sort, shape: Shape) -> &'static [&'static str] {
    if shape.capped {
        return &["case_text.rowid"];
    }
    match sort {
        Sort::Received => &["c.received_on", "c.id"],
        Sort::Deadline => &[DEADLINE, "c.id"],
        Sort::Organisation => &["o.name", "o.id", "c.received_on", "c.id"],
    }
}

/// The keyset clause of an anchor (`:k_order`, `:k_received`, `:k_id`) and whether the window
/// is read against the list's order.
fn anchor_clause(sort: Sort, shape: Shape, anchor: &Anchor) -> (String, bool) {
    let columns = order_columns(sort, shape);
    let values: &[&str] = match (shape.capped, sort) {
        (true, _) => &[":k_id"],
        (false, Sort::Organisation) => &[":k_order", ":k_org", ":k_received", ":k_id"],
        (false, Sort::Received | Sort::Deadline) => &[":k_order", ":k_id"],
    };
    // A capped list runs newest first: "after" is a smaller rowid.
    let (after, from, before) = if shape.capped {
        ("<", "<=", ">")
    } else {
        (">", ">=", "<")
    };
    // SQLite takes no range of an expression index from a row value: the deadline alone, which
    // the row value implies, bounds the index.
    let compare = |op: &str, lead: &str| {
        let rows = format!("({}) {op} ({})", columns.join(", "), values.join(", "));
        if sort == Sort::Deadline && !shape.capped {
            format!("{DEADLINE} {lead} :k_order AND {rows}")
        } else {
            rows
        }
    };
    match anchor {
        Anchor::At => ("1".into(), false),
        Anchor::After(_) => (compare(after, ">="), false),
        Anchor::From(_) => (compare(from, ">="), false),
        Anchor::Before(_) => (compare(before, "<="), true),
        Anchor::End => ("1".into(), true),
    }
}

/// The anchor a window is read from, and the rows it skips. A position and the end are read
/// as seeks from the first or past the last possible key: given only the open states, SQLite
/// would otherwise read every open case by state and sort them all, for the first window too.
/// The end of a capped list is its last listed rows, not the oldest match. A search (`whole`
/// false) is left to the planner, whose field words may narrow it better than the order.
fn seek_for(
    anchor: &Anchor,
    shape: Shape,
    whole: bool,
    offset: usize,
    limit: usize,
) -> (Anchor, usize) {
    let edge = |first: bool| RowKey {
        order: if first {
            String::new()
        } else {
            "\u{10FFFF}".into()
        },
        received_on: if first {
            String::new()
        } else {
            "9999-12-31".into()
        },
        id: if first { i64::MIN } else { i64::MAX },
        organisation_id: if first { i64::MIN } else { i64::MAX },
    };
    match anchor {
        Anchor::At if shape.capped => (Anchor::At, offset.min(SEARCH_CAP)),
        Anchor::End if shape.capped => (Anchor::At, SEARCH_CAP.saturating_sub(limit)),
        Anchor::At if whole => (Anchor::From(edge(true)), offset),
        Anchor::End if whole => (Anchor::Before(edge(false)), 0),
        Anchor::At => (Anchor::At, offset),
        other => (other.clone(), 0),
    }
}

/// One window of a query's cases in its order, from an anchor (the SQL the list and the plan
/// test share). Windows read against the order come out last row first.
fn window_sql(query: &CaseQuery, search: &str, shape: Shape, anchor: &Anchor) -> String {
    let (seek, against) = anchor_clause(query.sort, shape, anchor);
    let descending = against != shape.capped;
    let direction = if descending { " DESC" } else { "" };
    let columns = order_columns(query.sort, shape);
    let order: Vec<String> = columns.iter().map(|c| format!("{c}{direction}")).collect();
    format!(
        "SELECT c.id, c.dnr_year, c.dnr_seq, o.name, c.step, c.state, c.received_on,
                u.name, c.requested_ore, c.supplement_due_on, c.report_due_on,
                (SELECT group_concat(a.item_key, char(31)) FROM checklist_answers a
                  WHERE a.case_id = c.id),
                c.organisation_id, CAST({} AS TEXT)
         FROM {}
         LEFT JOIN users u ON u.id = c.assignee_id
         WHERE ({}) AND ({search}) AND ({seek}){}
         ORDER BY {}
         LIMIT :limit OFFSET :offset",
        columns[0],
        joined(query, shape),
        source_filter(query.source),
        text_match(shape),
        order.join(", "),
    )
}

/// Binds only the named parameters that the statement uses.
fn bind(stmt: &mut Statement<'_>, params: &[(&str, &dyn ToSql)]) -> Result<()> {
    for (name, value) in params {
        if let Some(index) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    Ok(())
}

fn bad(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.to_string(),
    }
}

fn step_of(n: i64) -> Result<Step> {
    Step::from_number(n).ok_or_else(|| bad("step", n))
}

fn state_of(s: &str) -> Result<CaseState> {
    CaseState::from_code(s).ok_or_else(|| bad("state", s))
}

pub(super) use super::admin::user_by_login;

/// See [`Store::case_exists`]; also used inside a write transaction.
pub(super) fn case_exists(
    conn: &Connection,
    organisation_id: i64,
    call_id: i64,
    received_on: NaiveDate,
    title: &str,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE organisation_id = ?1 AND call_id = ?2
               AND received_on = ?3 AND lower(title) = lower(?4))",
        )?
        .query_row(
            rusqlite::params![organisation_id, call_id, date_to_sql(received_on), title],
            |r| r.get(0),
        )?)
}

/// The organisation with this organisationsnummer, if any.
pub(super) fn organisation_id_by_nr(conn: &Connection, nr: OrgNr) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM organisations WHERE org_nr = ?1")?
        .query_row([nr.to_string()], |r| r.get(0))
        .optional()?)
}

/// Raw values of one case-list row, converted after the SQLite borrow ends.
struct RawCaseRow {
    id: i64,
    year: i64,
    seq: i64,
    organisation: String,
    step: i64,
    state: String,
    received: String,
    assignee: Option<String>,
    requested: i64,
    supplement_due: Option<String>,
    report_due: Option<String>,
    answered: Option<String>,
    organisation_id: i64,
    order_key: String,
}

fn raw_case_row(r: &Row<'_>) -> rusqlite::Result<RawCaseRow> {
    Ok(RawCaseRow {
        id: r.get(0)?,
        year: r.get(1)?,
        seq: r.get(2)?,
        organisation: r.get(3)?,
        step: r.get(4)?,
        state: r.get(5)?,
        received: r.get(6)?,
        assignee: r.get(7)?,
        requested: r.get(8)?,
        supplement_due: r.get(9)?,
        report_due: r.get(10)?,
        answered: r.get(11)?,
        organisation_id: r.get(12)?,
        order_key: r.get(13)?,
    })
}

fn case_row(prefix: &str, raw: RawCaseRow) -> Result<CaseRow> {
    let optional_date = |column: &'static str, v: Option<String>| -> Result<Option<NaiveDate>> {
        v.map(|s| date_from_sql(column, &s)).transpose()
    };
    Ok(CaseRow {
        id: raw.id,
        dnr: Dnr::new(prefix, raw.year as i32, raw.seq as u32),
        organisation_id: raw.organisation_id,
        organisation: raw.organisation,
        step: step_of(raw.step)?,
        state: state_of(&raw.state)?,
        received_on: date_from_sql("cases.received_on", &raw.received)?,
        assignee: raw.assignee,
        requested: Money(raw.requested),
        supplement_due_on: optional_date("cases.supplement_due_on", raw.supplement_due)?,
        report_due_on: optional_date("cases.report_due_on", raw.report_due)?,
        answered: raw
            .answered
            .map(|keys| keys.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        order_key: raw.order_key,
    })
}

impl Store {
    /// The agency as letters name it: its settings, each as a new database starts where unset.
    pub fn letterhead(&self) -> Result<crate::domain::admin::Letterhead> {
        use crate::domain::admin::Setting;
        let value = |s: Setting| -> Result<String> {
            Ok(self
                .setting(s.key())?
                .unwrap_or_else(|| s.default_value().to_string()))
        };
        Ok(crate::domain::admin::Letterhead {
            agency: value(Setting::AgencyName)?,
            address: value(Setting::PostalAddress)?,
            org_nr: value(Setting::OrgNr)?,
            contact: value(Setting::Contact)?,
        })
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Does the database hold any users or cases (anything beyond reference data)?
    pub fn has_activity(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM cases)",
            [],
            |r| r.get(0),
        )?)
    }

    pub fn dnr_prefix(&self) -> Result<String> {
        Ok(self
            .setting("dnr_prefix")?
            .unwrap_or_else(|| crate::domain::dnr::DEFAULT_PREFIX.to_string()))
    }

    pub fn calls(&self) -> Result<Vec<Call>> {
        self.calls_where(None)
    }

    /// One call, for the case view (not every call with its budget).
    pub fn call(&self, id: i64) -> Result<Call> {
        self.calls_where(Some(id))?
            .pop()
            .ok_or(StoreError::NotFound("call"))
    }

    fn calls_where(&self, only: Option<i64>) -> Result<Vec<Call>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.name, k.step, k.regulation, k.opens_on, k.closes_on, k.budget_ore,
                    coalesce((SELECT t.cases FROM call_tallies t WHERE t.call_id = k.id), 0)
             FROM calls k WHERE ?1 IS NULL OR k.id = ?1
             ORDER BY k.opens_on DESC, k.step, k.id",
        )?;
        type Raw = (i64, String, i64, String, String, Option<String>, i64, i64);
        let raw: Vec<Raw> = stmt
            .query_map([only], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        raw.into_iter()
            .map(
                |(id, name, step, regulation, opens, closes, budget, count)| {
                    let money = self.call_budget(id)?;
                    Ok(Call {
                        id,
                        name,
                        step: step_of(step)?,
                        regulation,
                        opens_on: date_from_sql("calls.opens_on", &opens)?,
                        closes_on: closes
                            .map(|c| date_from_sql("calls.closes_on", &c))
                            .transpose()?,
                        budget: Money(budget),
                        case_count: count,
                        granted: money.granted,
                        proposed: money.proposed,
                        paid: money.paid,
                        committed: money.committed,
                        paid_committed: money.paid_committed,
                        later: money.later,
                        paid_later: money.paid_later,
                    })
                },
            )
            .collect()
    }

    fn organisation_from(raw: RawOrg) -> Result<Organisation> {
        let (id, kind, name, org_nr, code, county, count) = raw;
        Ok(Organisation {
            id,
            kind: OrgKind::from_code(&kind).ok_or_else(|| bad("organisations.kind", &kind))?,
            name,
            org_nr: org_nr
                .map(|s| OrgNr::parse(&s).map_err(|_| bad("organisations.org_nr", s)))
                .transpose()?,
            code,
            county,
            case_count: count,
        })
    }

    /// All organisations by name (thousands at most; cases are never loaded like this).
    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.kind, o.name, o.org_nr, o.code, o.county,
                    coalesce((SELECT t.cases FROM organisation_tallies t
                              WHERE t.organisation_id = o.id), 0)
             FROM organisations o ORDER BY o.name COLLATE NOCASE, o.id",
        )?;
        let raw: Vec<RawOrg> = stmt
            .query_map([], raw_org)?
            .collect::<rusqlite::Result<_>>()?;
        let mut orgs = raw
            .into_iter()
            .map(Self::organisation_from)
            .collect::<Result<Vec<_>>>()?;
        // SQLite orders bytes; caseworkers expect Swedish alphabetical order (… z, å, ä, ö).
        orgs.sort_by_cached_key(|o| crate::domain::text::swedish_sort_key(&o.name));
        Ok(orgs)
    }

    /// Live counts for every queue.
    pub fn queue_counts(&self, user_id: i64, today: NaiveDate) -> Result<Vec<(Queue, i64)>> {
        Queue::ALL
            .iter()
            .map(|&q| Ok((q, self.queue_count(q, user_id, today)?)))
            .collect()
    }

    /// How many cases a queue holds: read from the counters of migration 8, and for Försenade
    /// (which depends on the day) counted from covered index ranges.
    fn queue_count(&self, queue: Queue, user_id: i64, today: NaiveDate) -> Result<i64> {
        let tally = |filter: &str, me: Option<i64>| -> Result<i64> {
            let sql = format!("SELECT coalesce(sum(cases), 0) FROM state_tallies WHERE {filter}");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            Ok(match me {
                Some(me) => stmt.query_row([me], |r| r.get(0))?,
                None => stmt.query_row([], |r| r.get(0))?,
            })
        };
        let open = open("state");
        let state_is = |s| derived::state_is("state", s);
        match queue {
            Queue::New => tally(&state_is(CaseState::Received), None),
            Queue::Mine => tally(&format!("assignee_id = ?1 AND {open}"), Some(user_id)),
            Queue::Unassigned => tally(&format!("assignee_id = 0 AND {open}"), None),
            Queue::AwaitingSupplement => tally(&state_is(CaseState::SupplementRequested), None),
            Queue::ReadyForDecision => tally(&state_is(CaseState::ProposedDecision), None),
            // A beslutad case has its unsent decision in the index too: counted once.
            Queue::ToDispatch => {
                let decided = tally(&state_is(CaseState::Decided), None)?;
                let changed: i64 = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT count(DISTINCT d.case_id)
                         FROM decisions d INDEXED BY decisions_unsent
                         JOIN cases c ON c.id = d.case_id
                         WHERE d.kind = 'beslut' AND d.sent_on IS NULL AND NOT ({})",
                        derived::state_is("c.state", CaseState::Decided)
                    ))?
                    .query_row([], |r| r.get(0))?;
                Ok(decided + changed)
            }
            Queue::AllOpen => tally(&open, None),
            Queue::Overdue => self.overdue_count(today),
        }
    }

    /// Försenade without listing it: the ways of being late by state are disjoint but for a
    /// komplettering both overdue and past the FL 12 § mark, which is subtracted once; an
    /// overdue report is added when its case is late in no other way.
    fn overdue_count(&self, today: NaiveDate) -> Result<i64> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            let (x, c) = (Late::of("x"), Late::of("c"));
            format!(
                "SELECT
                   (SELECT count(*) FROM cases x WHERE {x_supplement})
                 + (SELECT count(*) FROM cases x WHERE {x_report})
                 + (SELECT count(*) FROM cases x WHERE {x_statutory})
                 - (SELECT count(*) FROM cases x
                     WHERE {x_supplement} AND x.received_on <= :cutoff)
                 + (SELECT count(DISTINCT c.id) FROM reports r JOIN cases c ON c.id = r.case_id
                     WHERE r.received_on IS NULL AND r.due_on < :today AND {open}
                       AND NOT ({c_supplement}) AND NOT ({c_report})
                       AND NOT ({c_statutory}))",
                x_supplement = x.supplement,
                x_report = x.report,
                x_statutory = x.statutory,
                open = open("c.state"),
                c_supplement = c.supplement,
                c_report = c.report,
                c_statutory = c.statutory,
            )
        });
        let mut stmt = self.conn.prepare_cached(&SQL)?;
        let (today, cutoff) = (
            date_to_sql(today),
            date_to_sql(statutory_warning_cutoff(today)),
        );
        bind(&mut stmt, &[(":today", &today), (":cutoff", &cutoff)])?;
        let mut rows = stmt.raw_query();
        match rows.next()? {
            Some(row) => Ok(row.get(0)?),
            None => Ok(0),
        }
    }

    fn source_params(
        source: CaseSource,
        user_id: i64,
        today: NaiveDate,
    ) -> (i64, String, String, i64) {
        let id = match source {
            CaseSource::Call(id) | CaseSource::Organisation(id) => id,
            CaseSource::Queue(_) | CaseSource::All => 0,
        };
        (
            user_id,
            date_to_sql(today),
            date_to_sql(statutory_warning_cutoff(today)),
            id,
        )
    }

    pub fn count_cases(&self, source: CaseSource, user_id: i64, today: NaiveDate) -> Result<i64> {
        self.count_query(&CaseQuery::of(source), user_id, today)
    }

    /// A whole source's size, from the counters (Försenade from its index ranges).
    fn source_count(&self, source: CaseSource, user_id: i64, today: NaiveDate) -> Result<i64> {
        let one = |sql: &str, id: i64| -> Result<i64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row([id], |r| r.get::<_, i64>(0))
                .optional()?
                .unwrap_or(0))
        };
        match source {
            CaseSource::Queue(q) => self.queue_count(q, user_id, today),
            CaseSource::Call(id) => one("SELECT cases FROM call_tallies WHERE call_id = ?1", id),
            CaseSource::Organisation(id) => one(
                "SELECT cases FROM organisation_tallies WHERE organisation_id = ?1",
                id,
            ),
            CaseSource::All => Ok(self
                .conn
                .prepare_cached("SELECT coalesce(sum(cases), 0) FROM call_tallies")?
                .query_row([], |r| r.get(0))?),
        }
    }

    /// Binds the parameters of a case query (source, search) to `stmt`.
    fn bind_query(
        stmt: &mut Statement<'_>,
        query: &CaseQuery,
        search_params: &[(String, SearchValue)],
        user_id: i64,
        today: NaiveDate,
    ) -> Result<()> {
        let (me, today, cutoff, id) = Self::source_params(query.source, user_id, today);
        bind(
            stmt,
            &[
                (":me", &me),
                (":today", &today),
                (":cutoff", &cutoff),
                (":id", &id),
            ],
        )?;
        for (name, value) in search_params {
            match value {
                SearchValue::Text(t) => bind(stmt, &[(name.as_str(), t as &dyn ToSql)])?,
                SearchValue::Int(n) => bind(stmt, &[(name.as_str(), n as &dyn ToSql)])?,
            }
        }
        Ok(())
    }

    /// The query plans (EXPLAIN QUERY PLAN) of a case list's count and windows, as text lines,
    /// in every shape the list can take: for the test that every list, count and filter query
    /// uses an index.
    pub fn explain_query(
        &self,
        query: &CaseQuery,
        user_id: i64,
        today: NaiveDate,
    ) -> Result<Vec<String>> {
        let key = RowKey {
            order: "2026-01-01".into(),
            received_on: "2026-01-01".into(),
            id: 1,
            organisation_id: 1,
        };
        let has_long = query.search.words.iter().any(|w| w.chars().count() >= 3);
        let mut shapes = vec![Shape::default()];
        if has_long {
            for capped in [false, true] {
                shapes.push(Shape {
                    text_driven: true,
                    capped,
                    ..Shape::default()
                });
            }
        }
        if query.sort == Sort::Deadline && query.search.is_empty() {
            shapes.push(Shape {
                deadline_walk: true,
                ..Shape::default()
            });
        }
        let mut out = Vec::new();
        for shape in shapes {
            let (search, params) = search_clauses(&query.search, query.body, shape);
            let mut sqls = vec![count_sql(query, &search, shape)];
            for anchor in [
                Anchor::At,
                Anchor::After(key.clone()),
                Anchor::From(key.clone()),
                Anchor::Before(key.clone()),
                Anchor::End,
            ] {
                let (anchor, _) = seek_for(&anchor, shape, query.search.is_empty(), 0, 200);
                sqls.push(window_sql(query, &search, shape, &anchor));
            }
            for sql in sqls {
                let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                Self::bind_query(&mut stmt, query, &params, user_id, today)?;
                Self::bind_anchor(&mut stmt, &Anchor::After(key.clone()))?;
                let (limit, offset, cap) = (200i64, 0i64, 1001i64);
                bind(
                    &mut stmt,
                    &[(":limit", &limit), (":offset", &offset), (":cap", &cap)],
                )?;
                let mut rows = stmt.raw_query();
                while let Some(row) = rows.next()? {
                    out.push(row.get::<_, String>(3)?);
                }
            }
        }
        Ok(out)
    }

    /// How a query's list is read (see [`Shape`]), before its count says whether it is capped.
    fn shape(&self, query: &CaseQuery, user_id: i64, today: NaiveDate) -> Result<Shape> {
        let long = query.search.words.iter().any(|w| w.chars().count() >= 3);
        let short = query.search.words.iter().any(|w| w.chars().count() < 3);
        if !long && !short {
            let deadline_walk = query.sort == Sort::Deadline && query.search.is_empty() && {
                let n = self.source_count(query.source, user_id, today)?;
                n.saturating_mul(n) > DEADLINE_WALK_WINDOW.saturating_mul(self.case_total()?)
            };
            return Ok(Shape {
                deadline_walk,
                ..Shape::default()
            });
        }
        let large = self.source_count(query.source, user_id, today)? > LARGE_LIST;
        Ok(Shape {
            text_driven: large && long,
            short_dropped: large && short && !long,
            ..Shape::default()
        })
    }

    /// Whether a list is read along the deadline index (see [`Shape::deadline_walk`]).
    pub fn walks_deadline_index(
        &self,
        query: &CaseQuery,
        user_id: i64,
        today: NaiveDate,
    ) -> Result<bool> {
        Ok(self.shape(query, user_id, today)?.deadline_walk)
    }

    /// How many cases there are, from the counters.
    fn case_total(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(sum(cases), 0) FROM state_tallies")?
            .query_row([], |r| r.get(0))?)
    }

    /// How many cases a query finds (capped at [`SEARCH_CAP`] for a common word in a large
    /// list).
    pub fn count_query(&self, query: &CaseQuery, user_id: i64, today: NaiveDate) -> Result<i64> {
        Ok(self.list_size(query, user_id, today)?.total as i64)
    }

    /// How many cases a list holds, as far as they are counted: from the counters for a whole
    /// source, exactly for a search, and up to [`SEARCH_CAP`] for a common word in a large list.
    pub fn list_size(&self, query: &CaseQuery, user_id: i64, today: NaiveDate) -> Result<ListSize> {
        if query.search == Search::default() {
            let total = self.source_count(query.source, user_id, today)?;
            return Ok(ListSize {
                total: usize::try_from(total).unwrap_or(0),
                ..ListSize::default()
            });
        }
        let shape = self.shape(query, user_id, today)?;
        let (search, params) = search_clauses(&query.search, query.body, shape);
        let sql = count_sql(query, &search, shape);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Self::bind_query(&mut stmt, query, &params, user_id, today)?;
        let cap = SEARCH_CAP as i64 + 1;
        bind(&mut stmt, &[(":cap", &cap)])?;
        let mut rows = stmt.raw_query();
        let n: i64 = match rows.next()? {
            Some(row) => row.get(0)?,
            None => 0,
        };
        let n = usize::try_from(n).unwrap_or(0);
        let capped = shape.text_driven && n > SEARCH_CAP;
        Ok(ListSize {
            total: if capped { SEARCH_CAP } else { n },
            capped,
            short_dropped: shape.short_dropped,
        })
    }

    /// `limit` cases of `source` from position `offset`, oldest received first.
    pub fn case_window(
        &self,
        source: CaseSource,
        user_id: i64,
        today: NaiveDate,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>> {
        self.query_window(&CaseQuery::of(source), user_id, today, offset, limit)
    }

    /// `limit` cases that a query finds, from position `offset` in its order.
    pub fn query_window(
        &self,
        query: &CaseQuery,
        user_id: i64,
        today: NaiveDate,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>> {
        let capped = self.list_size(query, user_id, today)?.capped;
        self.query_window_at(query, user_id, today, capped, &Anchor::At, offset, limit)
    }

    /// `limit` cases that a query finds from an anchor, in the list's order (an `At` anchor
    /// starts at position `offset`; the others ignore it). `capped`: as [`Store::list_size`]
    /// said; such a list is its newest [`SEARCH_CAP`] matches, newest first.
    #[allow(clippy::too_many_arguments)]
    pub fn query_window_at(
        &self,
        query: &CaseQuery,
        user_id: i64,
        today: NaiveDate,
        capped: bool,
        anchor: &Anchor,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>> {
        let mut shape = self.shape(query, user_id, today)?;
        shape.capped = capped && shape.text_driven;
        let (anchor, offset) = seek_for(anchor, shape, query.search.is_empty(), offset, limit);
        let anchor = &anchor;
        let (search, params) = search_clauses(&query.search, query.body, shape);
        let sql = window_sql(query, &search, shape, anchor);
        // A capped list never runs past its cap.
        let limit = if shape.capped && matches!(anchor, Anchor::At) {
            limit.min(SEARCH_CAP.saturating_sub(offset))
        } else {
            limit
        };
        let (limit, offset) = (limit as i64, offset as i64);
        let prefix = self.dnr_prefix()?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Self::bind_query(&mut stmt, query, &params, user_id, today)?;
        Self::bind_anchor(&mut stmt, anchor)?;
        bind(&mut stmt, &[(":limit", &limit), (":offset", &offset)])?;
        let mut raw = Vec::new();
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next()? {
            raw.push(raw_case_row(row)?);
        }
        drop(rows);
        if matches!(anchor, Anchor::Before(_) | Anchor::End) {
            raw.reverse();
        }
        raw.into_iter().map(|r| case_row(&prefix, r)).collect()
    }

    fn bind_anchor(stmt: &mut Statement<'_>, anchor: &Anchor) -> Result<()> {
        if let Anchor::After(key) | Anchor::From(key) | Anchor::Before(key) = anchor {
            bind(
                stmt,
                &[
                    (":k_order", &key.order),
                    (":k_received", &key.received_on),
                    (":k_org", &key.organisation_id),
                    (":k_id", &key.id),
                ],
            )?;
        }
        Ok(())
    }

    /// The user's saved queues, by name.
    pub fn saved_queues(&self, user_id: i64) -> Result<Vec<SavedQueue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, source, query, sort FROM saved_queues WHERE user_id = ?1 ORDER BY name",
        )?;
        let raw = stmt
            .query_map([user_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        raw.into_iter()
            .map(|(id, name, source, text, sort)| {
                let (source, everywhere) = match source.strip_prefix("search:") {
                    Some(rest) => (rest.to_string(), true),
                    None => (source, false),
                };
                Ok(SavedQueue {
                    id,
                    name,
                    source: CaseSource::from_code(&source)
                        .ok_or_else(|| bad("saved_queues.source", &source))?,
                    text,
                    everywhere,
                    sort: Sort::from_code(&sort).ok_or_else(|| bad("saved_queues.sort", &sort))?,
                })
            })
            .collect()
    }

    /// Everything about one case, for the case view.
    pub fn case_detail(&self, case_id: i64) -> Result<CaseDetail> {
        let prefix = self.dnr_prefix()?;
        type Raw = (
            i64,
            i64,
            String,
            i64,
            i64,
            i64,
            String,
            String,
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
            Option<i64>,
        );
        let raw: Raw = self
            .conn
            .prepare_cached(
                "SELECT c.dnr_year, c.dnr_seq, c.title, c.organisation_id, c.call_id, c.step,
                        c.state, c.received_on, c.requested_ore, c.granted_ore, u.name,
                        c.supplement_due_on, c.report_due_on, c.checklist_id, c.version,
                        c.assignee_id
                 FROM cases c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.id = ?1",
            )?
            .query_row([case_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                    r.get(15)?,
                ))
            })
            .optional()?
            .ok_or(StoreError::NotFound("case"))?;
        let (year, seq, title, org_id, call_id, step, state, received) =
            (raw.0, raw.1, raw.2, raw.3, raw.4, raw.5, raw.6, raw.7);
        let organisation = self.organisation(org_id)?;
        let call = self.call(call_id)?;
        let opt_date = |column, v: Option<String>| v.map(|s| date_from_sql(column, &s)).transpose();
        Ok(CaseDetail {
            id: case_id,
            dnr: Dnr::new(&prefix, year as i32, seq as u32),
            title,
            organisation,
            call,
            step: step_of(step)?,
            state: state_of(&state)?,
            received_on: date_from_sql("cases.received_on", &received)?,
            requested: Money(raw.8),
            granted: raw.9.map(Money),
            assignee: raw.10,
            assignee_id: raw.15,
            supplement_due_on: opt_date("cases.supplement_due_on", raw.11)?,
            report_due_on: opt_date("cases.report_due_on", raw.12)?,
            checklist: raw
                .13
                .as_deref()
                .map(|id| self.checklist_version(id))
                .transpose()?
                .flatten(),
            checklist_id: raw.13,
            version: raw.14,
            answers: self.answers(case_id)?,
            documents: self.documents(case_id)?,
            notes: self.notes(case_id)?,
            decisions: self.decisions(case_id)?,
            events: self.case_events(case_id)?,
            budget: self.call_budget(call_id)?,
            reform_areas: self.reform_areas(case_id)?,
            jav_users: self.jav_users(org_id)?,
            followup: super::followup::followup(&self.conn, case_id)?,
            letterhead: self.letterhead()?,
        })
    }

    /// Every contact person with their organisation, for listing personal data per person.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, o.name, c.name, c.role, c.email, c.phone
             FROM contacts c JOIN organisations o ON o.id = c.organisation_id
             ORDER BY c.name, c.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Contact {
                    id: r.get(0)?,
                    organisation: r.get(1)?,
                    name: r.get(2)?,
                    role: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Registered documents that name the contact as sender or recipient ("DELMOS 2026/12-3"):
    /// they are allmänna handlingar, and keep the name whatever happens to the contact.
    pub fn documents_naming(&self, contact_id: i64) -> Result<Vec<String>> {
        let prefix = self.dnr_prefix()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.dnr_year, c.dnr_seq, d.sub_no FROM documents d
             JOIN cases c ON c.id = d.case_id
             JOIN contacts k ON lower(k.name) = lower(d.counterpart)
             WHERE k.id = ?1 ORDER BY c.dnr_year, c.dnr_seq, d.sub_no",
        )?;
        let rows: Vec<(i64, i64, i64)> = stmt
            .query_map([contact_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .map(|(y, n, sub)| format!("{prefix} {y}/{n}-{sub}"))
            .collect())
    }

    /// The reform areas of a case.
    pub fn reform_areas(&self, case_id: i64) -> Result<Vec<crate::domain::ReformArea>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT area FROM case_reform_areas WHERE case_id = ?1")?;
        let codes: Vec<String> = stmt
            .query_map([case_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut areas = codes
            .iter()
            .map(|c| {
                crate::domain::ReformArea::parse(c).ok_or_else(|| bad("case_reform_areas.area", c))
            })
            .collect::<Result<Vec<_>>>()?;
        areas.sort();
        Ok(areas)
    }

    /// Does a registered document name this file as where it is kept?
    pub fn document_names_file(&self, file_path: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM documents WHERE file_path = ?1)")?
            .query_row([file_path], |r| r.get(0))?)
    }

    /// The kept text of a checklist version.
    pub fn checklist_body(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT body FROM checklist_versions WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Is there a case of the organisation in the call, received that day, with that summary?
    /// (How a re-imported row is recognised.)
    pub fn case_exists(
        &self,
        organisation_id: i64,
        call_id: i64,
        received_on: NaiveDate,
        title: &str,
    ) -> Result<bool> {
        case_exists(&self.conn, organisation_id, call_id, received_on, title)
    }

    /// Every granted case, for the Sammanställning av beviljat statsbidrag.
    pub fn granted(&self, call_id: Option<i64>) -> Result<Vec<Granted>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.name, COALESCE(o.org_nr, ''), o.kind, COALESCE(o.county, ''), k.name,
                    c.step, c.granted_ore,
                    (SELECT group_concat(a.area, '|') FROM
                        (SELECT area FROM case_reform_areas WHERE case_id = c.id ORDER BY area) a)
             FROM cases c
             JOIN organisations o ON o.id = c.organisation_id
             JOIN calls k ON k.id = c.call_id
             WHERE c.granted_ore > 0 AND (?1 IS NULL OR c.call_id = ?1)
             ORDER BY k.opens_on, o.name, c.id",
        )?;
        type Raw = (
            String,
            String,
            String,
            String,
            String,
            i64,
            i64,
            Option<String>,
        );
        let raw: Vec<Raw> = stmt
            .query_map([call_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(
                |(organisation, org_nr, kind, county, call, step, amount, areas)| {
                    let reform_areas =
                        crate::domain::ReformArea::parse_list(&areas.unwrap_or_default())
                            .map_err(|v| bad("case_reform_areas.area", v))?;
                    Ok(Granted {
                        reform_areas,
                        organisation,
                        org_nr,
                        kind: OrgKind::from_code(&kind)
                            .ok_or_else(|| bad("organisations.kind", &kind))?,
                        county,
                        call,
                        step: step_of(step)?,
                        amount: Money(amount),
                    })
                },
            )
            .collect()
    }

    /// Case counts per state and per step, for the statistics view.
    pub fn counts_by(&self) -> Result<Counts> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT state, count(*) FROM cases GROUP BY state")?;
        let states: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT step, count(*) FROM cases GROUP BY step ORDER BY step")?;
        let steps: Vec<(i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_state = states
            .into_iter()
            .map(|(s, n)| Ok((state_of(&s)?, n)))
            .collect::<Result<Vec<_>>>()?;
        by_state.sort_by_key(|(s, _)| CaseState::ALL.iter().position(|x| x == s));
        let by_step = steps
            .into_iter()
            .map(|(s, n)| Ok((step_of(s)?, n)))
            .collect::<Result<Vec<_>>>()?;
        Ok((by_state, by_step))
    }

    pub fn count_all_cases(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?)
    }

    /// A kept checklist version, parsed; None when it was never kept.
    pub fn checklist_version(&self, id: &str) -> Result<Option<crate::domain::ChecklistTemplate>> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM checklist_versions WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        body.map(|b| {
            crate::domain::ChecklistTemplate::parse(&b)
                .map_err(|e| bad("checklist_versions.body", e.to_string()))
        })
        .transpose()
    }

    pub fn organisation_overview(&self, id: i64, today: NaiveDate) -> Result<OrgOverview> {
        let organisation = self.organisation(id)?;
        let query = CaseQuery::of(CaseSource::Organisation(id));
        let rows = self.query_window(&query, 0, today, 0, usize::MAX >> 1)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.name, c.granted_ore FROM cases c JOIN calls k ON k.id = c.call_id
             WHERE c.id = ?1",
        )?;
        let mut cases = Vec::with_capacity(rows.len());
        let mut granted_total = 0i64;
        let mut open_reports = Vec::new();
        let mut recoveries = Vec::new();
        for row in rows {
            let (call, granted): (String, Option<i64>) =
                stmt.query_row([row.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if row.state.is_decided() {
                granted_total = granted_total.saturating_add(granted.unwrap_or(0));
            }
            // What the follow-up says, not the case's state: a report received (and reviewed,
            // to återkrav say) is no longer expected, and an återkrav shows.
            if granted.is_some_and(|g| g > 0) {
                let followup = self.followup(row.id)?;
                for report in followup.reports.iter().filter(|r| r.received_on.is_none()) {
                    open_reports.push((row.dnr.clone(), report.kind, report.due_on));
                }
                for recovery in followup.recoveries {
                    recoveries.push((row.dnr.clone(), recovery));
                }
            }
            cases.push(OrgCase {
                row,
                call,
                granted: granted.map(Money),
            });
        }
        open_reports.sort_by_key(|(_, _, due)| *due);
        let jav = self
            .conn
            .prepare_cached(
                "SELECT u.name, j.reason FROM jav j JOIN users u ON u.id = j.user_id
                 WHERE j.organisation_id = ?1 AND j.withdrawn_at IS NULL ORDER BY u.name",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
        let standing = self.standing(id)?;
        let contacts = self
            .conn
            .prepare_cached(
                "SELECT c.id, o.name, c.name, c.role, c.email, c.phone
                 FROM contacts c JOIN organisations o ON o.id = c.organisation_id
                 WHERE c.organisation_id = ?1 ORDER BY c.name, c.id",
            )?
            .query_map([id], |r| {
                Ok(Contact {
                    id: r.get(0)?,
                    organisation: r.get(1)?,
                    name: r.get(2)?,
                    role: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(OrgOverview {
            organisation,
            cases,
            granted_total: Money(granted_total),
            open_reports,
            recoveries,
            jav,
            standing,
            contacts,
        })
    }

    pub fn organisation(&self, id: i64) -> Result<Organisation> {
        let raw = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.kind, o.name, o.org_nr, o.code, o.county,
                        (SELECT count(*) FROM cases c WHERE c.organisation_id = o.id)
                 FROM organisations o WHERE o.id = ?1",
            )?
            .query_row([id], raw_org)
            .optional()?
            .ok_or(StoreError::NotFound("organisation"))?;
        Self::organisation_from(raw)
    }

    fn answers(&self, case_id: i64) -> Result<Vec<ChecklistAnswer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.item_key, a.answer, a.comment, u.name, a.answered_at
             FROM checklist_answers a JOIN users u ON u.id = a.answered_by
             WHERE a.case_id = ?1",
        )?;
        let raw: Vec<(String, String, String, String, String)> = stmt
            .query_map([case_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(item_key, answer, comment, by, at)| {
                Ok(ChecklistAnswer {
                    answer: Answer::from_code(&answer)
                        .ok_or_else(|| bad("checklist_answers.answer", &answer))?,
                    item_key,
                    comment,
                    answered_by: by,
                    answered_at: time_from_sql("checklist_answers.answered_at", &at)?,
                })
            })
            .collect()
    }

    fn documents(&self, case_id: i64) -> Result<Vec<Document>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.sub_no, d.direction, d.doc_date, d.counterpart, d.description, u.name
             FROM documents d JOIN users u ON u.id = d.registered_by
             WHERE d.case_id = ?1 ORDER BY d.sub_no",
        )?;
        let raw: Vec<(i64, String, String, String, String, String)> = stmt
            .query_map([case_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(sub, dir, date, counterpart, description, by)| {
                Ok(Document {
                    sub_no: u32::try_from(sub).map_err(|_| bad("documents.sub_no", sub))?,
                    direction: Direction::from_code(&dir)
                        .ok_or_else(|| bad("documents.direction", &dir))?,
                    date: date_from_sql("documents.doc_date", &date)?,
                    counterpart,
                    description,
                    registered_by: by,
                })
            })
            .collect()
    }

    fn notes(&self, case_id: i64) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.name, n.created_at, n.body FROM notes n JOIN users u ON u.id = n.author_id
             WHERE n.case_id = ?1 ORDER BY n.created_at, n.id",
        )?;
        let raw: Vec<(String, String, String)> = stmt
            .query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(author, at, body)| {
                Ok(Note {
                    author,
                    created_at: time_from_sql("notes.created_at", &at)?,
                    body,
                })
            })
            .collect()
    }

    fn decisions(&self, case_id: i64) -> Result<Vec<Decision>> {
        struct Raw {
            id: i64,
            kind: String,
            on: String,
            outcome: String,
            amount: Option<i64>,
            from: Option<String>,
            to: Option<String>,
            report: Option<String>,
            motivation: String,
            rules: String,
            presenter_id: Option<i64>,
            presenter: Option<String>,
            decider: Option<String>,
            appeal: String,
            sent: Option<String>,
            over: i64,
            supersedes: Option<String>,
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.kind, d.decided_on, d.outcome, d.amount_ore, d.period_from,
                    d.period_to, d.report_due_on, d.motivation, d.rules, d.presenter_id, p.name,
                    b.name, d.appeal_text, d.sent_on, d.over_budget_confirmed,
                    (SELECT o.decided_on FROM decisions o WHERE o.id = d.supersedes_id)
             FROM decisions d
             LEFT JOIN users p ON p.id = d.presenter_id
             LEFT JOIN users b ON b.id = d.decider_id
             WHERE d.case_id = ?1 ORDER BY d.decided_on, d.id",
        )?;
        let raw: Vec<Raw> = stmt
            .query_map([case_id], |r| {
                Ok(Raw {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    on: r.get(2)?,
                    outcome: r.get(3)?,
                    amount: r.get(4)?,
                    from: r.get(5)?,
                    to: r.get(6)?,
                    report: r.get(7)?,
                    motivation: r.get(8)?,
                    rules: r.get(9)?,
                    presenter_id: r.get(10)?,
                    presenter: r.get(11)?,
                    decider: r.get(12)?,
                    appeal: r.get(13)?,
                    sent: r.get(14)?,
                    over: r.get(15)?,
                    supersedes: r.get(16)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let opt = |column, v: Option<String>| v.map(|s| date_from_sql(column, &s)).transpose();
        raw.into_iter()
            .map(|x| {
                let period = match (
                    opt("decisions.period_from", x.from)?,
                    opt("decisions.period_to", x.to)?,
                ) {
                    (Some(a), Some(b)) => Some((a, b)),
                    _ => None,
                };
                Ok(Decision {
                    id: x.id,
                    kind: DecisionKind::from_code(&x.kind)
                        .ok_or_else(|| bad("decisions.kind", &x.kind))?,
                    decided_on: date_from_sql("decisions.decided_on", &x.on)?,
                    outcome: Outcome::from_code(&x.outcome)
                        .ok_or_else(|| bad("decisions.outcome", &x.outcome))?,
                    amount: x.amount.map(Money),
                    period,
                    report_due_on: opt("decisions.report_due_on", x.report)?,
                    motivation: x.motivation,
                    rules: x.rules,
                    presenter_id: x.presenter_id,
                    presenter: x.presenter,
                    decider: x.decider,
                    appeal_text: x.appeal,
                    sent_on: opt("decisions.sent_on", x.sent)?,
                    over_budget_confirmed: x.over != 0,
                    supersedes: opt("decisions.supersedes", x.supersedes)?,
                    years: self.decision_years(x.id)?,
                })
            })
            .collect()
    }

    /// A call's budget with what is decided and what is proposed against it. Of a multi-year
    /// grant (or proposal) only the first year counts as the call's own; its later years are
    /// commitments against the call of the same step opening in that year (the `commitments`
    /// view of migration 0007), counted there as `committed`.
    pub fn call_budget(&self, call_id: i64) -> Result<crate::domain::decision::Budget> {
        // The commitments touching this call (from it or charged to it), each with what is
        // paid of its year: the grant's instalments falling due in that year. There are few:
        // only multi-year grants have later years.
        type Raw = (i64, i64, i64, i64, i64, i64, i64, i64, i64);
        let raw: Raw = self
            .conn
            .prepare_cached(
                "WITH m AS (
                    SELECT m.from_call_id, m.call_id, m.amount_ore,
                           (SELECT coalesce(sum(i.paid_ore), 0) FROM instalments i
                             WHERE i.case_id = m.case_id AND i.paid_on IS NOT NULL
                               AND CAST(substr(i.due_on, 1, 4) AS INTEGER) = m.year) AS paid_ore
                    FROM commitments m WHERE m.from_call_id = ?1 OR m.call_id = ?1)
                 SELECT k.budget_ore, CAST(substr(k.opens_on, 1, 4) AS INTEGER),
                    coalesce(t.granted_ore, 0),
                    coalesce(t.proposed_ore, 0),
                    coalesce(t.paid_ore, 0),
                    (SELECT coalesce(sum(amount_ore), 0) FROM m WHERE from_call_id = k.id),
                    (SELECT coalesce(sum(paid_ore), 0) FROM m WHERE from_call_id = k.id),
                    (SELECT coalesce(sum(amount_ore), 0) FROM m WHERE call_id = k.id),
                    (SELECT coalesce(sum(paid_ore), 0) FROM m WHERE call_id = k.id)
                 FROM calls k LEFT JOIN call_tallies t ON t.call_id = k.id WHERE k.id = ?1",
            )?
            .query_row([call_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })
            .optional()?
            .ok_or(StoreError::NotFound("call"))?;
        let (budget, year, granted, proposed, paid, later, paid_later, committed, paid_committed) =
            raw;
        Ok(crate::domain::decision::Budget {
            budget: Money(budget),
            // The tallies hold every year of the call's grants; the later years are
            // commitments against later calls.
            granted: Money(granted - later),
            proposed: Money(proposed),
            paid: Money(paid - paid_later),
            committed: Money(committed),
            paid_committed: Money(paid_committed),
            later: Money(later),
            paid_later: Money(paid_later),
            year: i32::try_from(year).unwrap_or_default(),
        })
    }

    /// Commitments of multi-year grants for years no call of their step opens in yet ("utan
    /// utlysning"): (year, step, amount), summed, by year then step.
    pub fn unassigned_commitments(&self) -> Result<Vec<(i32, Step, Money)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT year, step, SUM(amount_ore) FROM commitments WHERE call_id IS NULL
             GROUP BY year, step ORDER BY year, step",
        )?;
        let raw: Vec<(i64, i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(year, step, amount)| Ok((year as i32, step_of(step)?, Money(amount))))
            .collect()
    }

    /// The amount per year of a decision or proposal, by year; empty for a one-year grant.
    pub(super) fn decision_years(&self, decision_id: i64) -> Result<Vec<YearAmount>> {
        decision_years(&self.conn, decision_id)
    }

    /// Where the organisation stands in the chain of steps.
    pub fn standing(&self, organisation_id: i64) -> Result<crate::domain::decision::Standing> {
        let (positive_besked, completed_mapping): (bool, bool) = self
            .conn
            .prepare_cached(
                "SELECT
                    EXISTS (SELECT 1 FROM cases c JOIN decisions d ON d.case_id = c.id
                            WHERE c.organisation_id = ?1 AND c.step = 1 AND d.kind = 'beslut'
                              AND d.outcome = 'positivt_besked'),
                    EXISTS (SELECT 1 FROM cases c
                            WHERE c.organisation_id = ?1 AND c.step = 2 AND c.granted_ore > 0
                              AND (c.state = ?2
                                   OR EXISTS (SELECT 1 FROM cases r JOIN decisions d ON d.case_id = r.id
                                              WHERE r.parent_case_id = c.id AND d.kind = 'beslut'
                                                AND d.outcome = 'godkand')))",
            )?
            .query_row(
                rusqlite::params![organisation_id, CaseState::Closed.code()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        Ok(crate::domain::decision::Standing {
            positive_besked,
            completed_mapping,
        })
    }

    /// Users with an active jäv declaration for the organisation.
    pub fn jav_users(&self, organisation_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT user_id FROM jav WHERE organisation_id = ?1 AND withdrawn_at IS NULL",
        )?;
        let ids = stmt
            .query_map([organisation_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    fn case_events(&self, case_id: i64) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.at, COALESCE(u.name, ''), e.kind, e.before, e.after
             FROM events e LEFT JOIN users u ON u.id = e.user_id
             WHERE e.case_id = ?1 ORDER BY e.id",
        )?;
        type Raw = (String, String, String, Option<String>, Option<String>);
        let raw: Vec<Raw> = stmt
            .query_map([case_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(at, user, kind, before, after)| {
                Ok(Event {
                    at: time_from_sql("events.at", &at)?,
                    user,
                    kind: crate::domain::EventKind::read(&kind),
                    before,
                    after,
                })
            })
            .collect()
    }
}

pub use crate::domain::views::{Contact, Counts, Granted, OrgCase, OrgOverview};

type RawOrg = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

fn raw_org(r: &Row<'_>) -> rusqlite::Result<RawOrg> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

/// The amount per year of a decision or proposal, by year; empty for a one-year grant.
pub(super) fn decision_years(conn: &Connection, decision_id: i64) -> Result<Vec<YearAmount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT year, amount_ore FROM decision_years WHERE decision_id = ?1 ORDER BY year",
    )?;
    let rows = stmt
        .query_map([decision_id], |r| {
            Ok(YearAmount {
                year: r.get(0)?,
                amount: Money(r.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
