//! Filtering, grouping and counting results for display (the app and the
//! exports share it, so they always agree).

use std::collections::BTreeSet;

use super::{FindingReport, FindingState, ResultReport, Status};
use crate::rules::controls;
use crate::rules::{Area, Severity};

/// What the user chose to see. Empty sets mean "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Severities to show.
    pub severities: BTreeSet<Severity>,
    /// Areas to show.
    pub areas: BTreeSet<Area>,
    /// Statuses to show.
    pub statuses: BTreeSet<Status>,
    /// Case-insensitive text, matched against code, name, title, control
    /// labels (`CIS 9.5`), finding messages and evidence values.
    pub text: String,
    /// A control (`CIS 9.5`, `NIST SI-8`): only rules mapped to it (empty:
    /// all). See [`controls::ControlReport::matches`].
    pub control: String,
}

impl Filter {
    /// True when the result passes every part of the filter.
    pub fn matches(&self, r: &ResultReport) -> bool {
        (self.severities.is_empty() || self.severities.contains(&r.severity))
            && (self.areas.is_empty() || self.areas.contains(&r.area))
            && (self.statuses.is_empty() || self.statuses.contains(&r.status))
            && (self.control.trim().is_empty()
                || r.controls.iter().any(|c| c.matches(&self.control)))
            && self.matches_text(r)
    }

    fn matches_text(&self, r: &ResultReport) -> bool {
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let hay = [r.code.as_str(), r.name.as_str(), r.title.as_str()];
        hay.iter().any(|h| h.to_lowercase().contains(&needle))
            || r.controls
                .iter()
                .any(|c| c.short().to_lowercase() == needle)
            || r.findings.iter().any(|f| {
                f.message.to_lowercase().contains(&needle)
                    || f.object.to_lowercase().contains(&needle)
                    || f.evidence.iter().any(|e| {
                        e.value.to_lowercase().contains(&needle)
                            || e.file.to_lowercase().contains(&needle)
                    })
            })
    }

    /// True when this is the default filter (everything shown).
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// One choice of the control filter: a control some rule of the report is
/// mapped to, with how many such rules failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlChoice {
    /// `CIS 9.5`: the filter's value.
    pub short: String,
    /// `CIS 9.5 – Implement DMARC (3 failed)`: what the user reads.
    pub label: String,
    /// Rules mapped to it that failed.
    pub failed: usize,
}

/// The control filter's choices for `results`: every control the catalog
/// cites that some result is mapped to, CIS first, in each framework's
/// order.
pub fn control_choices(results: &[ResultReport]) -> Vec<ControlChoice> {
    controls::cited()
        .into_iter()
        .filter_map(|c| {
            let short = c.short();
            let mapped: Vec<&ResultReport> = results
                .iter()
                .filter(|r| r.controls.iter().any(|x| x.short() == short))
                .collect();
            if mapped.is_empty() {
                return None;
            }
            let failed = mapped.iter().filter(|r| r.status == Status::Fail).count();
            Some(ControlChoice {
                label: format!("{short} \u{2013} {} ({failed} failed)", c.title()),
                short,
                failed,
            })
        })
        .collect()
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Fail => 0,
        Status::NotAssessed => 1,
        Status::Pass => 2,
    }
}

/// Results that pass the filter, grouped by area (report order), failing
/// rules first, then by severity and code.
pub fn grouped<'a>(
    results: &'a [ResultReport],
    filter: &Filter,
) -> Vec<(Area, Vec<&'a ResultReport>)> {
    let mut groups: Vec<(Area, Vec<&ResultReport>)> = Vec::new();
    let mut kept: Vec<&ResultReport> = results.iter().filter(|r| filter.matches(r)).collect();
    kept.sort_by_key(|r| (r.area, status_rank(r.status), r.severity, r.code.clone()));
    for r in kept {
        match groups.last_mut() {
            Some((a, v)) if *a == r.area => v.push(r),
            _ => groups.push((r.area, vec![r])),
        }
    }
    groups
}

/// Findings counted by severity (most severe first) and by area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings per severity, most severe first.
    pub by_severity: Vec<(Severity, usize)>,
    /// Findings per area, in report order.
    pub by_area: Vec<(Area, usize)>,
}

/// Every finding counted by severity and by area (accepted ones included).
pub fn counts(results: &[ResultReport]) -> Counts {
    counts_where(results, |_| true)
}

/// The same counts over open findings only (accepted risks left out), as
/// the score sees them.
pub fn open_counts(results: &[ResultReport]) -> Counts {
    counts_where(results, |f| f.state == FindingState::Open)
}

