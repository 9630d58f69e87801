//! The CSV action plan: one row per finding, numbered in the one priority
//! order ([`super::priority()`]), for a spreadsheet or a ticket import.
//!
//! Columns ([`COLUMNS`]): the priority (1, 2, 3 …); the rule's code and
//! one-line title; the finding's severity; the object, by a readable name
//! with its key beside it when the report gives one ([`object_label`]); the
//! action (the first paragraph of the rule's "How to fix it" as plain text,
//! [`super::recommendation`]: what to do, not the problem); the console path
//! and the effort the rule declares; the owner and due date
//! ([`super::handover::owner_and_due`]); the status (`open` or `accepted`); the first
//! evidence as `file at path: value`; the finding key; the rule's CIS v8
//! safeguards and NIST 800-53 controls (`9.5 (partial), 4.1`); then the
//! provenance, the same on every row; last, the attack paths the finding
//! opens (`opens attack path SC2 on example.com (yes)`, `; `-separated,
//! empty when none: see [`super::attack_paths`]). The scenario results
//! themselves are not rows: the action plan stays one row per finding, and
//! the full section is in the other formats.
//!
//! RFC 4180: comma-separated, CRLF line ends, a field is quoted (`"`, inner
//! quotes doubled) when it holds a comma, quote, CR or LF. UTF-8 with a
//! byte-order mark, so a spreadsheet on Windows reads it as UTF-8 (curly
//! quotes and accents intact).
//!
//! Safe to open in a spreadsheet (OWASP's advice on CSV injection, taken
//! further): a cell is prefixed with a single quote `'`, so a spreadsheet
//! reads it as text, when it starts with a tab, carriage return or line
//! feed, or when its first visible character — after any leading
//! whitespace, control characters, byte-order mark or other invisible
//! characters, which spreadsheets may skip — starts a formula: `=`, `+`,
//! `-`, `@` in any width (full-width `＝＋－＠`, small `﹦﹢﹣﹫`) and the
//! minus sign `−`. Control characters other than line breaks and tab, and
//! invisible formatting characters such as bidirectional-text controls, are
//! written as visible escapes (`\u{1b}`, `\u{202e}`), as in the text report.

use std::borrow::Cow;

use super::ExportOptions;
use crate::report::{FindingReport, Report};
use crate::rules::controls::{ControlReport, Framework};

/// The byte-order mark the file starts with.
pub const BOM: char = '\u{FEFF}';

/// The columns, in order.
pub const COLUMNS: [&str; 19] = [
    "priority",
    "code",
    "title",
    "severity",
    "object",
    "action",
    "console path",
    "effort",
    "owner",
    "due date",
    "status",
    "evidence",
    "key",
    "CIS v8",
    "NIST 800-53",
    "analysis date",
    "analysed with",
    "input files",
    "attack paths",
];

/// The action plan as CSV: the byte-order mark, the header, then one row
/// per finding in priority order.
pub fn render(report: &Report, opts: &ExportOptions) -> String {
    let (r, _) = super::prepare(report, opts);
    let mut out = String::from(BOM);
    row(&mut out, COLUMNS.iter().copied());
    let (with, files) = provenance_cells(&r.provenance);
    for p in super::handover::plan(&r) {
        let f = p.finding;
        let evidence = f
            .evidence
            .first()
            .map(|e| format!("{} at {}: {}", e.file, e.path, e.value))
            .unwrap_or_default();
        row(
            &mut out,
            [
                p.number.to_string().as_str(),
                p.result.code.as_str(),
                p.result.title.as_str(),
                f.severity.as_str(),
                p.object.as_str(),
                p.action.as_str(),
                p.console,
                p.effort.as_str(),
                p.owner.as_str(),
                p.due.as_str(),
                super::state_str(f.state),
                evidence.as_str(),
                f.key.as_str(),
                controls_cell(&p.result.controls, Framework::Cis).as_str(),
                controls_cell(&p.result.controls, Framework::Nist).as_str(),
                r.analysis_date.as_str(),
                with.as_str(),
                files.as_str(),
                super::attack_paths::csv_cell(&r.attack_paths, &f.key).as_str(),
            ],
        );
    }
    out
}

