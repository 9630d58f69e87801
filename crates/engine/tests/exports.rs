//! The exports (HTML, JSON, CSV, Markdown, SARIF, text): golden files,
//! safety properties (escaping, formula injection, no loadable references),
//! and redaction. (The command-line flags that produce them are tested in
//! `crates/cli/tests/exports.rs`.)
//!
//! Golden files live in `tests/golden/`. After an intended change,
//! regenerate them with `UPDATE_GOLDEN=1 cargo test -p mimecast-audit-engine --test integration exports` and
//! review the diff.

use std::collections::BTreeSet;

use crate::util::{at, col, parse_csv, root};
use engine::export::{self, csv, html, ExportOptions, Format};
use engine::report::{FindingState, Report};
use engine::{analyze, InputFile};
use serde_json::{json, Value};

fn cover() -> ExportOptions {
    ExportOptions {
        title: String::new(),
        customer: "Northwind Traders (sample)".into(),
        assessor: "A. Auditor".into(),
        date: "2026-11-21".into(),
        redact: false,
    }
}

fn pitfall_bytes() -> Vec<u8> {
    std::fs::read(root().join("samples/pitfall-tenant.bundle.json")).unwrap()
}

fn pitfall() -> Report {
    analyze(
        &[InputFile::new(
            "pitfall-tenant.bundle.json",
            pitfall_bytes(),
        )],
        &at(),
    )
}

/// Three unprotected internal domains: one open, one accepted, one whose
/// acceptance has expired; every other rule is not assessed.
fn accepted_bundle() -> String {
    let accept = |d: &str, expires: &str| json!({"finding": format!("ASP003:{d}"), "reason": "Parked domain: no mail <ever> & no MX", "owner": "IT security", "expires": expires, "acceptedOn": "2026-01-05"});
    json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "a.example"}, {"domain": "b.example"}, {"domain": "c.example"}],
        "antiSpoofingPolicies": [],
        "acceptances": [accept("b.example", "2027-06-30"), accept("c.example", "2026-01-31")]
    })
    .to_string()
}

fn accepted() -> Report {
    analyze(
        &[InputFile::new("accepted.bundle.json", accepted_bundle())],
        &at(),
    )
}

/// Version-independent text: the generator and the SARIF driver version.
fn normalise(s: &str) -> String {
    let v = env!("CARGO_PKG_VERSION");
    s.replace(&format!("mimecast-audit {v}"), "mimecast-audit VERSION")
        .replace(&format!("\"version\": \"{v}\""), "\"version\": \"VERSION\"")
        .replace(
            &format!("\"semanticVersion\": \"{v}\""),
            "\"semanticVersion\": \"VERSION\"",
        )
}

fn golden(name: &str, content: &str) {
    let content = normalise(content);
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &content).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run UPDATE_GOLDEN=1 cargo test -p mimecast-audit-engine --test integration exports",
            path.display()
        )
    });
    if want != content {
        let first = want
            .lines()
            .zip(content.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(content.lines().count()));
        panic!(
            "{name} differs from {} at line {}:\n  want: {:?}\n  got:  {:?}\n(regenerate with UPDATE_GOLDEN=1 if intended)",
            path.display(),
            first + 1,
            want.lines().nth(first),
            content.lines().nth(first)
        );
    }
}

fn ext(f: Format) -> &'static str {
    match f {
        Format::Text => "txt",
        other => other.extension(),
    }
}

#[test]
fn golden_pitfall_tenant_in_every_format() {
    let r = pitfall();
    for f in Format::ALL {
        golden(
            &format!("pitfall-tenant.{}", ext(f)),
            &export::render(f, &r, &cover()),
        );
    }
}

#[test]
fn golden_pitfall_tenant_redacted() {
    let r = pitfall();
    let o = ExportOptions {
        redact: true,
        ..cover()
    };
    golden(
        "pitfall-tenant.redacted.json",
        &export::render(Format::Json, &r, &o),
    );
    golden(
        "pitfall-tenant.redacted.md",
        &export::render(Format::Markdown, &r, &o),
    );
}

#[test]
fn golden_accepted_findings_in_every_format() {
    let r = accepted();
    let states: Vec<FindingState> = r
        .results
        .iter()
        .flat_map(|x| &x.findings)
        .map(|f| f.state)
        .collect();
    assert_eq!(
        states,
        [
            FindingState::Open,
            FindingState::Accepted,
            FindingState::Open
        ]
    );
    for f in Format::ALL {
        golden(
            &format!("accepted.{}", ext(f)),
            &export::render(f, &r, &cover()),
        );
    }
}

