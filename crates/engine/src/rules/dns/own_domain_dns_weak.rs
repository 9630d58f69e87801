use crate::dns_records::{
    find_dmarc, find_spf, DmarcPolicy, DmarcRecord, Ending, Lookup, Qualifier, SPF_DNS_LOOKUP_LIMIT,
};
use crate::model::{Config, DnsRecords, Section};
use crate::rules::controls::Control;
use std::collections::HashMap;

use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// One of your own domains publishes weak or missing SPF or DMARC records.
    ///
    /// ## Why it matters
    ///
    /// Mimecast's gateway protects the mail you receive; how the rest of the
    /// world treats mail that pretends to come from you depends on the
    /// records you publish in DNS. Without SPF and an enforcing DMARC policy,
    /// anyone can send convincing mail as your domain to your customers and
    /// partners, and their mail systems have no instruction to stop it. An
    /// SPF record that ends permissively, or that needs more DNS lookups than
    /// receivers allow, gives the same result while looking configured.
    ///
    /// ## What triggers it
    ///
    /// For each internal domain (send-only ones included: they send mail in
    /// your name too) whose TXT records are in the loaded data
    /// (`dnsRecords`), one finding listing every weak part: no SPF record,
    /// more than one SPF record, an SPF record that is malformed, that ends
    /// in `+all` or `?all` (or has neither an `all` term nor a `redirect=`,
    /// which receivers treat like `?all`), or whose own text holds more than
    /// 10 DNS-querying terms (`include`, `a`, `mx`, `ptr`, `exists`,
    /// `redirect`; included records are not followed, so the real count can
    /// only be higher); no DMARC record, more than one, one without a valid
    /// `p=` tag, or `p=none`. A subdomain with no DMARC record of its own is
    /// judged on the `sp=` (else `p=`) of a parent domain in the loaded data,
    /// with medium confidence. Internal domains with no entry in `dnsRecords`
    /// are not judged.
    ///
    /// ## How to fix it
    ///
    /// At your DNS host, publish exactly one SPF record per domain that lists
    /// every service sending as the domain (including the include Mimecast
    /// documents for your region if outbound mail leaves through Mimecast) and
    /// ends in `-all` or `~all`; flatten or remove includes to stay within 10
    /// lookups. Publish one DMARC record at `_dmarc.<domain>` with reporting
    /// (`rua=`), and once the reports show legitimate mail passing, move from
    /// `p=none` to `p=quarantine` and then `p=reject`.
    ///
    /// Console: the records are changed at your DNS provider, not in
    /// Mimecast; the domains concerned are listed under **Users & Groups >
    /// Internal Directories** (older consoles: Directories > Internal
    /// Directories).
    pub struct OwnDomainDnsWeak {
        code: "DNS006",
        name: "own-domain-dns-weak",
        area: Area::DnsAuthentication,
        severity: Severity::Medium,
        reads: &[Section::InternalDomains, Section::DnsRecords],
        version: 1,
        effort: Effort::High,
        console: "",
        controls: &[Control::cis("9.5"), Control::nist_partial("SI-8")],
    }
}

fn norm(domain: &str) -> String {
    domain.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// The loaded DNS records by domain (the first loaded for a domain), so
/// each internal domain is looked up once: linear in domains plus records.
struct DnsIndex<'a>(HashMap<String, &'a DnsRecords>);

impl<'a> DnsIndex<'a> {
    fn new(cfg: &'a Config) -> Self {
        let mut map = HashMap::new();
        for r in &cfg.dns_records {
            map.entry(norm(&r.domain)).or_insert(r);
        }
        DnsIndex(map)
    }

    /// The loaded records of exactly this domain.
    fn of(&self, domain: &str) -> Option<&'a DnsRecords> {
        self.0.get(&norm(domain)).copied()
    }

    /// The closest parent domain in the loaded data with one valid DMARC
    /// record (walking up the labels: linear in the labels of `domain`).
    fn parent_dmarc(&self, domain: &str) -> Option<(&'a DnsRecords, DmarcRecord)> {
        let d = norm(domain);
        let mut rest = d.as_str();
        while let Some((_, parent)) = rest.split_once('.') {
            rest = parent;
            let Some(r) = self.0.get(parent) else {
                continue;
            };
            if let Lookup::One(rec) = find_dmarc(r.dmarc.as_deref().unwrap_or("")) {
                if rec.is_valid() {
                    return Some((r, rec));
                }
            }
        }
        None
    }
}

