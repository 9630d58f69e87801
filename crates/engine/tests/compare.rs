//! Comparing a baseline with a later run of the same tenant.
//!
//! `tests/fixtures/compare/before.bundle.json` is the clean sample tenant with
//! five pitfalls planted (CON002, DNS006, IMP004, PSN002, TRM001);
//! `after.bundle.json` is the same tenant a week later: TRM001 and IMP004
//! fixed, PSN001 new, the PSN002 finding accepted through an `acceptances`
//! entry, and every record list (and the top-level keys) in another order.

use std::path::PathBuf;

use engine::compare::{compare, render_text, report_json_with, Change, ChangeCounts, Comparison};
use engine::model::parse_date;
use engine::report::{FindingState, Report, Status};
use engine::rules::Area;
use engine::{analyze, InputFile, Options};
use serde_json::Value;

const CON002: &str = "CON002:Microsoft 365 mail flow";
const DNS006: &str = "DNS006:tailspin-travel.example";
const IMP004: &str = "IMP004:def-imp-default";
const PSN001: &str = "PSN001:managed:gmail.com";
const PSN002: &str = "PSN002:eNo1jrPSPts0003#tailspin.example";
const TRM001: &str = "TRM001:threatRemediation.settings";

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/compare")
        .join(name);
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

fn run_with(bundle: &Value, options: &Options) -> Report {
    let r = analyze(
        &[InputFile::new("bundle.json", bundle.to_string())],
        options,
    );
    assert_eq!(r.summary.input_errors, 0, "{:?}", r.inputs);
    r
}

fn run(bundle: &Value) -> Report {
    run_with(bundle, &Options::default())
}

fn pair() -> (Report, Report) {
    (
        run(&fixture("before.bundle.json")),
        run(&fixture("after.bundle.json")),
    )
}

fn keys(c: &Comparison, change: Change) -> Vec<&str> {
    c.findings.keys(change)
}

fn statuses(c: &Comparison) -> Vec<(&str, Option<Status>, Option<Status>)> {
    c.rule_changes
        .iter()
        .map(|r| (r.code.as_str(), r.before, r.after))
        .collect()
}

/// Reverses every array in a JSON value, recursively.
fn reverse_all(v: &mut Value) {
    match v {
        Value::Array(a) => {
            a.reverse();
            a.iter_mut().for_each(reverse_all);
        }
        Value::Object(m) => m.values_mut().for_each(reverse_all),
        _ => {}
    }
}

#[test]
fn the_fixture_pair_is_what_it_claims() {
    let (before, after) = pair();
    let open = |r: &Report| -> Vec<(String, FindingState)> {
        r.results
            .iter()
            .flat_map(|x| x.findings.iter().map(|f| (f.key.clone(), f.state)))
            .collect()
    };
    assert_eq!(
        open(&before),
        [CON002, DNS006, IMP004, PSN002, TRM001].map(|k| (k.to_string(), FindingState::Open)),
        "five pitfalls, all open"
    );
    assert_eq!(before.summary.not_assessed, 0);
    assert_eq!(after.summary.not_assessed, 0);
    let raw = std::fs::read_to_string(
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("tests/fixtures/compare/after.bundle.json"),
    )
    .unwrap();
    let (b, a) = (fixture("before.bundle.json"), fixture("after.bundle.json"));
    assert_ne!(
        b["permittedSenderPolicies"]["policies"], a["permittedSenderPolicies"]["policies"],
        "records re-ordered"
    );
    assert!(raw.find("\"acceptances\"").unwrap() < raw.find("\"internalDomains\"").unwrap());
}

#[test]
fn every_finding_lands_in_exactly_one_category() {
    let (before, after) = pair();
    let c = compare(&before, &after);
    assert_eq!(keys(&c, Change::New), [PSN001]);
    assert_eq!(keys(&c, Change::Fixed), [IMP004, TRM001]);
    assert_eq!(keys(&c, Change::Unchanged), [CON002, DNS006]);
    assert_eq!(keys(&c, Change::Accepted), [PSN002]);
    assert!(keys(&c, Change::Unknown).is_empty());
    assert_eq!(
        c.counts,
        ChangeCounts {
            new: 1,
            fixed: 2,
            unchanged: 2,
            accepted: 1,
            unknown: 0
        }
    );
    assert_eq!(
        (c.before_date.as_str(), c.after_date.as_str()),
        ("2026-11-20T10:00:00Z", "2026-11-27T10:00:00Z")
    );

    let new = &c.findings.new[0];
    assert_eq!(
        (
            new.code.as_str(),
            new.object.as_str(),
            new.before,
            new.after
        ),
        (
            "PSN001",
            "managed:gmail.com",
            None,
            Some(FindingState::Open)
        )
    );
    let fixed = &c.findings.fixed[1];
    assert_eq!(
        (fixed.code.as_str(), fixed.before, fixed.after),
        ("TRM001", Some(FindingState::Open), None)
    );
    assert!(
        fixed.message.contains("notify-only"),
        "a fixed finding keeps its old message: {}",
        fixed.message
    );
    let unchanged = &c.findings.unchanged[0];
    assert_eq!(
        (unchanged.before, unchanged.after),
        (Some(FindingState::Open), Some(FindingState::Open))
    );
}

