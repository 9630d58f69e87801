//! Dates for people: `2026-12-01` (or `2026-12-01T10:00:00Z`) becomes
//! "1 December 2026", the one form every hand-over export shows.

/// English month names, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The calendar day `(year, month, day)` a text starts with, when it starts
/// with a valid `YYYY-MM-DD` (anything after it, such as a time, is
/// ignored).
pub fn parse_day(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.trim();
    let day = s.get(..10)?;
    if s.len() > 10 && !s[10..].starts_with(['T', ' ', 't']) {
        return None;
    }
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = &day[r];
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

/// `2026-12-01` as "1 December 2026"; a text that is not such a date is
/// returned as given (trimmed): it is what the person typed.
pub fn human_date(s: &str) -> String {
    match parse_day(s) {
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        None => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_and_timestamps_read_as_one_human_date() {
        assert_eq!(human_date("2026-12-01"), "1 December 2026");
        assert_eq!(human_date("2026-11-20T10:00:00Z"), "20 November 2026");
        assert_eq!(human_date(" 2027-01-31 "), "31 January 2027");
        assert_eq!(human_date("2024-02-29"), "29 February 2024");
    }

    #[test]
    fn anything_else_is_kept_as_typed() {
        for s in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-1",
            "Q4 review",
            "",
            "2026-12-01x",
            "2026/12/01",
            "２０２６-12-01",
        ] {
            assert_eq!(human_date(s), s.trim(), "{s:?}");
        }
        assert_eq!(parse_day("1900-02-29"), None);
        assert_eq!(parse_day("2000-02-29"), Some((2000, 2, 29)));
    }
}
