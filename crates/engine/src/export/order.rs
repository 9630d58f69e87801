//! The order and grouping of rule cards on the report page, and the short
//! texts a collapsed card or a screen reader needs.
//!
//! Two orders ([`SortBy`]):
//!
//! - **priority** (the default): failing rules in the order of their first
//!   finding in the one priority order ([`crate::export::priority()`], the
//!   CSV action plan's order), then rules not assessed (most severe first),
//!   with the passes apart;
//! - **area**: the area grouping of [`crate::report::filter::grouped`], each
//!   area's passes apart.
//!
//! It sits with the exports because it follows their priority order.

use std::collections::HashMap;

use super::{effort, rules_in_priority, Effort};
use crate::report::filter::{grouped, Filter};
use crate::report::{Report, ResultReport, Status};
use crate::rules::Area;

/// How the rule cards are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SortBy {
    /// In the order the findings should be fixed.
    #[default]
    Priority,
    /// Grouped by area.
    Area,
}

impl SortBy {
    /// `priority` or `area` (a form value).
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Priority => "priority",
            SortBy::Area => "area",
        }
    }

    /// The value of [`SortBy::as_str`] back (`None` for anything else).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "priority" => Some(SortBy::Priority),
            "area" => Some(SortBy::Area),
            _ => None,
        }
    }
}

/// One block of cards: rules to act on or look at, and the passes apart.
#[derive(Debug, Clone, PartialEq)]
pub struct CardGroup<'a> {
    /// The area (`None`: every area, in priority order).
    pub area: Option<Area>,
    /// Failing rules, then rules not assessed.
    pub rules: Vec<&'a ResultReport>,
    /// Rules that passed.
    pub passed: Vec<&'a ResultReport>,
}

/// The rules matching `filter`, in the order `sort` asks for. Groups
/// without any rule are left out.
pub fn card_groups<'a>(report: &'a Report, filter: &Filter, sort: SortBy) -> Vec<CardGroup<'a>> {
    match sort {
        SortBy::Area => grouped(&report.results, filter)
            .into_iter()
            .map(|(area, list)| {
                let (passed, rules) = list.into_iter().partition(|r| r.status == Status::Pass);
                CardGroup {
                    area: Some(area),
                    rules,
                    passed,
                }
            })
            .collect(),
        SortBy::Priority => {
            let group = by_priority(report, filter);
            if group.rules.is_empty() && group.passed.is_empty() {
                vec![]
            } else {
                vec![group]
            }
        }
    }
}

/// Every matching rule in priority order (see the module's list).
pub fn by_priority<'a>(report: &'a Report, filter: &Filter) -> CardGroup<'a> {
    let first: HashMap<&str, usize> = rules_in_priority(report)
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code.as_str(), i))
        .collect();
    let rank = |r: &ResultReport| match r.status {
        Status::Fail => 0,
        Status::NotAssessed => 1,
        Status::Pass => 2,
    };
    let mut kept: Vec<&ResultReport> = report
        .results
        .iter()
        .filter(|r| filter.matches(r))
        .collect();
    kept.sort_by_key(|r| {
        (
            rank(r),
            first.get(r.code.as_str()).copied().unwrap_or(usize::MAX),
            r.severity,
            r.code.clone(),
        )
    });
    let (passed, rules) = kept.into_iter().partition(|r| r.status == Status::Pass);
    CardGroup {
        area: None,
        rules,
        passed,
    }
}

/// The effort of fixing a rule, as its collapsed card shows it.
pub fn card_effort(r: &ResultReport) -> Effort {
    effort(&r.code)
}

/// What a passed rule's card says: the pitfall it looked for, and that it
/// was not found ("Checked, not found: <title>").
pub fn pass_wording(r: &ResultReport) -> String {
    format!("Checked, not found: {}", r.title)
}

/// What a not-assessed rule's card asks for, by the sections' human
/// titles ("To assess it, load: Impersonation Protect policies, DNS
/// authentication policies."). Sections loaded but unusable say why.
pub fn missing_wording(r: &ResultReport) -> String {
    let parts: Vec<String> = r
        .missing_sections
        .iter()
        .map(|m| match &m.reason {
            Some(why) => format!("{} ({why})", m.title),
            None => m.title.clone(),
        })
        .collect();
    if parts.is_empty() {
        "Not assessed: the data this rule needs was not loaded.".into()
    } else {
        format!("To assess it, load: {}.", parts.join(", "))
    }
}

/// What a screen reader hears after files were loaded: "Loaded: 39
/// findings, score 11, F" (or "not scored" when no rule could be assessed).
pub fn loaded_announcement(report: &Report) -> String {
    let n = report.summary.findings;
    let noun = if n == 1 { "finding" } else { "findings" };
    match (report.score.overall, report.score.grade) {
        (Some(s), Some(g)) => format!("Loaded: {n} {noun}, score {s}, {g}"),
        _ => format!("Loaded: {n} {noun}, not scored"),
    }
}