/// The rule's controls in one framework: `9.5 (partial), 4.1`.
fn controls_cell(controls: &[ControlReport], framework: Framework) -> String {
    controls
        .iter()
        .filter(|c| c.framework == framework)
        .map(|c| {
            if c.partial {
                format!("{} (partial)", c.id)
            } else {
                c.id.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The provenance columns, the same on every row: tool and catalog
/// (`mimecast-audit 0.1.0, rule catalog 2026.1 (36 rules, sha-…)`), and
/// each input file as `name (sha256 …)`, separated by `; `.
fn provenance_cells(p: &crate::report::Provenance) -> (String, String) {
    if p.tool.is_empty() {
        return Default::default();
    }
    let with = format!(
        "{} {}, rule catalog {} ({} rules, {})",
        p.tool, p.tool_version, p.catalog_version, p.rules, p.catalog_fingerprint
    );
    let files = p
        .files
        .iter()
        .map(|f| format!("{} (sha256 {})", f.name, f.sha256))
        .collect::<Vec<_>>()
        .join("; ");
    (with, files)
}

/// The object of a finding for people: `“Name” (key)` when the finding
/// names a record by its id (a policy, definition or group) and its message
/// gives the record's name, else the object key alone. The name is the text
/// in curly quotes that the message follows with the id in brackets
/// (`Definition “Executives” (def-imp-executives)`); failing that, when the
/// message does not mention the id at all, the first text in curly quotes
/// (`Anti-spoofing policy “Partners” trusts …`). A message that mentions
/// the id elsewhere quotes some other record's name, so it gives none. Keys
/// that are readable already (domains, addresses, names, section keys,
/// pairs of policies) are shown as they are.
pub fn object_label(f: &FindingReport, sections: &[&str]) -> String {
    let base = f.object.split('#').next().unwrap_or_default();
    let opaque =
        !base.is_empty() && !base.contains(['.', ' ', '@', ':', '+']) && !sections.contains(&base);
    if !opaque {
        return f.object.clone();
    }
    let quoted = || {
        f.message.split('\u{201C}').skip(1).filter_map(|rest| {
            let (name, after) = rest.split_once('\u{201D}')?;
            Some((name.trim(), after))
        })
    };
    let name = quoted()
        .find(|(_, after)| after.starts_with(&format!(" ({base}")))
        .or_else(|| quoted().next().filter(|_| !f.message.contains(base)))
        .map(|(name, _)| name)
        .filter(|n| !n.is_empty() && *n != f.object);
    match name {
        Some(n) => format!("\u{201C}{n}\u{201D} ({})", f.object),
        None => f.object.clone(),
    }
}

fn row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell(c));
    }
    out.push_str("\r\n");
}

/// One field: control characters escaped, neutralised against formula
/// injection, then quoted if needed.
pub fn cell(value: &str) -> String {
    let mut v = String::with_capacity(value.len() + 3);
    if starts_formula(value) {
        v.push('\'');
    }
    v.push_str(&visible(value));
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// Characters a spreadsheet reads as the start of a formula, in every
/// width Unicode has them.
const FORMULA_STARTS: [char; 13] = [
    '=', '+', '-', '@', // ASCII
    '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', // full width ＝＋－＠
    '\u{FE66}', '\u{FE62}', '\u{FE63}', '\u{FE6B}', // small ﹦﹢﹣﹫
    '\u{2212}', // minus sign −
];

/// Whether a spreadsheet could take `value` for a formula: it starts with a
/// tab, CR or LF, or its first visible character is a formula start.
pub fn starts_formula(value: &str) -> bool {
    if value.starts_with(['\t', '\r', '\n']) {
        return true;
    }
    value
        .chars()
        .find(|c| !skipped(*c))
        .is_some_and(|c| FORMULA_STARTS.contains(&c))
}

/// What may stand before a formula without showing: whitespace of any kind,
/// control characters, invisible formatting characters (byte-order mark,
/// zero-width characters and joiners, bidirectional controls), variation
/// selectors, the combining grapheme joiner and blank fillers.
fn skipped(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || crate::report::is_invisible(c)
        || matches!(
            c,
            '\u{034F}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// `value` with control characters (except CR, LF and tab, which CSV keeps
/// in quoted fields) and invisible formatting characters
/// ([`crate::report::is_invisible`]) written as visible escapes.
fn visible(value: &str) -> Cow<'_, str> {
    let hidden = |c: char| {
        !matches!(c, '\r' | '\n' | '\t') && (c.is_control() || crate::report::is_invisible(c))
    };
    if !value.chars().any(hidden) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    let mut rest = value;
    while let Some(i) = rest.find(['\r', '\n', '\t']) {
        out.push_str(&crate::report::escape_controls(&rest[..i]));
        out.push_str(&rest[i..i + 1]);
        rest = &rest[i + 1..];
    }
    out.push_str(&crate::report::escape_controls(rest));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{cell, object_label};
    use crate::report::{FindingReport, FindingState};
    use crate::rules::{Confidence, Severity};

    fn label(object: &str, message: &str) -> String {
        let f = FindingReport {
            severity: Severity::High,
            message: message.into(),
            object: object.into(),
            confidence: Confidence::High,
            evidence: vec![],
            key: format!("ASP004:{object}"),
            state: FindingState::Open,
            acceptance: None,
            assignment: None,
        };
        object_label(&f, &["impersonationPolicies"])
    }

    #[test]
    fn objects_named_by_id_get_the_name_the_message_gives() {
        let q = |s: &str| format!("\u{201C}{s}\u{201D}");
        // The first quoted name, when the message does not mention the id.
        assert_eq!(
            label(
                "eNo1x#10.0.0.0/8",
                &format!("Bypass {} trusts {}", q("Relays"), q("x"))
            ),
            format!("{} (eNo1x#10.0.0.0/8)", q("Relays"))
        );
        // The name the id follows in brackets, wherever it is.
        assert_eq!(
            label(
                "def-b",
                &format!("Policy {} uses definition {} (def-b)", q("P"), q("D"))
            ),
            format!("{} (def-b)", q("D"))
        );
        // The id mentioned elsewhere: the quoted name is another record's.
        assert_eq!(
            label(
                "def-gone",
                &format!("Policy {} selects definition def-gone", q("P"))
            ),
            "def-gone"
        );
        // Readable keys, sections and pairs stay as they are; so does an id
        // the message names no record for.
        for object in [
            "a.example",
            "impersonationPolicies",
            "p1+p2",
            "managed:x@y",
            "p1",
        ] {
            let message = format!("{} is wrong", q("Name"));
            let want = if object == "p1" {
                format!("{} (p1)", q("Name"))
            } else {
                object.to_string()
            };
            assert_eq!(label(object, &message), want, "{object}");
        }
        assert_eq!(label("p1", "policy p1 has no narrative"), "p1");
        assert_eq!(label("Name", &format!("{} is wrong", q("Name"))), "Name");
    }

    #[test]
    fn quotes_and_neutralises() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\rx"), "\"'\rx\"");
        assert_eq!(cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn neutralises_formulas_behind_invisible_prefixes_and_in_any_width() {
        for prefix in [
            "", "\u{feff}", " ", "\u{a0}", "\u{3000}", "\u{200b}", "\u{202e}", " \t",
        ] {
            for start in ["=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "−"] {
                let value = format!("{prefix}{start}1+1");
                assert!(cell(&value).starts_with(['\'', '"']), "{value:?}");
                assert!(cell(&value).trim_start_matches('"').starts_with('\''));
            }
        }
        assert_eq!(cell("\nx"), "\"'\nx\"");
        assert_eq!(cell("\u{feff}=1"), "'\\u{feff}=1");
        assert_eq!(cell("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(cell(" 1-2"), " 1-2");
        assert_eq!(cell("\u{feff}x"), "\\u{feff}x");
    }
}
