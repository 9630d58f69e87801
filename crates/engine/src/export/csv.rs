//! The CSV action plan: one row per finding, for a spreadsheet or a ticket
//! import.
//!
//! RFC 4180: comma-separated, CRLF line ends, a field is quoted (`"`, inner
//! quotes doubled) when it holds a comma, quote, CR or LF. UTF-8 without a
//! byte-order mark.
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
//! Rows follow the app's order; `file` and `path` are those of the finding's
//! first evidence.

use std::borrow::Cow;

use super::ExportOptions;
use crate::report::Report;

/// The columns, in order.
pub const COLUMNS: [&str; 11] = [
    "code",
    "severity",
    "area",
    "object",
    "message",
    "recommendation",
    "state",
    "confidence",
    "file",
    "path",
    "key",
];

/// The action plan as CSV.
pub fn render(report: &Report, opts: &ExportOptions) -> String {
    let (r, _) = super::prepare(report, opts);
    let mut out = String::new();
    row(&mut out, COLUMNS.iter().copied());
    for x in super::ordered_flat(&r) {
        let recommendation = super::recommendation(&x.fix);
        for f in &x.findings {
            let first = f.evidence.first();
            row(
                &mut out,
                [
                    x.code.as_str(),
                    f.severity.as_str(),
                    x.area.as_str(),
                    f.object.as_str(),
                    f.message.as_str(),
                    recommendation.as_str(),
                    super::state_str(f.state),
                    super::confidence_str(f.confidence),
                    first.map(|e| e.file.as_str()).unwrap_or(""),
                    first.map(|e| e.path.as_str()).unwrap_or(""),
                    f.key.as_str(),
                ],
            );
        }
    }
    out
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
    use super::cell;

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
