//! The history in people's words (issue 15): every event kind, written by the real writer, reads
//! as a sentence in both languages with no code, item key, checklist id, JSON or öre amount; and
//! so does every event of the demo database.

use crate::common;

use bidrag::domain::admin::{CallDraft, Delegation, Regulation, Setting, Sitting, UserDraft};
use bidrag::domain::followup::{
    BudgetLine, Ground, RecoveryDecision, RecoveryDecisionKind, ReviewOutcome,
};
use bidrag::domain::multiyear::YearAmount;
use bidrag::domain::{
    Answer, CaseState, DecisionKind, Direction, Event, EventKind, Money, OrgKind, OrgNr, Outcome,
    ReformArea, Role, Step,
};
use bidrag::i18n::Lang;
use bidrag::storage::{
    ImportedCase, NewCase, NewDecision, NewDocument, NewRecovery, NewReport, NewReview, Store,
};
use bidrag::ui::history::{Context, describe};
use chrono::NaiveDate;
use common::{checklists, demo_store, now};
use std::collections::{BTreeMap, BTreeSet};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn kr(kronor: i64) -> Money {
    Money::from_kronor(kronor).expect("amount")
}

/// Codes that are not words a caseworker reads (the ones that are, like "bifall", are left out).
const CODES: &[&str] = &[
    "godkand",
    "aterkrav",
    "lagesrapport",
    "handlaggare",
    "pagaende",
    "aterkallad",
    "forslag",
    "BOENDE",
    "UTBILDNING",
    "DEMOKRATI",
    "ARBETE",
    "BROTT",
    "ANNAT",
    "brev",
];

/// Every number stored in öre in a payload (fields named *_ore, and a split's years).
fn ore_amounts(text: Option<&str>) -> Vec<i64> {
    fn walk(v: &serde_json::Value, key: &str, out: &mut Vec<i64>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    walk(x, k, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, key, out)),
            serde_json::Value::Number(n) => {
                let years = key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit());
                if (key.ends_with("_ore") || years)
                    && let Some(n) = n.as_i64().filter(|n| *n >= 100)
                {
                    out.push(n);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(v) = text.and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok()) {
        walk(&v, "", &mut out);
    }
    // granted_amount_set stores bare öre.
    if let Some(n) = text.and_then(|t| t.parse::<i64>().ok()) {
        out.push(n);
    }
    out
}

/// What no history line may show: codes, keys, ids, JSON, öre.
fn assert_readable(e: &Event, text: &str, logins: &[String], questions: &Questions) {
    let what = format!("{:?} {:?} → {:?}: {text:?}", e.kind, e.before, e.after);
    assert!(!text.trim().is_empty(), "empty: {what}");
    for bad in ['_', '{', '}', '"', '@', '[', ']'] {
        assert!(!text.contains(bad), "{bad:?} in {what}");
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for code in CODES {
        assert!(!words.contains(code), "code {code:?} in {what}");
    }
    for login in logins {
        assert!(
            !words.contains(&login.as_str()),
            "login {login:?} in {what}"
        );
    }
    if let Ok(k) = e.kind {
        assert!(!text.contains(k.code()), "kind code in {what}");
    }
    if e.is(EventKind::ChecklistAnswered) {
        let key = serde_json::from_str::<serde_json::Value>(e.after.as_deref().unwrap_or("{}"))
            .ok()
            .and_then(|v| v.get("item").and_then(|i| i.as_str()).map(str::to_string))
            .unwrap_or_default();
        let asked = questions.get(&key).expect("an item of a shipped checklist");
        assert!(
            asked
                .iter()
                .any(|q| text.starts_with(q.trim_end_matches([':', ' ']))),
            "not the item's question in {what}"
        );
    }
    for ore in ore_amounts(e.before.as_deref())
        .into_iter()
        .chain(ore_amounts(e.after.as_deref()))
    {
        assert!(!text.contains(&ore.to_string()), "öre {ore} in {what}");
    }
    // A run of seven digits or more is an amount not formatted as money.
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        assert!(run < 7, "unformatted number in {what}");
    }
}

