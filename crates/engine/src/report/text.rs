//! Plain-text rendering of a report, for terminals and CI logs.

use std::fmt::Write;

use super::{Report, Status};

/// The report as plain text, for terminals and CI logs.
pub fn render_text(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Mimecast configuration audit ({}) - analysis date {}",
        r.generator, r.analysis_date
    );
    let _ = writeln!(out, "\nInputs");
    for i in &r.inputs {
        match &i.error {
            Some(e) => {
                let _ = writeln!(out, "  ERROR {}: {e}", i.name);
            }
            None => {
                let _ = writeln!(out, "  ok    {} ({})", i.name, i.sections.join(", "));
            }
        }
        for w in &i.warnings {
            let _ = writeln!(out, "        warning: {w}");
        }
        for n in &i.notes {
            let _ = writeln!(out, "        note: {n}");
        }
    }
    let s = &r.summary;
    let _ = writeln!(
        out,
        "\nResults: {} failed, {} passed, {} not assessed ({} findings)",
        s.failed, s.passed, s.not_assessed, s.findings
    );
    for res in &r.results {
        let tag = match res.status {
            Status::Fail => "FAIL",
            Status::Pass => "pass",
            Status::NotAssessed => "n/a ",
        };
        let _ = writeln!(
            out,
            "\n{tag}  {} [{}] {} - {}",
            res.code,
            res.severity.as_str(),
            res.name,
            res.title
        );
        if res.status == Status::NotAssessed {
            let keys: Vec<&str> = res
                .missing_sections
                .iter()
                .map(|m| m.key.as_str())
                .collect();
            let _ = writeln!(out, "      not assessed: missing {}", keys.join(", "));
        }
        for f in &res.findings {
            let _ = writeln!(out, "    - {}", f.message);
            for e in &f.evidence {
                let _ = writeln!(out, "        {}: {} = {}", e.file, e.path, e.value);
            }
        }
        if res.status == Status::Fail {
            let fix = crate::doc::plain(&res.fix);
            let mut lines = fix.lines();
            let _ = writeln!(out, "      fix: {}", lines.next().unwrap_or_default());
            for line in lines {
                let _ = writeln!(out, "{}", format!("        {line}").trim_end());
            }
        }
    }
    out
}
