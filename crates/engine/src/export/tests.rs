//! Unit tests of the shared export helpers and of redaction over a sample.

use super::*;
use crate::report::Status;
use crate::{analyze, rules, samples, InputFile, Options};

fn pitfall() -> Report {
    let bytes = include_bytes!("../../../../samples/pitfall-tenant.bundle.json");
    analyze(
        &[InputFile::new("pitfall-tenant.bundle.json", bytes.to_vec())],
        &Options::default(),
    )
}

#[test]
fn the_effort_of_a_fix_is_the_one_its_rule_declares() {
    for r in rules::all() {
        assert_eq!(effort(r.meta().code), r.meta().effort);
    }
    assert_eq!(effort("ASP003"), Effort::Low);
    assert_eq!(effort("DNS006"), Effort::High);
    assert_eq!(effort("XYZ999"), Effort::Medium);
}

#[test]
fn media_types_match_the_formats() {
    assert!(Format::Csv.media_type().starts_with("text/csv"));
    assert!(Format::Html.media_type().starts_with("text/html"));
}

#[test]
fn formats_parse_back() {
    for f in Format::ALL {
        assert_eq!(Format::parse(f.as_str()), Some(f));
    }
    assert_eq!(Format::parse("xml"), None);
}

#[test]
fn top_fixes_are_the_rules_of_the_action_plan_in_its_order() {
    let r = pitfall();
    let top = top_fixes(&r, 100);
    assert!(!top.is_empty());
    // The order of first appearance of each rule in the priority order.
    let mut plan: Vec<&str> = Vec::new();
    for p in priority(&r) {
        if p.finding.state == FindingState::Open && !plan.contains(&p.result.code.as_str()) {
            plan.push(&p.result.code);
        }
    }
    let codes: Vec<&str> = top.iter().map(|t| t.result.code.as_str()).collect();
    assert_eq!(codes, plan);
    assert!(top
        .iter()
        .all(|t| t.result.status == Status::Fail && t.open > 0));
    let three: Vec<&str> = top_fixes(&r, 3)
        .iter()
        .map(|t| t.result.code.as_str())
        .collect();
    assert_eq!(three, codes[..3]);
}

#[test]
fn recommendation_is_the_first_paragraph_in_plain_text() {
    assert_eq!(
        recommendation("Set `x` on **Y**.\nMore.\n\nConsole: Z."),
        "Set x on Y. More."
    );
    assert_eq!(recommendation(""), "");
}

#[test]
fn json_export_is_the_report_json() {
    let r = pitfall();
    assert_eq!(json(&r, &ExportOptions::default()), r.to_json());
    assert_eq!(
        text(&r, &ExportOptions::default()),
        crate::report::render_text(&r)
    );
}

#[test]
fn redaction_is_consistent_and_keeps_keys_aligned() {
    let r = pitfall();
    let red = redact::redact(&r);
    let json = red.to_json();
    for d in [
        "northwind.example",
        "northwind-shop.example",
        "northwind-legacy.example",
        "personal-mail.example",
        "pitfall-tenant",
    ] {
        assert!(!json.to_lowercase().contains(d), "{d} survived redaction");
    }
    assert!(
        json.contains("spf.protection.outlook.com")
            && json.contains("gmail.com")
            && json.contains("40.107.0.0/16")
    );
    for (a, b) in r.results.iter().zip(&red.results) {
        assert_eq!(
            (a.code.as_str(), a.findings.len()),
            (b.code.as_str(), b.findings.len())
        );
        for f in &b.findings {
            assert_eq!(f.key, format!("{}:{}", b.code, f.object));
        }
    }
    // The same domain gets the same token in every field.
    let asp003 = red.results.iter().find(|x| x.code == "ASP003").unwrap();
    let object = &asp003.findings[0].object;
    assert!(
        object.starts_with("domain-") && object.ends_with(".example"),
        "{object}"
    );
    assert!(asp003.findings[0].message.contains(object.as_str()));
    assert_eq!(&asp003.findings[0].evidence[0].value, object);
    let dns006 = red.results.iter().find(|x| x.code == "DNS006").unwrap();
    assert!(
        dns006
            .findings
            .iter()
            .any(|f| f.evidence.iter().any(|e| e.path.contains(&f.object))),
        "paths use the same tokens"
    );
    // Deterministic.
    assert_eq!(redact::redact(&r), red);
    assert_eq!(red.inputs[0].name, "file-1.json");
}

#[test]
fn redaction_of_the_demo_tenant_hides_its_domains() {
    let r = analyze(&samples::demo_tenant(), &Options::default());
    let red = redact::redact(&r).to_json();
    assert!(
        !red.contains("northwind-shop"),
        "demo tenant domain survived"
    );
}