/// The report's title for a customer name: "Contoso Ltd — health check";
/// `None` when no customer was set: empty, or `placeholder` (the name a
/// new assessment is given, [`crate::assessment::UNTITLED`]).
pub fn report_title(customer: &str, placeholder: &str) -> Option<String> {
    let c = customer.trim();
    (!c.is_empty() && c != placeholder).then(|| format!("{c} — health check"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::UNTITLED;
    use crate::export::priority;
    use crate::report::FindingState;
    use crate::{analyze, samples, Options};

    fn report() -> Report {
        analyze(&samples::pitfall_tenant(), &Options::default())
    }

    /// Codes in the order of their first finding in the priority order
    /// (the CSV action plan's order of first appearance).
    fn csv_first_appearance(r: &Report) -> Vec<String> {
        let mut seen: Vec<String> = vec![];
        for p in priority(r) {
            if !seen.contains(&p.result.code) {
                seen.push(p.result.code.clone());
            }
        }
        seen
    }

    fn codes(list: &[&ResultReport]) -> Vec<String> {
        list.iter().map(|r| r.code.clone()).collect()
    }

    #[test]
    fn failing_rules_follow_the_csv_order() {
        let r = report();
        let g = by_priority(&r, &Filter::default());
        let failing: Vec<&ResultReport> = g
            .rules
            .iter()
            .copied()
            .filter(|x| x.status == Status::Fail)
            .collect();
        assert!(failing.len() > 3, "the sample fails several rules");
        assert_eq!(codes(&failing), csv_first_appearance(&r));
        // The CSV itself, read back: its code column in first-appearance order.
        let csv = crate::export::csv::render(&r, &Default::default());
        let mut from_csv: Vec<String> = vec![];
        for line in csv.lines().skip(1) {
            let code = line.split(',').nth(1).unwrap_or_default().to_string();
            if !from_csv.contains(&code) {
                from_csv.push(code);
            }
        }
        assert_eq!(codes(&failing), from_csv);
    }

    #[test]
    fn not_assessed_follow_the_failures_and_passes_are_apart() {
        let r = report();
        let g = by_priority(&r, &Filter::default());
        let statuses: Vec<Status> = g.rules.iter().map(|x| x.status).collect();
        let fails = statuses.iter().take_while(|s| **s == Status::Fail).count();
        assert!(statuses[fails..].iter().all(|s| *s == Status::NotAssessed));
        assert!(g.passed.iter().all(|x| x.status == Status::Pass));
        assert_eq!(g.rules.len() + g.passed.len(), r.results.len());
        assert_eq!(g.passed.len(), r.summary.passed);
    }

    #[test]
    fn an_accepted_finding_moves_its_rule_down() {
        let mut r = report();
        let top = by_priority(&r, &Filter::default()).rules[0].code.clone();
        r.results
            .iter_mut()
            .filter(|x| x.code == top)
            .flat_map(|x| x.findings.iter_mut())
            .for_each(|f| f.state = FindingState::Accepted);
        let g = by_priority(&r, &Filter::default());
        assert_ne!(g.rules[0].code, top);
        assert_eq!(
            codes(&g.rules[..csv_first_appearance(&r).len()]),
            csv_first_appearance(&r)
        );
    }

    #[test]
    fn area_mode_keeps_the_area_grouping_with_passes_apart() {
        let r = report();
        let f = Filter::default();
        let groups = card_groups(&r, &f, SortBy::Area);
        let plain = grouped(&r.results, &f);
        assert_eq!(groups.len(), plain.len());
        for (g, (area, list)) in groups.iter().zip(plain) {
            assert_eq!(g.area, Some(area));
            let expect: Vec<&ResultReport> = list
                .iter()
                .copied()
                .filter(|x| x.status != Status::Pass)
                .collect();
            assert_eq!(codes(&g.rules), codes(&expect));
            assert_eq!(g.passed.len(), list.len() - expect.len());
        }
    }

    #[test]
    fn filters_apply_and_empty_groups_vanish() {
        let r = report();
        let f = Filter {
            text: "no-such-thing-anywhere".into(),
            ..Filter::default()
        };
        assert!(card_groups(&r, &f, SortBy::Priority).is_empty());
        assert!(card_groups(&r, &f, SortBy::Area).is_empty());
        let f = Filter {
            statuses: [Status::Pass].into(),
            ..Filter::default()
        };
        let g = card_groups(&r, &f, SortBy::Priority);
        assert!(g[0].rules.is_empty() && !g[0].passed.is_empty());
    }

    #[test]
    fn wording() {
        let r = report();
        let pass = r.results.iter().find(|x| x.status == Status::Pass).unwrap();
        assert_eq!(
            pass_wording(pass),
            format!("Checked, not found: {}", pass.title)
        );
        let nothing = analyze(&[], &Options::default());
        let na = nothing
            .results
            .iter()
            .find(|x| x.status == Status::NotAssessed && !x.missing_sections.is_empty())
            .unwrap();
        let text = missing_wording(na);
        assert!(text.starts_with("To assess it, load: "), "{text}");
        assert!(text.contains(&na.missing_sections[0].title), "{text}");
        assert!(!text.contains(&format!(" {},", na.missing_sections[0].key)));
        assert_eq!(SortBy::parse(SortBy::Area.as_str()), Some(SortBy::Area));
        assert_eq!(SortBy::parse("x"), None);
        assert_eq!(SortBy::default(), SortBy::Priority);
    }

    #[test]
    fn announcement_names_findings_score_and_grade() {
        let r = report();
        let text = loaded_announcement(&r);
        let expect = format!(
            "Loaded: {} findings, score {}, {}",
            r.summary.findings,
            r.score.overall.unwrap(),
            r.score.grade.unwrap()
        );
        assert_eq!(text, expect);
        let empty = analyze(&[], &Options::default());
        assert_eq!(
            loaded_announcement(&empty),
            "Loaded: 0 findings, not scored"
        );
    }

    #[test]
    fn title_only_for_a_named_customer() {
        assert_eq!(
            report_title(" Contoso Ltd ", UNTITLED).as_deref(),
            Some("Contoso Ltd — health check")
        );
        assert_eq!(report_title("", UNTITLED), None);
        assert_eq!(report_title("  ", UNTITLED), None);
        assert_eq!(report_title(UNTITLED, UNTITLED), None);
    }
}
