//! `--redact` with `--baseline`: every format the command line writes hides
//! the tenant's data of both runs, the comparison included, and is what the
//! engine renders for the same runs.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use engine::compare::compare;
use engine::export::{self, Baseline, ExportOptions, Format};
use engine::model::parse_date;
use engine::{analyze, InputFile, Options};

#[path = "../../engine/tests/support/leaks.rs"]
mod leaks;
use leaks::{tenant_strings, unescaped};

const AFTER: &str = "tests/fixtures/redaction/tenant.bundle.json";
const BEFORE: &str = "tests/fixtures/redaction/baseline.bundle.json";
const CUSTOMER: &str = "Northwind Traders Holding GmbH";
const ASSESSOR: &str = "Dana Whitfield-Nakamura";

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

fn cli(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mimecast-audit"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn redact_with_a_baseline_hides_the_tenant_in_every_format() {
    let at = Options {
        at: Some(parse_date("2026-11-20T10:00:00Z").unwrap()),
        now: None,
    };
    let after = analyze(&[InputFile::new(AFTER, read(AFTER))], &at);
    let before = analyze(&[InputFile::new(BEFORE, read(BEFORE))], &at);
    let comparison = compare(&before, &after);
    let opts = ExportOptions {
        customer: CUSTOMER.into(),
        assessor: ASSESSOR.into(),
        redact: true,
        ..ExportOptions::default()
    };
    // Tenant data, less what the tool's own texts say.
    let own: String = after
        .results
        .iter()
        .flat_map(|r| [r.name.as_str(), r.title.as_str(), r.fix.as_str()])
        .chain(after.coverage.iter().map(|c| c.title.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    let mut secrets = BTreeSet::new();
    for bundle in [read(AFTER), read(BEFORE)] {
        secrets.extend(tenant_strings(&bundle).iter().map(|s| s.to_lowercase()));
    }
    for s in [
        CUSTOMER,
        ASSESSOR,
        AFTER,
        BEFORE,
        "tenant.bundle",
        "northwind",
    ] {
        secrets.insert(s.to_lowercase());
    }
    secrets.retain(|s| !own.contains(s.as_str()));
    assert!(secrets.len() > 100, "{}", secrets.len());
    for f in Format::ALL {
        let args = |redact: bool| {
            let mut a = vec![
                "--at",
                "2026-11-20T10:00:00Z",
                "--customer",
                CUSTOMER,
                "--assessor",
                ASSESSOR,
                "--format",
                f.as_str(),
                "--baseline",
                BEFORE,
                AFTER,
            ];
            if redact {
                a.insert(0, "--redact");
            }
            a
        };
        let (code, plain) = cli(&args(false));
        assert_eq!(code, 1);
        let named = secrets
            .iter()
            .filter(|s| plain.to_lowercase().contains(s.as_str()))
            .count();
        assert!(named > 20, "{}: unredacted names only {named}", f.as_str());
        let (code, red) = cli(&args(true));
        assert_eq!(code, 1, "{}", f.as_str());
        let lower = red.to_lowercase();
        let unescaped = unescaped(&red).to_lowercase();
        let leaked: Vec<&String> = secrets
            .iter()
            .filter(|s| lower.contains(s.as_str()) || unescaped.contains(s.as_str()))
            .collect();
        assert!(
            leaked.is_empty(),
            "{}: --redact --baseline leaks {leaked:?}",
            f.as_str()
        );
        // The engine's rendering of the same runs, byte for byte.
        let baseline = Baseline {
            report: &before,
            comparison: &comparison,
        };
        let mut expected = export::render_with(f, &after, Some(baseline), &opts);
        if !expected.ends_with('\n') {
            expected.push('\n');
        }
        assert_eq!(red, expected, "{}", f.as_str());
    }
    // The comparison is in the text and JSON reports, redacted.
    let (_, json) = cli(&["--redact", "--format", "json", "--baseline", BEFORE, AFTER]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v["comparison"]["counts"]["fixed"].as_u64().unwrap() > 0);
    assert_eq!(v["inputs"][0]["name"], "file-1.json");
}
