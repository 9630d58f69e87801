//! The CSV action plan: one row per finding, for a spreadsheet or a ticket
//! import.
//!
//! RFC 4180: comma-separated, CRLF line ends, a field is quoted (`"`, inner
//! quotes doubled) when it holds a comma, quote, CR or LF. UTF-8 without a
//! byte-order mark.
//!
//! Safe to open in a spreadsheet: a cell starting with `=`, `+`, `-`, `@`,
//! tab or carriage return — which a spreadsheet would read as a formula — is
//! prefixed with a single quote `'` (OWASP's advice on CSV injection). Rows
//! follow the app's order; `file` and `path` are those of the finding's
//! first evidence.

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

/// One field: neutralised against formula injection, then quoted if needed.
pub fn cell(value: &str) -> String {
    let mut v = String::with_capacity(value.len() + 3);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.push('\'');
    }
    v.push_str(value);
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
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
}
