//! The score: 0–100 and a grade, overall and per area (`docs/scoring.md`).
//!
//! Each assessed rule (status `fail` or `pass`) weighs what its severity
//! weighs; a rule *fails the score* when it has at least one open finding
//! (accepted findings leave the score). The score is the share of the
//! assessed weight that does not fail. Rules that could not be assessed are
//! left out of the score and reported as coverage instead; when fewer than
//! half the rules were assessed the grade is capped at C and marked
//! `(incomplete)`, so withholding data never earns a good grade.

use serde::{Deserialize, Serialize};

use super::{FindingState, ResultReport, Status};
use crate::rules::{Area, Severity};

/// The formula in one paragraph, for the app to display next to the score
/// (the full text with a worked example is `docs/scoring.md`).
pub const FORMULA: &str = "Each rule that could be assessed weighs what its severity weighs: critical 10, high 6, medium 3, low 1, info 0. \
A rule counts as failed when at least one of its findings is still open (accepted risks do not count; a rule with several findings counts once). \
Score = round(100 × (1 − failed weight ÷ assessed weight)), overall and per area. \
Grade: A from 90, B from 80, C from 70, D from 60, F below. \
Rules that could not be assessed (data missing) are left out of the score and shown as coverage, the share of rules assessed; \
below 50 % coverage the grade is at best C and marked \"(incomplete)\", so leaving data out cannot earn a good grade.";

/// Coverage below this (in %) marks a grade incomplete and caps it at C.
pub const MIN_COVERAGE: u32 = 50;

/// Suffix of a grade given on less than [`MIN_COVERAGE`] coverage.
pub const INCOMPLETE_MARKER: &str = " (incomplete)";

/// Overall and per-area score.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// 0–100; `None` when no rule could be assessed.
    pub overall: Option<u32>,
    /// `A`–`F`, with ` (incomplete)` (and at best `C`) below 50 % coverage;
    /// `None` with `overall`.
    pub grade: Option<Grade>,
    /// One score per area, in report order.
    pub areas: Vec<AreaScore>,
    /// Share of rules that could be assessed, 0–100 (rounded down).
    pub coverage: u32,
    /// Coverage is below 50 %: the grade is capped at C and marked.
    #[serde(default)]
    pub incomplete: bool,
    /// Rules with status `fail` or `pass`.
    #[serde(default)]
    pub assessed: usize,
    /// Rules with status `not_assessed`.
    #[serde(default)]
    pub not_assessed: usize,
    /// Sum of the weights of the assessed rules.
    #[serde(default)]
    pub assessed_weight: u32,
    /// Sum of the weights of the assessed rules with an open finding.
    #[serde(default)]
    pub failed_weight: u32,
}

/// The score of one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AreaScore {
    /// The area.
    pub area: crate::rules::Area,
    /// 0–100; `None` when no weight of the area was assessed.
    pub score: Option<u32>,
    /// The area's grade; `None` with `score`.
    pub grade: Option<Grade>,
    /// The area's rules with status `fail` or `pass`.
    pub assessed: usize,
    /// The area's rules with status `not_assessed`.
    pub not_assessed: usize,
    /// Share of the area's rules that could be assessed, 0–100 (rounded down).
    #[serde(default)]
    pub coverage: u32,
    /// The area's coverage is below 50 %: its grade is capped and marked.
    #[serde(default)]
    pub incomplete: bool,
    /// Sum of the weights of the area's assessed rules.
    #[serde(default)]
    pub assessed_weight: u32,
    /// Sum of the weights of the area's assessed rules with an open finding.
    #[serde(default)]
    pub failed_weight: u32,
}

/// What a rule of this severity weighs in the score.
pub fn weight(s: Severity) -> u32 {
    match s {
        Severity::Critical => 10,
        Severity::High => 6,
        Severity::Medium => 3,
        Severity::Low => 1,
        Severity::Info => 0,
    }
}

/// A grade letter, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Letter {
    /// 90 and above.
    A,
    /// 80–89.
    B,
    /// 70–79.
    C,
    /// 60–69.
    D,
    /// Below 60.
    F,
}

impl Letter {
    /// Every letter, best first.
    pub const ALL: [Letter; 5] = [Letter::A, Letter::B, Letter::C, Letter::D, Letter::F];

