//! Offline SPF evaluation `spf(d, ip)` (spec R3.6) and the SPF-based
//! bypass's `spfAuth(d, ip)` (R3.5), without DNS: a shared provider's
//! domain is answered from the provider data, any other domain from the SPF
//! record the bundle holds (`dnsRecords`), walked with the engine's SPF
//! parser.

use std::net::IpAddr;

use super::address::{canonical_ip, normalise_domain};
use crate::dns_records::{find_spf, Lookup, Mechanism, Qualifier, SpfRecord};
use crate::model::{domain_key, Config, DnsRecords};
use crate::providers::provider_of_spf_domain;

/// The deepest chain of `include` / `redirect` followed (RFC 7208 §4.6.4
/// limits lookups to 10; deeper chains are a permanent error here).
const MAX_DEPTH: usize = 10;

/// The most records read to count one domain's DNS-querying terms.
const RECORD_BUDGET: usize = 64;

/// The limit above which a record is a permanent error (RFC 7208: more than
/// 10 DNS-querying terms).
const RFC_TERM_LIMIT: usize = 10;

/// The number of DNS-querying terms from which Mimecast's SPF-based bypass
/// does not apply (10 or more, stricter than the RFC).
pub const BYPASS_TERM_LIMIT: usize = 10;

/// An SPF result (RFC 7208 §2.6), plus `unknown`: not decidable offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpfResult {
    /// The address is authorised.
    Pass,
    /// The address is not authorised (`-all`).
    Fail,
    /// Probably not authorised (`~all`).
    SoftFail,
    /// No statement (`?all`, or no `all`).
    Neutral,
    /// The domain publishes no SPF record.
    None,
    /// A transient DNS error (never produced offline; a user may give it).
    TempError,
    /// The record cannot be evaluated (malformed, several records, too many
    /// DNS-querying terms, too deep).
    PermError,
    /// Not decidable without DNS (no record in the bundle, or an `a`, `mx`,
    /// `ptr`, `exists` or macro term on the way).
    Unknown,
}

impl SpfResult {
    /// Every result, in the order of the enum.
    pub const ALL: [SpfResult; 8] = [
        SpfResult::Pass,
        SpfResult::Fail,
        SpfResult::SoftFail,
        SpfResult::Neutral,
        SpfResult::None,
        SpfResult::TempError,
        SpfResult::PermError,
        SpfResult::Unknown,
    ];

    /// The lower-case name: `pass`, `fail`, `softfail`, `neutral`, `none`,
    /// `temperror`, `permerror`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpfResult::Pass => "pass",
            SpfResult::Fail => "fail",
            SpfResult::SoftFail => "softfail",
            SpfResult::Neutral => "neutral",
            SpfResult::None => "none",
            SpfResult::TempError => "temperror",
            SpfResult::PermError => "permerror",
            SpfResult::Unknown => "unknown",
        }
    }

    /// Reads a name written as [`SpfResult::as_str`] gives it (any case,
    /// surrounding spaces ignored).
    pub fn parse(text: &str) -> Option<SpfResult> {
        let t = text.trim();
        SpfResult::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(t))
    }

    /// The result a matching mechanism with this qualifier gives.
    pub fn from_qualifier(q: Qualifier) -> SpfResult {
        match q {
            Qualifier::Pass => SpfResult::Pass,
            Qualifier::Fail => SpfResult::Fail,
            Qualifier::SoftFail => SpfResult::SoftFail,
            Qualifier::Neutral => SpfResult::Neutral,
        }
    }
}

