//! Dates as Mimecast writes them.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The earliest year a date may have (in UTC).
const MIN_YEAR: i32 = 1000;
/// The latest year a date may have (in UTC).
const MAX_YEAR: i32 = 9999;

/// A text that is not a date; the message says which text and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

/// Parses `2015-11-16T14:49:18+0000`, RFC 3339 (`Z`, `+00:00`, fractions),
/// a naive date-time, or a plain `YYYY-MM-DD` (midnight UTC).
///
/// The year, once in UTC, must be from 1000 to 9999: four digits, so that
/// every date read can be written back as RFC 3339 (which has room for
/// neither a sign nor a fifth digit); the error names the bounds.
pub fn parse_date(text: &str) -> Result<DateTime<Utc>, DateError> {
    let t = text.trim();
    let d = parse_any(t)?;
    if (MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        Ok(d)
    } else {
        Err(DateError(format!(
            "`{t}` is out of range: dates must fall in the years {MIN_YEAR} to {MAX_YEAR} (UTC)"
        )))
    }
}

fn parse_any(t: &str) -> Result<DateTime<Utc>, DateError> {
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, fmt) {
            return Ok(d.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(Utc.from_utc_datetime(&d));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists")));
    }
    Err(DateError(format!(
        "`{t}` is not a date (expected e.g. 2025-03-02T10:11:12+0000, RFC 3339, or 2025-03-02)"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd_hms(s: &str) -> String {
        parse_date(s)
            .unwrap()
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    }

    #[test]
    fn accepts_every_documented_format() {
        assert_eq!(ymd_hms("2015-11-16T14:49:18+0000"), "2015-11-16 14:49:18");
        assert_eq!(ymd_hms("2015-11-16T14:49:18+0100"), "2015-11-16 13:49:18");
        assert_eq!(ymd_hms("2015-11-16T14:49:18Z"), "2015-11-16 14:49:18");
        assert_eq!(
            ymd_hms("2015-11-16T14:49:18.250+00:00"),
            "2015-11-16 14:49:18"
        );
        assert_eq!(ymd_hms("2015-11-16"), "2015-11-16 00:00:00");
        assert_eq!(ymd_hms(" 2015-11-16T14:49:18 "), "2015-11-16 14:49:18");
    }

    #[test]
    fn bounds_the_year_so_every_date_is_rfc_3339() {
        for bad in [
            "-0001-01-01",
            "+10000-01-01",
            "0999-12-31",
            "0000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00",
            "-2024-05-01 10:00:00+0000",
            "1000-01-01T00:30:00+01:00",
            "9999-12-31T23:30:00-01:00",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert!(
                err.0.contains("1000 to 9999") && err.0.contains(bad.trim()),
                "{bad}: {}",
                err.0
            );
        }
        for good in [
            "1000-01-01",
            "9999-12-31T23:59:59Z",
            "1900-01-01T00:00:00+0000",
        ] {
            let d = parse_date(good).unwrap();
            let text = d.to_rfc3339();
            assert!(DateTime::parse_from_rfc3339(&text).is_ok(), "{text}");
        }
    }

    #[test]
    fn rejects_non_dates_with_the_value() {
        let err = parse_date("next tuesday").unwrap_err();
        assert!(err.0.contains("next tuesday"));
        assert!(parse_date("2015-13-40").is_err());
    }
}
