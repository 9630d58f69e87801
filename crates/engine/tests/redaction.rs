//! Redaction over a tenant whose names use many real-world endings (`.shop`,
//! `.group`, `.bank`, `.agency`, `.solutions`, `.ltd`, `.store`, `.berlin`,
//! `.pharmacy`, `co.uk`, an IDN in both forms) and free-text names: no byte
//! of the tenant's data may reach any export, with or without a baseline
//! (`tests/fixtures/redaction/`).

use std::collections::BTreeSet;

use serde_json::Value;

use engine::compare::{compare, Comparison};
use engine::export::{self, Baseline, ExportOptions, Format};
use engine::{analyze, InputFile, Report};

use crate::leaks::{tenant_strings, unescaped};
use crate::util::{at, root};

const CUSTOMER: &str = "Northwind Traders Holding GmbH";
const ASSESSOR: &str = "Dana Whitfield-Nakamura";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/redaction").join(name)).unwrap()
}

/// The two runs, read under names that are tenant data too.
fn runs() -> (Report, Report, Comparison) {
    let after = analyze(
        &[InputFile::new(
            "exports/northwind-2026-11/tenant.bundle.json",
            fixture("tenant.bundle.json"),
        )],
        &at(),
    );
    let before = analyze(
        &[InputFile::new(
            "exports/northwind-2026-10/baseline.bundle.json",
            fixture("baseline.bundle.json"),
        )],
        &at(),
    );
    assert_eq!(after.summary.input_errors + before.summary.input_errors, 0);
    let c = compare(&before, &after);
    (after, before, c)
}

fn options(redact: bool) -> ExportOptions {
    ExportOptions {
        title: "Northwind Traders security review".into(),
        customer: CUSTOMER.into(),
        assessor: ASSESSOR.into(),
        date: "2026-11-20".into(),
        redact,
    }
}

