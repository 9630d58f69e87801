//! How Mimecast applies a policy: whether it is in force, and whom it
//! covers. Every rule asks here, so no rule re-implements scoping.

use chrono::{DateTime, Utc};

use super::model::{Config, Policy, Target};
use super::providers::is_same_or_subdomain;

/// Why a policy is not in force at the analysis date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inactive {
    Disabled,
    Expired(DateTime<Utc>),
    NotYetStarted(DateTime<Utc>),
}

impl Inactive {
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

pub fn is_effective(p: &Policy, at: DateTime<Utc>) -> bool {
    activity(p, at).is_ok()
}

/// Whether a scope covers a whole sending domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    Yes,
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

/// Does `target`, used as a sender scope, cover every address of the
/// internal domain `domain`?
pub fn covers_internal_domain(target: &Target, domain: &str, _cfg: &Config) -> Coverage {
    match target {
        Target::Everyone | Target::InternalAddresses => Coverage::Yes,
        Target::EmailDomain(d) if is_same_or_subdomain(domain, d) => Coverage::Yes,
        Target::ProfileGroup { id, name } => Coverage::Unknown(format!(
            "profile group {} may contain the domain, but its members were not loaded",
            name.as_deref().unwrap_or(id)
        )),
        Target::Unknown(t) => Coverage::Unknown(format!("scope type \"{t}\" is not known to this tool")),
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

#[cfg(test)]
mod tests;
