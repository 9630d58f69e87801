//! The comparison as people read it: the score change as a badge, the
//! groups in the order that matters in a review (new, fixed, changed, then
//! the rest), findings most severe first, a table per area, and rule
//! outcome changes in plain words instead of status names.

use std::collections::BTreeMap;

use super::{Change, Comparison, FindingChange, ScoreChange};
use crate::report::{Report, Status};
use crate::rules::{Area, Severity};

/// Which way the score moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// The score went up.
    Up,
    /// The score went down.
    Down,
    /// The score did not move.
    Same,
}

impl Trend {
    /// `up`, `down` or `same` (for a CSS class).
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Same => "same",
        }
    }
}

/// The score change as a short badge: "+12 since baseline".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreBadge {
    /// The badge text.
    pub text: String,
    /// Which way the score moved.
    pub trend: Trend,
}

/// The badge for a score change: "+12 since baseline", "−5 since baseline"
/// (a true minus sign) or "no change since baseline"; `None` when either
/// run has no score.
pub fn score_badge(s: &ScoreChange) -> Option<ScoreBadge> {
    let d = s.delta?;
    let (text, trend) = match d {
        d if d > 0 => (format!("+{d} since baseline"), Trend::Up),
        d if d < 0 => (format!("\u{2212}{} since baseline", -d), Trend::Down),
        _ => ("no change since baseline".to_string(), Trend::Same),
    };
    Some(ScoreBadge { text, trend })
}

/// One group of the comparison as shown: a heading, what it holds and
/// whether it starts open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `new`, `fixed`, `changed`, `unknown`, `accepted` or `unchanged`.
    pub kind: &'static str,
    /// The heading without the count, e.g. "New findings".
    pub title: &'static str,
    /// Findings of the group, most severe first (empty for `changed`).
    pub findings: Vec<FindingChange>,
    /// Rule outcome changes in plain words (only for `changed`).
    pub rules: Vec<WordedRuleChange>,
    /// Whether the group starts open.
    pub open: bool,
}

impl Group {
    /// How many items the group holds.
    pub fn len(&self) -> usize {
        self.findings.len() + self.rules.len()
    }

    /// Whether the group holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The heading with its count: "Fixed (39)".
    pub fn heading(&self) -> String {
        format!("{} ({})", self.title, self.len())
    }
}

/// The finding categories in review order: what got worse, what got
/// better, then what did not move.
pub const FINDING_ORDER: [Change; 5] = [
    Change::New,
    Change::Fixed,
    Change::Unknown,
    Change::Accepted,
    Change::Unchanged,
];

fn kind(c: Change) -> &'static str {
    match c {
        Change::New => "new",
        Change::Fixed => "fixed",
        Change::Unchanged => "unchanged",
        Change::Accepted => "accepted",
        Change::Unknown => "unknown",
    }
}

fn title(c: Change) -> &'static str {
    match c {
        Change::New => "New findings",
        Change::Fixed => "Fixed",
        Change::Unchanged => "Unchanged",
        Change::Accepted => "Accepted",
        Change::Unknown => "No longer assessed",
    }
}

/// Findings most severe first, then by key.
pub fn by_severity(list: &[FindingChange]) -> Vec<FindingChange> {
    let mut v = list.to_vec();
    v.sort_by(|a, b| (a.severity, &a.key).cmp(&(b.severity, &b.key)));
    v
}

/// The groups to show, in order: new findings, fixed findings, changed
/// rule outcomes, then findings no longer assessed, accepted and
/// unchanged. Only the first non-empty group of "new" and "fixed" starts
/// open (so an empty "New" never hides "Fixed"); when both are empty,
/// "changed" opens if it has anything.
pub fn groups(c: &Comparison, before: &Report, after: &Report) -> Vec<Group> {
    let finding_group = |ch: Change| Group {
        kind: kind(ch),
        title: title(ch),
        findings: by_severity(c.findings.get(ch)),
        rules: Vec::new(),
        open: false,
    };
    let mut out: Vec<Group> = vec![finding_group(Change::New), finding_group(Change::Fixed)];
    out.push(Group {
        kind: "changed",
        title: "Changed rule outcomes",
        findings: Vec::new(),
        rules: worded_rule_changes(c, before, after),
        open: false,
    });
    out.extend(FINDING_ORDER[2..].iter().map(|&ch| finding_group(ch)));
    if let Some(g) = out.iter_mut().take(3).find(|g| !g.is_empty()) {
        g.open = true;
    }
    out
}