#[test]
fn json_export_is_the_report_json() {
    let r = pitfall();
    assert_eq!(export::render(Format::Json, &r, &cover()), r.to_json());
}

// ---------------------------------------------------------------- HTML

/// The pitfall sample with hostile text in a policy description (ASP004
/// quotes it in its finding).
fn hostile_report() -> Report {
    let mut b: Value = serde_json::from_slice(&pitfall_bytes()).unwrap();
    b["antiSpoofingPolicies"]["definitions"][4]["policy"]["description"] = json!(
        "<b>x</b> <script>alert('x')</script> & \"quoted\" <img src=https://evil.example/p.png>"
    );
    analyze(
        &[InputFile::new("<i>tenant</i>.json", b.to_string())],
        &at(),
    )
}

#[test]
fn html_escapes_every_report_string() {
    let r = hostile_report();
    let asp004 = r.results.iter().find(|x| x.code == "ASP004").unwrap();
    assert!(
        asp004.findings[0].message.contains("<b>x</b>"),
        "the sample must carry the injected text"
    );
    let o = ExportOptions {
        customer: "<script>c</script>".into(),
        assessor: "O'Brien & \"Sons\"".into(),
        ..cover()
    };
    let h = html::render(&r, &o);
    assert!(h.contains("&lt;b&gt;x&lt;/b&gt; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"));
    assert!(!h.contains("<b>x</b>"));
    assert!(h.contains("&lt;i&gt;tenant&lt;/i&gt;.json") && !h.contains("<i>tenant"));
    assert!(
        h.contains("&lt;script&gt;c&lt;/script&gt;")
            && h.contains("O&#39;Brien &amp; &quot;Sons&quot;")
    );
    // The injected tag is text, not an element.
    assert!(h.contains("&lt;img src=https://evil.example/p.png&gt;"));
    for tag in ["<script", "<img", "<link", "<iframe", "<object", "<embed"] {
        assert!(
            !h.to_lowercase().contains(tag),
            "{tag} element in the report"
        );
    }
    // Without the injected text, nothing that could load is left.
    assert_no_loadable_references(&h.replace("&lt;img src=https://evil.example/p.png&gt;", ""));
}

fn assert_no_loadable_references(h: &str) {
    let lower = h.to_lowercase();
    for bad in [
        "<script", "<link", "<img", "src=", "<iframe", "<object", "<embed", "@import", "url(",
        "http://", "https://",
    ] {
        assert!(!lower.contains(bad), "the HTML report contains {bad:?}");
    }
    let csp = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        html::escape(html::CSP)
    );
    assert_eq!(h.matches(&csp).count(), 1, "one strict CSP meta tag");
    assert_eq!(
        html::CSP,
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    );
    let head = &h[..h.find("<style>").unwrap()];
    assert!(head.contains(&csp), "the CSP comes before the style");
}

#[test]
fn html_is_self_contained_and_ordered_for_print() {
    let r = pitfall();
    let h = html::render(&r, &cover());
    assert_no_loadable_references(&h);
    let pos = |needle: &str| h.find(needle).unwrap_or_else(|| panic!("{needle} missing"));
    // Summary and plan, scope, the overview, the areas, then the appendices.
    assert!(
        h.contains("<body>\n<section class=\"summary-plan\""),
        "page 1 first"
    );
    assert!(pos("class=\"summary-plan\"") < pos("class=\"scope\""));
    assert!(pos("class=\"scope\"") < pos("class=\"exec\""));
    assert!(pos("class=\"exec\"") < pos("class=\"area\""));
    assert!(pos("class=\"area\"") < pos("id=\"inputs\""));
    assert!(!h.contains("class=\"cover\""), "no mostly blank cover");
    assert!(
        !h.contains("since-last-review"),
        "no comparison without a baseline"
    );
    assert!(h.contains("@media print") && h.contains(".area { break-before: page; }"));
    assert!(h.contains(".summary-plan { break-after: page; }"));
    // Areas in the app's order; in each, failing rules before passed ones.
    let open = "<section class=\"area\" id=\"area-";
    let areas: Vec<&str> = h
        .match_indices(open)
        .map(|(i, _)| &h[i + open.len()..])
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert_eq!(
        areas,
        [
            "anti-spoofing",
            "impersonation",
            "remediation-continuity",
            "permitted-senders",
            "dns-authentication",
            "spam-scanning",
            "policy-hygiene",
            "mail-routing",
            "outbound-authentication",
            "threat-protection",
            "administration",
            "gateway-services"
        ]
    );
    assert!(pos("id=\"rule-ASP001\"") < pos("id=\"rule-ASP006\""));
    assert!(
        pos("id=\"rule-IMP002\"") < pos("id=\"rule-IMP001\""),
        "IMP001 passes: after the failing ones"
    );
    // Every finding and every rule's fix is there.
    let findings: usize = r.results.iter().map(|x| x.findings.len()).sum();
    assert_eq!(h.matches("<div class=\"finding ").count(), findings);
    assert_eq!(
        h.matches("<h4>How to fix it</h4>").count(),
        r.summary.failed
    );
}

