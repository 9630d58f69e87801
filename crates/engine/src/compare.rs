//! Comparing two reports of the same tenant: a baseline (`before`) and a
//! later run (`after`). Findings are matched by their stable key
//! (`CODE:object`), never by position, so a re-ordered export compares
//! cleanly (`docs/scoring.md`, "Comparing two runs").

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::model::Acceptance;
use super::report::score::Grade;
use super::report::score::{self, Score};
use super::report::{FindingReport, FindingState, Report, ResultReport, Status};
use super::rules::{Area, Severity};

mod plain;

pub use plain::{
    area_rows, by_severity, groups, score_badge, status_change, worded_rule_changes, AreaRow,
    Group, ScoreBadge, Trend, WordedRuleChange, FINDING_ORDER,
};

/// What happened to one finding between the two runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Change {
    /// Only in `after`, open.
    New,
    /// Only in `before`, and its rule was assessed in `after`.
    Fixed,
    /// In both, open in `after`.
    Unchanged,
    /// In `after` with an acceptance that holds (whether or not it was in
    /// `before`).
    Accepted,
    /// Only in `before`, and its rule was not assessed in `after` (its data
    /// is missing): no longer assessed, so not known to be fixed.
    Unknown,
}

impl Change {
    /// Every category, in the order the comparison lists them.
    pub const ALL: [Change; 5] = [
        Change::New,
        Change::Fixed,
        Change::Unchanged,
        Change::Accepted,
        Change::Unknown,
    ];

    /// The category for people: "new", "fixed" … "no longer assessed".
    pub fn label(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Fixed => "fixed",
            Change::Unchanged => "unchanged",
            Change::Accepted => "accepted",
            Change::Unknown => "no longer assessed",
        }
    }
}

/// One finding of either run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingChange {
    /// `CODE:object`.
    pub key: String,
    /// The rule's code.
    pub code: String,
    /// The rule's name.
    pub rule_name: String,
    /// The object the finding is about.
    pub object: String,
    /// The finding's severity (from `after` when there, else from `before`).
    pub severity: Severity,
    /// From `after` when the finding is there, else from `before`.
    pub message: String,
    /// State in `before`; `None`: not there.
    pub before: Option<FindingState>,
    /// State in `after`; `None`: not there.
    pub after: Option<FindingState>,
    /// The acceptance in `after` (or, when absent there, in `before`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
}

/// Every finding of either run, by what happened to it; each list sorted by
/// key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingChanges {
    /// Findings only in `after`, open.
    pub new: Vec<FindingChange>,
    /// Findings gone from `after` whose rule was assessed there.
    pub fixed: Vec<FindingChange>,
    /// Findings in both runs, open in `after`.
    pub unchanged: Vec<FindingChange>,
    /// Findings whose acceptance holds in `after`.
    pub accepted: Vec<FindingChange>,
    /// Findings gone from `after` whose rule was not assessed there.
    pub unknown: Vec<FindingChange>,
}

impl FindingChanges {
    /// The findings in one category.
    pub fn get(&self, c: Change) -> &[FindingChange] {
        match c {
            Change::New => &self.new,
            Change::Fixed => &self.fixed,
            Change::Unchanged => &self.unchanged,
            Change::Accepted => &self.accepted,
            Change::Unknown => &self.unknown,
        }
    }

    fn get_mut(&mut self, c: Change) -> &mut Vec<FindingChange> {
        match c {
            Change::New => &mut self.new,
            Change::Fixed => &mut self.fixed,
            Change::Unchanged => &mut self.unchanged,
            Change::Accepted => &mut self.accepted,
            Change::Unknown => &mut self.unknown,
        }
    }

    /// The keys in one category.
    pub fn keys(&self, c: Change) -> Vec<&str> {
        self.get(c).iter().map(|f| f.key.as_str()).collect()
    }
}

/// How many findings fell in each category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeCounts {
    /// Findings new in `after`.
    pub new: usize,
    /// Findings fixed.
    pub fixed: usize,
    /// Findings in both runs, still open.
    pub unchanged: usize,
    /// Findings accepted in `after`.
    pub accepted: usize,
    /// Findings no longer assessed.
    pub unknown: usize,
}

