//! Accepted risks: applied by finding key, expiring, surviving re-ordering.

use serde_json::{json, Value};

use crate::report::{FindingState, Report};
use crate::{analyze, InputFile, Options};

fn bundle(domains: Value, acceptances: Value) -> InputFile {
    let b = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": domains,
        "antiSpoofingPolicies": [],
        "acceptances": acceptances
    });
    InputFile::new("b.json", b.to_string())
}

fn asp003(r: &Report) -> Vec<(String, FindingState, bool)> {
    let res = r.results.iter().find(|x| x.code == "ASP003").unwrap();
    res.findings
        .iter()
        .map(|f| {
            (
                f.key.clone(),
                f.state,
                f.acceptance.as_ref().is_some_and(|a| a.expired),
            )
        })
        .collect()
}

fn accept(key: &str, expires: &str) -> Value {
    json!({"finding": key, "reason": "Parked domain, no mail", "owner": "IT security", "expires": expires})
}

#[test]
fn an_acceptance_applies_to_its_finding_only_and_expires() {
    let domains = json!([{"domain": "a.example", "sendOnly": false}, {"domain": "b.example", "sendOnly": false}]);
    let r = analyze(
        &[bundle(
            domains.clone(),
            json!([accept("ASP003:b.example", "2026-12-31")]),
        )],
        &Options::default(),
    );
    assert_eq!(
        asp003(&r),
        [
            ("ASP003:a.example".to_string(), FindingState::Open, false),
            (
                "ASP003:b.example".to_string(),
                FindingState::Accepted,
                false
            )
        ]
    );
    let later = Options {
        at: Some(crate::model::parse_date("2027-01-01").unwrap()),
        now: None,
    };
    let r = analyze(
        &[bundle(
            domains,
            json!([accept("ASP003:b.example", "2026-12-31")]),
        )],
        &later,
    );
    assert_eq!(
        asp003(&r)[1],
        ("ASP003:b.example".to_string(), FindingState::Open, true),
        "expired: a finding again"
    );
}

#[test]
fn an_acceptance_survives_a_reordered_export() {
    let a = json!([accept("ASP003:b.example", "2027-06-30")]);
    let first = analyze(
        &[bundle(
            json!([{"domain": "a.example"}, {"domain": "b.example"}]),
            a.clone(),
        )],
        &Options::default(),
    );
    let reordered = analyze(
        &[bundle(
            json!([{"domain": "c.example"}, {"domain": "b.example"}, {"domain": "a.example"}]),
            a,
        )],
        &Options::default(),
    );
    let accepted = |r: &Report| {
        asp003(r)
            .into_iter()
            .filter(|(_, s, _)| *s == FindingState::Accepted)
            .map(|(k, _, _)| k)
            .collect::<Vec<_>>()
    };
    assert_eq!(accepted(&first), ["ASP003:b.example"]);
    assert_eq!(accepted(&reordered), ["ASP003:b.example"]);
}

#[test]
fn acceptances_travel_in_the_bundle() {
    let files = [bundle(
        json!([{"domain": "a.example"}]),
        json!([accept("ASP003:a.example", "2027-06-30")]),
    )];
    let text = crate::bundle_of(&files, crate::model::parse_date("2026-11-28").unwrap());
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["acceptances"][0]["finding"], "ASP003:a.example");
    let r = analyze(&[InputFile::new("again.json", text)], &Options::default());
    assert_eq!(asp003(&r)[0].1, FindingState::Accepted);
    let bad =
        json!({"format": "mimecast-config-bundle", "version": 1, "acceptances": [{"finding": 3}]});
    let r = analyze(
        &[InputFile::new("bad.json", bad.to_string())],
        &Options::default(),
    );
    assert!(
        r.inputs[0].warnings[0].starts_with("acceptances.[0].finding"),
        "{:?}",
        r.inputs[0].warnings
    );
}

/// A rule at version 2 whose meaning changed since risks were accepted.
static CHANGED: crate::rules::RuleMeta = crate::rules::RuleMeta {
    version: 2,
    ..crate::rules::asp::InternalDomainUnprotected::META
};

fn changed_rule_report(acceptances: &[crate::model::Acceptance]) -> Report {
    use crate::rules::{Confidence, Finding, Outcome, RuleResult, Subject};
    let config = crate::model::Config {
        acceptances: acceptances.to_vec(),
        ..Default::default()
    };
    let finding = Finding {
        severity: CHANGED.severity,
        message: "a.example has no anti-spoofing".into(),
        object: Subject::domain("a.example"),
        confidence: Confidence::High,
        evidence: Vec::new(),
    };
    let result = RuleResult {
        meta: &CHANGED,
        outcome: Outcome::Fail(vec![finding]),
    };
    let at = crate::model::parse_date("2026-11-20").unwrap();
    Report::new(at, &config, Vec::new(), vec![result])
}

#[test]
fn a_changed_rule_does_not_inherit_acceptances_silently() {
    use crate::model::Acceptance;
    let old = Acceptance::new(
        "ASP003:a.example",
        "parked",
        "IT",
        "2027-12-31",
        "2026-01-05",
    );
    let r = changed_rule_report(std::slice::from_ref(&old));
    let f = &r.results[0].findings[0];
    assert_eq!(f.key, "ASP003@2:a.example");
    assert_eq!(f.state, FindingState::Open, "accepted under version 1 only");
    let shown = f
        .acceptance
        .as_ref()
        .expect("the old acceptance is shown, for review");
    assert!(shown.outdated && shown.finding == "ASP003:a.example");
    assert!(r.key_migrations.is_empty());

    let new = Acceptance::new(
        "ASP003@2:a.example",
        "still parked",
        "IT",
        "2027-12-31",
        "2026-11-20",
    );
    let r = changed_rule_report(&[old, new]);
    let f = &r.results[0].findings[0];
    assert_eq!(f.state, FindingState::Accepted);
    assert!(!f.acceptance.as_ref().unwrap().outdated);
}

#[test]
fn repeated_objects_get_numbered_keys() {
    use crate::rules::{Confidence, Finding, Outcome, RuleResult, Subject};
    let f = Finding {
        severity: CHANGED.severity,
        message: "same".into(),
        object: Subject::domain("a.example"),
        confidence: Confidence::High,
        evidence: Vec::new(),
    };
    let result = RuleResult {
        meta: &crate::rules::asp::InternalDomainUnprotected::META,
        outcome: Outcome::Fail(vec![f.clone(), f.clone(), f]),
    };
    let at = crate::model::parse_date("2026-11-20").unwrap();
    let r = Report::new(
        at,
        &crate::model::Config::default(),
        Vec::new(),
        vec![result],
    );
    let keys: Vec<&str> = r.results[0]
        .findings
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "ASP003:a.example",
            "ASP003:a.example~2",
            "ASP003:a.example~3"
        ]
    );
}
