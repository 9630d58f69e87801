//! What the hand-over exports (HTML and Markdown) say beyond the findings:
//! the customer line, the grade in plain words, the numbered action plan,
//! the scope and limitations, and the register of accepted risks. The
//! renderers only lay these out, so both formats say the same thing.

use super::effort::Effort;
use crate::compare::{Change, Comparison, FindingChange, RuleChange};
use crate::report::score::Letter;
use crate::report::{CoverageEntry, CoverageState, FindingReport, FindingState, Report};
use crate::report::{ResultReport, Status};
use crate::rules::Severity;

/// The customer name an assessment has before anyone names it (the same
/// text as `assessment::UNTITLED`, which this layer may not use): an
/// export treats it as no name at all.
pub const UNTITLED_CUSTOMER: &str = "Untitled assessment";

/// What the summary says when no customer is named.
pub const CUSTOMER_NOT_NAMED: &str = "Customer not named";

/// The customer's name, trimmed, when one was given: empty and
/// [`UNTITLED_CUSTOMER`] are not names.
pub fn customer_named(customer: &str) -> Option<&str> {
    match customer.trim() {
        "" | UNTITLED_CUSTOMER => None,
        c => Some(c),
    }
}

/// Open findings of `r` at each severity.
fn open_at(r: &Report, s: Severity) -> usize {
    r.results
        .iter()
        .flat_map(|x| &x.findings)
        .filter(|f| f.state == FindingState::Open && f.severity == s)
        .count()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One plain-language paragraph on what the grade means for this tenant:
/// what the letter says, what is open, and how far the data reached.
pub fn grade_paragraph(r: &Report) -> String {
    let Some(grade) = r.score.grade else {
        return "No rule could be assessed from the data loaded, so there is no grade yet: \
                collect the sections listed under Scope and limitations, then run the \
                assessment again."
            .to_string();
    };
    let critical = open_at(r, Severity::Critical);
    let high = open_at(r, Severity::High);
    let open: usize = r.results.iter().map(super::open_findings).sum();
    let mut listed = Vec::new();
    if critical > 0 {
        listed.push(plural(critical, "critical problem", "critical problems"));
    }
    if high > 0 {
        listed.push(plural(
            high,
            "high-severity problem",
            "high-severity problems",
        ));
    }
    let (problems, one) = match listed.len() {
        0 => (
            format!("{} of lower severity", plural(open, "finding", "findings")),
            open == 1,
        ),
        _ => (listed.join(" and "), critical + high == 1),
    };
    let verb = |singular: &'static str, many: &'static str| if one { singular } else { many };
    let mut p = match grade.letter {
        Letter::F => format!(
            "Spoofed and impersonating mail can reach users today: {problems} {} the tenant \
             open to attacks the product is licensed to stop.",
            verb("leaves", "leave")
        ),
        Letter::D => format!(
            "Protection is weak: common attacks are likely to get through. {} {} attention \
             soon.",
            capitalise(&problems),
            verb("needs", "need")
        ),
        Letter::C => format!(
            "Protection works in part, with real gaps: {problems} {} some attacks a way in.",
            verb("leaves", "leave")
        ),
        Letter::B => format!(
            "Protection is mostly sound. {} {} worth closing to remove the remaining gaps.",
            capitalise(&problems),
            verb("is", "are")
        ),
        Letter::A => "Protection is in good shape: the configuration does what the product \
                      can do against spoofing and impersonation."
            .to_string(),
    };
    if open == 0 {
        p.push_str(" No finding is open.");
    } else {
        p.push_str(&format!(
            " The plan below lists the {} in the order to fix them.",
            plural(open, "open finding", "open findings")
        ));
    }
    let (assessed, total) = super::rules_assessed(r);
    if grade.incomplete {
        p.push_str(&format!(
            " The grade rests on only {assessed} of {total} rules (data for the others was \
             not collected), so it is capped at C and may be worse."
        ));
    } else if assessed < total {
        p.push_str(&format!(
            " {} could not be assessed; see Scope and limitations.",
            plural(total - assessed, "rule", "rules")
        ));
    }
    p
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// One line of the action plan.
#[derive(Debug, Clone)]
pub struct PlanItem<'a> {
    /// Its number, 1 first (the priority; the CSV numbers the same).
    pub number: usize,
    /// The rule's result.
    pub result: &'a ResultReport,
    /// The finding.
    pub finding: &'a FindingReport,
    /// The object for people ([`super::csv::object_label`]).
    pub object: String,
    /// What to do: the first paragraph of the rule's fix.
    pub action: String,
    /// Where in the console to do it (empty for an unknown rule).
    pub console: &'static str,
    /// How much work the fix is.
    pub effort: Effort,
    /// Who does it (empty: nobody named).
    pub owner: String,
    /// By when, `YYYY-MM-DD` (empty: no date).
    pub due: String,
}

/// Who owns a finding and by when, as the exports show it: its assignment
/// (the action plan's owner and due date) when it has one, else the owner
/// and expiry of the acceptance that names it (also an expired one), else
/// nobody.
pub fn owner_and_due(f: &FindingReport) -> (&str, &str) {
    match (&f.assignment, &f.acceptance) {
        (Some(a), _) if !a.is_empty() => (a.owner.as_str(), a.due.as_str()),
        (_, Some(a)) => (a.owner.as_str(), a.expires.as_str()),
        _ => ("", ""),
    }
}

/// Every finding as a numbered plan item, in the one priority order
/// ([`super::priority()`]), accepted risks last.
pub fn plan(r: &Report) -> Vec<PlanItem<'_>> {
    let sections: Vec<&str> = r.coverage.iter().map(|c| c.key.as_str()).collect();
    super::priority(r)
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let (owner, due) = owner_and_due(p.finding);
            PlanItem {
                number: i + 1,
                result: p.result,
                finding: p.finding,
                object: super::csv::object_label(p.finding, &sections),
                action: super::recommendation(&p.result.fix),
                console: crate::rules::find(&p.result.code)
                    .map(|rule| rule.meta().console)
                    .unwrap_or(""),
                effort: p.effort,
                owner: owner.to_string(),
                due: due.to_string(),
            }
        })
        .collect()
}

