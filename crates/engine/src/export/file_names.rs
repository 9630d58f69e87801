//! The names exports are saved under: `<customer>-<date>-audit.<ext>`,
//! e.g. `contoso-ltd-2026-12-01-audit.html`.

use super::{ExportOptions, Format};
use crate::report::Report;

/// The longest customer part of a file name, in characters.
pub const MAX_SLUG: usize = 48;

/// `name` as a file-name part: lower-case ASCII letters and digits, words
/// joined by single hyphens ("Contoso Ltd." → `contoso-ltd`). Accented
/// Latin letters lose their accents (`Müller & Söhne` → `muller-sohne`,
/// `ß` → `ss`); other characters separate words. At most [`MAX_SLUG`]
/// characters, cut at a word boundary when there is one. Empty when nothing
/// usable is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if out.len() > MAX_SLUG {
        let cut = &out[..MAX_SLUG];
        let end = match (out.as_bytes()[MAX_SLUG] == b'-', cut.rfind('-')) {
            (true, _) => MAX_SLUG,
            (false, Some(i)) if i >= MAX_SLUG / 2 => i,
            _ => MAX_SLUG,
        };
        out.truncate(end);
    }
    out
}

/// Accented Latin letters without their accents; anything else as it is.
fn fold(c: char) -> impl Iterator<Item = char> {
    let plain: &str = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è'..='ë' | 'ē' | 'ę' | 'ě' => "e",
        'È'..='Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ì'..='ï' | 'ī' | 'ı' => "i",
        'Ì'..='Ï' | 'Ī' | 'İ' => "I",
        'ł' | 'ľ' => "l",
        'Ł' | 'Ľ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' => "r",
        'Ř' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'þ' => "th",
        'ð' => "d",
        _ => "",
    };
    let one = plain.is_empty().then_some(c);
    one.into_iter().chain(plain.chars())
}

/// The day an export is of, for its file name: the export's date when it
/// is a `YYYY-MM-DD` day, else the analysis day; a date typed as free text
/// is slugged.
fn day(report: &Report, opts: &ExportOptions) -> String {
    let date = opts.date_for(report);
    match super::dates::parse_day(&date) {
        Some((y, m, d)) => format!("{y:04}-{m:02}-{d:02}"),
        None => slug(&date),
    }
}

/// The file name an export is saved under: `<customer>-<date>-audit.<ext>`
/// (`contoso-ltd-2026-12-01-audit.csv`); with no customer named
/// ([`super::handover::customer_named`]) `mimecast-audit-<date>.<ext>`;
/// redacted `customer-redacted-<date>-audit.<ext>`, never the real name.
pub fn file_name(format: Format, report: &Report, opts: &ExportOptions) -> String {
    let day = day(report, opts);
    let ext = format.extension();
    let dated = |stem: &str| match day.as_str() {
        "" => stem.to_string(),
        d => format!("{stem}-{d}"),
    };
    let customer = super::handover::customer_named(&opts.customer)
        .map(slug)
        .filter(|s| !s.is_empty());
    match customer {
        _ if opts.redact => format!("{}-audit.{ext}", dated("customer-redacted")),
        Some(c) => format!("{}-audit.{ext}", dated(&c)),
        None => format!("{}.{ext}", dated("mimecast-audit")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(analysis_date: &str) -> Report {
        let mut r = Report::new(
            chrono::DateTime::UNIX_EPOCH,
            &crate::model::Config::default(),
            vec![],
            vec![],
        );
        r.analysis_date = analysis_date.to_string();
        r
    }

    fn name(customer: &str, date: &str, redact: bool) -> String {
        let opts = ExportOptions {
            customer: customer.into(),
            date: date.into(),
            redact,
            ..ExportOptions::default()
        };
        file_name(Format::Html, &report("2026-11-20T10:00:00Z"), &opts)
    }

    #[test]
    fn customer_date_and_audit() {
        assert_eq!(
            name("Contoso Ltd.", "2026-12-01", false),
            "contoso-ltd-2026-12-01-audit.html"
        );
        // No export date: the analysis day.
        assert_eq!(
            name("Contoso Ltd.", "", false),
            "contoso-ltd-2026-11-20-audit.html"
        );
        let opts = ExportOptions {
            customer: "Contoso".into(),
            ..ExportOptions::default()
        };
        let r = report("2026-11-20T10:00:00Z");
        assert_eq!(
            file_name(Format::Csv, &r, &opts),
            "contoso-2026-11-20-audit.csv"
        );
        assert_eq!(
            file_name(Format::Markdown, &r, &opts),
            "contoso-2026-11-20-audit.md"
        );
    }

    #[test]
    fn no_customer_and_redacted_never_name_anyone() {
        for unnamed in ["", "   ", "Untitled assessment", "!!!", "日本語"] {
            assert_eq!(
                name(unnamed, "2026-12-01", false),
                "mimecast-audit-2026-12-01.html",
                "{unnamed:?}"
            );
        }
        for customer in ["Contoso Ltd.", "", "Untitled assessment"] {
            assert_eq!(
                name(customer, "2026-12-01", true),
                "customer-redacted-2026-12-01-audit.html"
            );
        }
    }

    #[test]
    fn odd_names_become_safe_readable_slugs() {
        assert_eq!(slug("Contoso Ltd."), "contoso-ltd");
        assert_eq!(slug("Müller & Söhne GmbH"), "muller-sohne-gmbh");
        assert_eq!(slug("Straße 5 / Café"), "strasse-5-cafe");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("a\\b:c*d?e\"f<g>h|i"), "a-b-c-d-e-f-g-h-i");
        assert_eq!(slug("  --Acme--  "), "acme");
        assert_eq!(slug("Ünïcødé 日本 Corp"), "unicode-corp");
        assert_eq!(slug("\u{202e}evil\u{0}name"), "evil-name");
        assert_eq!(slug(""), "");
        let long = "Northwind Traders International Holding and Logistics Group of Companies";
        let s = slug(long);
        assert!(s.len() <= MAX_SLUG, "{s}");
        assert_eq!(s, "northwind-traders-international-holding-and");
        assert_eq!(slug(&"x".repeat(200)), "x".repeat(MAX_SLUG));
        for s in [slug(long), slug("../a/b"), slug("Ünïcødé")] {
            assert!(s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
        }
    }

    #[test]
    fn a_date_typed_as_text_is_slugged_too() {
        assert_eq!(name("Acme", "Q4 / 2026", false), "acme-q4-2026-audit.html");
        assert_eq!(
            name("Acme", "2026-12-01T09:00:00Z", false),
            "acme-2026-12-01-audit.html"
        );
    }
}
