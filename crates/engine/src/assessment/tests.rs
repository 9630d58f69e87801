use serde_json::json;

use super::*;
use crate::model::parse_date;
use crate::report::Status;
use crate::samples;

fn now() -> DateTime<Utc> {
    parse_date("2026-11-28T09:00:00Z").unwrap()
}

fn opts() -> Options {
    Options {
        at: Some(now()),
        now: Some(now()),
    }
}

fn status(r: &Report, code: &str) -> Status {
    r.results.iter().find(|x| x.code == code).unwrap().status
}

fn spam_entries(action: &str) -> Value {
    json!([{"id": "def-1", "description": "Default", "level": "moderate", "spamAction": "hold_for_review", "autoAllowSpamAction": action, "permittedSenderSpamAction": "hold_for_review"}])
}

fn spam_policy() -> Value {
    json!([{"id": "pol-1", "description": "Inbound", "definitionId": "def-1", "from": {"type": "everyone"}, "to": {"type": "internal_addresses"}, "enabled": true}])
}

#[test]
fn entered_data_is_analyzed_with_the_files() {
    let mut a = Assessment::new("a1", "Northwind", "Alex", "2026-11-28");
    a.add_files(&samples::demo_tenant());
    assert_eq!(status(&a.report(&opts()), "SPM001"), Status::NotAssessed);
    a.entries
        .insert("spamScanningDefinitions".into(), spam_entries("do_nothing"));
    a.entries
        .insert("spamScanningPolicies".into(), spam_policy());
    let r = a.report(&opts());
    assert_eq!(status(&r, "SPM001"), Status::Fail);
    assert_eq!(
        status(&r, "ASP001"),
        Status::Fail,
        "file data still analyzed"
    );
    let entered = r.inputs.iter().find(|i| i.name == ENTERED).unwrap();
    assert_eq!(
        entered.sections,
        ["spamScanningDefinitions", "spamScanningPolicies"]
    );
}

#[test]
fn a_section_in_both_is_a_conflict_and_the_choice_decides() {
    let file = json!({"format": "mimecast-config-bundle", "version": 1, "spamScanningDefinitions": spam_entries("hold_for_review"), "spamScanningPolicies": spam_policy()});
    let mut a = Assessment::new("a1", "N", "A", "2026-11-28");
    a.add_files(&[InputFile::new("old.bundle.json", file.to_string())]);
    a.entries
        .insert("spamScanningDefinitions".into(), spam_entries("do_nothing"));
    assert_eq!(a.conflicts(), [Section::SpamScanningDefinitions]);
    assert_eq!(
        status(&a.report(&opts()), "SPM001"),
        Status::Fail,
        "entered wins by default"
    );
    a.prefer
        .insert("spamScanningDefinitions".into(), Prefer::Files);
    assert_eq!(
        status(&a.report(&opts()), "SPM001"),
        Status::Pass,
        "the file's definition wins"
    );
}

