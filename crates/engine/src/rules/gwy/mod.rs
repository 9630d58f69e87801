//! Mail routing and the Microsoft 365 side (GWY) rules.

mod exchange_online_not_locked_to_gateway;
mod mx_bypasses_gateway;
mod reject_direct_send_off;

pub use exchange_online_not_locked_to_gateway::ExchangeOnlineNotLockedToGateway;
pub use mx_bypasses_gateway::MxBypassesGateway;
pub use reject_direct_send_off::RejectDirectSendOff;

use super::Rule;
use crate::model::{Config, ConnectorType, InboundConnector, Known};
use crate::providers::{is_mimecast_certificate, overlapping_ranges};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &MxBypassesGateway,
    &ExchangeOnlineNotLockedToGateway,
    &RejectDirectSendOff,
];

/// What one inbound connector does about mail that bypasses Mimecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lockdown {
    /// It rejects mail not coming from Mimecast; the restrictions it uses
    /// (`IP`, `certificate`).
    Yes(Vec<&'static str>),
    /// It does not; the first condition it fails.
    No(String),
    /// It would, but a value it needs could not be read.
    Unreadable(String),
}

/// `Some(b)` for a readable flag (absent: `default`), `None` for an
/// unreadable one.
fn flag(f: &Option<Known<bool>>, default: bool) -> Option<bool> {
    match f {
        None => Some(default),
        Some(Known::Known(b)) => Some(*b),
        Some(Known::Unknown(_)) => None,
    }
}

fn unknown_text(f: &Option<Known<bool>>) -> String {
    match f {
        Some(Known::Unknown(t)) => t.clone(),
        _ => String::new(),
    }
}

/// Judges one inbound connector (GWY002's lockdown connector). The
/// accepted-domain scope is not judged here: see [`covers`].
pub fn lockdown(c: &InboundConnector) -> Lockdown {
    let mut unreadable: Vec<String> = Vec::new();
    match flag(&c.enabled, true) {
        Some(false) => return Lockdown::No("disabled".into()),
        None => unreadable.push(format!("Enabled unreadable ({})", unknown_text(&c.enabled))),
        Some(true) => {}
    }
    match &c.connector_type {
        Some(Known::Known(ConnectorType::Partner)) => {}
        Some(Known::Known(ConnectorType::OnPremises)) => {
            return Lockdown::No("type OnPremises: Restrict* not applied".into())
        }
        Some(Known::Unknown(t)) => unreadable.push(format!(
            "ConnectorType unreadable ({t}): re-export with -EnumsAsStrings"
        )),
        None => return Lockdown::No("no ConnectorType given".into()),
    }
    if !c.sender_domains.iter().any(|d| d == "*") {
        return Lockdown::No(if c.sender_domains.is_empty() {
            "no sender domains, not `*`".into()
        } else {
            format!(
                "sender domains are `{}`, not `*`",
                c.sender_domains.join("`, `")
            )
        });
    }
    let mut ways = Vec::new();
    let mut why_not = Vec::new();
    match flag(&c.restrict_to_ips, false) {
        None => unreadable.push(format!(
            "RestrictDomainsToIPAddresses unreadable ({})",
            unknown_text(&c.restrict_to_ips)
        )),
        Some(false) => why_not.push("no IP restriction".to_string()),
        Some(true) if c.sender_ips.is_empty() => {
            why_not.push("IP restriction on, but no SenderIPAddresses".to_string())
        }
        Some(true) => {
            let shared: Vec<String> = c
                .sender_ips
                .iter()
                .flat_map(|ip| {
                    ip.nets.iter().flat_map(move |n| {
                        overlapping_ranges(n).into_iter().map(move |(p, _)| {
                            format!("SenderIPAddresses {} overlaps {}", ip.text, p.name)
                        })
                    })
                })
                .collect();
            if let Some(first) = shared.first() {
                why_not.push(first.clone());
            } else if c.sender_ips.iter().any(|ip| ip.nets.is_empty()) {
                why_not.push("a SenderIPAddresses entry is unreadable".to_string());
            } else {
                ways.push("IP");
            }
        }
    }
    let cert = flag(&c.restrict_to_certificate, false);
    let tls = flag(&c.require_tls, false);
    match (cert, tls) {
        (None, _) | (_, None) => unreadable.push(format!(
            "RestrictDomainsToCertificate/RequireTls unreadable ({}/{})",
            unknown_text(&c.restrict_to_certificate),
            unknown_text(&c.require_tls)
        )),
        (Some(true), Some(true)) => match c.certificate_name.as_deref() {
            Some(n) if is_mimecast_certificate(n) => ways.push("certificate"),
            Some(n) => why_not.push(format!("certificate `{n}` is not Mimecast's")),
            None => why_not.push("certificate restriction on, but no certificate name".into()),
        },
        (Some(true), Some(false)) => {
            why_not.push("certificate restriction without RequireTls".into())
        }
        _ => why_not.push("no certificate restriction".into()),
    }
    if !unreadable.is_empty() {
        // A readable restriction does not help while the type or the
        // connector's state is unknown; an unknown restriction flag only
        // matters when no readable one locks down.
        let blocking = unreadable
            .iter()
            .any(|u| u.starts_with("ConnectorType") || u.starts_with("Enabled"));
        if blocking || ways.is_empty() {
            return Lockdown::Unreadable(unreadable.join("; "));
        }
    }
    if ways.is_empty() {
        let why = if why_not.iter().all(|w| w.starts_with("no ")) {
            "no IP or certificate restriction".to_string()
        } else {
            why_not
                .into_iter()
                .filter(|w| !w.starts_with("no "))
                .collect::<Vec<_>>()
                .join("; ")
        };
        return Lockdown::No(why);
    }
    Lockdown::Yes(ways)
}

/// The lockdown connectors, with their restrictions.
pub fn lockdown_connectors(cfg: &Config) -> Vec<(&InboundConnector, Vec<&'static str>)> {
    cfg.exchange_online
        .inbound_connectors
        .iter()
        .flatten()
        .filter_map(|c| match lockdown(c) {
            Lockdown::Yes(ways) => Some((c, ways)),
            _ => None,
        })
        .collect()
}

/// True when `domain` is one of the accepted domains a connector is
/// limited to (or below one); every domain when it is not limited.
pub fn covers(c: &InboundConnector, domain: &str) -> bool {
    c.accepted_domains.is_empty()
        || c.accepted_domains
            .iter()
            .any(|a| crate::providers::is_same_or_subdomain(domain, a))
}

/// The domains that must be locked down: internal domains that receive
/// mail, and the tenant's `onmicrosoft.com` domain when it is known.
pub fn receiving_domains(cfg: &Config) -> Vec<String> {
    let mut out: Vec<String> = cfg
        .internal_domains
        .iter()
        .filter(|d| !d.send_only)
        .map(|d| crate::model::domain_key(&d.domain))
        .collect();
    if let Some(o) = &cfg.exchange_online.organization_config {
        for t in [&o.identity, &o.name].into_iter().flatten() {
            let t = crate::model::domain_key(t);
            if t.ends_with(".onmicrosoft.com") && !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}
