//! Owners and due dates: matched to findings by key, carried through the
//! assessment's bundle, never changing a finding's state or the score.

use serde_json::{json, Value};

use crate::assessment::Assessment;
use crate::model::Assignment;
use crate::report::{FindingState, Report};
use crate::{analyze, InputFile, Options};

fn bundle(assignments: Value) -> InputFile {
    let b = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "a.example", "sendOnly": false}, {"domain": "b.example", "sendOnly": false}],
        "antiSpoofingPolicies": [],
        "assignments": assignments
    });
    InputFile::new("b.json", b.to_string())
}

/// ASP003's findings as (key, owner, due).
fn asp003(r: &Report) -> Vec<(String, Option<(String, String)>)> {
    let res = r.results.iter().find(|x| x.code == "ASP003").unwrap();
    res.findings
        .iter()
        .map(|f| {
            let a = f
                .assignment
                .as_ref()
                .map(|a| (a.owner.clone(), a.due.clone()));
            (f.key.clone(), a)
        })
        .collect()
}

#[test]
fn an_assignment_belongs_to_its_finding_only_and_the_last_one_wins() {
    let r = analyze(
        &[bundle(json!([
            {"finding": "ASP003:b.example", "owner": "Mail team", "due": "2027-01-15"},
            {"finding": "ASP003:b.example", "owner": "Jo Bloggs", "due": "2027-02-01"}
        ]))],
        &Options::default(),
    );
    assert_eq!(
        asp003(&r),
        [
            ("ASP003:a.example".to_string(), None),
            (
                "ASP003:b.example".to_string(),
                Some(("Jo Bloggs".to_string(), "2027-02-01".to_string()))
            )
        ]
    );
    // An owner is not an acceptance: the finding stays open and counts.
    let plain = analyze(&[bundle(json!([]))], &Options::default());
    assert!(r
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .all(|f| f.state == FindingState::Open));
    assert_eq!(r.score, plain.score);
}

#[test]
fn an_assignment_under_an_earlier_key_of_the_same_object_follows_it() {
    let r = analyze(
        &[bundle(
            json!([{"finding": "ASP003@1:a.example", "owner": "Mail team", "due": ""}]),
        )],
        &Options::default(),
    );
    let got = asp003(&r);
    assert_eq!(got[0].0, "ASP003:a.example");
    assert_eq!(got[0].1, Some(("Mail team".to_string(), String::new())));
    // Another rule's key for the same object does not.
    let other = analyze(
        &[bundle(
            json!([{"finding": "ASP001:a.example", "owner": "x", "due": ""}]),
        )],
        &Options::default(),
    );
    assert!(asp003(&other).iter().all(|(_, a)| a.is_none()));
}

#[test]
fn a_malformed_list_is_a_warning_not_a_failure() {
    let r = analyze(&[bundle(json!([{"owner": "no key"}]))], &Options::default());
    let warnings = &r.inputs[0].warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("assignments.") && w.contains("not read")),
        "{warnings:?}"
    );
    assert!(asp003(&r).iter().all(|(_, a)| a.is_none()));
}

#[test]
fn the_assessment_keeps_assignments_through_its_bundle() {
    let mut a = Assessment::new("id-1", "Contoso", "Sam", "2026-11-20");
    a.files
        .push(crate::assessment::StoredFile::from_input(&bundle(
            json!([]),
        )));
    a.assignments.push(Assignment::new(
        "ASP003:a.example",
        " Mail team ",
        "2027-03-31",
    ));
    let r = a.report(&Options::default());
    assert_eq!(
        asp003(&r)[0].1,
        Some(("Mail team".to_string(), "2027-03-31".to_string()))
    );
    let back = Assessment::from_bundle(
        "x.json",
        &a.to_bundle(crate::model::parse_date("2026-11-21").unwrap()),
    )
    .unwrap();
    assert_eq!(back.assignments, a.assignments);
}
