//! Shared mail providers, as data: adding a provider is one entry here.
//!
//! Ranges are the current and historic published sending ranges
//! (Exchange Online / EOP, Google Workspace); both count, because a bypass
//! written years ago still trusts what was published then.

use ipnet::IpNet;

use crate::dns_records::Qualifier;

mod gateway_hosts;
pub use gateway_hosts::*;

/// A provider whose infrastructure any of its customers can send from.
#[derive(Debug)]
pub struct Provider {
    /// The provider's name, as messages show it.
    pub name: &'static str,
    /// Domains whose SPF record authorises the provider; any subdomain of
    /// these (on a label boundary) counts too.
    pub spf_domains: &'static [&'static str],
    /// Published sending ranges, IPv4 and IPv6.
    pub ranges: &'static [&'static str],
    /// How the provider's published SPF record ends (`-all` is
    /// [`Qualifier::Fail`], `~all` [`Qualifier::SoftFail`]): what the
    /// offline SPF check gives an address outside [`Provider::ranges`]. A
    /// provider whose ending is not known is given [`Qualifier::Neutral`].
    pub all_result: Qualifier,
}

impl Provider {
    /// True when `ip` lies in one of the provider's published ranges
    /// (current or historic; same address family only). An IPv4-mapped
    /// IPv6 address is tested as the IPv4 address it carries.
    pub fn sends_from(&self, ip: std::net::IpAddr) -> bool {
        let ip = match ip {
            std::net::IpAddr::V6(v6) => v6
                .to_ipv4_mapped()
                .map_or(std::net::IpAddr::V6(v6), std::net::IpAddr::V4),
            v4 => v4,
        };
        provider_ranges()
            .iter()
            .any(|(p, r)| std::ptr::eq(*p, self) && r.contains(&ip))
    }
}

/// The shared mail providers this tool knows.
pub static SHARED_PROVIDERS: &[Provider] = &[
    Provider {
        name: "Microsoft 365 / Exchange Online",
        spf_domains: &[
            "spf.protection.outlook.com",
            "spfd.protection.outlook.com",
            "spf2.outlook.com",
            "outlook.com",
            "onmicrosoft.com",
        ],
        ranges: &[
            "40.92.0.0/15",
            "40.107.0.0/16",
            "52.100.0.0/14",
            "104.47.0.0/17",
            "52.238.78.88/32",
            "52.100.0.0/15",
            "52.102.0.0/16",
            "52.103.0.0/17",
            "40.92.0.0/16",
            "40.95.0.0/16",
            "51.4.72.0/24",
            "51.5.72.0/24",
            "51.5.80.0/27",
            "51.4.80.0/27",
            "2a01:111:f400::/48",
            "2a01:111:f403::/48",
            "2a01:111:f403::/49",
            "2a01:111:f403:8000::/50",
            "2a01:111:f403:c000::/51",
            "2a01:111:f403:f000::/52",
            "2a01:4180:4051:800::/64",
            "2a01:4180:4050:800::/64",
            "2a01:4180:4051:400::/64",
            "2a01:4180:4050:400::/64",
        ],
        // spf.protection.outlook.com ends in -all (current and historic
        // captures alike).
        all_result: Qualifier::Fail,
    },
    Provider {
        name: "Google Workspace / Gmail",
        spf_domains: &[
            "_spf.google.com",
            "google.com",
            "gmail.com",
            "googlemail.com",
        ],
        ranges: &[
            "35.190.247.0/24",
            "64.233.160.0/19",
            "66.102.0.0/20",
            "66.249.80.0/20",
            "72.14.192.0/18",
            "74.125.0.0/16",
            "108.177.8.0/21",
            "173.194.0.0/16",
            "209.85.128.0/17",
            "216.58.192.0/19",
            "216.239.32.0/19",
            "172.217.0.0/19",
            "172.217.32.0/20",
            "172.217.128.0/19",
            "172.217.160.0/20",
            "172.217.192.0/19",
            "172.253.56.0/21",
            "172.253.112.0/20",
            "108.177.96.0/19",
            "35.191.0.0/16",
            "130.211.0.0/22",
            "2001:4860:4000::/36",
            "2404:6800:4000::/36",
            "2607:f8b0:4000::/36",
            "2800:3f0:4000::/36",
            "2a00:1450:4000::/36",
            "2c0f:fb50:4000::/36",
        ],
        // _spf.google.com ends in ~all (classic and flattened layouts alike).
        all_result: Qualifier::SoftFail,
    },
];

