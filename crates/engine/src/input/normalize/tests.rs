use serde_json::json;

use super::*;

fn status() -> FileStatus {
    FileStatus::new("f.json")
}

fn one_policy(s: Section, v: Value) -> (Policy, FileStatus) {
    let mut st = status();
    let mut cfg = Config::default();
    section(s, &mut v.clone(), "", &"f.json".into(), &mut cfg, &mut st).unwrap();
    (cfg.policies(s)[0].clone(), st)
}

#[test]
fn api1_and_api2_records_normalize_to_the_same_policy() {
    let api1 = json!({"meta": {}, "fail": [], "data": [{"id": "p1", "option": "enable_bypass", "policy": {
        "description": "CRM", "fromPart": "envelope_from",
        "from": {"type": "email_domain", "emailDomain": "Example.COM"}, "to": {"type": "internal_addresses"},
        "fromEternal": true, "toEternal": true, "fromDate": "1900-01-01T00:00:00+0000", "toDate": "2100-01-01T23:59:59+0000",
        "enabled": true, "conditions": {"spfDomains": ["spf.protection.outlook.com"]}}}]});
    let api2 = json!({"definitions": [{"id": "p1", "option": "enable_bypass", "description": "CRM", "fromPart": "envelope_from",
        "from": {"type": "email_domain", "domain": "example.com"}, "to": {"type": "internal_addresses"},
        "enabled": true, "spfDomains": ["spf.protection.outlook.com"]}], "meta": {}});
    let (a, _) = one_policy(Section::AntiSpoofingBypassPolicies, api1);
    let (b, _) = one_policy(Section::AntiSpoofingBypassPolicies, api2);
    assert_eq!(
        a.origin.condition("spfDomains", 0),
        "data[0].policy.conditions.spfDomains[0]"
    );
    assert_eq!(
        b.origin.condition("spfDomains", 0),
        "definitions[0].spfDomains[0]"
    );
    assert_eq!(
        Policy {
            origin: Origin::default(),
            ..a
        },
        Policy {
            origin: Origin::default(),
            ..b
        }
    );
}

#[test]
fn policy_as_one_element_array_and_flat_legacy_targets() {
    let v = json!([{"id": "x", "option": "apply", "policy": [{"fromType": "email_domain", "fromValue": "@example.org", "toType": "everyone"}]}]);
    let (p, _) = one_policy(Section::AntiSpoofingPolicies, v);
    assert_eq!(p.from, Target::EmailDomain("example.org".into()));
    assert_eq!(p.to, Target::Everyone);
    assert_eq!(p.origin.path, "[0].policy[0]");
    assert!(p.enabled, "enabled defaults to true");
}

#[test]
fn validity_dates_and_sentinels() {
    let v = json!([{"option": "apply", "from": {"type": "everyone"}, "to": {"type": "everyone"},
        "fromDateTime": "1900-01-01T00:00:00Z", "toDateTime": "2026-01-31T00:00:00Z"}]);
    let (p, _) = one_policy(Section::AntiSpoofingPolicies, v);
    assert_eq!(p.validity.from, None);
    assert_eq!(p.validity.to, Some(parse_date("2026-01-31").unwrap()));
    let v = json!([{"option": "apply", "toEternal": false, "toDate": "soon"}]);
    let (p, st) = one_policy(Section::AntiSpoofingPolicies, v);
    assert_eq!(p.validity.to, None);
    assert!(
        st.warnings
            .iter()
            .any(|w| w.starts_with("[0].toDate: `soon` is not a date")),
        "{:?}",
        st.warnings
    );
}

