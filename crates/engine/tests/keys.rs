//! Finding identity over real inputs: every key is non-empty, never a list
//! position, unique within its report; a re-ordered export keeps every
//! accepted risk attached; acceptances saved with the keys of an earlier
//! version of this tool keep working and are rewritten to today's keys.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::util::{at, root};
use engine::assessment::Assessment;
use engine::model::Acceptance;
use engine::report::{FindingState, Report};
use engine::{analyze, InputFile};
use serde_json::Value;

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// `[3]`-style list positions anywhere in a key.
fn has_position(key: &str) -> bool {
    key.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'[' && w[1].is_ascii_digit())
}

fn check_keys(name: &str, report: &Report) -> usize {
    let mut seen = BTreeSet::new();
    for r in &report.results {
        for f in &r.findings {
            let object = f.key.split_once(':').map(|(_, o)| o).unwrap_or_default();
            assert!(!object.trim().is_empty(), "{name}: empty key {:?}", f.key);
            assert!(
                !has_position(&f.key),
                "{name}: key with a list position {:?}",
                f.key
            );
            assert!(seen.insert(f.key.clone()), "{name}: key {:?} twice", f.key);
        }
    }
    seen.len()
}

#[test]
fn no_key_is_empty_or_a_position_and_keys_are_unique_in_every_fixture_and_sample() {
    let mut files = Vec::new();
    json_files(&root().join("tests/fixtures"), &mut files);
    json_files(&root().join("samples"), &mut files);
    let mut keys = 0;
    for f in &files {
        let name = f.strip_prefix(root()).unwrap().display().to_string();
        let report = analyze(
            &[InputFile::new(name.clone(), std::fs::read(f).unwrap())],
            &at(),
        );
        keys += check_keys(&name, &report);
    }
    // Every sample folder as one tenant too (raw API files merge there).
    for dir in ["samples/raw-api", "samples/demo-tenant"] {
        let mut inputs = Vec::new();
        json_files(&root().join(dir), &mut inputs);
        let inputs: Vec<InputFile> = inputs
            .iter()
            .map(|p| InputFile::new(p.display().to_string(), std::fs::read(p).unwrap()))
            .collect();
        keys += check_keys(dir, &analyze(&inputs, &at()));
    }
    assert!(
        files.len() > 100 && keys > 200,
        "{} files, {keys} keys",
        files.len()
    );
    assert!(has_position("x#data[3]") && !has_position("x#[::1]/128"));
}

/// Reverses every list in a JSON document, at every depth.
fn reversed(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().rev().map(reversed).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), reversed(v))).collect())
        }
        other => other.clone(),
    }
}

fn accept_all(report: &Report) -> Vec<Acceptance> {
    report
        .results
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| Acceptance::new(f.key.clone(), "reviewed", "IT", "2027-12-31", "2026-11-20"))
        .collect()
}

fn with_acceptances(bundle: &Value, acceptances: &[Acceptance]) -> Vec<u8> {
    let mut b = bundle.clone();
    b["acceptances"] = serde_json::to_value(acceptances).unwrap();
    serde_json::to_vec(&b).unwrap()
}

#[test]
fn a_reordered_export_keeps_every_accepted_risk_attached() {
    for name in [
        "samples/pitfall-tenant.bundle.json",
        "tests/fixtures/identity/id-less-tenant.bundle.json",
    ] {
        let bundle: Value =
            serde_json::from_slice(&std::fs::read(root().join(name)).unwrap()).unwrap();
        let before = analyze(
            &[InputFile::new(
                "t.json",
                serde_json::to_vec(&bundle).unwrap(),
            )],
            &at(),
        );
        let accepted = accept_all(&before);
        assert!(accepted.len() >= 10, "{name}: {} findings", accepted.len());
        let file = with_acceptances(&reversed(&bundle), &accepted);
        let after = analyze(&[InputFile::new("t.json", file)], &at());
        let keys = |r: &Report| -> BTreeSet<String> {
            r.results
                .iter()
                .flat_map(|x| &x.findings)
                .map(|f| f.key.clone())
                .collect()
        };
        assert_eq!(
            keys(&before),
            keys(&after),
            "{name}: keys moved with the order"
        );
        for f in after.results.iter().flat_map(|x| &x.findings) {
            assert_eq!(
                f.state,
                FindingState::Accepted,
                "{name}: {} detached",
                f.key
            );
        }
    }
}

#[test]
fn acceptances_saved_with_earlier_keys_still_hold_and_are_rewritten() {
    // An assessment as the app stored it in November 2026, before finding
    // keys were content ids: acceptances name id-less policies by their
    // narrative or list path, an id-less definition by its list path.
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/assessments/saved-2026-11.json"))
            .unwrap();
    let mut a: Assessment = serde_json::from_str(&text).unwrap();
    let report = a.report(&at());
    let findings: Vec<_> = report.results.iter().flat_map(|r| &r.findings).collect();
    let open: Vec<&str> = findings
        .iter()
        .filter(|f| f.state == FindingState::Open)
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(
        open,
        ["ASP003:example.org"],
        "only the finding nobody accepted is open"
    );
    assert!(findings.len() >= 10);
    assert_eq!(
        report.key_migrations.len(),
        findings.len() - 2,
        "every old key but ASP003's two"
    );

    assert!(a.apply_key_migrations(&report.key_migrations));
    assert!(a
        .acceptances
        .iter()
        .all(|x| !x.finding.contains("permittedSenderPolicies[")));
    // Rewritten, the keys no longer need the old names: the tenant's lists
    // re-ordered still leave every accepted finding accepted.
    let tenant: Value = serde_json::from_slice(&a.inputs()[0].bytes).unwrap();
    a.files.clear();
    a.add_files(&[InputFile::new(
        "id-less-tenant.bundle.json",
        serde_json::to_vec(&reversed(&tenant)).unwrap(),
    )]);
    let again = a.report(&at());
    assert!(
        again.key_migrations.is_empty(),
        "{:?}",
        again.key_migrations
    );
    let open: Vec<&str> = again
        .results
        .iter()
        .flat_map(|r| &r.findings)
        .filter(|f| f.state == FindingState::Open)
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(open, ["ASP003:example.org"]);
}
