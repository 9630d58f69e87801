use crate::model::{Config, DnsRecords, GatewayDetails, InternalDomain, MxSet, Section};
use crate::providers::{
    free_mail_or_provider, is_same_or_subdomain, mx_host_class, TENANT_DOMAIN_BASES,
};
use crate::rules::controls::Control;
use crate::rules::{
    Area, Confidence, Ctx, Effort, Evidence, Finding, Rule, RuleMeta, Severity, Subject,
};

declare_rule! {
    /// An internal domain publishes an MX host that is not Mimecast's.
    ///
    /// ## Why it matters
    ///
    /// Senders deliver to the hosts a domain's MX records name. Every host
    /// in the set is a way in, not only the preferred one: a sender (or an
    /// attacker who reads the DNS too) may use a backup MX at any time. Mail
    /// handed to a host that is not Mimecast reaches the mailboxes without
    /// Mimecast's spam, impersonation, URL or attachment checks.
    ///
    /// ## What triggers it
    ///
    /// For each internal domain that receives mail (not send-only) and is
    /// not a domain of a shared mail provider (such as
    /// `contoso.onmicrosoft.com`, whose MX is Microsoft's by design), and
    /// whose MX records were collected in `dnsRecords`: one of its MX hosts
    /// is not a Mimecast inbound host (a host under `mimecast.com`,
    /// `mimecast.co.za` or `mimecast-offshore.com`, or one the account's
    /// gateway details list). The finding lists every MX record with its
    /// preference and who runs it (Mimecast, Microsoft 365, Google
    /// Workspace or other) and says whether the other host is the primary
    /// route or a backup. A null MX (`0 .`) and a domain with no MX at all
    /// pass; domains whose MX records were not collected are listed as not
    /// checked. Not assessed when no domain's MX records were collected.
    ///
    /// ## How to fix it
    ///
    /// At the DNS host, publish only the Mimecast inbound hosts of your
    /// account's region (the gateway details give them, as does Mimecast's
    /// *Data Centers and URLs* page) and delete every other MX record,
    /// backup records included. Then make the mailbox platform accept mail
    /// from Mimecast only (see GWY002). Mimecast's onboarding covers the MX
    /// step in *Onboarding - Mail Flow Configuration*. Check the result with
    /// `dig +short MX <domain>`.
    ///
    /// Console: the MX records are changed at your DNS provider, not in
    /// Mimecast; the domains concerned are listed under **Users & Groups >
    /// Internal Directories**.
    pub struct MxBypassesGateway {
        code: "GWY001",
        name: "mx-bypasses-gateway",
        area: Area::MailRouting,
        severity: Severity::High,
        reads: &[Section::InternalDomains, Section::DnsRecords],
        version: 1,
        effort: Effort::High,
        console: "",
        controls: &[Control::cis_partial("13.10"), Control::nist("SC-7"), Control::nist("AC-4")],
    }
}

/// A Mimecast inbound host: under one of Mimecast's base domains, or one
/// of the hosts the account's gateway details list.
fn is_mimecast_host(host: &str, gateway: Option<&GatewayDetails>) -> bool {
    crate::providers::is_mimecast_host(host)
        || !host.is_empty()
            && gateway.is_some_and(|g| {
                g.inbound_mx
                    .iter()
                    .any(|m| m.hostname.eq_ignore_ascii_case(host.trim_end_matches('.')))
            })
}

/// A domain whose MX is someone else's by design (a shared provider's
/// domain, a tenant domain, free mail).
fn is_shared(domain: &str) -> bool {
    free_mail_or_provider(domain).is_some()
        || TENANT_DOMAIN_BASES
            .iter()
            .any(|b| is_same_or_subdomain(domain, b))
}

/// The internal domains GWY001 looks at, with their DNS records (MX
/// collected or not).
fn candidates(cfg: &Config) -> Vec<(&InternalDomain, Option<&DnsRecords>)> {
    cfg.internal_domains
        .iter()
        .filter(|d| !d.send_only && !is_shared(&d.domain))
        .map(|d| {
            let key = crate::model::domain_key(&d.domain);
            let rec = cfg
                .dns_records
                .iter()
                .find(|r| crate::model::domain_key(&r.domain) == key);
            (d, rec)
        })
        .collect()
}

