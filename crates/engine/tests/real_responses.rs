//! The conformance corpus: Mimecast API responses published in public
//! repositories (`tests/fixtures/real-responses/`, sources in its README).
//! Every file there is loaded on its own, analysed at 2026-12-01, and must
//! give exactly what the input contract says for it: the section it lands
//! in and how many records, `incomplete` with the API's status or error
//! code, `not analysed` with the call it looks like, or the account.

use std::collections::BTreeSet;

use engine::input::{load_all, Loaded};
use engine::model::{parse_date, Config, Section};
use engine::report::{CoverageState, InputStatus, Report, Status};
use engine::{bundle_of, report_for, rules, InputFile, Options};

use crate::util::root;

/// What one file must give.
enum Want {
    /// Loaded into the section with this many records, and no warning.
    Loads(Section, usize),
    /// Loaded into the section (this many records), marked incomplete, with
    /// the API's status or error code shown; no rule reading it passes.
    Incomplete(Section, usize, &'static str),
    /// Listed as not analysed, looking like this call; nothing loaded. The
    /// API's error code or status, when the call failed, is still shown.
    NotAnalysed(&'static str, Option<&'static str>),
    /// Read into the bundle's `account`.
    Account,
    /// Nothing loaded, and a warning holding each of these texts.
    WarningOnly(&'static [&'static str]),
}

use Want::*;

const WANT: &[(&str, Want)] = &[
    (
        "add-group-member-fail__rapid7.json",
        NotAnalysed(
            "add-group-member",
            Some("err_folder_group_member_already_exists"),
        ),
    ),
    (
        "add-group-member__rapid7.json",
        NotAnalysed("add-group-member", None),
    ),
    (
        "address-alteration-update-policy__demisto.json",
        Loads(Section::AddressAlterationPolicies, 1),
    ),
    (
        "antispoofing-bypass-create-policy__demisto.json",
        Loads(Section::AntiSpoofingBypassPolicies, 1),
    ),
    (
        "antispoofing-bypass-update-policy__demisto.json",
        Loads(Section::AntiSpoofingBypassPolicies, 1),
    ),
    (
        "audit-events-empty__rapid7.json",
        Loads(Section::AuditEvents, 0),
    ),
    ("audit-events__demisto.json", Loads(Section::AuditEvents, 1)),
    (
        "blockedsenders-create-policy-2019__rapid7-helpmd.json",
        Loads(Section::BlockedSenderPolicies, 1),
    ),
    (
        "blockedsenders-create-policy-fail__chronicle.json",
        Incomplete(
            Section::BlockedSenderPolicies,
            0,
            "err_policy_invalid_from_value",
        ),
    ),
    (
        "blockedsenders-create-policy-mock__chronicle.json",
        Loads(Section::BlockedSenderPolicies, 1),
    ),
    (
        "blockedsenders-create-policy-record__chronicle.json",
        Loads(Section::BlockedSenderPolicies, 1),
    ),
    (
        "blockedsenders-create-policy-record__demisto.json",
        Loads(Section::BlockedSenderPolicies, 1),
    ),
    (
        "blockedsenders-create-policy__rapid7.json",
        Loads(Section::BlockedSenderPolicies, 1),
    ),
    (
        "blockedsenders-delete-policy-404__rapid7.json",
        NotAnalysed("write call", Some("status 404")),
    ),
    (
        "blockedsenders-get-policy-list__demisto.json",
        Loads(Section::BlockedSenderPolicies, 1),
    ),
    (
        "connectors__tf-synthetic.json",
        Loads(Section::Connectors, 1),
    ),
    ("find-groups-empty__rapid7.json", Loads(Section::Groups, 0)),
    (
        "find-groups-plugin-output__rapid7-helpmd.json",
        Loads(Section::Groups, 2),
    ),
    (
        "find-groups-status403__rapid7.json",
        Incomplete(Section::Groups, 0, "status 403"),
    ),
    ("find-groups__rapid7.json", Loads(Section::Groups, 7)),
    (
        "gateway-details-v2__tf-synthetic.json",
        Loads(Section::GatewayDetails, 1),
    ),
    ("get-account__tf-synthetic.json", Account),
    (
        "get-group-members-mock__demisto.json",
        WarningOnly(&[
            "data[0].groupMembers",
            "expected a list of members, found an empty object",
        ]),
    ),
    (
        "get-internal-domain__jupiterone.json",
        Loads(Section::InternalDomains, 2),
    ),
    (
        "group-members-v2__tf-synthetic.json",
        Loads(Section::GroupMembers, 1),
    ),
    (
        "managedsender-permit-or-block-fail__rapid7.json",
        Incomplete(
            Section::ManagedSenders,
            0,
            "err_validation_invalid_email_address",
        ),
    ),
    (
        "managedsender-permit-or-block__rapid7.json",
        Loads(Section::ManagedSenders, 1),
    ),
    (
        "managedurl-create__rapid7.json",
        Loads(Section::ManagedUrls, 1),
    ),
    (
        "pending-domains-v2__tf-synthetic.json",
        NotAnalysed("pending domains", None),
    ),
    (
        "remediation-create-incident__demisto.json",
        Loads(Section::ThreatRemediation, 1),
    ),
];

