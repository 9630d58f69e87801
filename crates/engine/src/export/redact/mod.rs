//! Redaction: a copy of a report that can be shared without naming the
//! tenant.
//!
//! # The rule
//!
//! Replaced, consistently (the same value gives the same token everywhere,
//! numbered in order of first appearance in the report's JSON order —
//! inputs, results, coverage):
//!
//! - **domains** → `domain-1.example`, `domain-2.example` …; a subdomain of
//!   another domain of the report keeps that relation:
//!   `bulk.northwind.example` → `sub-1.domain-1.example` (leading protocol
//!   labels such as `_dmarc` are kept as they are);
//! - **email addresses** → `user-1@<the domain's token>` (the local part is
//!   always replaced, even at a kept domain: `user-2@gmail.com`);
//! - **IP addresses and ranges** → documentation addresses `192.0.2.1`,
//!   `192.0.2.2` … (then `198.51.100.x`, `203.0.113.x`, `198.18.x.x`) and
//!   `2001:db8::1` … for IPv6; a prefix length is kept (`/16` is often the
//!   point of a finding);
//! - **file names** (input names, evidence files, coverage sources, and
//!   those names inside messages) → `file-1.json` … (extension kept).
//!
//! Not replaced, because they are the point of a finding and name no one:
//!
//! - the well-known domains of [`crate::providers`] — shared
//!   providers' SPF domains (`spf.protection.outlook.com`), free-mail
//!   domains (`gmail.com`) and bulk-mail services (`sendgrid.net`) — matched
//!   exactly; a customer's own name under them is replaced
//!   (`northwind.onmicrosoft.com` → `sub-1.onmicrosoft.com`); and anything
//!   under `mimecast.com`;
//! - IP ranges that overlap a shared provider's published range
//!   (`40.107.0.0/16`, `209.85.128.0/17`), and ranges too broad to point at
//!   anyone (IPv4 `/8` or shorter, IPv6 `/16` or shorter, `0.0.0.0`, `::`,
//!   loopback).
//!
//! What counts as a domain in text: dot-separated labels ending in a known
//! top-level domain (every two-letter country code, the common generic ones,
//! and the special-use `example`, `test`, `invalid`, `localhost`, `local`,
//! `internal`, `lan`, `corp`, `home`); labels in camelCase (JSON keys such
//! as `dnsRecords`) never start a domain. In JSON paths, where keys such as
//! `policy.id` look like domains, a domain under a two-letter TLD is only
//! replaced when it was also seen outside paths.
//!
//! Rule texts (titles, fixes), codes, section keys and dates are kept. In
//! free text (policy descriptions, group or connector names) the tenant's
//! name words are replaced by "Customer": the first part of the tenant's
//! domain labels (`northwind` of `northwind-shop.example`) when two or more
//! redacted domains share it (see [`Redactor::brand_words`]). Other names in
//! free text stay: review them before sharing a redacted report.
//!
//! This file holds [`Redactor`] (the replacement tables and the rewriting of
//! a report's strings) and the keep rules ([`kept_domain`], [`kept_range`]);
//! the text scanners that find domains, email addresses, IP addresses, file
//! names and the tenant's name words in a string are in `scan.rs`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use crate::providers;
use crate::report::Report;

mod scan;

use scan::{find_domains, find_emails, find_ips, find_literal, replace_words, Tld};

/// A redacted copy of `report`.
pub fn redact(report: &Report) -> Report {
    Redactor::for_report(report).report(report)
}

/// Which kind of report field a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Free text: messages, objects, evidence values, reasons.
    Text,
    /// A JSON path in an input file.
    Path,
    /// A file name.
    File,
    /// A finding key `CODE:object`.
    Key,
}