#[test]
fn html_shows_accepted_findings_with_reason_owner_and_expiry() {
    let h = html::render(&accepted(), &cover());
    assert_eq!(h.matches("<div class=\"finding accepted\"").count(), 1);
    assert_eq!(h.matches("<div class=\"finding open\"").count(), 2);
    assert!(h.contains(
        "Risk accepted</strong> by IT security until 2027-06-30 (accepted on 2026-01-05): Parked domain: no mail &lt;ever&gt; &amp; no MX"
    ));
    assert!(h.contains(
        "Acceptance</strong> by IT security expired on 2026-01-31 (accepted on 2026-01-05): Parked"
    ));
    // The register of accepted risks comes after the findings, before the
    // inputs.
    let pos = |needle: &str| h.find(needle).unwrap_or_else(|| panic!("{needle} missing"));
    assert!(pos("class=\"area\"") < pos("id=\"accepted-risks\""));
    assert!(pos("id=\"accepted-risks\"") < pos("id=\"inputs\""));
    // Not-assessed rules say what to collect.
    assert!(
        h.contains("<h3>Not assessed</h3>")
            && h.contains("(<code>antiSpoofingBypassPolicies</code>)")
    );
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_has_one_row_per_finding_in_priority_order() {
    let r = pitfall();
    let text = csv::render(&r, &cover());
    let rows = parse_csv(text.strip_prefix(csv::BOM).unwrap());
    assert_eq!(rows[0], csv::COLUMNS);
    assert_eq!(rows.len() - 1, r.summary.findings);
    assert!(rows.iter().all(|row| row.len() == csv::COLUMNS.len()));
    let keys: Vec<&str> = rows[1..]
        .iter()
        .map(|row| row[col("key")].as_str())
        .collect();
    let order: Vec<&str> = export::priority(&r)
        .iter()
        .map(|p| p.finding.key.as_str())
        .collect();
    assert_eq!(keys, order);
    let first = &rows[1];
    assert_eq!(
        [
            &first[col("priority")],
            &first[col("severity")],
            &first[col("status")]
        ],
        ["1", "critical", "open"]
    );
    let asp001 = rows
        .iter()
        .find(|row| row[col("code")] == "ASP001")
        .unwrap();
    assert!(
        asp001[col("action")].starts_with("Remove the provider's domain from the bypass.")
            && !asp001[col("action")].contains("Console:")
    );
    assert!(asp001[col("evidence")].starts_with("pitfall-tenant.bundle.json at "));
    let accepted = parse_csv(
        csv::render(&accepted(), &cover())
            .strip_prefix(csv::BOM)
            .unwrap(),
    );
    let states: Vec<(&str, &str)> = accepted[1..]
        .iter()
        .map(|row| (row[col("key")].as_str(), row[col("status")].as_str()))
        .collect();
    assert_eq!(
        states,
        [
            ("ASP003:a.example", "open"),
            ("ASP003:c.example", "open"),
            ("ASP003:b.example", "accepted")
        ]
    );
}

#[test]
fn csv_neutralises_formula_injection() {
    let bundle = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "=cmd|' /C calc'!A0@evil.example"}, {"domain": "+1.example"}, {"domain": "-2.example"}],
        "antiSpoofingPolicies": []
    })
    .to_string();
    let dangerous = ['=', '+', '-', '@', '\t', '\r'];
    for name in [
        "=HYPERLINK(\"http://evil.example\",\"x\").json",
        "@SUM(1+1)*cmd.json",
        "\t=1+1.json",
        "\r=1+1.json",
        "-2+3.json",
        "+4.json",
    ] {
        let r = analyze(&[InputFile::new(name, bundle.clone())], &at());
        let text = csv::render(&r, &cover());
        let rows = parse_csv(text.strip_prefix(csv::BOM).unwrap());
        assert_eq!(rows.len(), 4, "{name}: {text}");
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(dangerous),
                    "{name}: cell {cell:?} would be read as a formula"
                );
            }
        }
        // Same rule, severity and effort: in the order of their keys.
        let objects: Vec<&str> = rows[1..]
            .iter()
            .map(|row| row[col("object")].as_str())
            .collect();
        assert_eq!(
            objects,
            [
                "'+1.example",
                "'-2.example",
                "'=cmd|' /c calc'!a0@evil.example",
            ]
        );
        assert!(
            rows[1..]
                .iter()
                .all(|row| row[col("evidence")].starts_with(&format!("'{name} at "))),
            "{name}: the evidence cell, which starts with the file, is neutralised"
        );
    }
}

