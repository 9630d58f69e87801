//! The analysis engine: bytes in, report out.

#![warn(missing_docs)]

pub mod assessment;
pub mod bundle;
pub mod checklist;
pub mod compare;
pub mod dns_records;
pub mod doc;
pub mod explain;
pub mod export;
pub mod input;
pub mod model;
pub mod providers;
pub mod report;
pub mod rules;
pub mod samples;
pub mod scope;
pub mod session;

use chrono::{DateTime, Utc};

pub use input::InputFile;
pub use report::Report;

/// What the caller decides about a run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The instant policies are judged at. `None`: the date an assessment
    /// chose, else the bundle's `generatedAt`, else `now`.
    pub at: Option<DateTime<Utc>>,
    /// The caller's clock (the engine never reads one itself, so it runs the
    /// same natively and in the browser).
    pub now: Option<DateTime<Utc>>,
}

/// Loads every input, runs every rule, and returns the report.
pub fn analyze(files: &[InputFile], options: &Options) -> Report {
    report_for(input::load_all(files), options)
}

/// Runs every rule over what was loaded, and evaluates the attack paths
/// (`explain::scenarios`).
pub fn report_for(loaded: input::Loaded, options: &Options) -> Report {
    let at = options
        .at
        .or(loaded.config.analysis_date)
        .or(loaded.config.generated_at)
        .or(options.now)
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let results = rules::run_all(&loaded.config, at);
    let config = std::sync::Arc::new(loaded.config);
    let mut report = Report::with_model(at, config.clone(), loaded.statuses, results);
    report.provenance = report::Provenance::new(&report.analysis_date, loaded.sources);
    report.attack_paths =
        report::attack_links::attack_paths_for_report(&config, at, &report.results);
    report
}

/// Everything loaded from `files`, written as one bundle.
pub fn bundle_of(files: &[InputFile], now: DateTime<Utc>) -> String {
    bundle::write_bundle(
        &input::load_all(files).config,
        now,
        concat!("mimecast-audit ", env!("CARGO_PKG_VERSION")),
    )
}
