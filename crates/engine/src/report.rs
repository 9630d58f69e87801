//! The report: plain, serialisable data. Its JSON form is a public,
//! versioned contract (`docs/report-schema.md`): later versions only add.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::input::{FileStatus, InputError};
use std::collections::BTreeMap;

use super::model::{Acceptance, Config, Section, SectionOrigin};
use super::rules::{finding_key, Finding, Outcome, RuleMeta, RuleResult};

/// The report JSON's `schema` value.
pub const SCHEMA: &str = "mimecast-audit-report";
/// The version of the report schema this tool writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Outcome of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The rule found something (at least one finding).
    Fail,
    /// The rule was assessed and found nothing.
    Pass,
    /// Data the rule needs was not loaded.
    NotAssessed,
}

impl Status {
    /// The outcome for people: "Fail", "Pass", "Not assessed".
    pub fn label(self) -> &'static str {
        match self {
            Status::Fail => "Fail",
            Status::Pass => "Pass",
            Status::NotAssessed => "Not assessed",
        }
    }

    /// `fail`, `pass` or `not_assessed`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fail => "fail",
            Status::Pass => "pass",
            Status::NotAssessed => "not_assessed",
        }
    }
}

/// A section a rule needed that was not loaded, or was loaded but could not
/// settle the rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingSection {
    /// The section's bundle key.
    pub key: String,
    /// The section's title.
    pub title: String,
    /// Why a section that was loaded still leaves the rule not assessed:
    /// it is incomplete (with the API's statuses and error codes), or it
    /// holds nothing the rule can judge by. Absent when it was not loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What happened to one input file, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputReport {
    /// The file name, as given.
    pub name: String,
    /// Whether the file was read.
    pub status: InputStatus,
    /// Keys of the sections read from the file.
    pub sections: Vec<String>,
    /// Why the file could not be read; `None` when it was.
    pub error: Option<String>,
    /// Where in the file reading failed, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error_location: Option<ErrorLocation>,
    /// Problems worth the user's attention (API failures, skipped records).
    pub warnings: Vec<String>,
    /// Informational remarks (unknown values kept as they are).
    #[serde(default)]
    pub notes: Vec<String>,
    /// For a file that could be several sections: their keys (choose one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
    /// Set when the file looks like another customer's than the files
    /// loaded before it: why (another account, or no internal domain in
    /// common). Mixing two tenants into one report is refused by the CLI
    /// unless allowed, and asked about by the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_tenant: Option<String>,
    /// For a file with status `not_analysed`: the API call its content
    /// looks like (a call this tool does not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub looks_like: Option<String>,
}

/// Where in a file reading failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorLocation {
    /// Line of a JSON syntax error, when known.
    pub line: Option<usize>,
    /// Column of a JSON syntax error, when known.
    pub column: Option<usize>,
    /// JSON path of the value that could not be read, when known.
    pub path: Option<String>,
}

/// One rule's result, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultReport {
    /// The rule's code (`ASP001`).
    pub code: String,
    /// The rule's name (`spf-bypass-shared-provider`).
    pub name: String,
    /// The rule's area.
    pub area: super::rules::Area,
    /// The rule's severity.
    pub severity: super::rules::Severity,
    /// The rule's outcome.
    pub status: Status,
    /// One-line summary of the pitfall (from the rule's documentation).
    pub title: String,
    /// How to fix it (Markdown, from the rule's documentation).
    pub fix: String,
    /// For a rule not assessed: the sections it lacks (else empty).
    pub missing_sections: Vec<MissingSection>,
    /// What the rule found (empty unless it failed).
    pub findings: Vec<FindingReport>,
    /// The CIS v8 safeguards and NIST 800-53 controls the rule checks.
    #[serde(default)]
    pub controls: Vec<super::rules::controls::ControlReport>,
}

/// Whether a finding still counts against the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingState {
    /// To be fixed (also: its acceptance has expired).
    Open,
    /// A risk someone accepted, with a reason, until an expiry date.
    Accepted,
}

/// One finding as reported: what the rule found, its stable identity and
/// whether its risk was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingReport {
    /// How severe the finding is.
    pub severity: super::rules::Severity,
    /// What was found, for people.
    pub message: String,
    /// The key of the object the finding is about (policy id, domain …).
    pub object: String,
    /// How sure the finding is.
    pub confidence: super::rules::Confidence,
    /// Places in the input that support the finding.
    pub evidence: Vec<super::rules::Evidence>,
    /// Stable identity: `CODE:object` (never a list position), so an
    /// acceptance survives the next export of the same tenant.
    #[serde(default)]
    pub key: String,
    /// Open, or accepted when an acceptance holds at the analysis date.
    #[serde(default = "open")]
    pub state: FindingState,
    /// The acceptance that applies (or applied, when it has expired).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    /// Who fixes the finding and by when, when someone assigned it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<crate::model::Assignment>,
}