// ---------------------------------------------------------------- SARIF

fn check_sarif(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).expect("SARIF is valid JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"]
        .as_str()
        .unwrap()
        .ends_with("sarif-schema-2.1.0.json"));
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "mimecast-audit");
    assert!(driver.get("informationUri").is_none());
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "rule ids are unique"
    );
    for r in rules {
        assert!(["error", "warning", "note"]
            .contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
    }
    for res in runs[0]["results"].as_array().unwrap() {
        let id = res["ruleId"].as_str().unwrap();
        assert!(ids.contains(&id), "{id} is not in rules[]");
        assert_eq!(ids[res["ruleIndex"].as_u64().unwrap() as usize], id);
        assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
        assert!(res["partialFingerprints"]["findingKey/v1"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{id}:")));
        for loc in res["locations"].as_array().unwrap() {
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            assert!(!uri.contains(' ') && !uri.starts_with('/'), "{uri}");
            assert_eq!(loc["logicalLocations"][0]["kind"], "member");
        }
    }
    v
}

#[test]
fn sarif_is_valid_and_every_result_names_a_rule() {
    let r = pitfall();
    let v = check_sarif(&export::render(Format::Sarif, &r, &cover()));
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), r.summary.findings);
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        r.results.len()
    );
    let asp001 = results.iter().find(|x| x["ruleId"] == "ASP001").unwrap();
    assert_eq!(asp001["level"], "error");
    assert_eq!(
        asp001["locations"][1]["logicalLocations"][0]["fullyQualifiedName"],
        "antiSpoofingBypassPolicies.data[0].policy.conditions.spfDomains[0]"
    );
    assert_eq!(
        asp001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "pitfall-tenant.bundle.json"
    );
    assert!(results.iter().all(|x| x.get("suppressions").is_none()));
}

