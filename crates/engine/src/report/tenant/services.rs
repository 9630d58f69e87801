//! Tenant strings of the outbound DKIM, journaling and address alteration
//! records (catalog wave 2), for redaction.

use super::{Builder, Kind, Role};
use crate::model::GatewayServices;

/// Names and ids as free-text values, addresses and hosts as network
/// strings, closed-list values kept.
pub(super) fn gather(b: &mut Builder, g: &GatewayServices) {
    for d in &g.dkim_definitions {
        let r = b.record();
        b.name(&d.description, Kind::Value, r);
        b.id(&d.id, Kind::Value, r);
        for net in [&d.domain, &d.dns_address].into_iter().flatten() {
            b.push(net, Role::Net);
        }
    }
    for s in &g.journaling {
        let r = b.record();
        b.name(&s.description, Kind::Value, r);
        b.id(&s.id, Kind::Value, r);
        if let Some(h) = &s.pop3_host {
            b.push(h, Role::Net);
        }
        b.kept(s.status.as_deref());
    }
    for s in &g.alteration_sets {
        let r = b.record();
        b.name(&s.description, Kind::Value, r);
        b.id(&s.id, Kind::Value, r);
    }
    for d in &g.alteration_definitions {
        let r = b.record();
        b.id(&d.id, Kind::Value, r);
        if let Some(f) = &d.folder_id {
            b.id(f, Kind::Value, usize::MAX);
        }
        b.push(&d.original_address, Role::Net);
        b.push(&d.new_address, Role::Net);
        b.kept(d.address_type.as_deref());
        b.kept(d.routing.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use crate::export::redact::redact;
    use crate::{analyze, samples, Options};

    #[test]
    fn a_redacted_report_hides_the_new_sections_names_addresses_and_hosts() {
        let r = analyze(&samples::pitfall_tenant(), &Options::default());
        let plain = r.to_json();
        let red = redact(&r).to_json();
        for leak in [
            "pwalsh.private",
            "p.walsh@northwind.example",
            "mail.northwind.example",
            "northwind-shop.example",
            "mimecast20190101._domainkey",
            "eNo1jrDKIMnw02",
            "eNo1jrJRNnw01",
            "On-premises Exchange journal mailbox",
            "eNo1jrAASnw01",
            "eNo1jrAADnw01",
        ] {
            assert!(plain.contains(leak), "the plain report names {leak}");
            assert!(!red.contains(leak), "{leak} survived redaction");
        }
    }
}
