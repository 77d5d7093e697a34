//! The demo database: realistic, deterministic cases in every step and state, dated around
//! `today` so deadlines and queues look as they would on a working day.

use crate::checklists::Checklist;
use crate::domain::records;
use crate::domain::{
    Answer, CaseState, ChecklistTemplate, DecisionKind, Direction, Dnr, Money, OrgKind, OrgNr,
    Organisation, Outcome, Role, Step,
};
use crate::storage::bulk::BulkCase;
use crate::storage::{NewCase, NewDecision, NewDocument};
use crate::storage::{Result, Store, Writer};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + (self.next() % (hi - lo + 1) as u64) as i64
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, X>(&mut self, items: &'a [X]) -> &'a X {
        &items[self.below(items.len())]
    }
}

pub const DEMO_USERS: [(&str, &str, &[Role]); 5] = [
    ("anna", "Anna Lindqvist", &[Role::Caseworker]),
    ("bertil", "Bertil Okafor", &[Role::Caseworker]),
    ("dalia", "Dalia Haddad", &[Role::Caseworker]),
    ("cecilia", "Cecilia Holm", &[Role::DecisionMaker]),
    (
        "erik",
        "Erik Sandberg",
        &[Role::DecisionMaker, Role::Administrator],
    ),
];

const ASSOCIATION_NAMES: [&str; 12] = [
    "Föreningen Grannskap {}",
    "Kvinnors nätverk i {}",
    "Ungdomens hus {}",
    "Idrottsalliansen {}",
    "Läxhjälpen {}",
    "Mötesplats {}",
    "Hyresgästföreningen {}",
    "Studieförbundet Bro {}",
    "Kulturföreningen Mosaik {}",
    "Röda korset {}kretsen",
    "Föräldranätverket {}",
    "Fotbollsklubben Förenade {}",
];

const FOUNDATION_NAMES: [&str; 4] = [
    "Stiftelsen Trygga barn {}",
    "Stiftelsen Framtid {}",
    "Stiftelsen Kunskapsbron {}",
    "Stiftelsen Boende för alla {}",
];

const FAITH_NAMES: [&str; 2] = ["Församlingen i {}", "Islamiska kulturcentret {}"];

const FIRST_NAMES: [&str; 12] = [
    "Maria", "Ahmed", "Karin", "Johan", "Leila", "Per", "Sara", "Omar", "Eva", "Mikael", "Fatima",
    "Lars",
];
const LAST_NAMES: [&str; 10] = [
    "Andersson",
    "Yusuf",
    "Berg",
    "Karlsson",
    "Hosseini",
    "Nyström",
    "Ali",
    "Ek",
    "Lund",
    "Mohammed",
];

const NOTES: [&str; 8] = [
    "Telefonsamtal med kontaktpersonen: bekräftade att socialtjänsten och skolan deltar i samverkan.",
    "Kontaktpersonen meddelade per telefon att styrelsen godkänt ansökan; protokoll skickas in.",
    "Möte med sökande om budgeten: lönekostnaderna avser en projektledare på halvtid.",
    "Sökande uppgav i telefon att kartläggningen omfattar hela kommunen, inte bara ett område.",
    "Avstämning med kollega om tidigare beviljat bidrag till organisationen; inga anmärkningar.",
    "Kontaktpersonen bad om förlängd svarstid för kompletteringen; upplyst om att fristen gäller.",
    "Sökande bekräftade i telefon att ingen annan statlig finansiering sökts för samma insats.",
    "Noterat vid genomläsning: behovsanalysen saknar invånarnas perspektiv, tas upp vid komplettering.",
];

const THEMES: [&str; 6] = [
    "samverkan mellan skola och socialtjänst",
    "föräldrastöd och läxhjälp",
    "vägar till arbete för unga vuxna",
    "trygghet i bostadsområdet",
    "demokrati och delaktighet",
    "mötesplatser för barn och unga",
];

/// One group of demo cases: which call, which step, and how many in each state.
struct Batch {
    call: usize,
    step: Step,
    states: &'static [(CaseState, usize)],
    /// Reports reviewing grants of this call index (step 4).
    report_of: Option<usize>,
}

use CaseState::*;

const BATCHES: &[Batch] = &[
    // 2018, the seed process: long since settled.
    Batch {
        call: 0,
        step: Step::Interest,
        states: &[(Closed, 48), (Withdrawn, 6), (WrittenOff, 6)],
        report_of: None,
    },
    Batch {
        call: 1,
        step: Step::Mapping,
        states: &[(Closed, 28), (WrittenOff, 2)],
        report_of: None,
    },
    Batch {
        call: 2,
        step: Step::Measures,
        states: &[(Closed, 4)],
        report_of: None,
    },
    Batch {
        call: 1,
        step: Step::FinalReport,
        states: &[(Closed, 20)],
        report_of: Some(1),
    },
    // Last year's round: grants under way and reports coming in.
    Batch {
        call: 3,
        step: Step::Mapping,
        states: &[
            (Closed, 15),
            (ReportDue, 12),
            (Ongoing, 8),
            (WrittenOff, 2),
            (Withdrawn, 3),
        ],
        report_of: None,
    },
    Batch {
        call: 4,
        step: Step::Measures,
        states: &[(Ongoing, 12), (ReportDue, 6), (Closed, 2)],
        report_of: None,
    },
    Batch {
        call: 3,
        step: Step::FinalReport,
        states: &[
            (Received, 4),
            (InProgress, 6),
            (SupplementRequested, 4),
            (ProposedDecision, 3),
            (Decided, 2),
            (Dispatched, 2),
            (Closed, 4),
        ],
        report_of: Some(3),
    },
    // This year's round: the caseworkers' daily work.
    Batch {
        call: 5,
        step: Step::Interest,
        states: &[
            (Received, 12),
            (InProgress, 14),
            (SupplementRequested, 8),
            (ProposedDecision, 8),
            (Decided, 5),
            (Dispatched, 5),
            (Closed, 22),
            (Withdrawn, 3),
            (WrittenOff, 3),
        ],
        report_of: None,
    },
    Batch {
        call: 6,
        step: Step::Mapping,
        states: &[
            (Received, 14),
            (InProgress, 12),
            (SupplementRequested, 6),
            (ProposedDecision, 5),
            (Decided, 2),
            (Dispatched, 2),
            (WrittenOff, 1),
            (Withdrawn, 2),
        ],
        report_of: None,
    },
    Batch {
        call: 7,
        step: Step::Measures,
        states: &[
            (InProgress, 4),
            (SupplementRequested, 2),
            (ProposedDecision, 3),
            (Decided, 2),
            (Dispatched, 2),
            (Ongoing, 3),
        ],
        report_of: None,
    },
];

