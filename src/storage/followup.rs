//! Follow-up of a grant (issue 6): payment plan, reports, återkrav. Reads on [`Store`], writes on
//! [`Writer`], each write with its event in the caller's transaction.

use super::{Result, Store, StoreError, Writer, date_from_sql, date_to_sql, time_to_sql};
use crate::domain::checklist::Answer;
use crate::domain::followup::{
    BudgetLine, Followup, Ground, Instalment, Recovery, RecoveryDecision, RecoveryDecisionKind,
    Repayment, Report, ReportKind, Review, ReviewOutcome,
};
use crate::domain::{Direction, EventKind, Money};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

fn bad(column: &'static str, value: impl ToString) -> StoreError {
    StoreError::BadValue {
        column,
        value: value.to_string(),
    }
}

fn opt_date(column: &'static str, v: Option<String>) -> Result<Option<NaiveDate>> {
    v.map(|s| date_from_sql(column, &s)).transpose()
}

fn instalments(conn: &Connection, case_id: i64) -> Result<Vec<Instalment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, no, due_on, amount_ore, requires_report, paid_on, paid_ore
         FROM instalments WHERE case_id = ?1 ORDER BY no",
    )?;
    type Raw = (i64, i64, String, i64, bool, Option<String>, Option<i64>);
    let raw: Vec<Raw> = stmt
        .query_map([case_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    raw.into_iter()
        .map(|(id, no, due, amount, requires_report, paid_on, paid)| {
            Ok(Instalment {
                id,
                no: u32::try_from(no).map_err(|_| bad("instalments.no", no))?,
                due_on: date_from_sql("instalments.due_on", &due)?,
                amount: Money(amount),
                requires_report,
                paid_on: opt_date("instalments.paid_on", paid_on)?,
                paid_amount: paid.map(Money),
            })
        })
        .collect()
}

fn reports(conn: &Connection, case_id: i64) -> Result<Vec<Report>> {
    struct Raw {
        id: i64,
        kind: String,
        due: String,
        received: Option<String>,
        doc: Option<i64>,
        reviewed: Option<String>,
        reviewer: Option<String>,
        outcome: Option<String>,
        answers: String,
        comment: String,
        checklist: Option<String>,
    }
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.kind, r.due_on, r.received_on, r.document_no, r.reviewed_on, u.name,
                r.outcome, r.answers, r.review_comment, r.checklist_id
         FROM reports r LEFT JOIN users u ON u.id = r.reviewed_by
         WHERE r.case_id = ?1 ORDER BY r.due_on, r.id",
    )?;
    let raw: Vec<Raw> = stmt
        .query_map([case_id], |r| {
            Ok(Raw {
                id: r.get(0)?,
                kind: r.get(1)?,
                due: r.get(2)?,
                received: r.get(3)?,
                doc: r.get(4)?,
                reviewed: r.get(5)?,
                reviewer: r.get(6)?,
                outcome: r.get(7)?,
                answers: r.get(8)?,
                comment: r.get(9)?,
                checklist: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let mut lines_stmt = conn.prepare_cached(
        "SELECT label, used_ore FROM report_lines WHERE report_id = ?1 ORDER BY line_no",
    )?;
    let mut out = Vec::new();
    for x in raw {
        let lines = lines_stmt
            .query_map([x.id], |r| {
                Ok(BudgetLine {
                    label: r.get(0)?,
                    used: Money(r.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let review = match (x.reviewed, x.outcome) {
            (Some(on), Some(outcome)) => Some(Review {
                outcome: ReviewOutcome::from_code(&outcome)
                    .ok_or_else(|| bad("reports.outcome", &outcome))?,
                reviewed_on: date_from_sql("reports.reviewed_on", &on)?,
                reviewer: x.reviewer.unwrap_or_default(),
                answers: x
                    .answers
                    .split(',')
                    .filter(|a| !a.is_empty())
                    .map(|a| Answer::from_code(a).ok_or_else(|| bad("reports.answers", a)))
                    .collect::<Result<_>>()?,
                comment: x.comment,
                checklist_id: x.checklist.unwrap_or_default(),
            }),
            _ => None,
        };
        out.push(Report {
            id: x.id,
            kind: ReportKind::from_code(&x.kind).ok_or_else(|| bad("reports.kind", &x.kind))?,
            due_on: date_from_sql("reports.due_on", &x.due)?,
            received_on: opt_date("reports.received_on", x.received)?,
            document: x
                .doc
                .map(|n| u32::try_from(n).map_err(|_| bad("reports.document_no", n)))
                .transpose()?,
            lines,
            review,
        });
    }
    Ok(out)
}

fn recoveries(conn: &Connection, case_id: i64) -> Result<Vec<Recovery>> {
    struct Raw {
        id: i64,
        ground: String,
        amount: i64,
        communicated: String,
        response: String,
        presenter_id: i64,
        presenter: String,
        decision: Option<String>,
        waived: i64,
        motivation: String,
        decider: Option<String>,
        decided: Option<String>,
        pay_by: Option<String>,
    }
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.ground, r.amount_ore, r.communicated_on, r.response_due_on,
                r.presenter_id, p.name, r.decision, r.waived_ore, r.motivation, b.name,
                r.decided_on, r.pay_by
         FROM recoveries r JOIN users p ON p.id = r.presenter_id
         LEFT JOIN users b ON b.id = r.decider_id
         WHERE r.case_id = ?1 ORDER BY r.id",
    )?;
    let raw: Vec<Raw> = stmt
        .query_map([case_id], |r| {
            Ok(Raw {
                id: r.get(0)?,
                ground: r.get(1)?,
                amount: r.get(2)?,
                communicated: r.get(3)?,
                response: r.get(4)?,
                presenter_id: r.get(5)?,
                presenter: r.get(6)?,
                decision: r.get(7)?,
                waived: r.get(8)?,
                motivation: r.get(9)?,
                decider: r.get(10)?,
                decided: r.get(11)?,
                pay_by: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    let mut pay_stmt = conn.prepare_cached(
        "SELECT paid_on, amount_ore FROM repayments WHERE recovery_id = ?1 ORDER BY paid_on, id",
    )?;
    let mut out = Vec::new();
    for x in raw {
        let pays: Vec<(String, i64)> = pay_stmt
            .query_map([x.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let repayments = pays
            .into_iter()
            .map(|(on, a)| {
                Ok(Repayment {
                    paid_on: date_from_sql("repayments.paid_on", &on)?,
                    amount: Money(a),
                })
            })
            .collect::<Result<_>>()?;
        let decision = match (x.decision, x.decided) {
            (Some(kind), Some(on)) => Some(RecoveryDecision {
                kind: RecoveryDecisionKind::from_code(&kind)
                    .ok_or_else(|| bad("recoveries.decision", &kind))?,
                waived: Money(x.waived),
                motivation: x.motivation,
                decider: x.decider.unwrap_or_default(),
                decided_on: date_from_sql("recoveries.decided_on", &on)?,
                pay_by: opt_date("recoveries.pay_by", x.pay_by)?,
            }),
            _ => None,
        };
        out.push(Recovery {
            id: x.id,
            ground: Ground::from_code(&x.ground)
                .ok_or_else(|| bad("recoveries.ground", &x.ground))?,
            claimed: Money(x.amount),
            communicated_on: date_from_sql("recoveries.communicated_on", &x.communicated)?,
            response_due: date_from_sql("recoveries.response_due_on", &x.response)?,
            presenter_id: x.presenter_id,
            presenter: x.presenter,
            decision,
            repayments,
        });
    }
    Ok(out)
}

pub(super) fn followup(conn: &Connection, case_id: i64) -> Result<Followup> {
    Ok(Followup {
        instalments: instalments(conn, case_id)?,
        reports: reports(conn, case_id)?,
        recoveries: recoveries(conn, case_id)?,
    })
}

impl Store {
    /// The case's payment plan, reports and återkrav.
    pub fn followup(&self, case_id: i64) -> Result<Followup> {
        followup(&self.conn, case_id)
    }
}

/// A received report as the form gives it.
pub struct NewReport<'a> {
    pub report_id: i64,
    pub received_on: NaiveDate,
    pub counterpart: &'a str,
    pub description: &'a str,
    pub lines: &'a [BudgetLine],
}

/// A report's review as the form gives it.
pub struct NewReview<'a> {
    pub report_id: i64,
    pub outcome: ReviewOutcome,
    pub answers: &'a [Answer],
    pub comment: &'a str,
    pub checklist_id: &'a str,
    pub reviewed_on: NaiveDate,
}

/// A new återkrav as the form gives it.
pub struct NewRecovery<'a> {
    pub report_id: Option<i64>,
    pub ground: Ground,
    pub amount: Money,
    pub communicated_on: NaiveDate,
    pub response_due: NaiveDate,
    pub counterpart: &'a str,
    pub description: &'a str,
}

impl Writer<'_> {
    /// A grant's follow-up as its decision sets it: the default `plan` (one instalment of the
    /// whole amount on the decision date, or one per year of a multi-year grant; see
    /// `domain::multiyear::default_plan`) unless something is paid, and the slutrapport by the
    /// decision's report date.
    pub fn init_followup(
        &mut self,
        user_id: i64,
        case_id: i64,
        plan: &[(NaiveDate, Money)],
        report_due: Option<NaiveDate>,
    ) -> Result<()> {
        let any_paid: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM instalments WHERE case_id = ?1 AND paid_on IS NOT NULL)",
            [case_id],
            |r| r.get(0),
        )?;
        let granted = plan
            .iter()
            .try_fold(0i64, |acc, (_, a)| acc.checked_add(a.ore()))
            .unwrap_or(0);
        if !any_paid && granted > 0 {
            self.replace_plan(user_id, case_id, plan, None)?;
        }
        if let Some(due) = report_due {
            self.expect_report(user_id, case_id, ReportKind::Final, due)?;
        }
        Ok(())
    }

    /// Expects a report of `kind` by `due`: the one not yet received gets the new date.
    fn expect_report(
        &mut self,
        user_id: i64,
        case_id: i64,
        kind: ReportKind,
        due: NaiveDate,
    ) -> Result<()> {
        let open: Option<(i64, String)> = self
            .tx
            .query_row(
                "SELECT id, due_on FROM reports WHERE case_id = ?1 AND kind = ?2
                   AND received_on IS NULL ORDER BY id DESC LIMIT 1",
                params![case_id, kind.code()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let after = serde_json::json!({"kind": kind.code(), "due_on": date_to_sql(due)});
        match open {
            Some((id, before)) => {
                if before == date_to_sql(due) {
                    return Ok(());
                }
                self.tx.execute(
                    "UPDATE reports SET due_on = ?1 WHERE id = ?2",
                    params![date_to_sql(due), id],
                )?;
                let before = serde_json::json!({"kind": kind.code(), "due_on": before});
                self.event(
                    Some(user_id),
                    Some(case_id),
                    EventKind::ReportExpected,
                    Some(&before.to_string()),
                    Some(&after.to_string()),
                )
            }
            None => {
                self.tx.execute(
                    "INSERT INTO reports (case_id, kind, due_on) VALUES (?1, ?2, ?3)",
                    params![case_id, kind.code(), date_to_sql(due)],
                )?;
                self.event(
                    Some(user_id),
                    Some(case_id),
                    EventKind::ReportExpected,
                    None,
                    Some(&after.to_string()),
                )
            }
        }
    }

    fn replace_plan(
        &mut self,
        user_id: i64,
        case_id: i64,
        plan: &[(NaiveDate, Money)],
        gated: Option<u32>,
    ) -> Result<()> {
        let before: Vec<(i64, String, i64)> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT no, due_on, amount_ore FROM instalments WHERE case_id = ?1 ORDER BY no",
            )?;
            stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        self.tx
            .execute("DELETE FROM instalments WHERE case_id = ?1", [case_id])?;
        for (i, (due, amount)) in plan.iter().enumerate() {
            let no = i as i64 + 1;
            self.tx.execute(
                "INSERT INTO instalments (case_id, no, due_on, amount_ore, requires_report)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    case_id,
                    no,
                    date_to_sql(*due),
                    amount.ore(),
                    gated.is_some_and(|g| i64::from(g) == no)
                ],
            )?;
        }
        self.bump(case_id)?;
        let show = |rows: Vec<(i64, String, i64)>| {
            serde_json::json!(
                rows.into_iter()
                    .map(|(no, due, ore)| serde_json::json!({"no": no, "due_on": due, "amount_ore": ore}))
                    .collect::<Vec<_>>()
            )
            .to_string()
        };
        let after = plan
            .iter()
            .enumerate()
            .map(|(i, (d, a))| (i as i64 + 1, date_to_sql(*d), a.ore()))
            .collect();
        let before = (!before.is_empty()).then(|| show(before));
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::PaymentPlanSet,
            before.as_deref(),
            Some(&show(after)),
        )
    }

    /// Sets a new payment plan (nothing may be paid yet); `gated`: the instalment that waits for
    /// an approved lägesrapport, and the report's due date.
    pub fn set_payment_plan(
        &mut self,
        user_id: i64,
        case_id: i64,
        plan: &[(NaiveDate, Money)],
        gated: Option<(u32, NaiveDate)>,
    ) -> Result<()> {
        self.replace_plan(user_id, case_id, plan, gated.map(|g| g.0))?;
        if let Some((_, due)) = gated {
            self.expect_report(user_id, case_id, ReportKind::Progress, due)?;
        }
        Ok(())
    }

    /// Records that an instalment was paid: on which day, how much.
    pub fn mark_paid(
        &mut self,
        user_id: i64,
        case_id: i64,
        instalment_id: i64,
        paid_on: NaiveDate,
        amount: Money,
    ) -> Result<()> {
        let no: i64 = self
            .tx
            .query_row(
                "UPDATE instalments SET paid_on = ?1, paid_ore = ?2, paid_by = ?3
                 WHERE id = ?4 AND case_id = ?5 AND paid_on IS NULL RETURNING no",
                params![
                    date_to_sql(paid_on),
                    amount.ore(),
                    user_id,
                    instalment_id,
                    case_id
                ],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound("instalment"))?;
        self.bump(case_id)?;
        let after = serde_json::json!({
            "no": no, "paid_on": date_to_sql(paid_on), "amount_ore": amount.ore(),
        });
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::InstalmentPaid,
            None,
            Some(&after.to_string()),
        )
    }

    /// Registers a received report as an incoming document, with its used amount per budget line.
    pub fn register_report(
        &mut self,
        user_id: i64,
        case_id: i64,
        r: &NewReport<'_>,
    ) -> Result<u32> {
        let sub = self.register_document(
            user_id,
            &super::NewDocument {
                case_id,
                direction: Direction::Incoming,
                date: r.received_on,
                counterpart: r.counterpart,
                description: r.description,
                file_path: None,
            },
        )?;
        let n = self.tx.execute(
            "UPDATE reports SET received_on = ?1, document_no = ?2
             WHERE id = ?3 AND case_id = ?4 AND received_on IS NULL",
            params![date_to_sql(r.received_on), sub, r.report_id, case_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("report"));
        }
        for (i, line) in r.lines.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO report_lines (report_id, line_no, label, used_ore) VALUES (?1, ?2, ?3, ?4)",
                params![r.report_id, i as i64 + 1, line.label, line.used.ore()],
            )?;
        }
        let used: i64 = r.lines.iter().map(|l| l.used.ore()).sum();
        let after = serde_json::json!({
            "report_id": r.report_id, "received_on": date_to_sql(r.received_on),
            "sub_no": sub, "used_ore": used,
        });
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::ReportReceived,
            None,
            Some(&after.to_string()),
        )?;
        Ok(sub)
    }

    /// Records the review of a received report and its outcome.
    pub fn review_report(&mut self, user_id: i64, case_id: i64, r: &NewReview<'_>) -> Result<()> {
        let answers: Vec<&str> = r.answers.iter().map(|a| a.code()).collect();
        let before: Option<Option<String>> = self
            .tx
            .query_row(
                "SELECT outcome FROM reports WHERE id = ?1 AND case_id = ?2
                   AND received_on IS NOT NULL",
                params![r.report_id, case_id],
                |row| row.get(0),
            )
            .optional()?;
        let Some(before) = before else {
            return Err(StoreError::NotFound("report"));
        };
        self.tx.execute(
            "UPDATE reports SET reviewed_on = ?1, reviewed_by = ?2, outcome = ?3, answers = ?4,
                 review_comment = ?5, checklist_id = ?6 WHERE id = ?7",
            params![
                date_to_sql(r.reviewed_on),
                user_id,
                r.outcome.code(),
                answers.join(","),
                r.comment,
                r.checklist_id,
                r.report_id
            ],
        )?;
        self.bump(case_id)?;
        let after = serde_json::json!({
            "report_id": r.report_id, "outcome": r.outcome.code(), "comment": r.comment,
        });
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::ReportReviewed,
            before.as_deref(),
            Some(&after.to_string()),
        )
    }

    /// Opens an återkrav and registers the kommuniceringsbrev as an outgoing document.
    pub fn open_recovery(
        &mut self,
        user_id: i64,
        case_id: i64,
        r: &NewRecovery<'_>,
    ) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO recoveries (case_id, report_id, ground, amount_ore, communicated_on,
                 response_due_on, presenter_id, opened_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                case_id,
                r.report_id,
                r.ground.code(),
                r.amount.ore(),
                date_to_sql(r.communicated_on),
                date_to_sql(r.response_due),
                user_id,
                time_to_sql(self.now)
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.register_document(
            user_id,
            &super::NewDocument {
                case_id,
                direction: Direction::Outgoing,
                date: r.communicated_on,
                counterpart: r.counterpart,
                description: r.description,
                file_path: None,
            },
        )?;
        let after = serde_json::json!({
            "recovery_id": id, "ground": r.ground.code(), "amount_ore": r.amount.ore(),
            "response_due_on": date_to_sql(r.response_due),
        });
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::RecoveryOpened,
            None,
            Some(&after.to_string()),
        )?;
        Ok(id)
    }

    /// Decides an återkrav (krav or eftergift) and registers the letter.
    #[allow(clippy::too_many_arguments)]
    pub fn decide_recovery(
        &mut self,
        decider_id: i64,
        case_id: i64,
        recovery_id: i64,
        decision: &RecoveryDecision,
        letter: Option<&str>,
        counterpart: &str,
        description: &str,
    ) -> Result<u32> {
        let n = self.tx.execute(
            "UPDATE recoveries SET decision = ?1, waived_ore = ?2, motivation = ?3,
                 decider_id = ?4, decided_on = ?5, pay_by = ?6
             WHERE id = ?7 AND case_id = ?8 AND decision IS NULL",
            params![
                decision.kind.code(),
                decision.waived.ore(),
                decision.motivation,
                decider_id,
                date_to_sql(decision.decided_on),
                decision.pay_by.map(date_to_sql),
                recovery_id,
                case_id
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound("återkrav"));
        }
        let sub = self.register_document(
            decider_id,
            &super::NewDocument {
                case_id,
                direction: Direction::Outgoing,
                date: decision.decided_on,
                counterpart,
                description,
                file_path: letter,
            },
        )?;
        let after = serde_json::json!({
            "recovery_id": recovery_id, "decision": decision.kind.code(),
            "waived_ore": decision.waived.ore(), "motivation": decision.motivation,
        });
        self.event(
            Some(decider_id),
            Some(case_id),
            EventKind::RecoveryDecided,
            None,
            Some(&after.to_string()),
        )?;
        Ok(sub)
    }

    /// Registers a repayment of an återkrav.
    pub fn add_repayment(
        &mut self,
        user_id: i64,
        case_id: i64,
        recovery_id: i64,
        paid_on: NaiveDate,
        amount: Money,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO repayments (recovery_id, paid_on, amount_ore, registered_by, registered_at)
             SELECT id, ?1, ?2, ?3, ?4 FROM recoveries WHERE id = ?5 AND case_id = ?6",
            params![
                date_to_sql(paid_on),
                amount.ore(),
                user_id,
                time_to_sql(self.now),
                recovery_id,
                case_id
            ],
        )?;
        self.bump(case_id)?;
        let after = serde_json::json!({
            "recovery_id": recovery_id, "paid_on": date_to_sql(paid_on), "amount_ore": amount.ore(),
        });
        self.event(
            Some(user_id),
            Some(case_id),
            EventKind::RepaymentRegistered,
            None,
            Some(&after.to_string()),
        )
    }
}

