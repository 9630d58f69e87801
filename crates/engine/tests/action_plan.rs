//! The CSV action plan (issue 12, item 3): byte-order mark, columns, the
//! one priority order, the action rather than the problem, the rule's
//! console path and effort, owners and due dates from acceptances, and
//! readable object names.

use crate::util::{at, col, parse_csv, root};
use engine::export::{self, csv, ExportOptions};
use engine::report::{FindingState, Report};
use engine::rules::Severity;
use engine::{analyze, InputFile};
use serde_json::{json, Value};

/// The critical finding the tests accept.
const ACCEPTED: &str = "ASP004:eNo1jrASPnw0005";

/// The pitfall sample, with one acceptance of a critical finding when
/// `accept` is set.
fn pitfall(accept: bool) -> Report {
    let path = root().join("samples/pitfall-tenant.bundle.json");
    let mut bundle: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    if accept {
        bundle["acceptances"] = json!([{
            "finding": ACCEPTED, "reason": "Event platform moves to DKIM in Q1",
            "owner": "Mail team", "expires": "2027-03-31", "acceptedOn": "2026-11-01"
        }]);
    }
    analyze(
        &[InputFile::new(
            "pitfall-tenant.bundle.json",
            bundle.to_string(),
        )],
        &at(),
    )
}

/// The CSV of `r`, as rows of cells (the byte-order mark removed).
fn rows(r: &Report) -> Vec<Vec<String>> {
    let text = csv::render(r, &ExportOptions::default());
    parse_csv(text.strip_prefix(csv::BOM).expect("starts with the BOM"))
}

fn row_of<'a>(rows: &'a [Vec<String>], key: &str) -> &'a [String] {
    rows.iter()
        .find(|row| row[col("key")] == key)
        .unwrap_or_else(|| panic!("no row for {key}"))
}

#[test]
fn the_file_starts_with_the_utf8_byte_order_mark() {
    let text = csv::render(&pitfall(false), &ExportOptions::default());
    assert_eq!(&text.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    // Once only: the header follows it directly.
    assert!(text[3..].starts_with("priority,"));
}

#[test]
fn the_header_is_exactly_the_column_list() {
    let text = csv::render(&pitfall(false), &ExportOptions::default());
    let header = text.trim_start_matches(csv::BOM).split("\r\n").next();
    assert_eq!(
        header,
        Some(
            "priority,code,title,severity,object,action,console path,effort,\
             owner,due date,status,evidence,key,CIS v8,NIST 800-53,analysis date,analysed with,\
             input files,attack paths"
        )
    );
    assert_eq!(rows(&pitfall(false))[0], csv::COLUMNS);
}

#[test]
fn rows_are_numbered_in_priority_order_critical_first_accepted_last() {
    let r = pitfall(true);
    let rows = rows(&r);
    let body = &rows[1..];
    assert_eq!(body.len(), r.summary.findings);
    let numbers: Vec<String> = body
        .iter()
        .map(|row| row[col("priority")].clone())
        .collect();
    let expected: Vec<String> = (1..=body.len()).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    // Exactly the engine's one order.
    let keys: Vec<&str> = body.iter().map(|row| row[col("key")].as_str()).collect();
    let order: Vec<&str> = export::priority(&r)
        .iter()
        .map(|p| p.finding.key.as_str())
        .collect();
    assert_eq!(keys, order);
    // The open critical findings fill the first rows.
    let open_critical = r
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .filter(|f| f.state == FindingState::Open && f.severity == Severity::Critical)
        .count();
    assert!(open_critical >= 2, "the sample has critical findings");
    let severities: Vec<&str> = body
        .iter()
        .map(|row| row[col("severity")].as_str())
        .collect();
    assert!(severities[..open_critical].iter().all(|s| *s == "critical"));
    // The only critical row after them is the accepted one.
    let later = severities[open_critical..]
        .iter()
        .filter(|s| **s == "critical");
    assert_eq!(later.count(), 1);
    // The accepted critical finding comes after every open one.
    let statuses: Vec<&str> = body.iter().map(|row| row[col("status")].as_str()).collect();
    assert_eq!(statuses.last(), Some(&"accepted"));
    assert_eq!(statuses.iter().filter(|s| **s == "accepted").count(), 1);
    assert_eq!(keys.last(), Some(&ACCEPTED));
    let last = body.last().unwrap();
    assert_eq!(
        (last[col("owner")].as_str(), last[col("due date")].as_str()),
        ("Mail team", "2027-03-31")
    );
    // Without an acceptance, owner and due date stay empty.
    assert!(body[..body.len() - 1]
        .iter()
        .all(|row| row[col("owner")].is_empty() && row[col("due date")].is_empty()));
}

#[test]
fn the_action_is_the_fix_not_the_problem() {
    let r = pitfall(false);
    let rows = rows(&r);
    for p in export::priority(&r) {
        let row = row_of(&rows, &p.finding.key);
        let action = &row[col("action")];
        assert!(!action.is_empty(), "{}", p.finding.key);
        assert_eq!(*action, export::recommendation(&p.result.fix));
        assert_ne!(*action, p.finding.message);
        assert_eq!(row[col("title")], p.result.title);
        assert_ne!(row[col("title")], p.finding.message);
    }
    assert!(row_of(&rows, ACCEPTED)[col("action")].starts_with("Add the exact source IP ranges"));
}

#[test]
fn console_path_and_effort_come_from_the_rule_declaration() {
    let rows = rows(&pitfall(false));
    for row in &rows[1..] {
        let meta = engine::rules::find(&row[col("code")]).unwrap().meta();
        assert_eq!(
            row[col("console path")],
            meta.console,
            "{}",
            row[col("key")]
        );
        assert_eq!(
            row[col("effort")],
            meta.effort.as_str(),
            "{}",
            row[col("key")]
        );
    }
    let asp004 = row_of(&rows, ACCEPTED);
    assert_eq!(
        (
            asp004[col("console path")].as_str(),
            asp004[col("effort")].as_str()
        ),
        ("Policies > Gateway Policies > Anti-Spoofing", "medium")
    );
}

#[test]
fn objects_are_named_with_their_id_beside() {
    let rows = rows(&pitfall(false));
    let object = |key: &str| row_of(&rows, key)[col("object")].clone();
    assert_eq!(
        object(ACCEPTED),
        "\u{201C}Event registration platform sends as events@\u{201D} (eNo1jrASPnw0005)"
    );
    assert_eq!(
        object("PSN004:eNo1jrPSPnw0003#209.85.128.0/17"),
        "\u{201C}Partners hosted on Google Workspace\u{201D} (eNo1jrPSPnw0003#209.85.128.0/17)"
    );
    assert_eq!(
        object("IMP005:def-imp-executives"),
        "\u{201C}Executives\u{201D} (def-imp-executives)"
    );
    // Readable keys stay as they are: a domain, a section, a pair.
    assert_eq!(
        object("ASP003:northwind-shop.example"),
        "northwind-shop.example"
    );
    assert_eq!(
        object("IMP002:impersonationPolicies"),
        "impersonationPolicies"
    );
    assert_eq!(
        object("POL004:eNo1jrBLKnw0001+eNo1jrBLKnw0002"),
        "eNo1jrBLKnw0001+eNo1jrBLKnw0002"
    );
    // The evidence cell: file, JSON path and value of the first evidence.
    assert_eq!(
        row_of(&rows, ACCEPTED)[col("evidence")],
        "pitfall-tenant.bundle.json at antiSpoofingPolicies.definitions[4].policy.option: no_action"
    );
}
