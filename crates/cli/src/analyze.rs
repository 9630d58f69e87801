//! The analysis front end: reads exports from disk, runs the engine, prints
//! or writes the report in the chosen format.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use engine::compare::{compare, render_text as render_comparison, report_json_with, Comparison};
use engine::export::{self, ExportOptions, Format};
use engine::model::{parse_date, Section};
use engine::report::Report;
use engine::{bundle_of, input, report_for, samples, InputFile, Options};

const USAGE: &str = "\
Usage: mimecast-audit [--format FORMAT] [--output FILE] [--redact]
                      [--customer NAME] [--assessor NAME] [--title TEXT]
                      [--at DATE] [--sample] [--section NAME=PATH]...
                      [--write-bundle FILE] [--baseline PATH] PATH...

Analyzes Mimecast configuration exports (API responses or a bundle) and
prints a report. PATH is a file or a folder (read recursively).

Options:
  --format FORMAT     text (default), json, html (printable, self-contained),
                      csv (action plan), markdown (for tickets) or sarif
  --output FILE       write the report to FILE instead of standard output
  --redact            replace domains, email addresses, IP addresses and file
                      names by consistent tokens (well-known providers such
                      as gmail.com stay); hides --customer too
  --customer NAME     customer named on the report's cover (html, markdown)
  --assessor NAME     assessor named on the report's cover (html, markdown)
  --title TEXT        report title (default: Mimecast configuration audit)
  --at DATE           judge policies at DATE (default: the bundle's
                      generatedAt, else now)
  --sample            analyze the built-in sample tenant (the one the app
                      opens with Load sample)
  --section NAME=PATH read PATH as section NAME (a bundle key such as
                      permittedSenderPolicies) when its content is ambiguous
  --write-bundle FILE also save everything loaded as one bundle file
                      (never redacted)
  --baseline PATH     compare with an earlier export (a bundle, file or
                      folder): new, fixed, unchanged and accepted findings,
                      rule changes and the score change (text and json)
  -h, --help          show this help

Exit status: 0 nothing fails, 1 a rule fails, 2 an input could not be read
(2 wins over 1; the report is printed either way) or the report could not
be written.";

#[derive(Debug)]
struct Args {
    format: Format,
    at: Option<DateTime<Utc>>,
    sample: bool,
    paths: Vec<PathBuf>,
    /// Files whose section the user chose.
    sections: Vec<(Section, PathBuf)>,
    write_bundle: Option<PathBuf>,
    /// Where the report goes; `None`: standard output.
    output: Option<PathBuf>,
    /// Cover fields and redaction.
    export: ExportOptions,
    /// An earlier export to compare with.
    baseline: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut out = Args {
        format: Format::Text,
        at: None,
        sample: false,
        paths: vec![],
        sections: vec![],
        write_bundle: None,
        output: None,
        export: ExportOptions::default(),
        baseline: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--format" => {
                let v = value("--format")?;
                out.format = Format::parse(&v).ok_or_else(|| {
                    let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                    format!(
                        "unknown format `{v}` (expected one of: {})",
                        names.join(", ")
                    )
                })?;
            }
            "--output" | "-o" => out.output = Some(PathBuf::from(value("--output")?)),
            "--redact" => out.export.redact = true,
            "--customer" => out.export.customer = value("--customer")?,
            "--assessor" => out.export.assessor = value("--assessor")?,
            "--title" => out.export.title = value("--title")?,
            "--at" => out.at = Some(parse_date(&value("--at")?).map_err(|e| e.0)?),
            "--sample" => out.sample = true,
            "--baseline" => out.baseline = Some(PathBuf::from(value("--baseline")?)),
            "--write-bundle" => out.write_bundle = Some(PathBuf::from(value("--write-bundle")?)),
            "--section" => {
                let v = value("--section")?;
                let (name, path) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--section takes NAME=PATH, got `{v}`"))?;
                let section = Section::from_key(name.trim()).ok_or_else(|| {
                    let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
                    format!(
                        "unknown section `{name}` (expected one of: {})",
                        keys.join(", ")
                    )
                })?;
                out.sections.push((section, PathBuf::from(path)));
            }
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option `{s}`")),
            path => out.paths.push(PathBuf::from(path)),
        }
    }
    if out.paths.is_empty() && out.sections.is_empty() && !out.sample {
        return Err("no input given".into());
    }
    Ok(Some(out))
}

