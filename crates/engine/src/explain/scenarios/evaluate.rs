//! Evaluating the built messages with the explainer, and grouping the
//! results across domains.

use crate::explain::message::MessageInput;
use crate::explain::output::{Explanation, PolicyStatus, Reach, StepStatus};
use crate::explain::Explainer;

use super::build::{title, Built};
use super::types::{ScenarioMessage, ScenarioResult, TracePolicy, TraceStep};

/// The explainer's answer for one built message: a result and the number
/// of variants evaluated, or why the message could not be explained.
pub fn evaluate(
    ex: &Explainer<'_>,
    scenario: &str,
    b: &Built,
) -> Result<(ScenarioResult, usize), String> {
    let e = ex.explain(&b.message).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                if e.field.is_empty() {
                    e.message.clone()
                } else {
                    format!("{}: {}", e.field, e.message)
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let variants = e.variants.evaluated;
    Ok((result(scenario, b, e), variants))
}

fn result(scenario: &str, b: &Built, e: Explanation) -> ScenarioResult {
    let v = e.verdict;
    let mut rule_codes: Vec<String> = e
        .steps
        .iter()
        .filter(|s| !matches!(s.status, StepStatus::NotReached | StepStatus::NotModelled))
        .flat_map(|s| s.findings.iter().cloned())
        .collect();
    rule_codes.sort();
    rule_codes.dedup();
    let trace = e
        .steps
        .into_iter()
        .map(|s| TraceStep {
            id: s.id,
            title: s.title,
            status: s.status,
            effect: s.effect,
            text: s.text,
            policies: s
                .policies
                .into_iter()
                .filter_map(|p| {
                    let status = match p.status {
                        PolicyStatus::Winner => "winner",
                        PolicyStatus::Applies => "applies",
                        PolicyStatus::Tied => "tied",
                        _ => return None,
                    };
                    Some(TracePolicy {
                        policy: p.policy,
                        status: status.into(),
                        reason: p.reason.text,
                    })
                })
                .collect(),
        })
        .collect();
    ScenarioResult {
        id: anchor(scenario, &b.domain),
        scenario: scenario.into(),
        title: title(scenario).into(),
        attack: b.attack.clone(),
        domains: vec![b.domain.clone()],
        message: scenario_message(&b.message),
        outcome: v.outcome,
        reaches_inbox: v.reaches_inbox,
        headline: v.headline,
        protected: v.reaches_inbox == Reach::No,
        certainty: v.certainty,
        decided_by: v.decided_by,
        opened_by: v.opened_by,
        because: v.because,
        deciding_factors: e.deciding_factors,
        inferred: e.inferred,
        trace,
        rule_codes,
        findings: Vec::new(),
    }
}

/// A stable anchor: `SC2-example.com` (letters, digits, `.`, `-`, `_`; any
/// other character becomes `_`).
pub fn anchor(scenario: &str, domain: &str) -> String {
    let d: String = domain
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{scenario}-{d}")
}

fn scenario_message(m: &MessageInput) -> ScenarioMessage {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let auth = m
        .auth
        .as_ref()
        .map(|a| {
            format!(
                "SPF {}, DKIM {}{}, DMARC {}",
                a.spf.as_deref().unwrap_or("derive"),
                a.dkim.as_deref().unwrap_or("none"),
                a.dkim_domain
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                a.dmarc.as_deref().unwrap_or("derive"),
            )
        })
        .unwrap_or_default();
    let signals = m
        .signals
        .as_ref()
        .map(|g| {
            [
                ("newlyObservedDomain", &g.newly_observed_domain),
                ("threatDictionaryHit", &g.threat_dictionary_hit),
                (
                    "displayNameIsInternalUser",
                    &g.display_name_is_internal_user,
                ),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
            .collect()
        })
        .unwrap_or_default();
    ScenarioMessage {
        envelope_from: s(&m.envelope_from),
        header_from: s(&m.header_from),
        header_display_name: s(&m.header_display_name),
        sending_ip: s(&m.sending_ip),
        recipient: s(&m.recipient),
        auth,
        spam_score: m.spam_score.unwrap_or(0.0),
        signals,
    }
}

/// Results with the same outcome, reach, certainty and deciding step and
/// policy become one result listing every domain (in domain order): the
/// first domain's details are kept; rule codes and findings are the union
/// over the domains.
pub fn group(results: Vec<ScenarioResult>) -> Vec<ScenarioResult> {
    let mut out: Vec<ScenarioResult> = Vec::new();
    for r in results {
        let same = out.iter_mut().find(|g| {
            g.scenario == r.scenario
                && g.outcome == r.outcome
                && g.reaches_inbox == r.reaches_inbox
                && g.certainty.value == r.certainty.value
                && g.certainty.partial == r.certainty.partial
                && g.decided_by.step == r.decided_by.step
                && g.decided_by.policy.as_ref().map(|p| (&p.section, p.index))
                    == r.decided_by.policy.as_ref().map(|p| (&p.section, p.index))
        });
        match same {
            Some(g) => {
                g.domains.extend(r.domains);
                for c in r.rule_codes {
                    if !g.rule_codes.contains(&c) {
                        g.rule_codes.push(c);
                    }
                }
                g.rule_codes.sort();
                for k in r.findings {
                    if !g.findings.contains(&k) {
                        g.findings.push(k);
                    }
                }
                g.findings.sort();
            }
            None => out.push(r),
        }
    }
    out
}