/// Visits every string of a report that may name the tenant, in JSON order.
fn walk(r: &mut Report, f: &mut impl FnMut(Field, &mut String)) {
    for i in &mut r.inputs {
        f(Field::File, &mut i.name);
        if let Some(e) = &mut i.error {
            f(Field::Text, e);
        }
        if let Some(p) = i.error_location.as_mut().and_then(|l| l.path.as_mut()) {
            f(Field::Path, p);
        }
        for w in &mut i.warnings {
            f(Field::Text, w);
        }
        for n in &mut i.notes {
            f(Field::Text, n);
        }
    }
    for res in &mut r.results {
        for x in &mut res.findings {
            f(Field::Text, &mut x.message);
            f(Field::Text, &mut x.object);
            for e in &mut x.evidence {
                f(Field::File, &mut e.file);
                f(Field::Path, &mut e.path);
                f(Field::Text, &mut e.value);
            }
            f(Field::Key, &mut x.key);
            if let Some(a) = &mut x.acceptance {
                f(Field::Key, &mut a.finding);
                f(Field::Text, &mut a.reason);
                f(Field::Text, &mut a.owner);
            }
        }
    }
    for c in &mut r.coverage {
        for s in &mut c.sources {
            f(Field::File, s);
        }
    }
}

/// The replacement tables of one report. Build it with
/// [`Redactor::for_report`] (which reads the whole report first, so that a
/// subdomain seen before its parent still keeps the relation), then call
/// [`Redactor::report`], and [`Redactor::text`] for any other string (a
/// title) that should use the same tokens.
#[derive(Debug, Default)]
pub struct Redactor {
    collecting: bool,
    /// Every domain seen (lowercase).
    seen_domains: BTreeSet<String>,
    /// Every original domain, address and IP (lowercase), which no token may
    /// equal.
    originals: HashSet<String>,
    /// File names in order of first appearance.
    file_names: Vec<String>,
    domains: HashMap<String, String>,
    emails: HashMap<String, String>,
    ips: HashMap<String, String>,
    files: HashMap<String, String>,
    n_domain: usize,
    n_sub: usize,
    n_user: usize,
    n_ip4: u32,
    n_ip6: u32,
}

#[derive(Debug, Clone)]
enum Seg {
    Raw(String),
    Done(String),
}

