//! A checklist section's progress, derived from what was entered, what the
//! loaded files hold and the assessor's own choice.
//!
//! The assessor's choice (done, skipped, not applicable) always wins. Without
//! one, a section moves by itself: to "in progress" as soon as anything is
//! entered, to "from files" when a loaded file holds it and nothing is
//! entered, else it is "to do". It never becomes "done" by itself: only the
//! assessor knows that every definition or policy of the console has been
//! recorded. Items with missing required fields or other validation problems
//! are counted, so a section marked done while incomplete can be flagged.

use super::needs::files_covering;
use super::records::{self, Slot};
use super::{Assessment, SectionStatus};
use crate::checklist::SectionForm;
use crate::report::CoverageEntry;

/// Where a checklist section stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Nothing entered, no file holds it, no choice made.
    ToDo,
    /// Something is entered (and no choice made).
    InProgress,
    /// A loaded file holds it; nothing entered, no choice made.
    FromFiles,
    /// The assessor marked it done.
    Done,
    /// The assessor skipped it.
    Skipped,
    /// The assessor marked it not applicable.
    NotApplicable,
}

impl Progress {
    /// For people: "To do", "In progress", "From files" …
    pub fn label(self) -> &'static str {
        match self {
            Progress::ToDo => "To do",
            Progress::InProgress => "In progress",
            Progress::FromFiles => "From files",
            Progress::Done => "Done",
            Progress::Skipped => "Skipped",
            Progress::NotApplicable => "Not applicable",
        }
    }

    /// `todo`, `in_progress`, `from_files`, `done`, `skipped`,
    /// `not_applicable` (for styles and tests).
    pub fn as_str(self) -> &'static str {
        match self {
            Progress::ToDo => "todo",
            Progress::InProgress => "in_progress",
            Progress::FromFiles => "from_files",
            Progress::Done => "done",
            Progress::Skipped => "skipped",
            Progress::NotApplicable => "not_applicable",
        }
    }
}

/// One section's progress with what it was derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionProgress {
    /// Where the section stands.
    pub progress: Progress,
    /// The assessor chose it (else it was derived).
    pub chosen: bool,
    /// Items entered (1 for an entered settings object).
    pub entered: usize,
    /// Entered items with problems (required fields missing, invalid values).
    pub incomplete: usize,
    /// Loaded files that hold the section (the checklist's entries aside).
    pub files: Vec<String>,
}

impl SectionProgress {
    /// Whether the section needs the assessor's attention: entered items
    /// with problems.
    pub fn flagged(&self) -> bool {
        self.incomplete > 0
    }

    /// "Covered by a.json, b.json", or empty when no file holds it.
    pub fn covered_by(&self) -> String {
        if self.files.is_empty() {
            String::new()
        } else {
            format!("Covered by {}", self.files.join(", "))
        }
    }
}

/// The slots of the entered items of `form`'s section.
pub fn slots(a: &Assessment, form: &SectionForm) -> Vec<Slot> {
    if form.repeating {
        (0..records::items(a, form.section).len())
            .map(Slot::Item)
            .collect()
    } else {
        records::object(a, form)
            .map(|_| vec![Slot::Object])
            .unwrap_or_default()
    }
}

/// Where `form`'s section stands in `a`, given the report's coverage.
pub fn section_progress(
    a: &Assessment,
    form: &SectionForm,
    coverage: &[CoverageEntry],
) -> SectionProgress {
    let slots = slots(a, form);
    let incomplete = slots
        .iter()
        .filter(|s| !records::problems(a, form, **s).is_empty())
        .count();
    let files = files_covering(coverage, form.section);
    let chosen = a.status.get(form.section.key()).copied();
    let progress = match chosen {
        Some(SectionStatus::Done) => Progress::Done,
        Some(SectionStatus::Skipped) => Progress::Skipped,
        Some(SectionStatus::NotApplicable) => Progress::NotApplicable,
        None if !slots.is_empty() => Progress::InProgress,
        None if !files.is_empty() => Progress::FromFiles,
        None => Progress::ToDo,
    };
    SectionProgress {
        progress,
        chosen: chosen.is_some(),
        entered: slots.len(),
        incomplete,
        files,
    }
}

