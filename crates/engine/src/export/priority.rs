//! The one priority order of findings: the order in which they should be
//! fixed. The CSV action plan lists findings in this order; the app's
//! "sort by priority", the HTML action plan and the Markdown export should
//! use [`priority()`] too, so every place numbers the same finding the same.
//!
//! The order, each step breaking the ties of the one before:
//!
//! 1. open findings before accepted ones (an accepted risk is not work to do);
//! 2. most severe first (the finding's own severity);
//! 3. least effort first (the rule's declared [`Effort`]);
//! 4. rule code;
//! 5. the finding's key (stable across exports, never a list position).
//!
//! Rules without findings (passes, not assessed) have no place in it.

use std::cmp::Ordering;

use super::effort::{effort, Effort};
use crate::report::{FindingReport, Report, ResultReport};

/// One finding in priority order, with the rule it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Prioritised<'a> {
    /// The rule's result the finding belongs to.
    pub result: &'a ResultReport,
    /// The finding.
    pub finding: &'a FindingReport,
    /// How much work the rule's fix takes ([`effort`]).
    pub effort: Effort,
}

impl Prioritised<'_> {
    /// Compares two findings by the priority order (the module's list).
    pub fn cmp_priority(&self, other: &Self) -> Ordering {
        let key = |p: &Self| {
            (
                p.finding.state,
                p.finding.severity,
                p.effort,
                p.result.code.as_str(),
                p.finding.key.as_str(),
            )
        };
        key(self).cmp(&key(other))
    }
}

/// Every finding of `report`, in priority order (see the module's list).
/// The first is priority 1.
pub fn priority(report: &Report) -> Vec<Prioritised<'_>> {
    let mut v: Vec<Prioritised> = report
        .results
        .iter()
        .flat_map(|result| {
            let effort = effort(&result.code);
            result.findings.iter().map(move |finding| Prioritised {
                result,
                finding,
                effort,
            })
        })
        .collect();
    v.sort_by(Prioritised::cmp_priority);
    v
}

/// The rules with findings, each where its first finding stands in the
/// priority order: the order of the app's cards, the top fixes and the
/// Markdown's rule sections. (Open findings all come before accepted ones,
/// so a rule with an open finding stands at its first open one.)
pub fn rules_in_priority(report: &Report) -> Vec<&ResultReport> {
    let mut v: Vec<&ResultReport> = Vec::new();
    for p in priority(report) {
        if !v.iter().any(|x| x.code == p.result.code) {
            v.push(p.result);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FindingState, Status};
    use crate::rules::{Area, Confidence, Severity};

    fn finding(code: &str, object: &str, severity: Severity, state: FindingState) -> FindingReport {
        FindingReport {
            severity,
            message: format!("{code} about {object}"),
            object: object.into(),
            confidence: Confidence::High,
            evidence: vec![],
            key: format!("{code}:{object}"),
            state,
            acceptance: None,
            assignment: None,
        }
    }

    fn result(code: &str, findings: Vec<FindingReport>) -> ResultReport {
        ResultReport {
            code: code.into(),
            name: code.to_lowercase(),
            area: Area::AntiSpoofing,
            severity: findings[0].severity,
            status: Status::Fail,
            title: String::new(),
            fix: String::new(),
            missing_sections: vec![],
            findings,
            controls: vec![],
        }
    }

    fn report(results: Vec<ResultReport>) -> Report {
        let mut r = Report::new(
            chrono::DateTime::UNIX_EPOCH,
            &crate::model::Config::default(),
            vec![],
            vec![],
        );
        r.results = results;
        r
    }

    fn keys(r: &Report) -> Vec<&str> {
        priority(r).iter().map(|p| p.finding.key.as_str()).collect()
    }

    #[test]
    fn open_first_then_severity_effort_code_and_key() {
        use FindingState::{Accepted, Open};
        use Severity::{Critical, High, Low};
        // The declared efforts this test relies on.
        assert_eq!(effort("ASP002"), Effort::Medium);
        assert_eq!(effort("ASP003"), Effort::Low);
        assert_eq!(effort("ASP001"), effort("ASP004"));
        let r = report(vec![
            result("ASP006", vec![finding("ASP006", "z", Low, Open)]),
            result(
                "ASP004",
                vec![
                    finding("ASP004", "b", Critical, Open),
                    finding("ASP004", "a", Critical, Open),
                ],
            ),
            result("ASP002", vec![finding("ASP002", "x", High, Open)]),
            result(
                "ASP003",
                vec![
                    finding("ASP003", "y", High, Open),
                    finding("ASP003", "w", Critical, Accepted),
                ],
            ),
            result("ASP001", vec![finding("ASP001", "c", Critical, Open)]),
        ]);
        assert_eq!(
            keys(&r),
            [
                // Critical, same effort: by code, then by key.
                "ASP001:c", "ASP004:a", "ASP004:b",
                // High: the low-effort fix before the medium one.
                "ASP003:y", "ASP002:x", "ASP006:z",
                // Accepted last, however severe.
                "ASP003:w",
            ]
        );
    }

    #[test]
    fn the_finding_severity_counts_not_the_rule_default() {
        use Severity::{High, Medium};
        let r = report(vec![
            result(
                "ASP003",
                vec![
                    finding("ASP003", "a", High, FindingState::Open),
                    finding("ASP003", "b", Medium, FindingState::Open),
                ],
            ),
            result(
                "ASP005",
                vec![finding("ASP005", "c", High, FindingState::Open)],
            ),
        ]);
        assert_eq!(keys(&r), ["ASP003:a", "ASP005:c", "ASP003:b"]);
    }

    #[test]
    fn passes_and_not_assessed_have_no_place() {
        let mut pass = result(
            "ASP001",
            vec![finding(
                "ASP001",
                "a",
                Severity::Critical,
                FindingState::Open,
            )],
        );
        pass.findings.clear();
        pass.status = Status::Pass;
        assert!(priority(&report(vec![pass])).is_empty());
    }
}
