//! TXT-record handling shared by both parsers: splitting what an
//! administrator pasted into one record per line, and undoing the quoting and
//! escapes that DNS tools print.

/// The TXT records in a pasted value: one per line. A line written as quoted
/// character strings (`"v=spf1 …" "… -all"`) is unquoted and its strings are
/// joined without a separator, as DNS clients do; the owner/TTL/class prefix
/// of full `dig` output (`example.com. 300 IN TXT "…"`) is dropped.
pub fn txt_records(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        let record = if line.starts_with('"') {
            unquote(line)
        } else if let Some(q) = line.find('"').filter(|q| {
            line[..*q]
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("TXT"))
        }) {
            unquote(&line[q..])
        } else {
            line.to_string()
        };
        let record = record.trim().to_string();
        if !record.is_empty() {
            out.push(record);
        }
    }
    out
}

/// Joins the quoted character strings of one line, resolving `\"`, `\\` and
/// `\DDD` escapes. Text outside quotes (other than spaces) is kept as is; an
/// unterminated string runs to the end of the line.
fn unquote(line: &str) -> String {
    let mut bytes: Vec<u8> = Vec::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    fn push(bytes: &mut Vec<u8>, c: char) {
        let mut buf = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (_, '"') => quoted = !quoted,
            (false, c) if c.is_whitespace() => {}
            (true, '\\') => {
                let digits: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_digit))
                    .take(3)
                    .collect();
                if digits.len() == 3 {
                    match digits
                        .parse::<u16>()
                        .ok()
                        .and_then(|n| u8::try_from(n).ok())
                    {
                        Some(b) => bytes.push(b),
                        None => digits.chars().for_each(|d| push(&mut bytes, d)),
                    }
                } else if !digits.is_empty() {
                    digits.chars().for_each(|d| push(&mut bytes, d));
                } else if let Some(next) = chars.next() {
                    push(&mut bytes, next);
                }
            }
            (_, c) => push(&mut bytes, c),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_lines_quotes_and_dig_prefixes() {
        assert_eq!(txt_records("v=spf1 -all"), vec!["v=spf1 -all"]);
        assert_eq!(
            txt_records("\"v=spf1 include:_spf.google.com \" \"~all\""),
            vec!["v=spf1 include:_spf.google.com ~all"]
        );
        assert_eq!(
            txt_records("example.com. 300 IN TXT \"v=spf1 mx -all\""),
            vec!["v=spf1 mx -all"]
        );
        assert_eq!(txt_records("\"a\\\"b\\\\c\\059d\""), vec!["a\"b\\c;d"]);
        assert_eq!(
            txt_records("\"unterminated v=spf1"),
            vec!["unterminated v=spf1"]
        );
        assert_eq!(
            txt_records("\r\n  \n\"google-site-verification=abc\"\r\n\"v=spf1 -all\"\r\n"),
            vec!["google-site-verification=abc", "v=spf1 -all"]
        );
        assert!(txt_records("").is_empty());
        assert!(txt_records("\"\"").is_empty());
        // Text that merely mentions TXT without quotes is a record as is.
        assert_eq!(txt_records("TXT records"), vec!["TXT records"]);
    }
}