impl Redactor {
    /// The tenant's name words: the first part of the label left of the
    /// top-level domain (`northwind` in `northwind-shop.example`), at least
    /// four letters long, kept when two or more redacted domains share it
    /// (a third party's domain rarely does); when none is shared, the most
    /// frequent one. Longest first.
    pub fn brand_words(&self) -> Vec<String> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for d in self.seen_domains.iter().filter(|d| !kept_domain(d)) {
            let labels: Vec<&str> = d.split('.').collect();
            if labels.len() < 2 {
                continue;
            }
            let label = labels[labels.len() - 2];
            let word = label.split('-').next().unwrap_or(label);
            // Words of the tokens themselves are never brand words.
            let vocabulary = ["domain", "user", "file", "customer", "example", "redacted"];
            if word.len() >= 4 && !word.starts_with('_') && !vocabulary.contains(&word) {
                *counts.entry(word.to_string()).or_default() += 1;
            }
        }
        let mut v: Vec<String> = counts
            .iter()
            .filter(|(_, n)| **n >= 2)
            .map(|(w, _)| w.clone())
            .collect();
        if v.is_empty() {
            v.extend(
                counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(w, _)| w.clone()),
            );
        }
        v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        v
    }

    /// Reads `report` to learn every value it will replace.
    pub fn for_report(report: &Report) -> Redactor {
        let mut r = Redactor {
            collecting: true,
            ..Redactor::default()
        };
        let mut copy = report.clone();
        walk(&mut copy, &mut |field, s| {
            r.field(field, s);
        });
        r.collecting = false;
        r
    }

    /// The redacted copy of `report`.
    pub fn report(&mut self, report: &Report) -> Report {
        let mut copy = report.clone();
        walk(&mut copy, &mut |field, s| *s = self.field(field, s));
        copy
    }

    /// Free text redacted with the same tokens as the report. Names in free
    /// text often repeat the tenant's domain name ("Google Workspace -
    /// Northwind Labs"): those words become "Customer".
    pub fn text(&mut self, s: &str) -> String {
        self.field(Field::Text, s)
    }

    fn field(&mut self, field: Field, s: &str) -> String {
        let out = self.field_tokens(field, s);
        if field == Field::Text && !self.collecting {
            let words = self.brand_words();
            if !words.is_empty() {
                return replace_words(&out, &words, "Customer");
            }
        }
        out
    }

    fn field_tokens(&mut self, field: Field, s: &str) -> String {
        match field {
            Field::File => self.file(s),
            Field::Key => match s.split_once(':') {
                Some((code, rest))
                    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric()) =>
                {
                    format!("{code}:{}", self.rewrite(rest, false))
                }
                _ => self.rewrite(s, false),
            },
            Field::Path => self.rewrite(s, true),
            Field::Text => self.rewrite(s, false),
        }
    }

    fn rewrite(&mut self, s: &str, path: bool) -> String {
        let mut segs = vec![Seg::Raw(s.to_string())];
        if !path {
            let mut names: Vec<String> = self
                .file_names
                .iter()
                .filter(|n| n.len() >= 4)
                .cloned()
                .collect();
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
            for name in names {
                segs = self.split(segs, |t| find_literal(t, &name), |me, m| me.file(m));
            }
        }
        segs = self.split(segs, find_emails, |me, m| {
            let (local, domain) = m.rsplit_once('@').expect("an email has an @");
            me.email(local, domain)
        });
        segs = self.split(segs, find_ips, |me, m| me.ip(m));
        let known = if path && !self.collecting {
            Some(self.seen_domains.clone())
        } else {
            None
        };
        segs = self.split(
            segs,
            |t| {
                find_domains(t, &|d: &str, kind: Tld| {
                    !path
                        || kind == Tld::Generic
                        || known
                            .as_ref()
                            .is_some_and(|k| k.contains(&d.to_ascii_lowercase()))
                })
            },
            |me, m| me.domain(m),
        );
        segs.into_iter()
            .map(|s| match s {
                Seg::Raw(t) | Seg::Done(t) => t,
            })
            .collect()
    }

    /// Replaces every match of `find` in the raw segments by `map`.
    fn split(
        &mut self,
        segs: Vec<Seg>,
        find: impl Fn(&str) -> Vec<(usize, usize)>,
        map: impl Fn(&mut Self, &str) -> String,
    ) -> Vec<Seg> {
        let mut out = Vec::with_capacity(segs.len());
        for seg in segs {
            let Seg::Raw(t) = seg else {
                out.push(seg);
                continue;
            };
            let mut at = 0;
            for (start, end) in find(&t) {
                if start > at {
                    out.push(Seg::Raw(t[at..start].to_string()));
                }
                out.push(Seg::Done(map(self, &t[start..end])));
                at = end;
            }
            if at < t.len() {
                out.push(Seg::Raw(t[at..].to_string()));
            }
        }
        out
    }

    fn file(&mut self, name: &str) -> String {
        if self.collecting {
            if !self.file_names.iter().any(|n| n == name) {
                self.file_names.push(name.to_string());
            }
            return name.to_string();
        }
        if let Some(t) = self.files.get(name) {
            return t.clone();
        }
        let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let ext = last
            .rsplit_once('.')
            .map(|(_, e)| e)
            .filter(|e| {
                !e.is_empty() && e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric())
            })
            .map(|e| format!(".{}", e.to_ascii_lowercase()))
            .unwrap_or_default();
        let token = format!("file-{}{ext}", self.files.len() + 1);
        self.files.insert(name.to_string(), token.clone());
        token
    }

    fn email(&mut self, local: &str, domain: &str) -> String {
        let key = format!("{local}@{domain}").to_ascii_lowercase();
        if self.collecting {
            self.originals.insert(key);
            self.domain(domain);
            return format!("{local}@{domain}");
        }
        if let Some(t) = self.emails.get(&key) {
            return t.clone();
        }
        let d = self.domain(domain);
        let token = loop {
            self.n_user += 1;
            let t = format!("user-{}@{d}", self.n_user);
            if !self.originals.contains(&t) {
                break t;
            }
        };
        self.emails.insert(key, token.clone());
        token
    }

    fn domain(&mut self, d: &str) -> String {
        let key = d.trim_end_matches('.').to_ascii_lowercase();
        if self.collecting {
            self.seen_domains.insert(key.clone());
            self.originals.insert(key);
            return d.to_string();
        }
        if kept_domain(&key) {
            return d.to_string();
        }
        if let Some(t) = self.domains.get(&key) {
            return t.clone();
        }
        let labels: Vec<&str> = key.split('.').collect();
        // The longest proper suffix (two labels or more) that is kept or
        // was seen: this domain is written as a subdomain of it.
        let parent = (1..labels.len().saturating_sub(1)).find(|&i| {
            let suffix = labels[i..].join(".");
            kept_domain(&suffix) || self.seen_domains.contains(&suffix)
        });
        let token = match parent {
            Some(i) => {
                let parent = self.domain(&labels[i..].join("."));
                let prefix = &labels[..i];
                if prefix.iter().all(|l| l.starts_with('_')) {
                    format!("{}.{parent}", prefix.join("."))
                } else {
                    loop {
                        self.n_sub += 1;
                        let t = format!("sub-{}.{parent}", self.n_sub);
                        if !self.originals.contains(&t) {
                            break t;
                        }
                    }
                }
            }
            None => loop {
                self.n_domain += 1;
                let t = format!("domain-{}.example", self.n_domain);
                if !self.originals.contains(&t) {
                    break t;
                }
            },
        };
        self.domains.insert(key, token.clone());
        token
    }

    fn ip(&mut self, m: &str) -> String {
        let (addr, prefix) = match m.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (m, None),
        };
        let parsed: Option<IpNet> = match prefix {
            Some(p) => format!("{addr}/{p}").parse().ok(),
            None => addr.parse::<std::net::IpAddr>().ok().map(IpNet::from),
        };
        let Some(net) = parsed else {
            return m.to_string();
        };
        let key = net.addr().to_string();
        if self.collecting {
            self.originals.insert(key);
            return m.to_string();
        }
        if kept_range(&net) {
            return m.to_string();
        }
        let token = match self.ips.get(&key) {
            Some(t) => t.clone(),
            None => {
                let t = loop {
                    let t = match net {
                        IpNet::V4(_) => {
                            self.n_ip4 += 1;
                            ipv4_token(self.n_ip4).to_string()
                        }
                        IpNet::V6(_) => {
                            self.n_ip6 += 1;
                            Ipv6Addr::new(
                                0x2001,
                                0xdb8,
                                0,
                                0,
                                0,
                                0,
                                (self.n_ip6 >> 16) as u16,
                                self.n_ip6 as u16,
                            )
                            .to_string()
                        }
                    };
                    if !self.originals.contains(&t) {
                        break t;
                    }
                };
                self.ips.insert(key, t.clone());
                t
            }
        };
        match prefix {
            Some(p) => format!("{token}/{p}"),
            None => token,
        }
    }
}

