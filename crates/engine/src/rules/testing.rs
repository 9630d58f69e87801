//! Fixture runner shared by every rule's tests.
//!
//! A fixture is a bundle under `tests/fixtures/rules/<CODE>/` named
//! `fail_*.json` or `pass_*.json`. A fail fixture carries
//! `"expect": {"findings": N, "contains": ["text", …]}`: the exact number of
//! findings, and strings that must each appear in some finding's message or
//! evidence.

use std::path::PathBuf;

use serde_json::Value;

use crate::rules::Outcome;
use crate::{analyze, InputFile, Options};

/// The fixture folder of rule `code`: `tests/fixtures/rules/<code>`.
pub fn fixture_dir(code: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures/rules")
        .join(code)
}

/// Runs every fixture of a rule and asserts its expectation.
pub fn check_fixtures(code: &str) {
    let dir = fixture_dir(code);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(
        names.iter().any(|n| n.starts_with("fail_")),
        "{code}: no fail_ fixture"
    );
    assert!(
        names.iter().any(|n| n.starts_with("pass_")),
        "{code}: no pass_ fixture"
    );
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let report = analyze(
            &[InputFile::new(name.clone(), bytes.clone())],
            &Options::default(),
        );
        let input = &report.inputs[0];
        assert!(input.error.is_none(), "{code}/{name}: {:?}", input.error);
        let result = report.results.iter().find(|r| r.code == code).unwrap();
        let expect: Value = serde_json::from_slice::<Value>(&bytes).unwrap()["expect"].clone();
        if name.starts_with("pass_") {
            assert_eq!(
                result.status,
                crate::report::Status::Pass,
                "{code}/{name}: {:#?}",
                result.findings
            );
            continue;
        }
        assert_eq!(result.status, crate::report::Status::Fail, "{code}/{name}");
        if let Some(n) = expect["findings"].as_u64() {
            assert_eq!(
                result.findings.len() as u64,
                n,
                "{code}/{name}: {:#?}",
                result.findings
            );
        }
        for needle in expect["contains"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let hit = result.findings.iter().any(|f| {
                f.message.contains(needle)
                    || f.evidence
                        .iter()
                        .any(|e| e.value.contains(needle) || e.path.contains(needle))
            });
            assert!(
                hit,
                "{code}/{name}: no finding mentions {needle:?}: {:#?}",
                result.findings
            );
        }
    }
}

/// A one-file bundle for inline tests: `sections` is the rest of the
/// top-level object (`"connectors":[]`; a leading comma is allowed).
pub fn bundle(sections: &str) -> Vec<InputFile> {
    let sections = sections.trim().trim_start_matches(',');
    let sep = if sections.is_empty() { "" } else { "," };
    let text = format!(
        r#"{{"format":"mimecast-config-bundle","version":1,"generatedAt":"2026-11-20T10:00:00Z","generator":"manual"{sep}{sections}}}"#
    );
    vec![InputFile::new("b.json", text.into_bytes())]
}

/// The outcome of one rule on such a bundle.
pub fn outcome_in(code: &str, sections: &str) -> Outcome {
    outcome_of(code, &bundle(sections))
}

/// The outcome of one rule on in-memory input (for small inline tests).
pub fn outcome_of(code: &str, files: &[InputFile]) -> Outcome {
    let loaded = crate::input::load_all(files);
    let at = loaded
        .config
        .generated_at
        .unwrap_or(chrono::DateTime::UNIX_EPOCH);
    crate::rules::run_all(&loaded.config, at)
        .into_iter()
        .find(|r| r.meta.code == code)
        .unwrap()
        .outcome
}