#[test]
fn sarif_suppresses_accepted_findings_only() {
    let v = check_sarif(&export::render(Format::Sarif, &accepted(), &cover()));
    let results = v["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<(&str, &Value)> = results
        .iter()
        .filter_map(|x| {
            Some((
                x["partialFingerprints"]["findingKey/v1"].as_str()?,
                x.get("suppressions")?,
            ))
        })
        .collect();
    assert_eq!(
        suppressed.len(),
        1,
        "the expired acceptance is not a suppression"
    );
    assert_eq!(suppressed[0].0, "ASP003:b.example");
    assert_eq!(suppressed[0].1[0]["kind"], "external");
    assert_eq!(
        suppressed[0].1[0]["justification"],
        "Parked domain: no mail <ever> & no MX"
    );
}

#[test]
fn sarif_percent_encodes_file_names() {
    let r = analyze(
        &[InputFile::new(
            "my exports/accepted bundle.json",
            accepted_bundle(),
        )],
        &at(),
    );
    let v = check_sarif(&export::render(Format::Sarif, &r, &cover()));
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "my%20exports/accepted%20bundle.json"
    );
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_has_a_heading_per_failing_rule_and_escapes_evidence() {
    let r = hostile_report();
    let m = export::render(Format::Markdown, &r, &cover());
    let rule_headings = m
        .lines()
        .filter(|l| l.starts_with("## ") && l.contains(" – "))
        .count();
    assert_eq!(rule_headings, r.summary.failed);
    assert!(m.contains(
        "## ASP004 – A Take No Action anti-spoofing policy has no IP or hostname condition."
    ));
    // Hostile text: verbatim inside code spans (tests/injection.rs checks
    // that it renders as nothing but code).
    assert!(m.contains("<b>x</b> <script>alert('x')</script> & \"quoted\""));
    assert!(!m.contains("\\<b\\>"));
    assert!(m.contains("`antiSpoofingPolicies.definitions[4].policy.option`"));
    let acc = export::render(Format::Markdown, &accepted(), &cover());
    assert!(
        acc.contains("- **accepted** (high severity, high confidence): `Internal domain b.example")
    );
    assert!(acc.contains("  - Risk accepted by `IT security` until `2027-06-30`: `Parked domain: no mail <ever> & no MX`"));
}

// ---------------------------------------------------------------- Redaction

/// Every `*.example` domain and address of the sample's report.
fn sample_domains(r: &Report) -> BTreeSet<String> {
    let json = r.to_json();
    let mut out = BTreeSet::new();
    let bytes = json.as_bytes();
    for (i, _) in json.match_indices(".example") {
        let mut s = i;
        while s > 0 && (bytes[s - 1].is_ascii_alphanumeric() || matches!(bytes[s - 1], b'.' | b'-'))
        {
            s -= 1;
        }
        out.insert(json[s..i + 8].to_string());
    }
    out
}

#[test]
fn no_tenant_domain_survives_any_redacted_export() {
    let r = pitfall();
    let mut domains = sample_domains(&r);
    let bundle: Value = serde_json::from_slice(&pitfall_bytes()).unwrap();
    let internal: Vec<String> = bundle["internalDomains"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        internal,
        [
            "northwind.example",
            "northwind-shop.example",
            "bulk.northwind.example"
        ]
    );
    domains.extend(internal);
    assert!(domains.len() > 15, "{domains:?}");
    let o = ExportOptions {
        redact: true,
        ..cover()
    };
    for f in Format::ALL {
        let out = export::render(f, &r, &o).to_lowercase();
        for d in &domains {
            assert!(!out.contains(d.as_str()), "{} export leaks {d}", f.as_str());
        }
        assert!(
            !out.contains("northwind traders"),
            "{} export leaks the customer",
            f.as_str()
        );
        assert!(
            !out.contains("pitfall-tenant"),
            "{} export leaks the file name",
            f.as_str()
        );
        // What the findings are about stays readable.
        assert!(
            out.contains("spf.protection.outlook.com")
                && out.contains("gmail.com")
                && out.contains("40.107.0.0/16"),
            "{}",
            f.as_str()
        );
    }
}

#[test]
fn redaction_is_consistent_across_formats_and_addresses() {
    let bundle = json!({
        "format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": [{"domain": "contoso.example"}, {"domain": "mail.contoso.example"}],
        "antiSpoofingPolicies": [],
        "permittedSenderPolicies": [
            {"id": "p1", "description": "Partner relay 198.51.100.7 for ops@contoso.example", "option": "permit_sender",
             "fromPart": "envelope_from", "from": {"type": "email_domain", "emailDomain": "partner.example"},
             "to": {"type": "internal_addresses"}, "enabled": true, "enforced": false, "override": false, "bidirectional": false,
             "fromEternal": true, "toEternal": true, "sourceIPs": ["203.0.113.0/16"]},
            {"id": "p2", "description": "", "option": "permit_sender",
             "fromPart": "envelope_from", "from": {"type": "email_domain", "emailDomain": "partner.example"},
             "to": {"type": "internal_addresses"}, "enabled": true, "enforced": false, "override": false, "bidirectional": false,
             "fromEternal": true, "toEternal": true, "sourceIPs": ["198.51.100.7/32"]}
        ]
    })
    .to_string();
    let r = analyze(&[InputFile::new("contoso export.json", bundle)], &at());
    let o = ExportOptions {
        redact: true,
        ..cover()
    };
    let red = export::redact::redact(&r);
    let all: String = Format::ALL
        .iter()
        .map(|f| export::render(*f, &r, &o))
        .collect();
    for original in [
        "contoso",
        "partner.example",
        "198.51.100.7",
        "203.0.113.0",
        "ops@",
    ] {
        assert!(!all.contains(original), "{original} survived");
    }
    let asp003 = red.results.iter().find(|x| x.code == "ASP003").unwrap();
    let objects: Vec<&str> = asp003.findings.iter().map(|f| f.object.as_str()).collect();
    assert_eq!(
        objects,
        ["domain-1.example", "sub-1.domain-1.example"],
        "a subdomain stays a subdomain"
    );
    assert_eq!(red.inputs[0].name, "file-1.json");
    // The same redaction whatever the format.
    let md = export::render(Format::Markdown, &r, &o);
    let csv_text = export::render(Format::Csv, &r, &o);
    for token in ["domain-1.example", "sub-1.domain-1.example", "file-1.json"] {
        assert!(md.contains(token) && csv_text.contains(token), "{token}");
    }
}