/// The n-th (from 1) IPv4 documentation address.
fn ipv4_token(n: u32) -> Ipv4Addr {
    let n = n - 1;
    match n / 254 {
        0 => Ipv4Addr::new(192, 0, 2, (n % 254 + 1) as u8),
        1 => Ipv4Addr::new(198, 51, 100, (n % 254 + 1) as u8),
        2 => Ipv4Addr::new(203, 0, 113, (n % 254 + 1) as u8),
        _ => {
            // 198.18.0.0/15 (benchmarking), skipping .0 and .255.
            let k = n - 3 * 254;
            let host = k % 254 + 1;
            let net = k / 254;
            Ipv4Addr::new(
                198,
                18 + (net / 256 % 2) as u8,
                (net % 256) as u8,
                host as u8,
            )
        }
    }
}

/// Well-known domains that are kept as they are (exact match), and
/// everything under `mimecast.com`.
pub fn kept_domain(d: &str) -> bool {
    let d = d.trim_end_matches('.').to_ascii_lowercase();
    let exact = providers::SHARED_PROVIDERS
        .iter()
        .flat_map(|p| p.spf_domains.iter())
        .chain(providers::FREE_MAIL_DOMAINS.iter())
        .chain(
            providers::BULK_SERVICES
                .iter()
                .flat_map(|s| s.domains.iter()),
        )
        .any(|k| *k == d);
    exact
        || ["mimecast.com", "mimecast-offshore.com"]
            .iter()
            .any(|b| providers::is_same_or_subdomain(&d, b))
}