#[test]
fn the_acceptance_survives_the_reordering() {
    let (before, after) = pair();
    let c = compare(&before, &after);
    let accepted = &c.findings.accepted[0];
    assert_eq!(
        (accepted.before, accepted.after),
        (Some(FindingState::Open), Some(FindingState::Accepted))
    );
    let a = accepted
        .acceptance
        .as_ref()
        .expect("the acceptance travels with the finding");
    assert_eq!(
        (
            a.finding.as_str(),
            a.owner.as_str(),
            a.expires.as_str(),
            a.expired
        ),
        (PSN002, "IT security", "2027-06-30", false)
    );

    // Every list in yet another order: the same comparison.
    let mut again = fixture("after.bundle.json");
    reverse_all(&mut again);
    let reordered = compare(&before, &run(&again));
    assert_eq!(reordered.findings, c.findings);
    assert_eq!(reordered.counts, c.counts);
    assert_eq!(reordered.score, c.score);
    // And the baseline itself re-ordered: still the same.
    let mut base = fixture("before.bundle.json");
    reverse_all(&mut base);
    assert_eq!(compare(&run(&base), &after).findings, c.findings);
}

#[test]
fn rule_outcome_changes_are_listed() {
    let (before, after) = pair();
    let c = compare(&before, &after);
    assert_eq!(
        statuses(&c),
        [
            ("IMP004", Some(Status::Fail), Some(Status::Pass)),
            ("PSN001", Some(Status::Pass), Some(Status::Fail)),
            ("TRM001", Some(Status::Fail), Some(Status::Pass)),
        ],
        "PSN002 still fails (its finding is accepted, not gone)"
    );
    assert_eq!(c.rule_changes[1].area, Area::PermittedSenders);
}

#[test]
fn the_score_delta_is_overall_and_per_area() {
    let (before, after) = pair();
    let c = compare(&before, &after);
    let o = &c.score.overall;
    // before: failed 1 + 3 + 3 + 10 + 6 = 23 of 224 → 89.7 → 90;
    // after:  failed 1 + 3 + 6 = 10 of 224 → 95.5 → 96.
    assert_eq!((o.before, o.after, o.delta), (Some(90), Some(96), Some(6)));
    assert_eq!(
        (
            o.before_grade.map(|g| g.to_string()).as_deref(),
            o.after_grade.map(|g| g.to_string()).as_deref()
        ),
        (Some("A"), Some("A"))
    );
    assert_eq!(
        (
            c.score.coverage.before,
            c.score.coverage.after,
            c.score.coverage.delta
        ),
        (100, 100, 0)
    );
    assert_eq!(
        o.before, before.score.overall,
        "the same numbers as the reports"
    );
    assert_eq!(o.after, after.score.overall);
    type Row = (Area, Option<u32>, Option<u32>, Option<i32>);
    let areas: Vec<Row> = c
        .score
        .areas
        .iter()
        .map(|a| (a.area, a.before, a.after, a.delta))
        .collect();
    assert_eq!(
        areas,
        [
            (Area::AntiSpoofing, Some(100), Some(100), Some(0)),
            // IMP004 (3 of 21) fixed: 85.7 → 86, then 100.
            (Area::Impersonation, Some(86), Some(100), Some(14)),
            // TRM001 6 + CON002 1 of 19: 63.2 → 63; then CON002 only: 94.7 → 95.
            (Area::RemediationContinuity, Some(63), Some(95), Some(32)),
            // PSN002 (10 of 41) accepted, PSN001 (6) new: 75.6 → 76, then 85.4 → 85.
            (Area::PermittedSenders, Some(76), Some(85), Some(9)),
            // DNS006 3 of 24 both times: 87.5 → 88.
            (Area::DnsAuthentication, Some(88), Some(88), Some(0)),
            (Area::SpamScanning, Some(100), Some(100), Some(0)),
            (Area::PolicyHygiene, Some(100), Some(100), Some(0)),
            // The perimeter areas: every rule passes both times.
            (Area::MailRouting, Some(100), Some(100), Some(0)),
            (Area::OutboundAuthentication, Some(100), Some(100), Some(0)),
            (Area::ThreatProtection, Some(100), Some(100), Some(0)),
            (Area::Administration, Some(100), Some(100), Some(0)),
            (Area::GatewayServices, Some(100), Some(100), Some(0)),
        ]
    );
    let rc = &c.score.areas[2];
    assert_eq!(
        (
            rc.before_grade.map(|g| g.to_string()).as_deref(),
            rc.after_grade.map(|g| g.to_string()).as_deref()
        ),
        (Some("D"), Some("A"))
    );
}

