//! The text scanners of redaction: each finds one kind of value in a string
//! (domains ending in a known top-level domain, email addresses, IPv4 and
//! IPv6 addresses with an optional prefix, literal file names) and returns
//! its byte ranges, for the redactor to replace; and the whole-word
//! replacement of the tenant's name words in free text.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Replaces whole-word, case-insensitive occurrences of `words` (longest
/// first) with `by`.
pub(super) fn replace_words(s: &str, words: &[String], by: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let bytes = s.as_bytes();
    let boundary = |i: usize| i >= bytes.len() || !(bytes[i].is_ascii_alphanumeric());
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    'outer: while i < s.len() {
        if i == 0 || boundary(i - 1) {
            for w in words {
                if lower[i..].starts_with(w.as_str()) && boundary(i + w.len()) {
                    out.push_str(by);
                    i += w.len();
                    continue 'outer;
                }
            }
        }
        let ch = s[i..].chars().next().expect("inside the string");
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Kinds of top-level domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tld {
    /// A two-letter country code.
    Country,
    /// A generic or special-use TLD.
    Generic,
}

const GENERIC_TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "name",
    "pro",
    "mobi",
    "asia",
    "aero",
    "coop",
    "museum",
    "jobs",
    "travel",
    "tel",
    "app",
    "dev",
    "cloud",
    "tech",
    "online",
    "site",
    "xyz",
    "onion",
    // special-use and common private names
    "example",
    "test",
    "invalid",
    "localhost",
    "local",
    "internal",
    "lan",
    "corp",
    "home",
    "intranet",
    "arpa",
];

fn tld(label: &str) -> Option<Tld> {
    let l = label.to_ascii_lowercase();
    if l.len() == 2 && l.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(Tld::Country)
    } else if GENERIC_TLDS.contains(&l.as_str()) {
        Some(Tld::Generic)
    } else {
        None
    }
}

/// A label that can be part of a host name: letters, digits, `-`, `_`, not
/// starting or ending with `-`, and not camelCase (`dnsRecords`).
fn host_label(l: &str) -> bool {
    let b = l.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
        && !b
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

fn is_domain_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.'
}

/// Byte ranges of domains in `s`; `accept` decides on each candidate.
pub(super) fn find_domains(s: &str, accept: &dyn Fn(&str, Tld) -> bool) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_domain_char(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_domain_char(b[i]) {
            i += 1;
        }
        // Labels of the run with their offsets.
        let mut labels: Vec<(usize, usize)> = Vec::new();
        let mut at = start;
        for part in s[start..i].split('.') {
            labels.push((at, at + part.len()));
            at += part.len() + 1;
        }
        // Runs of consecutive host labels; in each, the domain ends at the
        // last label that is a top-level domain.
        let mut k = 0;
        while k < labels.len() {
            if !host_label(&s[labels[k].0..labels[k].1]) {
                k += 1;
                continue;
            }
            let first = k;
            while k < labels.len() && host_label(&s[labels[k].0..labels[k].1]) {
                k += 1;
            }
            let end = (first + 1..k).rev().find_map(|j| {
                let kind = tld(&s[labels[j].0..labels[j].1])?;
                let d = &s[labels[first].0..labels[j].1];
                accept(d, kind).then_some(j)
            });
            if let Some(j) = end {
                out.push((labels[first].0, labels[j].1));
            }
        }
    }
    out
}

fn is_local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// Byte ranges of email addresses `local@domain` in `s`.
pub(super) fn find_emails(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in s.match_indices('@') {
        if at < from {
            continue;
        }
        let mut ls = at;
        while ls > from && is_local_char(b[ls - 1]) {
            ls -= 1;
        }
        while ls < at && b[ls] == b'.' {
            ls += 1;
        }
        let mut de = at + 1;
        while de < b.len() && is_domain_char(b[de]) {
            de += 1;
        }
        while de > at + 1 && matches!(b[de - 1], b'.' | b'-') {
            de -= 1;
        }
        if ls == at || !valid_email_domain(&s[at + 1..de]) {
            continue;
        }
        out.push((ls, de));
        from = de;
    }
    out
}