impl ChangeCounts {
    /// The counts in one line: `3 new · 5 fixed · 2 unchanged · 1 accepted
    /// · 0 no longer assessed`.
    pub fn summary(&self) -> String {
        format!(
            "{} new · {} fixed · {} unchanged · {} accepted · {} no longer assessed",
            self.new, self.fixed, self.unchanged, self.accepted, self.unknown
        )
    }
}

/// A rule whose status differs between the runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleChange {
    /// The rule's code.
    pub code: String,
    /// The rule's name.
    pub name: String,
    /// The rule's area.
    pub area: Area,
    /// The rule's severity.
    pub severity: Severity,
    /// `None`: the rule is not in that report (another catalog version).
    pub before: Option<Status>,
    /// Status in `after`; `None`: the rule is not in that report.
    pub after: Option<Status>,
}

impl RuleChange {
    /// The change in one line: `ASP003 internal-domain-unprotected: fail → pass`.
    pub fn summary(&self) -> String {
        format!(
            "{} {}: {} → {}",
            self.code,
            self.name,
            status_text(self.before),
            status_text(self.after)
        )
    }
}

/// A score before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreChange {
    /// Score in `before`; `None`: not scored.
    pub before: Option<u32>,
    /// Score in `after`; `None`: not scored.
    pub after: Option<u32>,
    /// `after − before`; `None` when either is `None`.
    pub delta: Option<i32>,
    /// Grade in `before`.
    pub before_grade: Option<Grade>,
    /// Grade in `after`.
    pub after_grade: Option<Grade>,
}

impl ScoreChange {
    /// The change in one line: `41 → 78 (+37)`, `–` for a missing score.
    pub fn summary(&self) -> String {
        let score = |s: Option<u32>| s.map(|s| s.to_string()).unwrap_or_else(|| "–".into());
        let delta = match self.delta {
            Some(d) if d > 0 => format!("+{d}"),
            Some(d) => d.to_string(),
            None => "–".into(),
        };
        format!("{} → {} ({delta})", score(self.before), score(self.after))
    }

    fn of(
        before: (Option<u32>, Option<Grade>),
        after: (Option<u32>, Option<Grade>),
    ) -> ScoreChange {
        ScoreChange {
            delta: before.0.zip(after.0).map(|(b, a)| a as i32 - b as i32),
            before: before.0,
            after: after.0,
            before_grade: before.1,
            after_grade: after.1,
        }
    }
}

/// One area's score before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AreaScoreChange {
    /// The area.
    pub area: Area,
    /// The area's score in `before`; `None`: not scored.
    pub before: Option<u32>,
    /// The area's score in `after`; `None`: not scored.
    pub after: Option<u32>,
    /// `after − before`; `None` when either is `None`.
    pub delta: Option<i32>,
    /// The area's grade in `before`.
    pub before_grade: Option<Grade>,
    /// The area's grade in `after`.
    pub after_grade: Option<Grade>,
}

/// Coverage (share of rules assessed, in %) before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageChange {
    /// Coverage in `before`.
    pub before: u32,
    /// Coverage in `after`.
    pub after: u32,
    /// `after − before`, in percentage points.
    pub delta: i32,
}

/// Overall and per-area score, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreDelta {
    /// The overall score.
    pub overall: ScoreChange,
    /// The coverage.
    pub coverage: CoverageChange,
    /// Every area, in report order.
    pub areas: Vec<AreaScoreChange>,
}

/// The difference between a baseline and a later report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// `analysisDate` of the baseline.
    pub before_date: String,
    /// `analysisDate` of the later report.
    pub after_date: String,
    /// How many findings fell in each category.
    pub counts: ChangeCounts,
    /// Every finding of either run, by category.
    pub findings: FindingChanges,
    /// Rules whose status differs, sorted by code.
    pub rule_changes: Vec<RuleChange>,
    /// The score before and after, overall and per area.
    pub score: ScoreDelta,
}