/// How a rule stood in the baseline, as the start of a sentence.
fn was(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Fail) => "was failing",
        Some(Status::Pass) => "passed",
        Some(Status::NotAssessed) => "was not assessed",
        None => "was not checked by that version",
    }
}

/// How a rule stands now, as the end of a sentence.
fn now(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::Fail) => "now fails",
        Some(Status::Pass) => "now passes",
        Some(Status::NotAssessed) => "now not assessed (its data is missing)",
        None => "no longer checked",
    }
}

/// A rule's status change in plain words: "was not assessed, now passes".
pub fn status_change(before: Option<Status>, after: Option<Status>) -> String {
    format!("{}, {}", was(before), now(after))
}

/// A rule whose outcome changed, worded for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordedRuleChange {
    /// The rule's code.
    pub code: String,
    /// The rule's title (its name when neither report has a title).
    pub title: String,
    /// The rule's severity.
    pub severity: Severity,
    /// What changed: "was failing, now passes".
    pub change: String,
    /// Whether the change is for the better (now passes), the worse (now
    /// fails), or neither.
    pub trend: Trend,
}

/// The rule outcome changes, most severe first, then by code.
pub fn worded_rule_changes(
    c: &Comparison,
    before: &Report,
    after: &Report,
) -> Vec<WordedRuleChange> {
    let title_of = |code: &str| {
        [after, before]
            .iter()
            .flat_map(|r| r.results.iter())
            .find(|r| r.code == code && !r.title.is_empty())
            .map(|r| r.title.clone())
    };
    let mut v: Vec<WordedRuleChange> = c
        .rule_changes
        .iter()
        .map(|r| WordedRuleChange {
            code: r.code.clone(),
            title: title_of(&r.code).unwrap_or_else(|| r.name.clone()),
            severity: r.severity,
            change: status_change(r.before, r.after),
            trend: match (r.before, r.after) {
                (_, Some(Status::Pass)) => Trend::Up,
                (_, Some(Status::Fail)) => Trend::Down,
                _ => Trend::Same,
            },
        })
        .collect();
    v.sort_by(|a, b| (a.severity, &a.code).cmp(&(b.severity, &b.code)));
    v
}

/// One row of the per-area table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRow {
    /// The area.
    pub area: Area,
    /// The area's score and grade in the baseline ("72 C"), "–" if none.
    pub before: String,
    /// The area's score and grade now, "–" if none.
    pub after: String,
    /// Findings of the area that are new.
    pub new: usize,
    /// Findings of the area that were fixed.
    pub fixed: usize,
}

/// Score and grade as shown in the table: "72 C", "72" or "–".
fn shown(score: Option<u32>, grade: Option<crate::report::score::Grade>) -> String {
    match (score, grade) {
        (Some(s), Some(g)) => format!("{s} {g}"),
        (Some(s), None) => s.to_string(),
        _ => "\u{2013}".to_string(),
    }
}

/// Every area with its score before and after and its new and fixed
/// findings, in report order; areas with nothing to show (no score in
/// either run, nothing new or fixed) are left out.
pub fn area_rows(c: &Comparison, before: &Report, after: &Report) -> Vec<AreaRow> {
    let area_of: BTreeMap<&str, Area> = before
        .results
        .iter()
        .chain(&after.results)
        .map(|r| (r.code.as_str(), r.area))
        .collect();
    let count = |ch: Change, area: Area| {
        c.findings
            .get(ch)
            .iter()
            .filter(|f| area_of.get(f.code.as_str()) == Some(&area))
            .count()
    };
    c.score
        .areas
        .iter()
        .map(|a| AreaRow {
            area: a.area,
            before: shown(a.before, a.before_grade),
            after: shown(a.after, a.after_grade),
            new: count(Change::New, a.area),
            fixed: count(Change::Fixed, a.area),
        })
        .filter(|r| r.before != "\u{2013}" || r.after != "\u{2013}" || r.new + r.fixed > 0)
        .collect()
}

#[cfg(test)]
mod tests;