/// The MX set of a domain when it can be judged: collected, and either
/// fully readable or naming a host that is not Mimecast's anyway.
fn mx_of<'a>(rec: Option<&'a DnsRecords>, cfg: &Config) -> Option<&'a MxSet> {
    rec.and_then(|r| r.mx.as_ref()).filter(|mx| {
        mx.unreadable.is_empty()
            || mx.records.iter().any(|r| {
                !r.host.is_empty() && !is_mimecast_host(&r.host, cfg.gateway_details.as_ref())
            })
    })
}

impl Rule for MxBypassesGateway {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn missing(&self, cfg: &Config) -> Vec<Section> {
        let mut missing: Vec<Section> = Self::META
            .reads
            .iter()
            .copied()
            .filter(|s| !cfg.has(*s))
            .collect();
        if missing.is_empty()
            && !candidates(cfg)
                .iter()
                .any(|(_, r)| mx_of(*r, cfg).is_some())
        {
            missing.push(Section::DnsRecords);
        }
        missing
    }

    fn not_assessed_reason(&self, cfg: &Config, section: Section) -> Option<String> {
        if section != Section::DnsRecords || !cfg.has(Section::DnsRecords) {
            return None;
        }
        let names: Vec<&str> = candidates(cfg)
            .iter()
            .map(|(d, _)| d.domain.as_str())
            .collect();
        Some(if names.is_empty() {
            "no internal domain that receives mail (not send-only, not a shared provider's) to check".into()
        } else {
            format!(
                "no MX records were collected for the domains that receive mail; look them up with `dig +short MX <domain>` for {} and add them as `mx`",
                names.join(", ")
            )
        })
    }

