//! Which of the report's findings explain an attack path, and which paths
//! each finding opens ([`attack_paths_for_report`]).
//!
//! The explainer names, per step, the rule codes whose findings explain
//! that step's outcome ([`crate::explain::output::Step::findings`]); to
//! those, each scenario adds the rules that test what it attacks
//! ([`scenario_codes`]: a step that lets a message through because no
//! policy applies names no rule of its own). A failing finding of one of
//! those codes explains a result that reaches (or may reach) the inbox
//! when:
//!
//! 1. one of its evidence locations is (inside) a policy the trace shows
//!    winning or applying, or the policy that decided or opened the path;
//! 2. or its object names one of the result's domains, the domain of the
//!    sender the scenario used (the permitted domain P, the free-mail
//!    domain of E), or a policy or domain a deciding factor names (the
//!    tied policy of `tie(S2)`, the domain of `spfAuth(d, ip)`);
//! 3. or, when neither links any finding of the result, it is a finding of
//!    one of those codes (a tenant-wide finding: Impersonation Protect
//!    missing, a definition that bypasses permits).
//!
//! A finding whose object names an internal domain the result is not for
//! is never linked to it: it explains that domain's paths.
//!
//! Results that do not reach the inbox link no findings: nothing is open.

use std::collections::BTreeMap;

use crate::report::{FindingReport, ResultReport, Status};

use crate::explain::scenarios::{AttackPaths, PathLink, ScenarioResult};

/// The attack paths of the tenant ([`crate::explain::scenarios`]) linked
/// to the report's rule results: each domain's result is linked to the
/// findings that explain it before the results are grouped, then each
/// finding lists the results it opens.
pub fn attack_paths_for_report(
    cfg: &crate::model::Config,
    at: chrono::DateTime<chrono::Utc>,
    results: &[ResultReport],
) -> AttackPaths {
    use crate::explain::scenarios;
    let mut p = scenarios::attack_paths_per_domain(cfg, at);
    link_each(&mut p, results);
    let linked = linked(&p);
    p.results = scenarios::evaluate::group(std::mem::take(&mut p.results));
    index(&mut p, &linked);
    p
}

/// Fills [`ScenarioResult::findings`] of each result (one domain each,
/// before grouping) from the report's rule results.
pub fn link_each(paths: &mut AttackPaths, results: &[ResultReport]) {
    let internal = paths.parameters.domains.clone();
    for r in &mut paths.results {
        r.findings = if r.protected {
            Vec::new()
        } else {
            explaining(r, results, &internal)
        };
    }
}

/// Fills [`AttackPaths::by_finding`] from the results' findings.
/// `linked` lists, before grouping, each (finding key, scenario, domain)
/// that [`link_each`] linked: a link names the grouped result and only the
/// domains of it the finding was linked for.
pub fn index(paths: &mut AttackPaths, linked: &[(String, String, String)]) {
    let mut by: BTreeMap<String, Vec<PathLink>> = BTreeMap::new();
    for (key, scenario, domain) in linked {
        let Some(r) = paths
            .results
            .iter()
            .find(|r| &r.scenario == scenario && r.domains.contains(domain))
        else {
            continue;
        };
        let list = by.entry(key.clone()).or_default();
        match list.iter_mut().find(|l| l.id == r.id) {
            Some(l) => l.domains.push(domain.clone()),
            None => list.push(PathLink {
                id: r.id.clone(),
                scenario: r.scenario.clone(),
                domain: domain.clone(),
                domains: vec![domain.clone()],
                text: String::new(),
            }),
        }
    }
    for l in by.values_mut().flatten() {
        l.text = format!("opens attack path {} on {}", l.scenario, on(&l.domains));
    }
    paths.by_finding = by;
}

/// Each (finding key, scenario, domain) linked so far.
pub fn linked(paths: &AttackPaths) -> Vec<(String, String, String)> {
    paths
        .results
        .iter()
        .flat_map(|r| {
            let domain = r.domains.first().cloned().unwrap_or_default();
            r.findings
                .iter()
                .map(move |k| (k.clone(), r.scenario.clone(), domain.clone()))
        })
        .collect()
}

/// "example.com", "example.com and example.org", "a.example, b.example,
/// c.example and 4 more".
fn on(domains: &[String]) -> String {
    match domains {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, c, rest @ ..] => format!("{a}, {b}, {c} and {} more", rest.len()),
    }
}

/// The rules that test what a scenario attacks (spec section 9).
pub fn scenario_codes(scenario: &str) -> &'static [&'static str] {
    match scenario {
        "SC1" | "SC2" | "SC3" => &[
            "ASP001", "ASP002", "ASP003", "ASP004", "ASP005", "PSN002", "PSN005", "POL001",
            "DNS001", "DNS004", "DNS005",
        ],
        "SC4" => &[
            "IMP001", "IMP002", "IMP003", "IMP004", "IMP005", "IMP006", "PSN001", "PSN004",
            "PSN006",
        ],
        "SC5" => &["IMP001", "IMP004", "IMP005", "IMP006", "DNS001"],
        "SC6" => &["PSN003", "PSN006", "SPM001", "SPM002", "DNS001", "DNS004"],
        "SC7" => &["PSN001", "IMP006", "SPM001", "SPM002"],
        _ => &[],
    }
}

