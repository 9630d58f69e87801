//! Corpus tests: every shipped sample and test fixture loads, and the sample
//! tenants show what they claim to show.
//!
//! Each file under `samples/` and `tests/fixtures/` (recursively) is analyzed
//! on its own and must load with status "ok", except:
//!
//! - anything under `tests/fixtures/inputs/malformed/` (inputs that are
//!   unreadable on purpose);
//! - files whose name starts with `broken`, `not-mimecast` or `ambiguous`
//!   (bad or undecidable on purpose);
//! - Markdown files (`*.md`), which document a folder rather than feed it;
//! - `tests/fixtures/assessments/`: assessments as the app stores them in the
//!   browser (not inputs; `keys.rs` reads them);
//! - `tests/fixtures/real-responses/`: API responses published by others,
//!   some of them failed or unread calls on purpose (`real_responses.rs`
//!   states what each one gives).
//!
//! The rule checks walk the engine's rule registry, so they grow on their own
//! as rules are added: every registered rule must have a pitfall planted in
//! `samples/pitfall-tenant.bundle.json` or `samples/missing-protections.bundle.json`
//! (their top-level `x-planted` maps rule code → what was planted, and the
//! engine ignores that key), and must neither fail nor be left unassessed on
//! `samples/clean-tenant.bundle.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::util::root;
use engine::model::Section;
use engine::report::{Report, Status};
use engine::{analyze, rules, InputFile, Options};
use serde_json::Value;

/// Path relative to the crate, with `/` separators (for messages and skip rules).
fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn is_skipped(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    rel.starts_with("tests/fixtures/inputs/malformed/")
        || rel.starts_with("tests/fixtures/assessments/")
        || rel.starts_with("tests/fixtures/real-responses/")
        || name.starts_with("broken")
        || name.starts_with("not-mimecast")
        || name.starts_with("ambiguous")
        || name.to_ascii_lowercase().ends_with(".md")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if !is_skipped(&relative(&p)) {
            out.push(p);
        }
    }
}

fn analyze_one(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    analyze(
        &[InputFile::new(relative(path), bytes)],
        &Options::default(),
    )
}

fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

fn status_of(report: &Report, code: &str) -> Status {
    report
        .results
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no result for {code}"))
        .status
}

/// The rule codes a sample bundle says it plants (`x-planted`).
fn planted(name: &str) -> BTreeSet<String> {
    let bytes = std::fs::read(sample(name)).unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let map = v["x-planted"]
        .as_object()
        .unwrap_or_else(|| panic!("{name}: no `x-planted` object"));
    map.keys().cloned().collect()
}

fn implemented() -> Vec<&'static str> {
    rules::all().iter().map(|r| r.meta().code).collect()
}

