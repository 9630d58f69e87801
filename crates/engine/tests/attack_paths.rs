//! Attack paths (the explainer specification, sections 6 and 9): the
//! scenarios on the explainer's fixture tenant (the illustration table,
//! row by row), on the three samples, the findings that explain every open
//! path, the section in every export, redaction, and the scenarios that do
//! not apply.

use engine::explain::output::{CertaintyValue, Outcome, Reach};
use engine::explain::scenarios::{AttackPaths, ScenarioResult};
use engine::export::{self, ExportOptions, Format};
use engine::{analyze, InputFile, Report};
use serde_json::Value;

use crate::explain_worked::tenant_bytes;
use crate::util::{at, root};

/// The policies of the illustration (spec section 6.3).
const ILLUSTRATION: &[&str] = &[
    "as-apply",
    "sb-m365",
    "da-all",
    "ip-default",
    "ip-vip",
    "ps-hdr",
    "sp-all",
    "ms-gmail",
];

/// The fixture tenant with only the records in `keep`, after `edit`, as a
/// report.
fn fixture_report(keep: &[&str], edit: impl FnOnce(&mut Value)) -> Report {
    let bytes = tenant_bytes(keep, edit);
    analyze(&[InputFile::new("bundle.json", bytes)], &at())
}

fn illustration() -> Report {
    fixture_report(ILLUSTRATION, |_| {})
}

fn sample(name: &str) -> Report {
    let path = root().join("samples").join(name);
    let bytes = std::fs::read(&path).unwrap();
    analyze(&[InputFile::new(name, bytes)], &engine::Options::default())
}

/// The result of `scenario` that covers `domain`.
fn find<'a>(p: &'a AttackPaths, scenario: &str, domain: &str) -> &'a ScenarioResult {
    p.results
        .iter()
        .find(|r| r.scenario == scenario && r.domains.iter().any(|d| d == domain))
        .unwrap_or_else(|| panic!("no {scenario} result for {domain}: {:#?}", p.results))
}

fn policy_id(r: &ScenarioResult) -> &str {
    r.decided_by.policy.as_ref().map_or("", |p| p.id.as_str())
}

