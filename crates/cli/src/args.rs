//! The command line's arguments: what `mimecast-audit` accepts, and its usage
//! text.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use engine::export::{ExportOptions, Format};
use engine::model::{parse_date, Section};

pub const USAGE: &str = "\
Usage: mimecast-audit [--format FORMAT] [--output FILE] [--redact]
                      [--customer NAME] [--assessor NAME] [--title TEXT]
                      [--at DATE] [--sample] [--section NAME=PATH]...
                      [--write-bundle FILE] [--baseline PATH]
                      [--allow-mixed-accounts] PATH...
       mimecast-audit collect --out FILE [options]   (see collect --help)
       mimecast-audit explain --message FILE PATH... (see explain --help)
       mimecast-audit explain --scenarios PATH...

Analyzes Mimecast configuration exports (API responses or a bundle) and
prints a report. PATH is a file (JSON or zip) or a folder, read recursively:
its *.json and *.zip files are read, every other entry is listed as skipped
with the reason (hidden entries, other files, pipes and devices). Links are
followed, each real file once. A folder in which nothing can be read is an
input error (nothing to analyse).

Options:
  --format FORMAT     text (default), json, html (printable, self-contained),
                      csv (action plan), markdown (for tickets) or sarif
  --output FILE       write the report to FILE instead of standard output
  --redact            replace everything that names the tenant (domains,
                      addresses, IPs, file names, policy, group, task and
                      connector names, people) by consistent tokens; public
                      providers such as gmail.com, rule codes and option
                      values stay; hides --customer and --assessor too
  --customer NAME     customer named on the report's cover (html, markdown)
  --assessor NAME     assessor named on the report's cover (html, markdown)
  --title TEXT        report title (default: Mimecast configuration audit)
  --at DATE           judge policies at DATE (default: the bundle's
                      generatedAt, else now)
  --sample            analyze the built-in sample tenant (the one the app
                      opens with Load sample)
  --allow-mixed-accounts
                      analyse files that look like different customers'
                      (another account code, or no internal domain in
                      common) as one tenant; without it that is an error
  --section NAME=PATH read PATH as section NAME (a bundle key such as
                      permittedSenderPolicies) when its content is ambiguous
  --write-bundle FILE also save everything loaded as one bundle file
                      (never redacted)
  --baseline PATH     compare with an earlier export (a bundle, file or
                      folder): new, fixed, unchanged and accepted findings,
                      rule changes and the score change (text and json; in
                      html and markdown as “Since last review”); every file
                      of it must be readable (else exit 2)
  -h, --help          show this help

Exit status: 0 nothing fails, 1 a rule fails, 2 an input could not be read
or there was nothing to analyse (2 wins over 1; the report is printed either
way), the baseline is unusable, or the report could not be written.";

/// What the user asked for.
#[derive(Debug)]
pub struct Args {
    pub format: Format,
    pub at: Option<DateTime<Utc>>,
    pub sample: bool,
    pub paths: Vec<PathBuf>,
    /// Files whose section the user chose.
    pub sections: Vec<(Section, PathBuf)>,
    pub write_bundle: Option<PathBuf>,
    /// Where the report goes; `None`: standard output.
    pub output: Option<PathBuf>,
    /// Cover fields and redaction.
    pub export: ExportOptions,
    /// An earlier export to compare with.
    pub baseline: Option<PathBuf>,
    /// Analyse files of several customers together (refused by default).
    pub allow_mixed_accounts: bool,
}

/// Splits `--section`'s `NAME=PATH` at the first `=`; the path may be any
/// file name the system allows, the name must be text.
pub fn split_section(v: &OsStr) -> Option<(String, PathBuf)> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = v.as_bytes();
        let at = bytes.iter().position(|&b| b == b'=')?;
        Some((
            String::from_utf8_lossy(&bytes[..at]).into_owned(),
            PathBuf::from(OsStr::from_bytes(&bytes[at + 1..])),
        ))
    }
    #[cfg(not(unix))]
    {
        let (name, path) = v.to_str()?.split_once('=')?;
        Some((name.to_string(), PathBuf::from(path)))
    }
}

