//! How Mimecast applies a policy: whether it is in force, and whom it
//! covers. Every rule asks here, so no rule re-implements scoping.

use chrono::{DateTime, Utc};

use super::model::{
    domain_key, Config, DnsAuthDefinition, Group, GroupMember, ImpersonationDefinition, Policy,
    SpamDefinition, Target,
};
use super::providers::is_same_or_subdomain;

/// Why a policy is not in force at the analysis date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inactive {
    /// The policy is switched off.
    Disabled,
    /// Its validity window ended at this instant.
    Expired(DateTime<Utc>),
    /// Its validity window starts at this instant.
    NotYetStarted(DateTime<Utc>),
}

impl Inactive {
    /// Why, for messages: "disabled", "expired on 2025-01-31" …
    pub fn describe(&self) -> String {
        match self {
            Inactive::Disabled => "disabled".into(),
            Inactive::Expired(d) => format!("expired on {}", d.format("%Y-%m-%d")),
            Inactive::NotYetStarted(d) => format!("starts on {}", d.format("%Y-%m-%d")),
        }
    }
}

/// `Ok` when the policy is enabled and inside its validity window at `at`.
pub fn activity(p: &Policy, at: DateTime<Utc>) -> Result<(), Inactive> {
    if !p.enabled {
        return Err(Inactive::Disabled);
    }
    if let Some(from) = p.validity.from.filter(|f| at < *f) {
        return Err(Inactive::NotYetStarted(from));
    }
    if let Some(to) = p.validity.to.filter(|t| at > *t) {
        return Err(Inactive::Expired(to));
    }
    Ok(())
}

/// True when the policy is enabled and inside its validity window at `at`.
pub fn is_effective(p: &Policy, at: DateTime<Utc>) -> bool {
    activity(p, at).is_ok()
}

/// Whether a scope covers a whole sending domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// It does.
    Yes,
    /// It does not.
    No,
    /// Cannot be decided from what was loaded (e.g. a profile group whose
    /// members were not collected); the reason says what is missing.
    Unknown(String),
}

/// The sender scopes of a policy: its from-scope, plus its to-scope when it
/// is bi-directional (Mimecast then also applies it with from/to swapped).
pub fn sender_scopes(p: &Policy) -> Vec<&Target> {
    let mut v = vec![&p.from];
    if p.bidirectional {
        v.push(&p.to);
    }
    v
}

/// Is `domain` one of the tenant's internal domains (or below one)?
pub fn is_internal_domain(cfg: &Config, domain: &str) -> bool {
    cfg.internal_domain_containing(domain).is_some()
}

/// The domain part of an address (`a@b.example` → `b.example`), or the
/// input itself when it has no `@`.
pub fn domain_of(address: &str) -> String {
    let a = address
        .trim()
        .trim_start_matches("*@")
        .trim_start_matches('@')
        .trim_start_matches("*.");
    a.rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or(a)
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// The members of a profile-group target: `None` when they were not
/// loaded (so nothing can be concluded), `Some(&[])` for an empty group.
pub fn group_members<'a>(cfg: &'a Config, target: &Target) -> Option<&'a [GroupMember]> {
    let Target::ProfileGroup { id, .. } = target else {
        return None;
    };
    let found = if id.is_empty() {
        None
    } else {
        cfg.group_members.get(id)
    };
    // A value typed from the console may be the group's name, not its id.
    found
        .or_else(|| group_record(cfg, target).and_then(|g| cfg.group_members.get(&g.id)))
        .map(Vec::as_slice)
}

/// The profile-group record a target names: by id, else by a name typed
/// where the id goes or given as the group's name.
pub fn group_record<'a>(cfg: &'a Config, target: &Target) -> Option<&'a Group> {
    let Target::ProfileGroup { id, name } = target else {
        return None;
    };
    let by_name = |n: &str| {
        cfg.groups
            .iter()
            .find(|g| !n.is_empty() && g.description.eq_ignore_ascii_case(n))
    };
    cfg.groups
        .iter()
        .find(|g| !id.is_empty() && g.id == *id)
        .or_else(|| name.as_deref().and_then(by_name))
        .or_else(|| by_name(id))
}

/// A record a policy selects as its definition ("Select Option").
pub trait Definition {
    /// The definition's id.
    fn id(&self) -> &str;
    /// The definition's name.
    fn description(&self) -> &str;
}

macro_rules! definitions {
    ($($t:ty),*) => {$(
        impl Definition for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn description(&self) -> &str {
                &self.description
            }
        }
    )*};
}
definitions!(
    ImpersonationDefinition,
    DnsAuthDefinition,
    SpamDefinition,
    crate::model::DkimDefinition,
    crate::model::UrlProtectDefinition,
    crate::model::AttachmentProtectDefinition,
    crate::model::AttachmentManagementDefinition
);

/// The definition a policy selects: by id, else by description (the console
/// shows the name, so a hand-recorded policy may carry that instead).
pub fn definition_of<'a, D: Definition>(p: &Policy, defs: &'a [D]) -> Option<&'a D> {
    let wanted = p.definition_id.as_deref()?.trim();
    defs.iter().find(|d| d.id() == wanted).or_else(|| {
        defs.iter().find(|d| {
            !d.description().trim().is_empty()
                && d.description().trim().eq_ignore_ascii_case(wanted)
        })
    })
}

/// The display name of a profile-group target.
pub fn group_label(cfg: &Config, target: &Target) -> String {
    match target {
        Target::ProfileGroup { id, name } => name
            .clone()
            .or_else(|| group_record(cfg, target).map(|g| g.description.clone()))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.clone()),
        other => other.describe(),
    }
}