struct DemoCall {
    id: i64,
    opens: NaiveDate,
    closes: NaiveDate,
}

/// A granted case that a step-4 report can review.
#[derive(Clone)]
struct Grant {
    case_id: i64,
    org_id: i64,
    org_name: String,
    report_due: NaiveDate,
    dnr: String,
}

fn at(date: NaiveDate, minutes: i64) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Utc.from_utc_datetime(&midnight) + Duration::minutes(8 * 60 + minutes)
}

/// The states a case passes through to reach `target`.
fn path(step: Step, target: CaseState) -> Vec<CaseState> {
    let decided = [InProgress, ProposedDecision, Decided, Dispatched];
    let mut p: Vec<CaseState> = match target {
        Received => vec![],
        InProgress => vec![InProgress],
        SupplementRequested => vec![InProgress, SupplementRequested],
        ProposedDecision => vec![InProgress, ProposedDecision],
        Decided => decided[..3].to_vec(),
        Dispatched => decided.to_vec(),
        Ongoing => [&decided[..], &[Ongoing]].concat(),
        ReportDue => [&decided[..], &[Ongoing, ReportDue]].concat(),
        Closed if matches!(step, Step::Mapping | Step::Measures) => {
            [&decided[..], &[Ongoing, ReportDue, Closed]].concat()
        }
        Closed => [&decided[..], &[Closed]].concat(),
        Withdrawn => vec![InProgress, Withdrawn],
        WrittenOff => vec![InProgress, WrittenOff],
    };
    if target == Received {
        p.clear();
    }
    p
}

fn round_money(rng: &mut Rng, lo_kr: i64, hi_kr: i64) -> Money {
    Money(rng.range(lo_kr / 10_000, hi_kr / 10_000) * 10_000 * 100)
}

/// Fills `store` with the demo: users, civil-society organisations, calls around `today` and
/// more than 300 cases. Returns the number of cases written.
pub fn generate(store: &mut Store, today: NaiveDate, checklists: &[Checklist]) -> Result<usize> {
    let kommuner: Vec<Organisation> = store
        .organisations()?
        .into_iter()
        .filter(|o| o.kind == OrgKind::Kommun)
        .collect();
    let existing = store.calls()?;
    let seed_names: Vec<String> = existing.iter().map(|c| c.name.clone()).collect();
    let mut seed_calls: Vec<(i64, NaiveDate, NaiveDate)> = existing
        .into_iter()
        .filter_map(|c| Some((c.id, c.opens_on, c.closes_on?)))
        .collect();
    // The batches refer to the seed calls in process order.
    seed_calls.sort_by_key(|c| c.1);
    let prefix = store.dnr_prefix()?;
    let now = at(today, 0);
    store.write(now, |w| {
        let mut rng = Rng(0x00B1_D4A6_2018);
        let generator = Gen {
            today,
            prefix,
            checklists,
        };
        let n = generator.run(w, &mut rng, &kommuner, &seed_calls, &seed_names)?;
        followup(w, today)?;
        Ok(n)
    })
}

