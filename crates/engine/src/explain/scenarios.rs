//! The tenant-derived attack scenarios (spec section 6): seven attacks
//! built from the tenant's own domains, VIP name, permitted third parties
//! and managed senders, each evaluated with the explainer. The report
//! carries the result ([`AttackPaths`]) and every export shows it.
//!
//! - [`params`]: the domains, the VIP name N, the permitted domain P and
//!   the managed-sender entry E (R6.1);
//! - the look-alike domain `L(D)` (R6.2) and the VIP's Gmail local part
//!   come from the primitives ([`crate::explain::primitives::lookalike`]);
//! - [`build`]: the message each scenario sends;
//! - [`evaluate`]: the explainer's answer, compacted, and the grouping of
//!   equal results across domains;
//! - the links to the report's findings are made by the report
//!   (`crate::report::attack_links`);
//! - [`types`]: the serialisable section.
//!
//! Cost: a big tenant has hundreds of internal domains and thousands of
//! policies. The scenarios are evaluated domain by domain (alphabetical;
//! every scenario of a domain before the next domain) within a budget of
//! work that grows with the tenant ([`budget`]); what the budget leaves out
//! is listed in [`AttackPaths::not_evaluated`] with how many and why.

use chrono::{DateTime, Utc};

use crate::explain::primitives::{lookalike_of, vip_local_part};
use crate::model::{Config, Section};

pub mod budget;
pub mod build;
pub mod evaluate;
pub mod params;
pub mod types;

pub use types::{
    AttackPaths, NotApplicable, NotEvaluated, Parameters, PathLink, ScenarioMessage,
    ScenarioResult, TracePolicy, TraceStep,
};

/// The attack paths of the tenant at `at`: SC1–SC7 built and evaluated,
/// grouped across domains, not-applicable scenarios with why; no finding
/// links (the report adds them: `crate::report::attack_links`).
pub fn attack_paths(cfg: &Config, at: DateTime<Utc>) -> AttackPaths {
    let mut p = attack_paths_per_domain(cfg, at);
    p.results = evaluate::group(std::mem::take(&mut p.results));
    p
}