/// Ranges kept as they are: a shared provider's, or too broad to name
/// anyone.
pub fn kept_range(net: &IpNet) -> bool {
    let broad = match net {
        IpNet::V4(n) => n.prefix_len() <= 8 || n.addr().is_unspecified() || n.addr().is_loopback(),
        IpNet::V6(n) => n.prefix_len() <= 16 || n.addr().is_unspecified() || n.addr().is_loopback(),
    };
    broad || !providers::overlapping_ranges(net).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_providers_and_broad_ranges() {
        assert!(
            kept_domain("spf.protection.outlook.com")
                && kept_domain("GMAIL.com.")
                && kept_domain("eu-api.mimecast.com")
        );
        assert!(!kept_domain("northwind.onmicrosoft.com") && !kept_domain("northwind.example"));
        assert!(
            kept_range(&"40.107.0.0/16".parse().unwrap())
                && kept_range(&"0.0.0.0/0".parse().unwrap())
        );
        assert!(!kept_range(&"198.51.100.0/24".parse().unwrap()));
    }

    #[test]
    fn tokens_are_consistent_and_keep_relations() {
        let mut r = Redactor::default();
        for s in ["bulk.northwind.example", "northwind.example"] {
            r.collecting = true;
            r.text(s);
        }
        r.collecting = false;
        assert_eq!(r.text("bulk.northwind.example"), "sub-1.domain-1.example");
        assert_eq!(
            r.text("Northwind.Example and _dmarc.northwind.example"),
            "domain-1.example and _dmarc.domain-1.example"
        );
        assert_eq!(
            r.text("a@northwind.example, A@Northwind.example, b@gmail.com"),
            "user-1@domain-1.example, user-1@domain-1.example, user-2@gmail.com"
        );
        assert_eq!(r.text("northwind.onmicrosoft.com"), "sub-2.onmicrosoft.com");
        assert_eq!(
            r.text("10.1.2.0/24 10.1.2.0 2001:db8:1::/48 40.107.0.0/16"),
            "192.0.2.1/24 192.0.2.1 2001:db8::1/48 40.107.0.0/16"
        );
        assert_eq!(ipv4_token(255), Ipv4Addr::new(198, 51, 100, 1));
        assert_eq!(ipv4_token(3 * 254 + 1), Ipv4Addr::new(198, 18, 0, 1));
    }

    #[test]
    fn tokens_never_equal_an_original() {
        let mut r = Redactor {
            collecting: true,
            ..Redactor::default()
        };
        r.text("domain-1.example other.example 192.0.2.1 10.0.0.1");
        r.collecting = false;
        assert_eq!(r.text("other.example"), "domain-2.example");
        assert_eq!(r.text("10.0.0.1"), "192.0.2.2");
    }

    #[test]
    fn the_tenant_name_word_is_replaced_in_free_text_only_when_shared() {
        let mut r = Redactor {
            collecting: true,
            ..Redactor::default()
        };
        r.text("northwind.example northwind-shop.example events-platform.example");
        r.collecting = false;
        assert_eq!(r.brand_words(), ["northwind"]);
        assert_eq!(
            r.text("Google Workspace - Northwind Labs sends events@"),
            "Google Workspace - Customer Labs sends events@"
        );
        assert_eq!(
            r.text("NorthwindX stays"),
            "NorthwindX stays",
            "whole words only"
        );
    }
}