/// Reads every file under the given paths; unreadable ones become inputs
/// whose bytes are empty and whose name says what went wrong.
fn collect(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut errors);
    }
    (files, errors)
}

fn walk(p: &Path, files: &mut Vec<InputFile>, errors: &mut Vec<(String, String)>) {
    let name = p.display().to_string();
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => return errors.push((name, format!("cannot read folder: {e}"))),
        };
        entries.sort();
        for e in entries {
            let is_json = e
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"));
            if e.is_dir() || is_json {
                walk(&e, files, errors);
            }
        }
        return;
    }
    match std::fs::read(p) {
        Ok(bytes) => files.push(InputFile::new(name, bytes)),
        Err(e) => errors.push((name, format!("cannot read file: {e}"))),
    }
}

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
            println!("{USAGE}");
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
    if let Err(e) = emit(&args, &render(&args, &report, comparison.as_ref())) {
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

/// The comparison with `--baseline`, analyzed with the same options.
fn baseline(args: &Args, report: &Report) -> Result<Option<Comparison>, String> {
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
    Ok(Some(compare(&before, report)))
}

/// The report in the chosen format (always ending in a newline), with the
/// comparison in text and JSON.
fn render(args: &Args, report: &Report, comparison: Option<&Comparison>) -> String {
    let mut out = match (args.format, comparison) {
        (Format::Json, Some(c)) => report_json_with(report, Some(c)),
        (Format::Text, Some(c)) => {
            export::render(args.format, report, &args.export) + &render_comparison(c)
        }
        _ => export::render(args.format, report, &args.export),
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Result<Option<Args>, String> {
        parse_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn parses_options_and_paths() {
        let a = args(&["--format", "json", "--at", "2026-01-02", "a.json", "dir"])
            .unwrap()
            .unwrap();
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.at, Some(parse_date("2026-01-02").unwrap()));
        assert_eq!(a.paths, [PathBuf::from("a.json"), PathBuf::from("dir")]);
        assert!(args(&["--help"]).unwrap().is_none());
        assert_eq!(a.output, None);
        assert_eq!(a.export, ExportOptions::default());
    }

    #[test]
    fn parses_export_options() {
        let a = args(&[
            "--format",
            "html",
            "--output",
            "r.html",
            "--redact",
            "--customer",
            "Contoso",
            "--assessor",
            "A. N. Auditor",
            "--title",
            "T",
            "x",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.format, Format::Html);
        assert_eq!(a.output, Some(PathBuf::from("r.html")));
        assert_eq!(
            a.export,
            ExportOptions {
                title: "T".into(),
                customer: "Contoso".into(),
                assessor: "A. N. Auditor".into(),
                date: String::new(),
                redact: true
            }
        );
        for f in ["text", "json", "html", "csv", "markdown", "sarif"] {
            assert_eq!(
                args(&["--format", f, "x"])
                    .unwrap()
                    .unwrap()
                    .format
                    .as_str(),
                f
            );
        }
        assert!(args(&["--customer"]).unwrap_err().contains("needs a value"));
        assert!(args(&["--format", "pdf", "x"])
            .unwrap_err()
            .contains("expected one of: text, json, html, csv, markdown, sarif"));
    }

    #[test]
    fn rejects_bad_usage_with_a_reason() {
        assert!(args(&[]).unwrap_err().contains("no input"));
        assert!(args(&["--format", "xml", "a"]).unwrap_err().contains("xml"));
        assert!(args(&["--format"]).unwrap_err().contains("needs a value"));
        assert!(args(&["--bogus", "a"]).unwrap_err().contains("--bogus"));
        assert!(args(&["--at", "someday", "a"])
            .unwrap_err()
            .contains("someday"));
        assert!(args(&["--section", "nope=a.json"])
            .unwrap_err()
            .contains("unknown section `nope`"));
        assert!(args(&["--section", "a.json"])
            .unwrap_err()
            .contains("NAME=PATH"));
        let a = args(&["--section", "permittedSenderPolicies=x.json"])
            .unwrap()
            .unwrap();
        assert_eq!(
            a.sections,
            [(Section::PermittedSenderPolicies, PathBuf::from("x.json"))]
        );
    }
}