    fn check(&self, ctx: &Ctx) -> Vec<Finding> {
        let cfg = ctx.cfg;
        let gateway = cfg.gateway_details.as_ref();
        let all = candidates(cfg);
        let not_checked: Vec<&str> = all
            .iter()
            .filter(|(_, r)| mx_of(*r, cfg).is_none())
            .map(|(d, _)| d.domain.as_str())
            .collect();
        let no_mx: Vec<&str> = all
            .iter()
            .filter(|(_, r)| mx_of(*r, cfg).is_some_and(|m| m.records.is_empty()))
            .map(|(d, _)| d.domain.as_str())
            .collect();
        let mut out = Vec::new();
        for (d, rec) in &all {
            let (Some(rec), Some(mx)) = (rec, mx_of(*rec, cfg)) else {
                continue;
            };
            let bypass: Vec<_> = mx
                .records
                .iter()
                .filter(|r| !r.host.is_empty() && !is_mimecast_host(&r.host, gateway))
                .collect();
            if bypass.is_empty() {
                continue;
            }
            let lowest_mimecast = mx
                .records
                .iter()
                .filter(|r| is_mimecast_host(&r.host, gateway))
                .map(|r| r.preference)
                .min();
            let role = |pref: u16| match lowest_mimecast {
                Some(m) if pref > m => "backup",
                _ => "primary",
            };
            let path = rec.origin.field("mx");
            let mut evidence: Vec<Evidence> = mx
                .records
                .iter()
                .map(|r| {
                    let class = if is_mimecast_host(&r.host, gateway) {
                        "Mimecast"
                    } else {
                        mx_host_class(&r.host)
                    };
                    let mut v = format!("{} {} ({class})", r.preference, r.host);
                    if class != "Mimecast" {
                        v.push_str(&format!(", {}", role(r.preference)));
                    }
                    Evidence::at(&rec.origin, path.clone(), v)
                })
                .collect();
            if let Some(g) = gateway.filter(|g| !g.inbound_mx.is_empty()) {
                let hosts: Vec<String> = g
                    .inbound_mx
                    .iter()
                    .map(|m| match m.priority {
                        Some(p) => format!("{p} {}", m.hostname),
                        None => m.hostname.clone(),
                    })
                    .collect();
                evidence.push(Evidence::at(
                    &g.origin,
                    g.origin.field("inboundMxRecords"),
                    format!("the account's expected MX hosts: {}", hosts.join(", ")),
                ));
            }
            if !no_mx.is_empty() {
                evidence.push(Evidence::at(
                    &rec.origin,
                    "dnsRecords".into(),
                    format!(
                        "no MX published (senders fall back to the A/AAAA record, RFC 5321 5.1; not judged): {}",
                        no_mx.join(", ")
                    ),
                ));
            }
            if !not_checked.is_empty() {
                evidence.push(Evidence::at(
                    &rec.origin,
                    "dnsRecords".into(),
                    format!("not checked (MX not collected): {}", not_checked.join(", ")),
                ));
            }
            let named: Vec<String> = bypass
                .iter()
                .map(|r| {
                    format!(
                        "{} ({}, {})",
                        r.host,
                        mx_host_class(&r.host),
                        role(r.preference)
                    )
                })
                .collect();
            let primary = bypass.iter().any(|r| role(r.preference) == "primary");
            out.push(Finding {
                severity: Self::META.severity,
                message: format!(
                    "{} publishes {} MX host{} that {} not Mimecast's: {}. Mail delivered there {} Mimecast's inspection.",
                    d.domain,
                    if bypass.len() == 1 { "an" } else { "several" },
                    if bypass.len() == 1 { "" } else { "s" },
                    if bypass.len() == 1 { "is" } else { "are" },
                    named.join(", "),
                    if primary { "normally skips" } else { "can skip" },
                ),
                object: Subject::domain(&d.domain),
                confidence: Confidence::High,
                evidence,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Section;
    use crate::rules::testing::outcome_in;
    use crate::rules::Outcome;

    #[test]
    fn fixtures() {
        crate::rules::testing::check_fixtures("GWY001");
    }

    const DOMAINS: &str = r#""internalDomains": [
        {"domain": "example.com", "sendOnly": false},
        {"domain": "news.example.com", "sendOnly": true}]"#;

    #[test]
    fn not_assessed_without_mx_or_domains() {
        // dnsRecords without any `mx`: the MX records were not collected.
        let o = outcome_in(
            "GWY001",
            &format!(r#"{DOMAINS}, "dnsRecords": {{"example.com": {{"spf": "v=spf1 -all"}}}}"#),
        );
        assert_eq!(o, Outcome::NotAssessed(vec![Section::DnsRecords]));
        let reason = crate::rules::find("GWY001")
            .unwrap()
            .not_assessed_reason(
                &crate::input::load_all(&crate::rules::testing::bundle(&format!(
                    r#"{DOMAINS}, "dnsRecords": {{}}"#
                )))
                .config,
                Section::DnsRecords,
            )
            .unwrap();
        assert!(
            reason.contains("dig +short MX") && reason.contains("example.com"),
            "{reason}"
        );
        assert!(!reason.contains("news.example.com"), "{reason}");
        // Only the send-only domain has MX records: still nothing checked.
        let o = outcome_in(
            "GWY001",
            &format!(
                r#"{DOMAINS}, "dnsRecords": {{"news.example.com": {{"mx": "10 mail.bulk.example."}}}}"#
            ),
        );
        assert_eq!(o, Outcome::NotAssessed(vec![Section::DnsRecords]));
        let o = outcome_in("GWY001", r#""dnsRecords": {"example.com": {"mx": ""}}"#);
        assert_eq!(o, Outcome::NotAssessed(vec![Section::InternalDomains]));
    }

    #[test]
    fn gateway_details_name_more_mimecast_hosts() {
        let dns = r#""dnsRecords": {"example.com": {"mx": "10 mx.example.invalid."}}"#;
        assert!(matches!(
            outcome_in("GWY001", &format!("{DOMAINS}, {dns}")),
            Outcome::Fail(_)
        ));
        let gw = r#""gatewayDetails": {"inboundMxRecords": {"hostname": "mx.example.invalid", "priority": 10}}"#;
        assert_eq!(
            outcome_in("GWY001", &format!("{DOMAINS}, {dns}, {gw}")),
            Outcome::Pass
        );
    }

    #[test]
    fn an_unreadable_mx_entry_never_passes_silently_as_mimecast() {
        // An unreadable entry next to a non-Mimecast host: still a finding.
        let o = outcome_in(
            "GWY001",
            &format!(
                r#"{DOMAINS}, "dnsRecords": {{"example.com": {{"mx": ["garbage", "10 mail.example.com."]}}}}"#
            ),
        );
        assert!(matches!(o, Outcome::Fail(_)), "{o:?}");
    }
}