/// The findings of a report by key (a key seen twice keeps the first
/// finding, open if either is open).
fn by_key(r: &Report) -> BTreeMap<&str, (&ResultReport, FindingReport)> {
    let mut out: BTreeMap<&str, (&ResultReport, FindingReport)> = BTreeMap::new();
    for res in &r.results {
        for f in &res.findings {
            out.entry(f.key.as_str())
                .and_modify(|(_, g)| {
                    if f.state == FindingState::Open {
                        g.state = FindingState::Open;
                    }
                })
                .or_insert_with(|| (res, f.clone()));
        }
    }
    out
}

fn assessed(s: Status) -> bool {
    matches!(s, Status::Pass | Status::Fail)
}

/// Compares a baseline (`before`) with a later report (`after`).
pub fn compare(before: &Report, after: &Report) -> Comparison {
    let (b, a) = (by_key(before), by_key(after));
    let after_status: BTreeMap<&str, Status> = after
        .results
        .iter()
        .map(|r| (r.code.as_str(), r.status))
        .collect();
    let mut findings = FindingChanges::default();
    let mut keys: Vec<&str> = b.keys().chain(a.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let (old, new) = (b.get(key), a.get(key));
        let (res, f) = new.or(old).expect("a key comes from one of the runs");
        let change = match (old, new) {
            (_, Some((_, f))) if f.state == FindingState::Accepted => Change::Accepted,
            (Some(_), Some(_)) => Change::Unchanged,
            (None, Some(_)) => Change::New,
            (Some((r, _)), None)
                if after_status
                    .get(r.code.as_str())
                    .copied()
                    .is_some_and(assessed) =>
            {
                Change::Fixed
            }
            (Some(_), None) => Change::Unknown,
            (None, None) => unreachable!(),
        };
        findings.get_mut(change).push(FindingChange {
            key: key.to_string(),
            code: res.code.clone(),
            rule_name: res.name.clone(),
            object: f.object.clone(),
            severity: f.severity,
            message: f.message.clone(),
            before: old.map(|(_, f)| f.state),
            after: new.map(|(_, f)| f.state),
            acceptance: new
                .and_then(|(_, f)| f.acceptance.clone())
                .or_else(|| old.and_then(|(_, f)| f.acceptance.clone())),
        });
    }
    let counts = ChangeCounts {
        new: findings.new.len(),
        fixed: findings.fixed.len(),
        unchanged: findings.unchanged.len(),
        accepted: findings.accepted.len(),
        unknown: findings.unknown.len(),
    };
    Comparison {
        before_date: before.analysis_date.clone(),
        after_date: after.analysis_date.clone(),
        counts,
        findings,
        rule_changes: rule_changes(before, after),
        score: score_delta(
            &score::compute(&before.results),
            &score::compute(&after.results),
        ),
    }
}

fn rule_changes(before: &Report, after: &Report) -> Vec<RuleChange> {
    let index = |r: &Report| {
        r.results
            .iter()
            .map(|x| (x.code.clone(), x.clone()))
            .collect::<BTreeMap<String, ResultReport>>()
    };
    let (b, a) = (index(before), index(after));
    let mut codes: Vec<&String> = b.keys().chain(a.keys()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .filter_map(|code| {
            let (old, new) = (b.get(code), a.get(code));
            let (bs, as_) = (old.map(|r| r.status), new.map(|r| r.status));
            if bs == as_ {
                return None;
            }
            let r = new.or(old)?;
            Some(RuleChange {
                code: code.clone(),
                name: r.name.clone(),
                area: r.area,
                severity: r.severity,
                before: bs,
                after: as_,
            })
        })
        .collect()
}

/// The score change between two computed scores.
pub fn score_delta(before: &Score, after: &Score) -> ScoreDelta {
    let area = |s: &Score, area: Area| {
        s.area(area)
            .map(|x| (x.score, x.grade))
            .unwrap_or((None, None))
    };
    ScoreDelta {
        overall: ScoreChange::of((before.overall, before.grade), (after.overall, after.grade)),
        coverage: CoverageChange {
            before: before.coverage,
            after: after.coverage,
            delta: after.coverage as i32 - before.coverage as i32,
        },
        areas: Area::ALL
            .iter()
            .map(|&a| {
                let c = ScoreChange::of(area(before, a), area(after, a));
                AreaScoreChange {
                    area: a,
                    before: c.before,
                    after: c.after,
                    delta: c.delta,
                    before_grade: c.before_grade,
                    after_grade: c.after_grade,
                }
            })
            .collect(),
    }
}

/// A report's JSON (`Report::to_json`) with a `comparison` field added last,
/// for `--baseline` in JSON mode.
pub fn report_json_with(report: &Report, comparison: Option<&Comparison>) -> String {
    #[derive(Serialize)]
    struct WithComparison<'a> {
        #[serde(flatten)]
        report: &'a Report,
        #[serde(skip_serializing_if = "Option::is_none")]
        comparison: Option<&'a Comparison>,
    }
    serde_json::to_string_pretty(&WithComparison { report, comparison })
        .expect("a report always serialises")
}

