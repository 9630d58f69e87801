//! Tests of the hand-over's summary, plan, scope and accepted risks.

use super::*;
use crate::report::score::Grade;
use crate::{analyze, InputFile, Options};

fn pitfall() -> Report {
    let bytes = include_bytes!("../../../../samples/pitfall-tenant.bundle.json");
    analyze(
        &[InputFile::new("pitfall-tenant.bundle.json", bytes.to_vec())],
        &Options::default(),
    )
}

/// Only internal domains: one rule assessed, most not.
fn sparse() -> Report {
    let bundle = r#"{"format": "mimecast-config-bundle", "version": 1,
        "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "a.example"}], "antiSpoofingPolicies": []}"#;
    analyze(
        &[InputFile::new(
            "sparse.bundle.json",
            bundle.as_bytes().to_vec(),
        )],
        &Options::default(),
    )
}

fn open_count(r: &Report, s: Severity) -> usize {
    r.results
        .iter()
        .flat_map(|x| x.findings.iter())
        .filter(|f| f.state == FindingState::Open && f.severity == s)
        .count()
}

#[test]
fn untitled_and_empty_customers_are_not_names() {
    assert_eq!(customer_named(""), None);
    assert_eq!(customer_named("   "), None);
    assert_eq!(customer_named(UNTITLED_CUSTOMER), None);
    assert_eq!(customer_named(" Untitled assessment "), None);
    assert_eq!(customer_named(" Contoso Ltd. "), Some("Contoso Ltd."));
}

#[test]
fn the_grade_paragraph_of_an_f_names_the_critical_problems() {
    let r = pitfall();
    assert_eq!(r.score.grade.map(|g| g.letter), Some(Letter::F));
    let p = grade_paragraph(&r);
    let critical = open_count(&r, Severity::Critical);
    let high = open_count(&r, Severity::High);
    assert!(critical > 1 && high > 1);
    assert!(
        p.starts_with(&format!(
            "Spoofed and impersonating mail can reach users today: {critical} critical problems and {high} high-severity problems leave"
        )),
        "{p}"
    );
    let open: usize = r.results.iter().map(super::super::open_findings).sum();
    assert!(
        p.contains(&format!("lists the {open} open findings")),
        "{p}"
    );
}

#[test]
fn each_grade_letter_has_its_own_meaning() {
    let mut r = pitfall();
    let mut seen = std::collections::BTreeSet::new();
    for letter in Letter::ALL {
        r.score.grade = Some(Grade {
            letter,
            incomplete: false,
        });
        let p = grade_paragraph(&r);
        let first = p.split(['.', ':']).next().unwrap().to_string();
        assert!(seen.insert(first.clone()), "{letter:?} repeats {first}");
    }
    r.score.grade = Some(Grade {
        letter: Letter::C,
        incomplete: true,
    });
    assert!(grade_paragraph(&r).contains("capped at C"));
    r.score.grade = None;
    assert!(grade_paragraph(&r).contains("no grade yet"));
}

#[test]
fn the_grade_paragraph_agrees_in_number() {
    let r = sparse();
    let p = grade_paragraph(&r);
    // One open high finding (the one unprotected domain).
    assert_eq!(open_count(&r, Severity::High), 1, "{p}");
    assert!(p.contains("1 high-severity problem "), "{p}");
    assert!(!p.contains("problems"), "{p}");
    assert!(
        p.contains("could not be assessed") || p.contains("capped at C"),
        "{p}"
    );
}

#[test]
fn the_plan_is_the_priority_order_numbered_from_one() {
    let r = pitfall();
    let plan = plan(&r);
    let order: Vec<&str> = super::super::priority(&r)
        .iter()
        .map(|p| p.finding.key.as_str())
        .collect();
    let keys: Vec<&str> = plan.iter().map(|p| p.finding.key.as_str()).collect();
    assert_eq!(keys, order);
    assert!(plan.iter().enumerate().all(|(i, p)| p.number == i + 1));
    for p in &plan {
        // The action is the fix, not the problem.
        assert_eq!(p.action, super::super::recommendation(&p.result.fix));
        assert_ne!(p.action, p.finding.message);
        assert!(!p.action.is_empty(), "{}", p.result.code);
        assert_eq!(
            p.console,
            crate::rules::find(&p.result.code).unwrap().meta().console
        );
    }
}