/// What the assessment did not cover, and why.
#[derive(Debug, Clone, Default)]
pub struct Scope<'a> {
    /// Rules not assessed, in code order, each with the sections it lacked.
    pub not_assessed: Vec<&'a ResultReport>,
    /// Sections loaded but incomplete (the API reported failures).
    pub incomplete: Vec<&'a CoverageEntry>,
    /// Sections not loaded at all.
    pub missing: Vec<&'a CoverageEntry>,
}

impl Scope<'_> {
    /// Whether everything was assessed from complete data.
    pub fn is_complete(&self) -> bool {
        self.not_assessed.is_empty() && self.incomplete.is_empty() && self.missing.is_empty()
    }
}

/// The scope and limitations of `r`.
pub fn scope(r: &Report) -> Scope<'_> {
    let mut not_assessed: Vec<&ResultReport> = r
        .results
        .iter()
        .filter(|x| x.status == Status::NotAssessed)
        .collect();
    not_assessed.sort_by(|a, b| a.code.cmp(&b.code));
    let state = |s: CoverageState| r.coverage.iter().filter(move |c| c.state == s);
    Scope {
        not_assessed,
        incomplete: state(CoverageState::Incomplete).collect(),
        missing: state(CoverageState::Missing).collect(),
    }
}

/// Why a rule was not assessed, as a sentence: the sections it lacked by
/// their titles, each with the reason when it was loaded but could not
/// settle the rule ("Needs Continuity monitors (not collected).").
pub fn not_assessed_reason(x: &ResultReport) -> String {
    if x.missing_sections.is_empty() {
        return "The data it needs was not loaded.".to_string();
    }
    let parts: Vec<String> = x
        .missing_sections
        .iter()
        .map(|m| match &m.reason {
            Some(why) => format!("{} ({why})", m.title),
            None => format!("{} (not collected)", m.title),
        })
        .collect();
    format!("Needs {}.", parts.join("; "))
}

/// A finding with an acceptance: the register of accepted risks.
#[derive(Debug, Clone, Copy)]
pub struct AcceptedRisk<'a> {
    /// The rule's result.
    pub result: &'a ResultReport,
    /// The finding.
    pub finding: &'a FindingReport,
    /// The acceptance (expired ones included: the finding is open again).
    pub acceptance: &'a crate::model::Acceptance,
}