#[test]
fn a_finding_whose_rule_is_no_longer_assessed_is_unknown_not_fixed() {
    let before = run(&fixture("before.bundle.json"));
    let mut partial = fixture("after.bundle.json");
    partial
        .as_object_mut()
        .unwrap()
        .remove("continuityMonitors");
    let after = run(&partial);
    let c = compare(&before, &after);
    assert_eq!(keys(&c, Change::Unknown), [CON002]);
    assert_eq!(
        keys(&c, Change::Fixed),
        [IMP004, TRM001],
        "only rules assessed after can fix a finding"
    );
    assert_eq!(keys(&c, Change::Unchanged), [DNS006]);
    assert_eq!(
        c.counts,
        ChangeCounts {
            new: 1,
            fixed: 2,
            unchanged: 1,
            accepted: 1,
            unknown: 1
        }
    );
    let unknown = &c.findings.unknown[0];
    assert_eq!(
        (unknown.before, unknown.after),
        (Some(FindingState::Open), None)
    );
    assert!(statuses(&c).contains(&("CON002", Some(Status::Fail), Some(Status::NotAssessed))));
    assert!(
        c.score.coverage.after < 100 && c.score.coverage.delta < 0,
        "{:?}",
        c.score.coverage
    );
}

#[test]
fn an_expired_acceptance_leaves_the_finding_unchanged() {
    let before = run(&fixture("before.bundle.json"));
    let later = Options {
        at: Some(parse_date("2027-07-01").unwrap()),
        now: None,
    };
    let after = run_with(&fixture("after.bundle.json"), &later);
    let c = compare(&before, &after);
    assert!(keys(&c, Change::Accepted).is_empty());
    assert_eq!(keys(&c, Change::Unchanged), [CON002, DNS006, PSN002]);
    let f = c
        .findings
        .unchanged
        .iter()
        .find(|f| f.key == PSN002)
        .unwrap();
    assert!(f.acceptance.as_ref().unwrap().expired);
}

#[test]
fn a_report_compared_with_itself_changes_nothing() {
    let (before, _) = pair();
    let c = compare(&before, &before);
    assert_eq!(
        c.counts,
        ChangeCounts {
            unchanged: 5,
            ..Default::default()
        }
    );
    assert!(c.rule_changes.is_empty());
    assert_eq!(c.score.overall.delta, Some(0));
    assert!(c.score.areas.iter().all(|a| a.delta == Some(0)));
}

#[test]
fn accepted_findings_count_as_accepted_even_when_new() {
    // An acceptance written before the finding first appears.
    let before = run(&fixture("before.bundle.json"));
    let mut after = fixture("after.bundle.json");
    after["acceptances"].as_array_mut().unwrap().push(serde_json::json!({
        "finding": PSN001, "reason": "Sales lead form", "owner": "Sales ops", "expires": "2027-06-30"
    }));
    let c = compare(&before, &run(&after));
    assert!(keys(&c, Change::New).is_empty());
    assert_eq!(keys(&c, Change::Accepted), [PSN001, PSN002]);
    assert_eq!(c.findings.accepted[0].before, None);
    assert_eq!(c.score.overall.after, Some(98), "1 + 3 of 161 still open");
}