/// The follow-up of the demo's expedited grants (issue 6): payment plans and paid instalments,
/// a lägesrapport gating a second instalment, slutrapporter received and reviewed, and one
/// återkrav of an unused amount, decided and partly repaid.
fn followup(w: &mut Writer<'_>, today: NaiveDate) -> Result<()> {
    use crate::domain::checklist::Answer;
    use crate::domain::followup::{
        self as fu, BudgetLine, Ground, RecoveryDecision, RecoveryDecisionKind, ReportKind,
        ReviewOutcome,
    };
    use crate::storage::{NewRecovery, NewReport, NewReview};
    let (anna, _) = w.ensure_user("anna")?;
    let (cecilia, _) = w.ensure_user("cecilia")?;
    let (erik, _) = w.ensure_user("erik")?;
    let lines = |granted: Money, percent: i64| {
        let used = granted.ore() / 100 * percent;
        let staff = used / 10 * 7;
        vec![
            BudgetLine {
                label: "Personal".into(),
                used: Money(staff),
            },
            BudgetLine {
                label: "Lokaler och material".into(),
                used: Money(used - staff),
            },
        ]
    };
    let answers = |n: usize| vec![Answer::Met; n];
    let final_items = 9;
    let progress_items = 5;
    let (mut gated, mut recovery) = (0, false);
    for g in w.sent_grants()? {
        if !w.followup(g.case_id)?.instalments.is_empty() {
            continue;
        }
        let years = w.grant_years(g.case_id)?;
        let plan = crate::domain::multiyear::default_plan(g.granted, g.sent_on, &years);
        w.init_followup(anna.id, g.case_id, &plan, g.report_due)?;
        if !g.sent || !matches!(g.state, Ongoing | ReportDue | Closed) {
            continue;
        }
        if years.len() > 1 {
            // A multi-year grant: one instalment per year, paid as each year begins.
            let f = w.followup(g.case_id)?;
            for i in f.instalments.iter().filter(|i| i.due_on <= today) {
                w.mark_paid(anna.id, g.case_id, i.id, i.due_on, i.amount)?;
            }
            continue;
        }
        let two = g.state == Ongoing && gated < 3;
        if two {
            // The 2020 model: half now, half after an approved lägesrapport.
            let second = (g.sent_on + Duration::days(150)).max(today + Duration::days(20));
            let plan = vec![
                (g.sent_on, Money(g.granted.ore() / 2)),
                (second, Money(g.granted.ore() - g.granted.ore() / 2)),
            ];
            w.set_payment_plan(
                anna.id,
                g.case_id,
                &plan,
                Some((2, second - Duration::days(14))),
            )?;
            gated += 1;
        }
        let f = w.followup(g.case_id)?;
        if let Some(first) = f.instalments.first() {
            w.mark_paid(anna.id, g.case_id, first.id, g.sent_on, first.amount)?;
        }
        if two && gated == 1 {
            // One lägesrapport already in and approved: the second instalment is paid too.
            let report = f.reports.iter().find(|r| r.kind == ReportKind::Progress);
            if let (Some(r), Some(second)) = (report, f.instalments.get(1)) {
                let on = (r.due_on - Duration::days(5)).min(today);
                w.register_report(
                    anna.id,
                    g.case_id,
                    &NewReport {
                        report_id: r.id,
                        received_on: on,
                        counterpart: &g.organisation,
                        description: "Lägesrapport",
                        lines: &lines(g.granted, 45),
                    },
                )?;
                w.review_report(
                    anna.id,
                    g.case_id,
                    &NewReview {
                        report_id: r.id,
                        outcome: ReviewOutcome::Approved,
                        answers: &answers(progress_items),
                        comment: "",
                        checklist_id: "lagesrapport@2020.1",
                        reviewed_on: on,
                    },
                )?;
                w.mark_paid(anna.id, g.case_id, second.id, on.min(today), second.amount)?;
            }
        }
        if g.state != Closed {
            continue;
        }
        let Some(r) = f.reports.iter().find(|r| r.kind == ReportKind::Final) else {
            continue;
        };
        let on = (r.due_on - Duration::days(10)).min(today);
        let percent = if recovery { 100 } else { 80 };
        w.register_report(
            anna.id,
            g.case_id,
            &NewReport {
                report_id: r.id,
                received_on: on,
                counterpart: &g.organisation,
                description: "Slutrapport",
                lines: &lines(g.granted, percent),
            },
        )?;
        let outcome = if recovery {
            ReviewOutcome::Approved
        } else {
            ReviewOutcome::Recovery
        };
        let comment = if recovery {
            ""
        } else {
            "Hela bidraget har inte använts; outnyttjat belopp ska återkrävas."
        };
        w.review_report(
            anna.id,
            g.case_id,
            &NewReview {
                report_id: r.id,
                outcome,
                answers: &answers(final_items),
                comment,
                checklist_id: "slutrapport@2018.1",
                reviewed_on: on,
            },
        )?;
        if recovery {
            continue;
        }
        recovery = true;
        let used = lines(g.granted, percent)
            .iter()
            .map(|l| l.used.ore())
            .sum::<i64>();
        let amount = fu::unused(g.granted, Money(used)).unused;
        let response = on + Duration::days(14);
        let id = w.open_recovery(
            anna.id,
            g.case_id,
            &NewRecovery {
                report_id: Some(r.id),
                ground: Ground::UnusedFunds,
                amount,
                communicated_on: on,
                response_due: response,
                counterpart: &g.organisation,
                description: "Kommunicering inför beslut om återkrav",
            },
        )?;
        let decider = if g.presenter_id == Some(cecilia.id) {
            &erik
        } else {
            &cecilia
        };
        let decided_on = (response + Duration::days(3)).min(today);
        w.decide_recovery(
            decider.id,
            g.case_id,
            id,
            &RecoveryDecision {
                kind: RecoveryDecisionKind::Claim,
                waived: Money::ZERO,
                motivation: String::new(),
                decider: decider.name.clone(),
                decided_on,
                pay_by: Some(decided_on + Duration::days(30)),
            },
            None,
            &g.organisation,
            "Beslut om återkrav",
        )?;
        w.add_repayment(
            anna.id,
            g.case_id,
            id,
            (decided_on + Duration::days(10)).min(today),
            Money(amount.ore() / 2),
        )?;
    }
    Ok(())
}

struct Gen<'a> {
    today: NaiveDate,
    prefix: String,
    checklists: &'a [Checklist],
}

