//! What a checklist section's rules need besides the section itself: for
//! each rule that reads the section, the other sections it also reads,
//! whether each one is loaded, and whether it is entered through the
//! checklist or comes from a file (an API call). Read from the report's
//! coverage, which lists every section with the rules that read it.

use super::ENTERED;
use crate::checklist::form;
use crate::model::Section;
use crate::report::{CoverageEntry, CoverageState};

/// Another section a rule reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The section.
    pub section: Section,
    /// Its name: the console's for a checklist section, else its title.
    pub title: &'static str,
    /// It is entered through the checklist (a console-only section); else
    /// it comes from a file.
    pub in_checklist: bool,
    /// How to collect it: the API call, or the console path.
    pub how_to_collect: &'static str,
    /// It is loaded (from a file or entered).
    pub covered: bool,
}

/// One rule that reads a section, with the other sections it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleNeeds {
    /// The rule's code.
    pub code: String,
    /// The other sections it reads, in bundle order (empty when the
    /// section alone settles the rule).
    pub also: Vec<Need>,
}

fn entry(coverage: &[CoverageEntry], section: Section) -> Option<&CoverageEntry> {
    coverage.iter().find(|c| c.key == section.key())
}

/// The files a section was loaded from, without the checklist's own
/// entries (empty when no file holds it).
pub fn files_covering(coverage: &[CoverageEntry], section: Section) -> Vec<String> {
    entry(coverage, section)
        .map(|c| {
            c.sources
                .iter()
                .filter(|s| s.as_str() != ENTERED)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `section` is loaded (from a file or entered), per the coverage.
pub fn is_covered(coverage: &[CoverageEntry], section: Section) -> bool {
    entry(coverage, section).is_some_and(|c| c.state != CoverageState::Missing)
}

/// The other sections the rule `code` reads besides `section`, with their
/// coverage.
pub fn other_sections(code: &str, section: Section, coverage: &[CoverageEntry]) -> Vec<Need> {
    coverage
        .iter()
        .filter(|c| c.key != section.key() && c.rules.iter().any(|r| r == code))
        .filter_map(|c| Section::from_key(&c.key))
        .map(|s| {
            let in_checklist = form(s).is_some();
            Need {
                section: s,
                title: if in_checklist {
                    s.console_title()
                } else {
                    s.title()
                },
                in_checklist,
                how_to_collect: s.how_to_collect(),
                covered: is_covered(coverage, s),
            }
        })
        .collect()
}

/// Every rule that reads `section`, by code, with what else it needs.
pub fn needs(section: Section, coverage: &[CoverageEntry]) -> Vec<RuleNeeds> {
    entry(coverage, section)
        .map(|c| {
            c.rules
                .iter()
                .map(|code| RuleNeeds {
                    code: code.clone(),
                    also: other_sections(code, section, coverage),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Assessment;
    use crate::rules::reading;
    use crate::{samples, Options};

    fn blank_coverage() -> Vec<CoverageEntry> {
        Assessment::blank("b", "2026-01-01")
            .report(&Options::default())
            .coverage
    }

    fn sample_coverage() -> Vec<CoverageEntry> {
        let mut a = Assessment::blank("t", "2026-01-01");
        a.add_files(&samples::pitfall_tenant());
        a.report(&Options::default()).coverage
    }

    #[test]
    fn a_rule_reading_two_sections_needs_the_other_one() {
        let (rule, a, b) = crate::rules::all()
            .iter()
            .map(|r| r.meta())
            .find_map(|m| match m.reads {
                [a, b, ..] => Some((m, *a, *b)),
                _ => None,
            })
            .expect("some rule reads two sections");
        let from_a = other_sections(rule.code, a, &blank_coverage());
        assert!(from_a.iter().any(|n| n.section == b));
        assert!(from_a.iter().all(|n| n.section != a));
        assert!(from_a.iter().all(|n| !n.covered), "nothing loaded");
        assert_eq!(from_a.len(), rule.reads.len() - 1);
    }

    #[test]
    fn needs_lists_every_rule_reading_the_section() {
        let section = Section::SpamScanningDefinitions;
        let coverage = blank_coverage();
        let codes: Vec<_> = needs(section, &coverage)
            .iter()
            .map(|n| n.code.clone())
            .collect();
        let expected: Vec<_> = reading(section).map(|r| r.meta().code).collect();
        assert!(!codes.is_empty());
        assert_eq!(codes, expected);
    }

    #[test]
    fn checklist_sections_and_file_sections_are_told_apart() {
        let coverage = blank_coverage();
        for rn in Section::ALL.iter().flat_map(|s| needs(*s, &coverage)) {
            for n in rn.also {
                assert_eq!(n.in_checklist, form(n.section).is_some());
                if n.in_checklist {
                    assert_eq!(n.title, n.section.console_title());
                } else {
                    assert_eq!(n.title, n.section.title());
                }
            }
        }
    }

    #[test]
    fn coverage_marks_loaded_sections_and_names_their_files() {
        let coverage = sample_coverage();
        let loaded = coverage
            .iter()
            .find(|c| c.state != CoverageState::Missing)
            .expect("the sample loads something");
        let section = Section::from_key(&loaded.key).unwrap();
        let files = files_covering(&coverage, section);
        assert!(!files.is_empty());
        assert!(files.iter().all(|f| f != ENTERED));
        assert!(is_covered(&coverage, section));
        let nothing = blank_coverage();
        assert!(files_covering(&nothing, section).is_empty());
        assert!(!is_covered(&nothing, section));
    }

    #[test]
    fn entered_data_is_not_a_file() {
        let form = form(Section::SpamScanningDefinitions).unwrap();
        let mut a = Assessment::blank("t", "2026-01-01");
        crate::assessment::records::add(&mut a, form);
        let coverage = a.report(&Options::default()).coverage;
        assert!(is_covered(&coverage, form.section));
        assert!(files_covering(&coverage, form.section).is_empty());
    }
}
