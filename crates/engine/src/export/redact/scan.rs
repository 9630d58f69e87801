//! The text scanners of redaction. Each finds one kind of value in a string
//! and returns its byte ranges for the redactor to replace:
//!
//! - host names, recognised by their shape alone ([`find_domains`]): dot
//!   separated labels of letters (any script), digits, `-` and `_`, the last
//!   one a plausible top-level domain (two letters or more, or an `xn--`
//!   label); no list of endings;
//! - email addresses ([`find_emails`]), IPv4 and IPv6 addresses with an
//!   optional prefix ([`find_ips`]), quoted text ([`find_quoted`]);
//!
//! and the helpers they share: the comparison key of a host name
//! ([`domain_key`]: lowercase, each non-ASCII label in its `xn--` form, so
//! `münchen.de` and `xn--mnchen-3ya.de` are one domain) and the split of a
//! string into words and single characters ([`units`]).

use std::net::{Ipv4Addr, Ipv6Addr};

/// Byte ranges of the units of `s`: runs of letters and digits, runs of
/// white space, and single other characters.
pub(super) fn units(s: &str) -> Vec<(usize, usize)> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<Class> = None;
    for (i, c) in s.char_indices() {
        let k = class(c);
        match (last, out.last_mut()) {
            (Some(l), Some(u)) if l == k && k != Class::Other => u.1 = i + c.len_utf8(),
            _ => out.push((i, i + c.len_utf8())),
        }
        last = Some(k);
    }
    out
}