#[test]
fn every_sample_and_fixture_loads_on_its_own() {
    let mut files = Vec::new();
    walk(&root().join("samples"), &mut files);
    walk(&root().join("tests/fixtures"), &mut files);
    assert!(
        files.len() > 10,
        "expected a corpus, found {} files",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let report = analyze_one(path);
        for input in report
            .inputs
            .iter()
            .filter(|i| i.status != engine::report::InputStatus::Ok)
        {
            failures.push(format!(
                "{} ({}): {}",
                relative(path),
                input.name,
                input.error.as_deref().unwrap_or("no message")
            ));
        }
        if report.inputs.is_empty() {
            failures.push(format!("{}: produced no input status", relative(path)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files did not load:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn sample_bundles_load_without_warnings() {
    for name in [
        "pitfall-tenant.bundle.json",
        "clean-tenant.bundle.json",
        "missing-protections.bundle.json",
    ] {
        let report = analyze_one(&sample(name));
        let input = &report.inputs[0];
        assert_eq!(
            input.status,
            engine::report::InputStatus::Ok,
            "{name}: {:?}",
            input.error
        );
        assert!(input.warnings.is_empty(), "{name}: {:#?}", input.warnings);
    }
}

#[test]
fn raw_api_folder_is_recognised_file_by_file() {
    // What each file is: the API call it answers, and the section it must land in.
    let expected: BTreeMap<&str, &str> = [
        ("response (1).json", "internalDomains"), // API 1.0 /api/domain/get-internal-domain
        ("response (2).json", "antiSpoofingPolicies"), // API 2.0 anti-spoofing/policies
        ("response (3).json", "antiSpoofingBypassPolicies"), // API 1.0 /api/policy/antispoofing-bypass/get-policy
        ("response (4).json", "blockedSenderPolicies"), // API 1.0 /api/policy/blockedsenders/get-policy
        ("response (5).json", "groups"),                // API 1.0 /api/directory/find-groups
        ("response (6).json", "connectors"),            // API 2.0 connectors
        ("response (7).json", "threatRemediation"), // API 1.0 /api/ttp/remediation/find-incidents
        ("response (8).json", "groupMembers"), // API 1.0 /api/directory/get-group-members, one call refused
        ("export.json", "auditEvents"), // API 1.0 /api/audit/get-audit-events, UTF-16 LE (PowerShell 5.1)
    ]
    .into_iter()
    .collect();

    let dir = sample("raw-api");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !is_skipped(n))
        .collect();
    names.sort();
    let listed: BTreeSet<&str> = expected.keys().copied().collect();
    let present: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(
        present, listed,
        "samples/raw-api/ and the table in this test disagree"
    );

    let files: Vec<InputFile> = names
        .iter()
        .map(|n| InputFile::new(n.clone(), std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let report = analyze(&files, &Options::default());
    let mut wrong = Vec::new();
    for input in &report.inputs {
        let want = expected[input.name.as_str()];
        if input.status != engine::report::InputStatus::Ok || input.sections != [want] {
            wrong.push(format!(
                "{}: expected [{want}], got {:?} (status {}, error {:?})",
                input.name,
                input.sections,
                input.status.as_str(),
                input.error
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let refused = report
        .inputs
        .iter()
        .find(|i| i.name == "response (8).json")
        .unwrap();
    assert!(
        refused
            .warnings
            .iter()
            .any(|w| w.contains("err_xdk_forbidden")),
        "{:?}",
        refused.warnings
    );
    let utf16 = std::fs::read(dir.join("export.json")).unwrap();
    assert!(
        utf16.starts_with(&[0xFF, 0xFE]),
        "export.json must stay UTF-16 LE with a byte-order mark"
    );
}

#[test]
fn clean_tenant_passes_every_rule() {
    let report = analyze_one(&sample("clean-tenant.bundle.json"));
    let bad: Vec<String> = report
        .results
        .iter()
        .filter(|r| r.status != Status::Pass)
        .map(|r| {
            let why: Vec<&str> = r.findings.iter().map(|f| f.message.as_str()).collect();
            let missing: Vec<&str> = r.missing_sections.iter().map(|m| m.key.as_str()).collect();
            format!(
                "{} {}: findings {why:?}, missing sections {missing:?}",
                r.code,
                r.status.as_str()
            )
        })
        .collect();
    assert!(
        bad.is_empty(),
        "the clean tenant should pass every rule:\n{}",
        bad.join("\n")
    );
    assert_eq!(report.results.len(), implemented().len());
}

#[test]
fn pitfall_samples_fail_every_rule() {
    let pitfall = analyze_one(&sample("pitfall-tenant.bundle.json"));
    let missing = analyze_one(&sample("missing-protections.bundle.json"));
    let in_pitfall = planted("pitfall-tenant.bundle.json");
    let in_missing = planted("missing-protections.bundle.json");

    let mut problems = Vec::new();
    for code in implemented() {
        let (report, name) = if in_pitfall.contains(code) {
            (&pitfall, "pitfall-tenant")
        } else if in_missing.contains(code) {
            (&missing, "missing-protections")
        } else {
            problems.push(format!(
                "{code}: no sample plants it (add it to an `x-planted` map)"
            ));
            continue;
        };
        let status = status_of(report, code);
        if status != Status::Fail {
            problems.push(format!(
                "{code}: planted in {name}, but the rule says {}",
                status.as_str()
            ));
        }
        // A rule the pitfall tenant does not plant is still assessable there.
        if name != "pitfall-tenant" && status_of(&pitfall, code) == Status::NotAssessed {
            problems.push(format!(
                "{code}: not assessed on pitfall-tenant, which holds every section"
            ));
        }
    }
    for code in in_missing.iter().filter(|c| in_pitfall.contains(*c)) {
        // Listed in both: each bundle must then show it.
        if implemented().contains(&code.as_str()) && status_of(&missing, code) != Status::Fail {
            problems.push(format!(
                "{code}: planted in missing-protections, but the rule does not fail there"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bundle_schema_lists_exactly_the_contract_sections() {
    let text = std::fs::read_to_string(root().join("docs/bundle-v1.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let meta = ["format", "version", "generatedAt", "generator", "account"];
    let keys: BTreeSet<&str> = schema["properties"]
        .as_object()
        .expect("the schema has `properties`")
        .keys()
        .map(String::as_str)
        .filter(|k| !meta.contains(k))
        .collect();
    let sections: BTreeSet<&str> = Section::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(
        keys, sections,
        "docs/bundle-v1.schema.json `properties` and Section::ALL disagree"
    );
    for k in meta {
        assert!(
            schema["properties"].get(k).is_some(),
            "the schema lacks `{k}`"
        );
    }
}