impl Gen<'_> {
    fn run(
        &self,
        w: &mut Writer<'_>,
        rng: &mut Rng,
        kommuner: &[Organisation],
        seed_calls: &[(i64, NaiveDate, NaiveDate)],
        seed_names: &[String],
    ) -> Result<usize> {
        let t = self.today;
        w.set_setting("demo", "1")?;
        for c in self.checklists {
            w.store_checklist(&c.template, &c.body)?;
        }
        let mut caseworkers = Vec::new();
        let mut deciders = Vec::new();
        for (login, name, roles) in DEMO_USERS {
            let id = w.insert_user(login, name, roles)?;
            if roles.contains(&Role::Caseworker) {
                caseworkers.push(id);
            } else {
                deciders.push(id);
            }
        }

        // Civil-society organisations, placed in real kommuner.
        let mut orgs: Vec<(i64, String)> = kommuner
            .iter()
            .step_by(9)
            .take(30)
            .map(|k| (k.id, k.name.clone()))
            .collect();
        let mut used_nr = std::collections::HashSet::new();
        for i in 0..64 {
            let kommun = rng.pick(kommuner);
            let place = &kommun.name;
            let (kind, template) = match i % 16 {
                0..=11 => (OrgKind::IdeellForening, *rng.pick(&ASSOCIATION_NAMES)),
                12..=14 => (OrgKind::Stiftelse, *rng.pick(&FOUNDATION_NAMES)),
                _ => (OrgKind::Trossamfund, *rng.pick(&FAITH_NAMES)),
            };
            let name = template.replace("{}", place);
            if orgs.iter().any(|(_, n)| *n == name) {
                continue;
            }
            let nr = loop {
                let mut digits = [8, 0, 2, 0, 0, 0, 0, 0, 0];
                for d in digits.iter_mut().skip(3) {
                    *d = rng.below(10) as u8;
                }
                if let Some(nr) = OrgNr::from_first_nine(digits)
                    && used_nr.insert(nr)
                {
                    break nr;
                }
            };
            // Located in the kommun it is named after, and so in its län (the granted report
            // sums per län).
            let county_code: Option<String> =
                kommun.code.as_deref().map(|c| c.chars().take(2).collect());
            let id = w.insert_organisation(
                kind,
                &name,
                Some(nr),
                None,
                county_code.as_deref(),
                kommun.county.as_deref(),
            )?;
            let contact = format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES));
            let email = format!(
                "{}@example.org",
                contact
                    .to_lowercase()
                    .replace(' ', ".")
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "")
            );
            w.insert_contact(id, &contact, "Kontaktperson", &email, "08-123 456 78")?;
            orgs.push((id, name));
        }

        // Calls: the three 2018 seed calls, then last year's and this year's rounds.
        let mut calls: Vec<DemoCall> = seed_calls
            .iter()
            .map(|&(id, opens, closes)| DemoCall { id, opens, closes })
            .collect();
        let d = |days: i64| t - Duration::days(days);
        let rounds: [(&str, Step, NaiveDate, NaiveDate, i64); 5] = [
            (
                "Kartläggning, behovsanalys och plan",
                Step::Mapping,
                d(480),
                d(420),
                40_000_000,
            ),
            ("Insatser", Step::Measures, d(420), d(360), 45_000_000),
            ("Intresseanmälan", Step::Interest, d(150), d(60), 0),
            (
                "Kartläggning, behovsanalys och plan",
                Step::Mapping,
                d(50),
                t + Duration::days(30),
                45_000_000,
            ),
            ("Insatser", Step::Measures, d(100), d(40), 35_000_000),
        ];
        let mut names: std::collections::HashSet<String> = seed_names.iter().cloned().collect();
        for (name, step, opens, closes, budget) in rounds {
            // The year first, so calls of one kind tell apart in a narrow list.
            let mut full = format!("{} {name}", opens.year());
            let mut n = 2;
            while !names.insert(full.clone()) {
                full = format!("{}:{n} {name}", opens.year());
                n += 1;
            }
            let name = full;
            let budget = Money::from_kronor(budget).unwrap_or_default();
            let id = w.insert_call(
                &name,
                step,
                crate::storage::REGULATION,
                opens,
                Some(closes),
                budget,
            )?;
            calls.push(DemoCall { id, opens, closes });
        }

        // Every case planned first: its call, state, organisation and received date. An
        // organisation applies at most once in a call (they are dealt out per call), but for
        // one deliberate second application; a slutrapport follows a grant of its call.
        let mut specs: Vec<Planned> = Vec::new();
        let mut dealt: std::collections::HashMap<usize, Vec<(i64, String)>> =
            std::collections::HashMap::new();
        for (b, batch) in BATCHES.iter().enumerate() {
            if batch.report_of.is_some() {
                continue;
            }
            let call = &calls[batch.call];
            for &(state, n) in batch.states {
                for _ in 0..n {
                    let left = dealt
                        .entry(batch.call)
                        .or_insert_with(|| shuffled(rng, &orgs));
                    let Some((org_id, org_name)) = left.pop() else {
                        continue;
                    };
                    let last = call.closes.min(t);
                    let span = (last - call.opens).num_days().max(0);
                    let received = call.opens + Duration::days(rng.range(0, span));
                    let received = match state {
                        Received => received.max(t - Duration::days(rng.range(0, 12))),
                        _ => received,
                    };
                    specs.push(Planned {
                        batch: b,
                        state,
                        org_id,
                        org_name,
                        received,
                        parent: None,
                        reports: Vec::new(),
                    });
                }
            }
        }
        // The deliberate exception: an organisation that has applied in this year's
        // kartläggning call sends a second application, as happens when a corrected one comes
        // in as a new one; its case shows the caseworker that there are two.
        if let Some(first) = specs
            .iter()
            .find(|p| BATCHES[p.batch].call == 6 && p.state == Received)
        {
            let second = Planned {
                received: (first.received + Duration::days(2)).min(t),
                reports: Vec::new(),
                ..first.clone()
            };
            specs.push(second);
        }
        // Which grants get a slutrapport case: as many as each report batch has, drawn from
        // the cases of its call that end as grants under way or done.
        for (report_batch, batch) in BATCHES.iter().enumerate() {
            let Some(of) = batch.report_of else {
                continue;
            };
            let mut open: Vec<usize> = (0..specs.len())
                .filter(|&i| {
                    let p = &specs[i];
                    BATCHES[p.batch].call == of
                        && BATCHES[p.batch].report_of.is_none()
                        && matches!(p.state, Closed | ReportDue | Ongoing)
                })
                .collect();
            for &(state, n) in batch.states {
                for _ in 0..n {
                    if open.is_empty() {
                        break;
                    }
                    let i = open.remove(rng.below(open.len()));
                    specs[i].reports.push((report_batch, state));
                }
            }
        }
        // Registered in the order received, as a registrar registers what comes in: a report
        // joins the queue when its grant's report date is known.
        let mut queue: std::collections::BinaryHeap<std::cmp::Reverse<(NaiveDate, usize)>> = specs
            .iter()
            .enumerate()
            .map(|(i, p)| std::cmp::Reverse((p.received, i)))
            .collect();
        let mut count = 0;
        let mut last = NaiveDate::MIN;
        while let Some(std::cmp::Reverse((_, i))) = queue.pop() {
            let p = specs[i].clone();
            let batch = &BATCHES[p.batch];
            let received = p.received.max(last);
            last = received;
            let c = CaseSpec {
                call_id: calls[batch.call].id,
                step: batch.step,
                state: p.state,
                org_id: p.org_id,
                org_name: p.org_name.clone(),
                parent: p.parent.clone(),
                received,
                later_year: later_year(&calls, batch.call, batch.step),
            };
            let grant = self.case(w, rng, &c, &caseworkers, &deciders)?;
            count += 1;
            let Some(g) = grant else {
                continue;
            };
            for &(report_batch, state) in &p.reports {
                let on = (g.report_due + Duration::days(rng.range(-20, 5))).min(t);
                let on = match state {
                    Received => on.max(t - Duration::days(rng.range(0, 12))),
                    _ => on,
                };
                specs.push(Planned {
                    batch: report_batch,
                    state,
                    org_id: g.org_id,
                    org_name: g.org_name.clone(),
                    received: on.max(received),
                    parent: Some(g.clone()),
                    reports: Vec::new(),
                });
                queue.push(std::cmp::Reverse((on.max(received), specs.len() - 1)));
            }
        }
        Ok(count)
    }

    fn case(
        &self,
        w: &mut Writer<'_>,
        rng: &mut Rng,
        c: &CaseSpec,
        caseworkers: &[i64],
        deciders: &[i64],
    ) -> Result<Option<Grant>> {
        let t = self.today;
        let place = c.org_name.clone();
        let theme = *rng.pick(&THEMES);
        let (title, requested) = match c.step {
            Step::Interest => (format!("Samverkan och kunskapsutbyte: {theme}"), Money(0)),
            Step::Mapping => (
                format!("Kartläggning, behovsanalys och plan: {place}"),
                round_money(rng, 200_000, 1_200_000),
            ),
            Step::Measures => (
                format!("Insatser: {theme}"),
                round_money(rng, 500_000, 3_000_000),
            ),
            Step::FinalReport => (
                format!(
                    "Slutrapport för {}",
                    c.parent.as_ref().map_or("", |g| g.dnr.as_str())
                ),
                Money(0),
            ),
        };
        let template = self
            .checklists
            .iter()
            .map(|c| &c.template)
            .find(|t| t.step() == Some(c.step));
        let checklist_id = template.map(ChecklistTemplate::id);
        let registrar = caseworkers[rng.below(caseworkers.len())];
        w.set_now(at(c.received, rng.range(0, 480)));
        let registered = w.insert_case(
            registrar,
            &NewCase {
                call_id: c.call_id,
                organisation_id: c.org_id,
                parent_case_id: c.parent.as_ref().map(|g| g.case_id),
                step: c.step,
                title: &title,
                received_on: c.received,
                requested,
                checklist_id: checklist_id.as_deref(),
            },
        )?;
        let case_id = registered.id;
        // Applications name the reform areas their measures belong to.
        if matches!(c.step, Step::Mapping | Step::Measures) {
            let first = crate::domain::ReformArea::ALL[rng.below(5)];
            let mut areas = vec![first];
            if rng.chance(40) {
                let second = crate::domain::ReformArea::ALL[rng.below(5)];
                if second != first {
                    areas.push(second);
                }
            }
            areas.sort();
            w.set_reform_areas(registrar, case_id, &areas)?;
        }
        let incoming = match c.step {
            Step::Interest => "Intresseanmälan",
            Step::Mapping | Step::Measures => "Ansökan med budget",
            Step::FinalReport => "Slutrapport med ekonomisk redovisning",
        };
        w.register_document(
            registrar,
            &NewDocument {
                case_id,
                direction: Direction::Incoming,
                date: c.received,
                counterpart: &c.org_name,
                description: incoming,
                file_path: None,
            },
        )?;

        let steps = path(c.step, c.state);
        // Spread the history between receipt and today.
        // A case is handled within months of receipt, however long ago that was.
        let horizon = (t - c.received).num_days().clamp(1, 150);
        let assignee = caseworkers[rng.below(caseworkers.len())];
        let decider = deciders[rng.below(deciders.len())];
        let mut day = c.received;
        let stride = (horizon / (steps.len() as i64 + 1)).max(1);
        let advance = |rng: &mut Rng, day: &mut NaiveDate| {
            *day = (*day + Duration::days(rng.range(1, stride.max(1)))).min(t);
            *day
        };
        if c.state != Received || rng.chance(30) {
            let when = advance(rng, &mut day);
            w.set_now(at(when, 10));
            w.set_assignee(registrar, case_id, Some(assignee))?;
        }

        let answered_all = !matches!(
            c.state,
            Received | InProgress | SupplementRequested | Withdrawn | WrittenOff
        );
        let mut grant = None;
        let mut report_due_set = None;
        let mut decision_id = None;
        for (i, &state) in steps.iter().enumerate() {
            let when = advance(rng, &mut day);
            w.set_now(at(when, 60 + i as i64));
            if state == InProgress {
                w.set_state(assignee, case_id, state)?;
            }
            match state {
                InProgress => {
                    if let Some(tpl) = template {
                        let n = if answered_all {
                            tpl.items.len()
                        } else {
                            rng.below(tpl.items.len())
                        };
                        for item in tpl.items.iter().take(n) {
                            let (answer, comment) = if rng.chance(85) {
                                (Answer::Met, "")
                            } else if rng.chance(50) {
                                (
                                    Answer::Partly,
                                    "Delvis beskrivet; kompletteras i dialog med sökande.",
                                )
                            } else {
                                (Answer::NotApplicable, "Gäller inte denna organisationstyp.")
                            };
                            w.answer_item(assignee, case_id, &item.key, answer, comment)?;
                        }
                    }
                    if rng.chance(60) {
                        let note = *rng.pick(&NOTES);
                        w.add_note(assignee, case_id, note)?;
                    }
                }
                SupplementRequested => {
                    let due = if rng.chance(35) {
                        t - Duration::days(rng.range(1, 10))
                    } else {
                        t + Duration::days(rng.range(2, 14))
                    };
                    w.register_document(
                        assignee,
                        &NewDocument {
                            case_id,
                            direction: Direction::Outgoing,
                            date: when,
                            counterpart: &c.org_name,
                            description: "Begäran om komplettering",
                            file_path: None,
                        },
                    )?;
                    w.set_supplement_due(assignee, case_id, Some(due))?;
                }
                ProposedDecision => {
                    let (outcome, amount) = self.outcome(rng, c.step, requested);
                    // A grant proposal names its period and report date, as the form demands.
                    let (period, report_due_on) = if crate::domain::decision::is_grant(outcome) {
                        let (from, to, report) = crate::app::default_period(when);
                        (Some((from, to)), Some(report))
                    } else {
                        (None, None)
                    };
                    w.insert_decision(
                        assignee,
                        &NewDecision {
                            case_id,
                            kind: DecisionKind::Proposal,
                            decided_on: when,
                            outcome,
                            amount,
                            period,
                            motivation: motivation(outcome),
                            rules: "SFS 2018:118 §§ 2–5",
                            presenter_id: Some(assignee),
                            decider_id: None,
                            report_due_on,
                            appeal_text: "",
                            sent_on: None,
                            years: &[],
                        },
                    )?;
                    grant = Some((outcome, amount));
                }
                Decided => {
                    let (outcome, amount) = grant.unwrap_or((Outcome::Granted, Some(requested)));
                    let report_due = match c.step {
                        Step::Mapping | Step::Measures => Some(self.report_due(rng, c.state, when)),
                        _ => None,
                    };
                    let period = report_due.map(|r| (when, r - Duration::days(30)));
                    let years = match amount {
                        Some(a) if crate::domain::decision::is_grant(outcome) => {
                            demo_years(case_id, c.state, when, a, c.later_year)
                        }
                        _ => Vec::new(),
                    };
                    decision_id = Some(w.insert_decision(
                        decider,
                        &NewDecision {
                            case_id,
                            kind: DecisionKind::Decision,
                            decided_on: when,
                            outcome,
                            amount,
                            period,
                            motivation: motivation(outcome),
                            rules: "SFS 2018:118 §§ 2–5",
                            presenter_id: Some(assignee),
                            decider_id: Some(decider),
                            report_due_on: report_due,
                            appeal_text: "Beslutet kan inte överklagas.",
                            sent_on: None,
                            years: &years,
                        },
                    )?);
                    if let Some(amount) = amount {
                        w.set_granted(decider, case_id, amount)?;
                    }
                    if let (Some(r), Some(_)) = (report_due, amount)
                        && matches!(outcome, Outcome::Granted | Outcome::PartlyGranted)
                    {
                        w.set_report_due(decider, case_id, r)?;
                        report_due_set = Some(r);
                    }
                }
                Dispatched => {
                    if let Some(id) = decision_id {
                        w.mark_sent(assignee, id, when, "brev")?;
                    }
                    w.register_document(
                        assignee,
                        &NewDocument {
                            case_id,
                            direction: Direction::Outgoing,
                            date: when,
                            counterpart: &c.org_name,
                            description: match c.step {
                                Step::Interest => "Besked om intresseanmälan",
                                _ => "Beslut",
                            },
                            file_path: None,
                        },
                    )?;
                }
                Withdrawn => {
                    w.add_note(
                        assignee,
                        case_id,
                        "Sökande meddelade per e-post att ansökan återkallas.",
                    )?;
                    w.register_document(
                        assignee,
                        &NewDocument {
                            case_id,
                            direction: Direction::Incoming,
                            date: when,
                            counterpart: &c.org_name,
                            description: "Återkallelse",
                            file_path: None,
                        },
                    )?;
                }
                WrittenOff => {
                    w.insert_decision(
                        decider,
                        &NewDecision {
                            case_id,
                            kind: DecisionKind::Decision,
                            decided_on: when,
                            outcome: Outcome::WrittenOff,
                            amount: None,
                            period: None,
                            motivation: "Sökande har inte kompletterat ansökan inom angiven tid.",
                            rules: "FL 9 §",
                            presenter_id: Some(assignee),
                            decider_id: Some(decider),
                            report_due_on: None,
                            appeal_text: "Beslutet kan inte överklagas.",
                            sent_on: Some(when),
                            years: &[],
                        },
                    )?;
                }
                _ => {}
            }
            if state != InProgress {
                w.set_state(assignee, case_id, state)?;
            }
        }
        Ok(match (grant, report_due_set) {
            (Some((Outcome::Granted | Outcome::PartlyGranted, Some(_))), Some(report_due))
                if matches!(c.state, Closed | ReportDue | Ongoing) =>
            {
                Some(Grant {
                    case_id,
                    org_id: c.org_id,
                    org_name: c.org_name.clone(),
                    report_due,
                    dnr: Dnr::new(&self.prefix, registered.year, registered.seq).to_string(),
                })
            }
            _ => None,
        })
    }

    fn report_due(&self, rng: &mut Rng, state: CaseState, decided: NaiveDate) -> NaiveDate {
        let t = self.today;
        match state {
            ReportDue => t + Duration::days(rng.range(-20, 25)),
            Ongoing | Decided | Dispatched => t + Duration::days(rng.range(60, 300)),
            _ => decided + Duration::days(rng.range(200, 300)),
        }
    }

    fn outcome(&self, rng: &mut Rng, step: Step, requested: Money) -> (Outcome, Option<Money>) {
        match step {
            Step::Interest if rng.chance(80) => (Outcome::Positive, None),
            Step::Interest => (Outcome::Negative, None),
            Step::FinalReport => (Outcome::Approved, None),
            _ if rng.chance(70) => (Outcome::Granted, Some(requested)),
            _ => {
                // 70 % of what was asked, in whole ten thousands of kronor.
                let kronor = requested.ore() / 100 * 70 / 100;
                let part = Money(kronor / 10_000 * 10_000 * 100);
                (Outcome::PartlyGranted, Some(part))
            }
        }
    }
}

