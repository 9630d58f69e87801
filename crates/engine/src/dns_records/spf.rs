//! The SPF parser (RFC 7208): finding the one `v=spf1` record among a
//! domain's TXT records, splitting it into mechanisms and modifiers, and
//! working out how it ends and how many DNS lookups it costs. Malformed terms
//! are collected as errors on the record, never returned as failures.

use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{Ipv4Net, Ipv6Net};

use super::txt::txt_records;
use super::Lookup;

/// The SPF limit on terms that make the receiver query DNS (RFC 7208 §4.6.4).
pub const SPF_DNS_LOOKUP_LIMIT: usize = 10;

/// The qualifier in front of an SPF mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// `+` (the default when none is written).
    Pass,
    /// `-`
    Fail,
    /// `~`
    SoftFail,
    /// `?`
    Neutral,
}

impl Qualifier {
    /// The character written in front of the mechanism.
    pub fn symbol(self) -> char {
        match self {
            Qualifier::Pass => '+',
            Qualifier::Fail => '-',
            Qualifier::SoftFail => '~',
            Qualifier::Neutral => '?',
        }
    }

    fn from_symbol(c: char) -> Option<Qualifier> {
        match c {
            '+' => Some(Qualifier::Pass),
            '-' => Some(Qualifier::Fail),
            '~' => Some(Qualifier::SoftFail),
            '?' => Some(Qualifier::Neutral),
            _ => None,
        }
    }
}

/// An SPF mechanism with its argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mechanism {
    /// `all`: matches every sender.
    All,
    /// `include:<domain>`: matches when that domain's SPF record passes.
    Include(String),
    /// `a`: matches the addresses of a domain (this one when none is given).
    A {
        /// The domain after `:`, if written.
        domain: Option<String>,
        /// The IPv4 prefix length after `/`, if written.
        cidr4: Option<u8>,
        /// The IPv6 prefix length after `//`, if written.
        cidr6: Option<u8>,
    },
    /// `mx`: matches the addresses of a domain's mail exchangers.
    Mx {
        /// The domain after `:`, if written.
        domain: Option<String>,
        /// The IPv4 prefix length after `/`, if written.
        cidr4: Option<u8>,
        /// The IPv6 prefix length after `//`, if written.
        cidr6: Option<u8>,
    },
    /// `ptr[:<domain>]`: matches by reverse DNS (discouraged by the RFC).
    Ptr(Option<String>),
    /// `ip4:<address or range>` (a bare address is a `/32`).
    Ip4(Ipv4Net),
    /// `ip6:<address or range>` (a bare address is a `/128`).
    Ip6(Ipv6Net),
    /// `exists:<domain>`: matches when the (usually macro-built) name resolves.
    Exists(String),
}

impl Mechanism {
    /// Does evaluating it make the receiver query DNS?
    pub fn queries_dns(&self) -> bool {
        matches!(
            self,
            Mechanism::Include(_)
                | Mechanism::A { .. }
                | Mechanism::Mx { .. }
                | Mechanism::Ptr(_)
                | Mechanism::Exists(_)
        )
    }
}

/// One mechanism with its qualifier, and the term as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The qualifier, `+` when none is written.
    pub qualifier: Qualifier,
    /// The mechanism and its argument.
    pub mechanism: Mechanism,
    /// The term as written in the record.
    pub text: String,
}

/// How an SPF record ends, that is what a sender no mechanism matched gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// An `all` mechanism with this qualifier (the first one: evaluation
    /// stops there, and a `redirect` is then ignored).
    All(Qualifier),
    /// No `all`: the result comes from the redirected domain's record.
    Redirect(String),
    /// Neither `all` nor `redirect`: the result is neutral, as with `?all`.
    Implicit,
}

/// A parsed SPF record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpfRecord {
    /// The record as found.
    pub text: String,
    /// The mechanisms that parsed, in order.
    pub directives: Vec<Directive>,
    /// The domain of the `redirect=` modifier, if any.
    pub redirect: Option<String>,
    /// The domain of the `exp=` (explanation) modifier, if any.
    pub exp: Option<String>,
    /// Modifiers this parser does not know (receivers ignore them).
    pub other_modifiers: Vec<String>,
    /// Malformed or duplicated terms: each makes receivers return a
    /// permanent error for the whole record.
    pub errors: Vec<String>,
}