impl std::fmt::Display for SpfResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome of [`spf_eval`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpfEval {
    /// The SPF result.
    pub result: SpfResult,
    /// DNS-querying terms (`include`, `a`, `mx`, `ptr`, `exists`,
    /// `redirect`) of the domain's record and of the records it includes or
    /// redirects to that the bundle holds (a shared provider's record counts
    /// as its one `include` term). 0 when the record is not in the bundle or
    /// the provider data answered.
    pub dns_terms: usize,
    /// Where the answer came from: `provider data: <provider>`,
    /// `dnsRecords`, or `not in the bundle`.
    pub via: String,
}

/// Evaluates SPF for `domain` and the connecting `ip` offline (R3.6):
///
/// 1. a domain that is, or is below, a shared provider's SPF domain:
///    `pass` when the IP is in the provider's ranges (current and historic),
///    else the provider's published ending (Microsoft 365 `fail`, Google
///    `softfail`);
/// 2. a domain with an SPF record in `dnsRecords`: the record is walked —
///    `ip4`/`ip6` test the IP (same family only), `include` recurses (its
///    `pass` is a match with the include's qualifier, its `unknown`
///    propagates), `a`/`mx`/`ptr`/`exists` give `unknown`, `all` gives its
///    qualifier, `redirect` is followed when nothing matched, no match and
///    no `all` give `neutral`; more than 10 DNS-querying terms, several
///    records, a malformed record, a loop or a chain deeper than 10 give
///    `permerror`;
/// 3. a domain listed in `dnsRecords` without an SPF record: `none`;
/// 4. otherwise `unknown`.
pub fn spf_eval(cfg: &Config, domain: &str, ip: IpAddr) -> SpfEval {
    let domain = normalise_domain(domain);
    let ip = canonical_ip(ip);
    if let Some(p) = provider_of_spf_domain(&domain) {
        return SpfEval {
            result: provider_result(p, ip),
            dns_terms: 0,
            via: format!("provider data: {}", p.name),
        };
    }
    if dns_entry(cfg, &domain).is_none() {
        return SpfEval {
            result: SpfResult::Unknown,
            dns_terms: 0,
            via: "not in the bundle".to_string(),
        };
    }
    let walker = Walker { cfg, ip };
    let mut budget = RECORD_BUDGET;
    let dns_terms = walker.terms(&domain, 0, &mut Vec::new(), &mut budget);
    let result = if dns_terms > RFC_TERM_LIMIT {
        SpfResult::PermError
    } else {
        walker.check(&domain, 0, &mut Vec::new())
    };
    SpfEval {
        result,
        dns_terms,
        via: "dnsRecords".to_string(),
    }
}

/// `spfAuth(d, ip)` of the SPF-based bypass (R3.5, R3.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpfAuth {
    /// SPF of the domain passes for the IP: the bypass condition holds.
    Pass,
    /// SPF gives this other result: the IP is not authorised.
    NotAuthorized(SpfResult),
    /// The record has this many DNS-querying terms (10 or more): the
    /// bypass does not apply whatever the IP.
    TooManyTerms(usize),
    /// Not decidable offline (record not in the bundle, or a term that
    /// needs DNS): an unknown atom.
    Unknown,
}

/// `spfAuth(d, ip)`: [`SpfAuth::Pass`] only for an SPF `pass`; a record
/// with 10 or more DNS-querying terms gives [`SpfAuth::TooManyTerms`]
/// (Mimecast's bypass limit, stricter than RFC 7208's "more than 10");
/// `unknown` gives [`SpfAuth::Unknown`].
pub fn spf_auth(cfg: &Config, domain: &str, ip: IpAddr) -> SpfAuth {
    let eval = spf_eval(cfg, domain, ip);
    if eval.dns_terms >= BYPASS_TERM_LIMIT {
        return SpfAuth::TooManyTerms(eval.dns_terms);
    }
    match eval.result {
        SpfResult::Pass => SpfAuth::Pass,
        SpfResult::Unknown => SpfAuth::Unknown,
        other => SpfAuth::NotAuthorized(other),
    }
}

fn provider_result(p: &crate::providers::Provider, ip: IpAddr) -> SpfResult {
    if p.sends_from(ip) {
        SpfResult::Pass
    } else {
        SpfResult::from_qualifier(p.all_result)
    }
}

/// The bundle's DNS entry for a normalised domain (the first, if several).
fn dns_entry<'a>(cfg: &'a Config, domain: &str) -> Option<&'a DnsRecords> {
    cfg.dns_records
        .iter()
        .find(|r| domain_key(&r.domain) == domain)
}

/// A domain named inside a record (`include:`, `redirect=`): macros make it
/// undecidable offline.
fn target(name: &str) -> Option<String> {
    (!name.contains('%')).then(|| normalise_domain(name))
}

struct Walker<'a> {
    cfg: &'a Config,
    ip: IpAddr,
}

/// What one domain's SPF answer is, before walking it.
enum Source {
    Provider(&'static crate::providers::Provider),
    Record(SpfRecord),
    Result(SpfResult),
    NotInBundle,
}

impl Walker<'_> {
    fn source(&self, domain: &str) -> Source {
        if let Some(p) = provider_of_spf_domain(domain) {
            return Source::Provider(p);
        }
        match dns_entry(self.cfg, domain) {
            None => Source::NotInBundle,
            Some(entry) => Self::record_of(entry),
        }
    }

