//! Benchmark of the engine on synthetic tenants of growing size.
//!
//!     cargo run --release --example bench
//!
//! Prints, for each size, the median time of `analyze` over several runs and
//! the time per record, so scaling can be read as a ratio within one run
//! (these machines are shared and noisy: compare rows of the same run, not
//! absolute numbers across runs).

use std::time::Instant;

use engine::{analyze, InputFile, Options};
use serde_json::{json, Value};

/// A bundle with `n` internal domains, `n` anti-spoofing policies (one per
/// domain, every tenth left out), `n` permitted-sender policies, `n`
/// managed senders and DNS records for every domain.
fn tenant(n: usize) -> InputFile {
    let domains: Vec<Value> = (0..n).map(|i| json!({"id": format!("d{i}"), "domain": format!("d{i}.example"), "sendOnly": false})).collect();
    let asp: Vec<Value> = (0..n)
        .filter(|i| i % 10 != 0)
        .map(|i| {
            json!({"id": format!("a{i}"), "description": format!("Anti-spoofing d{i}"), "option": "apply_non_mimecast",
                   "from": {"type": "email_domain", "domain": format!("d{i}.example")}, "to": {"type": "internal_addresses"}, "enabled": true})
        })
        .collect();
    let permits: Vec<Value> = (0..n)
        .map(|i| {
            json!({"id": format!("p{i}"), "description": format!("Vendor {i}"), "option": "permit_sender",
                   "from": {"type": "email_domain", "domain": format!("vendor{i}.example")}, "to": {"type": "everyone"},
                   "enabled": true, "sourceIPs": [format!("198.51.{}.{}/32", i / 256 % 256, i % 256)]})
        })
        .collect();
    let senders: Vec<Value> = (0..n).map(|i| json!({"id": format!("m{i}"), "to": "a@d0.example", "sender": format!("x{i}@partner.example"), "type": "Permit"})).collect();
    // DNS records for every domain, every third without a DMARC record of
    // its own (so parent lookups run), every seventh with a weak SPF.
    let dns: serde_json::Map<String, Value> = (0..n)
        .map(|i| {
            let spf = if i % 7 == 0 {
                "v=spf1 +all"
            } else {
                "v=spf1 include:_spf.example -all"
            };
            let dmarc = if i % 3 == 0 {
                Value::Null
            } else {
                json!("v=DMARC1; p=reject")
            };
            (format!("d{i}.example"), json!({"spf": spf, "dmarc": dmarc}))
        })
        .collect();
    let b = json!({"format": "mimecast-config-bundle", "version": 1, "generatedAt": "2026-11-20T10:00:00Z",
        "internalDomains": domains, "antiSpoofingPolicies": asp, "permittedSenderPolicies": permits, "managedSenders": senders,
        "dnsRecords": dns});
    InputFile::new("synthetic.bundle.json", b.to_string())
}

fn main() {
    if std::env::args().any(|a| a == "--per-rule") {
        per_rule(4_000);
        return;
    }
    let runs = 5;
    println!(
        "{:>8} {:>10} {:>12} {:>14} {:>10}",
        "records", "bytes", "median ms", "µs per record", "findings"
    );
    let mut base: Option<f64> = None;
    for n in [250usize, 1_000, 4_000] {
        let file = tenant(n);
        let records = 5 * n;
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let r = analyze(std::slice::from_ref(&file), &Options::default());
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            findings = r.summary.findings;
        }
        times.sort_by(f64::total_cmp);
        let median = times[runs / 2];
        let per = median * 1000.0 / records as f64;
        let ratio = base
            .map(|b| format!("  ({:.1}x the per-record time of the smallest)", per / b))
            .unwrap_or_default();
        base.get_or_insert(per);
        println!(
            "{records:>8} {:>10} {median:>12.1} {per:>14.1} {findings:>10}{ratio}",
            file.bytes.len()
        );
    }
}

/// Per-rule times on the largest tenant, to find the slow ones.
#[allow(dead_code)]
fn per_rule(n: usize) {
    use engine::rules::{all, Ctx};
    let loaded = engine::input::load_all(&[tenant(n)]);
    let at = loaded.config.generated_at.unwrap();
    let ctx = Ctx {
        cfg: &loaded.config,
        at,
    };
    let mut rows: Vec<(f64, &str)> = all()
        .iter()
        .map(|r| {
            let t = Instant::now();
            let _ = r.check(&ctx);
            (t.elapsed().as_secs_f64() * 1000.0, r.meta().code)
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, code) in rows.iter().take(8) {
        println!("{code} {ms:.1} ms");
    }
}
