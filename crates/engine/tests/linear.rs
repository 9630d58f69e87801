//! Cross-checks stay linear in the size of the tenant. Not a benchmark
//! (`cargo run --release -p mimecast-audit-engine --example bench` is): a
//! guard with a wide margin. 8,000 internal domains, each with DNS records
//! and none protected by the 8,000 anti-spoofing policies (which name other
//! domains): a cross-check of every domain against every policy or record
//! (64 million pairs, each building strings) takes minutes in a test build;
//! the indexed rules take well under a second.

use std::time::{Duration, Instant};

use engine::rules::{find, Ctx};
use engine::InputFile;
use serde_json::{json, Map, Value};

fn tenant(n: usize) -> InputFile {
    let domains: Vec<Value> = (0..n)
        .map(|i| json!({"domain": format!("d{i}.example")}))
        .collect();
    let policies: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": format!("a{i}"), "option": "apply_non_mimecast",
                   "from": {"type": "email_domain", "domain": format!("other{i}.example")},
                   "to": {"type": "internal_addresses"}, "enabled": true})
        })
        .collect();
    let dns: Map<String, Value> = (0..n)
        .map(|i| {
            (
                format!("d{i}.example"),
                json!({"spf": "v=spf1 +all", "dmarc": null}),
            )
        })
        .collect();
    let b = json!({"format": "mimecast-config-bundle", "version": 1,
        "internalDomains": domains, "antiSpoofingPolicies": policies, "dnsRecords": dns});
    InputFile::new("large.bundle.json", b.to_string())
}

#[test]
fn domain_cross_checks_are_linear() {
    let n = 8_000;
    let loaded = engine::input::load_all(&[tenant(n)]);
    let ctx = Ctx::new(
        &loaded.config,
        engine::model::parse_date("2026-11-20").unwrap(),
    );
    for code in ["ASP003", "DNS006"] {
        let t = Instant::now();
        let findings = find(code).unwrap().check(&ctx);
        let took = t.elapsed();
        assert_eq!(findings.len(), n, "{code}: one finding per domain");
        assert!(
            took < Duration::from_secs(30),
            "{code} took {took:?} for {n} domains"
        );
    }
}
