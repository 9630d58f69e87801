//! The analysis front end: reads exports from disk, runs the engine, prints
//! or writes the report in the chosen format.

use chrono::{DateTime, Utc};

use crate::args::{parse_args, Args, USAGE};
use crate::inputs::collect;
use engine::compare::{compare, Comparison};
use engine::export::{self, Baseline};
use engine::report::Report;
use engine::{bundle_of, input, report_for, samples, Options};

fn now() -> DateTime<Utc> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    DateTime::from_timestamp(secs as i64, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

/// Runs the CLI; returns the process exit code.
pub fn run(args: &[String]) -> i32 {
    let args = match parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return 0;
        }
        Err(e) => {
            eprintln!("mimecast-audit: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let report = match load(&args) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mimecast-audit: {e}");
            return 2;
        }
    };
    let comparison = match baseline(&args, &report) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mimecast-audit: {e}");
            return 2;
        }
    };
    let baseline = comparison.as_ref().map(|(before, c)| Baseline {
        report: before,
        comparison: c,
    });
    if let Err(e) = emit(&args, &render(&args, &report, baseline)) {
        eprintln!("mimecast-audit: {e}");
        return 2;
    }
    report.exit_code()
}

/// Reads every input and analyzes it; unreadable files become inputs in
/// error. `Err`: `--write-bundle` could not be written.
fn load(args: &Args) -> Result<Report, String> {
    let (mut files, mut unreadable) = collect(&args.paths);
    for (section, path) in &args.sections {
        let (chosen, errors) = collect(std::slice::from_ref(path));
        files.extend(chosen.into_iter().map(|f| f.with_section(Some(*section))));
        unreadable.extend(errors);
    }
    if args.sample {
        files.extend(samples::pitfall_tenant());
    }
    if let Some(out) = &args.write_bundle {
        std::fs::write(out, bundle_of(&files, now()))
            .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    let mut report = report_for(
        input::load_all(&files),
        &Options {
            at: args.at,
            now: Some(now()),
        },
    );
    for (name, error) in unreadable {
        report.inputs.push(engine::report::InputReport {
            name,
            status: engine::report::InputStatus::Error,
            sections: vec![],
            error: Some(error),
            error_location: None,
            warnings: vec![],
            notes: vec![],
            candidates: vec![],
        });
        report.summary.input_errors += 1;
    }
    Ok(report)
}

/// The baseline's report and its comparison with `report`, with
/// `--baseline` (analyzed with the same options).
fn baseline(args: &Args, report: &Report) -> Result<Option<(Report, Comparison)>, String> {
    let Some(path) = &args.baseline else {
        return Ok(None);
    };
    let (files, errors) = collect(std::slice::from_ref(path));
    if let Some((name, error)) = errors.first() {
        return Err(format!("baseline {name}: {error}"));
    }
    if files.is_empty() {
        return Err(format!("baseline {}: no JSON file found", path.display()));
    }
    let before = report_for(
        input::load_all(&files),
        &Options {
            at: args.at,
            now: Some(now()),
        },
    );
    for i in before
        .inputs
        .iter()
        .filter(|i| i.status == engine::report::InputStatus::Error)
    {
        eprintln!(
            "mimecast-audit: warning: baseline input {} not used: {}",
            i.name,
            i.error.as_deref().unwrap_or_default()
        );
    }
    let comparison = compare(&before, report);
    Ok(Some((before, comparison)))
}

/// The report in the chosen format (always ending in a newline), with the
/// comparison in text and JSON; redacted in every case when asked (the
/// engine redacts the report and the comparison together).
fn render(args: &Args, report: &Report, baseline: Option<Baseline<'_>>) -> String {
    let mut out = export::render_with(args.format, report, baseline, &args.export);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Writes `content` to `--output`, or to standard output.
fn emit(args: &Args, content: &str) -> Result<(), String> {
    match &args.output {
        Some(path) => std::fs::write(path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(content.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the report: {e}"))
        }
    }
}