/// Writes one event of every kind through the writer's own methods, on one case where there is
/// one. Returns the store and the case's id.
fn every_kind() -> (Store, i64) {
    let mut store = Store::open_in_memory(now()).expect("store");
    let lists = checklists();
    let mapping = lists
        .iter()
        .find(|c| c.template.step() == Some(Step::Mapping))
        .expect("kartläggning checklist");
    let report_list = lists
        .iter()
        .find(|c| c.template.key == "slutrapport")
        .expect("slutrapport checklist");
    let call = store
        .calls()
        .expect("calls")
        .into_iter()
        .find(|c| c.step == Step::Mapping)
        .expect("a step-2 call");
    let case_id = store
        .write(now(), |w| {
            let anna = w.insert_user("al", "Anna Lindqvist", &[Role::Caseworker])?;
            let bertil = w.insert_user("bo", "Bertil Okafor", &[Role::Caseworker])?;
            let erik = w.insert_user("es", "Erik Strand", &[Role::DecisionMaker])?;
            let org = w.insert_organisation(
                OrgKind::IdeellForening,
                "Föreningen Gemenskap i Ale",
                None,
                None,
                None,
                Some("Västra Götalands län"),
            )?;
            let nr = OrgNr::parse("802100-0016").expect("orgnr");
            assert!(w.set_org_nr(anna, org, nr)?);
            let c1 = w.insert_contact(org, "Karin Berg", "ordförande", "k@example.se", "0701")?;
            let c2 = w.insert_contact(org, "Lars Holm", "kassör", "l@example.se", "0702")?;
            w.pseudonymise_contact(anna, c1)?;
            w.remove_contact(anna, c2)?;
            let reg = w.insert_case(
                anna,
                &NewCase {
                    call_id: call.id,
                    organisation_id: org,
                    parent_case_id: None,
                    step: Step::Mapping,
                    title: "Kartläggning av fritidsgårdarna",
                    received_on: day(2018, 8, 20),
                    requested: kr(900_000),
                    checklist_id: None,
                },
            )?;
            let case = reg.id;
            w.event(
                Some(anna),
                Some(case),
                EventKind::EligibilityOverridden,
                None,
                Some("Beskedet finns på papper i arkivet."),
            )?;
            w.set_checklist(anna, case, &mapping.template, &mapping.body)?;
            w.set_assignee(anna, case, Some(anna))?;
            w.set_assignee(anna, case, Some(bertil))?;
            w.set_state(bertil, case, CaseState::InProgress)?;
            let first = &mapping.template.items[0].key;
            w.answer_item(
                bertil,
                case,
                first,
                Answer::Partly,
                "Besked saknas i akten.",
            )?;
            w.answer_item(bertil, case, first, Answer::Met, "")?;
            w.set_supplement_due(bertil, case, Some(day(2018, 9, 3)))?;
            w.clear_supplement_due(bertil, case)?;
            w.add_note(bertil, case, "Ringde ordföranden.\nBeskedet skickas i dag.")?;
            w.register_document(
                bertil,
                &NewDocument {
                    case_id: case,
                    direction: Direction::Outgoing,
                    date: day(2018, 8, 27),
                    counterpart: "Föreningen Gemenskap i Ale",
                    description: "Begäran om komplettering",
                    file_path: None,
                },
            )?;
            w.set_reform_areas(bertil, case, &[ReformArea::Housing])?;
            w.set_reform_areas(bertil, case, &[ReformArea::Housing, ReformArea::Democracy])?;
            w.declare_jav(anna, org, "Min bror sitter i styrelsen.")?;
            w.withdraw_jav(anna, org, "Brodern har lämnat styrelsen.")?;
            let years = [
                YearAmount {
                    year: 2018,
                    amount: kr(500_000),
                },
                YearAmount {
                    year: 2019,
                    amount: kr(300_000),
                },
            ];
            let proposal = w.insert_decision(
                bertil,
                &NewDecision {
                    case_id: case,
                    kind: DecisionKind::Proposal,
                    decided_on: day(2018, 9, 10),
                    outcome: Outcome::PartlyGranted,
                    amount: Some(kr(800_000)),
                    period: Some((day(2018, 10, 1), day(2019, 9, 30))),
                    motivation: "Planen är bra men budgeten för hög.",
                    rules: "SFS 2018:119",
                    presenter_id: Some(bertil),
                    decider_id: None,
                    report_due_on: Some(day(2019, 12, 31)),
                    appeal_text: "",
                    sent_on: None,
                    years: &years,
                },
            )?;
            let round = w.open_round(erik, day(2018, 9, 20))?;
            let decision = w.decide(
                erik,
                case,
                proposal,
                day(2018, 9, 20),
                "Beslutet kan inte överklagas.",
                true,
                Some(round),
            )?;
            w.mark_sent(bertil, decision, day(2018, 9, 21), "brev")?;
            w.correct_decision(
                erik,
                case,
                decision,
                Some(kr(700_000)),
                Some(day(2020, 3, 31)),
                "Rättat belopp.",
                "Beslutet kan inte överklagas.",
                day(2018, 9, 25),
                &[
                    YearAmount {
                        year: 2018,
                        amount: kr(400_000),
                    },
                    YearAmount {
                        year: 2019,
                        amount: kr(300_000),
                    },
                ],
            )?;
            w.set_payment_plan(
                bertil,
                case,
                &[
                    (day(2018, 9, 25), kr(400_000)),
                    (day(2019, 1, 1), kr(300_000)),
                ],
                Some((2, day(2018, 12, 15))),
            )?;
            let f = w.followup(case)?;
            w.mark_paid(
                bertil,
                case,
                f.instalments[0].id,
                day(2018, 9, 28),
                kr(400_000),
            )?;
            let report = f
                .reports
                .iter()
                .find(|r| r.kind == bidrag::domain::followup::ReportKind::Final)
                .expect("slutrapport expected")
                .id;
            w.register_report(
                bertil,
                case,
                &NewReport {
                    report_id: report,
                    received_on: day(2020, 3, 20),
                    counterpart: "Föreningen Gemenskap i Ale",
                    description: "Slutrapport med ekonomisk redovisning",
                    lines: &[BudgetLine {
                        label: "Personal".into(),
                        used: kr(250_000),
                    }],
                },
            )?;
            let answers = vec![Answer::Met; report_list.template.items.len()];
            w.review_report(
                bertil,
                case,
                &NewReview {
                    report_id: report,
                    outcome: ReviewOutcome::Recovery,
                    answers: &answers,
                    comment: "Hela bidraget har inte använts.",
                    checklist_id: &report_list.template.id(),
                    reviewed_on: day(2020, 4, 1),
                },
            )?;
            let recovery = w.open_recovery(
                bertil,
                case,
                &NewRecovery {
                    report_id: Some(report),
                    ground: Ground::UnusedFunds,
                    amount: kr(150_000),
                    communicated_on: day(2020, 4, 2),
                    response_due: day(2020, 4, 23),
                    counterpart: "Föreningen Gemenskap i Ale",
                    description: "Kommunicering av återkrav",
                },
            )?;
            w.decide_recovery(
                erik,
                case,
                recovery,
                &RecoveryDecision {
                    kind: RecoveryDecisionKind::WaivePart,
                    waived: kr(50_000),
                    motivation: "Särskilda skäl: lokalen brann.".into(),
                    decider: "Erik Strand".into(),
                    decided_on: day(2020, 5, 4),
                    pay_by: Some(day(2020, 6, 4)),
                },
                None,
                "Föreningen Gemenskap i Ale",
                "Beslut om återkrav",
            )?;
            w.add_repayment(bertil, case, recovery, day(2020, 6, 1), kr(100_000))?;
            w.register_imported(
                anna,
                "ansökningar hösten 2018.csv",
                &vec![ImportedCase {
                    organisation_id: org,
                    call_id: call.id,
                    step: Step::Mapping,
                    title: "Ytterligare kartläggning",
                    received_on: day(2018, 8, 21),
                    requested: kr(100_000),
                    counterpart: "Föreningen Gemenskap i Ale",
                    description: "Ansökan",
                    reform_areas: vec![ReformArea::Education],
                    checklist: Some((&mapping.template, &mapping.body)),
                }],
                &mut |_| {},
            )?;
            // The agency's set-up: a user changed, deactivated and activated again, a
            // setting, a call created, changed and closed, and a case registered after closing.
            let draft = UserDraft {
                login: "es".into(),
                name: "Erik Strand".into(),
                title: "Enhetschef".into(),
                roles: vec![Role::DecisionMaker],
                delegation: Delegation {
                    outcomes: Vec::new(),
                    max: Some(kr(1_000_000)),
                },
            };
            w.change_user(anna, erik, &draft)?;
            w.set_user_active(anna, bertil, false)?;
            w.set_user_active(anna, bertil, true)?;
            w.change_setting(anna, Setting::AgencyName, "Myndigheten för bidrag")?;
            let mut new_call = CallDraft {
                name: "2027 Intresseanmälan".into(),
                step: Step::Interest,
                regulation: Regulation::Municipal,
                regulation_version: String::new(),
                opens_on: day(2026, 12, 1),
                closes_on: day(2027, 2, 28),
                budget: kr(2_000_000),
                commitment: Money::ZERO,
                checklist_id: None,
                conditions_text: String::new(),
                appeal_text: String::new(),
                appeal_paragraph: String::new(),
                sittings: vec![Sitting {
                    held_on: day(2027, 3, 15),
                    cutoff_on: day(2027, 2, 28),
                }],
                kommuner: Vec::new(),
            };
            let call_2027 = w.add_call(anna, &new_call)?;
            let before = new_call.clone();
            new_call.budget = kr(2_500_000);
            w.change_call(anna, call_2027, &before, &new_call)?;
            w.close_call(anna, call_2027, &new_call.name, day(2027, 1, 31))?;
            w.event(
                Some(anna),
                Some(case),
                EventKind::ClosedCallOverridden,
                None,
                Some("Anmälan kom in i tid men diariefördes sent."),
            )?;
            Ok(case)
        })
        .expect("every kind written");
    (store, case_id)
}