/// The opening year of the latest call after `index` that a batch of the same step uses.
fn later_year(calls: &[DemoCall], index: usize, step: Step) -> Option<i32> {
    let own = calls.get(index)?.opens;
    BATCHES
        .iter()
        .filter(|b| b.step == step && b.report_of.is_none())
        .filter_map(|b| calls.get(b.call))
        .map(|c| c.opens)
        .filter(|&o| o > own)
        .max()
        .map(|o| o.year())
}

/// A case planned before any is registered.
#[derive(Clone)]
struct Planned {
    /// Index into [`BATCHES`].
    batch: usize,
    state: CaseState,
    org_id: i64,
    org_name: String,
    received: NaiveDate,
    /// The grant a slutrapport reports on.
    parent: Option<Grant>,
    /// The slutrapport cases that follow this one's grant: (report batch, state).
    reports: Vec<(usize, CaseState)>,
}

/// The organisations in an order of the generator's choosing (Fisher–Yates), to deal out.
fn shuffled(rng: &mut Rng, orgs: &[(i64, String)]) -> Vec<(i64, String)> {
    let mut out = orgs.to_vec();
    for i in (1..out.len()).rev() {
        out.swap(i, rng.below(i + 1));
    }
    out
}

struct CaseSpec {
    call_id: i64,
    step: Step,
    state: CaseState,
    org_id: i64,
    org_name: String,
    parent: Option<Grant>,
    received: NaiveDate,
    /// The year of the next call of the same step, for multi-year grants (issue 6).
    later_year: Option<i32>,
}