/// A granted case and its decision, for the demo's follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentGrant {
    pub case_id: i64,
    pub state: crate::domain::CaseState,
    /// When the decision was expedited, else when it was made.
    pub sent_on: NaiveDate,
    pub sent: bool,
    pub granted: Money,
    pub report_due: Option<NaiveDate>,
    pub organisation: String,
    pub presenter_id: Option<i64>,
}

impl Writer<'_> {
    /// The case's follow-up as written so far in this transaction.
    pub fn followup(&self, case_id: i64) -> Result<Followup> {
        followup(self.tx, case_id)
    }

    /// Granted cases with their latest decision, oldest first.
    pub fn sent_grants(&self) -> Result<Vec<SentGrant>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT c.id, c.state, COALESCE(d.sent_on, d.decided_on), c.granted_ore,
                    c.report_due_on, o.name, d.presenter_id, d.sent_on IS NOT NULL
             FROM cases c JOIN organisations o ON o.id = c.organisation_id
             JOIN decisions d ON d.id = (SELECT MAX(x.id) FROM decisions x
                                         WHERE x.case_id = c.id AND x.kind = 'beslut')
             WHERE c.granted_ore > 0
             ORDER BY d.decided_on, c.id",
        )?;
        type Raw = (
            i64,
            String,
            String,
            i64,
            Option<String>,
            String,
            Option<i64>,
            bool,
        );
        let raw: Vec<Raw> = stmt
            .query_map([], |r| {
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
                |(case_id, state, on, granted, due, organisation, presenter_id, sent)| {
                    Ok(SentGrant {
                        case_id,
                        state: crate::domain::CaseState::from_code(&state)
                            .ok_or_else(|| bad("cases.state", &state))?,
                        sent_on: date_from_sql("decisions.sent_on", &on)?,
                        sent,
                        granted: Money(granted),
                        report_due: opt_date("cases.report_due_on", due)?,
                        organisation,
                        presenter_id,
                    })
                },
            )
            .collect()
    }
}
