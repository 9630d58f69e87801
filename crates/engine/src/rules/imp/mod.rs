//! Impersonation Protect (IMP) rules, and what they share: finding the
//! definition a policy selects, and which definitions effective policies use.

mod impersonation_bypasses_permitted_senders;
mod impersonation_identifiers_disabled;
mod impersonation_lenient_threshold_or_action;
mod impersonation_protect_missing;
mod vip_group_stale;
mod vip_policy_missing;

pub use impersonation_bypasses_permitted_senders::ImpersonationBypassesPermittedSenders;
pub use impersonation_identifiers_disabled::ImpersonationIdentifiersDisabled;
pub use impersonation_lenient_threshold_or_action::ImpersonationLenientThresholdOrAction;
pub use impersonation_protect_missing::ImpersonationProtectMissing;
pub use vip_group_stale::VipGroupStale;
pub use vip_policy_missing::VipPolicyMissing;

use chrono::{DateTime, Utc};

use super::{Confidence, Evidence, Finding, Rule, RuleMeta, Subject};
use crate::model::{
    Config, ImpersonationAction, ImpersonationDefinition, Known, Origin, Policy, Section, Target,
};
use crate::scope::{
    directions, is_effective, may_include_external_senders, may_include_internal_recipients,
};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &ImpersonationProtectMissing,
    &VipPolicyMissing,
    &VipGroupStale,
    &ImpersonationIdentifiersDisabled,
    &ImpersonationLenientThresholdOrAction,
    &ImpersonationBypassesPermittedSenders,
];

/// The definition a policy selects: matched on the definition id, else on
/// the definition's description (the console shows the name, so a
/// hand-recorded policy may carry that instead of the id).
pub(crate) fn definition_of<'a>(
    cfg: &'a Config,
    p: &Policy,
) -> Option<&'a ImpersonationDefinition> {
    crate::scope::definition_of(p, &cfg.impersonation_definitions)
}

/// How a definition is named in messages: “description” (id), or the id.
pub(crate) fn def_label(d: &ImpersonationDefinition) -> String {
    match d.description.trim() {
        "" => format!("definition {}", d.id),
        desc if desc == d.id => format!("definition {}", d.id),
        desc => format!("definition \u{201c}{desc}\u{201d} ({})", d.id),
    }
}

/// The text with its first letter in upper case (to start a sentence).
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The action as a word, `not recorded` when absent.
pub(crate) fn action_text(a: Option<&Known<ImpersonationAction>>) -> String {
    match a {
        None => "not recorded".into(),
        Some(Known::Known(ImpersonationAction::None)) => "none".into(),
        Some(Known::Known(ImpersonationAction::Hold)) => "hold".into(),
        Some(Known::Known(ImpersonationAction::Bounce)) => "bounce".into(),
        Some(Known::Unknown(v)) => format!("\"{v}\" (not known to this tool)"),
    }
}

/// The hit threshold as text, `not recorded` when absent.
pub(crate) fn threshold_text(d: &ImpersonationDefinition) -> String {
    d.hit_threshold
        .map(|n| n.to_string())
        .unwrap_or_else(|| "not recorded".into())
}

/// Labels of a list of policies, for messages.
pub(crate) fn labels(policies: &[&Policy]) -> String {
    policies
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "policy “A”" or "policies “A”, “B”", for messages.
pub(crate) fn policy_list(policies: &[&Policy]) -> String {
    match policies.len() {
        1 => format!("policy {}", policies[0].label()),
        _ => format!("policies {}", labels(policies)),
    }
}

/// One definition as used by the effective policies.
pub(crate) enum DefinitionUse<'a> {
    /// The definition was loaded; the effective policies that select it.
    Found(&'a ImpersonationDefinition, Vec<&'a Policy>),
    /// The policies name a definition id (or none: `None`) that is not among
    /// the loaded definitions.
    Missing(Option<String>, Vec<&'a Policy>),
}

/// The definitions selected by effective Impersonation Protect policies, in
/// the order the policies were loaded, each once.
pub(crate) fn definitions_in_use(cfg: &Config, at: DateTime<Utc>) -> Vec<DefinitionUse<'_>> {
    let mut out: Vec<DefinitionUse> = Vec::new();
    for p in cfg
        .policies(Section::ImpersonationPolicies)
        .iter()
        .filter(|p| is_effective(p, at))
    {
        match definition_of(cfg, p) {
            Some(d) => match out
                .iter_mut()
                .find(|u| matches!(u, DefinitionUse::Found(x, _) if x.id == d.id))
            {
                Some(DefinitionUse::Found(_, ps)) => ps.push(p),
                _ => out.push(DefinitionUse::Found(d, vec![p])),
            },
            None => {
                let id = p.definition_id.clone().filter(|i| !i.trim().is_empty());
                // A policy without any definition id is its own entry.
                let existing = id.as_ref().and_then(|id| {
                    out.iter_mut()
                        .find(|u| matches!(u, DefinitionUse::Missing(Some(x), _) if x == id))
                });
                match existing {
                    Some(DefinitionUse::Missing(_, ps)) => ps.push(p),
                    _ => out.push(DefinitionUse::Missing(id, vec![p])),
                }
            }
        }
    }
    out
}

/// The low-confidence finding for effective policies whose definition was
/// not loaded: the rule cannot check it, and says so rather than pass.
pub(crate) fn unchecked_definition(
    meta: &RuleMeta,
    id: Option<&str>,
    policies: &[&Policy],
    what: &str,
) -> Finding {
    let evidence = policies
        .iter()
        .map(|p| {
            let value = match id {
                Some(id) => format!("{}: definitionId {id}", p.label()),
                None => format!("{}: no definition recorded", p.label()),
            };
            Evidence::at(&p.origin, p.origin.field("definitionId"), value)
        })
        .collect();
    let (subject, verb) = if policies.len() == 1 {
        ("Effective policy", "selects")
    } else {
        ("Effective policies", "select")
    };
    let (message, object) = match id {
        Some(id) => (
            format!(
                "{subject} {} {verb} definition {id}, which is not among the loaded Impersonation Protect definitions, so its {what} could not be checked.",
                labels(policies)
            ),
            Subject::reference(id),
        ),
        None => (
            format!("Effective policy {} records no definition, so its {what} could not be checked.", labels(policies)),
            match policies.first() {
                Some(p) => Subject::policy(Section::ImpersonationPolicies, p),
                None => Subject::section(Section::ImpersonationPolicies),
            },
        ),
    };
    Finding {
        severity: meta.severity,
        message,
        object,
        confidence: Confidence::Low,
        evidence,
    }
}

/// Evidence about a whole section (used when it holds no record to point at).
pub(crate) fn section_evidence(
    cfg: &Config,
    section: Section,
    value: impl Into<String>,
) -> Evidence {
    let file = cfg
        .sections
        .get(&section)
        .map(|s| s.sources.join(", "))
        .unwrap_or_default();
    Evidence::at(
        &Origin {
            file: file.into(),
            path: String::new(),
            conditions_path: String::new(),
        },
        section.key().to_string(),
        value,
    )
}

/// The directions in which a policy aims at VIPs: inbound mail to a profile
/// group, or from senders matched on a header display name.
pub(crate) fn vip_directions<'p>(p: &'p Policy, cfg: &Config) -> Vec<(&'p Target, &'p Target)> {
    directions(p)
        .into_iter()
        .filter(|(f, t)| {
            (matches!(t, Target::ProfileGroup { .. }) || matches!(f, Target::HeaderDisplayName(_)))
                && may_include_external_senders(f, cfg)
                && may_include_internal_recipients(t, cfg)
        })
        .collect()
}