/// The weak parts of an SPF value, as sentences.
fn spf_weaknesses(text: &str) -> Vec<String> {
    let record = match find_spf(text) {
        Lookup::Missing => return vec!["no SPF record".into()],
        Lookup::Multiple(v) => {
            return vec![format!("{} SPF records are published; receivers treat more than one as a permanent error, so SPF never passes", v.len())]
        }
        Lookup::One(r) => r,
    };
    let mut out = Vec::new();
    if !record.is_valid() {
        let more = match record.errors.len() {
            1 => String::new(),
            n => format!(
                " and {} more problem{}",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        };
        out.push(format!(
            "the SPF record is malformed ({}{more}), so receivers return a permanent error",
            record.errors[0]
        ));
    }
    match record.ending() {
        Ending::All(Qualifier::Pass) => out.push("SPF ends in +all, which authorises every server on the internet to send as the domain".into()),
        Ending::All(Qualifier::Neutral) => out.push("SPF ends in ?all, so mail from servers it does not list gets a neutral result instead of a failure".into()),
        Ending::Implicit if record.is_valid() => out.push(
            "SPF has no all term and no redirect=, so mail from servers it does not list gets a neutral result (the same as ?all)".into(),
        ),
        _ => {}
    }
    let n = record.dns_lookup_terms();
    if n > SPF_DNS_LOOKUP_LIMIT {
        out.push(format!(
            "SPF has {n} DNS-querying terms in the record itself, over the limit of {SPF_DNS_LOOKUP_LIMIT}, so receivers return a permanent error (includes were not expanded; the real count can only be higher)"
        ));
    }
    out
}

/// The weak parts of a DMARC value, and whether the judgement is inferred
/// from a parent domain's record.
fn dmarc_weaknesses(dns: &DnsIndex, domain: &str, text: &str) -> (Vec<String>, Option<Evidence>) {
    match find_dmarc(text) {
        Lookup::Missing => match dns.parent_dmarc(domain) {
            Some((parent, rec)) => {
                let policy = rec.subdomain_policy();
                let ev = Evidence::at(&parent.origin, parent.origin.field("dmarc"), rec.text.clone());
                if policy == Some(DmarcPolicy::None) {
                    let tag = if rec.sp.is_some() { "sp=none" } else { "p=none" };
                    (vec![format!("no DMARC record of its own, and the record of {} that covers it as a subdomain has {tag}, which only monitors: failing mail is still delivered", parent.domain)], Some(ev))
                } else {
                    (Vec::new(), None)
                }
            }
            None => (vec!["no DMARC record".into()], None),
        },
        Lookup::Multiple(v) => (vec![format!("{} DMARC records are published, so receivers apply none of them", v.len())], None),
        Lookup::One(rec) if !rec.is_valid() => (vec![format!("the DMARC record is invalid ({})", rec.errors.join("; "))], None),
        Lookup::One(rec) if rec.p == Some(DmarcPolicy::None) => {
            (vec!["DMARC policy is p=none, which only monitors: mail that fails DMARC is still delivered".into()], None)
        }
        Lookup::One(_) => (Vec::new(), None),
    }
}

impl Rule for OwnDomainDnsWeak {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let dns = DnsIndex::new(cfg);
        let mut out = Vec::new();
        for d in &cfg.internal_domains {
            let Some(rec) = dns.of(&d.domain) else {
                continue;
            };
            let o = &rec.origin;
            let mut parts = Vec::new();
            let mut evidence = Vec::new();

            let spf = spf_weaknesses(rec.spf.as_deref().unwrap_or(""));
            if !spf.is_empty() {
                evidence.push(Evidence::at(
                    o,
                    o.field("spf"),
                    rec.spf.clone().unwrap_or_else(|| "(no SPF record)".into()),
                ));
            }
            parts.extend(spf);

            let (dmarc, inherited) =
                dmarc_weaknesses(&dns, &d.domain, rec.dmarc.as_deref().unwrap_or(""));
            if !dmarc.is_empty() {
                evidence.push(Evidence::at(
                    o,
                    o.field("dmarc"),
                    rec.dmarc
                        .clone()
                        .unwrap_or_else(|| "(no DMARC record)".into()),
                ));
            }
            let inferred = inherited.is_some();
            evidence.extend(inherited);
            parts.extend(dmarc);

            if parts.is_empty() {
                continue;
            }
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "Domain {}{} publishes weak email authentication records: {}.",
                    d.domain,
                    if d.send_only { " (send-only)" } else { "" },
                    parts.join("; ")
                ),
                object: Subject::domain(&d.domain),
                confidence: if inferred {
                    Confidence::Medium
                } else {
                    Confidence::High
                },
                evidence,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::spf_weaknesses;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("DNS006");
    }

    #[test]
    fn spf_judgements() {
        assert!(spf_weaknesses("v=spf1 include:_spf.example.net -all").is_empty());
        assert!(spf_weaknesses("v=spf1 mx ~all").is_empty());
        assert!(spf_weaknesses("v=spf1 redirect=_spf.example.net").is_empty());
        assert_eq!(spf_weaknesses(""), vec!["no SPF record"]);
        assert!(spf_weaknesses("v=spf1 +all")[0].contains("+all"));
        assert!(spf_weaknesses("v=spf1 a all")[0].contains("+all"));
        assert!(spf_weaknesses("v=spf1 ?all")[0].contains("?all"));
        assert!(spf_weaknesses("v=spf1 mx")[0].contains("no all term"));
        assert!(spf_weaknesses("v=spf1 -all\nv=spf1 ~all")[0].contains("2 SPF records"));
        let w = spf_weaknesses("v=spf1 include:x include:y.example -all");
        assert_eq!(w.len(), 1);
        assert!(
            w[0].contains("malformed") && w[0].contains("\"include:x\""),
            "{w:?}"
        );
        let many = (0..11)
            .map(|i| format!("include:s{i}.example"))
            .collect::<Vec<_>>()
            .join(" ");
        let w = spf_weaknesses(&format!("v=spf1 {many} ?all"));
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[1].contains("11 DNS-querying terms") && w[1].contains("includes were not expanded")
        );
    }
}
