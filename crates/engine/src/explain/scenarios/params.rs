//! The tenant-derived parameters of the scenarios (spec R6.1): the
//! domains, the VIP name N, the permitted third-party domain P and the
//! managed-sender entry E.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use crate::model::{Config, ManagedKind, ManagedSender, Policy, PolicyOption, Section, Target};
use crate::scope::{group_members, is_effective};

/// Internal domains that receive mail (not send-only), alphabetical,
/// without duplicates.
pub fn domains(cfg: &Config) -> Vec<String> {
    let mut v: Vec<String> = cfg
        .internal_domains
        .iter()
        .filter(|d| !d.send_only)
        .map(|d| d.domain.trim().trim_end_matches('.').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The spec's canonical policy order: id (empty last), description, file,
/// path — all ascending, byte-wise.
pub fn canonical(a: &Policy, b: &Policy) -> Ordering {
    let id = |p: &Policy| p.id.clone().unwrap_or_default();
    let (ia, ib) = (id(a), id(b));
    (ia.is_empty(), ia)
        .cmp(&(ib.is_empty(), ib))
        .then_with(|| a.description.cmp(&b.description))
        .then_with(|| a.origin.file.cmp(&b.origin.file))
        .then_with(|| a.origin.path.cmp(&b.origin.path))
}

/// The VIP name N: the first (canonical order) Header Display Name value of
/// an effective Impersonation Protect policy; else the name of the first
/// internal member (by address) of a profile group that scopes one.
pub fn vip_name(cfg: &Config, at: DateTime<Utc>) -> Option<String> {
    let mut policies: Vec<&Policy> = cfg
        .policies(Section::ImpersonationPolicies)
        .iter()
        .filter(|p| is_effective(p, at))
        .collect();
    policies.sort_by(|a, b| canonical(a, b));
    let display = policies.iter().find_map(|p| {
        [&p.from, &p.to].into_iter().find_map(|t| match t {
            Target::HeaderDisplayName(v) if !v.trim().is_empty() => Some(v.trim().to_string()),
            _ => None,
        })
    });
    if display.is_some() {
        return display;
    }
    let mut members: Vec<(&str, &str)> = policies
        .iter()
        .flat_map(|p| [&p.from, &p.to])
        .filter_map(|t| group_members(cfg, t))
        .flatten()
        .filter(|m| !m.email_address.is_empty() && !m.name.trim().is_empty())
        .filter(|m| {
            m.internal
                .unwrap_or_else(|| crate::scope::is_internal_domain(cfg, &m.domain))
        })
        .map(|m| (m.email_address.as_str(), m.name.trim()))
        .collect();
    members.sort();
    members.first().map(|(_, n)| n.to_string())
}

/// Whether `domain` is a free-mail domain (or below one).
pub fn is_free_mail(domain: &str) -> bool {
    crate::providers::free_mail_base(domain).is_some()
}

/// A whole domain a permit names, or `None` for a pattern with a wildcard
/// or something that is not a domain.
fn whole_domain(value: &str) -> Option<String> {
    let d = value
        .trim()
        .trim_start_matches("*@")
        .trim_start_matches('@')
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let ok = !d.is_empty()
        && d.contains('.')
        && !d.contains(['*', '@', ' ', '/'])
        && !d.starts_with('.');
    ok.then_some(d)
}

/// The permitted third-party domain P: the first whole domain,
/// alphabetically, that an effective `permit_sender` policy permits (an
/// Email Domain from-scope, or a domain member of the profile group that is
/// its from-scope), not internal and not free-mail.
pub fn permitted_domain(cfg: &Config, at: DateTime<Utc>) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for p in cfg.policies(Section::PermittedSenderPolicies) {
        if p.option != PolicyOption::PermitSender || !is_effective(p, at) {
            continue;
        }
        match &p.from {
            Target::EmailDomain(v) => found.extend(whole_domain(v)),
            t @ Target::ProfileGroup { .. } => {
                if let Some(members) = group_members(cfg, t) {
                    found.extend(
                        members
                            .iter()
                            .filter(|m| m.email_address.is_empty())
                            .filter_map(|m| whole_domain(&m.domain)),
                    );
                }
            }
            _ => {}
        }
    }
    found.retain(|d| !crate::scope::is_internal_domain(cfg, d) && !is_free_mail(d));
    found.into_iter().min()
}

/// The managed-sender entry E of SC7.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedEntry {
    /// The recipient whose list holds it (empty: every recipient).
    pub to: String,
    /// The sender as written (lowercase).
    pub sender: String,
    /// `Some(F)` for a whole-domain entry (the domain to send from), `None`
    /// for an address.
    pub domain: Option<String>,
    /// Permit or AutoAllow.
    pub auto_allow: bool,
}