    /// `A` … `F`.
    pub fn as_str(self) -> &'static str {
        match self {
            Letter::A => "A",
            Letter::B => "B",
            Letter::C => "C",
            Letter::D => "D",
            Letter::F => "F",
        }
    }
}

/// The letter for a score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F.
pub fn letter(score: u32) -> Letter {
    match score {
        90.. => Letter::A,
        80.. => Letter::B,
        70.. => Letter::C,
        60.. => Letter::D,
        _ => Letter::F,
    }
}

/// A grade: its letter, and whether it was given on too little data (then
/// at best C). In JSON and text: `B`, or `C (incomplete)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Grade {
    /// The letter.
    pub letter: Letter,
    /// Coverage was below [`MIN_COVERAGE`] %.
    pub incomplete: bool,
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.letter.as_str())?;
        if self.incomplete {
            f.write_str(INCOMPLETE_MARKER)?;
        }
        Ok(())
    }
}

impl From<Grade> for String {
    fn from(g: Grade) -> String {
        g.to_string()
    }
}

/// A grade text that is not `A`–`F`, optionally with ` (incomplete)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeError(pub String);

impl std::fmt::Display for GradeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a grade (A to F, optionally \"(incomplete)\")",
            self.0
        )
    }
}

impl std::error::Error for GradeError {}

impl TryFrom<String> for Grade {
    type Error = GradeError;

    fn try_from(text: String) -> Result<Grade, GradeError> {
        let (head, incomplete) = match text.strip_suffix(INCOMPLETE_MARKER) {
            Some(h) => (h, true),
            None => (text.as_str(), false),
        };
        Letter::ALL
            .into_iter()
            .find(|l| l.as_str() == head)
            .map(|letter| Grade { letter, incomplete })
            .ok_or(GradeError(text))
    }
}

/// The grade given: the letter, capped at C and marked when incomplete.
pub fn grade(score: u32, incomplete: bool) -> Grade {
    Grade {
        letter: letter(if incomplete { score.min(79) } else { score }),
        incomplete,
    }
}

/// A rule fails the score when it has at least one open finding.
pub fn counts_as_failed(r: &ResultReport) -> bool {
    r.findings.iter().any(|f| f.state == FindingState::Open)
}

/// Tallies over a set of rule results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    rules: usize,
    assessed: usize,
    assessed_weight: u32,
    failed_weight: u32,
}

impl Tally {
    fn of<'a>(results: impl IntoIterator<Item = &'a ResultReport>) -> Tally {
        let mut t = Tally::default();
        for r in results {
            t.rules += 1;
            if r.status == Status::NotAssessed {
                continue;
            }
            t.assessed += 1;
            t.assessed_weight += weight(r.severity);
            if counts_as_failed(r) {
                t.failed_weight += weight(r.severity);
            }
        }
        t
    }

    fn not_assessed(&self) -> usize {
        self.rules - self.assessed
    }

    /// round(100 × (1 − failed ÷ assessed)), halves rounded up; `None`
    /// when no weight was assessed.
    fn score(&self) -> Option<u32> {
        let (a, f) = (
            u64::from(self.assessed_weight),
            u64::from(self.failed_weight),
        );
        (a > 0).then(|| ((200 * (a - f) + a) / (2 * a)) as u32)
    }

    /// Assessed rules ÷ all rules, in %, rounded down (so 100 means every
    /// rule, and below 50 means below half).
    fn coverage(&self) -> u32 {
        (100 * self.assessed).checked_div(self.rules).unwrap_or(0) as u32
    }

    fn incomplete(&self) -> bool {
        self.rules > 0 && self.coverage() < MIN_COVERAGE
    }

    fn grade(&self) -> Option<Grade> {
        self.score().map(|s| grade(s, self.incomplete()))
    }
}

/// Computes the score from the rule results (every rule of the catalog, as
/// a report lists them).
pub fn compute(results: &[ResultReport]) -> Score {
    let all = Tally::of(results);
    let areas = Area::ALL
        .iter()
        .map(|&area| {
            let t = Tally::of(results.iter().filter(|r| r.area == area));
            AreaScore {
                area,
                score: t.score(),
                grade: t.grade(),
                assessed: t.assessed,
                not_assessed: t.not_assessed(),
                coverage: t.coverage(),
                incomplete: t.incomplete(),
                assessed_weight: t.assessed_weight,
                failed_weight: t.failed_weight,
            }
        })
        .collect();
    Score {
        overall: all.score(),
        grade: all.grade(),
        areas,
        coverage: all.coverage(),
        incomplete: all.incomplete(),
        assessed: all.assessed,
        not_assessed: all.not_assessed(),
        assessed_weight: all.assessed_weight,
        failed_weight: all.failed_weight,
    }
}