/// The names a deciding factor gives: its arguments (`spfAuth(d, ip)` →
/// `d`, `ip`) and its value (`tie(S2)` = a policy id).
fn factor_names(r: &ScenarioResult) -> Vec<String> {
    let mut v = Vec::new();
    for f in &r.deciding_factors {
        if let Some((_, args)) = f.factor.split_once('(') {
            v.extend(
                args.trim_end_matches(')')
                    .split(',')
                    .map(|a| a.trim().to_ascii_lowercase())
                    .filter(|a| !a.is_empty()),
            );
        }
        v.push(f.value.trim().to_ascii_lowercase());
    }
    v.retain(|n| {
        !matches!(
            n.as_str(),
            "" | "yes" | "no" | "tie-break" | "recipient-first"
        )
    });
    v
}

fn explaining(r: &ScenarioResult, results: &[ResultReport], internal: &[String]) -> Vec<String> {
    let codes = scenario_codes(&r.scenario);
    let candidates: Vec<(&str, &FindingReport)> = results
        .iter()
        .filter(|x| {
            x.status == Status::Fail
                && (r.rule_codes.contains(&x.code) || codes.contains(&x.code.as_str()))
        })
        .flat_map(|x| x.findings.iter().map(move |f| (x.code.as_str(), f)))
        .filter(|(_, f)| !names_other_domain(&f.object, r, internal))
        .collect();
    let policies: Vec<(&str, &str)> = r
        .trace
        .iter()
        .flat_map(|s| s.policies.iter().map(|p| &p.policy))
        .chain(r.decided_by.policy.iter())
        .chain(r.opened_by.iter().filter_map(|s| s.policy.as_ref()))
        .map(|p| (p.file.as_str(), p.path.as_str()))
        .filter(|(_, path)| !path.is_empty())
        .collect();
    let named = factor_names(r);
    let mut names: Vec<String> = r.domains.clone();
    for a in [&r.message.header_from, &r.message.envelope_from] {
        let d = domain_of(a);
        if !d.is_empty() && !names.contains(&d) {
            names.push(d);
        }
    }
    let mut keys: Vec<String> = candidates
        .iter()
        .filter(|(_, f)| {
            f.evidence.iter().any(|e| {
                policies
                    .iter()
                    .any(|(file, path)| e.file == *file && inside(&e.path, path))
            }) || object_parts(&f.object).any(|part| {
                names.iter().any(|n| names_domain(part, n))
                    || named
                        .iter()
                        .any(|n| part.eq_ignore_ascii_case(n) || names_domain(part, n))
            })
        })
        .map(|(_, f)| f.key.clone())
        .collect();
    if keys.is_empty() {
        keys = candidates.iter().map(|(_, f)| f.key.clone()).collect();
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The finding is about an internal domain this result is not for (it
/// explains that domain's paths, not these).
fn names_other_domain(object: &str, r: &ScenarioResult, internal: &[String]) -> bool {
    object_parts(object).any(|part| {
        internal
            .iter()
            .filter(|d| !r.domains.contains(d))
            .any(|d| names_domain(part, d))
    })
}

/// The domain of an address or pattern (`a@b.example`, `*@b.example`,
/// `*.b.example` → `b.example`), lower-cased.
fn domain_of(address: &str) -> String {
    let a = address.trim();
    let d = a.rsplit_once('@').map_or(a, |(_, d)| d);
    d.trim_start_matches("*.")
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// `path` is `base` or inside it (`base.x`, `base[3]`).
fn inside(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The parts of a finding's object (`id#range`, `a+b`, `managed:x@y`).
fn object_parts(object: &str) -> impl Iterator<Item = &str> {
    object.split(['#', '+', ':']).filter(|p| !p.is_empty())
}

/// `part` is the domain `d`, or an address or pattern at it.
fn names_domain(part: &str, d: &str) -> bool {
    let p = part.trim().to_ascii_lowercase();
    p == d || domain_of(&p) == d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_a_policy_are_recognised() {
        assert!(inside("antiSpoofingPolicies[0]", "antiSpoofingPolicies[0]"));
        assert!(inside(
            "antiSpoofingPolicies[0].spfDomains[1]",
            "antiSpoofingPolicies[0]"
        ));
        assert!(!inside(
            "antiSpoofingPolicies[01]",
            "antiSpoofingPolicies[0]"
        ));
        assert!(!inside(
            "antiSpoofingPolicies[10]",
            "antiSpoofingPolicies[1]"
        ));
    }

    #[test]
    fn domain_lists_are_shortened() {
        let d = |n: usize| (0..n).map(|i| format!("d{i}.example")).collect::<Vec<_>>();
        assert_eq!(on(&d(1)), "d0.example");
        assert_eq!(on(&d(2)), "d0.example and d1.example");
        assert_eq!(on(&d(5)), "d0.example, d1.example, d2.example and 2 more");
    }

    #[test]
    fn objects_name_domains_and_addresses() {
        assert!(names_domain("example.org", "example.org"));
        assert!(names_domain("ceo@example.org", "example.org"));
        assert!(names_domain("*@example.org", "example.org"));
        assert!(!names_domain("notexample.org", "example.org"));
        let parts: Vec<&str> = object_parts("managed:x@gmail.com").collect();
        assert_eq!(parts, ["managed", "x@gmail.com"]);
    }
}
