//! `mimecast-audit explain`'s arguments and usage text.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use chrono::{DateTime, Utc};

use engine::model::{parse_date, Section};

use crate::args::text;

pub const USAGE: &str = "\
Usage: mimecast-audit explain --message FILE [--at DATE] [--format json|text]
                              [--output FILE] [--sample] [--section NAME=PATH]...
                              [--allow-mixed-accounts] PATH...
       mimecast-audit explain --scenarios [--at DATE] [--format json|text]
                              [--output FILE] [--sample] PATH...

Explains how the tenant's policies treat one inbound message: for every
policy type, every policy with its status and a reason, the winner, and the
verdict (blocked, held, tagged or delivered) with the step that decided it,
how certain that is and the inferred steps it rests on. With --scenarios,
the built-in attack scenarios derived from the tenant (spoofs of its own
domains, VIP impersonation, look-alike domains, permitted third parties).
PATH is read as the analysis reads it (files, zips, bundles, folders).

Options:
  --message FILE      the message description (JSON; `-` reads standard
                      input): envelopeFrom, headerFrom, headerDisplayName,
                      sendingIp, recipient, date, auth, spamScore, signals,
                      replyTo, sendingHostname (see docs/explainer.md)
  --scenarios         evaluate the attack scenarios instead of one message
  --at DATE           judge policies at DATE (default: the bundle's
                      generatedAt, else now; the message's own date wins)
  --format FORMAT     json (default: the engine's output, unchanged) or text
  --output FILE       write to FILE instead of standard output
  --sample            use the built-in sample tenant (the app's Load sample)
  --section NAME=PATH read PATH as section NAME when its content is ambiguous
  --allow-mixed-accounts
                      read files that look like different customers' as
                      one tenant; without it that is an error
  -h, --help          show this help

Exit status: 0 explained, 2 the message could not be read or explained
(its errors are listed by field), an input could not be read (the
explanation is printed all the same), nothing to explain, inputs mix
customers, or the output could not be written.";

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The engine's JSON, unchanged.
    Json,
    /// The plain-text rendering.
    Text,
}

/// What is explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// One message, from this file (`-`: standard input).
    Message(PathBuf),
    /// The attack scenarios.
    Scenarios,
}

/// What the user asked for.
#[derive(Debug)]
pub struct Args {
    pub what: What,
    pub format: Format,
    pub at: Option<DateTime<Utc>>,
    pub output: Option<PathBuf>,
    pub sample: bool,
    pub paths: Vec<PathBuf>,
    pub sections: Vec<(Section, PathBuf)>,
    pub allow_mixed_accounts: bool,
}

/// Reads `explain`'s arguments (those after the word `explain`);
/// `Ok(None)` for `--help`.
pub fn parse_args(args: &[OsString]) -> Result<Option<Args>, String> {
    let mut message = None;
    let mut scenarios = false;
    let mut out = Args {
        what: What::Scenarios,
        format: Format::Json,
        at: None,
        output: None,
        sample: false,
        paths: vec![],
        sections: vec![],
        allow_mixed_accounts: false,
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
            "--message" => message = Some(PathBuf::from(value("--message")?)),
            "--scenarios" => scenarios = true,
            "--format" => {
                out.format = match text("--format", value("--format")?)?.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    other => {
                        return Err(format!(
                            "unknown format `{other}` for explain (expected json or text)"
                        ))
                    }
                }
            }
            "--at" => out.at = Some(parse_date(&text("--at", value("--at")?)?).map_err(|e| e.0)?),
            "--output" | "-o" => out.output = Some(PathBuf::from(value("--output")?)),
            "--sample" => out.sample = true,
            "--allow-mixed-accounts" => out.allow_mixed_accounts = true,
            "--section" => {
                let v = value("--section")?;
                out.sections.push(section(&v)?);
            }
            _ => {
                let shown = a.to_string_lossy();
                if shown.starts_with('-') && shown.len() > 1 {
                    return Err(format!("unknown option `{shown}` for explain"));
                }
                out.paths.push(PathBuf::from(a));
            }
        }
    }
    out.what = match (message, scenarios) {
        (Some(m), false) => What::Message(m),
        (None, true) => What::Scenarios,
        (Some(_), true) => return Err("give either --message FILE or --scenarios, not both".into()),
        (None, false) => return Err("explain needs --message FILE or --scenarios".into()),
    };
    if out.paths.is_empty() && out.sections.is_empty() && !out.sample {
        return Err("no input given: name the tenant's exports (PATH...)".into());
    }
    Ok(Some(out))
}

/// `--section NAME=PATH`.
fn section(v: &OsStr) -> Result<(Section, PathBuf), String> {
    let (name, path) = crate::args::split_section(v)
        .ok_or_else(|| format!("--section takes NAME=PATH, got `{}`", v.to_string_lossy()))?;
    let s = Section::from_key(name.trim()).ok_or_else(|| format!("unknown section `{name}`"))?;
    Ok((s, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Result<Option<Args>, String> {
        parse_args(&v.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn a_message_or_the_scenarios_with_inputs() {
        let a = args(&["--message", "m.json", "--at", "2026-01-02", "b.json"])
            .unwrap()
            .unwrap();
        assert_eq!(a.what, What::Message(PathBuf::from("m.json")));
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.at, Some(parse_date("2026-01-02").unwrap()));
        assert_eq!(a.paths, [PathBuf::from("b.json")]);
        let a = args(&["--scenarios", "--format", "text", "--sample"])
            .unwrap()
            .unwrap();
        assert_eq!(a.what, What::Scenarios);
        assert_eq!(a.format, Format::Text);
        assert!(a.sample && a.paths.is_empty());
        let a = args(&["--scenarios", "--section", "permittedSenderPolicies=p.json"])
            .unwrap()
            .unwrap();
        assert_eq!(
            a.sections,
            [(Section::PermittedSenderPolicies, PathBuf::from("p.json"))]
        );
        assert!(args(&["-h"]).unwrap().is_none());
    }

    #[test]
    fn bad_usage_is_refused_with_a_reason() {
        let e = |v: &[&str]| args(v).unwrap_err();
        assert!(e(&["b.json"]).contains("--message FILE or --scenarios"));
        assert!(e(&["--message", "m", "--scenarios", "b"]).contains("not both"));
        assert!(e(&["--message", "m"]).contains("no input"));
        assert!(e(&["--message"]).contains("needs a value"));
        assert!(e(&["--scenarios", "--format", "html", "b"]).contains("json or text"));
        assert!(e(&["--scenarios", "--at", "someday", "b"]).contains("someday"));
        assert!(e(&["--scenarios", "--bogus", "b"]).contains("--bogus"));
        assert!(e(&["--scenarios", "--section", "nope=x", "b"]).contains("unknown section"));
    }
}
