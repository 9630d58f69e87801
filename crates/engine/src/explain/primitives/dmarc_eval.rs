//! The DMARC policy that applies to a header From domain, and relaxed
//! alignment (spec R4.6.1), from the records the bundle holds.

use super::address::normalise_domain;
use crate::dns_records::{find_dmarc, registrable_domain, DmarcPolicy, Lookup};
use crate::model::{domain_key, Config};

/// The DMARC policy found for a header From domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DmarcLookup {
    /// A usable DMARC record applies.
    Record {
        /// The policy that applies: the domain's own `p`, or for a record
        /// inherited from a parent domain its `sp` (else `p`).
        policy: DmarcPolicy,
        /// The domain whose record it is.
        domain: String,
        /// True when the record is a parent domain's.
        inherited: bool,
    },
    /// The domain is listed in the bundle's DNS records without a usable
    /// DMARC record, and no parent listed there has one: DMARC `none`.
    NoRecord,
    /// Nothing known: the domain is not in the bundle's DNS records (the
    /// atom `dmarcRecord(h)`).
    Unknown,
}

/// The DMARC policy for `header_domain` (R4.6.1): its own record's `p`;
/// else the nearest parent in `dnsRecords` with a record (its `sp`, else
/// `p`); else [`DmarcLookup::NoRecord`] when the domain itself is listed in
/// `dnsRecords`; else [`DmarcLookup::Unknown`].
///
/// A record that is not usable (several `v=DMARC1` records, no valid `p`)
/// counts as no record there (RFC 7489 §6.6.3), and the search goes on
/// upwards. Parents are searched up to, not including, the top-level label.
pub fn dmarc_policy_for(cfg: &Config, header_domain: &str) -> DmarcLookup {
    let h = normalise_domain(header_domain);
    if h.is_empty() {
        return DmarcLookup::Unknown;
    }
    if let Some(policy) = usable_policy(cfg, &h, false) {
        return DmarcLookup::Record {
            policy,
            domain: h,
            inherited: false,
        };
    }
    let mut rest = h.as_str();
    while let Some((_, parent)) = rest.split_once('.') {
        if !parent.contains('.') {
            break;
        }
        if let Some(policy) = usable_policy(cfg, parent, true) {
            return DmarcLookup::Record {
                policy,
                domain: parent.to_string(),
                inherited: true,
            };
        }
        rest = parent;
    }
    if listed(cfg, &h) {
        DmarcLookup::NoRecord
    } else {
        DmarcLookup::Unknown
    }
}

fn listed(cfg: &Config, domain: &str) -> bool {
    cfg.dns_records
        .iter()
        .any(|r| domain_key(&r.domain) == domain)
}

/// The policy a domain's own DMARC record gives: `p`, or for a subdomain
/// asking (`for_subdomain`) `sp` else `p`. `None` when the domain is not
/// listed, has no DMARC record, or the record is not usable.
fn usable_policy(cfg: &Config, domain: &str, for_subdomain: bool) -> Option<DmarcPolicy> {
    cfg.dns_records
        .iter()
        .filter(|r| domain_key(&r.domain) == domain)
        .find_map(|r| match find_dmarc(r.dmarc.as_deref()?) {
            Lookup::One(rec) if for_subdomain => rec.subdomain_policy(),
            Lookup::One(rec) => rec.p,
            Lookup::Missing | Lookup::Multiple(_) => None,
        })
}

/// The organisational domain: the registrable domain by the Public Suffix
/// List the engine embeds (`mail.example.co.uk` → `example.co.uk`). The
/// domain is normalised first; a public suffix itself, or a name that is no
/// host name, is returned whole.
pub fn organisational_domain(domain: &str) -> String {
    let d = normalise_domain(domain);
    registrable_domain(&d).map_or_else(|| d.clone(), str::to_string)
}

/// Relaxed DMARC alignment: the two domains have the same organisational
/// domain ([`organisational_domain`]). Empty domains never align.
pub fn aligned(a: &str, b: &str) -> bool {
    let (a, b) = (normalise_domain(a), normalise_domain(b));
    !a.is_empty() && !b.is_empty() && organisational_domain(&a) == organisational_domain(&b)
}

#[cfg(test)]
mod tests {
    use super::super::test_config::config;
    use super::*;

    fn record(policy: DmarcPolicy, domain: &str, inherited: bool) -> DmarcLookup {
        DmarcLookup::Record {
            policy,
            domain: domain.to_string(),
            inherited,
        }
    }