/// Reads the arguments (as the system gives them: file names need not be
/// UTF-8); `Ok(None)` for `--help`.
pub fn parse_args(args: &[OsString]) -> Result<Option<Args>, String> {
    let mut out = Args {
        format: Format::Text,
        at: None,
        sample: false,
        allow_mixed_accounts: false,
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
        match a.to_str().unwrap_or_default() {
            "-h" | "--help" => return Ok(None),
            "--format" => {
                let v = text("--format", value("--format")?)?;
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
            "--customer" => out.export.customer = text("--customer", value("--customer")?)?,
            "--assessor" => out.export.assessor = text("--assessor", value("--assessor")?)?,
            "--title" => out.export.title = text("--title", value("--title")?)?,
            "--at" => out.at = Some(parse_date(&text("--at", value("--at")?)?).map_err(|e| e.0)?),
            "--sample" => out.sample = true,
            "--allow-mixed-accounts" => out.allow_mixed_accounts = true,
            "--baseline" => out.baseline = Some(PathBuf::from(value("--baseline")?)),
            "--write-bundle" => out.write_bundle = Some(PathBuf::from(value("--write-bundle")?)),
            "--section" => {
                let v = value("--section")?;
                let (name, path) = split_section(&v).ok_or_else(|| {
                    format!("--section takes NAME=PATH, got `{}`", v.to_string_lossy())
                })?;
                let section = Section::from_key(name.trim()).ok_or_else(|| {
                    let keys: Vec<&str> = Section::ALL.iter().map(|s| s.key()).collect();
                    format!(
                        "unknown section `{name}` (expected one of: {})",
                        keys.join(", ")
                    )
                })?;
                out.sections.push((section, path));
            }
            _ => {
                let shown = a.to_string_lossy();
                if shown.starts_with('-') && shown.len() > 1 {
                    return Err(format!("unknown option `{shown}`"));
                }
                out.paths.push(PathBuf::from(a));
            }
        }
    }
    if out.paths.is_empty() && out.sections.is_empty() && !out.sample {
        return Err("no input given".into());
    }
    Ok(Some(out))
}

/// An option's value that is text, not a file name: UTF-8, or an error
/// naming the option.
pub fn text(name: &str, v: OsString) -> Result<String, String> {
    v.into_string()
        .map_err(|v| format!("{name}: `{}` is not valid UTF-8 text", v.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Result<Option<Args>, String> {
        parse_args(&v.iter().map(OsString::from).collect::<Vec<_>>())
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

    #[cfg(unix)]
    #[test]
    fn file_names_need_not_be_utf8_but_text_values_must() {
        use std::os::unix::ffi::OsStringExt;
        let raw = |b: &[u8]| OsString::from_vec(b.to_vec());
        let a = parse_args(&[
            raw(b"caf\xe9.json"),
            "--baseline".into(),
            raw(b"old\xff"),
            "--section".into(),
            raw(b"permittedSenderPolicies=p\xfe.json"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.paths, [PathBuf::from(raw(b"caf\xe9.json"))]);
        assert_eq!(a.baseline, Some(PathBuf::from(raw(b"old\xff"))));
        assert_eq!(
            a.sections,
            [(
                Section::PermittedSenderPolicies,
                PathBuf::from(raw(b"p\xfe.json"))
            )]
        );
        let e = parse_args(&["--customer".into(), raw(b"N\xffrthwind"), "x".into()]).unwrap_err();
        assert!(
            e.contains("--customer") && e.contains("not valid UTF-8"),
            "{e}"
        );
        let e = parse_args(&[raw(b"--\xff")]).unwrap_err();
        assert!(e.starts_with("unknown option"), "{e}");
    }
}