impl Score {
    /// The score of one area.
    pub fn area(&self, area: Area) -> Option<&AreaScore> {
        self.areas.iter().find(|a| a.area == area)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Acceptance;
    use crate::report::FindingReport;
    use crate::rules::Confidence;

    fn finding(code: &str, object: &str, state: FindingState) -> FindingReport {
        FindingReport {
            severity: Severity::High,
            message: format!("{object} is wrong"),
            object: object.into(),
            confidence: Confidence::High,
            evidence: vec![],
            key: format!("{code}:{object}"),
            state,
            acceptance: (state == FindingState::Accepted).then(|| Acceptance {
                finding: format!("{code}:{object}"),
                reason: "r".into(),
                owner: "o".into(),
                expires: "2027-06-30".into(),
                accepted_on: None,
                expired: false,
                outdated: false,
            }),
            assignment: None,
        }
    }

    /// A rule result; `findings` are (object, state).
    fn rule(
        code: &str,
        area: Area,
        severity: Severity,
        status: Status,
        findings: &[(&str, FindingState)],
    ) -> ResultReport {
        ResultReport {
            code: code.into(),
            name: code.to_lowercase(),
            area,
            severity,
            status,
            title: String::new(),
            fix: String::new(),
            missing_sections: vec![],
            findings: findings.iter().map(|(o, s)| finding(code, o, *s)).collect(),
            controls: vec![],
        }
    }

    use Area::*;
    use FindingState::{Accepted, Open};
    use Severity::*;
    use Status::{Fail, NotAssessed, Pass};

    fn pass(code: &str, area: Area, sev: Severity) -> ResultReport {
        rule(code, area, sev, Pass, &[])
    }

    fn fail(code: &str, area: Area, sev: Severity) -> ResultReport {
        rule(code, area, sev, Fail, &[("x", Open)])
    }

    fn na(code: &str, area: Area, sev: Severity) -> ResultReport {
        rule(code, area, sev, NotAssessed, &[])
    }

    #[test]
    fn weights_follow_severity() {
        assert_eq!(Severity::ALL.map(weight), [10, 6, 3, 1, 0]);
    }

    #[test]
    fn all_pass_scores_100_and_a_critical_failure_costs_its_weight() {
        let mut r = vec![
            pass("A1", AntiSpoofing, Critical),
            pass("A2", AntiSpoofing, High),
            pass("A3", AntiSpoofing, Medium),
            pass("A4", AntiSpoofing, Low),
        ];
        let s = compute(&r);
        assert_eq!(
            (
                s.overall,
                s.grade.map(|g| g.to_string()).as_deref(),
                s.coverage,
                s.incomplete
            ),
            (Some(100), Some("A"), 100, false)
        );
        assert_eq!((s.assessed_weight, s.failed_weight), (20, 0));
        r[0] = fail("A1", AntiSpoofing, Critical);
        let s = compute(&r);
        // 100 × (1 − 10/20) = 50
        assert_eq!(
            (
                s.overall,
                s.grade.map(|g| g.to_string()).as_deref(),
                s.failed_weight
            ),
            (Some(50), Some("F"), 10)
        );
    }

    #[test]
    fn rounds_half_up() {
        // 1 − 1/8 = 87.5 → 88; 1 − 1/3 = 66.67 → 67; 1 − 2/3 = 33.3 → 33
        let s = compute(&[
            fail("L", PolicyHygiene, Low),
            pass("H", PolicyHygiene, High),
            pass("K", PolicyHygiene, Low),
        ]);
        assert_eq!(s.overall, Some(88));
        let s = compute(&[
            fail("L", PolicyHygiene, Low),
            pass("M", PolicyHygiene, Low),
            pass("N", PolicyHygiene, Low),
        ]);
        assert_eq!(s.overall, Some(67));
        let s = compute(&[
            fail("L", PolicyHygiene, Low),
            fail("M", PolicyHygiene, Low),
            pass("N", PolicyHygiene, Low),
        ]);
        assert_eq!(s.overall, Some(33));
    }

    #[test]
    fn accepted_findings_raise_the_score() {
        let open = rule("P1", PermittedSenders, High, Fail, &[("a", Open)]);
        let accepted = rule("P1", PermittedSenders, High, Fail, &[("a", Accepted)]);
        let others = [pass("P2", PermittedSenders, High)];
        let before = compute(&[open, others[0].clone()]);
        let after = compute(&[accepted, others[0].clone()]);
        assert_eq!(before.overall, Some(50));
        assert_eq!(
            after.overall,
            Some(100),
            "a fully accepted rule no longer fails the score"
        );
        assert_eq!(after.assessed, 2, "it is still assessed");
        // One of two findings accepted: the rule still fails.
        let half = compute(&[
            rule(
                "P1",
                PermittedSenders,
                High,
                Fail,
                &[("a", Accepted), ("b", Open)],
            ),
            others[0].clone(),
        ]);
        assert_eq!(half.overall, Some(50));
    }

    #[test]
    fn not_assessed_rules_leave_the_score_but_lower_coverage() {
        let base = vec![
            pass("D1", DnsAuthentication, High),
            fail("D2", DnsAuthentication, Medium),
        ];
        let mut with_na = base.clone();
        with_na.push(na("D3", DnsAuthentication, Critical));
        let (a, b) = (compute(&base), compute(&with_na));
        // 100 × (1 − 3/9) = 66.7 → 67 either way
        assert_eq!(a.overall, Some(67));
        assert_eq!(
            b.overall, a.overall,
            "a rule without data neither helps nor hurts"
        );
        assert_eq!((a.coverage, b.coverage), (100, 66));
        assert_eq!((b.assessed, b.not_assessed), (2, 1));
        assert_eq!(b.assessed_weight, 9);
    }

    #[test]
    fn a_rule_with_several_findings_counts_once() {
        let many = rule(
            "I1",
            Impersonation,
            Medium,
            Fail,
            &[("a", Open), ("b", Open), ("c", Open)],
        );
        let s = compute(&[many, pass("I2", Impersonation, Medium)]);
        assert_eq!(
            (s.failed_weight, s.assessed_weight, s.overall),
            (3, 6, Some(50))
        );
    }

    #[test]
    fn grade_thresholds() {
        let cases = [
            (100, "A"),
            (90, "A"),
            (89, "B"),
            (80, "B"),
            (79, "C"),
            (70, "C"),
            (69, "D"),
            (60, "D"),
            (59, "F"),
            (0, "F"),
        ];
        for (score, want) in cases {
            assert_eq!(letter(score).as_str(), want, "{score}");
            assert_eq!(grade(score, false).to_string(), want, "{score}");
        }
    }

    #[test]
    fn grades_read_back_from_their_text() {
        for text in ["A", "F", "C (incomplete)"] {
            let g = Grade::try_from(text.to_string()).unwrap();
            assert_eq!(g.to_string(), text);
            assert_eq!(serde_json::to_string(&g).unwrap(), format!("\"{text}\""));
        }
        assert!(Grade::try_from("E".to_string()).is_err());
        assert!(Grade::try_from("A (partial)".to_string()).is_err());
    }

    #[test]
    fn incomplete_grades_are_capped_at_c_and_marked() {
        assert_eq!(grade(100, true).to_string(), "C (incomplete)");
        assert_eq!(grade(85, true).to_string(), "C (incomplete)");
        assert_eq!(grade(72, true).to_string(), "C (incomplete)");
        assert_eq!(grade(65, true).to_string(), "D (incomplete)");
        assert_eq!(grade(10, true).to_string(), "F (incomplete)");
    }

    #[test]
    fn coverage_below_half_marks_the_overall_grade() {
        // 1 of 3 assessed: 33 % → withheld data cannot give an A.
        let s = compute(&[
            pass("S1", SpamScanning, High),
            na("S2", SpamScanning, High),
            na("S3", SpamScanning, High),
        ]);
        assert_eq!((s.overall, s.coverage, s.incomplete), (Some(100), 33, true));
        assert_eq!(
            s.grade.map(|g| g.to_string()).as_deref(),
            Some("C (incomplete)")
        );
        // Exactly half: complete.
        let s = compute(&[pass("S1", SpamScanning, High), na("S2", SpamScanning, High)]);
        assert_eq!(
            (
                s.coverage,
                s.incomplete,
                s.grade.map(|g| g.to_string()).as_deref()
            ),
            (50, false, Some("A"))
        );
        // 99 of 199 is 49.7 %: rounded down to 49, incomplete.
        let mut r: Vec<ResultReport> = (0..99)
            .map(|i| pass(&format!("P{i}"), SpamScanning, Low))
            .collect();
        r.extend((0..100).map(|i| na(&format!("N{i}"), SpamScanning, Low)));
        let s = compute(&r);
        assert_eq!((s.coverage, s.incomplete), (49, true));
    }

    #[test]
    fn nothing_assessed_gives_no_score() {
        let s = compute(&[na("A1", AntiSpoofing, High), na("A2", AntiSpoofing, Low)]);
        assert_eq!(
            (s.overall, s.grade, s.coverage, s.incomplete),
            (None, None, 0, true)
        );
        let s = compute(&[]);
        assert_eq!(
            (s.overall, s.grade, s.coverage, s.incomplete),
            (None, None, 0, false)
        );
        assert_eq!(s.areas.len(), Area::ALL.len());
        assert!(s
            .areas
            .iter()
            .all(|a| a.score.is_none() && a.grade.is_none()));
        // Only weightless (info) rules assessed: nothing to score either.
        let s = compute(&[
            fail("I", PolicyHygiene, Info),
            pass("J", PolicyHygiene, Info),
        ]);
        assert_eq!((s.overall, s.assessed, s.coverage), (None, 2, 100));
    }

    #[test]
    fn info_rules_never_move_the_score() {
        let s = compute(&[
            fail("I", PolicyHygiene, Info),
            pass("H", PolicyHygiene, High),
        ]);
        assert_eq!((s.overall, s.failed_weight), (Some(100), 0));
    }

    #[test]
    fn areas_are_scored_alone_in_catalog_order() {
        let s = compute(&[
            fail("A1", AntiSpoofing, Critical),
            pass("A2", AntiSpoofing, Critical),
            pass("I1", Impersonation, High),
            na("I2", Impersonation, High),
            na("I3", Impersonation, High),
            pass("D1", DnsAuthentication, Low),
        ]);
        assert_eq!(
            s.areas.iter().map(|a| a.area).collect::<Vec<_>>(),
            Area::ALL
        );
        let asp = s.area(AntiSpoofing).unwrap();
        assert_eq!(
            (
                asp.score,
                asp.grade.map(|g| g.to_string()).as_deref(),
                asp.assessed,
                asp.not_assessed,
                asp.coverage
            ),
            (Some(50), Some("F"), 2, 0, 100)
        );
        let imp = s.area(Impersonation).unwrap();
        assert_eq!(
            (
                imp.score,
                imp.grade.map(|g| g.to_string()).as_deref(),
                imp.coverage,
                imp.incomplete
            ),
            (Some(100), Some("C (incomplete)"), 33, true)
        );
        let dns = s.area(DnsAuthentication).unwrap();
        assert_eq!(
            (dns.score, dns.grade.map(|g| g.to_string()).as_deref()),
            (Some(100), Some("A"))
        );
        let spm = s.area(SpamScanning).unwrap();
        assert_eq!(
            (
                spm.score,
                spm.grade.map(|g| g.to_string()),
                spm.assessed,
                spm.not_assessed
            ),
            (None, None, 0, 0)
        );
        // Overall: 100 × (1 − 10/(20+6+1)) = 62.96 → 63, coverage 4/6 = 66.
        assert_eq!(
            (
                s.overall,
                s.grade.map(|g| g.to_string()).as_deref(),
                s.coverage,
                s.incomplete
            ),
            (Some(63), Some("D"), 66, false)
        );
    }

    #[test]
    fn formula_text_states_the_weights_and_thresholds() {
        for needle in [
            "critical 10",
            "high 6",
            "medium 3",
            "low 1",
            "info 0",
            "A from 90",
            "50 %",
            "(incomplete)",
        ] {
            assert!(FORMULA.contains(needle), "{needle}");
        }
    }
}