/// A whole-domain managed-sender form: `d`, `@d`, `*@d` (the domain
/// itself) or `*.d`, `@*.d` (a subdomain: `mail.d`).
fn entry_domain(sender: &str) -> Option<String> {
    let s = sender.trim().to_ascii_lowercase();
    if let Some(d) = s
        .strip_prefix("@*.")
        .or_else(|| s.strip_prefix("*."))
        .and_then(whole_domain)
    {
        return Some(format!("mail.{d}"));
    }
    if s.contains('@') && !s.starts_with('@') && !s.starts_with("*@") {
        return None;
    }
    whole_domain(&s)
}

/// The domain an entry's sender belongs to (address or pattern), without
/// allocating (a big tenant has hundreds of thousands of entries).
fn sender_domain(sender: &str) -> &str {
    let s = sender.trim();
    let s = s.rsplit_once('@').map_or(s, |(_, d)| d);
    s.trim_start_matches("*.").trim_end_matches('.')
}

/// E: the first (whole-domain entries first, then alphabetical by sender)
/// `Permit` or unexpired `AutoAllow` entry whose sender is a free-mail
/// domain or an address at one.
pub fn managed_entry(cfg: &Config, at: DateTime<Utc>) -> Option<ManagedEntry> {
    let usable = |m: &ManagedSender| match &m.kind {
        crate::model::Known::Known(ManagedKind::Permit) => true,
        crate::model::Known::Known(ManagedKind::AutoAllow) => m.expires.is_none_or(|e| e >= at),
        _ => false,
    };
    cfg.managed_senders
        .iter()
        .filter(|m| usable(m))
        .filter(|m| {
            let d = sender_domain(m.sender());
            !d.is_empty() && is_free_mail(d)
        })
        .map(|m| ManagedEntry {
            to: m.to().trim().to_ascii_lowercase(),
            sender: m.sender().trim().to_ascii_lowercase(),
            domain: entry_domain(m.sender()),
            auto_allow: matches!(m.kind, crate::model::Known::Known(ManagedKind::AutoAllow)),
        })
        .min_by(|a, b| {
            (a.domain.is_none(), &a.sender, &a.to).cmp(&(b.domain.is_none(), &b.sender, &b.to))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_domain_entries_and_addresses_are_told_apart() {
        assert_eq!(entry_domain("gmail.com").as_deref(), Some("gmail.com"));
        assert_eq!(entry_domain("@gmail.com").as_deref(), Some("gmail.com"));
        assert_eq!(entry_domain("*@gmail.com").as_deref(), Some("gmail.com"));
        assert_eq!(
            entry_domain("*.gmail.com").as_deref(),
            Some("mail.gmail.com")
        );
        assert_eq!(
            entry_domain("@*.gmail.com").as_deref(),
            Some("mail.gmail.com")
        );
        assert_eq!(entry_domain("bob@gmail.com"), None);
        assert_eq!(whole_domain("*salesforce.com"), None);
        assert_eq!(
            whole_domain("@Partner.Example."),
            Some("partner.example".into())
        );
    }

    #[test]
    fn free_mail_is_matched_on_label_boundaries() {
        assert!(is_free_mail("gmail.com"));
        assert!(is_free_mail("mail.gmail.com"));
        assert!(!is_free_mail("notgmail.com"));
    }
}