/// Free-mail and consumer mailbox domains: anyone can get an address there.
pub static FREE_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "google.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "onmicrosoft.com",
    "yahoo.com",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "web.de",
    "mail.com",
    "proton.me",
    "protonmail.com",
    "zoho.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "qq.com",
    "163.com",
];

/// A well-known bulk or transactional sending service.
#[derive(Debug)]
pub struct Service {
    /// The service's name, as messages show it.
    pub name: &'static str,
    /// Domains the service sends from; their subdomains count too.
    pub domains: &'static [&'static str],
}

/// The bulk and transactional services this tool knows.
pub static BULK_SERVICES: &[Service] = &[
    Service {
        name: "PayPal",
        domains: &["paypal.com"],
    },
    Service {
        name: "DocuSign",
        domains: &["docusign.net", "docusign.com"],
    },
    Service {
        name: "Salesforce",
        domains: &["salesforce.com", "exacttarget.com"],
    },
    Service {
        name: "SendGrid",
        domains: &["sendgrid.net", "sendgrid.com"],
    },
    Service {
        name: "Mailchimp / Mandrill",
        domains: &["mailchimp.com", "mcsv.net", "mandrillapp.com"],
    },
    Service {
        name: "Amazon SES",
        domains: &["amazonses.com"],
    },
    Service {
        name: "Mailgun",
        domains: &["mailgun.org", "mailgun.net"],
    },
    Service {
        name: "SparkPost",
        domains: &["sparkpostmail.com"],
    },
    Service {
        name: "HubSpot",
        domains: &["hubspot.com", "hubspotemail.net"],
    },
    Service {
        name: "Marketo",
        domains: &["mktomail.com", "marketo.com"],
    },
    Service {
        name: "Constant Contact",
        domains: &["constantcontact.com"],
    },
    Service {
        name: "Zendesk",
        domains: &["zendesk.com"],
    },
    Service {
        name: "Intuit",
        domains: &["intuit.com"],
    },
    Service {
        name: "Adobe Sign",
        domains: &["adobesign.com", "echosign.com"],
    },
];

/// The free-mail or shared-provider name a whole domain belongs to.
pub fn free_mail_or_provider(domain: &str) -> Option<String> {
    if let Some(p) = SHARED_PROVIDERS.iter().find(|p| {
        p.spf_domains
            .iter()
            .any(|b| is_same_or_subdomain(domain, b))
    }) {
        return Some(p.name.to_string());
    }
    free_mail_base(domain).map(|b| format!("free-mail domain {b}"))
}

/// The free-mail domain `domain` is, or is below (as
/// [`is_same_or_subdomain`] with each of [`FREE_MAIL_DOMAINS`]): the name
/// is trimmed once and its suffixes are compared at each label boundary,
/// because this runs for every managed sender of a tenant.
pub fn free_mail_base(domain: &str) -> Option<&'static str> {
    let mut rest = domain.trim().trim_end_matches('.');
    loop {
        if let Some(b) = FREE_MAIL_DOMAINS
            .iter()
            .find(|b| b.eq_ignore_ascii_case(rest))
        {
            return Some(b);
        }
        rest = rest.split_once('.')?.1;
    }
}

/// The well-known bulk/transactional service a domain belongs to.
pub fn bulk_service(domain: &str) -> Option<&'static Service> {
    BULK_SERVICES
        .iter()
        .find(|s| s.domains.iter().any(|b| is_same_or_subdomain(domain, b)))
}

