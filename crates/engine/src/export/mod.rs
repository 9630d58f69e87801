//! Exports of a report for people and tools outside the app: a printable,
//! self-contained HTML report, the JSON report, a CSV action plan, Markdown
//! for tickets and SARIF 2.1.0 for code-scanning dashboards.
//!
//! Every export is a pure function `fn(&Report, &ExportOptions) -> String`
//! (no clock, no file system, no network), so the command line and the web
//! app produce byte-identical files. The CSV action plan, and the numbered
//! plan that opens the HTML and Markdown hand-over ([`handover`]), list
//! findings in the one priority order ([`priority()`]: open first, most
//! severe, least effort, code, key), numbered the same in each; the
//! detailed findings that follow keep the app's order by area
//! ([`filter::grouped`]: failing rules first, then severity and code).
//!
//! With [`ExportOptions::redact`] the report — and, with a baseline, the
//! comparison — is first rewritten by one [`redact::Redactor`] in
//! [`prepare_with`] (the tenant's names, domains, addresses, IPs and file
//! names replaced by consistent tokens), so every format, with or without a
//! baseline, hides the same values the same way.

use std::borrow::Cow;

use super::compare::{self, Comparison};
use super::doc::{self, Block};
use super::report::filter::{self, Filter};
use super::report::{CoverageState, FindingState, Report, ResultReport, Status};
use super::rules::{Area, Confidence};

pub mod attack_paths;
pub mod collection;
pub mod csv;
pub mod dates;
pub mod effort;
pub mod file_names;
pub mod handover;
pub mod html;
pub mod markdown;
pub mod order;
pub mod priority;
pub mod redact;
pub mod sarif;

pub use effort::{effort, Effort};
pub use file_names::file_name;
pub use priority::{priority, rules_in_priority, Prioritised};

/// Title used on the cover when none is given.
pub const DEFAULT_TITLE: &str = "Mimecast configuration audit";

/// What the customer line of a redacted export shows instead of the name.
pub const REDACTED_CUSTOMER: &str = "Customer (redacted)";

/// What the assessor line of a redacted export shows instead of the name.
pub const REDACTED_ASSESSOR: &str = "Assessor (redacted)";

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The plain-text report, as the command line prints it.
    Text,
    /// The JSON report (the documented schema).
    Json,
    /// A printable, self-contained HTML report.
    Html,
    /// A CSV action plan.
    Csv,
    /// Markdown, for tickets.
    Markdown,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Json,
        Format::Html,
        Format::Csv,
        Format::Markdown,
        Format::Sarif,
    ];

    /// The name used by `--format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
        }
    }

    /// The format named `s` (as `--format` takes it), if any.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Sarif => "sarif",
        }
    }

    /// MIME type, for a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain;charset=utf-8",
            Format::Json => "application/json",
            Format::Html => "text/html;charset=utf-8",
            Format::Csv => "text/csv;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Sarif => "application/sarif+json",
        }
    }
}

/// What the caller adds to an export: the cover fields and redaction.
/// Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Report title (default [`DEFAULT_TITLE`]).
    pub title: String,
    /// The organisation assessed.
    pub customer: String,
    /// Who made the assessment.
    pub assessor: String,
    /// The one date the hand-over shows ("Data as of", as a human date) and
    /// the file name carries (default: the day of the report's analysis
    /// date).
    pub date: String,
    /// Replace the tenant's names, domains, addresses, IPs and file names,
    /// and the customer and assessor (see [`redact`]).
    pub redact: bool,
}

impl ExportOptions {
    /// The title to show: as given (trimmed), else [`DEFAULT_TITLE`].
    pub fn title(&self) -> &str {
        if self.title.trim().is_empty() {
            DEFAULT_TITLE
        } else {
            self.title.trim()
        }
    }

    /// The export's date: as given, else the day of the analysis date.
    pub fn date_for(&self, r: &Report) -> String {
        if self.date.trim().is_empty() {
            r.analysis_date
                .get(..10)
                .unwrap_or(&r.analysis_date)
                .to_string()
        } else {
            self.date.trim().to_string()
        }
    }
}

/// Renders `report` in `format`.
pub fn render(format: Format, report: &Report, opts: &ExportOptions) -> String {
    match format {
        Format::Text => text(report, opts),
        Format::Json => json(report, opts),
        Format::Html => html::render(report, opts),
        Format::Csv => csv::render(report, opts),
        Format::Markdown => markdown::render(report, opts),
        Format::Sarif => sarif::render(report, opts),
    }
}

