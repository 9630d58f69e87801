//! The same record collected twice (API 1.0 and 2.0 of one call, a saved
//! bundle next to fresh raw files) is read once, with a note; copies of one
//! id that disagree are both analysed, with a warning, and never give two
//! findings under one key.

use engine::report::{Report, Status};
use engine::{analyze, InputFile};

use crate::util::at;

/// The bypass policy `p1` as API 1.0 returns it.
fn api1(domains: &str) -> InputFile {
    let text = format!(
        r#"{{"meta": {{"status": 200}}, "fail": [], "data": [
            {{"id": "p1", "option": "enable_bypass", "policy": {{
              "description": "CRM relay", "from": {{"type": "everyone"}}, "to": {{"type": "everyone"}},
              "fromEternal": true, "toEternal": true, "enabled": true,
              "conditions": {{"spfDomains": [{domains}]}}}}}}]}}"#
    );
    InputFile::new("bypass-api1.json", text)
        .with_section(Some(engine::model::Section::AntiSpoofingBypassPolicies))
}

/// The same policy as API 2.0 returns it, inside a bundle.
fn api2(domains: &str) -> InputFile {
    let text = format!(
        r#"{{"format": "mimecast-config-bundle", "version": 1,
            "antiSpoofingBypassPolicies": {{"definitions": [
              {{"id": "p1", "option": "enable_bypass", "description": "CRM relay",
                "from": {{"type": "everyone"}}, "to": {{"type": "everyone"}}, "enabled": true,
                "spfDomains": [{domains}]}}]}}}}"#
    );
    InputFile::new("bundle.json", text)
}

fn result<'a>(r: &'a Report, code: &str) -> &'a engine::report::ResultReport {
    r.results.iter().find(|x| x.code == code).unwrap()
}

#[test]
fn a_policy_collected_twice_is_read_once_with_a_note() {
    let d = r#""spf.protection.outlook.com""#;
    let r = analyze(&[api1(d), api2(d)], &at());
    assert_eq!(
        result(&r, "POL004").status,
        Status::Pass,
        "not its own duplicate"
    );
    let asp001 = result(&r, "ASP001");
    assert_eq!(asp001.findings.len(), 1, "{:#?}", asp001.findings);
    assert_eq!(
        asp001.findings[0].key,
        "ASP001:p1#spf.protection.outlook.com"
    );
    let second = &r.inputs[1];
    assert!(
        second
            .notes
            .iter()
            .any(|n| n.contains("p1") && n.contains("read once")),
        "{:?}",
        second.notes
    );
    assert!(second.warnings.is_empty(), "{:?}", second.warnings);
}

#[test]
fn copies_that_disagree_are_both_analysed_with_a_warning() {
    let r = analyze(
        &[
            api1(r#""spf.protection.outlook.com""#),
            api2(r#""spf.protection.outlook.com", "_spf.google.com""#),
        ],
        &at(),
    );
    let warnings = &r.inputs[1].warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("p1") && w.contains("differs")),
        "{warnings:?}"
    );
    // Conservative: what either copy opens is reported, each key once.
    let keys: Vec<&str> = result(&r, "ASP001")
        .findings
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "ASP001:p1#spf.protection.outlook.com",
            "ASP001:p1#spf.protection.outlook.com~2",
            "ASP001:p1#_spf.google.com"
        ]
    );
}

#[test]
fn a_bundle_loaded_twice_changes_nothing_but_notes() {
    let sample =
        std::fs::read(crate::util::root().join("samples/pitfall-tenant.bundle.json")).unwrap();
    let once = analyze(&[InputFile::new("a.json", sample.clone())], &at());
    let twice = analyze(
        &[
            InputFile::new("a.json", sample.clone()),
            InputFile::new("b.json", sample),
        ],
        &at(),
    );
    assert_eq!(once.results, twice.results);
    assert!(!twice.inputs[1].notes.is_empty());
    assert!(
        twice.inputs[1].warnings.is_empty(),
        "{:?}",
        twice.inputs[1].warnings
    );
}
