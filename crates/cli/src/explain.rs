//! `mimecast-audit explain`: how the tenant's policies treat one message
//! (`--message`), or the built-in attack scenarios (`--scenarios`). The
//! JSON is the engine's output unchanged; `--format text` is the engine's
//! plain-text rendering. Inputs are read as the analysis reads them.

use std::ffi::OsString;
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::analyze::say;
use crate::inputs::{Collected, Collector};
use crate::process::{args_or_exit, now};
use engine::explain::{self, text, InputError, MessageInput};
use engine::input::Loaded;
use engine::model::Config;
use engine::{input, report_for, samples, Options};

mod args;

use args::{parse_args, Args, Format, What, USAGE};

/// Runs `explain` on its arguments (those after the word); returns the
/// process exit code.
pub fn run(args: &[OsString]) -> i32 {
    let args = match args_or_exit(parse_args(args), USAGE, say) {
        Ok(a) => a,
        Err(code) => return code,
    };
    // The message first: a typo there is told before any input is read.
    let message = match &args.what {
        What::Message(path) => match read_message(path) {
            Ok(m) => Some(m),
            Err(e) => {
                say(&e);
                return 2;
            }
        },
        What::Scenarios => None,
    };
    let (loaded, unreadable) = match load(&args) {
        Ok(x) => x,
        Err(e) => {
            say(&e);
            return 2;
        }
    };
    let cfg = &loaded.config;
    let at = args
        .at
        .or(cfg.analysis_date)
        .or(cfg.generated_at)
        .unwrap_or_else(now);
    let out = match message {
        Some(m) => match explain_one(cfg, &m, at, args.format) {
            Ok(out) => out,
            Err(errors) => {
                say(&cannot_explain(&errors));
                return 2;
            }
        },
        None => scenarios(loaded, at, args.format),
    };
    if let Err(e) = emit(args.output.as_deref(), &out) {
        say(&e);
        return 2;
    }
    if unreadable {
        2
    } else {
        0
    }
}

/// The message description in `path` (`-`: standard input).
fn read_message(path: &Path) -> Result<MessageInput, String> {
    let name = path.display().to_string();
    let mut text = String::new();
    let read = if name == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text).map(|_| ()))
    };
    read.map_err(|e| format!("cannot read the message {name}: {e}"))?;
    serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        format!(
            "the message {name} is not a message description (a JSON object with \
             envelopeFrom, headerFrom, sendingIp, recipient …): {e}"
        )
    })
}

/// Reads the inputs into one configuration. Files that could not be read
/// are told on standard error (the flag says there were some); `Err`:
/// nothing could be read, or the inputs mix customers.
fn load(args: &Args) -> Result<(Loaded, bool), String> {
    let mut collector = Collector::default();
    for path in &args.paths {
        collector.add(path, None);
    }
    for (section, path) in &args.sections {
        collector.add(path, Some(*section));
    }
    let Collected {
        mut files, errors, ..
    } = collector.finish();
    let nothing = files.is_empty() && !args.sample;
    if args.sample {
        files.extend(samples::pitfall_tenant());
    }
    let loaded = input::load_all(&files);
    let mut unreadable = !errors.is_empty();
    for (name, why) in errors {
        say(&format!("{name}: {why}"));
    }
    for s in &loaded.statuses {
        if let Some(e) = &s.error {
            say(&format!("{}: {}", s.name, e.message));
            unreadable = true;
        }
    }
    if nothing {
        return Err("nothing to explain: no input file could be read".into());
    }
    if !args.allow_mixed_accounts {
        let mixed: Vec<String> = loaded
            .statuses
            .iter()
            .filter_map(|s| Some(format!("{}: {}", s.name, s.other_tenant.as_ref()?)))
            .collect();
        if !mixed.is_empty() {
            return Err(format!(
                "these inputs look like different customers, so nothing was explained:\n  {}\n\
                 Explain each customer on its own, or pass --allow-mixed-accounts if they \
                 really are one tenant.",
                mixed.join("\n  ")
            ));
        }
    }
    Ok((loaded, unreadable))
}

/// One message explained, in the chosen format.
fn explain_one(
    cfg: &Config,
    m: &MessageInput,
    at: DateTime<Utc>,
    format: Format,
) -> Result<String, Vec<InputError>> {
    let e = explain::explain(cfg, m, at)?;
    Ok(match format {
        Format::Json => json(serde_json::to_string_pretty(&e)),
        Format::Text => text::render(&e),
    })
}

/// The attack scenarios, in the chosen format: the report's attack-path
/// section (with the findings that explain each result), unchanged.
fn scenarios(loaded: Loaded, at: DateTime<Utc>, format: Format) -> String {
    let report = report_for(
        loaded,
        &Options {
            at: Some(at),
            now: Some(now()),
        },
    );
    match format {
        Format::Json => json(serde_json::to_string_pretty(&report.attack_paths)),
        Format::Text => engine::report::attack_text::render(&report.attack_paths),
    }
}

/// Pretty JSON of engine data (already made), ending in a newline.
fn json(made: serde_json::Result<String>) -> String {
    let mut out = made.expect("plain data");
    out.push('\n');
    out
}

/// Why a message could not be explained, one field a line.
fn cannot_explain(errors: &[InputError]) -> String {
    let mut out = String::from("the message cannot be explained:");
    for e in errors {
        if e.field.is_empty() {
            out.push_str(&format!("\n  {}", e.message));
        } else {
            out.push_str(&format!("\n  {}: {}", e.field, e.message));
        }
    }
    out
}

/// Writes `content` to `output`, or to standard output.
fn emit(output: Option<&Path>, content: &str) -> Result<(), String> {
    match output {
        Some(path) => std::fs::write(path, content)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(content.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the explanation: {e}"))
        }
    }
}