/// The events outside any case (users, reference data, jäv, contacts), read as the case
/// view reads a case's.
fn events_outside_cases(store: &Store) -> Vec<Event> {
    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT COALESCE(u.name, ''), e.kind, e.before, e.after
             FROM events e LEFT JOIN users u ON u.id = e.user_id
             WHERE e.case_id IS NULL ORDER BY e.id",
        )
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok(Event {
            at: now(),
            user: r.get(0)?,
            kind: EventKind::read(&r.get::<_, String>(1)?),
            before: r.get(2)?,
            after: r.get(3)?,
        })
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("events")
}

/// Every event of the store described: each case's with its case view's context, the rest with
/// what any context has.
fn described(store: &Store, lang: Lang) -> Vec<(Event, String)> {
    let users = store.users().expect("users");
    let organisations = store.organisations().expect("organisations");
    let lists = checklists();
    let case_ids: Vec<i64> = {
        let conn = store.connection();
        let mut stmt = conn
            .prepare("SELECT id FROM cases ORDER BY id")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("ids")
    };
    let mut out = Vec::new();
    for id in case_ids {
        let d = store.case_detail(id).expect("case");
        let ctx = Context::for_case(
            &d,
            &users,
            lists.iter().map(|c| &c.template),
            &organisations,
        );
        for e in &d.events {
            out.push((e.clone(), describe(lang, e, &ctx).text()));
        }
    }
    let ctx = Context {
        users: &users,
        checklists: lists.iter().map(|c| &c.template).collect(),
        organisations: organisations.iter().collect(),
        ..Context::default()
    };
    for e in events_outside_cases(store) {
        let text = describe(lang, &e, &ctx).text();
        out.push((e, text));
    }
    let total: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .expect("count");
    assert_eq!(out.len() as i64, total, "every event described");
    out
}

