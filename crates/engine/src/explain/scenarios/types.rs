//! The attack-path section of the report: serialisable engine data
//! (camelCase JSON, a public contract that only grows). The app, the CLI
//! and every export render it and compute nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::explain::output::{
    Certainty, DecidingFactor, Inferred, Outcome, PolicyRef, Reach, StepRef, StepStatus,
};

/// The seven tenant-derived attack scenarios, evaluated (spec section 6).
/// An older report without the section reads as the default: nothing
/// evaluated (`evaluated: false`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AttackPaths {
    /// Whether the scenarios were evaluated for this report (false for a
    /// report written before the section existed).
    pub evaluated: bool,
    /// What the scenarios were built from (VIP name, permitted domain …).
    pub parameters: Parameters,
    /// One entry per evaluated (scenario, group of domains), in scenario
    /// order, then by first domain.
    pub results: Vec<ScenarioResult>,
    /// Scenarios that could not be built for this tenant, with why.
    pub not_applicable: Vec<NotApplicable>,
    /// Domains left out to keep the analysis fast, per scenario, with why.
    pub not_evaluated: Vec<NotEvaluated>,
    /// For each finding key: the results it opens (the reverse of
    /// [`ScenarioResult::findings`]).
    pub by_finding: BTreeMap<String, Vec<PathLink>>,
}

/// What the scenarios were derived from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Parameters {
    /// Internal domains that receive mail (not send-only), alphabetical.
    pub domains: Vec<String>,
    /// The VIP name N (SC4, SC7), when the tenant protects one.
    pub vip_name: Option<String>,
    /// The permitted third-party domain P (SC6), when there is one.
    pub permitted_domain: Option<String>,
    /// The managed-sender entry E (SC7): its sender, when there is one.
    pub managed_entry: Option<String>,
}

/// One scenario's result for one domain, or for a group of domains with
/// the same outcome, certainty and deciding step and policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioResult {
    /// Stable anchor: `SC2-example.com` (scenario and first domain, or the
    /// recipient for SC7).
    pub id: String,
    /// `SC1` … `SC7`.
    pub scenario: String,
    /// The scenario's title.
    pub title: String,
    /// The attack, in one line, for the first domain.
    pub attack: String,
    /// The internal domains the result is for (SC7: the recipient's).
    pub domains: Vec<String>,
    /// The message used, for the first domain.
    pub message: ScenarioMessage,
    /// The primary variant's outcome.
    pub outcome: Outcome,
    /// Yes, no or maybe (over every evaluated variant).
    pub reaches_inbox: Reach,
    /// The outcome to show first ("may reach the inbox" when it depends).
    pub headline: Outcome,
    /// Definite or depends; partial.
    pub certainty: Certainty,
    /// The step and policy that decided the primary variant.
    pub decided_by: StepRef,
    /// The steps that relaxed a check (delivered or tagged).
    pub opened_by: Vec<StepRef>,
    /// One sentence: why.
    pub because: String,
    /// `reachesInbox` is `no`.
    pub protected: bool,
    /// Each dimension that alone changes the outcome (first domain).
    pub deciding_factors: Vec<DecidingFactor>,
    /// The inferred steps the verdict relied on, in plain words.
    pub inferred: Vec<Inferred>,
    /// The pipeline, compactly.
    pub trace: Vec<TraceStep>,
    /// Rule codes the trace names as explaining a step (ASP001 …).
    pub rule_codes: Vec<String>,
    /// Keys of the report's failing findings that explain this result.
    pub findings: Vec<String>,
}

/// The message a scenario sends (the explainer's input, as plain fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioMessage {
    /// Envelope From.
    pub envelope_from: String,
    /// Header From.
    pub header_from: String,
    /// Display name.
    pub header_display_name: String,
    /// Sending IP.
    pub sending_ip: String,
    /// Recipient.
    pub recipient: String,
    /// SPF, DKIM, DMARC as given (`derive`, `pass`, `none` …).
    pub auth: String,
    /// Spam score.
    pub spam_score: f64,
    /// Signals set (`newlyObservedDomain` …), empty when none.
    pub signals: Vec<String>,
}