/// Every finding with an acceptance, in priority order (holding ones
/// last, as the plan lists them).
pub fn accepted_risks(r: &Report) -> Vec<AcceptedRisk<'_>> {
    super::priority(r)
        .into_iter()
        .filter_map(|p| {
            Some(AcceptedRisk {
                result: p.result,
                finding: p.finding,
                acceptance: p.finding.acceptance.as_ref()?,
            })
        })
        .collect()
}

/// "Accepted until", "Expired", "No longer valid (rule changed)".
pub fn acceptance_state(a: &crate::model::Acceptance) -> &'static str {
    if a.outdated {
        "No longer valid (the rule changed)"
    } else if a.expired {
        "Expired: open again"
    } else {
        "Accepted"
    }
}

/// The comparison's counts in words: "1 new finding, 2 fixed, 1 newly
/// accepted, 3 rules changed outcome" (categories with nothing left out;
/// "no change" when all are empty).
/// "Since last review" as every format shows it: the intro's parts, the
/// non-empty groups of findings, the rules whose outcome changed.
#[derive(Debug, Clone)]
pub struct Since<'a> {
    /// The baseline's "data as of" date, for people.
    pub before: String,
    /// The score change ("86 → 94 (+8)").
    pub score: String,
    /// The counts in words ([`change_counts`]).
    pub counts: String,
    /// New, fixed, accepted and no-longer-assessed findings: (which,
    /// heading, findings), the empty groups left out.
    pub groups: Vec<(Change, &'static str, &'a [FindingChange])>,
    /// The rules whose outcome changed, in words ([`rule_change_line`]).
    pub rule_changes: Vec<String>,
}

/// "Since last review" of comparison `c` (see [`Since`]).
pub fn since(c: &Comparison) -> Since<'_> {
    Since {
        before: super::dates::human_date(&c.before_date),
        score: c.score.overall.summary(),
        counts: change_counts(c),
        groups: [
            Change::New,
            Change::Fixed,
            Change::Accepted,
            Change::Unknown,
        ]
        .into_iter()
        .map(|k| (k, change_heading(k), c.findings.get(k)))
        .filter(|(_, _, list)| !list.is_empty())
        .collect(),
        rule_changes: c.rule_changes.iter().map(rule_change_line).collect(),
    }
}

/// The counts of a comparison in words.
pub fn change_counts(c: &Comparison) -> String {
    let n = &c.counts;
    let mut v = Vec::new();
    if n.new > 0 {
        v.push(plural(n.new, "new finding", "new findings"));
    }
    if n.fixed > 0 {
        v.push(format!("{} fixed", n.fixed));
    }
    if n.accepted > 0 {
        v.push(format!("{} accepted as risks", n.accepted));
    }
    if n.unknown > 0 {
        v.push(format!("{} no longer assessed", n.unknown));
    }
    if !c.rule_changes.is_empty() {
        v.push(format!(
            "{} changed outcome",
            plural(c.rule_changes.len(), "rule", "rules")
        ));
    }
    if n.unchanged > 0 {
        v.push(format!("{} still open", n.unchanged));
    }
    if v.is_empty() {
        "no change".to_string()
    } else {
        v.join(", ")
    }
}

/// The heading of one group of changed findings.
pub fn change_heading(change: Change) -> &'static str {
    match change {
        Change::New => "New findings",
        Change::Fixed => "Fixed since last review",
        Change::Unchanged => "Still open",
        Change::Accepted => "Accepted as risks",
        Change::Unknown => "No longer assessed (data missing now, so not known to be fixed)",
    }
}

/// A rule's change of outcome in words: "ASP003 internal-domain-unprotected:
/// failed before, passes now".
pub fn rule_change_line(x: &RuleChange) -> String {
    let before = match x.before {
        Some(Status::Fail) => "failed before",
        Some(Status::Pass) => "passed before",
        Some(Status::NotAssessed) => "was not assessed before",
        None => "did not exist before",
    };
    let after = match x.after {
        Some(Status::Fail) => "fails now",
        Some(Status::Pass) => "passes now",
        Some(Status::NotAssessed) => "is not assessed now",
        None => "is no longer checked",
    };
    format!("{} {}: {before}, {after}", x.code, x.name)
}

#[cfg(test)]
#[path = "handover_tests.rs"]
mod tests;
