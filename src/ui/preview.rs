//! What a preview says, line by line: the import's dry run, a batch, the statistics, an
//! organisation, a letter before it goes out. The app hands over data; the words and the
//! layout are made here.

use crate::app::modal::PreviewContent;
use crate::app::{App, BatchLine, CaseWrite, Skip, StatsData};
use crate::domain::decision::Budget;
use crate::domain::views::OrgOverview;
use crate::i18n::{self, Lang, T, tr};
use crate::io::import::{Plan, problem_lines};

/// How many of an import's rows the dry run lists.
const PLAN_ROWS: usize = 500;

/// The lines of a preview's content.
pub fn lines(app: &App, content: &PreviewContent) -> Vec<String> {
    match content {
        PreviewContent::Import {
            plan,
            source,
            encoding,
            delimiter,
        } => import(app.lang, plan, source, encoding, *delimiter),
        PreviewContent::Batch(lines) => batch(app, lines),
        PreviewContent::Stats(data) => stats(app.lang, data),
        PreviewContent::Organisation(o) => organisation(app, o),
        PreviewContent::Letter(text) => {
            let mut out = vec![T::LetterConfirm.text(app.lang).to_string(), String::new()];
            out.extend(text.lines().map(str::to_string));
            out
        }
    }
}

/// A call's money in one line, per year (issue 19): budget and what is left first (they are
/// what a decision is weighed against), then this year's grants and what is paid of them, the
/// proposals, and the multi-year grants on either side: committed here from earlier years, and
/// this call's own later years, each with what is paid of it.
pub fn budget_line(lang: Lang, b: &Budget) -> String {
    let mut line = tr(
        lang,
        T::ScBudgetLine,
        &[
            &b.budget.to_string(),
            &b.remaining().to_string(),
            &b.year.to_string(),
            &b.granted.to_string(),
            &b.paid.to_string(),
            &b.proposed.to_string(),
        ],
    );
    if b.committed.ore() != 0 || b.paid_committed.ore() != 0 {
        line.push_str(&tr(
            lang,
            T::ScBudgetCommitted,
            &[&b.committed.to_string(), &b.paid_committed.to_string()],
        ));
    }
    if b.later.ore() != 0 || b.paid_later.ore() != 0 {
        line.push_str(&tr(
            lang,
            T::ScBudgetLater,
            &[&b.later.to_string(), &b.paid_later.to_string()],
        ));
    }
    line
}

fn import(
    lang: Lang,
    plan: &Plan,
    source: &str,
    encoding: &str,
    delimiter: Option<char>,
) -> Vec<String> {
    let format = match delimiter {
        Some(d) => format!("{encoding}, {d:?}"),
        None => format!("{encoding}, JSON"),
    };
    let mut lines = vec![tr(
        lang,
        T::ImpRead,
        &[source, &format, &plan.rows.to_string()],
    )];
    if !plan.ignored_columns.is_empty() {
        lines.push(tr(lang, T::ImpIgnored, &[&plan.ignored_columns.join(", ")]));
    }
    lines.push(String::new());
    if plan.ok() {
        lines.push(tr(
            lang,
            T::ImpWould,
            &[
                &plan.cases.len().to_string(),
                &plan.new_orgs.len().to_string(),
                &plan.existing.to_string(),
            ],
        ));
        // Warnings first: what the caseworker should see before confirming.
        lines.extend(problem_lines(lang, plan));
        // The first rows show what the file holds; a large file is not drawn whole every frame.
        for c in plan.planned().take(PLAN_ROWS) {
            lines.push(format!(
                "  {} · {} · {} · {}",
                c.received_on,
                c.organisation_name,
                c.title.replace('\n', " / "),
                c.requested
            ));
        }
        if plan.cases.len() > PLAN_ROWS {
            let more = (plan.cases.len() - PLAN_ROWS).to_string();
            lines.push(tr(lang, T::ImpMoreRows, &[&more]));
        }
        lines.push(String::new());
        lines.push(T::ImpConfirm.text(lang).to_string());
    } else {
        lines.extend(problem_lines(lang, plan));
        lines.push(String::new());
        lines.push(tr(lang, T::ImpRefused, &[&plan.error_count.to_string()]));
    }
    lines
}

fn batch(app: &App, lines: &[BatchLine]) -> Vec<String> {
    let lang = app.lang;
    lines
        .iter()
        .map(|line| {
            let d = &line.facts;
            let head = format!("{}/{}  {}", d.dnr.year, d.dnr.seq, d.organisation);
            match &line.outcome {
                Ok((write, to)) => {
                    let what = match (write, to) {
                        (CaseWrite::Assign { user_id }, _) => {
                            let name = app
                                .users
                                .iter()
                                .find(|u| u.id == *user_id)
                                .map_or_else(String::new, |u| u.name.clone());
                            tr(lang, T::BatchAssignLine, &[&name])
                        }
                        (CaseWrite::Transition { .. }, Some(to)) => tr(
                            lang,
                            T::BatchStateLine,
                            &[i18n::state(d.state).text(lang), i18n::state(*to).text(lang)],
                        ),
                        _ => String::new(),
                    };
                    format!("  ✓ {head}: {what}")
                }
                Err(skip) => {
                    let why = match skip {
                        Skip::Refused(r) => app.refusal_text(r, None),
                        Skip::AlreadyAssigned => T::BatchAlreadyAssigned.text(lang).to_string(),
                        Skip::Jav => T::BatchJav.text(lang).to_string(),
                    };
                    format!("  – {head}: {}", tr(lang, T::BatchSkipped, &[&why]))
                }
            }
        })
        .collect()
}