impl SpfRecord {
    /// No malformed or duplicated term (`errors` is empty).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The number of DNS-querying terms written in the record itself
    /// (`include`, `a`, `mx`, `ptr`, `exists`, `redirect`). Included records
    /// are not followed, so the receiver's real count can only be higher.
    pub fn dns_lookup_terms(&self) -> usize {
        self.directives
            .iter()
            .filter(|d| d.mechanism.queries_dns())
            .count()
            + usize::from(self.redirect.is_some())
    }

    /// The qualifier of the first `all` mechanism, if any.
    pub fn all_qualifier(&self) -> Option<Qualifier> {
        self.directives
            .iter()
            .find(|d| d.mechanism == Mechanism::All)
            .map(|d| d.qualifier)
    }

    /// What a sender no mechanism matched gets.
    pub fn ending(&self) -> Ending {
        match (self.all_qualifier(), &self.redirect) {
            (Some(q), _) => Ending::All(q),
            (None, Some(r)) => Ending::Redirect(r.clone()),
            (None, None) => Ending::Implicit,
        }
    }
}

/// Does this TXT record declare itself an SPF record (`v=spf1`, any case,
/// followed by a space or the end)?
pub fn is_spf(record: &str) -> bool {
    let r = record.trim_start();
    r.get(..6).is_some_and(|v| v.eq_ignore_ascii_case("v=spf1"))
        && r[6..].chars().next().is_none_or(char::is_whitespace)
}

/// Finds and parses the SPF record among a domain's TXT records.
pub fn find_spf(txt: &str) -> Lookup<SpfRecord> {
    let mut found: Vec<String> = txt_records(txt).into_iter().filter(|r| is_spf(r)).collect();
    match found.len() {
        0 => Lookup::Missing,
        1 => Lookup::One(parse_spf(&found.remove(0))),
        _ => Lookup::Multiple(found),
    }
}

/// Parses one SPF record. Problems are collected in `errors`.
pub fn parse_spf(record: &str) -> SpfRecord {
    let text = record.trim().to_string();
    let mut spf = SpfRecord {
        text: text.clone(),
        directives: Vec::new(),
        redirect: None,
        exp: None,
        other_modifiers: Vec::new(),
        errors: Vec::new(),
    };
    let mut terms = text.split_whitespace();
    match terms.next() {
        Some(v) if v.eq_ignore_ascii_case("v=spf1") => {}
        Some(v) => spf
            .errors
            .push(format!("the record starts with \"{v}\", not v=spf1")),
        None => spf.errors.push("the record is empty".into()),
    }
    for term in terms {
        if let Some((name, value)) = modifier(term) {
            let lower = name.to_ascii_lowercase();
            match lower.as_str() {
                "v" if value.eq_ignore_ascii_case("spf1") => {
                    spf.errors.push(format!(
                        "\"{term}\": a second v=spf1 inside the record (two records run together?)"
                    ));
                }
                "redirect" | "exp" => {
                    let slot = if lower == "redirect" {
                        &mut spf.redirect
                    } else {
                        &mut spf.exp
                    };
                    if slot.is_some() {
                        spf.errors
                            .push(format!("\"{term}\": {lower}= appears more than once"));
                    } else if let Err(e) = domain_spec(value) {
                        spf.errors.push(format!("\"{term}\": {e}"));
                    } else {
                        *slot = Some(value.to_string());
                    }
                }
                _ => spf.other_modifiers.push(term.to_string()),
            }
            continue;
        }
        match directive(term) {
            Ok(d) => spf.directives.push(d),
            Err(e) => spf.errors.push(format!("\"{term}\": {e}")),
        }
    }
    spf
}

/// `name=value` when the term is a modifier (name: a letter, then letters,
/// digits, `-`, `_`, `.`).
fn modifier(term: &str) -> Option<(&str, &str)> {
    let (name, value) = term.split_once('=')?;
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first_ok && chars.all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .then_some((name, value))
}

