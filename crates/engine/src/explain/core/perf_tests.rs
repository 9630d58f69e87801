//! The lean enumeration against the reference one (every variant with its
//! full trace): the same explanations, and, ignored by default, their
//! timings on the pitfall sample and on a synthetic 10 MB tenant:
//!
//!     cargo test --release -p mimecast-audit-engine --lib explain::core::perf_tests -- --ignored --nocapture

use std::time::Instant;

use serde_json::json;

use super::super::MessageInput;
use super::Explainer;
use crate::input::{load_all, InputFile};
use crate::model::{parse_date, Config};

#[allow(dead_code)]
#[path = "../../../examples/bench/tenant.rs"]
mod tenant;

fn message(env: &str, hdr: &str, ip: &str, rcpt: &str) -> MessageInput {
    serde_json::from_value(json!({
        "envelopeFrom": env, "headerFrom": hdr, "headerDisplayName": "Someone",
        "sendingIp": ip, "recipient": rcpt,
    }))
    .expect("a message")
}

/// Messages that reach the permits, the managed entries and
/// anti-spoofing of both tenants.
fn messages() -> Vec<MessageInput> {
    vec![
        message(
            "ceo@northwind.example",
            "ceo@northwind.example",
            "203.0.113.9",
            "alice@northwind.example",
        ),
        message(
            "x@gmail.com",
            "x@gmail.com",
            "203.0.113.9",
            "alice@northwind.example",
        ),
        message(
            "noreply@vendor5.example",
            "noreply@vendor5.example",
            "198.51.0.5",
            "user1@d1.tenant.example",
        ),
        message(
            "contact7@partner7.example",
            "boss@d2.tenant.example",
            "10.1.2.3",
            "user2@d2.tenant.example",
        ),
        message(
            "",
            "x@vendor23.example",
            "192.0.2.1",
            "bob@northwind.example",
        ),
    ]
}

fn load(files: &[InputFile]) -> Config {
    load_all(files).config
}

fn pitfall() -> Config {
    load(&crate::samples::pitfall_tenant())
}

/// Every message, lean and in full: the same result.
fn same(cfg: &Config) {
    let x = Explainer::new(cfg, parse_date("2026-11-20T10:00:00Z").unwrap());
    for m in messages() {
        let lean = x.explain_with(&m, true);
        let full = x.explain_with(&m, false);
        assert_eq!(
            serde_json::to_string(&lean.as_ref().ok()).unwrap(),
            serde_json::to_string(&full.as_ref().ok()).unwrap()
        );
        assert_eq!(lean.err(), full.err());
    }
}

#[test]
fn the_lean_enumeration_explains_the_sample_as_the_full_one() {
    same(&pitfall());
}

/// Milliseconds per message of `n` rounds over the messages.
fn per_message(cfg: &Config, lean: bool, n: usize) -> f64 {
    let x = Explainer::new(cfg, parse_date("2026-11-20T10:00:00Z").unwrap());
    let ms = messages();
    let t = Instant::now();
    for _ in 0..n {
        for m in &ms {
            let _ = std::hint::black_box(x.explain_with(m, lean));
        }
    }
    t.elapsed().as_secs_f64() * 1e3 / (n * ms.len()) as f64
}

/// Milliseconds per message spent before the enumeration: the message
/// normalised and every policy evaluated against it once.
fn per_message_context(cfg: &Config, n: usize) -> f64 {
    let at = parse_date("2026-11-20T10:00:00Z").unwrap();
    let ms = messages();
    let t = Instant::now();
    for _ in 0..n {
        for m in &ms {
            if let Ok(msg) = super::input::normalise(cfg, m, at) {
                let _ = std::hint::black_box(super::context::Context::new(cfg, msg));
            }
        }
    }
    t.elapsed().as_secs_f64() * 1e3 / (n * ms.len()) as f64
}

fn compare(name: &str, cfg: &Config, n: usize) {
    // One round of each first, so neither pays for a cold cache.
    per_message(cfg, false, 1);
    per_message(cfg, true, 1);
    let before = per_message(cfg, false, n);
    let after = per_message(cfg, true, n);
    println!(
        "{name}: full traces {before:.3} ms/message, lean {after:.3} ms/message, after/before {:.3}",
        after / before
    );
    println!(
        "{name}: of which the policies evaluated once per message {:.3} ms/message",
        per_message_context(cfg, n)
    );
}

#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn timings_of_the_lean_enumeration() {
    compare("pitfall sample", &pitfall(), 20);
    let big = load(&[InputFile::new(
        "synthetic.bundle.json",
        tenant::tenant(10.0),
    )]);
    same(&big);
    compare("10 MB tenant", &big, 4);
}