/// One step of the pipeline, compactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TraceStep {
    /// `S0` … `END`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What happened to it.
    pub status: StepStatus,
    /// Its effect, when any.
    pub effect: Option<String>,
    /// One sentence on what it did.
    pub text: String,
    /// The policies that won or applied (with their status).
    pub policies: Vec<TracePolicy>,
}

/// A policy that won or applied in a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TracePolicy {
    /// Which policy.
    pub policy: PolicyRef,
    /// `winner`, `applies` or `tied`.
    pub status: String,
    /// The reason's text.
    pub reason: String,
}

/// A scenario that could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotApplicable {
    /// `SC1` … `SC7`.
    pub scenario: String,
    /// The scenario's title.
    pub title: String,
    /// Why, in plain words.
    pub why: String,
}

/// Domains of a scenario that were not evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotEvaluated {
    /// `SC1` … `SC7`.
    pub scenario: String,
    /// How many domains were evaluated.
    pub evaluated: usize,
    /// How many were left out.
    pub left_out: usize,
    /// Why, in plain words.
    pub why: String,
}

/// A result a finding opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PathLink {
    /// The result's id (its anchor).
    pub id: String,
    /// `SC1` … `SC7`.
    pub scenario: String,
    /// The first domain the finding opens it on.
    pub domain: String,
    /// Every domain of the result the finding opens it on.
    pub domains: Vec<String>,
    /// "opens attack path SC2 on example.com".
    pub text: String,
}

impl ScenarioResult {
    /// "yes", "no" or "maybe".
    pub fn reach_str(&self) -> &'static str {
        reach_str(self.reaches_inbox)
    }

    /// The answer in words: "Reaches the inbox", "May reach the inbox —
    /// depends on …", "Blocked", "Held".
    pub fn answer(&self) -> String {
        match self.reaches_inbox {
            Reach::Yes if self.outcome == Outcome::Tagged => {
                "Reaches the inbox, with a warning tag".to_string()
            }
            Reach::Yes => "Reaches the inbox".to_string(),
            Reach::No => match self.outcome {
                Outcome::Held => "Held (does not reach the inbox)".to_string(),
                _ => "Blocked".to_string(),
            },
            Reach::Maybe => {
                let on: Vec<String> = self
                    .deciding_factors
                    .iter()
                    .map(|f| format!("{} = {}", f.factor, f.value))
                    .collect();
                if on.is_empty() {
                    "May reach the inbox".to_string()
                } else {
                    format!("May reach the inbox \u{2014} depends on {}", on.join(", "))
                }
            }
        }
    }

    /// The domains, joined: "example.com, example.org".
    pub fn domain_list(&self) -> String {
        self.domains.join(", ")
    }

    /// The deciding step and policy: "S2 policy as-apply", "END".
    pub fn decided_by_text(&self) -> String {
        step_ref_text(&self.decided_by)
    }
}

/// A step reference for people: "S2 “Apply”", "END".
pub fn step_ref_text(s: &StepRef) -> String {
    match &s.policy {
        Some(p) if !p.label.is_empty() => format!("{} {}", s.step, p.label),
        Some(p) if !p.id.is_empty() => format!("{} policy {}", s.step, p.id),
        _ => s.step.clone(),
    }
}

/// "yes", "no" or "maybe".
pub fn reach_str(r: Reach) -> &'static str {
    match r {
        Reach::Yes => "yes",
        Reach::No => "no",
        Reach::Maybe => "maybe",
    }
}

impl AttackPaths {
    /// The results a finding opens (by its key).
    pub fn opened_by(&self, finding_key: &str) -> &[PathLink] {
        self.by_finding
            .get(finding_key)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Results that reach the inbox or may (yes or maybe).
    pub fn open_results(&self) -> impl Iterator<Item = &ScenarioResult> {
        self.results.iter().filter(|r| !r.protected)
    }
}
