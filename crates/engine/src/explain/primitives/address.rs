//! Addresses, IP addresses and host names as the explainer compares them
//! (spec R2.1, R2.2, R2.4). Display names (R2.3) are in `display_name`,
//! re-exported here.

use std::net::IpAddr;

pub use super::display_name::{normalise_display_name, same_name_words};

/// An email address split at its last `@`.
///
/// `domain` is normalised ([`normalise_domain`]); `local` is kept as
/// written and compared case-insensitively (two addresses that differ only
/// in the case of their local parts are equal).
#[derive(Debug, Clone)]
pub struct Address {
    /// The part before the last `@`, as written.
    pub local: String,
    /// The domain: lower-case, no trailing dot.
    pub domain: String,
}

impl Address {
    /// `local@domain`, the local part lower-cased.
    pub fn text(&self) -> String {
        format!("{}@{}", self.local.to_lowercase(), self.domain)
    }
}

impl PartialEq for Address {
    fn eq(&self, other: &Self) -> bool {
        self.domain == other.domain && self.local.to_lowercase() == other.local.to_lowercase()
    }
}

impl Eq for Address {}

impl std::hash::Hash for Address {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.domain.hash(state);
        self.local.to_lowercase().hash(state);
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// Characters that never belong in a domain written in an address.
const DOMAIN_FORBIDDEN: &[char] = &[
    '@', '<', '>', '(', ')', '[', ']', ',', ';', ':', '"', '\\', '/',
];

/// Reads an email address (R2.1): surrounding spaces and one pair of `<>`
/// are removed, then it is split at the last `@`.
///
/// `Ok(None)` for the null sender (`""` or `"<>"`); `Err` with a sentence
/// for people when the text is not an address (no `@`, an empty part,
/// spaces or control characters, an empty domain label).
pub fn parse_address(text: &str) -> Result<Option<Address>, String> {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(trimmed)
        .trim();
    if inner.is_empty() {
        return Ok(None);
    }
    if let Some(bare) = inner
        .rfind('<')
        .filter(|start| *start > 0)
        .and_then(|start| inner.get(start + 1..))
        .and_then(|rest| rest.strip_suffix('>'))
    {
        return Err(format!(
            "\"{inner}\" is not an email address: give the address alone (\"{}\") and the display name in its own field",
            bare.trim()
        ));
    }
    let Some((local, domain)) = inner.rsplit_once('@') else {
        return Err(format!("\"{inner}\" is not an email address: it has no @"));
    };
    if local.is_empty() {
        return Err(format!(
            "\"{inner}\" is not an email address: nothing before the @"
        ));
    }
    check_local(inner, local)?;
    let domain = normalise_domain(domain);
    check_domain(inner, &domain)?;
    Ok(Some(Address {
        local: local.to_string(),
        domain,
    }))
}

/// A local part: no control characters; spaces and `<>` only inside a
/// quoted local part (`"john doe"@example.com`).
fn check_local(whole: &str, local: &str) -> Result<(), String> {
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    let bad = local
        .chars()
        .find(|c| c.is_control() || (!quoted && (c.is_whitespace() || *c == '<' || *c == '>')));
    match bad {
        Some(c) => Err(format!(
            "\"{whole}\" is not an email address: the part before the @ contains {}",
            describe_char(c)
        )),
        None => Ok(()),
    }
}

/// A normalised domain: not empty, no empty label, no spaces, control
/// characters or address punctuation.
fn check_domain(whole: &str, domain: &str) -> Result<(), String> {
    if domain.is_empty() {
        return Err(format!(
            "\"{whole}\" is not an email address: nothing after the @"
        ));
    }
    if let Some(c) = domain
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || DOMAIN_FORBIDDEN.contains(c))
    {
        return Err(format!(
            "\"{whole}\" is not an email address: the domain contains {}",
            describe_char(c)
        ));
    }
    if domain.split('.').any(str::is_empty) {
        return Err(format!(
            "\"{whole}\" is not an email address: the domain \"{domain}\" has an empty label"
        ));
    }
    Ok(())
}

fn describe_char(c: char) -> String {
    if c.is_whitespace() {
        "a space".to_string()
    } else if c.is_control() {
        format!("the control character U+{:04X}", u32::from(c))
    } else {
        format!("the character \"{c}\"")
    }
}

/// Reads an IP address (R2.2): surrounding spaces and one pair of `[]` are
/// removed; an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) becomes the IPv4
/// address it carries.
pub fn parse_ip(text: &str) -> Result<IpAddr, String> {
    let trimmed = text.trim();
    let inner = trimmed
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(trimmed)
        .trim();
    if inner.is_empty() {
        return Err("no IP address given".to_string());
    }
    match inner.parse::<IpAddr>() {
        Ok(ip) => Ok(canonical_ip(ip)),
        Err(_) => Err(format!("\"{inner}\" is not an IPv4 or IPv6 address")),
    }
}

/// An IPv4-mapped IPv6 address as IPv4; any other address unchanged.
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// A host name as compared (R2.4): trimmed, lower-cased, trailing dots
/// removed. Internationalised names are kept as written (lower-cased), not
/// converted to punycode.
pub fn normalise_host(text: &str) -> String {
    lower(text.trim().trim_end_matches('.').trim())
}