#[test]
fn the_comparison_serialises_in_camel_case_and_back() {
    let (before, after) = pair();
    let c = compare(&before, &after);
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["beforeDate"], "2026-11-20T10:00:00Z");
    assert_eq!(
        v["counts"],
        serde_json::json!({"new": 1, "fixed": 2, "unchanged": 2, "accepted": 1, "unknown": 0})
    );
    let psn001 = after.results.iter().find(|r| r.code == "PSN001").unwrap();
    assert_eq!(v["findings"]["new"][0]["ruleName"], psn001.name.as_str());
    assert_eq!(v["findings"]["accepted"][0]["after"], "accepted");
    assert_eq!(
        v["findings"]["accepted"][0]["acceptance"]["expires"],
        "2027-06-30"
    );
    assert_eq!(v["findings"]["fixed"][0]["after"], Value::Null);
    assert_eq!(
        v["ruleChanges"][0],
        serde_json::json!({"code": "IMP004", "name": c.rule_changes[0].name, "area": "impersonation", "severity": "medium", "before": "fail", "after": "pass"})
    );
    assert_eq!(
        v["score"]["overall"],
        serde_json::json!({"before": 90, "after": 96, "delta": 6, "beforeGrade": "A", "afterGrade": "A"})
    );
    assert_eq!(v["score"]["areas"][3]["area"], "permitted-senders");
    assert_eq!(serde_json::from_value::<Comparison>(v).unwrap(), c);
}

#[test]
fn report_json_gains_a_comparison_field_only_when_asked() {
    let (before, after) = pair();
    assert_eq!(
        report_json_with(&after, None),
        after.to_json(),
        "no baseline: the report as before"
    );
    let c = compare(&before, &after);
    let text = report_json_with(&after, Some(&c));
    let v: Value = serde_json::from_str(&text).unwrap();
    let plain: Value = serde_json::from_str(&after.to_json()).unwrap();
    let mut without = v.clone();
    without.as_object_mut().unwrap().remove("comparison");
    assert_eq!(without, plain);
    assert_eq!(
        serde_json::from_value::<Comparison>(v["comparison"].clone()).unwrap(),
        c
    );
    assert!(
        text.find("\"schema\"").unwrap() < text.find("\"comparison\"").unwrap(),
        "the report's fields come first"
    );
}

#[test]
fn the_text_rendering_names_every_change() {
    let (before, after) = pair();
    let text = render_text(&compare(&before, &after));
    for line in [
        "Comparison with the baseline (analysis date 2026-11-20T10:00:00Z -> 2026-11-27T10:00:00Z)",
        "Score: 90 A -> 96 A (+6); coverage 100% -> 100%",
        "Permitted senders",
        "76 C -> 85 B (+9)",
        "Rule outcomes changed: 3",
        "TRM001 [high] automatic-remediation-off: fail -> pass",
        "PSN001 [high]",
        "Findings: 1 new, 2 fixed, 2 unchanged, 1 accepted, 0 no longer assessed",
        "+ PSN001:managed:gmail.com [high]",
        "- IMP004:def-imp-default [medium]",
        "- TRM001:threatRemediation.settings [high]",
        "= CON002:Microsoft 365 mail flow [low]",
        "~ PSN002:eNo1jrPSPts0003#tailspin.example [critical]",
        "accepted by IT security until 2027-06-30: Scanner relay",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        !text.contains("No longer assessed"),
        "empty categories are not shown"
    );
}

#[test]
fn the_score_and_count_lines_say_the_change_in_words() {
    let (b, a) = (fixture("before.bundle.json"), fixture("after.bundle.json"));
    let c = compare(&run(&b), &run(&a));
    let line = c.score.overall.summary();
    let (before, after) = (
        c.score.overall.before.unwrap(),
        c.score.overall.after.unwrap(),
    );
    let delta = after as i32 - before as i32;
    let sign = if delta > 0 { "+" } else { "" };
    assert_eq!(line, format!("{before} → {after} ({sign}{delta})"));
    let k = c.counts;
    assert_eq!(
        k.summary(),
        format!(
            "{} new · {} fixed · {} unchanged · {} accepted · {} no longer assessed",
            k.new, k.fixed, k.unchanged, k.accepted, k.unknown
        )
    );
    let none = engine::compare::ScoreChange {
        before: None,
        after: Some(40),
        delta: None,
        before_grade: None,
        after_grade: None,
    };
    assert_eq!(none.summary(), "– → 40 (–)");
    let rc = &c.rule_changes[0];
    assert_eq!(
        rc.summary(),
        format!(
            "{} {}: {} → {}",
            rc.code,
            rc.name,
            engine::compare::status_text(rc.before),
            engine::compare::status_text(rc.after)
        )
    );
}