/// Each item key's questions, Swedish and English, in every shipped checklist.
type Questions = BTreeMap<String, Vec<String>>;

fn questions() -> Questions {
    let mut out = Questions::new();
    for c in checklists() {
        for i in c.template.items {
            let asked = out.entry(i.key).or_default();
            asked.push(i.question);
            asked.extend(i.question_en);
        }
    }
    out
}

#[test]
fn every_event_kind_reads_as_people_write_in_both_languages() {
    let (store, case_id) = every_kind();
    let logins: Vec<String> = store
        .users()
        .expect("users")
        .into_iter()
        .map(|u| u.login)
        .collect();
    let keys = questions();
    for lang in [Lang::Sv, Lang::En] {
        let lines = described(&store, lang);
        let kinds: BTreeSet<&str> = lines
            .iter()
            .filter_map(|(e, _)| e.kind.as_ref().ok().map(|k| k.code()))
            .collect();
        for k in EventKind::ALL {
            assert!(kinds.contains(k.code()), "no {k:?} event was written");
        }
        for (e, text) in &lines {
            assert_readable(e, text, &logins, &keys);
        }
        // Every kind's line differs from the bare label: the payload was read.
        for (e, text) in &lines {
            if let Ok(k) = e.kind
                && !matches!(k, EventKind::OverBudgetConfirmed)
            {
                let label = bidrag::i18n::event_kind(k).text(lang);
                assert_ne!(text, label, "{k:?} shows only its label");
            }
        }
    }
    // A few lines as a caseworker reads them.
    let d = store.case_detail(case_id).expect("case");
    let users = store.users().expect("users");
    let orgs = store.organisations().expect("organisations");
    let lists = checklists();
    let ctx = Context::for_case(&d, &users, lists.iter().map(|c| &c.template), &orgs);
    let sv: Vec<String> = d
        .events
        .iter()
        .map(|e| describe(Lang::Sv, e, &ctx).text())
        .collect();
    let question = &lists
        .iter()
        .find(|c| c.template.step() == Some(Step::Mapping))
        .expect("checklist")
        .template
        .items[0]
        .question;
    for want in [
        "Tilldelat Anna Lindqvist".to_string(),
        "Tilldelat Bertil Okafor (förut Anna Lindqvist)".into(),
        "Inkommen → Under handläggning".into(),
        format!("{question}: Delvis · Besked saknas i akten."),
        format!("{question}: Delvis → Uppfyllt"),
        "Checklista: Bedömning av ansökan om kartläggning, behovsanalys och plan (version 2018.1)"
            .into(),
        "Förslag till beslut: delvis bifall, 800 000 kr (2018: 500 000 kr, 2019: 300 000 kr)"
            .into(),
        "Beslut: delvis bifall, 800 000 kr (2018: 500 000 kr, 2019: 300 000 kr)".into(),
        "Beslutet av 2018-09-20 expedierat 2018-09-21".into(),
        "Beslutet av 2018-09-20 ändrat: 700 000 kr (2018: 400 000 kr, 2019: 300 000 kr)".into(),
        "Delbetalning 1 utbetald 2018-09-28: 400 000 kr".into(),
        "Handling 1 registrerad (utgående): Begäran om komplettering".into(),
        "Reformområden: Boende → Boende, Demokrati och civilsamhälle".into(),
        "Tjänsteanteckning: Ringde ordföranden. / Beskedet skickas i dag.".into(),
        "Komplettering senast: 2018-09-03 → ingen".into(),
        "Återkrav av 150 000 kr (outnyttjade medel); svar senast 2020-04-23".into(),
        "Återkrav beslutat: eftergift delvis, 50 000 kr efterges · Särskilda skäl: lokalen brann."
            .into(),
        "Slutrapport granskad: återkrav · Hela bidraget har inte använts.".into(),
    ] {
        assert!(sv.contains(&want), "missing {want:?} in\n{}", sv.join("\n"));
    }
}

