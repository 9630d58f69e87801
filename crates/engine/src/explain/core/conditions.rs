//! Source conditions of a policy (spec R3.5): source IP ranges and host
//! names (one condition when both are listed: either suffices), and the
//! SPF domains of an SPF-based bypass (R3.6).

use std::net::IpAddr;

use super::super::output::Reason;
use super::super::primitives::{spf_auth, SpfAuth};
use super::input::Msg;
use super::matching::{AtomSpec, Pending};
use super::reasons::{first_three, reason};
use crate::model::{Config, Policy};
use crate::providers::provider_of_spf_domain;

/// One condition of a policy, before atoms: its match and the reasons it
/// fails with (in check order).
#[derive(Debug, Clone)]
pub struct PendingCondition {
    /// Its match.
    pub pending: Pending,
    /// Why it fails on known facts (empty when it holds).
    pub fails: Vec<Reason>,
}

fn family_note(ip: IpAddr, p: &Policy) -> String {
    let nets: Vec<_> = p.source_ips.iter().filter_map(|r| r.net).collect();
    let same = nets.iter().any(|n| match n {
        ipnet::IpNet::V4(_) => ip.is_ipv4(),
        ipnet::IpNet::V6(_) => ip.is_ipv6(),
    });
    if same || nets.is_empty() {
        String::new()
    } else if ip.is_ipv4() {
        " (IPv4 address; the policy lists only IPv6 ranges)".into()
    } else {
        " (IPv6 address; the policy lists only IPv4 ranges)".into()
    }
}

fn source_ips(ip: IpAddr, p: &Policy) -> (bool, Reason) {
    let hit = p
        .source_ips
        .iter()
        .any(|r| r.net.is_some_and(|n| n.contains(&ip)));
    let ranges: Vec<String> = p
        .source_ips
        .iter()
        .map(|r| r.text.trim().to_string())
        .collect();
    let listed = first_three(&ranges);
    let text = format!("source IP {ip} not in {listed}{}", family_note(ip, p));
    (
        hit,
        reason(
            "SOURCE_IP_NOT_IN_RANGES",
            text,
            &[("ip", &ip.to_string()), ("ranges", &ranges.join(", "))],
        ),
    )
}

/// Does host `h` match a Hostname(s) entry (R3.5, Q7)?
pub fn host_matches(entry: &str, h: &str) -> bool {
    let e = entry.trim().trim_end_matches('.').to_lowercase();
    if let Some(base) = e.strip_prefix("*.").or_else(|| e.strip_prefix('.')) {
        return !base.is_empty() && h.ends_with(&format!(".{base}"));
    }
    !e.is_empty() && (h == e || h.ends_with(&format!(".{e}")))
}

fn hostnames(msg: &Msg, p: &Policy, label: &str) -> (Pending, Reason) {
    let listed = first_three(&p.hostnames);
    match &msg.hostname {
        None => {
            let r = reason(
                "HOSTNAME_UNKNOWN",
                format!("no sending host name given; the policy lists {listed}"),
                &[("hostnames", &p.hostnames.join(", "))],
            );
            let spec = AtomSpec {
                name: format!("hostname({label})"),
                why: "no sending host name was given".into(),
                reason: r.clone(),
            };
            (Pending::Atoms(vec![spec]), r)
        }
        Some(h) => {
            let hit = p.hostnames.iter().any(|e| host_matches(e, h));
            let r = reason(
                "HOSTNAME_NOT_LISTED",
                format!("sending host {h} is not listed ({listed})"),
                &[("hostname", h), ("hostnames", &p.hostnames.join(", "))],
            );
            (Pending::Known(hit), r)
        }
    }
}

fn spf_domains(cfg: &Config, ip: IpAddr, p: &Policy) -> PendingCondition {
    let mut pending = Pending::Known(false);
    let mut fails = Vec::new();
    for d in &p.spf_domains {
        match spf_auth(cfg, d, ip) {
            SpfAuth::Pass => pending = Pending::Known(true),
            SpfAuth::NotAuthorized(_) => fails.push(reason(
                "SPF_NOT_AUTHORIZED",
                format!("SPF of {d} does not authorize {ip}"),
                &[("domain", d), ("ip", &ip.to_string())],
            )),
            SpfAuth::TooManyTerms(n) => fails.push(reason(
                "SPF_TOO_MANY_TERMS",
                format!("SPF record of {d} has {n} DNS-querying terms (10 or more): the bypass does not apply"),
                &[("domain", d), ("terms", &n.to_string())],
            )),
            SpfAuth::Unknown => {
                let r = reason(
                    "SPF_UNKNOWN",
                    format!("SPF record of {d} is not in the bundle"),
                    &[("domain", d), ("ip", &ip.to_string())],
                );
                fails.push(r.clone());
                pending = pending.or(Pending::Atoms(vec![AtomSpec {
                    name: format!("spfAuth({d}, {ip})"),
                    why: "SPF record not in the bundle".into(),
                    reason: r,
                }]));
            }
        }
    }
    PendingCondition { pending, fails }
}

/// The policy's conditions, in check order (source IPs and host names as
/// one, then SPF domains); empty when it has none.
pub fn conditions(cfg: &Config, msg: &Msg, p: &Policy, label: &str) -> Vec<PendingCondition> {
    let mut out = Vec::new();
    let ips = !p.source_ips.is_empty();
    let hosts = !p.hostnames.is_empty();
    if ips || hosts {
        let (ip_hit, ip_reason) = source_ips(msg.ip, p);
        if ips && ip_hit {
            out.push(PendingCondition {
                pending: Pending::Known(true),
                fails: vec![],
            });
        } else {
            let mut fails = Vec::new();
            let mut pending = Pending::Known(false);
            if ips {
                fails.push(ip_reason);
            }
            if hosts {
                let (h, r) = hostnames(msg, p, label);
                if !matches!(h, Pending::Known(true)) {
                    fails.push(r);
                }
                pending = h;
            }
            out.push(PendingCondition { pending, fails });
        }
    }
    if !p.spf_domains.is_empty() {
        out.push(spf_domains(cfg, msg.ip, p));
    }
    out
}

/// Warnings on SPF domains that are a shared provider's (ASP001).
pub fn provider_warnings(p: &Policy) -> Vec<String> {
    p.spf_domains
        .iter()
        .filter_map(|d| {
            provider_of_spf_domain(d).map(|prov| {
                format!(
                    "{d} authorizes every customer of {} (see ASP001)",
                    prov.name
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_match_at_label_boundaries_and_wildcards_match_subdomains_only() {
        assert!(host_matches("mail.example.net", "mail.example.net"));
        assert!(host_matches("example.net", "mx1.example.net"));
        assert!(!host_matches("example.net", "badexample.net"));
        assert!(!host_matches("*.example.net", "example.net"));
        assert!(host_matches("*.example.net", "a.example.net"));
        assert!(host_matches(".example.net", "a.example.net"));
        assert!(!host_matches("", "a.example.net"));
    }
}
