//! A section loaded incomplete (the API reported a failure, or part of it
//! could not be read): a rule that finds nothing in it is not assessed, a
//! rule that finds something still fails.

use crate::model::Section;
use crate::report::Status;
use crate::rules::testing::{bundle, outcome_in};
use crate::rules::{Area, Outcome};
use crate::{analyze, InputFile, Options};

const FAILED_BLOCKED_SENDERS: &str = r#""blockedSenderPolicies":{"meta":{"status":200},"data":[],
    "fail":[{"key":{"option":"block_sender"},"errors":[{"code":"err_policy_invalid_from_value","message":"Invalid fromValue"}]}]}"#;

#[test]
fn a_rule_that_finds_nothing_in_an_incomplete_section_is_not_assessed() {
    for code in ["POL001", "POL002", "POL003", "POL004"] {
        assert_eq!(
            outcome_in(code, FAILED_BLOCKED_SENDERS),
            Outcome::NotAssessed(vec![Section::BlockedSenderPolicies]),
            "{code}"
        );
        // The same call without the failure is a pass.
        assert_eq!(
            outcome_in(
                code,
                r#""blockedSenderPolicies":{"meta":{"status":200},"data":[],"fail":[]}"#
            ),
            Outcome::Pass,
            "{code}"
        );
    }
    let forbidden =
        r#""groups":{"meta":{"status":403},"data":[{"source":"cloud","folders":[]}],"fail":[]}"#;
    let report = analyze(&bundle(forbidden), &Options::default());
    assert!(report.results.iter().all(|r| r.status != Status::Pass));
}

#[test]
fn findings_in_what_did_load_still_count() {
    let sections = r#""antiSpoofingBypassPolicies":{"meta":{"status":200},
        "data":[{"id":"b1","option":"enable_bypass","policy":{"description":"CRM","from":{"type":"everyone"},
          "to":{"type":"internal_addresses"},"fromEternal":true,"toEternal":true,"enabled":true,
          "conditions":{"spfDomains":["spf.protection.outlook.com"]}}}],
        "fail":[{"key":{"id":"b2"},"errors":[{"code":"err_xdk_forbidden"}]}]}"#;
    assert!(matches!(outcome_in("ASP001", sections), Outcome::Fail(_)));
}

#[test]
fn the_report_says_why_with_the_api_codes_and_no_area_scores_on_a_failed_call() {
    let report = analyze(&bundle(FAILED_BLOCKED_SENDERS), &Options::default());
    for r in report.results.iter().filter(|r| r.code.starts_with("POL")) {
        assert_eq!(r.status, Status::NotAssessed, "{}", r.code);
        let m = &r.missing_sections[0];
        assert_eq!(m.key, "blockedSenderPolicies");
        assert_eq!(
            m.reason.as_deref(),
            Some("incomplete: the API reported a failure (err_policy_invalid_from_value (Invalid fromValue))"),
            "{}",
            r.code
        );
    }
    let hygiene = report
        .score
        .areas
        .iter()
        .find(|a| a.area == Area::PolicyHygiene)
        .unwrap();
    assert_eq!(hygiene.grade, None, "{hygiene:?}");
    assert_eq!(hygiene.assessed, 0);
    let text = crate::report::render_text(&report);
    assert!(
        text.contains("not assessed: blockedSenderPolicies incomplete: the API reported a failure (err_policy_invalid_from_value"),
        "{text}"
    );
    // A missing section has no reason: "not collected" says it all.
    let asp = report.results.iter().find(|r| r.code == "ASP001").unwrap();
    assert_eq!(asp.missing_sections[0].reason, None);
}

#[test]
fn a_loose_failed_call_reads_the_same_as_in_a_bundle() {
    let file = InputFile::new(
        "blockedsenders-create-policy.json",
        r#"{"meta":{"status":200},"data":[],"fail":[{"key":{"option":"block_sender"},"errors":[{"code":"err_policy_invalid_from_value"}]}]}"#,
    );
    let report = analyze(&[file], &Options::default());
    let pol = report.results.iter().find(|r| r.code == "POL003").unwrap();
    assert_eq!(pol.status, Status::NotAssessed);
    assert_eq!(report.summary.passed, 0);
}