fn stats(lang: Lang, data: &StatsData) -> Vec<String> {
    let mut lines = vec![T::StatsByState.text(lang).to_string()];
    for (s, n) in &data.by_state {
        lines.push(format!("  {:<28} {n:>8}", i18n::state(*s).text(lang)));
    }
    lines.push(String::new());
    lines.push(T::StatsByStep.text(lang).to_string());
    for (s, n) in &data.by_step {
        lines.push(format!(
            "  {} {:<36} {n:>8}",
            s.number(),
            i18n::step(*s).text(lang)
        ));
    }
    lines.push(String::new());
    lines.push(T::StatsByCall.text(lang).to_string());
    for c in &data.calls {
        lines.push(format!("  {:<44} {:>6}", c.name, c.case_count));
        if c.budget.ore() > 0 || c.committed.ore() > 0 {
            lines.push(format!("      {}", budget_line(lang, &c.budget_status())));
        }
    }
    if !data.unassigned.is_empty() {
        lines.push(String::new());
        lines.push(T::MyUnassigned.text(lang).to_string());
        for (year, step, amount) in &data.unassigned {
            let step = i18n::step(*step).text(lang);
            let row = tr(
                lang,
                T::MyUnassignedRow,
                &[&year.to_string(), step, &amount.to_string()],
            );
            lines.push(format!("  {row}"));
        }
    }
    lines.push(String::new());
    lines.push(T::RptTitle.text(lang).to_string());
    // The per-grant rows are in the command line's report; here the totals.
    lines.extend(crate::io::report::totals_lines(&data.granted, lang));
    lines
}

/// The organisation view: who it is and where it stands, what it owes (reports, återkrav), who
/// has declared jäv, its contacts, and last its cases, one line each (the view's cursor moves
/// through them and Enter opens one: they are the last `o.cases.len()` lines).
fn organisation(app: &App, o: &OrgOverview) -> Vec<String> {
    let lang = app.lang;
    let org = &o.organisation;
    let dash = || T::Dash.text(lang).to_string();
    let step = crate::domain::decision::highest_step(o.standing);
    let mut lines = vec![
        format!(
            "{} · {} · {}",
            org.name,
            i18n::org_kind(org.kind).text(lang),
            org.org_nr.as_ref().map_or_else(dash, ToString::to_string)
        ),
        tr(
            lang,
            T::OrgSummary,
            &[&o.cases.len().to_string(), &o.granted_total.to_string()],
        ),
        tr(
            lang,
            T::ScOrgStanding,
            &[
                &match step.number() {
                    1 => "1".to_string(),
                    n => format!("1–{n}"),
                },
                i18n::step(step).text(lang),
            ],
        ),
        String::new(),
        T::OrgReports.text(lang).to_string(),
    ];
    if o.open_reports.is_empty() {
        lines.push(format!("  {}", dash()));
    }
    for (dnr, kind, due) in &o.open_reports {
        let late = if *due < app.today {
            format!(" · {}", T::OrgReportLate.text(lang))
        } else {
            String::new()
        };
        lines.push(format!(
            "  {}/{}  {}  {due}{late}",
            dnr.year,
            dnr.seq,
            i18n::report_kind(*kind).text(lang)
        ));
    }
    lines.push(String::new());
    lines.push(T::ScOrgRecoveries.text(lang).to_string());
    if o.recoveries.is_empty() {
        lines.push(format!("  {}", dash()));
    }
    for (dnr, r) in &o.recoveries {
        lines.push(format!(
            "  {}/{}  {}  {} · {}",
            dnr.year,
            dnr.seq,
            i18n::ground(r.ground).text(lang),
            r.claimed,
            crate::app::followup::recovery_status_text(app, r)
        ));
    }
    lines.push(String::new());
    lines.push(T::ScOrgJav.text(lang).to_string());
    if o.jav.is_empty() {
        lines.push(format!("  {}", dash()));
    }
    for (name, reason) in &o.jav {
        lines.push(format!("  {name} · {reason}"));
    }
    lines.push(String::new());
    lines.push(T::OrgContacts.text(lang).to_string());
    if o.contacts.is_empty() {
        lines.push(format!("  {}", dash()));
    }
    for c in &o.contacts {
        lines.push(format!(
            "  {} · {} · {} · {}",
            c.name, c.role, c.email, c.phone
        ));
    }
    lines.push(String::new());
    lines.push(T::OrgCases.text(lang).to_string());
    for c in &o.cases {
        let granted = c.granted.map_or_else(dash, |g| g.to_string());
        lines.push(format!(
            "  {:<9} {}  {:<24} {:>16}  {}",
            format!("{}/{}", c.row.dnr.year, c.row.dnr.seq),
            c.row.step.number(),
            i18n::state(c.row.state).text(lang),
            granted,
            c.call
        ));
    }
    lines
}