/// How a unit is compared: lowercase, white space as one space.
pub(super) fn unit_key(u: &str) -> String {
    if u.chars().all(char::is_whitespace) {
        " ".to_string()
    } else {
        u.to_lowercase()
    }
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// A label that can be part of a host name: letters (any script), digits,
/// `-`, `_`, not starting or ending with `-`, at most 63 bytes, and not
/// camelCase (`dnsRecords`, a JSON key).
fn host_label(l: &str) -> bool {
    let b = l.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
        && l.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !b
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// A label that can end a host name: two letters or more (any script), or
/// an A-label (`xn--…`).
fn top_label(l: &str) -> bool {
    let lower = l.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("xn--") {
        return !rest.is_empty() && rest.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    }
    l.chars().count() >= 2 && l.chars().all(char::is_alphabetic)
}

/// Whether all of `s` is one host name of two labels or more.
pub(super) fn is_host(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && s.len() <= 253
        && labels.iter().all(|l| host_label(l))
        && labels.last().is_some_and(|t| top_label(t))
}

/// Byte ranges of host names in `s`. `accept` decides on each candidate (a
/// run of host labels from `first` to a top label); with `any_start`, a
/// candidate may also start after the first label of a run (used in JSON
/// paths, where keys precede a domain).
pub(super) fn find_domains(
    s: &str,
    any_start: bool,
    accept: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if !is_domain_char(c) {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_domain_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        // Labels of the run with their offsets.
        let mut labels: Vec<(usize, usize)> = Vec::new();
        let mut at = start;
        for part in s[start..end].split('.') {
            labels.push((at, at + part.len()));
            at += part.len() + 1;
        }
        let label = |k: usize| &s[labels[k].0..labels[k].1];
        let mut k = 0;
        while k < labels.len() {
            if !host_label(label(k)) {
                k += 1;
                continue;
            }
            let first = k;
            while k < labels.len() && host_label(label(k)) {
                k += 1;
            }
            // Host labels first..k; find candidates in them.
            let mut i = first;
            while i + 1 < k {
                let found = (i + 1..k).rev().find(|&j| {
                    top_label(label(j))
                        && labels[j].1 - labels[i].0 <= 253
                        && accept(&s[labels[i].0..labels[j].1])
                });
                match found {
                    Some(j) => {
                        out.push((labels[i].0, labels[j].1));
                        i = j + 1;
                    }
                    None if any_start => i += 1,
                    None => break,
                }
            }
        }
    }
    out
}

/// The comparison key of a host name: no trailing dot, lowercase, each
/// label with letters outside ASCII in its `xn--` (Punycode) form.
pub(super) fn domain_key(d: &str) -> String {
    d.trim()
        .trim_end_matches('.')
        .split('.')
        .map(|l| {
            if l.is_ascii() {
                l.to_ascii_lowercase()
            } else {
                format!("xn--{}", punycode(&l.to_lowercase()))
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Punycode (RFC 3492) of a label, without the `xn--` prefix.
fn punycode(label: &str) -> String {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    let digit = |d: u32| -> char {
        if d < 26 {
            (b'a' + d as u8) as char
        } else {
            (b'0' + (d - 26) as u8) as char
        }
    };
    let adapt = |mut delta: u32, points: u32, first: bool| -> u32 {
        delta /= if first { DAMP } else { 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    };
    let input: Vec<u32> = label.chars().map(u32::from).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut h) = (128u32, 0u32, 72u32, basic);
    while (h as usize) < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min().unwrap_or(n);
        delta = delta.saturating_add((m - n).saturating_mul(h + 1));
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.saturating_add(1);
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.saturating_add(1);
        n += 1;
    }
    out
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

/// Byte ranges of email addresses `local@domain` in `s` (the local part in
/// any script, the domain any host name, IDN included).
pub(super) fn find_emails(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in s.match_indices('@') {
        if at < from {
            continue;
        }
        let mut ls = at;
        for (i, c) in s[from..at].char_indices().rev() {
            if !is_local_char(c) {
                break;
            }
            ls = from + i;
        }
        while ls < at && s[ls..].starts_with(['.', '\'']) {
            ls += 1;
        }
        let rest = &s[at + 1..];
        let mut de = rest
            .char_indices()
            .find(|&(_, c)| !is_domain_char(c))
            .map(|(i, _)| at + 1 + i)
            .unwrap_or(s.len());
        while de > at + 1 && s[..de].ends_with(['.', '-']) {
            de -= 1;
        }
        if ls == at || !is_host(&s[at + 1..de]) {
            continue;
        }
        out.push((ls, de));
        from = de;
    }
    out
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
                !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-') || c >= 0x80),
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
                || b[end] >= 0x80
                || (b[end] == b'.' && b.get(end + 1).is_some_and(|c| c.is_ascii_digit())));
        return next_ok.then_some(end);
    }
    None
}

/// Byte ranges of the text between each pair of `open` and `close` quotes
/// (without the quotes; never spanning a line break).
pub(super) fn find_quoted(s: &str, open: char, close: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find(open) {
        let start = from + i + open.len_utf8();
        let Some(j) = s[start..].find(close) else {
            break;
        };
        let end = start + j;
        if !s[start..end].contains('\n') && end > start {
            out.push((start, end));
        }
        from = end + close.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doms(s: &str) -> Vec<&str> {
        find_domains(s, false, &|_| true)
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn finds_host_names_by_their_shape() {
        assert_eq!(
            doms("from email_domain northwind.example, which"),
            ["northwind.example"]
        );
        assert_eq!(
            doms("dnsRecords.bulk.northwind.example.spf"),
            ["bulk.northwind.example.spf"]
        );
        assert_eq!(
            doms("antiSpoofingPolicies.definitions[3].sourceIPs[0]"),
            Vec::<&str>::new()
        );
        assert_eq!(doms("e.g. 0.1.0 v=spf1 a.b"), Vec::<&str>::new());
        assert_eq!(
            doms("include:spf.shop-platform.example ?all; *.Contoso.COM."),
            ["spf.shop-platform.example", "Contoso.COM"]
        );
        // Any ending, no list: new generic TLDs, second-level public
        // suffixes, IDN in both forms.
        for d in [
            "northwind.shop",
            "acme.group",
            "first.bank",
            "ads.agency",
            "it.solutions",
            "fabrikam.ltd",
            "outlet.store",
            "kiez.berlin",
            "health.pharmacy",
            "northwind.co.uk",
            "münchen-bäckerei.de",
            "xn--mnchen-bckerei-jzb.de",
            "例え.テスト",
        ] {
            let s = format!("domain {d}, and more");
            assert_eq!(doms(&s), [d], "{d}");
        }
        // In paths, a domain may follow keys.
        let s = "dnsRecords.data.northwind.shop.spf";
        let got: Vec<&str> = find_domains(s, true, &|d| d == "northwind.shop")
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect();
        assert_eq!(got, ["northwind.shop"]);
    }

    #[test]
    fn domain_keys_unify_unicode_and_ascii_forms() {
        assert_eq!(punycode("münchen"), "mnchen-3ya");
        assert_eq!(punycode("bücher"), "bcher-kva");
        assert_eq!(punycode("例え"), "r8jz45g");
        assert_eq!(domain_key("München.DE."), "xn--mnchen-3ya.de");
        assert_eq!(domain_key("XN--MNCHEN-3YA.de"), "xn--mnchen-3ya.de");
        assert!(is_host("xn--mnchen-3ya.de") && is_host("münchen.de"));
        assert!(!is_host("policy") && !is_host("v1.2") && !is_host("a.b-"));
    }

    #[test]
    fn finds_emails_ips_and_quotes() {
        let s = "mailto:dmarc@northwind.example; =cmd|' /C calc'!A0@evil.example and *@x.example, \
                 lena.marsh@personal-mail.example. jörg@münchen-bäckerei.de";
        let got: Vec<&str> = find_emails(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(
            got,
            [
                "dmarc@northwind.example",
                "A0@evil.example",
                "lena.marsh@personal-mail.example",
                "jörg@münchen-bäckerei.de"
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
        let s = "policy \u{201c}A b\u{201d} and \u{201c}C\u{201d}";
        let got: Vec<&str> = find_quoted(s, '\u{201c}', '\u{201d}')
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect();
        assert_eq!(got, ["A b", "C"]);
        let got: Vec<&str> = units("VIP - Exec2s, ok")
            .into_iter()
            .map(|(a, b)| &"VIP - Exec2s, ok"[a..b])
            .collect();
        assert_eq!(got, ["VIP", " ", "-", " ", "Exec2s", ",", " ", "ok"]);
    }
}