#[test]
fn the_demo_history_shows_no_code_or_json() {
    let store = demo_store();
    let logins: Vec<String> = store
        .users()
        .expect("users")
        .into_iter()
        .map(|u| u.login)
        .collect();
    let keys = questions();
    for lang in [Lang::Sv, Lang::En] {
        let lines = described(&store, lang);
        assert!(lines.len() > 5000, "{} events", lines.len());
        for (e, text) in &lines {
            assert!(e.kind.is_ok(), "unknown kind {:?}", e.kind);
            assert_readable(e, text, &logins, &keys);
        }
    }
}

#[test]
fn an_event_of_an_unknown_kind_still_shows() {
    let e = Event {
        at: now(),
        user: "Anna Lindqvist".into(),
        kind: EventKind::read("case_archived"),
        before: None,
        after: Some("{\"box\":12}".into()),
    };
    let text = describe(Lang::Sv, &e, &Context::default()).text();
    assert_eq!(text, "Händelse av okänd typ (case_archived)");
    // A known kind whose payload cannot be read says its kind, not the payload.
    let odd = Event {
        kind: Ok(EventKind::DecisionMade),
        after: Some("{\"outcome\":\"ny_typ\"}".into()),
        ..e
    };
    let text = describe(Lang::En, &odd, &Context::default()).text();
    assert_eq!(text, "Decision: unknown");
}