/// True when `domain` equals `base` or is a subdomain of it (label boundary).
/// Case-insensitive; surrounding spaces and a trailing dot are ignored.
/// Allocation-free: rules call it for every (domain, policy) pair.
pub fn is_same_or_subdomain(domain: &str, base: &str) -> bool {
    let d = domain.trim().trim_end_matches('.').as_bytes();
    let b = base.trim().trim_end_matches('.').as_bytes();
    if b.is_empty() || d.len() < b.len() {
        return false;
    }
    let tail = &d[d.len() - b.len()..];
    tail.eq_ignore_ascii_case(b) && (d.len() == b.len() || d[d.len() - b.len() - 1] == b'.')
}

/// The shared provider an SPF domain belongs to, if any.
pub fn provider_of_spf_domain(domain: &str) -> Option<&'static Provider> {
    SHARED_PROVIDERS.iter().find(|p| {
        p.spf_domains
            .iter()
            .any(|base| is_same_or_subdomain(domain, base))
    })
}

/// Why a source range counts as broad.
#[derive(Debug, Clone)]
pub struct Broad {
    /// IPv4 prefix shorter than /24, or IPv6 shorter than /48.
    pub short_prefix: bool,
    /// Shared-provider ranges it overlaps.
    pub providers: Vec<(&'static Provider, IpNet)>,
}

impl Broad {
    /// "/16, 65,536 addresses; overlaps Microsoft 365 … range 40.107.0.0/16".
    pub fn describe(&self, net: &IpNet) -> String {
        let size = range_size(net);
        let mut s = format!(
            "/{}, {size} address{}",
            net.prefix_len(),
            if size == "1" { "" } else { "es" }
        );
        if !self.providers.is_empty() {
            let list: Vec<String> = self
                .providers
                .iter()
                .take(4)
                .map(|(p, r)| format!("{} range {r}", p.name))
                .collect();
            s.push_str(&format!("; overlaps {}", list.join(", ")));
            if self.providers.len() > 4 {
                s.push_str(&format!(" and {} more", self.providers.len() - 4));
            }
        }
        s
    }
}

/// `Some` when `net` is a broad range: an IPv4 prefix shorter than /24, an
/// IPv6 prefix shorter than /48, or any range overlapping a shared
/// provider's published range.
pub fn broad_range(net: &IpNet) -> Option<Broad> {
    let short_prefix = match net {
        IpNet::V4(n) => n.prefix_len() < 24,
        IpNet::V6(n) => n.prefix_len() < 48,
    };
    let providers = overlapping_ranges(net);
    (short_prefix || !providers.is_empty()).then_some(Broad {
        short_prefix,
        providers,
    })
}

/// The number of addresses in a range: `65,536`, or `2^80` when huge.
pub fn range_size(net: &IpNet) -> String {
    let bits = u32::from(net.max_prefix_len() - net.prefix_len());
    if bits > 63 {
        return format!("2^{bits}");
    }
    let digits = (1u64 << bits).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bases under which each customer gets its own tenant domain
/// (`contoso.onmicrosoft.com`): the tenant domain is one customer, the base
/// is everyone.
pub static TENANT_DOMAIN_BASES: &[&str] = &["onmicrosoft.com"];

/// Every (provider, published range) pair that overlaps `net`.
pub fn overlapping_ranges(net: &IpNet) -> Vec<(&'static Provider, IpNet)> {
    provider_ranges()
        .iter()
        .filter(|(_, r)| r.contains(net) || net.contains(r))
        .copied()
        .collect()
}

/// Every provider's sending ranges, parsed once (rules ask about every
/// source range of every policy).
fn provider_ranges() -> &'static [(&'static Provider, IpNet)] {
    static RANGES: std::sync::OnceLock<Vec<(&'static Provider, IpNet)>> =
        std::sync::OnceLock::new();
    RANGES.get_or_init(|| {
        SHARED_PROVIDERS
            .iter()
            .flat_map(|p| {
                p.ranges
                    .iter()
                    .map(move |r| (p, r.parse().expect("provider ranges are valid CIDR")))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_mail_base_agrees_with_the_suffix_test_on_every_list_entry() {
        for b in FREE_MAIL_DOMAINS {
            let upper = b.to_ascii_uppercase();
            let cases = [
                b.to_string(),
                format!("mail.{b}"),
                format!(" a.b.{upper}. "),
                format!(".{b}"),
                format!("x{b}"),
                format!("{b}.evil.example"),
                b[1..].to_string(),
            ];
            for d in cases {
                let slow = FREE_MAIL_DOMAINS
                    .iter()
                    .any(|x| is_same_or_subdomain(&d, x));
                assert_eq!(free_mail_base(&d).is_some(), slow, "{d:?}");
            }
        }
        assert_eq!(free_mail_base("eu.mail.gmail.com"), Some("gmail.com"));
        assert_eq!(free_mail_base("notgmail.com"), None);
        assert_eq!(free_mail_base(""), None);
    }

    #[test]
    fn every_range_parses() {
        for p in SHARED_PROVIDERS {
            for r in p.ranges {
                assert!(r.parse::<IpNet>().is_ok(), "{} {r}", p.name);
            }
        }
    }

    #[test]
    fn spf_domains_match_on_label_boundaries() {
        let ms = |d| provider_of_spf_domain(d).map(|p| p.name);
        assert_eq!(
            ms("spf.protection.outlook.com"),
            Some("Microsoft 365 / Exchange Online")
        );
        assert_eq!(
            ms("SPF.Protection.Outlook.com."),
            Some("Microsoft 365 / Exchange Online")
        );
        assert_eq!(
            ms("contoso.onmicrosoft.com"),
            Some("Microsoft 365 / Exchange Online")
        );
        assert_eq!(
            ms("_netblocks3.google.com"),
            Some("Google Workspace / Gmail")
        );
        assert_eq!(ms("_spf.google.com"), Some("Google Workspace / Gmail"));
        assert_eq!(ms("myoutlook.com"), None);
        assert_eq!(ms("outlook.com.evil.example"), None);
        assert_eq!(ms("mail.crm-vendor.example"), None);
    }

    #[test]
    fn free_mail_and_services_are_recognised() {
        assert_eq!(
            free_mail_or_provider("hotmail.com").as_deref(),
            Some("free-mail domain hotmail.com")
        );
        assert_eq!(
            free_mail_or_provider("gmail.com").as_deref(),
            Some("Google Workspace / Gmail")
        );
        assert_eq!(
            free_mail_or_provider("contoso.onmicrosoft.com").as_deref(),
            Some("Microsoft 365 / Exchange Online")
        );
        assert_eq!(free_mail_or_provider("partner.example"), None);
        assert_eq!(
            bulk_service("mail.paypal.com").map(|s| s.name),
            Some("PayPal")
        );
        assert_eq!(bulk_service("notpaypal.com").map(|s| s.name), None);
    }

    #[test]
    fn providers_send_from_their_ranges_only() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let ms = &SHARED_PROVIDERS[0];
        let google = &SHARED_PROVIDERS[1];
        assert!(ms.sends_from(ip("40.107.22.35")));
        assert!(ms.sends_from(ip("::ffff:40.107.22.35")));
        assert!(ms.sends_from(ip("2a01:111:f403:2c0d::705")));
        assert!(!ms.sends_from(ip("203.0.113.9")));
        assert!(!ms.sends_from(ip("209.85.220.41")));
        assert!(google.sends_from(ip("209.85.220.41")));
        assert!(!google.sends_from(ip("40.107.22.35")));
        assert_eq!(ms.all_result, Qualifier::Fail);
        assert_eq!(google.all_result, Qualifier::SoftFail);
    }

    #[test]
    fn ranges_overlap_both_ways() {
        let inside: IpNet = "40.107.12.0/24".parse().unwrap();
        assert_eq!(overlapping_ranges(&inside).len(), 1);
        let around: IpNet = "40.0.0.0/8".parse().unwrap();
        assert!(overlapping_ranges(&around).len() >= 4);
        let v6: IpNet = "2a00:1450:4009::/48".parse().unwrap();
        assert_eq!(
            overlapping_ranges(&v6)[0].0.name,
            "Google Workspace / Gmail"
        );
        let elsewhere: IpNet = "198.51.100.25/32".parse().unwrap();
        assert!(overlapping_ranges(&elsewhere).is_empty());
    }
}