fn directive(term: &str) -> Result<Directive, String> {
    let (qualifier, rest) = match term.chars().next().and_then(Qualifier::from_symbol) {
        Some(q) => (q, &term[1..]),
        None => (Qualifier::Pass, term),
    };
    let split = rest.find([':', '/']).unwrap_or(rest.len());
    let (name, arg) = rest.split_at(split);
    let domain_arg = |required: bool| -> Result<Option<String>, String> {
        match arg.strip_prefix(':') {
            Some(d) => domain_spec(d).map(|()| Some(d.to_string())),
            None if arg.is_empty() && !required => Ok(None),
            None if arg.is_empty() => Err(format!(
                "{} needs a domain (\"{}:example.com\")",
                name.to_ascii_lowercase(),
                name.to_ascii_lowercase()
            )),
            None => Err(format!(
                "unexpected \"{arg}\" after {}",
                name.to_ascii_lowercase()
            )),
        }
    };
    let mechanism = match name.to_ascii_lowercase().as_str() {
        "all" if arg.is_empty() => Mechanism::All,
        "all" => return Err("all takes no argument".into()),
        "include" => Mechanism::Include(domain_arg(true)?.unwrap_or_default()),
        "exists" => Mechanism::Exists(domain_arg(true)?.unwrap_or_default()),
        "ptr" => Mechanism::Ptr(domain_arg(false)?),
        "a" | "mx" => {
            let (domain_part, cidr_part) = match arg.find('/') {
                Some(i) => arg.split_at(i),
                None => (arg, ""),
            };
            let domain = match domain_part.strip_prefix(':') {
                Some(d) => {
                    domain_spec(d)?;
                    Some(d.to_string())
                }
                None if domain_part.is_empty() => None,
                None => return Err(format!("unexpected \"{domain_part}\"")),
            };
            let (cidr4, cidr6) = dual_cidr(cidr_part)?;
            if name.eq_ignore_ascii_case("a") {
                Mechanism::A {
                    domain,
                    cidr4,
                    cidr6,
                }
            } else {
                Mechanism::Mx {
                    domain,
                    cidr4,
                    cidr6,
                }
            }
        }
        "ip4" => {
            let v = arg
                .strip_prefix(':')
                .ok_or("ip4 needs an address (\"ip4:192.0.2.0/24\")")?;
            let net = if v.contains('/') {
                v.parse::<Ipv4Net>().ok()
            } else {
                v.parse::<Ipv4Addr>().ok().map(Ipv4Net::from)
            };
            Mechanism::Ip4(net.ok_or_else(|| format!("\"{v}\" is not an IPv4 address or range"))?)
        }
        "ip6" => {
            let v = arg
                .strip_prefix(':')
                .ok_or("ip6 needs an address (\"ip6:2001:db8::/32\")")?;
            let net = if v.contains('/') {
                v.parse::<Ipv6Net>().ok()
            } else {
                v.parse::<Ipv6Addr>().ok().map(Ipv6Net::from)
            };
            Mechanism::Ip6(net.ok_or_else(|| format!("\"{v}\" is not an IPv6 address or range"))?)
        }
        "" => return Err("a qualifier with no mechanism".into()),
        other => return Err(format!("\"{other}\" is not an SPF mechanism")),
    };
    Ok(Directive {
        qualifier,
        mechanism,
        text: term.to_string(),
    })
}

/// `/24`, `//64` or `/24//64` after `a` or `mx`.
fn dual_cidr(s: &str) -> Result<(Option<u8>, Option<u8>), String> {
    if s.is_empty() {
        return Ok((None, None));
    }
    let (v4, v6) = match s.find("//") {
        Some(i) => (&s[..i], Some(&s[i + 2..])),
        None => (s, None),
    };
    let len = |t: &str, max: u8| -> Result<u8, String> {
        t.parse::<u8>()
            .ok()
            .filter(|n| *n <= max && !t.starts_with('+'))
            .ok_or_else(|| format!("\"{s}\" is not a valid prefix length"))
    };
    let cidr4 = match v4.strip_prefix('/') {
        Some(t) => Some(len(t, 32)?),
        None if v4.is_empty() => None,
        None => return Err(format!("\"{s}\" is not a valid prefix length")),
    };
    let cidr6 = v6.map(|t| len(t, 128)).transpose()?;
    Ok((cidr4, cidr6))
}