fn valid_email_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// Byte ranges of IPv4 and IPv6 addresses, with an optional `/prefix`.
pub(super) fn find_ips(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // After a colon only SPF's `ip4:` / `ip6:` terms start an address
        // (`CODE:abc::1` is a key, not an IPv6 address).
        let (boundary, v6) = match i.checked_sub(1).map(|p| b[p]) {
            None => (true, true),
            Some(b':') => (true, s[..i].to_ascii_lowercase().ends_with("ip6:")),
            Some(c) => (
                !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-')),
                true,
            ),
        };
        if boundary && (b[i].is_ascii_hexdigit() || b[i] == b':') {
            if let Some(end) = ip_at(s, i, v6) {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The end of an IP address (and prefix) starting at `i`, if there is one.
fn ip_at(s: &str, i: usize, allow_v6: bool) -> Option<usize> {
    let b = s.as_bytes();
    let mut e = i;
    while e < b.len() && (b[e].is_ascii_hexdigit() || b[e] == b':' || b[e] == b'.') {
        e += 1;
    }
    // Trailing dots and colons end a sentence or a label, not the address.
    let mut cands = vec![e];
    let mut t = e;
    while t > i && matches!(b[t - 1], b'.' | b':') {
        t -= 1;
        cands.push(t);
    }
    for end in cands {
        let text = &s[i..end];
        let v4 = text.bytes().all(|c| c.is_ascii_digit() || c == b'.')
            && text.parse::<Ipv4Addr>().is_ok();
        let v6 = allow_v6
            && text.bytes().filter(|c| *c == b':').count() >= 2
            && text.parse::<Ipv6Addr>().is_ok();
        if !(v4 || v6) {
            continue;
        }
        let mut end = end;
        // An optional prefix length.
        if end < b.len() && b[end] == b'/' {
            let mut p = end + 1;
            while p < b.len() && b[p].is_ascii_digit() {
                p += 1;
            }
            let max = if v4 { 32 } else { 128 };
            if p > end + 1 && p - end <= 4 && s[end + 1..p].parse::<u32>().is_ok_and(|n| n <= max) {
                end = p;
            }
        }
        // Not part of a longer word or number.
        let next_ok = end >= b.len()
            || !(b[end].is_ascii_alphanumeric()
                || b[end] == b'_'
                || (b[end] == b'.' && b.get(end + 1).is_some_and(|c| c.is_ascii_digit())));
        return next_ok.then_some(end);
    }
    None
}

/// Byte ranges of `needle` in `s`.
pub(super) fn find_literal(s: &str, needle: &str) -> Vec<(usize, usize)> {
    s.match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doms(s: &str) -> Vec<&str> {
        find_domains(s, &|_, _| true)
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn finds_domains_in_text_and_paths() {
        assert_eq!(
            doms("from email_domain northwind.example, which"),
            ["northwind.example"]
        );
        assert_eq!(
            doms("dnsRecords.bulk.northwind.example.spf"),
            ["bulk.northwind.example"]
        );
        assert_eq!(
            doms("antiSpoofingPolicies.definitions[3].sourceIPs[0]"),
            Vec::<&str>::new()
        );
        assert_eq!(
            doms("pitfall-tenant.bundle.json e.g. 0.1.0 v=spf1"),
            Vec::<&str>::new()
        );
        assert_eq!(
            doms("include:spf.shop-platform.example ?all; *.Contoso.COM."),
            ["spf.shop-platform.example", "Contoso.COM"]
        );
        assert_eq!(doms("northwind.com.json"), ["northwind.com"]);
        let paths = find_domains("data[0].policy.id", &|_, k| k == Tld::Generic);
        assert!(paths.is_empty());
    }

    #[test]
    fn finds_emails_and_ips() {
        let s = "mailto:dmarc@northwind.example; =cmd|' /C calc'!A0@evil.example and *@x.example, \
                 lena.marsh@personal-mail.example.";
        let got: Vec<&str> = find_emails(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(
            got,
            [
                "dmarc@northwind.example",
                "A0@evil.example",
                "lena.marsh@personal-mail.example"
            ]
        );
        let s = "allows 40.107.0.0/16, 203.0.113.7 and 2a01:111:f400::/48; \
                 not 1.2.3.4.5, 10:00:00, v1.2.3.4 or 300.1.1.1.";
        let got: Vec<&str> = find_ips(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, ["40.107.0.0/16", "203.0.113.7", "2a01:111:f400::/48"]);
        assert_eq!(find_ips("ASP001:x DEAD:BEEF CON001:abc::1"), []);
        let s = "v=spf1 ip4:198.51.100.7 ip6:2001:db8::/32 -all";
        let got: Vec<&str> = find_ips(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(got, ["198.51.100.7", "2001:db8::/32"]);
    }
}