/// A multi-year split (issue 6) for some of last year's grants still under way: the decision's
/// year, then the year of this year's call of the same step (a commitment against its budget),
/// and for every other one also the year after (no call yet: "utan utlysning").
fn demo_years(
    case_id: i64,
    state: CaseState,
    decided: NaiveDate,
    amount: Money,
    later_year: Option<i32>,
) -> Vec<crate::domain::multiyear::YearAmount> {
    use crate::domain::multiyear::YearAmount;
    let Some(later) = later_year.filter(|&y| y > decided.year()) else {
        return Vec::new();
    };
    if !matches!(state, Ongoing | ReportDue) || case_id % 3 != 0 {
        return Vec::new();
    }
    // Whole ten thousands of kronor per later year.
    let part = |percent: i64| Money(amount.ore() / 100 * percent / 1_000_000 * 1_000_000);
    let mut later_parts = vec![(later, part(40))];
    if case_id % 2 == 0 {
        later_parts = vec![(later, part(30)), (later + 1, part(20))];
    }
    let rest = later_parts.iter().map(|(_, m)| m.ore()).sum::<i64>();
    if later_parts.iter().any(|(_, m)| m.ore() <= 0) || rest >= amount.ore() {
        return Vec::new();
    }
    let mut years = vec![YearAmount {
        year: decided.year(),
        amount: Money(amount.ore() - rest),
    }];
    years.extend(
        later_parts
            .into_iter()
            .map(|(year, amount)| YearAmount { year, amount }),
    );
    years
}