fn open() -> FindingState {
    FindingState::Open
}

/// Totals over a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Rules that failed.
    pub failed: usize,
    /// Rules that passed.
    pub passed: usize,
    /// Rules not assessed.
    pub not_assessed: usize,
    /// Findings of every rule, accepted ones included.
    pub findings: usize,
    /// Input files that could not be read.
    pub input_errors: usize,
}

/// The result of one analysis: inputs, rule results, coverage and score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The tool and version that wrote the report (`mimecast-audit 0.1.0`).
    pub generator: String,
    /// The instant policies were judged at: RFC 3339, UTC, whole seconds.
    pub analysis_date: String,
    /// One entry per input file; a zip's entries are listed one by one.
    pub inputs: Vec<InputReport>,
    /// One result per rule of the catalog, by code.
    pub results: Vec<ResultReport>,
    /// Totals.
    pub summary: Summary,
    /// Every section of the input contract: collected, incomplete or missing.
    #[serde(default)]
    pub coverage: Vec<CoverageEntry>,
    /// 0–100 and a grade, overall and per area (see `docs/scoring.md`).
    #[serde(default)]
    pub score: score::Score,
    /// Acceptances that matched under a key saved by an earlier version of
    /// this tool, with the key to save instead (not part of the JSON).
    #[serde(skip)]
    pub key_migrations: Vec<KeyMigration>,
    /// The tenant's own strings by where they came from, for redaction
    /// (not part of the JSON; empty for a report read back from JSON).
    #[serde(skip)]
    pub tenant: TenantStrings,
    /// Tool, rule catalog, date and the SHA-256 of every input file.
    #[serde(default)]
    pub provenance: Provenance,
    /// Would these attacks reach the inbox? The seven tenant-derived attack
    /// scenarios, evaluated (absent from older reports: not evaluated).
    #[serde(default)]
    pub attack_paths: crate::explain::scenarios::AttackPaths,
}

/// An acceptance key to rewrite: the same finding, under today's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMigration {
    /// The key as saved.
    pub from: String,
    /// The finding's key today.
    pub to: String,
}

/// Whether an input file could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputStatus {
    /// Read (perhaps with warnings).
    Ok,
    /// Not read; `error` says why.
    Error,
    /// A response of an API call this tool does not read (a write call, or
    /// a read outside the input contract); `looksLike` names the call.
    /// Nothing is read from it, and it is no input error.
    NotAnalysed,
}

impl InputStatus {
    /// `ok`, `error` or `not_analysed`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            InputStatus::Ok => "ok",
            InputStatus::Error => "error",
            InputStatus::NotAnalysed => "not_analysed",
        }
    }

    /// The status for people: "ok", "error", "not analysed".
    pub fn label(self) -> &'static str {
        match self {
            InputStatus::Ok => "ok",
            InputStatus::Error => "error",
            InputStatus::NotAnalysed => "not analysed",
        }
    }
}

impl InputReport {
    /// What became of the file, in one line: the error, the call a file
    /// that is not analysed answers, or the sections read from it.
    pub fn summary(&self) -> String {
        match (&self.error, self.status, &self.looks_like) {
            (Some(e), _, _) => e.clone(),
            (None, InputStatus::NotAnalysed, Some(call)) => {
                format!("not analysed: the response of {call}")
            }
            (None, InputStatus::NotAnalysed, None) => "not analysed".to_string(),
            (None, _, _) if self.sections.is_empty() => "no sections read".to_string(),
            (None, _, _) => {
                let titles = self.section_titles();
                match titles.len() {
                    0..=4 => titles.join(", "),
                    n => format!(
                        "{n} sections: {}, {} and {} more",
                        titles[0],
                        titles[1],
                        n - 2
                    ),
                }
            }
        }
    }

    /// The titles of the sections read from the file ("Internal domains"),
    /// in the file's order; a key the tool does not know stays as it is.
    pub fn section_titles(&self) -> Vec<&str> {
        self.sections
            .iter()
            .map(|k| Section::from_key(k).map_or(k.as_str(), |s| s.title()))
            .collect()
    }
}

/// Whether a section of the input contract was collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoverageState {
    /// Loaded, completely.
    Collected,
    /// Loaded, but the API reported failures for it.
    Incomplete,
    /// Not loaded: the rules that read it are not assessed.
    Missing,
}