/// How many sections stand where, over every checklist form, in
/// [`Progress`] order: `(progress, count)` for the non-zero ones.
pub fn tally(a: &Assessment, coverage: &[CoverageEntry]) -> Vec<(Progress, usize)> {
    let all: Vec<Progress> = crate::checklist::forms()
        .iter()
        .map(|f| section_progress(a, f, coverage).progress)
        .collect();
    [
        Progress::Done,
        Progress::InProgress,
        Progress::FromFiles,
        Progress::ToDo,
        Progress::Skipped,
        Progress::NotApplicable,
    ]
    .into_iter()
    .map(|p| (p, all.iter().filter(|x| **x == p).count()))
    .filter(|(_, n)| *n > 0)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::form;
    use crate::model::Section;
    use crate::{samples, Options};

    fn spam() -> &'static SectionForm {
        form(Section::SpamScanningDefinitions).unwrap()
    }

    fn progress(a: &Assessment, f: &SectionForm) -> SectionProgress {
        let coverage = a.report(&Options::default()).coverage;
        section_progress(a, f, &coverage)
    }

    #[test]
    fn an_untouched_section_is_to_do() {
        let a = Assessment::blank("t", "2026-01-01");
        let p = progress(&a, spam());
        assert_eq!(p.progress, Progress::ToDo);
        assert!(!p.chosen);
        assert_eq!(p.entered, 0);
        assert!(!p.flagged());
        assert_eq!(p.covered_by(), "");
    }

    #[test]
    fn entering_something_moves_it_to_in_progress_and_flags_gaps() {
        let mut a = Assessment::blank("t", "2026-01-01");
        records::add(&mut a, spam());
        let p = progress(&a, spam());
        assert_eq!(p.progress, Progress::InProgress);
        assert_eq!(p.entered, 1);
        let problems = records::problems(&a, spam(), Slot::Item(0));
        assert_eq!(p.incomplete, usize::from(!problems.is_empty()));
    }

    #[test]
    fn a_new_policy_without_its_definition_is_flagged() {
        let policies = form(Section::SpamScanningPolicies).unwrap();
        let mut a = Assessment::blank("t", "2026-01-01");
        records::add(&mut a, policies);
        assert!(!records::problems(&a, policies, Slot::Item(0)).is_empty());
        let p = progress(&a, policies);
        assert_eq!(p.incomplete, 1);
        assert!(p.flagged());
    }

    #[test]
    fn the_assessors_choice_wins_but_stays_flagged() {
        let policies = form(Section::SpamScanningPolicies).unwrap();
        let mut a = Assessment::blank("t", "2026-01-01");
        records::add(&mut a, policies);
        a.status
            .insert(policies.section.key().into(), SectionStatus::Done);
        let p = progress(&a, policies);
        assert_eq!(p.progress, Progress::Done);
        assert!(p.chosen);
        assert!(p.flagged());
        a.status
            .insert(policies.section.key().into(), SectionStatus::Skipped);
        assert_eq!(progress(&a, policies).progress, Progress::Skipped);
    }

    #[test]
    fn a_section_a_file_holds_is_from_files_and_names_the_file() {
        let mut a = Assessment::blank("t", "2026-01-01");
        a.add_files(&samples::pitfall_tenant());
        let coverage = a.report(&Options::default()).coverage;
        let (f, files) = crate::checklist::forms()
            .iter()
            .find_map(|f| {
                let files = files_covering(&coverage, f.section);
                (!files.is_empty()).then_some((f, files))
            })
            .expect("the sample holds a checklist section");
        let p = section_progress(&a, f, &coverage);
        assert_eq!(p.progress, Progress::FromFiles);
        assert_eq!(p.covered_by(), format!("Covered by {}", files.join(", ")));
        let n: usize = tally(&a, &coverage).iter().map(|(_, n)| n).sum();
        assert_eq!(n, crate::checklist::forms().len());
        assert!(tally(&a, &coverage)
            .iter()
            .any(|(p, n)| *p == Progress::FromFiles && *n > 0));
    }
}