/// Every scenario evaluated, one result per domain (not grouped; the
/// report links them to its findings, then groups them).
pub fn attack_paths_per_domain(cfg: &Config, at: DateTime<Utc>) -> AttackPaths {
    let domains = params::domains(cfg);
    let vip = params::vip_name(cfg, at);
    let permitted = params::permitted_domain(cfg, at);
    let entry = params::managed_entry(cfg, at);
    let mut out = AttackPaths {
        evaluated: true,
        parameters: Parameters {
            domains: domains.clone(),
            vip_name: vip.clone(),
            permitted_domain: permitted.clone(),
            managed_entry: entry.as_ref().map(|e| e.sender.clone()),
        },
        ..AttackPaths::default()
    };
    let na = |id: &str, why: &str| NotApplicable {
        scenario: id.into(),
        title: build::title(id).into(),
        why: why.into(),
    };
    if !cfg.has(Section::InternalDomains) || domains.is_empty() {
        let why = if cfg.has(Section::InternalDomains) {
            "the tenant has no internal domain that receives mail"
        } else {
            "internal domains were not loaded: the explainer needs them to tell internal from external"
        };
        out.not_applicable = build::SCENARIOS.iter().map(|(id, _)| na(id, why)).collect();
        return out;
    }
    // The jobs, domain by domain (every scenario of the first domain, then
    // of the next …); SC7, which is not per domain, after the first
    // domain's. A message is evaluated only when the explainer's bound for
    // it fits in what is left of the budget.
    let mut jobs: Vec<(&str, &str)> = Vec::new();
    for (i, d) in domains.iter().enumerate() {
        jobs.extend(["SC1", "SC2", "SC3"].map(|id| (id, d.as_str())));
        if vip.is_some() {
            jobs.push(("SC4", d));
        }
        jobs.push(("SC5", d));
        if permitted.is_some() {
            jobs.push(("SC6", d));
        }
        if i == 0 && entry.is_some() {
            jobs.push(("SC7", d));
        }
    }
    let build = |id: &str, d: &str| -> Option<build::Built> {
        Some(match id {
            "SC4" => {
                let n = vip.as_deref()?;
                build::vip(d, n, &vip_local_part(n))
            }
            "SC5" => build::lookalike(d, &lookalike_of(d)),
            "SC6" => build::permitted(d, permitted.as_deref()?),
            "SC7" => build::managed(entry.as_ref()?, d, vip.as_deref()),
            _ => build::spoof(id, d),
        })
    };
    let mut budget = budget::Budget::new(cfg);
    // Built on first use: its index of managed senders costs time on a big
    // tenant, for nothing when the budget allows no evaluation.
    let mut explainer: Option<crate::explain::Explainer<'_>> = None;
    let mut raw: Vec<ScenarioResult> = Vec::new();
    let mut errors: Vec<(&str, String)> = Vec::new();
    // Per scenario: (evaluated, left out).
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (id, d) in jobs {
        use crate::explain::Explainer;
        let built = build(id, d);
        // The explainer's bound for the message (worked out only while any
        // evaluation could fit); a message that cannot be explained costs
        // nothing, and its error is reported below.
        let evaluated = budget.allows(Explainer::MIN_VARIANT_BOUND)
            && budget.allows(built.as_ref().map_or(1, |b| {
                Explainer::variant_bound(cfg, &b.message, at).unwrap_or(1)
            }));
        if let Some(b) = built.filter(|_| evaluated) {
            let ex = explainer.get_or_insert_with(|| crate::explain::Explainer::new(cfg, at));
            match evaluate::evaluate(ex, id, &b) {
                Ok((r, variants)) => {
                    budget.spend(variants);
                    raw.push(r);
                }
                Err(e) => errors.push((id, format!("{}: {e}", b.domain))),
            }
        }
        match counts.iter_mut().find(|c| c.0 == id) {
            Some(c) if evaluated => c.1 += 1,
            Some(c) => c.2 += 1,
            None => counts.push((id, usize::from(evaluated), usize::from(!evaluated))),
        }
    }
    for (id, _) in build::SCENARIOS {
        let why: Vec<&str> = errors
            .iter()
            .filter(|(e, _)| *e == id)
            .map(|(_, w)| w.as_str())
            .collect();
        if !why.is_empty() {
            out.not_applicable.push(na(
                id,
                &format!("the explainer could not evaluate it ({})", why.join("; ")),
            ));
        }
    }
    if vip.is_none() {
        out.not_applicable.push(na(
            "SC4",
            "no VIP name found: no effective Impersonation Protect policy names a display name or uses a profile group with internal members",
        ));
    }
    if permitted.is_none() {
        out.not_applicable.push(na(
            "SC6",
            "no whole third-party domain is permitted by an effective Permitted Senders policy",
        ));
    }
    if entry.is_none() {
        out.not_applicable.push(na(
            "SC7",
            "no managed-sender permit or current auto-allow entry names a free-mail domain or an address at one",
        ));
    }
    out.not_applicable
        .sort_by(|a, b| a.scenario.cmp(&b.scenario));
    for (id, evaluated, left_out) in counts {
        if left_out > 0 {
            let what = if id == "SC7" { "message" } else { "domains" };
            out.not_evaluated.push(NotEvaluated {
                scenario: id.into(),
                evaluated,
                left_out,
                why: format!(
                    "to keep the analysis fast on a tenant this size ({} policies), the scenarios stop after a fixed amount of work: {evaluated} of {} {what} evaluated (domains in alphabetical order); explain a message for any other domain on the \u{201c}Test a message\u{201d} page or with `mimecast-audit explain`",
                    budget.policies(),
                    evaluated + left_out,
                ),
            });
        }
    }
    out.results = raw;
    out
}

#[cfg(test)]
mod tests;