    fn record_of(entry: &DnsRecords) -> Source {
        let Some(text) = entry.spf.as_deref() else {
            return Source::Result(SpfResult::None);
        };
        match find_spf(text) {
            Lookup::Missing => Source::Result(SpfResult::None),
            Lookup::Multiple(_) => Source::Result(SpfResult::PermError),
            Lookup::One(rec) if !rec.is_valid() => Source::Result(SpfResult::PermError),
            Lookup::One(rec) => Source::Record(rec),
        }
    }

    /// `spf(domain)` at a depth of include/redirect nesting.
    fn check(&self, domain: &str, depth: usize, visiting: &mut Vec<String>) -> SpfResult {
        if depth > MAX_DEPTH {
            return SpfResult::PermError;
        }
        match self.source(domain) {
            Source::Provider(p) => provider_result(p, self.ip),
            Source::NotInBundle => SpfResult::Unknown,
            Source::Result(r) => r,
            Source::Record(rec) => self.walk(domain, &rec, depth, visiting),
        }
    }

    fn walk(
        &self,
        domain: &str,
        rec: &SpfRecord,
        depth: usize,
        visiting: &mut Vec<String>,
    ) -> SpfResult {
        if visiting.iter().any(|d| d == domain) {
            return SpfResult::PermError;
        }
        visiting.push(domain.to_string());
        let result = self.walk_terms(rec, depth, visiting);
        visiting.pop();
        result
    }

    fn walk_terms(&self, rec: &SpfRecord, depth: usize, visiting: &mut Vec<String>) -> SpfResult {
        for d in &rec.directives {
            let matched = match &d.mechanism {
                Mechanism::All => true,
                Mechanism::Ip4(net) => matches!(self.ip, IpAddr::V4(v4) if net.contains(&v4)),
                Mechanism::Ip6(net) => matches!(self.ip, IpAddr::V6(v6) if net.contains(&v6)),
                Mechanism::Include(name) => {
                    let Some(inc) = target(name) else {
                        return SpfResult::Unknown;
                    };
                    match self.check(&inc, depth + 1, visiting) {
                        SpfResult::Pass => true,
                        SpfResult::Fail | SpfResult::SoftFail | SpfResult::Neutral => false,
                        SpfResult::TempError => return SpfResult::TempError,
                        // RFC 7208 §5.2: an included domain without a
                        // record, or in error, is a permanent error.
                        SpfResult::None | SpfResult::PermError => return SpfResult::PermError,
                        SpfResult::Unknown => return SpfResult::Unknown,
                    }
                }
                Mechanism::A { .. }
                | Mechanism::Mx { .. }
                | Mechanism::Ptr(_)
                | Mechanism::Exists(_) => return SpfResult::Unknown,
            };
            if matched {
                return SpfResult::from_qualifier(d.qualifier);
            }
        }
        match &rec.redirect {
            Some(name) => match target(name) {
                None => SpfResult::Unknown,
                Some(r) => match self.check(&r, depth + 1, visiting) {
                    // RFC 7208 §6.1: a redirect to a domain without a record
                    // is a permanent error.
                    SpfResult::None => SpfResult::PermError,
                    other => other,
                },
            },
            None => SpfResult::Neutral,
        }
    }

    /// DNS-querying terms of `domain`'s record and, recursively, of the
    /// records in the bundle it includes or redirects to (each domain once
    /// per chain; loops and over-deep chains stop counting). `budget` caps
    /// the records read, so a crafted bundle cannot make the count
    /// exponential: every record read past the first was reached through a
    /// counted term, so an exhausted budget already means far more than 10.
    fn terms(
        &self,
        domain: &str,
        depth: usize,
        visiting: &mut Vec<String>,
        budget: &mut usize,
    ) -> usize {
        if *budget == 0 || depth > MAX_DEPTH || visiting.iter().any(|d| d == domain) {
            return 0;
        }
        *budget -= 1;
        let Source::Record(rec) = self.source(domain) else {
            return 0;
        };
        visiting.push(domain.to_string());
        let mut n = rec.dns_lookup_terms();
        let nested = rec
            .directives
            .iter()
            .filter_map(|d| match &d.mechanism {
                Mechanism::Include(name) => Some(name.as_str()),
                _ => None,
            })
            .chain(rec.redirect.as_deref());
        for name in nested {
            if let Some(t) = target(name) {
                n = n.saturating_add(self.terms(&t, depth + 1, visiting, budget));
            }
        }
        visiting.pop();
        n
    }
}

#[cfg(test)]
mod tests;
