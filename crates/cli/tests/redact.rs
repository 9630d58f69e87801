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

#[path = "../../engine/tests/support/unescape.rs"]
mod unescape;
use unescape::unescaped;

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

/// String values of a bundle that are tenant data (not closed-list values,
/// dates or public providers' values), the domains and addresses inside
/// them, and the keys of keyed sections.
fn tenant_strings(bundle: &str, out: &mut BTreeSet<String>) {
    const NOT_TENANT: &[&str] = &[
        "format",
        "generator",
        "type",
        "option",
        "fromPart",
        "fromType",
        "toType",
        "status",
        "provider",
        "platform",
        "source",
        "category",
        "auditType",
        "state",
        "mode",
        "action",
        "failAction",
        "softFailAction",
        "level",
        "inboundType",
        "region",
        "spamAction",
        "autoAllowSpamAction",
        "permittedSenderSpamAction",
        "create",
        "modified",
        "start",
        "end",
        "expires",
        "acceptedOn",
        "lastUpdated",
        "lastReviewed",
        "generatedAt",
    ];
    const PUBLIC: &[&str] = &[
        "spf.protection.outlook.com",
        "_spf.google.com",
        "gmail.com",
        "eu._netblocks.mimecast.com",
        "40.107.0.0/16",
        "209.85.128.0/17",
        "v=spf1 include:eu._netblocks.mimecast.com include:spf.protection.outlook.com -all",
        "v=DMARC1; p=reject",
    ];
    fn add(s: &str, out: &mut BTreeSet<String>) {
        if !PUBLIC.contains(&s) && s.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
            out.insert(s.to_lowercase());
        }
    }
    fn walk(v: &Value, key: &str, top: bool, out: &mut BTreeSet<String>) {
        match v {
            Value::String(s) => {
                if NOT_TENANT.contains(&key) || key.ends_with("Date") || key.ends_with("Time") {
                    return;
                }
                add(s, out);
                for piece in s.split(|c: char| c.is_whitespace() || ":;=,()[]<>".contains(c)) {
                    if piece.contains(['.', '@']) {
                        add(piece, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, key, false, out)),
            Value::Object(o) => {
                for (k, x) in o {
                    if top && (key == "dnsRecords" || key == "groupMembers") {
                        add(k, out);
                    }
                    if key != "product" {
                        walk(x, k, key.is_empty(), out);
                    }
                }
            }
            _ => {}
        }
    }
    walk(&serde_json::from_str(bundle).unwrap(), "", false, out);
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
    tenant_strings(&read(AFTER), &mut secrets);
    tenant_strings(&read(BEFORE), &mut secrets);
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
