//! Looking for tenant data in exports, for the engine's and the CLI's
//! redaction tests: which strings of a bundle are tenant data, and each
//! format's escaping undone so a value cannot hide behind it.

use std::collections::BTreeSet;

use serde_json::Value;

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

/// Keys whose values come from a closed list, are dates, or describe the
/// file format: not tenant data.
const NOT_TENANT: &[&str] = &[
    "format",
    "generator",
    "type",
    "option",
    "fromPart",
    "fromType",
    "toType",
    "status",
    "provider",
    "platform",
    "source",
    "category",
    "auditType",
    "state",
    "mode",
    "action",
    "failAction",
    "softFailAction",
    "level",
    "inboundType",
    "region",
    "spamAction",
    "autoAllowSpamAction",
    "permittedSenderSpamAction",
    "create",
    "modified",
    "start",
    "end",
    "expires",
    "due",
    "acceptedOn",
];

/// Public values the tenant's data names, kept on purpose: providers'
/// domains and ranges, and records made of nothing else.
const PUBLIC: &[&str] = &[
    "spf.protection.outlook.com",
    "_spf.google.com",
    "gmail.com",
    "eu._netblocks.mimecast.com",
    "40.107.0.0/16",
    "209.85.128.0/17",
    "v=spf1 include:eu._netblocks.mimecast.com include:spf.protection.outlook.com -all",
    "v=DMARC1; p=reject",
];

/// Every string of a bundle that is tenant data: every string value (and
/// every key of a keyed section, such as a DNS record's domain or a group
/// id) except closed-list values, dates, public values, and strings with
/// fewer than three letters or digits.
pub fn tenant_strings(bundle: &str) -> BTreeSet<String> {
    fn walk(v: &Value, key: &str, top: bool, out: &mut BTreeSet<String>) {
        match v {
            Value::String(s) => {
                let skip = NOT_TENANT.contains(&key)
                    || key.ends_with("Date")
                    || key.ends_with("Time")
                    || key.ends_with("DateTime")
                    || key == "lastUpdated"
                    || key == "lastReviewed"
                    || key == "generatedAt"
                    || PUBLIC.contains(&s.as_str())
                    || s.chars().filter(|c| c.is_alphanumeric()).count() < 3;
                if !skip {
                    out.insert(s.clone());
                    // And the domains and addresses inside (a DNS record's
                    // includes, an audit event's text).
                    for piece in s.split(|c: char| c.is_whitespace() || ":;=,()[]<>".contains(c)) {
                        if piece.contains(['.', '@'])
                            && !PUBLIC.contains(&piece)
                            && piece.chars().filter(|c| c.is_alphanumeric()).count() >= 3
                        {
                            out.insert(piece.to_string());
                        }
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, key, false, out)),
            Value::Object(o) => {
                for (k, x) in o {
                    if top && (key == "dnsRecords" || key == "groupMembers") {
                        out.insert(k.clone());
                    }
                    // Product codes and names are Mimecast's own.
                    if key != "product" {
                        walk(x, k, key.is_empty(), out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&serde_json::from_str(bundle).unwrap(), "", false, &mut out);
    out
}
