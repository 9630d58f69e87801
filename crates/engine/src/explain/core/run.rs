//! The state of one evaluation of the pipeline (one world, one ranking
//! model, one choice per tie), and the helpers the steps share.

use std::collections::{BTreeMap, BTreeSet};

use super::super::output::{
    Detail, Outcome, PolicyRef, PolicyStatus, PolicyTrace, Step, StepRef, StepStatus,
};
use super::atoms::World;
use super::context::Context;
use super::levels::Model;
use super::pre::Pre;
use super::reasons::reason;
use super::resolve::Resolution;
use crate::model::Section;

/// One variant: a world, a model and the tie choices.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The atoms' values.
    pub world: World,
    /// The ranking model.
    pub model: Model,
    /// Tie choices by step id (absent: the canonical first).
    pub picks: BTreeMap<String, usize>,
    /// Build the full trace (policy traces and their reasons); when false
    /// only what decides the outcome and the ties is computed.
    pub full: bool,
}

/// A terminal or tagging result.
#[derive(Debug, Clone)]
pub struct Decision {
    /// The outcome.
    pub outcome: Outcome,
    /// Its detail.
    pub detail: Detail,
    /// Hold type when held.
    pub hold_type: Option<String>,
    /// The step and policy.
    pub by: StepRef,
    /// One sentence.
    pub because: String,
}

/// The state of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// The terminal decision of S0–S4, when one.
    pub terminal: Option<Decision>,
    /// The permit in force (a policy or a user's entry).
    pub permitted_by: Option<StepRef>,
    /// The auto-allow entry in force.
    pub auto_allowed_by: Option<StepRef>,
    /// Steps whose effect relaxed a check.
    pub opened_by: Vec<StepRef>,
    /// A spoof of an internal sender was not checked by anti-spoofing.
    pub spoof_unchecked: bool,
    /// The SPF-based bypass that applies (its label).
    pub bypass: Option<String>,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Ties met: step id and the tied policies' ids, canonical order.
    pub ties: Vec<(String, Vec<String>)>,
    /// Inferred steps relied on (keys of the inferred table).
    pub inferred: BTreeSet<&'static str>,
    /// Assumptions made.
    pub assumptions: Vec<String>,
    /// A reached step read a section not (fully) collected, or a scope is
    /// unknown.
    pub partial: bool,
}

impl Run {
    /// No terminal outcome yet.
    pub fn reached(&self) -> bool {
        self.terminal.is_none()
    }

    /// Records an assumption once.
    pub fn assume(&mut self, text: impl Into<String>) {
        let t = text.into();
        if !self.assumptions.contains(&t) {
            self.assumptions.push(t);
        }
    }

    /// Records an inferred step when the step is reached.
    pub fn infer(&mut self, key: &'static str) {
        if self.reached() {
            self.inferred.insert(key);
        }
    }
}

/// How severe an outcome is (0: blocked, the most severe).
pub fn severity(o: Outcome) -> u8 {
    match o {
        Outcome::Blocked => 0,
        Outcome::Held => 1,
        Outcome::Tagged => 2,
        Outcome::Delivered => 3,
    }
}

/// A new step in the passed state.
pub fn step(id: &str, kind: &str, title: &str) -> Step {
    Step {
        id: id.into(),
        kind: kind.into(),
        title: title.into(),
        status: StepStatus::Passed,
        effect: None,
        text: String::new(),
        warnings: vec![],
        policies: vec![],
        findings: vec![],
    }
}

/// A reference to a step (and policy).
pub fn step_ref(id: &str, policy: Option<PolicyRef>, summary: &str) -> StepRef {
    StepRef {
        step: id.into(),
        policy,
        summary: summary.into(),
    }
}

/// Checks the sections a step reads: `Some(step)` (not assessed) when one
/// is missing; marks the run partial when a reached step reads an
/// incomplete or missing section.
pub fn check_sections(ctx: &Context, run: &mut Run, st: &mut Step, sections: &[Section]) -> bool {
    let missing: Vec<Section> = sections
        .iter()
        .copied()
        .filter(|s| !ctx.cfg.has(*s))
        .collect();
    let incomplete = sections
        .iter()
        .any(|s| ctx.cfg.sections.get(s).is_some_and(|st| st.incomplete));
    if run.reached() && (incomplete || !missing.is_empty()) {
        run.partial = true;
    }
    if let Some(s) = missing.first() {
        st.status = if run.reached() {
            StepStatus::NotAssessed
        } else {
            StepStatus::NotReached
        };
        st.text = format!(
            "{} was not collected; its policies could still reject or hold this message",
            s.title()
        );
        return false;
    }
    if incomplete {
        st.warnings.push(
            "this section was collected incompletely (the API reported failures): missing policies could change the result"
                .into(),
        );
    }
    true
}

/// Marks every policy of a step skipped with `why`.
pub fn skip_all(traces: &mut [PolicyTrace], why: &str) {
    for t in traces {
        t.status = PolicyStatus::Skipped;
        t.reason = reason("STEP_SKIPPED", why, &[]);
        t.all_reasons.clear();
    }
}

/// Records the resolution's tie and inferred steps for step `id`.
pub fn note(run: &mut Run, id: &str, res: &Resolution, pres: &[Pre], v: &Variant) {
    if res.tied.len() > 1 && res.winner.is_some() {
        let ids = res
            .tied
            .iter()
            .filter_map(|i| pres.get(*i).map(|p| p.reference.id.clone()))
            .collect();
        run.ties.push((id.to_string(), ids));
        run.infer("R3.9-tie");
    }
    let why = res
        .winner
        .and(res.traces.iter().find(|t| t.status == PolicyStatus::Winner))
        .and_then(|t| t.reason.params.get("why").cloned())
        .unwrap_or_default();
    if why.starts_with("restricted by source conditions") {
        run.infer("R3.8-cond");
    }
    if why == "Policy Override" && v.model.override_first {
        run.infer("R3.8-override");
    }
    if why.starts_with("most specific") && res.inferred_rank {
        run.infer("R3.7-rank");
    }
    if res
        .traces
        .iter()
        .any(|t| t.status == PolicyStatus::Winner && t.orientation.as_deref() == Some("mirrored"))
    {
        run.infer("R3.4-mirrored");
    }
    let filtered = res.traces.iter().any(|t| {
        t.status == PolicyStatus::NotMatching
            && (t.reason.code.starts_with("SOURCE_IP")
                || t.reason.code.starts_with("HOSTNAME")
                || t.reason.code == "SPF_NOT_AUTHORIZED")
    });
    if filtered && res.winner.is_some() {
        run.infer("R3.5-filter");
    }
}