fn dir() -> std::path::PathBuf {
    root().join("tests/fixtures/real-responses")
}

fn file(name: &str) -> InputFile {
    let bytes = std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    InputFile::new(name, bytes)
}

fn options() -> Options {
    Options {
        at: Some(parse_date("2026-12-01").unwrap()),
        now: None,
    }
}

fn analyse(files: &[InputFile]) -> (Loaded, Report) {
    let loaded = load_all(files);
    let report = report_for(loaded.clone(), &options());
    (loaded, report)
}

/// The records of one section in the model.
fn records(cfg: &Config, s: Section) -> usize {
    match s {
        Section::InternalDomains => cfg.internal_domains.len(),
        Section::ManagedSenders => cfg.managed_senders.len(),
        Section::Connectors => cfg.connectors.len(),
        Section::Groups => cfg.groups.len(),
        Section::GroupMembers => cfg.group_members.values().map(Vec::len).sum(),
        Section::AuditEvents => cfg.audit_events.len(),
        Section::ManagedUrls => cfg.managed_urls.len(),
        Section::GatewayDetails => usize::from(cfg.gateway_details.is_some()),
        Section::ThreatRemediation => cfg
            .threat_remediation
            .incidents
            .as_ref()
            .map_or(0, Vec::len),
        s if s.is_policy() => cfg.policies(s).len(),
        s => panic!("no count for {}", s.key()),
    }
}

fn collected(report: &Report) -> Vec<(String, CoverageState)> {
    report
        .coverage
        .iter()
        .filter(|c| c.state != CoverageState::Missing)
        .map(|c| (c.key.clone(), c.state))
        .collect()
}

/// Checks one file against what it must give; returns what was wrong.
fn check(name: &str, want: &Want) -> Vec<String> {
    let (loaded, report) = analyse(&[file(name)]);
    let input = &report.inputs[0];
    let mut wrong = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            wrong.push(format!("{name}: {what}"));
        }
    };
    let warned = |text: &str| input.warnings.iter().any(|w| w.contains(text));
    match want {
        Loads(s, n) | Incomplete(s, n, _) => {
            expect(
                input.status == InputStatus::Ok,
                format!("status {} ({:?})", input.status.as_str(), input.error),
            );
            expect(
                input.sections == [s.key()],
                format!("sections {:?}, expected [{}]", input.sections, s.key()),
            );
            let count = records(&loaded.config, *s);
            expect(count == *n, format!("{count} records, expected {n}"));
        }
        _ => expect(
            input.sections.is_empty(),
            format!("sections {:?}, expected none", input.sections),
        ),
    }
    match want {
        Loads(s, _) => {
            expect(
                input.warnings.is_empty(),
                format!("warnings {:?}", input.warnings),
            );
            expect(
                collected(&report) == [(s.key().to_string(), CoverageState::Collected)],
                format!("coverage {:?}", collected(&report)),
            );
        }
        Incomplete(s, _, shown) => {
            expect(
                warned(shown) && warned("incomplete"),
                format!("no warning showing {shown}: {:?}", input.warnings),
            );
            expect(
                collected(&report) == [(s.key().to_string(), CoverageState::Incomplete)],
                format!("coverage {:?}", collected(&report)),
            );
            // No rule that reads the section passes on it; each one not
            // assessed because of it says why, with the API's code.
            for r in &report.results {
                let reads = rules::find(&r.code).unwrap().meta().reads;
                let affected = reads.contains(s) || r.code.starts_with("POL") && s.is_policy();
                if !affected {
                    continue;
                }
                expect(r.status != Status::Pass, format!("{} passes", r.code));
                if let Some(m) = r.missing_sections.iter().find(|m| m.key == s.key()) {
                    let reason = m.reason.as_deref().unwrap_or_default();
                    expect(
                        reason.contains("incomplete") && reason.contains(shown),
                        format!("{}: reason {reason:?}", r.code),
                    );
                }
            }
        }
        NotAnalysed(call, shown) => {
            expect(
                input.status == InputStatus::NotAnalysed && input.error.is_none(),
                format!("status {} ({:?})", input.status.as_str(), input.error),
            );
            let looks = input.looks_like.as_deref().unwrap_or_default();
            expect(looks.contains(call), format!("looks like {looks:?}"));
            expect(
                collected(&report).is_empty(),
                format!("coverage {:?}", collected(&report)),
            );
            match shown {
                Some(code) => expect(warned(code), format!("warnings {:?}", input.warnings)),
                None => expect(
                    input.warnings.is_empty(),
                    format!("warnings {:?}", input.warnings),
                ),
            }
        }
        Account => {
            expect(
                input.status == InputStatus::Ok && input.warnings.is_empty(),
                format!(
                    "status {}, warnings {:?}",
                    input.status.as_str(),
                    input.warnings
                ),
            );
            expect(
                loaded.config.account.is_some(),
                "no account read".to_string(),
            );
            expect(
                collected(&report).is_empty(),
                format!("coverage {:?}", collected(&report)),
            );
        }
        WarningOnly(texts) => {
            expect(
                input.status == InputStatus::Ok,
                format!("status {} ({:?})", input.status.as_str(), input.error),
            );
            let all = input
                .warnings
                .iter()
                .any(|w| texts.iter().all(|t| w.contains(t)));
            expect(all, format!("warnings {:?}", input.warnings));
            expect(
                collected(&report).is_empty(),
                format!("coverage {:?}", collected(&report)),
            );
        }
    }
    wrong
}

