//! Unit tests of the explainer core over small hand-made tenants: input
//! errors, missing sections, enumeration limits, no panic on odd input.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};

use super::super::output::{CertaintyValue, Outcome, StepStatus};
use super::super::MessageInput;
use super::variants::MAX_EVALUATIONS;
use super::Explainer;
use crate::input::{load_all, InputFile};
use crate::model::{parse_date, Config};

fn at() -> DateTime<Utc> {
    parse_date("2026-11-20T10:00:00Z").unwrap()
}

fn tenant(extra: Value) -> Config {
    let mut v = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "example.com", "sendOnly": false}],
    });
    for (k, x) in extra.as_object().cloned().unwrap_or_default() {
        v[k] = x;
    }
    load_all(&[InputFile::new("t.json", serde_json::to_vec(&v).unwrap())]).config
}

/// Every policy section present and empty, plus `extra`.
fn full_tenant(extra: Value) -> Config {
    let mut v = json!({
        "antiSpoofingPolicies": [], "antiSpoofingBypassPolicies": [], "blockedSenderPolicies": [],
        "permittedSenderPolicies": [], "managedSenders": [], "dnsAuthInboundPolicies": [],
        "impersonationPolicies": [], "impersonationBypassPolicies": [], "spamScanningPolicies": [],
    });
    for (k, x) in extra.as_object().cloned().unwrap_or_default() {
        v[k] = x;
    }
    tenant(v)
}

fn msg(v: Value) -> MessageInput {
    serde_json::from_value(v).unwrap()
}

fn spoof() -> MessageInput {
    msg(
        json!({"envelopeFrom": "ceo@example.com", "headerFrom": "ceo@example.com",
               "sendingIp": "203.0.113.9", "recipient": "alice@example.com"}),
    )
}

#[test]
fn missing_required_fields_are_reported_by_name() {
    let cfg = full_tenant(json!({}));
    let errors = Explainer::new(&cfg, at())
        .explain(&MessageInput::default())
        .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    for f in ["envelopeFrom", "headerFrom", "sendingIp", "recipient"] {
        assert!(fields.contains(&f), "{fields:?}");
    }
}

#[test]
fn unreadable_values_name_their_field() {
    let cfg = full_tenant(json!({}));
    let m = msg(
        json!({"envelopeFrom": "no at sign", "headerFrom": "ceo@example.com",
        "sendingIp": "300.1.1.1", "recipient": "alice@example.com", "date": "yesterday",
        "auth": {"spf": "maybe"}}),
    );
    let errors = Explainer::new(&cfg, at()).explain(&m).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    for f in ["envelopeFrom", "sendingIp", "date", "auth.spf"] {
        assert!(fields.contains(&f), "{fields:?}");
    }
}

#[test]
fn an_outbound_message_and_a_tenant_without_internal_domains_are_refused() {
    let cfg = full_tenant(json!({}));
    let mut m = spoof();
    m.recipient = Some("bob@partner.example".into());
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap_err();
    assert_eq!(e[0].field, "recipient");
    assert!(e[0]
        .message
        .contains("partner.example is not one of the internal domains"));
    let empty = Config::default();
    let e = Explainer::new(&empty, at()).explain(&spoof()).unwrap_err();
    assert!(e
        .iter()
        .any(|x| x.message.contains("needs internalDomains")));
}

#[test]
fn a_missing_section_is_not_assessed_and_makes_the_explanation_partial() {
    let cfg = tenant(json!({"antiSpoofingPolicies": []}));
    let e = Explainer::new(&cfg, at()).explain(&spoof()).unwrap();
    let s1 = e.steps.iter().find(|s| s.id == "S1").unwrap();
    assert_eq!(s1.status, StepStatus::NotAssessed);
    assert!(s1.text.contains("was not collected"));
    assert!(e.verdict.certainty.partial);
    // Every section collected, even empty: evaluated, not partial.
    let e = Explainer::new(&full_tenant(json!({})), at())
        .explain(&spoof())
        .unwrap();
    assert!(!e.verdict.certainty.partial);
    assert_eq!(e.verdict.outcome, Outcome::Delivered);
    assert!(e.steps.iter().all(|s| s.status != StepStatus::NotAssessed));
}

#[test]
fn content_defaults_are_listed_as_assumptions_only_when_used() {
    let cfg = full_tenant(json!({}));
    let e = Explainer::new(&cfg, at()).explain(&spoof()).unwrap();
    assert!(e.assumptions.iter().any(|a| a.starts_with("spam score 0")));
    let mut m = spoof();
    m.spam_score = Some(3.0);
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap();
    assert!(!e.assumptions.iter().any(|a| a.starts_with("spam score 0")));
}

