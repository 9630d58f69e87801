//! A plain-text rendering of an explanation (the CLI's `--format text`),
//! and the phrases the app shows too (the verdict headline, certainty,
//! deciding factors, the inferred steps in plain words, status names), so
//! that the command line and the page say the same thing.

use std::fmt::Write;

use super::output::{
    CertaintyValue, DecidingFactor, Detail, Explanation, Outcome, PolicyRef, PolicyStatus, Reach,
    StepRef, StepStatus,
};

/// The verdict in a few words: "would reach the inbox", "would be blocked
/// (rejected)", "may reach the inbox — depends on spfAuth(…)".
pub fn headline(e: &Explanation) -> String {
    let v = &e.verdict;
    if v.certainty.value == CertaintyValue::Depends {
        let may = match v.headline {
            Outcome::Delivered | Outcome::Tagged => "may reach the inbox",
            Outcome::Held => "may be held",
            Outcome::Blocked => "would be blocked",
        };
        return format!("{may} — depends on {}", depends_on(e));
    }
    match v.outcome {
        Outcome::Delivered => "would reach the inbox".into(),
        Outcome::Tagged => "would reach the inbox, tagged with a warning".into(),
        Outcome::Blocked => match v.detail {
            Detail::Bounced => "would be blocked (bounced)".into(),
            _ => "would be blocked (rejected)".into(),
        },
        Outcome::Held => match v.hold_type.as_deref() {
            Some(t) if !t.is_empty() => format!("would be held ({t} hold) — it can be released"),
            _ => "would be held — it can be released".into(),
        },
    }
}

/// What a verdict that is not definite depends on: its deciding factors,
/// else its unknowns, else "how Mimecast reads its policies".
pub fn depends_on(e: &Explanation) -> String {
    let mut names: Vec<&str> = Vec::new();
    for f in &e.deciding_factors {
        if !names.contains(&f.factor.as_str()) {
            names.push(&f.factor);
        }
    }
    if names.is_empty() {
        names = e.unknowns.iter().map(|u| u.atom.as_str()).collect();
    }
    if names.is_empty() {
        "how Mimecast reads its policies".into()
    } else {
        names.join(", ")
    }
}

/// Whether the message reaches the inbox, for people.
pub fn reach(r: Reach) -> &'static str {
    match r {
        Reach::Yes => "yes",
        Reach::No => "no",
        Reach::Maybe => "maybe",
    }
}

/// The certainty in one line: "definite", "depends (2 of 4 variants
/// delivered …)", with "partial" and the flags when set.
pub fn certainty(e: &Explanation) -> String {
    let c = &e.verdict.certainty;
    let mut out = match c.value {
        CertaintyValue::Definite => "definite".to_string(),
        CertaintyValue::Depends => {
            let counts: Vec<String> = e
                .variants
                .outcomes
                .iter()
                .rev()
                .map(|(o, n)| format!("{} {n}", o.as_str()))
                .collect();
            format!(
                "depends ({} variants evaluated: {}; primary reading: {})",
                e.variants.evaluated,
                counts.join(", "),
                e.verdict.primary_outcome.as_str()
            )
        }
    };
    if c.partial {
        out.push_str(
            "; partial: a step read a section that was not (fully) collected, so policies \
             not loaded could change the result",
        );
    }
    if !c.flags.is_empty() {
        let _ = write!(out, " [{}]", c.flags.join(", "));
    }
    out
}

/// A deciding factor: "spfAuth(d, ip) = yes → delivered".
pub fn deciding_factor(f: &DecidingFactor) -> String {
    format!("{} = {} → {}", f.factor, f.value, f.outcome.as_str())
}

/// What introduces the list of inferred steps a verdict rests on.
pub const INFERRED_INTRO: &str =
    "This verdict rests on inferred behaviour (no Mimecast source states it):";

/// The inferred steps the verdict rests on, in one sentence ("This
/// verdict rests on inferred behaviour: …"); `None` when it rests on none.
pub fn inferred_sentence(e: &Explanation) -> Option<String> {
    if e.inferred.is_empty() {
        return None;
    }
    let texts: Vec<String> = e
        .inferred
        .iter()
        .map(|i| i.text.trim().trim_end_matches('.').to_string())
        .collect();
    Some(format!("{INFERRED_INTRO} {}.", texts.join("; ")))
}

/// How to name a policy: its label, else its id, else where it is.
pub fn policy_name(p: &PolicyRef) -> String {
    if !p.label.is_empty() {
        p.label.clone()
    } else if !p.id.is_empty() {
        format!("policy {}", p.id)
    } else if !p.path.is_empty() {
        p.path.clone()
    } else {
        format!("{}[{}]", p.section, p.index)
    }
}

/// A step reference: "S2 Anti-spoofing — policy as-apply".
pub fn step_ref(e: &Explanation, r: &StepRef) -> String {
    let title = e
        .steps
        .iter()
        .find(|s| s.id == r.step)
        .map(|s| s.title.as_str())
        .filter(|t| !t.is_empty());
    let mut out = r.step.clone();
    if let Some(t) = title {
        let _ = write!(out, " {t}");
    }
    if let Some(p) = &r.policy {
        let _ = write!(out, " — {}", policy_name(p));
    }
    if !r.summary.is_empty() {
        let _ = write!(out, " ({})", r.summary);
    }
    out
}