fn show(score: Option<u32>, grade: &Option<Grade>) -> String {
    match (score, grade) {
        (Some(s), Some(g)) => format!("{s} {g}"),
        (Some(s), None) => s.to_string(),
        _ => "n/a".into(),
    }
}

fn signed(d: Option<i32>) -> String {
    match d {
        Some(d) if d > 0 => format!("+{d}"),
        Some(d) => d.to_string(),
        None => "n/a".into(),
    }
}

/// A rule's outcome in one run, `absent` when the rule was not in it.
pub fn status_text(s: Option<Status>) -> &'static str {
    s.map(Status::as_str).unwrap_or("absent")
}

/// Plain-text rendering, printed by the CLI after the report.
pub fn render_text(c: &Comparison) -> String {
    // Keys, messages and acceptances carry the tenant's text: written with
    // visible escapes, never as raw control characters or line breaks.
    let e = super::report::escape_controls;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nComparison with the baseline (analysis date {} -> {})",
        e(&c.before_date),
        e(&c.after_date)
    );
    let s = &c.score;
    let _ = writeln!(
        out,
        "\nScore: {} -> {} ({}); coverage {}% -> {}%",
        show(s.overall.before, &s.overall.before_grade),
        show(s.overall.after, &s.overall.after_grade),
        signed(s.overall.delta),
        s.coverage.before,
        s.coverage.after
    );
    for a in &s.areas {
        let _ = writeln!(
            out,
            "  {:<40} {} -> {} ({})",
            a.area.title(),
            show(a.before, &a.before_grade),
            show(a.after, &a.after_grade),
            signed(a.delta)
        );
    }
    let _ = writeln!(out, "\nRule outcomes changed: {}", c.rule_changes.len());
    for r in &c.rule_changes {
        let _ = writeln!(
            out,
            "  {} [{}] {}: {} -> {}",
            e(&r.code),
            r.severity.as_str(),
            e(&r.name),
            status_text(r.before),
            status_text(r.after)
        );
    }
    let n = &c.counts;
    let _ = writeln!(
        out,
        "\nFindings: {} new, {} fixed, {} unchanged, {} accepted, {} no longer assessed",
        n.new, n.fixed, n.unchanged, n.accepted, n.unknown
    );
    for change in Change::ALL {
        let list = c.findings.get(change);
        if list.is_empty() {
            continue;
        }
        let (mark, heading) = match change {
            Change::New => ("+", "New"),
            Change::Fixed => ("-", "Fixed"),
            Change::Unchanged => ("=", "Unchanged"),
            Change::Accepted => ("~", "Accepted"),
            Change::Unknown => (
                "?",
                "No longer assessed (data missing now: not counted as fixed)",
            ),
        };
        let _ = writeln!(out, "\n  {heading}");
        for f in list {
            let _ = writeln!(
                out,
                "    {mark} {} [{}] {}",
                e(&f.key),
                f.severity.as_str(),
                e(&f.message)
            );
            if change == Change::Accepted {
                if let Some(a) = &f.acceptance {
                    let _ = writeln!(
                        out,
                        "        accepted by {} until {}: {}",
                        e(&a.owner),
                        e(&a.expires),
                        e(&a.reason)
                    );
                }
            }
        }
    }
    out
}
