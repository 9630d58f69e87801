//! Test helper: a configuration holding only internal domains and DNS
//! records, as the primitives read them.

use crate::model::{Config, DnsRecords, InternalDomain, Origin};

/// A configuration with these internal domains and `(domain, spf, dmarc)`
/// DNS records.
pub fn config(internal: &[&str], dns: &[(&str, Option<&str>, Option<&str>)]) -> Config {
    Config {
        internal_domains: internal
            .iter()
            .map(|d| InternalDomain {
                domain: d.to_string(),
                send_only: false,
                local: false,
                inbound_type: None,
                origin: Origin::default(),
            })
            .collect(),
        dns_records: dns
            .iter()
            .map(|(domain, spf, dmarc)| DnsRecords {
                domain: domain.to_string(),
                spf: spf.map(str::to_string),
                dmarc: dmarc.map(str::to_string),
                mx: None,
                origin: Origin::default(),
            })
            .collect(),
        ..Config::default()
    }
}