/// A policy's status for people.
pub fn policy_status(s: PolicyStatus) -> &'static str {
    match s {
        PolicyStatus::Winner => "winner",
        PolicyStatus::Outranked => "outranked",
        PolicyStatus::Tied => "tied",
        PolicyStatus::Applies => "applies",
        PolicyStatus::NotMatching => "not matching",
        PolicyStatus::NotEffective => "not in force",
        PolicyStatus::Unknown => "unknown",
        PolicyStatus::Skipped => "skipped",
    }
}

/// A policy's status as the JSON writes it (`not_matching` …), for
/// renderers that mark it (CSS classes, test hooks).
pub fn policy_status_code(s: PolicyStatus) -> &'static str {
    match s {
        PolicyStatus::Winner => "winner",
        PolicyStatus::Outranked => "outranked",
        PolicyStatus::Tied => "tied",
        PolicyStatus::Applies => "applies",
        PolicyStatus::NotMatching => "not_matching",
        PolicyStatus::NotEffective => "not_effective",
        PolicyStatus::Unknown => "unknown",
        PolicyStatus::Skipped => "skipped",
    }
}

/// A step's status as the JSON writes it (`not_reached` …).
pub fn step_status_code(s: StepStatus) -> &'static str {
    match s {
        StepStatus::Decided => "decided",
        StepStatus::Passed => "passed",
        StepStatus::Skipped => "skipped",
        StepStatus::NotReached => "not_reached",
        StepStatus::NotModelled => "not_modelled",
        StepStatus::NotAssessed => "not_assessed",
    }
}

/// The policy is the one (or one of those) that applies.
pub fn is_winner(s: PolicyStatus) -> bool {
    matches!(s, PolicyStatus::Winner | PolicyStatus::Applies)
}

/// A step's status for people.
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

/// The whole explanation as text: verdict, certainty, deciding factors,
/// the inferred steps in plain words, assumptions, unknowns, then each
/// step with its policies (the winner marked `*`).
pub fn render(e: &Explanation) -> String {
    let mut out = String::new();
    let v = &e.verdict;
    let m = &e.message;
    let _ = writeln!(out, "Verdict: {}", headline(e));
    let _ = writeln!(out, "Reaches the inbox: {}", reach(v.reaches_inbox));
    let _ = writeln!(out, "Decided by: {}", step_ref(e, &v.decided_by));
    if !v.because.is_empty() {
        let _ = writeln!(out, "Because: {}", v.because);
    }
    for r in &v.opened_by {
        let _ = writeln!(out, "Opened by: {}", step_ref(e, r));
    }
    let _ = writeln!(out, "Certainty: {}", certainty(e));
    list(
        &mut out,
        "Deciding factors",
        e.deciding_factors.iter().map(deciding_factor),
    );
    if !e.inferred.is_empty() {
        let _ = writeln!(out, "{INFERRED_INTRO}");
        for i in &e.inferred {
            let _ = writeln!(out, "  - {} ({})", i.text, i.rule);
        }
    }
    list(&mut out, "Assumptions", e.assumptions.iter().cloned());
    list(
        &mut out,
        "Unknowns",
        e.unknowns.iter().map(|u| {
            let deciding = if u.deciding { " (deciding)" } else { "" };
            format!("{}: {}{deciding}", u.atom, u.why)
        }),
    );
    let name = if m.header_display_name.is_empty() {
        String::new()
    } else {
        format!(" “{}”", m.header_display_name)
    };
    let envelope = if m.envelope_from.is_empty() {
        "<> (null sender)"
    } else {
        m.envelope_from.as_str()
    };
    let _ = writeln!(
        out,
        "Message: envelope from {envelope}, header from {}{name}, from {}, to {}, at {} \
         (policies judged at {})",
        m.header_from, m.sending_ip, m.recipient, m.date, e.analysis_date
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Steps:");
    for s in &e.steps {
        let effect = s
            .effect
            .as_deref()
            .filter(|x| !x.is_empty())
            .map(|x| format!(" ({x})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {}: {}{effect}",
            s.id,
            s.title,
            step_status(s.status)
        );
        if !s.text.is_empty() {
            let _ = writeln!(out, "    {}", s.text);
        }
        for w in &s.warnings {
            let _ = writeln!(out, "    warning: {w}");
        }
        for p in &s.policies {
            let mark = if is_winner(p.status) { '*' } else { '-' };
            let _ = writeln!(
                out,
                "    {mark} {} [{}]: {} ({})",
                policy_name(&p.policy),
                policy_status(p.status),
                p.reason.text,
                p.reason.code
            );
            for w in &p.warnings {
                let _ = writeln!(out, "        warning: {w}");
            }
        }
        if !s.findings.is_empty() {
            let _ = writeln!(out, "    see findings: {}", s.findings.join(", "));
        }
    }
    out
}

/// A titled list, one item a line; nothing when empty.
fn list(out: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}:");
    for i in items {
        let _ = writeln!(out, "  - {i}");
    }
}

#[cfg(test)]
mod tests;