fn counts_where(results: &[ResultReport], keep: impl Fn(&FindingReport) -> bool) -> Counts {
    let kept = || {
        results
            .iter()
            .flat_map(|r| r.findings.iter().map(move |f| (r.area, f)))
            .filter(|(_, f)| keep(f))
    };
    let by_severity = Severity::ALL
        .iter()
        .map(|s| (*s, kept().filter(|(_, f)| f.severity == *s).count()))
        .collect();
    let by_area = Area::ALL
        .iter()
        .map(|a| (*a, kept().filter(|(area, _)| area == a).count()))
        .collect();
    Counts {
        by_severity,
        by_area,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, samples, Options};

    fn report() -> crate::Report {
        analyze(&samples::demo_tenant(), &Options::default())
    }

    #[test]
    fn groups_follow_area_order_with_failures_first() {
        let r = report();
        let g = grouped(&r.results, &Filter::default());
        let areas: Vec<Area> = g.iter().map(|(a, _)| *a).collect();
        let mut sorted = areas.clone();
        sorted.sort();
        assert_eq!(areas, sorted);
        for (_, list) in &g {
            let ranks: Vec<u8> = list.iter().map(|r| status_rank(r.status)).collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        }
        assert_eq!(
            g.iter().map(|(_, v)| v.len()).sum::<usize>(),
            r.results.len()
        );
    }

    #[test]
    fn the_control_filter_keeps_the_rules_mapped_to_it() {
        let r = report();
        let codes = |f: &Filter| {
            let mut v: Vec<String> = grouped(&r.results, f)
                .into_iter()
                .flat_map(|(_, v)| v)
                .map(|x| x.code.clone())
                .collect();
            v.sort();
            v
        };
        let mapped = |short: &str| {
            let mut v: Vec<String> = crate::rules::all()
                .iter()
                .filter(|x| x.meta().controls.iter().any(|c| c.short() == short))
                .map(|x| x.meta().code.to_string())
                .collect();
            v.sort();
            v
        };
        for (query, short) in [("CIS 9.5", "CIS 9.5"), ("nist cp-9", "NIST CP-9")] {
            let f = Filter {
                control: query.into(),
                ..Filter::default()
            };
            assert_eq!(codes(&f), mapped(short), "{query}");
            assert!(!codes(&f).is_empty());
        }
        // SRC001 and SRC002 are the only backup rules; typed in the search
        // box, the control's name finds them too.
        let f = Filter {
            text: "CIS 11.2".into(),
            ..Filter::default()
        };
        assert_eq!(codes(&f), ["SRC001", "SRC002"]);
        // The choices count failed rules per control.
        let choices = control_choices(&r.results);
        let dmarc = choices.iter().find(|c| c.short == "CIS 9.5").unwrap();
        let failed = r
            .results
            .iter()
            .filter(|x| x.status == Status::Fail && mapped("CIS 9.5").contains(&x.code))
            .count();
        assert_eq!(dmarc.failed, failed);
        assert_eq!(
            dmarc.label,
            format!("CIS 9.5 \u{2013} Implement DMARC ({failed} failed)")
        );
        assert!(
            choices.iter().position(|c| c.short == "CIS 11.2")
                < choices
                    .iter()
                    .position(|c| c.short == "NIST AC-4")
                    .or(Some(usize::MAX))
        );
    }

    #[test]
    fn filters_combine_and_search_reaches_evidence() {
        let r = report();
        let only = |f: &Filter| {
            grouped(&r.results, f)
                .into_iter()
                .flat_map(|(_, v)| v)
                .map(|x| x.code.clone())
                .collect::<Vec<_>>()
        };
        let f = Filter {
            text: "NORTHWIND-SHOP".into(),
            ..Filter::default()
        };
        assert_eq!(only(&f), ["ASP003"]);
        let f = Filter {
            text: "outlook".into(),
            statuses: [Status::Fail].into(),
            ..Filter::default()
        };
        assert_eq!(only(&f), ["ASP001"]);
        let f = Filter {
            severities: [Severity::Critical].into(),
            statuses: [Status::Fail].into(),
            ..Filter::default()
        };
        assert_eq!(only(&f), ["ASP001"]);
        let f = Filter {
            areas: [Area::SpamScanning].into(),
            statuses: [Status::Fail].into(),
            ..Filter::default()
        };
        assert!(only(&f).is_empty());
        assert!(Filter::default().is_empty() && !f.is_empty());
    }

    #[test]
    fn area_names_match_the_json_report() {
        for a in Area::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
        }
        for s in Severity::ALL {
            assert_eq!(Severity::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn counts_add_up_to_the_findings() {
        let r = report();
        let c = counts(&r.results);
        assert_eq!(
            c.by_severity.iter().map(|(_, n)| n).sum::<usize>(),
            r.summary.findings
        );
        assert_eq!(
            c.by_area.iter().map(|(_, n)| n).sum::<usize>(),
            r.summary.findings
        );
        assert_eq!(c.by_severity[0], (Severity::Critical, 1));
        assert_eq!(
            open_counts(&r.results),
            c,
            "nothing accepted in the demo tenant"
        );
        let mut accepted = r.results.clone();
        accepted
            .iter_mut()
            .flat_map(|x| x.findings.iter_mut())
            .filter(|f| f.severity == Severity::Critical)
            .for_each(|f| f.state = FindingState::Accepted);
        assert_eq!(
            open_counts(&accepted).by_severity[0],
            (Severity::Critical, 0)
        );
        assert_eq!(counts(&accepted).by_severity[0], (Severity::Critical, 1));
    }
}