/// A domain as compared: the same rules as an address's domain (R2.1) —
/// trimmed, lower-cased, trailing dots removed; an ASCII domain stays
/// ASCII, an internationalised one is lower-cased as written.
pub fn normalise_domain(text: &str) -> String {
    normalise_host(text)
}

/// A domain value of a policy scope (R3.3): a leading `*@` or `@` removed,
/// then [`normalise_domain`]. `@*.vendor.com` becomes `*.vendor.com`.
pub fn normalise_scope_domain(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_prefix("*@")
        .or_else(|| t.strip_prefix('@'))
        .unwrap_or(t);
    normalise_domain(t)
}

fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn addr(s: &str) -> Address {
        parse_address(s).unwrap().unwrap()
    }

    #[test]
    fn addresses_are_split_at_the_last_at_and_the_domain_normalised() {
        let a = addr("  <CEO@Example.COM.>  ");
        assert_eq!(a.local, "CEO");
        assert_eq!(a.domain, "example.com");
        assert_eq!(a.text(), "ceo@example.com");
        let q = addr("\"a@b\"@Partner.Example");
        assert_eq!(q.local, "\"a@b\"");
        assert_eq!(q.domain, "partner.example");
        let quoted_space = addr("\"john doe\"@example.com");
        assert_eq!(quoted_space.domain, "example.com");
    }

    #[test]
    fn local_parts_compare_case_insensitively_domains_exactly() {
        assert_eq!(addr("Jane.Doe@example.com"), addr("jane.doe@EXAMPLE.com"));
        assert_ne!(addr("jane@example.com"), addr("jane@example.org"));
        assert_ne!(addr("jane@example.com"), addr("john@example.com"));
        let set: std::collections::HashSet<Address> =
            [addr("Jane@example.com"), addr("jane@EXAMPLE.com.")].into();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn the_null_sender_is_none() {
        assert_eq!(parse_address(""), Ok(None));
        assert_eq!(parse_address("<>"), Ok(None));
        assert_eq!(parse_address("  < >  "), Ok(None));
    }

    #[test]
    fn unreadable_addresses_are_errors_with_a_reason() {
        let err = |s: &str| parse_address(s).unwrap_err();
        assert!(err("ceo").contains("no @"), "{}", err("ceo"));
        assert!(err("@example.com").contains("nothing before"));
        assert!(err("ceo@").contains("nothing after"));
        assert!(err("ceo@.").contains("nothing after"));
        assert!(err("c eo@example.com").contains("a space"));
        assert!(err("ceo@exa mple.com").contains("a space"));
        assert!(err("ceo@example..com").contains("empty label"));
        assert!(err("ceo@.example.com").contains("empty label"));
        assert!(err("ceo@exa<mple.com").contains("\"<\""));
        assert!(err("ce\u{7}o@example.com").contains("U+0007"));
        assert!(err("<ceo@example.com").contains("\"<\""));
        let named = err("Jane Doe <Jane@Example.com>");
        assert!(
            named.contains("give the address alone (\"Jane@Example.com\")"),
            "{named}"
        );
    }

    #[test]
    fn internationalised_domains_are_kept_as_written_lower_cased() {
        let a = addr("info@BÜCHER.example");
        assert_eq!(a.domain, "bücher.example");
        assert_eq!(
            normalise_domain("XN--BCHER-KVA.Example."),
            "xn--bcher-kva.example"
        );
    }

    #[test]
    fn ips_parse_and_mapped_ipv6_becomes_ipv4() {
        assert_eq!(
            parse_ip(" 203.0.113.9 "),
            Ok(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 9)))
        );
        assert_eq!(
            parse_ip("::ffff:198.51.100.25"),
            Ok(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 25)))
        );
        assert_eq!(
            parse_ip("[2a01:111:f403:2c0d::705]"),
            Ok(IpAddr::V6(
                "2a01:111:f403:2c0d::705".parse::<Ipv6Addr>().unwrap()
            ))
        );
        // An IPv4-compatible (not mapped) address stays IPv6.
        assert!(parse_ip("::198.51.100.25").unwrap().is_ipv6());
        assert!(parse_ip("").is_err());
        assert!(parse_ip("203.0.113").unwrap_err().contains("203.0.113"));
        assert!(parse_ip("203.0.113.9/32").is_err());
        assert!(parse_ip("fe80::1%eth0").is_err());
    }

    #[test]
    fn hosts_and_domains_are_lower_cased_without_trailing_dots() {
        assert_eq!(normalise_host(" Mail.Example.NET. "), "mail.example.net");
        assert_eq!(normalise_host("mail.example.net.."), "mail.example.net");
        assert_eq!(normalise_domain("Example.COM"), "example.com");
        assert_eq!(normalise_host(""), "");
        assert_eq!(normalise_scope_domain("*@Vendor.example"), "vendor.example");
        assert_eq!(normalise_scope_domain("@*.vendor.com"), "*.vendor.com");
        assert_eq!(normalise_scope_domain("vendor.example."), "vendor.example");
    }
}
