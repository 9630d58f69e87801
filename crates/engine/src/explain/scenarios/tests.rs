//! Unit tests of the scenario messages.

use super::build::{self, GOOGLE_IP, M365_IP, OUTLOOK_IP, UNKNOWN_IP};
use super::params::ManagedEntry;

#[test]
fn spoofs_come_from_the_documented_addresses() {
    for (id, ip) in [("SC1", UNKNOWN_IP), ("SC2", M365_IP), ("SC3", GOOGLE_IP)] {
        let b = build::spoof(id, "example.com");
        let m = &b.message;
        assert_eq!(m.sending_ip.as_deref(), Some(ip));
        assert_eq!(m.envelope_from.as_deref(), Some("ceo@example.com"));
        assert_eq!(m.header_from.as_deref(), Some("ceo@example.com"));
        assert_eq!(m.recipient.as_deref(), Some("user@example.com"));
        assert!(m.sending_hostname.is_none());
        assert!(b.attack.contains(ip));
    }
}

#[test]
fn the_permitted_domain_is_forged_on_the_header_only() {
    let b = build::permitted("example.com", "partner.example");
    let m = &b.message;
    assert_eq!(
        m.envelope_from.as_deref(),
        Some("bounce@mailer.attacker.example")
    );
    assert_eq!(m.header_from.as_deref(), Some("billing@partner.example"));
    assert_eq!(
        m.header_display_name.as_deref(),
        Some("partner.example Billing")
    );
    assert_eq!(m.spam_score, Some(6.0));
    let auth = m.auth.as_ref().unwrap();
    assert_eq!(
        (
            auth.spf.as_deref(),
            auth.dkim.as_deref(),
            auth.dmarc.as_deref()
        ),
        (Some("pass"), Some("none"), Some("derive"))
    );
}

#[test]
fn managed_entries_pick_the_provider_ip_or_forge_the_address() {
    let entry = |to: &str, sender: &str, domain: Option<&str>| ManagedEntry {
        to: to.into(),
        sender: sender.into(),
        domain: domain.map(str::to_string),
        auto_allow: false,
    };
    let b = build::managed(
        &entry("alice@example.com", "gmail.com", Some("gmail.com")),
        "example.com",
        Some("Jane Doe"),
    );
    assert_eq!(b.message.sending_ip.as_deref(), Some(GOOGLE_IP));
    assert_eq!(
        b.message.envelope_from.as_deref(),
        Some("stranger@gmail.com")
    );
    assert_eq!(b.message.header_display_name.as_deref(), Some("Jane Doe"));
    assert_eq!(b.domain, "example.com");
    let b = build::managed(
        &entry("", "hotmail.com", Some("hotmail.com")),
        "example.org",
        None,
    );
    assert_eq!(b.message.sending_ip.as_deref(), Some(OUTLOOK_IP));
    assert_eq!(b.message.recipient.as_deref(), Some("user@example.org"));
    let b = build::managed(
        &entry("bob@example.com", "friend@yahoo.com", None),
        "example.com",
        None,
    );
    assert_eq!(b.message.sending_ip.as_deref(), Some(UNKNOWN_IP));
    assert_eq!(b.message.envelope_from.as_deref(), Some("friend@yahoo.com"));
    let auth = b.message.auth.as_ref().unwrap();
    assert_eq!(auth.spf.as_deref(), Some("derive"));
    assert_eq!(b.message.spam_score, Some(6.0));
}

#[test]
fn no_scenario_evaluates_more_variants_than_its_bound() {
    use crate::explain::Explainer;
    let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    for files in [
        crate::samples::pitfall_tenant(),
        crate::samples::demo_tenant(),
    ] {
        let cfg = crate::input::load_all(&files).config;
        let ex = Explainer::new(&cfg, at);
        let mut checked = 0;
        for d in super::params::domains(&cfg) {
            for id in ["SC1", "SC2", "SC3"] {
                let b = build::spoof(id, &d);
                let bound = Explainer::variant_bound(&cfg, &b.message, at).unwrap();
                let (_, variants) = super::evaluate::evaluate(&ex, id, &b).unwrap();
                assert!(bound >= Explainer::MIN_VARIANT_BOUND);
                assert!(variants <= bound, "{id} {d}: {variants} > {bound}");
                checked += 1;
            }
        }
        assert!(checked > 0);
    }
}