/// A comparison with an earlier run, for the formats that show one.
#[derive(Debug, Clone, Copy)]
pub struct Baseline<'a> {
    /// The earlier run's report (its data is redacted with the report's).
    pub report: &'a Report,
    /// The comparison of that run with the report ([`compare::compare`]).
    pub comparison: &'a Comparison,
}

/// Renders `report` in `format` with its comparison to a baseline: the text
/// report followed by the comparison, the JSON report with a `comparison`
/// field ([`compare::report_json_with`]), and the HTML and Markdown
/// hand-over with a "Since last review" section; CSV and SARIF show the
/// report alone, exactly as [`render`] does. Redacted when asked, the
/// report and the comparison with the same tokens.
pub fn render_with(
    format: Format,
    report: &Report,
    baseline: Option<Baseline<'_>>,
    opts: &ExportOptions,
) -> String {
    let Some(b) = baseline.filter(|_| {
        matches!(
            format,
            Format::Text | Format::Json | Format::Html | Format::Markdown
        )
    }) else {
        return render(format, report, opts);
    };
    let p = prepare_with(report, Some(b), opts);
    let c = p.comparison.as_deref();
    match format {
        Format::Json => compare::report_json_with(&p.report, c),
        Format::Html => html::render_prepared(&p.report, c, &p.options),
        Format::Markdown => markdown::render_prepared(&p.report, c, &p.options),
        _ => {
            super::report::render_text(&p.report) + &c.map(compare::render_text).unwrap_or_default()
        }
    }
}

/// The plain-text report (as printed by the command line).
pub fn text(report: &Report, opts: &ExportOptions) -> String {
    let (r, _) = prepare(report, opts);
    super::report::render_text(&r)
}

/// The JSON report: exactly [`Report::to_json`] (of the redacted report
/// when asked), the documented, versioned schema.
pub fn json(report: &Report, opts: &ExportOptions) -> String {
    let (r, _) = prepare(report, opts);
    r.to_json()
}

/// The report and options an export works from: redacted when asked (see
/// [`prepare_with`]).
pub fn prepare<'a>(report: &'a Report, opts: &ExportOptions) -> (Cow<'a, Report>, ExportOptions) {
    let p = prepare_with(report, None, opts);
    (p.report, p.options)
}

/// What an export works from: the report, its comparison when there is a
/// baseline, and the cover fields; all redacted when asked.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The report.
    pub report: Cow<'a, Report>,
    /// The comparison with the baseline, when one was given.
    pub comparison: Option<Cow<'a, Comparison>>,
    /// The cover fields.
    pub options: ExportOptions,
}

/// The one place an export is redacted. With [`ExportOptions::redact`], one
/// [`redact::Redactor`] learns the report, then the baseline's report and
/// the comparison, then the cover's customer and assessor names; then it
/// rewrites the report, the comparison and the title, so a value has the
/// same token in all of them. The customer and assessor lines become
/// [`REDACTED_CUSTOMER`] and [`REDACTED_ASSESSOR`].
pub fn prepare_with<'a>(
    report: &'a Report,
    baseline: Option<Baseline<'a>>,
    opts: &ExportOptions,
) -> Prepared<'a> {
    if !opts.redact {
        return Prepared {
            report: Cow::Borrowed(report),
            comparison: baseline.map(|b| Cow::Borrowed(b.comparison)),
            options: opts.clone(),
        };
    }
    let mut redactor = redact::Redactor::new();
    redactor.learn_report(report);
    if let Some(b) = baseline {
        redactor.learn_report(b.report);
        redactor.learn_comparison(b.comparison);
    }
    redactor.learn_name(&opts.customer, "Customer");
    redactor.learn_name(&opts.assessor, "Assessor");
    let r = redactor.report(report);
    let comparison = baseline.map(|b| Cow::Owned(redactor.comparison(b.comparison)));
    let mut o = opts.clone();
    o.title = redactor.text(&o.title);
    o.customer = match handover::customer_named(&o.customer) {
        Some(_) => REDACTED_CUSTOMER.to_string(),
        None => String::new(),
    };
    if !o.assessor.trim().is_empty() {
        o.assessor = REDACTED_ASSESSOR.to_string();
    }
    Prepared {
        report: Cow::Owned(r),
        comparison,
        options: o,
    }
}