/// A light check of an SPF domain-spec: visible characters, well-formed
/// macros, and a final label that is a real top-level label (or a macro).
fn domain_spec(d: &str) -> Result<(), String> {
    if d.is_empty() {
        return Err("the domain is empty".into());
    }
    if let Some(c) = d.chars().find(|c| !('!'..='~').contains(c)) {
        return Err(format!("\"{d}\" contains the character {c:?}"));
    }
    let mut chars = d.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        match chars.next() {
            Some('%' | '_' | '-') => {}
            Some('{') => {
                let body: String = std::iter::from_fn(|| chars.next_if(|c| *c != '}')).collect();
                let letter_ok = body
                    .chars()
                    .next()
                    .is_some_and(|c| "slodipvhcrtSLODIPVHCRT".contains(c));
                if chars.next() != Some('}') || !letter_ok {
                    return Err(format!("\"{d}\" has a malformed macro"));
                }
            }
            _ => return Err(format!("\"{d}\" has a malformed macro")),
        }
    }
    if d.ends_with('}') {
        return Ok(());
    }
    let trimmed = d.strip_suffix('.').unwrap_or(d);
    let Some((_, top)) = trimmed.rsplit_once('.') else {
        return Err(format!("\"{d}\" is not a fully qualified domain"));
    };
    let top_ok = !top.is_empty()
        && top.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && top.chars().any(|c| c.is_ascii_alphabetic())
        && !top.starts_with('-')
        && !top.ends_with('-');
    if top_ok {
        Ok(())
    } else {
        Err(format!("\"{d}\" does not end in a valid top-level label"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_spf(txt: &str) -> SpfRecord {
        match find_spf(txt) {
            Lookup::One(r) => r,
            other => panic!("expected one SPF record in {txt:?}, got {other:?}"),
        }
    }

    // ---- SPF: finding the record

    #[test]
    fn spf_missing_when_no_txt_record_is_spf() {
        assert_eq!(find_spf(""), Lookup::Missing);
        assert_eq!(
            find_spf("google-site-verification=abc\nMS=ms12345"),
            Lookup::Missing
        );
        // spf2.0 (Sender ID) and look-alike versions are not SPF records.
        assert_eq!(
            find_spf("spf2.0/pra include:spf.example.net ~all"),
            Lookup::Missing
        );
        assert_eq!(find_spf("v=spf10 -all"), Lookup::Missing);
        assert_eq!(find_spf("v=spf1-all"), Lookup::Missing);
    }

    #[test]
    fn spf_version_is_case_insensitive() {
        let r = one_spf("V=SPF1 Include:_spf.example.net IP4:192.0.2.0/24 -ALL");
        assert!(r.is_valid(), "{:?}", r.errors);
        assert_eq!(r.all_qualifier(), Some(Qualifier::Fail));
        assert_eq!(
            r.directives[0].mechanism,
            Mechanism::Include("_spf.example.net".into())
        );
    }

    #[test]
    fn duplicate_spf_records_are_an_error() {
        let txt = "\"v=spf1 include:_spf.google.com ~all\"\n\
                   \"google-site-verification=x\"\n\
                   \"v=spf1 include:spf.protection.outlook.com -all\"";
        match find_spf(txt) {
            Lookup::Multiple(v) => {
                assert_eq!(v.len(), 2);
                assert!(v[1].contains("outlook"));
            }
            other => panic!("{other:?}"),
        }
        // Identical duplicates still count twice.
        assert!(
            matches!(find_spf("v=spf1 -all\nv=spf1 -all"), Lookup::Multiple(v) if v.len() == 2)
        );
    }

    #[test]
    fn an_spf_record_with_only_the_version_ends_neutral() {
        let r = one_spf("v=spf1");
        assert!(r.is_valid());
        assert!(r.directives.is_empty());
        assert_eq!(r.ending(), Ending::Implicit);
        assert_eq!(r.dns_lookup_terms(), 0);
    }

    // ---- SPF: qualifiers and the `all` term

    #[test]
    fn qualifiers_of_all() {
        for (txt, q, symbol) in [
            ("v=spf1 all", Qualifier::Pass, '+'),
            ("v=spf1 +all", Qualifier::Pass, '+'),
            ("v=spf1 -all", Qualifier::Fail, '-'),
            ("v=spf1 ~all", Qualifier::SoftFail, '~'),
            ("v=spf1 ?all", Qualifier::Neutral, '?'),
            ("v=spf1 ?ALL", Qualifier::Neutral, '?'),
        ] {
            let r = one_spf(txt);
            assert!(r.is_valid(), "{txt}: {:?}", r.errors);
            assert_eq!(r.all_qualifier(), Some(q), "{txt}");
            assert_eq!(r.ending(), Ending::All(q), "{txt}");
            assert_eq!(q.symbol(), symbol);
        }
    }

    #[test]
    fn the_first_all_wins_and_redirect_is_then_ignored() {
        let r = one_spf("v=spf1 ?all -all redirect=_spf.example.net");
        assert_eq!(r.ending(), Ending::All(Qualifier::Neutral));
        assert_eq!(r.redirect.as_deref(), Some("_spf.example.net"));
    }

    #[test]
    fn redirect_without_all_defers_the_ending() {
        let r = one_spf("v=spf1 redirect=_spf.example.net");
        assert!(r.is_valid());
        assert_eq!(r.all_qualifier(), None);
        assert_eq!(r.ending(), Ending::Redirect("_spf.example.net".into()));
        assert_eq!(r.dns_lookup_terms(), 1);
        let r = one_spf("v=spf1 mx REDIRECT=_spf.example.net");
        assert_eq!(r.ending(), Ending::Redirect("_spf.example.net".into()));
        assert_eq!(r.dns_lookup_terms(), 2);
    }

    #[test]
    fn no_all_and_no_redirect_is_implicitly_neutral() {
        assert_eq!(
            one_spf("v=spf1 mx include:_spf.example.net").ending(),
            Ending::Implicit
        );
    }

    #[test]
    fn extra_spaces_and_tabs_are_tolerated() {
        let r = one_spf("   v=spf1    ip4:192.0.2.1 \t  mx   -all   ");
        assert!(r.is_valid(), "{:?}", r.errors);
        assert_eq!(r.directives.len(), 3);
        assert_eq!(r.text, "v=spf1    ip4:192.0.2.1 \t  mx   -all");
        assert_eq!(r.ending(), Ending::All(Qualifier::Fail));
    }

    // ---- SPF: mechanisms and the lookup count

    #[test]
    fn every_mechanism_parses() {
        let r = one_spf(
            "v=spf1 a a:mail.example.com a/24 a:mail.example.com/28//64 a//64 mx \
             mx:example.com/30 ptr ptr:example.com ip4:192.0.2.0/24 ip4:192.0.2.7 \
             ip6:2001:db8::/32 ip6:2001:db8::1 include:_spf.example.net \
             exists:%{i}._spf.%{d} -all exp=explain.%{d2}",
        );
        assert!(r.is_valid(), "{:?}", r.errors);
        let m: Vec<&Mechanism> = r.directives.iter().map(|d| &d.mechanism).collect();
        assert_eq!(
            m[0],
            &Mechanism::A {
                domain: None,
                cidr4: None,
                cidr6: None
            }
        );
        assert_eq!(
            m[1],
            &Mechanism::A {
                domain: Some("mail.example.com".into()),
                cidr4: None,
                cidr6: None
            }
        );
        assert_eq!(
            m[2],
            &Mechanism::A {
                domain: None,
                cidr4: Some(24),
                cidr6: None
            }
        );
        assert_eq!(
            m[3],
            &Mechanism::A {
                domain: Some("mail.example.com".into()),
                cidr4: Some(28),
                cidr6: Some(64)
            }
        );
        assert_eq!(
            m[4],
            &Mechanism::A {
                domain: None,
                cidr4: None,
                cidr6: Some(64)
            }
        );
        assert_eq!(
            m[5],
            &Mechanism::Mx {
                domain: None,
                cidr4: None,
                cidr6: None
            }
        );
        assert_eq!(
            m[6],
            &Mechanism::Mx {
                domain: Some("example.com".into()),
                cidr4: Some(30),
                cidr6: None
            }
        );
        assert_eq!(m[7], &Mechanism::Ptr(None));
        assert_eq!(m[8], &Mechanism::Ptr(Some("example.com".into())));
        assert_eq!(m[9], &Mechanism::Ip4("192.0.2.0/24".parse().unwrap()));
        assert_eq!(m[10], &Mechanism::Ip4("192.0.2.7/32".parse().unwrap()));
        assert_eq!(m[11], &Mechanism::Ip6("2001:db8::/32".parse().unwrap()));
        assert_eq!(m[12], &Mechanism::Ip6("2001:db8::1/128".parse().unwrap()));
        assert_eq!(m[13], &Mechanism::Include("_spf.example.net".into()));
        assert_eq!(m[14], &Mechanism::Exists("%{i}._spf.%{d}".into()));
        assert_eq!(m[15], &Mechanism::All);
        assert_eq!(r.exp.as_deref(), Some("explain.%{d2}"));
        // a ×5, mx ×2, ptr ×2, include, exists — ip4/ip6/all/exp do not query DNS.
        assert_eq!(r.dns_lookup_terms(), 11);
    }

    #[test]
    fn lookup_count_includes_redirect_and_not_ip_terms() {
        let r = one_spf(
            "v=spf1 include:a.example include:b.example include:c.example include:d.example \
             include:e.example a mx ptr exists:x.example ip4:192.0.2.0/24 ip6:2001:db8::/32 \
             redirect=f.example",
        );
        assert!(r.is_valid(), "{:?}", r.errors);
        assert_eq!(r.dns_lookup_terms(), 10);
        let r = one_spf(
            "v=spf1 include:a.example include:b.example include:c.example include:d.example \
             include:e.example include:f.example include:g.example include:h.example \
             include:i.example include:j.example mx -all",
        );
        assert_eq!(r.dns_lookup_terms(), 11);
        assert!(r.dns_lookup_terms() > SPF_DNS_LOOKUP_LIMIT);
    }

    #[test]
    fn malformed_terms_are_reported_not_fatal() {
        let r = one_spf(
            "v=spf1 include: ip4:999.1.1.1 ip4:192.0.2.0/33 ip6:nope foo:bar all:x a/33 mx//129 \
             + include ip4 -all",
        );
        assert_eq!(r.errors.len(), 11, "{:#?}", r.errors);
        assert!(r
            .errors
            .iter()
            .any(|e| e.contains("\"foo\" is not an SPF mechanism")));
        assert!(r.errors.iter().any(|e| e.contains("999.1.1.1")));
        assert!(r.errors.iter().any(|e| e.contains("all takes no argument")));
        assert!(r
            .errors
            .iter()
            .any(|e| e.contains("qualifier with no mechanism")));
        assert!(r
            .errors
            .iter()
            .any(|e| e.contains("include needs a domain")));
        // What did parse is still there.
        assert_eq!(r.ending(), Ending::All(Qualifier::Fail));
        assert!(!r.is_valid());
    }

    #[test]
    fn bad_domains_and_macros_are_errors() {
        for t in [
            "include:localhost",
            "include:example.com/24",
            "include:example.-com",
            "include:example.123",
            "exists:%{z}.example.com",
            "exists:%x.example.com",
            "exists:%{i",
            "a:exa mple.com",
        ] {
            let r = parse_spf(&format!("v=spf1 {t} -all"));
            assert!(!r.is_valid(), "{t} should be an error");
        }
        for t in [
            "include:example.com.",
            "include:_spf.example.com",
            "exists:%{ir}.%{v}._spf.%{d2}",
            "include:%%.example.com",
            "a:xn--bcher-kva.example",
        ] {
            let r = parse_spf(&format!("v=spf1 {t} -all"));
            assert!(r.is_valid(), "{t}: {:?}", r.errors);
        }
    }

    #[test]
    fn modifiers_duplicated_empty_or_unknown() {
        let r = parse_spf("v=spf1 redirect=a.example redirect=b.example");
        assert!(
            r.errors.iter().any(|e| e.contains("more than once")),
            "{:?}",
            r.errors
        );
        assert_eq!(r.redirect.as_deref(), Some("a.example"));
        let r = parse_spf("v=spf1 redirect=");
        assert!(
            r.errors.iter().any(|e| e.contains("empty")),
            "{:?}",
            r.errors
        );
        assert_eq!(r.ending(), Ending::Implicit);
        let r = parse_spf("v=spf1 exp=a.example exp=b.example -all");
        assert!(!r.is_valid());
        let r = parse_spf("v=spf1 moo=bar -all");
        assert!(r.is_valid());
        assert_eq!(r.other_modifiers, vec!["moo=bar"]);
        // A qualifier on a modifier makes it an unknown mechanism.
        assert!(!parse_spf("v=spf1 -redirect=a.example").is_valid());
    }

    #[test]
    fn two_records_run_together_are_an_error() {
        let r = one_spf("v=spf1 include:_spf.google.com v=spf1 -all");
        assert!(
            r.errors.iter().any(|e| e.contains("second v=spf1")),
            "{:?}",
            r.errors
        );
    }

    #[test]
    fn parse_spf_on_non_spf_text_reports_it() {
        assert!(parse_spf("").errors[0].contains("empty"));
        assert!(parse_spf("hello world").errors[0].contains("not v=spf1"));
    }
}
