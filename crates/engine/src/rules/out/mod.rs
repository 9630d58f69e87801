//! Outbound authentication (OUT) rules: how Mimecast DKIM-signs the mail
//! it sends for the organisation.

mod outbound_dkim_key_unvalidated;
mod outbound_dkim_weak_key;

pub use outbound_dkim_key_unvalidated::OutboundDkimKeyUnvalidated;
pub use outbound_dkim_weak_key::OutboundDkimWeakKey;

use super::{Confidence, Ctx, Evidence, Finding, Rule, RuleMeta, Subject};
use crate::model::{Config, DkimDefinition, Policy, Section};
use crate::scope::{definition_of, describe_scope, is_effective};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[&OutboundDkimKeyUnvalidated, &OutboundDkimWeakKey];

/// Each signing definition (`signDkim` true) that an effective outbound
/// policy selects, with those policies, in definition order.
pub fn signing_in_use<'a>(ctx: &Ctx<'a>) -> Vec<(&'a DkimDefinition, Vec<&'a Policy>)> {
    let defs = &ctx.cfg.gateway_services.dkim_definitions;
    let policies: Vec<&Policy> = ctx
        .cfg
        .policies(Section::DnsAuthOutboundPolicies)
        .iter()
        .filter(|p| is_effective(p, ctx.at))
        .collect();
    defs.iter()
        .filter(|d| d.sign_dkim == Some(true))
        .filter_map(|d| {
            let users: Vec<&Policy> = policies
                .iter()
                .copied()
                .filter(|p| definition_of(p, defs).is_some_and(|x| std::ptr::eq(x, d)))
                .collect();
            (!users.is_empty()).then_some((d, users))
        })
        .collect()
}

/// "“DKIM example.com” (def-1)", or the id alone.
pub fn label(d: &DkimDefinition) -> String {
    if d.description.is_empty() {
        format!("definition {}", d.id)
    } else {
        format!("\u{201c}{}\u{201d} ({})", d.description, d.id)
    }
}

/// "policy “X”" or "2 policies such as “X”".
pub fn used_by(users: &[&Policy]) -> String {
    match users {
        [one] => format!("policy {}", one.label()),
        [first, ..] => format!("{} policies such as {}", users.len(), first.label()),
        [] => "no policy".into(),
    }
}

/// Evidence: the definition's domain and selector, then each policy using
/// it (at most ten) with its scope.
pub fn evidence(cfg: &Config, d: &DkimDefinition, users: &[&Policy]) -> Vec<Evidence> {
    let mut ev = Vec::new();
    if let Some(domain) = &d.domain {
        ev.push(Evidence::at(
            &d.origin,
            d.origin.field("domain"),
            domain.clone(),
        ));
    }
    if let Some(s) = &d.selector {
        ev.push(Evidence::at(
            &d.origin,
            d.origin.field("selector"),
            s.clone(),
        ));
    }
    for p in users.iter().take(10) {
        ev.push(Evidence::at(
            &p.origin,
            p.origin.field("definitionId"),
            format!(
                "used by DNS Authentication - Outbound policy {} ({})",
                p.label(),
                describe_scope(p, cfg)
            ),
        ));
    }
    ev
}

/// The finding about a signing definition in use: "DKIM definition X for
/// example.com, used by policy Y, <problem>", with `first` (what is wrong)
/// ahead of the definition's domain, selector and the policies using it.
pub fn finding(
    meta: &RuleMeta,
    ctx: &Ctx,
    d: &DkimDefinition,
    users: &[&Policy],
    first: Vec<Evidence>,
    problem: &str,
) -> Finding {
    let mut evidence = first;
    evidence.extend(self::evidence(ctx.cfg, d, users));
    let domain = d
        .domain
        .as_deref()
        .map(|x| format!(" for {x}"))
        .unwrap_or_default();
    Finding {
        severity: meta.severity,
        message: format!(
            "DKIM definition {}{domain}, used by {}, {problem}",
            label(d),
            used_by(users),
        ),
        object: Subject::record(&d.id, &d.origin),
        confidence: Confidence::High,
        evidence,
    }
}