/// Does `target`, used as a sender scope, cover every address of the
/// internal domain `domain`?
pub fn covers_internal_domain(target: &Target, domain: &str, cfg: &Config) -> Coverage {
    match target {
        Target::Everyone | Target::InternalAddresses => Coverage::Yes,
        Target::EmailDomain(d) if is_same_or_subdomain(domain, d) => Coverage::Yes,
        Target::ProfileGroup { .. } => match group_members(cfg, target) {
            None => Coverage::Unknown(format!(
                "profile group {} may contain the domain, but its members were not loaded",
                group_label(cfg, target)
            )),
            Some(members) => {
                let whole = members
                    .iter()
                    .any(|m| m.email_address.is_empty() && is_same_or_subdomain(domain, &m.domain));
                if whole {
                    Coverage::Yes
                } else {
                    Coverage::No
                }
            }
        },
        Target::Unknown(t) => {
            Coverage::Unknown(format!("scope type \"{t}\" is not known to this tool"))
        }
        _ => Coverage::No,
    }
}

/// Best coverage among a policy's sender scopes.
pub fn policy_covers_internal_domain(p: &Policy, domain: &str, cfg: &Config) -> Coverage {
    let mut best = Coverage::No;
    for t in sender_scopes(p) {
        match covers_internal_domain(t, domain, cfg) {
            Coverage::Yes => return Coverage::Yes,
            Coverage::Unknown(r) => best = Coverage::Unknown(r),
            Coverage::No => {}
        }
    }
    best
}

/// Which of a set of policies cover which internal domains (as
/// [`policy_covers_internal_domain`] says `Yes`), built once so that a rule
/// over many domains and many policies stays linear.
pub struct CoverIndex<'a> {
    everyone: Option<&'a Policy>,
    domains: std::collections::HashMap<String, &'a Policy>,
}

impl<'a> CoverIndex<'a> {
    /// Indexes `policies`; `cfg` gives the members of profile groups.
    pub fn build(policies: impl IntoIterator<Item = &'a Policy>, cfg: &'a Config) -> Self {
        let mut index = CoverIndex {
            everyone: None,
            domains: Default::default(),
        };
        for p in policies {
            for t in sender_scopes(p) {
                match t {
                    Target::Everyone | Target::InternalAddresses => {
                        index.everyone.get_or_insert(p);
                    }
                    Target::EmailDomain(d) if !d.trim().is_empty() => {
                        index.domains.entry(domain_key(d)).or_insert(p);
                    }
                    Target::ProfileGroup { .. } => {
                        for m in group_members(cfg, t)
                            .unwrap_or(&[])
                            .iter()
                            .filter(|m| m.email_address.is_empty() && !m.domain.is_empty())
                        {
                            index.domains.entry(domain_key(&m.domain)).or_insert(p);
                        }
                    }
                    _ => {}
                }
            }
        }
        index
    }

    /// A policy that covers `domain`, if any.
    pub fn covering(&self, domain: &str) -> Option<&'a Policy> {
        if self.everyone.is_some() {
            return self.everyone;
        }
        let name = domain_key(domain);
        let mut rest = name.as_str();
        loop {
            if let Some(p) = self.domains.get(rest) {
                return Some(p);
            }
            rest = rest.split_once('.')?.1;
        }
    }
}

/// The (sender scope, recipient scope) pairs a policy applies in: its own,
/// plus the swapped pair when it is bi-directional.
pub fn directions(p: &Policy) -> Vec<(&Target, &Target)> {
    let mut v = vec![(&p.from, &p.to)];
    if p.bidirectional {
        v.push((&p.to, &p.from));
    }
    v
}

/// Can this sender scope include senders outside the organisation?
pub fn may_include_external_senders(t: &Target, cfg: &Config) -> bool {
    match t {
        Target::InternalAddresses => false,
        Target::EmailDomain(d) => !is_internal_domain(cfg, d),
        Target::IndividualEmailAddress(a) => !is_internal_domain(cfg, &domain_of(a)),
        _ => true,
    }
}

/// Can this recipient scope include the organisation's own users?
pub fn may_include_internal_recipients(t: &Target, cfg: &Config) -> bool {
    match t {
        Target::ExternalAddresses | Target::FreeMailDomains => false,
        Target::EmailDomain(d) => is_internal_domain(cfg, d) || cfg.internal_domains.is_empty(),
        Target::IndividualEmailAddress(a) => {
            is_internal_domain(cfg, &domain_of(a)) || cfg.internal_domains.is_empty()
        }
        _ => true,
    }
}

/// The policy applies to at least some inbound mail (external senders to
/// internal recipients).
pub fn applies_inbound(p: &Policy, cfg: &Config) -> bool {
    directions(p).iter().any(|(f, t)| {
        may_include_external_senders(f, cfg) && may_include_internal_recipients(t, cfg)
    })
}

/// The policy applies to all inbound mail: from Everyone or External
/// Addresses, to Everyone or Internal Addresses.
pub fn covers_all_inbound(p: &Policy) -> bool {
    directions(p).iter().any(|(f, t)| {
        matches!(f, Target::Everyone | Target::ExternalAddresses)
            && matches!(t, Target::Everyone | Target::InternalAddresses)
    })
}

/// A short description of a policy's scope: `from everyone to internal_addresses`.
pub fn describe_scope(p: &Policy, cfg: &Config) -> String {
    let side = |t: &Target| match t {
        Target::ProfileGroup { .. } => format!("profile_group {}", group_label(cfg, t)),
        other => other.describe(),
    };
    let mut s = format!("from {} to {}", side(&p.from), side(&p.to));
    if p.bidirectional {
        s.push_str(" (bi-directional)");
    }
    s
}

#[cfg(test)]
mod tests;