    #[test]
    fn the_domain_s_own_record_gives_p() {
        let cfg = config(
            &[],
            &[("example.com", None, Some("v=DMARC1; p=reject; sp=none"))],
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "Example.COM."),
            record(DmarcPolicy::Reject, "example.com", false)
        );
    }

    #[test]
    fn the_nearest_parent_gives_sp_else_p() {
        let cfg = config(
            &[],
            &[
                (
                    "example.com",
                    None,
                    Some("v=DMARC1; p=reject; sp=quarantine"),
                ),
                ("example.org", None, Some("v=DMARC1; p=reject")),
                ("mail.example.org", None, Some("v=DMARC1; p=none; sp=none")),
            ],
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "a.b.example.com"),
            record(DmarcPolicy::Quarantine, "example.com", true)
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "news.example.org"),
            record(DmarcPolicy::Reject, "example.org", true)
        );
        // The nearest parent wins over the organisational domain.
        assert_eq!(
            dmarc_policy_for(&cfg, "x.mail.example.org"),
            record(DmarcPolicy::None, "mail.example.org", true)
        );
    }

    #[test]
    fn listed_without_a_record_is_no_record_and_unlisted_is_unknown() {
        let cfg = config(
            &[],
            &[
                ("partner.example", Some("v=spf1 -all"), None),
                ("mail.vendor.example", None, None),
                ("vendor.example", None, None),
                (
                    "two.example",
                    None,
                    Some("v=DMARC1; p=reject\nv=DMARC1; p=none"),
                ),
                (
                    "nop.example",
                    None,
                    Some("v=DMARC1; rua=mailto:d@nop.example"),
                ),
            ],
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "partner.example"),
            DmarcLookup::NoRecord
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "mail.vendor.example"),
            DmarcLookup::NoRecord
        );
        // A parent listed without a record says nothing about the child.
        assert_eq!(
            dmarc_policy_for(&cfg, "other.vendor.example"),
            DmarcLookup::Unknown
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "unlisted.example"),
            DmarcLookup::Unknown
        );
        assert_eq!(dmarc_policy_for(&cfg, ""), DmarcLookup::Unknown);
        // Unusable records count as none.
        assert_eq!(dmarc_policy_for(&cfg, "two.example"), DmarcLookup::NoRecord);
        assert_eq!(dmarc_policy_for(&cfg, "nop.example"), DmarcLookup::NoRecord);
    }

    #[test]
    fn an_unusable_own_record_falls_back_to_the_parent() {
        let cfg = config(
            &[],
            &[
                ("example.com", None, Some("v=DMARC1; p=quarantine")),
                ("bad.example.com", None, Some("v=DMARC1; p=block")),
            ],
        );
        assert_eq!(
            dmarc_policy_for(&cfg, "bad.example.com"),
            record(DmarcPolicy::Quarantine, "example.com", true)
        );
    }

    #[test]
    fn the_top_level_label_is_never_searched() {
        let cfg = config(&[], &[("com", None, Some("v=DMARC1; p=reject"))]);
        assert_eq!(dmarc_policy_for(&cfg, "example.com"), DmarcLookup::Unknown);
    }

    #[test]
    fn organisational_domains_are_the_registrable_domains_of_the_public_suffix_list() {
        assert_eq!(organisational_domain("mail.example.com"), "example.com");
        assert_eq!(organisational_domain("example.com"), "example.com");
        assert_eq!(organisational_domain("a.b.example.co.uk"), "example.co.uk");
        assert_eq!(organisational_domain("example.co.uk"), "example.co.uk");
        assert_eq!(organisational_domain("trust.nhs.uk"), "trust.nhs.uk");
        assert_eq!(organisational_domain("x.example.com.au"), "example.com.au");
        // `co.com` is itself a public suffix (the approximation this
        // replaced gave "co.com").
        assert_eq!(organisational_domain("a.example.co.com"), "example.co.com");
        assert_eq!(organisational_domain("a.example.foo.uk"), "foo.uk");
        assert_eq!(organisational_domain("a.b.c.u1"), "c.u1");
        assert_eq!(organisational_domain("co.uk"), "co.uk");
        assert_eq!(organisational_domain("Mail.Example.COM."), "example.com");
        assert_eq!(organisational_domain("localhost"), "localhost");
        assert_eq!(organisational_domain(""), "");
    }

    #[test]
    fn relaxed_alignment_compares_organisational_domains() {
        assert!(aligned("example.com", "example.com"));
        assert!(aligned("mailer.example.com", "EXAMPLE.com"));
        assert!(aligned("a.example.co.uk", "b.example.co.uk"));
        assert!(!aligned("example.co.uk", "other.co.uk"));
        assert!(!aligned("mailer.partner.example", "example.com"));
        assert!(!aligned("example.com", "example.org"));
        assert!(!aligned("", ""));
    }
}
