//! The analysis front end: reads exports from disk, runs the engine, prints
//! or writes the report in the chosen format.

use std::ffi::OsString;

use crate::args::{parse_args, Args, USAGE};
use crate::inputs::{Collected, Collector};
use crate::process::{args_or_exit, now};
use engine::compare::{compare, Comparison};
use engine::export::{self, Baseline};
use engine::report::{InputReport, InputStatus, Report};
use engine::{bundle_of, input, report_for, samples, Options};

/// Tells the user something on standard error. Never panics: when standard
/// error is gone too (`2>&1 | head`), there is no one left to tell.
pub fn say(message: &str) {
    use std::io::Write;
    // File names and values from the input may hold control characters:
    // shown as escapes, line by line (the message's own line breaks stay).
    let safe: Vec<String> = message
        .split('\n')
        .map(|l| engine::report::escape_controls(l).into_owned())
        .collect();
    let _ = writeln!(std::io::stderr(), "mimecast-audit: {}", safe.join("\n"));
}

/// Runs the CLI on the arguments as the system gives them (file names need
/// not be UTF-8); returns the process exit code.
pub fn run(args: &[OsString]) -> i32 {
    let args = match args_or_exit(parse_args(args), USAGE, say) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let (report, nothing) = match load(&args) {
        Ok(r) => r,
        Err(e) => {
            say(&e);
            return 2;
        }
    };
    if !args.allow_mixed_accounts {
        let mixed: Vec<String> = report
            .inputs
            .iter()
            .filter_map(|i| {
                i.other_tenant
                    .as_ref()
                    .map(|why| format!("{}: {why}", i.name))
            })
            .collect();
        if !mixed.is_empty() {
            say(&format!(
                "these inputs look like different customers, so no report was made:\n  {}\n\
                 Analyse each customer on its own, or pass --allow-mixed-accounts if they \
                 really are one tenant.",
                mixed.join("\n  ")
            ));
            return 2;
        }
    }
    let comparison = match baseline(&args, &report) {
        Ok(c) => c,
        Err(e) => {
            say(&e);
            return 2;
        }
    };
    let baseline = comparison.as_ref().map(|(before, c)| Baseline {
        report: before,
        comparison: c,
    });
    if let Err(e) = emit(&args, &render(&args, &report, baseline)) {
        say(&e);
        return 2;
    }
    if nothing {
        // A CI gate must not pass on no data.
        say("nothing to analyse: no input file could be read");
        return 2;
    }
    let collected = report
        .coverage
        .iter()
        .any(|c| c.state != engine::report::CoverageState::Missing);
    if !collected {
        say("nothing to analyse: no input holds configuration this tool reads");
        return 2;
    }
    report.exit_code()
}

/// An input row for the report: a path that was not read, and why.
fn row(name: String, error: Option<String>, notes: Vec<String>) -> InputReport {
    InputReport {
        name,
        status: if error.is_some() {
            InputStatus::Error
        } else {
            InputStatus::Ok
        },
        sections: vec![],
        error,
        error_location: None,
        warnings: vec![],
        notes,
        candidates: vec![],
        other_tenant: None,
        looks_like: None,
    }
}

/// Reads every input and analyzes it; paths that could not be read are
/// inputs in error, entries left out are listed with the reason. The flag
/// is true when no input at all was read (nothing to analyse). `Err`:
/// `--write-bundle` could not be written.
fn load(args: &Args) -> Result<(Report, bool), String> {
    let mut collector = Collector::default();
    for path in &args.paths {
        collector.add(path, None);
    }
    // After the plain paths, so a file given both ways is read once, with
    // its section.
    for (section, path) in &args.sections {
        collector.add(path, Some(*section));
    }
    let Collected {
        mut files,
        errors,
        skipped,
    } = collector.finish();
    let nothing = files.is_empty() && !args.sample;
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
    for (name, error) in errors {
        report.inputs.push(row(name, Some(error), vec![]));
        report.summary.input_errors += 1;
    }
    for (name, why) in skipped {
        report
            .inputs
            .push(row(name, None, vec![format!("skipped: {why}")]));
    }
    Ok((report, nothing))
}

/// The baseline's report and its comparison with `report`, with
/// `--baseline` (analyzed with the same options). A baseline is only worth
/// comparing with when all of it was read: one unreadable file (a report, a
/// page, an image, an empty file) would show its findings as new, so it is
/// an error, never a warning.
fn baseline(args: &Args, report: &Report) -> Result<Option<(Report, Comparison)>, String> {
    let Some(path) = &args.baseline else {
        return Ok(None);
    };
    let unusable = |problems: Vec<(String, String)>| {
        let mut out = format!(
            "the baseline {} cannot be used (it must be an earlier export: a bundle, API \
             responses, or a folder or zip of them):",
            path.display()
        );
        for (name, why) in problems {
            out.push_str(&format!("\n  {name}: {why}"));
        }
        out
    };
    let mut collector = Collector::default();
    collector.add(path, None);
    let found = collector.finish();
    if !found.errors.is_empty() {
        return Err(unusable(found.errors));
    }
    let loaded = input::load_all(&found.files);
    let failed: Vec<(String, String)> = loaded
        .statuses
        .iter()
        .filter_map(|s| Some((s.name.clone(), s.error.as_ref()?.message.clone())))
        .collect();
    if !failed.is_empty() {
        return Err(unusable(failed));
    }
    if loaded.statuses.is_empty() {
        let name = path.display().to_string();
        return Err(unusable(vec![(name, "nothing to analyse".into())]));
    }
    let before = report_for(
        loaded,
        &Options {
            at: args.at,
            now: Some(now()),
        },
    );
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