fn motivation(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Positive => {
            "Anmälan beskriver en sektorsövergripande samverkan i linje med bidragets syfte."
        }
        Outcome::Negative => {
            "Anmälan beskriver inte samverkan eller kunskapsutbyte om segregation."
        }
        Outcome::Granted => {
            "Ansökan uppfyller förordningens krav och bedöms ha goda förutsättningar."
        }
        Outcome::PartlyGranted => {
            "Budgeten bedöms delvis orimlig i förhållande till planerade aktiviteter."
        }
        Outcome::Approved => "Slutrapporten redovisar resultat och ekonomi enligt beslutet.",
        _ => "",
    }
}

/// The demo grown to `cases` cases for measuring at scale (`bidrag demo --cases N`): the
/// ordinary demo first, then organisations (one per hundred cases) and generated cases loaded
/// in one transaction, with checklist answers, documents, notes and events in proportion.
pub fn generate_scaled(
    store: &mut Store,
    today: NaiveDate,
    checklists: &[Checklist],
    cases: usize,
) -> Result<usize> {
    let base = generate(store, today, checklists)?;
    if cases <= base {
        return Ok(base);
    }
    let extra = cases - base;
    let now = at(today, 0);
    let mut rng = Rng(0x5CA1_AB1E_2026);
    let places: Vec<(String, Option<String>)> = store
        .organisations()?
        .into_iter()
        .filter(|o| o.kind == OrgKind::Kommun)
        .map(|o| (o.name.clone(), o.county.clone()))
        .collect();
    let new_orgs = (extra / 100).max(1);
    store.write(now, |w| {
        for i in 0..new_orgs {
            let (place, county) = rng.pick(&places).clone();
            let template = rng.pick(&ASSOCIATION_NAMES);
            let name = format!("{} {}", template.replace("{}", &place), i + 1);
            w.insert_organisation(
                OrgKind::IdeellForening,
                &name,
                None,
                None,
                None,
                county.as_deref(),
            )?;
        }
        Ok(())
    })?;
    let orgs: Vec<(i64, String, String)> = store
        .organisations()?
        .into_iter()
        .map(|o| (o.id, o.name.clone(), o.county.clone().unwrap_or_default()))
        .collect();
    let calls = store.calls()?;
    let caseworkers: Vec<i64> = store
        .users()?
        .into_iter()
        .filter(|u| u.roles.contains(&Role::Caseworker))
        .map(|u| u.id)
        .collect();
    let user = caseworkers.first().copied().unwrap_or(1);
    let templates: Vec<(Step, String, Vec<String>)> = checklists
        .iter()
        .filter_map(|c| {
            Some((
                c.template.step()?,
                c.template.id(),
                c.template.items.iter().map(|i| i.key.clone()).collect(),
            ))
        })
        .collect();
    // Each case's call and received date first, to register them in the order received (as
    // a registrar does; the newest registered are then the newest received).
    let mut draws: Vec<(NaiveDate, usize)> = (0..extra)
        .map(|_| {
            let i = rng.below(calls.len());
            let opens = calls.get(i).map_or(today, |c| c.opens_on);
            let span = (today - opens).num_days().clamp(1, 330);
            (opens + chrono::Duration::days(rng.range(0, span - 1)), i)
        })
        .collect();
    draws.sort();
    let generated = draws.into_iter().filter_map(move |(received, i)| {
        let call = calls.get(i)?;
        let (org_id, org_name, county) = rng.pick(&orgs).clone();
        let age = (today - received).num_days();
        let state = match (age, rng.below(10)) {
            (0..=45, 0..=3) => CaseState::Received,
            (0..=45, 4..=7) => CaseState::InProgress,
            (0..=45, 8) => CaseState::SupplementRequested,
            (0..=45, _) => CaseState::ProposedDecision,
            (46..=200, 0..=2) => CaseState::InProgress,
            (46..=200, 3) => CaseState::ProposedDecision,
            (46..=200, 4) => CaseState::Decided,
            (46..=200, _) => CaseState::Ongoing,
            (_, 0) => CaseState::ReportDue,
            (_, 1) => CaseState::WrittenOff,
            (_, 2) => CaseState::Withdrawn,
            _ => CaseState::Closed,
        };
        let step = call.step;
        let requested = if step == Step::Interest {
            Money(0)
        } else {
            Money(rng.range(100, 2_000) * 100_000)
        };
        let decided =
            state.is_decided() && !matches!(state, CaseState::WrittenOff | CaseState::Withdrawn);
        let granted = (decided && step != Step::Interest).then(|| Money(requested.ore() / 10 * 9));
        let template = templates.iter().find(|t| t.0 == step);
        let answered = match state {
            CaseState::Received => 0,
            CaseState::InProgress | CaseState::SupplementRequested => {
                rng.below(template.map_or(1, |t| t.2.len().max(1)))
            }
            _ => template.map_or(0, |t| t.2.len()),
        };
        let answers = template
            .map(|t| t.2.iter().take(answered).cloned().collect())
            .unwrap_or_default();
        let assignee =
            (state != CaseState::Received || rng.chance(50)).then(|| *rng.pick(&caseworkers));
        let note = rng.chance(30).then(|| rng.pick(&NOTES).to_string());
        let theme = rng.pick(&THEMES);
        Some(BulkCase {
            call_id: call.id,
            organisation_id: org_id,
            organisation: org_name.clone(),
            county,
            step,
            state,
            title: format!("{theme} i {org_name}"),
            received_on: received,
            requested,
            granted,
            assignee_id: assignee,
            checklist_id: template.filter(|_| answered > 0).map(|t| t.1.clone()),
            supplement_due_on: (state == CaseState::SupplementRequested)
                .then(|| received + chrono::Duration::days(rng.range(20, 40))),
            report_due_on: matches!(state, CaseState::Ongoing | CaseState::ReportDue)
                .then(|| received + chrono::Duration::days(rng.range(200, 500))),
            answers,
            document: (org_name, records::incoming_document(step).to_string()),
            note,
        })
    });
    let added = store.bulk_insert(now, user, generated)?;
    Ok(base + added)
}