impl CoverageState {
    /// `collected`, `incomplete` or `missing`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CoverageState::Collected => "collected",
            CoverageState::Incomplete => "incomplete",
            CoverageState::Missing => "missing",
        }
    }

    /// The state for people: "Collected", "Incomplete", "Missing".
    pub fn label(self) -> &'static str {
        match self {
            CoverageState::Collected => "Collected",
            CoverageState::Incomplete => "Incomplete",
            CoverageState::Missing => "Missing",
        }
    }
}

/// Whether one section was collected, and how to collect it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageEntry {
    /// The section's bundle key.
    pub key: String,
    /// The section's title.
    pub title: String,
    /// Where the data comes from: `api`, `console` or `dns`.
    pub origin: SectionOrigin,
    /// Whether it was loaded.
    pub state: CoverageState,
    /// Files the section came from.
    pub sources: Vec<String>,
    /// How to collect the section: the API call, or the console path.
    pub how_to_collect: String,
    /// Codes of the rules that read this section.
    pub rules: Vec<String>,
}

impl Report {
    /// Builds the report at analysis date `at` from the loaded model, the
    /// file statuses and the rule results (acceptances matched, score computed).
    pub fn new(
        at: DateTime<Utc>,
        config: &Config,
        statuses: Vec<FileStatus>,
        results: Vec<RuleResult>,
    ) -> Report {
        let mut report = Report::without_tenant(at, config, statuses, results);
        report.tenant = TenantStrings::of(config);
        report
    }

    /// [`Report::new`] holding the model, whose strings are gathered only
    /// when a redacted export asks for them ([`TenantStrings::lazy`]).
    pub fn with_model(
        at: DateTime<Utc>,
        config: std::sync::Arc<Config>,
        statuses: Vec<FileStatus>,
        results: Vec<RuleResult>,
    ) -> Report {
        let mut report = Report::without_tenant(at, &config, statuses, results);
        report.tenant = TenantStrings::lazy(config);
        report
    }

    fn without_tenant(
        at: DateTime<Utc>,
        config: &Config,
        statuses: Vec<FileStatus>,
        results: Vec<RuleResult>,
    ) -> Report {
        let inputs: Vec<InputReport> = statuses.into_iter().map(input_report).collect();
        let mut key_migrations = Vec::new();
        let results: Vec<ResultReport> = results
            .into_iter()
            .map(|r| result_report(r, config, at, &mut key_migrations))
            .collect();
        let count = |s: Status| results.iter().filter(|r| r.status == s).count();
        let summary = Summary {
            failed: count(Status::Fail),
            passed: count(Status::Pass),
            not_assessed: count(Status::NotAssessed),
            findings: results.iter().map(|r| r.findings.len()).sum(),
            input_errors: inputs
                .iter()
                .filter(|i| i.status == InputStatus::Error)
                .count(),
        };
        Report {
            schema: SCHEMA.into(),
            schema_version: SCHEMA_VERSION,
            generator: concat!("mimecast-audit ", env!("CARGO_PKG_VERSION")).into(),
            analysis_date: at.to_rfc3339_opts(SecondsFormat::Secs, true),
            inputs,
            summary,
            coverage: coverage(config),
            score: score::compute(&results),
            results,
            key_migrations,
            tenant: TenantStrings::default(),
            provenance: Provenance::default(),
            attack_paths: Default::default(),
        }
    }

    /// 2 when an input could not be read, else 1 when a rule fails, else 0.
    pub fn exit_code(&self) -> i32 {
        if self.summary.input_errors > 0 {
            2
        } else if self.summary.failed > 0 {
            1
        } else {
            0
        }
    }

    /// The report as pretty-printed JSON (the documented schema).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }
}

fn coverage(config: &Config) -> Vec<CoverageEntry> {
    Section::ALL
        .iter()
        .map(|&s| {
            let state = config.sections.get(&s);
            CoverageEntry {
                key: s.key().into(),
                title: s.title().into(),
                origin: s.origin(),
                state: match state {
                    None => CoverageState::Missing,
                    Some(st) if st.incomplete => CoverageState::Incomplete,
                    Some(_) => CoverageState::Collected,
                },
                sources: state.map(|st| st.sources.clone()).unwrap_or_default(),
                how_to_collect: s.how_to_collect().into(),
                rules: super::rules::reading(s)
                    .map(|r| r.meta().code.to_string())
                    .collect(),
            }
        })
        .collect()
}