#[test]
fn many_unknown_groups_switch_to_partial_enumeration() {
    // Ten blocked-senders policies on ten groups whose members were not
    // collected: 2^10 worlds x 4 models is over the limit.
    let n = 10;
    let groups: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("g{i}"), "description": format!("G{i}")}))
        .collect();
    let policies: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("b{i}"), "option": "block_sender", "fromPart": "envelope_from",
            "from": {"type": "profile_group", "groupId": format!("g{i}")}, "to": {"type": "everyone"}}))
        .collect();
    let cfg = full_tenant(json!({"groups": groups, "blockedSenderPolicies": policies}));
    let m = msg(
        json!({"envelopeFrom": "x@bad.example", "headerFrom": "x@bad.example",
        "sendingIp": "203.0.113.9", "recipient": "alice@example.com"}),
    );
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap();
    assert_eq!(e.unknowns.len(), n);
    assert!(e
        .verdict
        .certainty
        .flags
        .contains(&"partial-enumeration".to_string()));
    // Primary world under 4 models, plus one world per atom.
    assert_eq!(e.variants.evaluated, 4 + n);
    assert!(e.variants.evaluated < MAX_EVALUATIONS);
    assert_eq!(e.verdict.certainty.value, CertaintyValue::Depends);
    assert_eq!(e.deciding_factors.len(), n);
    // Three groups fit: every world under every model, each world
    // branching once per policy tied (k groups matching: k branches).
    let few: Vec<Value> = (0..3)
        .map(|i| {
            json!({"id": format!("b{i}"), "option": "block_sender",
        "from": {"type": "profile_group", "groupId": format!("g{i}")}, "to": {"type": "everyone"}})
        })
        .collect();
    let cfg = full_tenant(json!({"blockedSenderPolicies": few}));
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap();
    assert!(e.verdict.certainty.flags.is_empty());
    let branches = 1 + 3 + 3 * 2 + 3;
    assert_eq!(e.variants.evaluated, branches * 4);
}

#[test]
fn only_the_inferred_steps_used_are_listed() {
    let apply = json!([{"id": "a", "option": "apply", "fromPart": "both",
        "from": {"type": "email_domain", "domain": "example.com"}, "to": {"type": "internal_addresses"}}]);
    let cfg = full_tenant(json!({"antiSpoofingPolicies": apply}));
    let e = Explainer::new(&cfg, at()).explain(&spoof()).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Blocked);
    assert!(e.inferred.is_empty(), "{:?}", e.inferred);
    // A more specific and a less specific candidate: the inferred ranks.
    let two = json!([
        {"id": "a", "option": "apply", "fromPart": "both",
         "from": {"type": "email_domain", "domain": "example.com"}, "to": {"type": "internal_addresses"}},
        {"id": "b", "option": "no_action", "fromPart": "both",
         "from": {"type": "everyone"}, "to": {"type": "everyone"}}]);
    let cfg = full_tenant(json!({"antiSpoofingPolicies": two}));
    let e = Explainer::new(&cfg, at()).explain(&spoof()).unwrap();
    assert!(
        e.inferred.iter().any(|i| i.rule == "R3.7"),
        "{:?}",
        e.inferred
    );
}

#[test]
fn a_hostname_condition_without_a_host_name_is_an_unknown() {
    let p = json!([
        {"id": "a", "option": "apply", "fromPart": "both",
         "from": {"type": "email_domain", "domain": "example.com"}, "to": {"type": "internal_addresses"}},
        {"id": "h", "option": "no_action", "fromPart": "both", "hostnames": ["mail.example.net"],
         "from": {"type": "email_domain", "domain": "example.com"}, "to": {"type": "internal_addresses"}}]);
    let cfg = full_tenant(json!({"antiSpoofingPolicies": p}));
    let e = Explainer::new(&cfg, at()).explain(&spoof()).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Blocked);
    assert!(e
        .unknowns
        .iter()
        .any(|u| u.atom == "hostname(h)" && u.deciding));
    let mut m = spoof();
    m.sending_hostname = Some("MX1.Mail.Example.NET.".into());
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Delivered);
    assert!(e.unknowns.is_empty());
}

#[test]
fn a_missing_definition_is_an_unknown_whose_worst_case_rejects() {
    let sp = json!([{"id": "sp", "definitionId": "gone", "from": {"type": "everyone"}, "to": {"type": "everyone"}}]);
    let cfg = full_tenant(json!({"spamScanningPolicies": sp, "spamScanningDefinitions": []}));
    let e = Explainer::new(&cfg, at()).explain(&spoof()).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Delivered);
    assert_eq!(e.verdict.certainty.value, CertaintyValue::Depends);
    assert!(e
        .deciding_factors
        .iter()
        .any(|d| d.factor == "definition(sp)" && d.outcome == Outcome::Blocked));
}

fn managed_tenant(permit_part: &str) -> Config {
    let ps = json!([{"id": "ps", "option": "permit_sender", "fromPart": permit_part,
        "from": {"type": "email_domain", "domain": "partner.example"}, "to": {"type": "everyone"}}]);
    let ms = json!([{"id": "blk", "to": "alice@example.com", "sender": "partner.example", "type": "Block"},
                    {"id": "ok", "to": "alice@example.com", "sender": "bob@partner.example", "type": "Permit"},
                    {"id": "other", "to": "carol@example.com", "sender": "partner.example", "type": "Permit"}]);
    full_tenant(json!({"permittedSenderPolicies": ps, "managedSenders": ms}))
}

