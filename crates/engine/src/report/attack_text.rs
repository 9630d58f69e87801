//! The attack-path section in words: its heading, one line per trace
//! step, the short answer, the certainty, and the plain-text rendering the
//! text report ends with. The other formats (`crate::export::attack_paths`)
//! use the same words.

use std::fmt::Write;

use crate::explain::output::StepStatus;
use crate::explain::scenarios::{AttackPaths, ScenarioResult, TraceStep};

use super::escape_controls;

/// The section's heading.
pub const HEADING: &str = "Would these attacks reach the inbox?";

/// What the section says before the results.
pub const INTRO: &str = "Seven attacks built from this tenant's own domains, VIP name, permitted third parties and managed senders, run through the policies as Mimecast applies them (inbound; content assumed clean unless the scenario says otherwise).";

/// The status of a step, in words.
pub fn step_status(s: StepStatus) -> &'static str {
    match s {
        StepStatus::Decided => "decided",
        StepStatus::Passed => "passed",
        StepStatus::Skipped => "skipped",
        StepStatus::NotReached => "not reached",
        StepStatus::NotModelled => "not modelled",
        StepStatus::NotAssessed => "not assessed",
    }
}

/// One trace line: "S2 Anti-spoofing: decided (rejected) — text; winner
/// “P” (applies: …)".
pub fn trace_line(s: &TraceStep) -> String {
    let mut line = format!("{} {}: {}", s.id, s.title, step_status(s.status));
    if let Some(effect) = &s.effect {
        let _ = write!(line, " ({effect})");
    }
    if !s.text.is_empty() {
        let _ = write!(line, " \u{2014} {}", s.text);
    }
    for p in &s.policies {
        let _ = write!(line, "; {} {} ({})", p.status, p.policy.label, p.reason);
    }
    line
}

/// The answer for a result, short: "yes", "no", "may".
pub fn short_answer(r: &ScenarioResult) -> &'static str {
    match r.reach_str() {
        "maybe" => "may",
        s => s,
    }
}

/// The plain-text section (after the results, before the provenance).
pub fn text(out: &mut String, p: &AttackPaths) {
    if !p.evaluated {
        return;
    }
    let e = escape_controls;
    let _ = writeln!(out, "\nAttack paths: {HEADING}");
    for r in &p.results {
        let _ = writeln!(
            out,
            "  {} {} [{}]: {} - {}",
            e(&r.scenario),
            e(&r.title),
            e(&r.domain_list()),
            short_answer(r),
            e(&r.answer())
        );
        let _ = writeln!(out, "      attack: {}", e(&r.attack));
        let _ = writeln!(
            out,
            "      outcome: {} ({}), decided by {}",
            r.outcome.as_str(),
            certainty(r),
            e(&r.decided_by_text())
        );
        let _ = writeln!(out, "      because: {}", e(&r.because));
        for f in &r.deciding_factors {
            let _ = writeln!(
                out,
                "      depends on: {} = {} -> {}",
                e(&f.factor),
                e(&f.value),
                f.outcome.as_str()
            );
        }
        for i in &r.inferred {
            let _ = writeln!(out, "      inferred ({}): {}", e(&i.rule), e(&i.text));
        }
        if !r.findings.is_empty() {
            let _ = writeln!(out, "      findings: {}", e(&r.findings.join(", ")));
        }
        for s in &r.trace {
            let _ = writeln!(out, "      trace: {}", e(&trace_line(s)));
        }
    }
    for n in &p.not_applicable {
        let _ = writeln!(
            out,
            "  {} {}: not applicable - {}",
            e(&n.scenario),
            e(&n.title),
            e(&n.why)
        );
    }
    for n in &p.not_evaluated {
        let _ = writeln!(
            out,
            "  {}: {} domains not evaluated - {}",
            e(&n.scenario),
            n.left_out,
            e(&n.why)
        );
    }
}

/// "definite", "depends", with ", partial" when partial.
pub fn certainty(r: &ScenarioResult) -> String {
    let v = match r.certainty.value {
        crate::explain::output::CertaintyValue::Definite => "definite",
        crate::explain::output::CertaintyValue::Depends => "depends",
    };
    if r.certainty.partial {
        format!("{v}, partial")
    } else {
        v.to_string()
    }
}

/// The attack paths (the report's section) as text: the report's own
/// text rendering of the section, so that `explain --scenarios` and the
/// text report say the same.
pub fn render(p: &AttackPaths) -> String {
    let mut out = String::new();
    text(&mut out, p);
    let mut out = out.trim_start_matches('\n').to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
