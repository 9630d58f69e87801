//! Target matching (spec R3.3) for one address or display name, before any
//! atom is raised: a match is known, or turns on unknown facts.

use super::super::output::Reason;
use super::super::primitives::{glob_match, normalise_display_name, Address};
use super::levels::level;
use super::reasons::reason;
use crate::model::{Config, Target};
use crate::providers::{free_mail_base, is_same_or_subdomain};
use crate::scope::{group_label, group_members};

/// An unknown fact a match would turn on (raised only when needed).
#[derive(Debug, Clone, PartialEq)]
pub struct AtomSpec {
    /// The atom's name.
    pub name: String,
    /// Why it is unknown.
    pub why: String,
    /// The policy reason while it is unknown.
    pub reason: Reason,
}

/// A match before atoms: known, or true when any of the facts holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Known.
    Known(bool),
    /// True when any of these facts holds.
    Atoms(Vec<AtomSpec>),
}

impl Pending {
    /// Either matches.
    pub fn or(self, other: Pending) -> Pending {
        match (self, other) {
            (Pending::Known(true), _) | (_, Pending::Known(true)) => Pending::Known(true),
            (Pending::Known(false), p) | (p, Pending::Known(false)) => p,
            (Pending::Atoms(mut a), Pending::Atoms(b)) => {
                a.extend(b);
                Pending::Atoms(a)
            }
        }
    }

    /// Fails on known facts.
    pub fn known_false(&self) -> bool {
        matches!(self, Pending::Known(false))
    }
}

/// True when `a` is in an internal domain (R2.6); the null sender is not.
pub fn internal(cfg: &Config, a: Option<&Address>) -> bool {
    a.is_some_and(|a| cfg.internal_domain_containing(&a.domain).is_some())
}

/// An Email Domain value as compared: no `*@` or `@`, lower-case.
pub fn domain_value(v: &str) -> String {
    let t = v.trim();
    let t = t
        .strip_prefix("*@")
        .or_else(|| t.strip_prefix('@'))
        .unwrap_or(t);
    t.trim_end_matches('.').to_lowercase()
}

/// A warning for a wildcard that also matches longer names
/// (`*salesforce.com` matches `evilsalesforce.com`).
pub fn wildcard_warning(t: &Target) -> Option<String> {
    let v = match t {
        Target::EmailDomain(v) | Target::IndividualEmailAddress(v) => v,
        _ => return None,
    };
    let loose = v
        .char_indices()
        .any(|(i, c)| c == '*' && !matches!(v.get(i + 1..i + 2), Some(".") | Some("@") | None));
    loose.then(|| {
        format!(
            "the wildcard in {v} matches any characters, so it also matches names that only end the same way (for example evil{})",
            v.trim_start_matches(['*', '@'])
        )
    })
}

/// How a target is named in reasons: level name, then its value.
pub fn describe(cfg: &Config, t: &Target) -> String {
    let (_, lvl) = level(t);
    match t {
        Target::EmailDomain(v)
        | Target::IndividualEmailAddress(v)
        | Target::AddressAttribute(v) => {
            format!("{lvl} {v}")
        }
        Target::HeaderDisplayName(v) => format!("{lvl} \"{v}\""),
        Target::ProfileGroup { .. } => format!("{lvl} {}", group_label(cfg, t)),
        Target::Unknown(k) => format!("scope type \"{k}\""),
        _ => lvl.to_string(),
    }
}

fn group_id(cfg: &Config, t: &Target) -> String {
    match t {
        Target::ProfileGroup { id, .. } if !id.is_empty() => id.clone(),
        _ => group_label(cfg, t),
    }
}

/// Does `t` match address `a` (`None`: the null sender)?
pub fn match_address(cfg: &Config, t: &Target, a: Option<&Address>) -> Pending {
    let Some(a) = a else {
        // The null sender matches only Everyone and External Addresses.
        return Pending::Known(matches!(t, Target::Everyone | Target::ExternalAddresses));
    };
    let known = |b| Pending::Known(b);
    match t {
        Target::Everyone => known(true),
        Target::InternalAddresses => known(internal(cfg, Some(a))),
        Target::ExternalAddresses => known(!internal(cfg, Some(a))),
        Target::EmailDomain(v) => {
            let v = domain_value(v);
            if v.is_empty() {
                known(false)
            } else if v.contains('*') {
                known(glob_match(&v, &a.domain))
            } else {
                known(is_same_or_subdomain(&a.domain, &v))
            }
        }
        Target::IndividualEmailAddress(v) => {
            let v = v.trim().to_lowercase();
            if v.contains('*') {
                known(glob_match(&v, &a.text()))
            } else {
                known(!v.is_empty() && v == a.text())
            }
        }
        Target::ProfileGroup { .. } => match group_members(cfg, t) {
            Some(members) => known(members.iter().any(|m| {
                let addr = m.email_address.trim();
                if addr.is_empty() {
                    !m.domain.trim().is_empty() && is_same_or_subdomain(&a.domain, m.domain.trim())
                } else {
                    addr.eq_ignore_ascii_case(&a.text())
                }
            })),
            None => {
                let label = group_label(cfg, t);
                Pending::Atoms(vec![AtomSpec {
                    name: format!("groupMember({}, {})", group_id(cfg, t), a.text()),
                    why: format!("members of profile group {label} were not collected"),
                    reason: reason(
                        "GROUP_NOT_LOADED",
                        format!("members of profile group {label} were not collected"),
                        &[("group", &label), ("address", &a.text())],
                    ),
                }])
            }
        },
        Target::AddressAttribute(v) => Pending::Atoms(vec![AtomSpec {
            name: format!("attribute({v}, {})", a.text()),
            why: "address attributes are not in the bundle".into(),
            reason: reason(
                "ATTRIBUTE_UNKNOWN",
                "address attributes are not in the bundle",
                &[("attribute", v), ("address", &a.text())],
            ),
        }]),
        Target::FreeMailDomains => known(free_mail_base(&a.domain).is_some()),
        Target::HeaderDisplayName(_) | Target::Unknown(_) => known(false),
    }
}

/// Does a Header Display Name value match the message's display name
/// (already normalised)?
pub fn match_display(value: &str, display_norm: &str) -> bool {
    let v = normalise_display_name(value);
    !v.is_empty() && v == display_norm
}
