//! Every list, count and filter query finds its cases through an index: none scans the whole
//! cases table (checked with EXPLAIN QUERY PLAN on the demo database after ANALYZE).

use crate::common;

use bidrag::domain::search::{CaseQuery, Search, Sort};
use bidrag::domain::{CaseSource, Queue};

fn queries() -> Vec<CaseQuery> {
    let mut out = Vec::new();
    let mut sources: Vec<CaseSource> = Queue::ALL.iter().map(|q| CaseSource::Queue(*q)).collect();
    sources.extend([CaseSource::Call(1), CaseSource::Organisation(1)]);
    for source in sources {
        for sort in Sort::ALL {
            for text in [
                "",
                "röda",
                "ab",
                "status:inkommen",
                "kommun:ale",
                "dnr:2026/12",
            ] {
                out.push(CaseQuery {
                    source,
                    search: Search::parse(text).expect("parses"),
                    body: false,
                    sort,
                });
            }
        }
    }
    for text in [
        "röda",
        "zebra fink",
        "handläggare:anna",
        "steg:2",
        "län:skåne",
    ] {
        out.push(CaseQuery {
            source: CaseSource::All,
            search: Search::parse(text).expect("parses"),
            body: true,
            sort: Sort::Received,
        });
    }
    out
}

#[test]
fn no_case_query_scans_the_cases_table() {
    let store = common::demo_store();
    store
        .connection()
        .execute_batch("ANALYZE")
        .expect("analyze");
    let mut bad = Vec::new();
    for q in queries() {
        let plan = store
            .explain_query(&q, 1, common::today())
            .expect("explain");
        for line in &plan {
            // "SCAN c" alone reads every case; "SCAN c USING INDEX …" walks an index in order.
            let scans_cases = ["SCAN c", "SCAN x", "SCAN cases"]
                .iter()
                .any(|t| line == t || line.starts_with(&format!("{t} ")));
            if scans_cases && !line.contains("INDEX") {
                bad.push(format!("{q:?}: {line}"));
            }
        }
    }
    assert!(bad.is_empty(), "full scans:\n{}", bad.join("\n"));
}
