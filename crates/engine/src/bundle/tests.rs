use serde_json::json;

use super::*;
use crate::input::load_all;
use crate::model::parse_date;
use crate::{analyze, samples, InputFile, Options};

fn now() -> DateTime<Utc> {
    parse_date("2026-11-28T12:00:00Z").unwrap()
}

fn round_trip(files: &[InputFile]) -> (String, String) {
    let first = write_bundle(&load_all(files).config, now(), "test");
    let again = write_bundle(
        &load_all(&[InputFile::new("bundle.json", first.clone())]).config,
        now(),
        "test",
    );
    (first, again)
}

#[test]
fn writing_a_loaded_bundle_gives_the_same_bundle() {
    let (first, again) = round_trip(&samples::demo_tenant());
    assert_eq!(first, again);
}

#[test]
fn every_loaded_record_is_in_the_bundle_verbatim() {
    let files = samples::demo_tenant();
    let bundle: Value =
        serde_json::from_str(&write_bundle(&load_all(&files).config, now(), "test")).unwrap();
    for f in &files {
        let v: Value = serde_json::from_slice(&f.bytes).unwrap();
        let records = v
            .get("data")
            .or_else(|| v.get("definitions"))
            .unwrap()
            .as_array()
            .unwrap();
        let all = bundle
            .as_object()
            .unwrap()
            .values()
            .filter_map(Value::as_array)
            .flatten()
            .collect::<Vec<_>>();
        for r in records {
            assert!(all.contains(&r), "{} lost a record: {r}", f.name);
        }
    }
    assert_eq!(bundle["format"], FORMAT);
    assert_eq!(bundle["generatedAt"], "2026-11-28T12:00:00Z");
}

#[test]
fn the_round_trip_keeps_every_finding_and_section() {
    let files = samples::demo_tenant();
    let opts = Options {
        at: Some(now()),
        now: Some(now()),
    };
    let before = analyze(&files, &opts);
    let bundle = write_bundle(&load_all(&files).config, now(), "test");
    let after = analyze(&[InputFile::new("bundle.json", bundle)], &opts);
    let outcome = |r: &crate::Report| {
        r.results
            .iter()
            .map(|x| {
                (
                    x.code.clone(),
                    x.status,
                    x.findings
                        .iter()
                        .map(|f| (f.object.clone(), f.message.clone()))
                        .collect::<Vec<_>>(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(outcome(&before), outcome(&after));
    let mut sections: Vec<String> = before
        .inputs
        .iter()
        .flat_map(|i| i.sections.clone())
        .collect();
    let mut after_sections = after.inputs[0].sections.clone();
    sections.sort();
    after_sections.sort();
    assert_eq!(sections, after_sections);
}

#[test]
fn keyed_sections_failures_and_account_survive() {
    let b = json!({
        "format": FORMAT, "version": 1, "generatedAt": "2026-11-20T10:00:00Z", "generator": "manual",
        "account": {"accountName": "Example Ltd", "accountCode": "CUSA00A000", "region": "eu"},
        "groupMembers": {"g1": [{"emailAddress": "ceo@example.com", "domain": "example.com", "internal": true, "extra": 1}]},
        "dnsRecords": {"example.com": {"spf": "v=spf1 -all", "dmarc": "v=DMARC1; p=reject"}},
        "threatRemediation": {"settings": {"enabled": true, "mode": "automatic"}, "incidents": []},
        "internalDomains": {"data": [{"domain": "example.com", "sendOnly": false}], "fail": [{"errors": [{"code": "err_x"}]}]}
    });
    let (first, again) = round_trip(&[InputFile::new("b.json", b.to_string())]);
    assert_eq!(first, again);
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["account"]["accountCode"], "CUSA00A000");
    assert_eq!(v["generatedAt"], "2026-11-20T10:00:00Z");
    assert_eq!(v["groupMembers"]["g1"][0]["extra"], 1);
    assert_eq!(
        v["dnsRecords"]["example.com"]["dmarc"],
        "v=DMARC1; p=reject"
    );
    assert_eq!(v["threatRemediation"]["settings"]["mode"], "automatic");
    assert_eq!(
        v["internalDomains"]["fail"][0]["errors"][0]["code"],
        "err_x"
    );
    let cfg = load_all(&[InputFile::new("b.json", first)]).config;
    assert!(cfg.sections[&Section::InternalDomains].incomplete);
    assert_eq!(cfg.group_members["g1"][0].email_address, "ceo@example.com");
    assert_eq!(cfg.threat_remediation.incidents.as_deref(), Some(&[][..]));
}