#[test]
fn the_illustration_table_row_by_row() {
    let report = illustration();
    let p = &report.attack_paths;
    assert!(p.evaluated);
    assert_eq!(p.parameters.domains, ["example.com", "example.org"]);
    assert_eq!(p.parameters.vip_name.as_deref(), Some("Jane Doe"));
    assert_eq!(
        p.parameters.permitted_domain.as_deref(),
        Some("partner.example")
    );
    assert_eq!(p.parameters.managed_entry.as_deref(), Some("gmail.com"));
    assert!(p.not_applicable.is_empty(), "{:?}", p.not_applicable);
    assert!(p.not_evaluated.is_empty());

    // SC1 example.com: anti-spoofing rejects the internal sender.
    let r = find(p, "SC1", "example.com");
    assert_eq!((r.outcome, r.reaches_inbox), (Outcome::Blocked, Reach::No));
    assert_eq!(
        (r.decided_by.step.as_str(), policy_id(r)),
        ("S2", "as-apply")
    );
    assert!(r.protected);
    // SC1 example.org: no anti-spoofing policy covers it; its DMARC record
    // (not in the bundle) decides.
    let r = find(p, "SC1", "example.org");
    assert_eq!(
        (r.outcome, r.reaches_inbox),
        (Outcome::Delivered, Reach::Maybe)
    );
    assert_eq!(r.certainty.value, CertaintyValue::Depends);
    assert!(!r.protected);
    let factors: Vec<&str> = r
        .deciding_factors
        .iter()
        .map(|f| f.factor.as_str())
        .collect();
    assert!(
        factors
            .iter()
            .any(|f| f.starts_with("dmarcRecord(example.org")),
        "{factors:?}"
    );
    assert!(
        !factors.iter().any(|f| f.starts_with("spfResult")),
        "SPF is unknown but not deciding: {factors:?}"
    );

    // SC2 example.com: the bypass trusts Microsoft 365 → delivered, yes.
    let r = find(p, "SC2", "example.com");
    assert_eq!(
        (r.outcome, r.reaches_inbox),
        (Outcome::Delivered, Reach::Yes)
    );
    assert_eq!(r.certainty.value, CertaintyValue::Definite);
    assert_eq!(r.decided_by.step, "END");
    assert!(r
        .opened_by
        .iter()
        .any(|s| s.step == "S1" && s.policy.as_ref().is_some_and(|p| p.id == "sb-m365")));
    let r = find(p, "SC2", "example.org");
    assert_eq!(
        (r.outcome, r.reaches_inbox),
        (Outcome::Delivered, Reach::Maybe)
    );

    // SC3: Google's IP is not in the bypass's SPF domain.
    let r = find(p, "SC3", "example.com");
    assert_eq!((r.outcome, r.reaches_inbox), (Outcome::Blocked, Reach::No));
    assert_eq!(r.decided_by.step, "S2");
    let r = find(p, "SC3", "example.org");
    assert_eq!(
        (r.outcome, r.reaches_inbox),
        (Outcome::Delivered, Reach::Maybe)
    );

    // SC4: held by the VIP display-name policy, both domains in one group.
    let r = find(p, "SC4", "example.com");
    assert_eq!((r.outcome, r.reaches_inbox), (Outcome::Held, Reach::No));
    assert_eq!((r.decided_by.step.as_str(), policy_id(r)), ("S5", "ip-vip"));
    assert_eq!(r.domains, ["example.com", "example.org"]);
    assert_eq!(r.message.envelope_from, "jane.doe.office@gmail.com");
    assert_eq!(r.message.header_display_name, "Jane Doe");

    // SC5: look-alikes are tagged by the default policy (2 hits).
    let r = find(p, "SC5", "example.com");
    assert_eq!((r.outcome, r.reaches_inbox), (Outcome::Tagged, Reach::Yes));
    assert_eq!(
        (r.decided_by.step.as_str(), policy_id(r)),
        ("S5", "ip-default")
    );
    assert_eq!(r.domains, ["example.com", "example.org"]);
    assert_eq!(r.message.header_from, "accounts@examp1e.com");

    // SC6: permitted on the forged header From; partner.example's DMARC
    // (unknown) could still stop it.
    let r = find(p, "SC6", "example.com");
    assert_eq!(
        (r.outcome, r.reaches_inbox),
        (Outcome::Delivered, Reach::Maybe)
    );
    assert_eq!(r.domains, ["example.com", "example.org"]);
    assert_eq!(r.message.header_from, "billing@partner.example");
    assert!(r
        .deciding_factors
        .iter()
        .any(|f| f.factor.starts_with("dmarcRecord(partner.example")));

    // SC7: the managed permit skips spam scanning, the VIP policy holds it.
    let r = find(p, "SC7", "example.com");
    assert_eq!(r.message.recipient, "alice@example.com");
    assert_eq!((r.outcome, r.reaches_inbox), (Outcome::Held, Reach::No));
    assert_eq!((r.decided_by.step.as_str(), policy_id(r)), ("S5", "ip-vip"));

    // Ids are stable anchors, unique in the section.
    let mut ids: Vec<&str> = p.results.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"SC2-example.com"));
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), p.results.len());
}

/// Every path that reaches the inbox (or may) has at least one failing
/// finding explaining it, and the finding links back (spec section 9).
/// A path whose message is only tagged (delivered with a warning:
/// Impersonation Protect acted as configured) is exempt: the catalog does
/// not count a tagging action as a pitfall (IMP005 fails only for action
/// `none` without any tag).
fn assert_open_paths_explained(name: &str, report: &Report) {
    let p = &report.attack_paths;
    let failing: Vec<&str> = report
        .results
        .iter()
        .flat_map(|x| x.findings.iter().map(|f| f.key.as_str()))
        .collect();
    for r in p.open_results() {
        if r.headline == Outcome::Tagged {
            continue;
        }
        assert!(
            !r.findings.is_empty(),
            "{name}: {} on {:?} reaches the inbox ({:?}) but no finding explains it (codes {:?})",
            r.scenario,
            r.domains,
            r.reaches_inbox,
            r.rule_codes
        );
        for k in &r.findings {
            assert!(failing.contains(&k.as_str()), "{name}: {k} is no finding");
            assert!(
                p.opened_by(k).iter().any(|l| l.id == r.id),
                "{name}: {k} does not link back to {}",
                r.id
            );
        }
    }
    for r in p.results.iter().filter(|r| r.protected) {
        assert!(r.findings.is_empty(), "{name}: {} is closed", r.id);
    }
}

