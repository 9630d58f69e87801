//! An assessment's standing in one line, kept beside it in the list of
//! assessments so the list need not analyse every stored one: score, grade,
//! number of files, when it was last edited.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::ENTERED;
use crate::report::Report;

/// What the list of assessments shows of one (as of its last analysis).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Standing {
    /// 0–100; `None` when no rule could be assessed.
    #[serde(default)]
    pub score: Option<u32>,
    /// `A`–`F` (with ` (incomplete)`); `None` with the score.
    #[serde(default)]
    pub grade: Option<String>,
    /// Files loaded (the checklist's entries are not a file).
    #[serde(default)]
    pub files: usize,
    /// Rules that failed.
    #[serde(default)]
    pub failed: usize,
}

impl Standing {
    /// The standing a report gives.
    pub fn of(report: &Report) -> Standing {
        Standing {
            score: report.score.overall,
            grade: report.score.grade.map(|g| g.to_string()),
            files: report.inputs.iter().filter(|i| i.name != ENTERED).count(),
            failed: report.summary.failed,
        }
    }

    /// "Score 11 · F", or "Not scored" when nothing could be assessed.
    pub fn score_text(&self) -> String {
        match (self.score, &self.grade) {
            (Some(s), Some(g)) => format!("Score {s} · {g}"),
            (Some(s), None) => format!("Score {s}"),
            _ => "Not scored".to_string(),
        }
    }

    /// "1 file", "3 files", "No files".
    pub fn files_text(&self) -> String {
        match self.files {
            0 => "No files".to_string(),
            1 => "1 file".to_string(),
            n => format!("{n} files"),
        }
    }
}

/// A moment for people, in the reader's time zone (`offset_minutes` east
/// of UTC): "1 Dec 2026, 18:05".
pub fn human_time(at: DateTime<Utc>, offset_minutes: i32) -> String {
    let offset = FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    at.with_timezone(&offset)
        .format("%-d %b %Y, %H:%M")
        .to_string()
}

/// "Last edited 1 Dec 2026, 18:05" for an RFC 3339 instant; `None` when it
/// cannot be read.
pub fn edited_text(rfc3339: &str, offset_minutes: i32) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(rfc3339).ok()?;
    Some(format!(
        "Last edited {}",
        human_time(at.with_timezone(&Utc), offset_minutes)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Assessment;
    use crate::{samples, Options};
    use chrono::TimeZone;

    #[test]
    fn the_sample_has_a_score_a_grade_and_its_files() {
        let mut a = Assessment::blank("t", "2026-01-01");
        a.add_files(&samples::pitfall_tenant());
        let r = a.report(&Options::default());
        let s = Standing::of(&r);
        assert_eq!(s.score, r.score.overall);
        assert!(s.score.is_some());
        assert_eq!(s.grade, r.score.grade.map(|g| g.to_string()));
        assert_eq!(s.files, a.files.len());
        assert_eq!(s.failed, r.summary.failed);
        assert!(s
            .score_text()
            .starts_with(&format!("Score {}", s.score.unwrap())));
        assert!(s.score_text().ends_with(s.grade.as_deref().unwrap()));
    }

    #[test]
    fn entered_data_is_no_file_and_nothing_assessed_is_not_scored() {
        let mut a = Assessment::blank("t", "2026-01-01");
        let form = crate::checklist::form(crate::model::Section::SpamScanningDefinitions).unwrap();
        crate::assessment::records::add(&mut a, form);
        let s = Standing::of(&a.report(&Options::default()));
        assert_eq!(s.files, 0);
        assert_eq!(s.files_text(), "No files");
        let blank = Standing::of(&Assessment::blank("u", "2026-01-01").report(&Options::default()));
        assert_eq!(blank.score, None);
        assert_eq!(blank.score_text(), "Not scored");
    }

    #[test]
    fn file_counts_read_naturally() {
        let s = |files| Standing {
            score: Some(50),
            grade: Some("C".into()),
            files,
            failed: 0,
        };
        assert_eq!(s(1).files_text(), "1 file");
        assert_eq!(s(3).files_text(), "3 files");
        assert_eq!(s(3).score_text(), "Score 50 · C");
    }

    #[test]
    fn times_are_shown_in_the_readers_zone() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 18, 5, 0).unwrap();
        assert_eq!(human_time(at, 0), "1 Dec 2026, 18:05");
        assert_eq!(human_time(at, 60), "1 Dec 2026, 19:05");
        assert_eq!(human_time(at, -19 * 60), "30 Nov 2026, 23:05");
        assert_eq!(
            edited_text("2026-12-01T18:05:00Z", 0).as_deref(),
            Some("Last edited 1 Dec 2026, 18:05")
        );
        assert_eq!(edited_text("yesterday", 0), None);
    }
}