#[test]
fn bundle_export_imports_back_unchanged() {
    let mut a = Assessment::new("a1", "Northwind Traders", "Alex Doe", "2026-11-28");
    a.add_files(&samples::demo_tenant());
    a.entries
        .insert("spamScanningDefinitions".into(), spam_entries("do_nothing"));
    a.entries
        .insert("spamScanningPolicies".into(), spam_policy());
    a.entries.insert(
        "threatRemediation".into(),
        json!({"settings": {"enabled": true, "mode": "notify_only"}}),
    );
    a.status
        .insert("spamScanningDefinitions".into(), SectionStatus::Done);
    a.status
        .insert("continuityMonitors".into(), SectionStatus::NotApplicable);
    a.acceptances.push(crate::model::Acceptance {
        finding: "ASP003:northwind-shop.example".into(),
        reason: "Shop domain is parked".into(),
        owner: "IT".into(),
        expires: "2027-03-31".into(),
        accepted_on: Some("2026-11-28".into()),
        expired: false,
        outdated: false,
    });
    a.analysis_date = Some("2026-11-20".into());
    let first = a.to_bundle(now());
    let b = Assessment::from_bundle("export.bundle.json", &first).unwrap();
    assert_eq!(
        (
            b.id.as_str(),
            b.customer.as_str(),
            b.assessor.as_str(),
            b.date.as_str()
        ),
        ("a1", "Northwind Traders", "Alex Doe", "2026-11-28")
    );
    assert_eq!(b.status, a.status);
    assert_eq!(
        b.entries, a.entries,
        "entered sections come back as editable entries"
    );
    assert_eq!(b.acceptances, a.acceptances);
    assert_eq!(b.analysis_date.as_deref(), Some("2026-11-20"));
    let plain = crate::analyze(
        &[InputFile::new("export.bundle.json", first.clone())],
        &Options::default(),
    );
    assert!(
        plain.analysis_date.starts_with("2026-11-20"),
        "a plain reader of the bundle uses the assessment's date: {}",
        plain.analysis_date
    );
    let r = b.report(&opts());
    let asp003 = r.results.iter().find(|x| x.code == "ASP003").unwrap();
    assert_eq!(
        asp003.findings[0].state,
        crate::report::FindingState::Accepted
    );
    assert_eq!(
        b.to_bundle(now()),
        first,
        "export → import → export is stable"
    );
    let strip = |r: &Report| {
        r.results
            .iter()
            .map(|x| (x.code.clone(), x.status, x.findings.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&a.report(&opts())), strip(&b.report(&opts())));
}

#[test]
fn stored_files_keep_bytes_and_chosen_sections() {
    let f = InputFile::new("x.zip", vec![0u8, 159, 146, 150])
        .with_section(Some(Section::BlockedSenderPolicies));
    let s = StoredFile::from_input(&f);
    assert_eq!(s.to_input(), f);
    assert!(Assessment::from_bundle("n.json", "{\"hello\": 1}")
        .unwrap_err()
        .to_string()
        .contains("not a bundle of this tool"));
    assert!(Assessment::from_bundle("n.json", "nope")
        .unwrap_err()
        .to_string()
        .contains("not a bundle"));
}

#[test]
fn files_loaded_once_and_entered_data_give_the_same_report_as_a_full_load() {
    let mut a = Assessment::new("a", "Northwind", "", "2026-11-28");
    a.add_files(&samples::pitfall_tenant());
    a.entries
        .insert("spamScanningDefinitions".into(), spam_entries("do_nothing"));
    a.entries
        .insert("spamScanningPolicies".into(), spam_policy());
    let files = load_files(&a.files);
    let full = a.report(&opts());
    let parts = a.report_from(files.clone(), a.load_entered(), &opts());
    assert_eq!(parts, full);
    assert_eq!(
        conflicts_in(&files, a.load_entered().as_ref()),
        a.conflicts()
    );
    // An edit to the entered data only: the files need not be read again.
    a.entries.insert(
        "spamScanningDefinitions".into(),
        spam_entries("hold_for_review"),
    );
    let edited = a.report_from(files, a.load_entered(), &opts());
    assert_eq!(edited, a.report(&opts()));
    assert_ne!(status(&edited, "SPM001"), status(&full, "SPM001"));
}

/// Rule code → (status, finding keys and states): what a round trip keeps.
fn outcomes(r: &Report) -> Vec<(String, Status, Vec<String>)> {
    r.results
        .iter()
        .map(|x| {
            let findings = x
                .findings
                .iter()
                .map(|f| format!("{} {:?}", f.key, f.state))
                .collect();
            (x.code.clone(), x.status, findings)
        })
        .collect()
}

/// A bundle in which every section was collected and holds nothing.
fn every_section_empty() -> InputFile {
    let mut b = serde_json::Map::new();
    b.insert("format".into(), json!(bundle::FORMAT));
    b.insert("version".into(), json!(1));
    b.insert("generatedAt".into(), json!("2026-11-20T10:00:00Z"));
    for s in Section::ALL {
        let empty = match s {
            Section::GroupMembers | Section::DnsRecords => json!({}),
            Section::ThreatRemediation => json!({"incidents": []}),
            _ => json!([]),
        };
        b.insert(s.key().into(), empty);
    }
    InputFile::new("empty-sections.bundle.json", Value::Object(b).to_string())
}

#[test]
fn export_then_import_keeps_every_outcome_for_every_sample_and_empty_sections() {
    let mut inputs = vec![
        samples::pitfall_tenant(),
        samples::clean_tenant(),
        vec![every_section_empty()],
    ];
    let missing = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/missing-protections.bundle.json"
    ))
    .unwrap();
    inputs.push(vec![InputFile::new(
        "missing-protections.bundle.json",
        missing,
    )]);
    for files in inputs {
        let mut a = Assessment::new("a1", "Northwind", "", "2026-11-28");
        a.add_files(&files);
        let before = a.report(&opts());
        let text = a.to_bundle(now());
        let back = Assessment::import(
            "x.bundle.json",
            &text,
            |_| false,
            || "a2".into(),
            "2026-11-28",
        )
        .unwrap();
        assert_eq!(
            outcomes(&back.report(&opts())),
            outcomes(&before),
            "{}",
            files[0].name
        );
    }
    // Empty console sections stay collected: the platform rules are judged.
    let mut a = Assessment::new("a1", "N", "", "2026-11-28");
    a.add_files(&[every_section_empty()]);
    let back = Assessment::import(
        "x.json",
        &a.to_bundle(now()),
        |_| false,
        || "a2".into(),
        "d",
    )
    .unwrap();
    assert!(
        back.entries.contains_key("syncRecoverTasks"),
        "{:?}",
        back.entries.keys()
    );
    let r = back.report(&opts());
    assert_ne!(status(&r, "CON001"), Status::NotAssessed);
    assert_ne!(status(&r, "SRC001"), Status::NotAssessed);
}