#[test]
fn scope_lists_the_rules_not_assessed_with_the_sections_they_lack() {
    let r = sparse();
    let s = scope(&r);
    let codes: Vec<&str> = s.not_assessed.iter().map(|x| x.code.as_str()).collect();
    let want: Vec<&str> = r
        .results
        .iter()
        .filter(|x| x.status == Status::NotAssessed)
        .map(|x| x.code.as_str())
        .collect();
    assert!(!codes.is_empty());
    assert_eq!(codes.len(), want.len());
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "in code order");
    let x = s.not_assessed[0];
    let why = not_assessed_reason(x);
    assert!(why.contains(&x.missing_sections[0].title), "{why}");
    assert!(
        !why.contains(&x.missing_sections[0].key),
        "titles, not keys: {why}"
    );
    assert!(!s.missing.is_empty() && !s.is_complete());
}

#[test]
fn accepted_risks_keep_expired_ones_and_say_so() {
    let bundle = r#"{"format": "mimecast-config-bundle", "version": 1,
        "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "a.example"}, {"domain": "b.example"}],
        "antiSpoofingPolicies": [],
        "acceptances": [
          {"finding": "ASP003:a.example", "reason": "Parked", "owner": "IT", "expires": "2027-06-30"},
          {"finding": "ASP003:b.example", "reason": "Old", "owner": "Ops", "expires": "2026-01-31"}]}"#;
    let r = analyze(
        &[InputFile::new(
            "acc.bundle.json",
            bundle.as_bytes().to_vec(),
        )],
        &Options::default(),
    );
    let risks = accepted_risks(&r);
    let rows: Vec<(&str, &str)> = risks
        .iter()
        .map(|a| (a.finding.key.as_str(), acceptance_state(a.acceptance)))
        .collect();
    // The expired one is open again, so it comes first in the plan.
    assert_eq!(
        rows,
        [
            ("ASP003:b.example", "Expired: open again"),
            ("ASP003:a.example", "Accepted")
        ]
    );
    // The plan names the acceptance's owner and end as owner and due date.
    let plan = plan(&r);
    let last = plan.last().unwrap();
    assert_eq!(
        (last.owner.as_str(), last.due.as_str()),
        ("IT", "2027-06-30")
    );
}

#[test]
fn the_owner_and_due_date_come_from_the_assignment_first() {
    let bundle = r#"{"format": "mimecast-config-bundle", "version": 1,
        "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "a.example"}, {"domain": "b.example"}, {"domain": "c.example"}],
        "antiSpoofingPolicies": [],
        "acceptances": [
          {"finding": "ASP003:b.example", "reason": "Parked", "owner": "IT", "expires": "2027-06-30"},
          {"finding": "ASP003:c.example", "reason": "Parked", "owner": "IT", "expires": "2027-06-30"}],
        "assignments": [
          {"finding": "ASP003:a.example", "owner": "Mail team", "due": "2026-12-15"},
          {"finding": "ASP003:b.example", "owner": "Dana", "due": "2027-01-10"}]}"#;
    let r = analyze(
        &[InputFile::new(
            "assign.bundle.json",
            bundle.as_bytes().to_vec(),
        )],
        &Options::default(),
    );
    let owners: Vec<(&str, String, String)> = plan(&r)
        .iter()
        .map(|p| (p.finding.object.as_str(), p.owner.clone(), p.due.clone()))
        .collect();
    let get = |o: &str| owners.iter().find(|x| x.0 == o).unwrap().clone();
    // Assigned: the assignment, also over an acceptance.
    assert_eq!(get("a.example").1, "Mail team");
    assert_eq!(get("a.example").2, "2026-12-15");
    assert_eq!(
        (get("b.example").1, get("b.example").2),
        ("Dana".into(), "2027-01-10".into())
    );
    // Only accepted: the acceptance's owner and end.
    assert_eq!(
        (get("c.example").1, get("c.example").2),
        ("IT".into(), "2027-06-30".into())
    );
    // Every export shows them.
    let o = super::super::ExportOptions::default();
    for f in [
        super::super::Format::Html,
        super::super::Format::Markdown,
        super::super::Format::Csv,
    ] {
        let out = super::super::render(f, &r, &o);
        for v in ["Mail team", "2026-12-15", "Dana", "2027-01-10"] {
            assert!(out.contains(v), "{}: {v}", f.as_str());
        }
    }
}