#[test]
fn every_open_path_is_explained_by_a_finding() {
    let report = illustration();
    assert_open_paths_explained("illustration", &report);
    let p = &report.attack_paths;
    // SC2 on example.com with the shared-provider bypass (ASP001); SC1 on
    // the uncovered example.org with ASP003; SC6 with the header permit.
    let codes = |sc: &str, d: &str| -> Vec<String> {
        find(p, sc, d)
            .findings
            .iter()
            .map(|k| k.split(':').next().unwrap_or_default().to_string())
            .collect()
    };
    assert!(codes("SC2", "example.com").contains(&"ASP001".to_string()));
    assert!(codes("SC1", "example.org").contains(&"ASP003".to_string()));
    assert!(!codes("SC6", "example.com").is_empty());
    for name in [
        "pitfall-tenant.bundle.json",
        "missing-protections.bundle.json",
    ] {
        assert_open_paths_explained(name, &sample(name));
    }
}

/// The clean sample fails no rule, and every spoof, look-alike and permit
/// scenario is stopped. One path stays open: a real Gmail account showing
/// a VIP's name (SC4) to an ordinary recipient scores one hit (internal
/// user name) against the default definition's threshold of two, and the
/// strict VIP policy protects VIPs as recipients, not their names as
/// senders. No rule of the catalog judges that; this test records the gap
/// (reported to the integrator) and fails once a rule explains it, so the
/// sample can join the check above.
#[test]
fn the_clean_sample_stops_everything_but_vip_name_impersonation() {
    let report = sample("clean-tenant.bundle.json");
    assert_eq!(report.summary.failed, 0);
    let p = &report.attack_paths;
    let open: Vec<&ScenarioResult> = p.open_results().collect();
    assert_eq!(open.len(), 1, "{open:#?}");
    let r = open[0];
    assert_eq!(r.scenario, "SC4");
    assert_eq!(
        (r.outcome, r.reaches_inbox),
        (Outcome::Delivered, Reach::Yes)
    );
    assert_eq!(p.parameters.vip_name.as_deref(), Some("Carla Ramos"));
    assert!(r.findings.is_empty());
    let s5 = r.trace.iter().find(|s| s.id == "S5").unwrap();
    assert!(s5.text.contains("threshold"), "{}", s5.text);
}

#[test]
fn the_section_is_present_for_the_three_samples() {
    let pitfall = sample("pitfall-tenant.bundle.json");
    let p = &pitfall.attack_paths;
    assert!(p.evaluated);
    assert!(p
        .parameters
        .domains
        .contains(&"northwind.example".to_string()));
    // The pitfalls open paths: the bypass trusts Microsoft 365 (SC2), and
    // a user permits all of gmail.com (SC7).
    let sc2 = find(p, "SC2", "northwind.example");
    assert_ne!(sc2.reaches_inbox, Reach::No, "{sc2:#?}");
    assert_eq!(p.parameters.managed_entry.as_deref(), Some("gmail.com"));
    assert!(p.open_results().count() >= 2);
    // Every scenario is either evaluated or not applicable, with why.
    for (id, _) in engine::explain::scenarios::build::SCENARIOS {
        let evaluated = p.results.iter().any(|r| r.scenario == id);
        let na = p.not_applicable.iter().find(|n| n.scenario == id);
        assert!(evaluated ^ na.is_some(), "pitfall {id}");
        if let Some(n) = na {
            assert!(!n.why.is_empty());
        }
    }
    for name in [
        "clean-tenant.bundle.json",
        "missing-protections.bundle.json",
    ] {
        let r = sample(name);
        assert!(r.attack_paths.evaluated, "{name}");
        assert!(!r.attack_paths.results.is_empty(), "{name}");
    }
}