#[test]
fn a_user_block_is_superseded_only_by_a_permit_matched_on_the_envelope() {
    let m = msg(
        json!({"envelopeFrom": "eve@partner.example", "headerFrom": "eve@partner.example",
        "sendingIp": "203.0.113.9", "recipient": "alice@example.com"}),
    );
    let e = Explainer::new(&managed_tenant("envelope_from"), at())
        .explain(&m)
        .unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Delivered);
    let s3b = e.steps.iter().find(|s| s.id == "S3b").unwrap();
    assert!(s3b.text.contains("superseded"), "{}", s3b.text);
    // Only the recipient's own entries are listed.
    assert!(e
        .steps
        .iter()
        .flat_map(|s| &s.policies)
        .all(|p| p.policy.id != "other"));
    // Permitted on the header only: the user's block rejects it.
    let m = msg(
        json!({"envelopeFrom": "eve@elsewhere.example", "headerFrom": "eve@partner.example",
        "sendingIp": "203.0.113.9", "recipient": "alice@example.com"}),
    );
    let cfg = managed_tenant("header_from");
    let ms = json!([{"id": "blk", "to": "alice@example.com", "sender": "elsewhere.example", "type": "Block"}]);
    let mut cfg2 = cfg.clone();
    cfg2.managed_senders = tenant(json!({"managedSenders": ms})).managed_senders;
    let e = Explainer::new(&cfg2, at()).explain(&m).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Blocked);
    assert_eq!(e.verdict.decided_by.step, "S3b");
    // An address permit beats the domain block of the same user.
    let m = msg(
        json!({"envelopeFrom": "bob@partner.example", "headerFrom": "bob@partner.example",
        "sendingIp": "203.0.113.9", "recipient": "alice@example.com"}),
    );
    let cfg = full_tenant(json!({"managedSenders": [
        {"id": "blk", "to": "alice@example.com", "sender": "partner.example", "type": "Block"},
        {"id": "ok", "to": "alice@example.com", "sender": "bob@partner.example", "type": "Permit"}]}));
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Delivered);
    assert_eq!(e.verdict.opened_by[0].policy.as_ref().unwrap().id, "ok");
}

#[test]
fn an_honoured_dmarc_quarantine_holds_for_an_administrator() {
    let da = json!([{"id": "da", "definitionId": "def", "from": {"type": "everyone"}, "to": {"type": "everyone"}}]);
    let defs = json!([{"id": "def", "spf": {"enabled": true}, "dkim": {"enabled": true},
        "dmarc": {"enabled": true, "failAction": "honor_dmarc_record"}}]);
    let dns = json!({"partner.example": {"spf": "v=spf1 -all", "dmarc": "v=DMARC1; p=quarantine"}});
    let cfg = full_tenant(
        json!({"dnsAuthInboundPolicies": da, "dnsAuthInboundDefinitions": defs, "dnsRecords": dns}),
    );
    let m = msg(
        json!({"envelopeFrom": "x@partner.example", "headerFrom": "x@partner.example",
        "sendingIp": "203.0.113.9", "recipient": "alice@example.com"}),
    );
    let e = Explainer::new(&cfg, at()).explain(&m).unwrap();
    assert_eq!(e.verdict.outcome, Outcome::Held);
    assert_eq!(e.verdict.hold_type.as_deref(), Some("admin"));
    assert_eq!(e.verdict.decided_by.step, "S4");
    assert_eq!(e.verdict.certainty.value, CertaintyValue::Definite);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn no_message_makes_it_panic(
        env in ".{0,40}", hdr in ".{0,40}", ip in ".{0,40}", rcpt in ".{0,40}",
        name in ".{0,20}", host in proptest::option::of(".{0,30}"), date in proptest::option::of(".{0,20}"),
    ) {
        let p = json!([{"id": "a", "option": "apply", "fromPart": "both", "sourceIPs": ["10.0.0.0/8", "x"],
            "hostnames": ["*.example.net"], "from": {"type": "email_domain", "domain": "*example.com"},
            "to": {"type": "internal_addresses"}}]);
        let cfg = full_tenant(json!({"antiSpoofingPolicies": p}));
        let m = MessageInput {
            envelope_from: Some(env), header_from: Some(hdr), sending_ip: Some(ip), recipient: Some(rcpt),
            header_display_name: Some(name), sending_hostname: host, date, ..Default::default()
        };
        let _ = Explainer::new(&cfg, at()).explain(&m);
        let ok = MessageInput {
            envelope_from: m.envelope_from.clone(), header_from: Some("a@example.com".into()),
            sending_ip: Some("10.1.2.3".into()), recipient: Some("b@example.com".into()), ..m
        };
        let _ = Explainer::new(&cfg, at()).explain(&ok);
    }
}