#[test]
fn every_file_of_the_corpus_is_listed() {
    let present: BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = WANT.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        present, listed,
        "the folder and the table in this test disagree"
    );
}

#[test]
fn every_file_gives_what_the_contract_says() {
    let wrong: Vec<String> = WANT.iter().flat_map(|(n, w)| check(n, w)).collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_whole_folder_loads_without_an_input_error() {
    let files: Vec<InputFile> = WANT.iter().map(|(n, _)| file(n)).collect();
    let (_, report) = analyse(&files);
    assert_eq!(report.summary.input_errors, 0, "{:#?}", report.inputs);
    assert_ne!(report.exit_code(), 2);
    let not_analysed = report
        .inputs
        .iter()
        .filter(|i| i.status == InputStatus::NotAnalysed)
        .count();
    assert_eq!(not_analysed, 4);
    let json = report.to_json();
    assert!(json.contains("\"status\": \"not_analysed\""), "{json}");
    assert!(json.contains("\"looksLike\": "), "{json}");
}

#[test]
fn a_manual_incident_leaves_automatic_remediation_not_assessed() {
    let (_, report) = analyse(&[file("remediation-create-incident__demisto.json")]);
    let trm = report.results.iter().find(|r| r.code == "TRM001").unwrap();
    assert_eq!(trm.status, Status::NotAssessed, "{:#?}", trm.findings);
    let reason = trm.missing_sections[0]
        .reason
        .as_deref()
        .unwrap_or_default();
    assert!(reason.contains("manual"), "{reason}");
}

#[test]
fn the_account_keeps_what_identifies_it_and_drops_nothing_else_of_use() {
    let (loaded, _) = analyse(&[file("get-account__tf-synthetic.json")]);
    let account = loaded.config.account.unwrap();
    assert_eq!(account["adminSessionTimeout"], 30);
    assert_eq!(account["maxRetentionConfirmed"], true);
}

#[test]
fn an_unknown_from_part_is_a_note() {
    let (_, report) = analyse(&[file("blockedsenders-create-policy-mock__chronicle.json")]);
    assert!(
        report.inputs[0]
            .notes
            .iter()
            .any(|n| n.contains("fromPart: unknown value \"from_header\"")),
        "{:?}",
        report.inputs[0].notes
    );
}

#[test]
fn failed_and_unreadable_calls_stay_so_in_a_saved_bundle() {
    for name in [
        "find-groups-status403__rapid7.json",
        "blockedsenders-create-policy-fail__chronicle.json",
        "managedsender-permit-or-block-fail__rapid7.json",
        "get-group-members-mock__demisto.json",
    ] {
        let files = [file(name)];
        let (_, before) = analyse(&files);
        let saved = bundle_of(&files, parse_date("2026-12-01").unwrap());
        assert!(
            !saved.contains("get-group-members-mock"),
            "{name}: an unreadable member list was saved:\n{saved}"
        );
        let (_, after) = analyse(&[InputFile::new("saved.json", saved)]);
        assert_eq!(collected(&before), collected(&after), "{name}");
        let outcomes = |r: &Report| -> Vec<(String, Status)> {
            r.results
                .iter()
                .map(|x| (x.code.clone(), x.status))
                .collect()
        };
        assert_eq!(outcomes(&before), outcomes(&after), "{name}");
    }
}

#[test]
fn a_file_that_is_not_analysed_says_which_call_it_answers() {
    let path = crate::util::root()
        .join("tests/fixtures/real-responses/pending-domains-v2__tf-synthetic.json");
    let r = engine::analyze(
        &[engine::InputFile::new(
            "pending-domains-v2__tf-synthetic.json",
            std::fs::read(path).unwrap(),
        )],
        &crate::util::at(),
    );
    let i = &r.inputs[0];
    assert_eq!(i.status.label(), "not analysed");
    assert!(
        i.summary().starts_with("not analysed: the response of"),
        "{}",
        i.summary()
    );
    assert!(i.summary().contains(i.looks_like.as_deref().unwrap()));
}