#[test]
fn bad_values_are_warnings_with_paths_and_unknown_enums_are_notes() {
    let v = json!({"definitions": [
        {"option": "no_action", "sourceIPs": ["10.0.0.0/8", "not-an-ip"], "hostnames": [], "from": {"type": "martians"}},
        {"option": "apply", "enabled": {"nested": true}}
    ]});
    let mut st = status();
    let mut cfg = Config::default();
    section(
        Section::AntiSpoofingPolicies,
        &mut v.clone(),
        "antiSpoofingPolicies",
        &"f.json".into(),
        &mut cfg,
        &mut st,
    )
    .unwrap();
    assert_eq!(cfg.policies(Section::AntiSpoofingPolicies).len(), 1);
    assert!(st.warnings.contains(&"antiSpoofingPolicies.definitions[0].sourceIPs[1]: expected a CIDR range, found \"not-an-ip\"".to_string()), "{:?}", st.warnings);
    assert!(st.warnings.iter().any(|w| w.contains("record at antiSpoofingPolicies.definitions[1] skipped: antiSpoofingPolicies.definitions[1].enabled: expected true or false")), "{:?}", st.warnings);
    assert!(
        st.notes
            .iter()
            .any(|n| n.contains("from.type: unknown value \"martians\"")),
        "{:?}",
        st.notes
    );
}

#[test]
fn api_failures_mark_the_section_incomplete() {
    let v = json!({"data": [], "fail": [{"errors": [{"code": "err_xdk_forbidden"}]}]});
    let mut st = status();
    let mut cfg = Config::default();
    section(
        Section::InternalDomains,
        &mut v.clone(),
        "",
        &"f.json".into(),
        &mut cfg,
        &mut st,
    )
    .unwrap();
    assert!(cfg.sections[&Section::InternalDomains].incomplete);
    assert!(st.warnings[0].contains("err_xdk_forbidden"));
}

#[test]
fn a_list_with_no_readable_record_is_an_error() {
    let v = json!([{"domain": {"name": "x"}, "sendOnly": false}]);
    let mut cfg = Config::default();
    let err = section(
        Section::InternalDomains,
        &mut v.clone(),
        "",
        &"f.json".into(),
        &mut cfg,
        &mut status(),
    )
    .unwrap_err();
    assert_eq!(err.path.as_deref(), Some("[0]"));
    assert!(!cfg.has(Section::InternalDomains));
}

#[test]
fn bundles_read_their_sections_and_date() {
    let mut v = json!({"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "example.com", "sendOnly": false}], "antiSpoofingPolicies": {"definitions": []}});
    let mut st = status();
    let mut cfg = Config::default();
    bundle(&mut v, &"b.json".into(), &mut cfg, &mut st).unwrap();
    assert_eq!(
        cfg.generated_at,
        Some(parse_date("2026-11-20T10:00:00Z").unwrap())
    );
    assert_eq!(
        st.sections,
        [Section::InternalDomains, Section::AntiSpoofingPolicies]
    );
    assert_eq!(cfg.internal_domains[0].origin.path, "internalDomains[0]");
    let mut newer = json!({"format": "mimecast-config-bundle", "version": 2});
    assert!(
        bundle(&mut newer, &"b.json".into(), &mut cfg, &mut status())
            .unwrap_err()
            .message
            .contains("version 2")
    );
}

#[test]
fn records_read_are_moved_out_whole_even_when_nested_or_repeated() {
    let mut doc = json!({"data": [{"a": 1, "inner": {"b": 2}}, {"c": 3}], "meta": {}});
    let outer = address(&doc["data"][0]);
    let inner = address(&doc["data"][0]["inner"]);
    let second = address(&doc["data"][1]);
    let got = take_all(&mut doc, &[second, outer, inner]);
    assert_eq!(
        got,
        [
            json!({"c": 3}),
            json!({"a": 1, "inner": {"b": 2}}),
            json!({"b": 2})
        ]
    );
    assert_eq!(doc, json!({"data": [null, null], "meta": {}}));
    let mut doc = json!([{"x": 1}]);
    let one = address(&doc[0]);
    assert_eq!(
        take_all(&mut doc, &[one, one]),
        [json!({"x": 1}), json!({"x": 1})]
    );
}