fn input_report(s: FileStatus) -> InputReport {
    let location = s
        .error
        .as_ref()
        .filter(|e| e.line.is_some() || e.path.is_some())
        .map(|e: &InputError| ErrorLocation {
            line: e.line,
            column: e.column,
            path: e.path.clone(),
        });
    InputReport {
        status: match (&s.error, &s.not_analysed) {
            (Some(_), _) => InputStatus::Error,
            (None, Some(_)) => InputStatus::NotAnalysed,
            (None, None) => InputStatus::Ok,
        },
        looks_like: s.not_analysed.filter(|_| s.error.is_none()),
        sections: s.sections.iter().map(|x| x.key().to_string()).collect(),
        candidates: s
            .error
            .as_ref()
            .map(|e| e.candidates.iter().map(|c| c.key().to_string()).collect())
            .unwrap_or_default(),
        error: s.error.map(|e| e.message),
        error_location: location,
        warnings: s.warnings,
        notes: s.notes,
        other_tenant: s.other_tenant,
        name: s.name,
    }
}

fn finding_report(
    meta: &RuleMeta,
    f: Finding,
    key: String,
    config: &Config,
    at: DateTime<Utc>,
    migrations: &mut Vec<KeyMigration>,
) -> FindingReport {
    let acceptances = &config.acceptances;
    let assignment = assignments::assigned(&config.assignments, meta, &key, &f.object);
    let matched = acceptances::matching(acceptances, meta, &key, &f.object);
    if let Some(acceptances::Matched::Legacy(a)) = &matched {
        migrations.push(KeyMigration {
            from: a.finding.clone(),
            to: key.clone(),
        });
    }
    let (acceptance, holds) = match matched.map(|m| m.resolve(&key, at)) {
        Some((a, holds)) => (Some(a), holds),
        None => (None, false),
    };
    FindingReport {
        severity: f.severity,
        message: f.message,
        object: f.object.into_key(),
        confidence: f.confidence,
        evidence: f.evidence,
        key,
        state: if holds {
            FindingState::Accepted
        } else {
            FindingState::Open
        },
        acceptance,
        assignment,
    }
}

/// Keys for a rule's findings, unique within the report: a second finding
/// about the same object (two copies of one id-less policy, which are
/// interchangeable) gets `~2`, a third `~3`.
fn unique_keys(meta: &RuleMeta, findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let key = finding_key(meta, &f.object);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}~{n}")
            }
        })
        .collect()
}

/// Why a section that was loaded leaves a rule not assessed.
fn missing_reason(meta: &RuleMeta, config: &Config, s: Section) -> Option<String> {
    if !config.has(s) {
        return None;
    }
    if let Some(why) = super::input::why_incomplete(config, s) {
        return Some(format!("incomplete: {why}"));
    }
    super::rules::find(meta.code).and_then(|rule| rule.not_assessed_reason(config, s))
}

fn result_report(
    r: RuleResult,
    config: &Config,
    at: DateTime<Utc>,
    migrations: &mut Vec<KeyMigration>,
) -> ResultReport {
    let doc = r.meta.doc();
    let (status, findings, missing) = match r.outcome {
        Outcome::Fail(f) => (Status::Fail, f, vec![]),
        Outcome::Pass => (Status::Pass, vec![], vec![]),
        Outcome::NotAssessed(m) => (Status::NotAssessed, vec![], m),
    };
    let keys = unique_keys(r.meta, &findings);
    ResultReport {
        code: r.meta.code.into(),
        name: r.meta.name.into(),
        area: r.meta.area,
        severity: r.meta.severity,
        status,
        title: super::doc::plain(&doc.summary),
        fix: doc.section("How to fix it").unwrap_or_default().to_string(),
        controls: r.meta.controls.iter().map(|c| c.report()).collect(),
        missing_sections: missing
            .iter()
            .map(|&s| MissingSection {
                key: s.key().into(),
                title: s.title().into(),
                reason: missing_reason(r.meta, config, s),
            })
            .collect(),
        findings: findings
            .into_iter()
            .zip(keys)
            .map(|(f, key)| finding_report(r.meta, f, key, config, at, migrations))
            .collect(),
    }
}

#[cfg(test)]
mod acceptance_tests;
mod acceptances;
#[cfg(test)]
mod assignment_tests;
mod assignments;
pub mod attack_links;
pub mod attack_text;
pub mod filter;
#[cfg(test)]
mod input_summary_tests;
pub mod provenance;
pub mod score;
pub mod tenant;
mod text;
pub use provenance::{Provenance, SourceFile};
pub use tenant::TenantStrings;
pub use text::{escape_controls, is_invisible, render_text};