#[test]
fn scenarios_that_cannot_be_built_say_why() {
    // No VIP name, no whole-domain permit, no free-mail managed entry.
    let report = fixture_report(&["as-apply", "sp-all"], |_| {});
    let p = &report.attack_paths;
    let why = |id: &str| {
        p.not_applicable
            .iter()
            .find(|n| n.scenario == id)
            .map(|n| n.why.clone())
            .unwrap_or_else(|| panic!("{id} should not apply: {:?}", p.not_applicable))
    };
    assert!(why("SC4").contains("VIP"));
    assert!(why("SC6").contains("permitted"));
    assert!(why("SC7").contains("free-mail"));
    for id in ["SC4", "SC6", "SC7"] {
        assert!(!p.results.iter().any(|r| r.scenario == id));
    }
    // SC1–SC3 and SC5 still run.
    for id in ["SC1", "SC2", "SC3", "SC5"] {
        assert!(p.results.iter().any(|r| r.scenario == id), "{id}");
    }
    // An expired auto-allow entry of a free-mail address is not E.
    let report = fixture_report(&["as-apply"], |v| {
        v["managedSenders"] = serde_json::json!([{"id": "aa", "to": "bob@example.com",
            "sender": "friend@hotmail.com", "type": "AutoAllow", "expires": "2025-01-01T00:00:00Z"}]);
    });
    assert!(report
        .attack_paths
        .not_applicable
        .iter()
        .any(|n| n.scenario == "SC7"));

    // Without internal domains nothing can be evaluated.
    let report = fixture_report(ILLUSTRATION, |v| {
        v.as_object_mut().unwrap().remove("internalDomains");
    });
    let p = &report.attack_paths;
    assert!(p.results.is_empty());
    assert_eq!(p.not_applicable.len(), 7);
    assert!(p.not_applicable[0].why.contains("internal domains"));
}

#[test]
fn every_export_shows_the_section() {
    let report = illustration();
    let o = ExportOptions::default();
    let text = export::render(Format::Text, &report, &o);
    assert!(text.contains("Attack paths: Would these attacks reach the inbox?"));
    assert!(text.contains("SC2 Spoof of your own domain from Microsoft 365 [example.com]: yes"));
    let md = export::render(Format::Markdown, &report, &o);
    assert!(md.contains("## Would these attacks reach the inbox?"));
    assert!(md.contains("opens attack path SC2 on example.com"));
    let html = export::render(Format::Html, &report, &o);
    assert!(html.contains("id=\"attack-paths\""));
    assert!(html.contains("id=\"ap-SC2-example.com\""));
    assert!(html.contains("href=\"#ap-SC2-example.com\""));
    // JSON: the section round-trips; a report without it reads as not
    // evaluated.
    let json = export::render(Format::Json, &report, &o);
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back.attack_paths, report.attack_paths);
    let mut old: Value = serde_json::from_str(&json).unwrap();
    old.as_object_mut().unwrap().remove("attackPaths");
    let old: Report = serde_json::from_value(old).unwrap();
    assert!(!old.attack_paths.evaluated);
    // SARIF: the run's properties, and each finding's paths.
    let sarif: Value = serde_json::from_str(&export::render(Format::Sarif, &report, &o)).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(
        run["properties"]["attackPaths"]["results"]
            .as_array()
            .map(Vec::len),
        Some(report.attack_paths.results.len())
    );
    assert!(run["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["properties"]["attackPaths"]
            .as_array()
            .is_some_and(|a| !a.is_empty())));
    // CSV: the last column lists the paths a finding opens.
    let csv = crate::util::parse_csv(&export::render(Format::Csv, &report, &o));
    let col = csv[0].iter().position(|c| c == "attack paths").unwrap();
    assert_eq!(col, csv[0].len() - 1);
    let asp001 = csv.iter().find(|row| row[1] == "ASP001").unwrap();
    assert!(asp001[col].contains("opens attack path SC2 on example.com (yes)"));
}

#[test]
fn redacted_exports_hide_the_tenant_in_the_scenarios() {
    let report = illustration();
    let o = ExportOptions {
        redact: true,
        ..ExportOptions::default()
    };
    for f in Format::ALL {
        let out = export::render(f, &report, &o);
        // (The tool's own help text mentions example.com: look for the
        // tenant's uses of it.)
        for secret in [
            "SC2-example.com",
            "ceo@example.com",
            "user@example.com",
            "on example.com",
            "example.org",
            "examp1e",
            "partner.example",
            "Jane Doe",
            "jane.doe",
            "alice@",
            "crm-vendor",
        ] {
            let at = out.find(secret);
            let around = at
                .map(|i| out.get(i.saturating_sub(160)..(i + 60).min(out.len())))
                .unwrap_or_default();
            assert!(at.is_none(), "{} leaks {secret:?}: {around:?}", f.as_str());
        }
    }
    // The redacted JSON still has the section, with tokens.
    let json: Value = serde_json::from_str(&export::render(Format::Json, &report, &o)).unwrap();
    let section = json["attackPaths"].to_string();
    assert!(!section.contains("example.com"), "{section}");
    let results = json["attackPaths"]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results
        .iter()
        .any(|r| r["domains"][0].as_str().unwrap().ends_with(".example")));
}