/// Results in the app's display order, grouped by area.
pub fn ordered(r: &Report) -> Vec<(Area, Vec<&ResultReport>)> {
    filter::grouped(&r.results, &Filter::default())
}

/// The results in display order, flat.
pub fn ordered_flat(r: &Report) -> Vec<&ResultReport> {
    ordered(r).into_iter().flat_map(|(_, v)| v).collect()
}

/// First paragraph of a rule's fix, as plain text (the recommendation).
pub fn recommendation(fix: &str) -> String {
    doc::blocks(fix)
        .first()
        .map(plain_block)
        .unwrap_or_default()
}

fn plain_block(b: &Block) -> String {
    let text = |spans: &[doc::Inline]| -> String {
        spans
            .iter()
            .map(|s| match s {
                doc::Inline::Text(t)
                | doc::Inline::Code(t)
                | doc::Inline::Strong(t)
                | doc::Inline::Em(t) => t.as_str(),
            })
            .collect()
    };
    match b {
        Block::Paragraph(i) => text(i),
        Block::List(items) => items
            .iter()
            .map(|i| format!("- {}", text(i)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// `high`, `medium` or `low`.
pub fn confidence_str(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// `open` or `accepted`.
pub fn state_str(s: FindingState) -> &'static str {
    match s {
        FindingState::Open => "open",
        FindingState::Accepted => "accepted",
    }
}

/// Open findings of a result (those that still count).
pub fn open_findings(r: &ResultReport) -> usize {
    r.findings
        .iter()
        .filter(|f| f.state == FindingState::Open)
        .count()
}

/// How many top fixes every place shows: the app's summary and every
/// export list the same ones.
pub const TOP_FIXES: usize = 5;

/// A failing rule worth fixing first.
#[derive(Debug, Clone)]
pub struct TopFix<'a> {
    /// The failing rule.
    pub result: &'a ResultReport,
    /// How many of its findings are open (at least one).
    pub open: usize,
    /// How much work its fix takes.
    pub effort: Effort,
}

/// Failing rules with open findings, at most `n`, in the one priority
/// order ([`priority()`]): a rule comes where its first open finding
/// stands in the action plan, so top fix 1 is the rule of plan item 1 in
/// the app, the HTML, the Markdown and the CSV alike.
pub fn top_fixes(r: &Report, n: usize) -> Vec<TopFix<'_>> {
    rules_in_priority(r)
        .into_iter()
        .filter(|x| x.status == Status::Fail)
        .map(|x| TopFix {
            result: x,
            open: open_findings(x),
            effort: effort(&x.code),
        })
        .filter(|t| t.open > 0)
        .take(n)
        .collect()
}

/// Rules assessed (pass or fail) and all rules.
pub fn rules_assessed(r: &Report) -> (usize, usize) {
    (
        r.results
            .iter()
            .filter(|x| x.status != Status::NotAssessed)
            .count(),
        r.results.len(),
    )
}

/// Sections of the input contract: (collected, incomplete, missing).
pub fn sections_collected(r: &Report) -> (usize, usize, usize) {
    let n = |s: CoverageState| r.coverage.iter().filter(|c| c.state == s).count();
    (
        n(CoverageState::Collected),
        n(CoverageState::Incomplete),
        n(CoverageState::Missing),
    )
}

/// One line about coverage, e.g. "33 of 36 rules assessed; 22 of 24
/// sections collected (1 incomplete)".
pub fn coverage_line(r: &Report) -> String {
    let (assessed, rules) = rules_assessed(r);
    let mut s = format!("{assessed} of {rules} rules assessed");
    if !r.coverage.is_empty() {
        let (collected, incomplete, _) = sections_collected(r);
        s.push_str(&format!(
            "; {} of {} sections collected",
            collected + incomplete,
            r.coverage.len()
        ));
        if incomplete > 0 {
            s.push_str(&format!(" ({incomplete} incomplete)"));
        }
    }
    s
}

/// "72/100 (grade C)" or "not scored".
pub fn score_line(r: &Report) -> String {
    match (r.score.overall, r.score.grade) {
        (Some(s), Some(g)) => format!("{s}/100 (grade {g})"),
        (Some(s), None) => format!("{s}/100"),
        _ => "not scored".to_string(),
    }
}

#[cfg(test)]
mod tests;
