//! Undoing each export format's escaping, for tests that look for a value
//! in any format's output (shared by the engine's and the CLI's tests).

/// `out` with every format's escaping undone (JSON, HTML, Markdown, CSV,
/// percent-encoding), so a value cannot hide from the check behind it.
pub fn unescaped(out: &str) -> String {
    let mut s = out
        .replace("\\\\", "\u{0}")
        .replace("\\\"", "\"")
        .replace("\\/", "/");
    for (from, to) in [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&amp;", "&"),
        ("\"\"", "\""),
    ] {
        s = s.replace(from, to);
    }
    // Markdown's backslashes before punctuation.
    let mut md = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        md.push(c);
    }
    // Percent-encoding (SARIF's artifact URIs).
    let b = md.replace('\u{0}', "\\").into_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |x: u8| (x as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&x| hex(x)),
            b.get(i + 2).and_then(|&x| hex(x)),
        ) {
            (b'%', Some(h), Some(l)) => {
                bytes.push((h * 16 + l) as u8);
                i += 3;
            }
            (x, _, _) => {
                bytes.push(x);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
