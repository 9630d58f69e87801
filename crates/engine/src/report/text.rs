//! Plain-text rendering of a report, for terminals and CI logs.
//!
//! Every string that ends up in the text goes through [`escape_controls`]
//! first: the tenant's data (file names, descriptions, group names, error
//! messages quoting the input) reaches a terminal only as visible text, so a
//! hostile file can neither send escape sequences (colours, cursor moves,
//! window titles, bells) nor start a line of its own that looks like part of
//! the report.

use std::borrow::Cow;
use std::fmt::Write;

use super::{Report, Status};

/// The report as plain text, for terminals and CI logs.
pub fn render_text(r: &Report) -> String {
    let e = escape_controls;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Mimecast configuration audit ({}) - analysis date {}",
        e(&r.generator),
        e(&r.analysis_date)
    );
    let _ = writeln!(out, "\nInputs");
    for i in &r.inputs {
        match (&i.error, &i.looks_like) {
            (Some(err), _) => {
                let _ = writeln!(out, "  ERROR {}: {}", e(&i.name), e(err));
            }
            (None, Some(call)) => {
                let _ = writeln!(
                    out,
                    "  n/a   {}: not analysed, looks like {}",
                    e(&i.name),
                    e(call)
                );
            }
            (None, None) if i.sections.is_empty() => {
                let _ = writeln!(out, "  ok    {}", e(&i.name));
            }
            (None, None) => {
                let _ = writeln!(
                    out,
                    "  ok    {} ({})",
                    e(&i.name),
                    e(&i.sections.join(", "))
                );
            }
        }
        for w in &i.warnings {
            let _ = writeln!(out, "        warning: {}", e(w));
        }
        for n in &i.notes {
            let _ = writeln!(out, "        note: {}", e(n));
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
            e(&res.code),
            res.severity.as_str(),
            e(&res.name),
            e(&res.title)
        );
        if res.status == Status::NotAssessed {
            let keys: Vec<&str> = res
                .missing_sections
                .iter()
                .filter(|m| m.reason.is_none())
                .map(|m| m.key.as_str())
                .collect();
            let mut why: Vec<String> = Vec::new();
            if !keys.is_empty() {
                why.push(format!("missing {}", keys.join(", ")));
            }
            for m in &res.missing_sections {
                if let Some(reason) = &m.reason {
                    why.push(format!("{} {reason}", m.key));
                }
            }
            let _ = writeln!(out, "      not assessed: {}", e(&why.join("; ")));
        }
        for f in &res.findings {
            let _ = writeln!(out, "    - {}", e(&f.message));
            for ev in &f.evidence {
                let _ = writeln!(
                    out,
                    "        {}: {} = {}",
                    e(&ev.file),
                    e(&ev.path),
                    e(&ev.value)
                );
            }
        }
        if res.status == Status::Fail {
            let fix = crate::doc::plain(&res.fix);
            let mut lines = fix.lines();
            let _ = writeln!(out, "      fix: {}", e(lines.next().unwrap_or_default()));
            for line in lines {
                let _ = writeln!(out, "{}", format!("        {}", e(line)).trim_end());
            }
        }
    }
    super::attack_text::text(&mut out, &r.attack_paths);
    write_provenance(&mut out, &r.provenance);
    out
}

/// The provenance block: tool, catalog and date, then one line per input
/// file as `sha256sum` prints it (hash, two spaces, name) with its size.
fn write_provenance(out: &mut String, p: &super::Provenance) {
    if p.tool.is_empty() {
        return; // a report read back from JSON written before provenance
    }
    let e = escape_controls;
    let _ = writeln!(out, "\nProvenance\n  {}", e(&p.summary()));
    for f in &p.files {
        let _ = writeln!(out, "  {}  {} ({} bytes)", f.sha256, e(&f.name), f.bytes);
    }
}

/// `s` safe to print on a terminal: every control character (C0 including
/// line breaks and tab, DEL, C1) and every invisible formatting character
/// ([`is_invisible`]: bidirectional controls, line separators, zero-width
/// characters …) is written as a visible escape, `\n`, `\r`, `\t`, `\0` or
/// `\u{…}` (as Rust writes them). Everything else, the backslash included,
/// is kept as it is. Borrowed when nothing needs escaping.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() || is_invisible(c);
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters that take no room on screen yet change how text around them
/// is shown or read: bidirectional controls (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069), zero-width characters (U+200B,
/// U+2060–U+2064, U+FEFF byte-order mark), the line and paragraph
/// separators (U+2028, U+2029), the soft hyphen U+00AD, the Mongolian vowel
/// separator U+180E, deprecated format characters (U+206A–U+206F),
/// interlinear annotation controls (U+FFF9–U+FFFB) and the tag characters
/// (U+E0000–U+E007F). Not included: the zero-width joiner
/// and non-joiner (U+200C, U+200D), which scripts and emoji need, and the
/// control characters (test those with [`char::is_control`]).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_visibly_and_keeps_the_rest() {
        assert!(matches!(escape_controls("plain é ✓ \\"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\u{1b}[31mred\u{7}\0\n\r\tz"),
            "a\\u{1b}[31mred\\u{7}\\0\\n\\r\\tz"
        );
        assert_eq!(
            escape_controls("\u{7f}\u{85}\u{9b}\u{202e}gpj.exe\u{2028}\u{feff}"),
            "\\u{7f}\\u{85}\\u{9b}\\u{202e}gpj.exe\\u{2028}\\u{feff}"
        );
    }
}