/// Tenant data of both runs and of the command line, with what the tool's
/// own texts say (rule names, titles and fixes, section titles) left out:
/// a definition called "Executives" is not leaked by a fix that mentions
/// executives.
fn secrets(report: &Report) -> BTreeSet<String> {
    let own: String = report
        .results
        .iter()
        .flat_map(|r| [r.name.as_str(), r.title.as_str(), r.fix.as_str()])
        .chain(report.coverage.iter().map(|c| c.title.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    let mut all = tenant_strings(&fixture("tenant.bundle.json"));
    all.extend(tenant_strings(&fixture("baseline.bundle.json")));
    all.extend(
        [
            CUSTOMER,
            ASSESSOR,
            "exports/northwind-2026-11/tenant.bundle.json",
            "exports/northwind-2026-10/baseline.bundle.json",
            "tenant.bundle.json",
            "baseline.bundle.json",
            // The tenant's name word, also alone.
            "northwind",
        ]
        .map(String::from),
    );
    all.retain(|s| !own.contains(&s.to_lowercase()));
    all
}

fn leaks(out: &str, secrets: &BTreeSet<String>) -> Vec<String> {
    let lower = out.to_lowercase();
    let plain = unescaped(out).to_lowercase();
    secrets
        .iter()
        .map(|s| s.to_lowercase())
        .filter(|s| lower.contains(s.as_str()) || plain.contains(s.as_str()))
        .collect()
}

#[test]
fn no_byte_of_tenant_data_in_any_format_with_or_without_a_baseline() {
    let (after, before, c) = runs();
    let secrets = secrets(&after);
    // The fixture is what it claims: many endings, an IDN in both forms,
    // free-text names.
    for s in [
        "northwind.shop",
        "spf.shop-platform.group",
        "billing-desk.bank",
        "crm-vendor.agency",
        "vendor-portal.solutions",
        "northwind-legacy.ltd",
        "invoice-scam.store",
        "lena-home.berlin",
        "e-sign.pharmacy",
        "northwind.co.uk",
        "münchen-filiale.de",
        "xn--mnchen-filiale-gsb.de",
        "Finance team",
        "Hamburg branch outbound relay watch",
        "TR-NW-1057",
        "Legacy relay for the Altona print shop",
        "Kiel office mailboxes (pilot)",
        "Marta Kowalski",
    ] {
        assert!(secrets.contains(s), "{s} is not among the fixture's data");
    }
    let baseline = Some(Baseline {
        report: &before,
        comparison: &c,
    });
    for f in Format::ALL {
        for b in [None, baseline] {
            let plain = export::render_with(f, &after, b, &options(false));
            let red = export::render_with(f, &after, b, &options(true));
            // The check can fail: unredacted, the same export names the
            // tenant all over.
            assert!(
                leaks(&plain, &secrets).len() > 20,
                "{}: the unredacted export should name the tenant",
                f.as_str()
            );
            let leaked = leaks(&red, &secrets);
            assert!(
                leaked.is_empty(),
                "{} ({} baseline) leaks {leaked:?}",
                f.as_str(),
                if b.is_some() { "with" } else { "without" }
            );
            // What identifies nobody stays: rule codes, option values,
            // providers' domains, ranges and prefix lengths.
            for kept in [
                "ASP001",
                "spf.protection.outlook.com",
                "40.107.0.0/16",
                "209.85.128.0/17",
            ] {
                assert!(red.contains(kept), "{}: {kept} should stay", f.as_str());
            }
        }
    }
    // The comparison is there, redacted, in text and JSON.
    let text = export::render_with(Format::Text, &after, baseline, &options(true));
    assert!(text.contains("Comparison with the baseline"), "{text}");
    assert!(text.contains("accepted by Owner "), "{text}");
    let json = export::render_with(Format::Json, &after, baseline, &options(true));
    assert!(json.contains("\"comparison\""));
    // And in the hand-over: "Since last review", redacted.
    for f in [Format::Html, Format::Markdown] {
        let out = export::render_with(f, &after, baseline, &options(true));
        assert!(out.contains("Since last review"), "{}", f.as_str());
        assert!(
            out.contains("Accepted risks") && out.contains("Owner "),
            "{}",
            f.as_str()
        );
    }
    // File names never carry the customer's name when redacted.
    for f in Format::ALL {
        let name = export::file_name(f, &after, &options(true));
        assert!(
            name.starts_with("customer-redacted-2026-11-20-audit."),
            "{name}"
        );
        assert!(export::file_name(f, &after, &options(false))
            .starts_with("northwind-traders-holding-gmbh-"));
    }
}

#[test]
fn free_text_becomes_tokens_that_say_what_was_there() {
    let (after, _, _) = runs();
    let red = export::render(Format::Json, &after, &options(true));
    for token in [
        "Anti-spoofing policy ",
        "SPF bypass policy ",
        "Permitted-sender policy ",
        "Blocked-sender policy ",
        "Group ",
        "Connector ",
        "Task ",
        "Monitor ",
        "Incident ",
        "Impersonation definition ",
        "Reason ",
        "Owner ",
        "domain-1.example",
        "user-1@",
        "file-1.json",
        "no_action",
    ] {
        assert!(red.contains(token), "{token} missing");
    }
    // One record, one number: a policy's id and description.
    let r: Value = serde_json::from_str(&red).unwrap();
    let asp005 = r["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "ASP005")
        .unwrap();
    let f = &asp005["findings"][0];
    let object = f["object"].as_str().unwrap();
    let n = object.strip_prefix("anti-spoofing-policy-").unwrap();
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains(&format!("“Anti-spoofing policy {n}”")),
        "{f}"
    );
    // The cover.
    let md = export::render(Format::Markdown, &after, &options(true));
    assert!(md.contains(export::REDACTED_CUSTOMER) && md.contains(export::REDACTED_ASSESSOR));
    assert!(
        md.contains("Customer security review"),
        "the title's names go too"
    );
}

#[test]
fn the_report_and_its_comparison_share_one_set_of_tokens() {
    let (after, before, c) = runs();
    let baseline = Some(Baseline {
        report: &before,
        comparison: &c,
    });
    let p = export::prepare_with(&after, baseline, &options(true));
    let report = p.report;
    let comparison = p.comparison.unwrap();
    let keys: BTreeSet<&str> = report
        .results
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| f.key.as_str()))
        .collect();
    let changes = &comparison.findings;
    assert!(!changes.fixed.is_empty() && !changes.accepted.is_empty());
    for f in changes
        .new
        .iter()
        .chain(&changes.unchanged)
        .chain(&changes.accepted)
    {
        assert!(keys.contains(f.key.as_str()), "{} not in the report", f.key);
    }
    // The same counts as unredacted: nothing merged or split.
    assert_eq!(comparison.counts, c.counts);
    // Findings only in the baseline carry its data, redacted too.
    let fixed = serde_json::to_string(&changes.fixed).unwrap();
    assert!(
        !fixed.contains("Altona") && !fixed.contains("altona-print"),
        "{fixed}"
    );
    assert!(fixed.contains("Permitted-sender policy"), "{fixed}");
    // The formats without a comparison are the same with a baseline.
    for f in [Format::Csv, Format::Sarif] {
        assert_eq!(
            export::render_with(f, &after, baseline, &options(true)),
            export::render(f, &after, &options(true)),
            "{}",
            f.as_str()
        );
    }
}

#[test]
fn a_report_read_back_from_json_is_still_redacted_by_its_fields() {
    // Without the loaded data: ids in objects, names in quotes, domains,
    // addresses and file names are still found.
    let (after, _, _) = runs();
    let read: Report = serde_json::from_str(&after.to_json()).unwrap();
    assert!(read.tenant.strings().is_empty());
    let red = export::render(Format::Json, &read, &options(true));
    for s in [
        "SPF bypass - CRM and Office 365 relay",
        "Anti-Spoofing - northwind.shop",
        "eNo1jrASPnw0005",
        "def-imp-default",
        "All staff mailboxes",
        "Microsoft 365 mail flow",
        "northwind",
        "münchen",
        "xn--mnchen",
        "tenant.bundle.json",
        "Marta Kowalski",
        "Shop SPF owned by Kowalski Webdesign until the relaunch",
    ] {
        assert!(
            !red.to_lowercase().contains(&s.to_lowercase()),
            "{s} survived"
        );
    }
}
