//! MX records as an administrator collected them: `dig +short MX` text,
//! full `dig` answer lines, a list of such strings, or a list of objects
//! (`{preference|priority, exchange|hostname|host}`, or PowerShell's
//! `Resolve-DnsName` output with `Preference` and `NameExchange`).

use serde_json::{Map, Value};

use crate::model::{MxRecord, MxSet};

/// Reads a domain's `mx` value. Entries that are not MX records are kept
/// in [`MxSet::unreadable`]; a value of the wrong kind (a number, an object)
/// is an error. `""` and `[]` mean "looked up, no MX published".
pub fn mx_records(value: &Value) -> Result<MxSet, String> {
    let mut set = MxSet::default();
    match value {
        Value::String(text) => lines(text, &mut set),
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(text) => lines(text, &mut set),
                    Value::Object(obj) => match object(obj) {
                        Some(r) => set.records.push(r),
                        None => set.unreadable.push(item.to_string()),
                    },
                    other => set.unreadable.push(other.to_string()),
                }
            }
        }
        Value::Object(obj) => match object(obj) {
            // One record given as an object on its own.
            Some(r) => set.records.push(r),
            None => return Err("expected MX records (text or a list), found an object".into()),
        },
        Value::Null => {}
        other => {
            return Err(format!(
                "expected MX records (text or a list), found {}",
                if other.is_number() {
                    "a number"
                } else {
                    "a boolean"
                }
            ))
        }
    }
    Ok(set)
}

/// A host name as compared: lowercase, no trailing dot; `.` (null MX) is
/// empty.
pub fn mx_host(host: &str) -> String {
    host.trim().trim_end_matches('.').to_ascii_lowercase()
}

fn lines(text: &str, set: &mut MxSet) {
    for line in text.lines() {
        let line = line.trim().trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with(';') {
            continue;
        }
        match line_record(line) {
            Some(r) => set.records.push(r),
            None => set.unreadable.push(line.to_string()),
        }
    }
}

/// `10 host.` or `example.com. 300 IN MX 10 host.`.
fn line_record(line: &str) -> Option<MxRecord> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let rest = match words.iter().position(|w| w.eq_ignore_ascii_case("MX")) {
        Some(i) => &words[i + 1..],
        None => &words[..],
    };
    match rest {
        [pref, host] => Some(MxRecord {
            preference: pref.parse().ok()?,
            host: host_of(host)?,
        }),
        _ => None,
    }
}

fn host_of(host: &str) -> Option<String> {
    let h = mx_host(host);
    let ok = h
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    (ok && (!h.is_empty() || host.trim() == ".")).then_some(h)
}

/// `{preference|priority, exchange|hostname|host|NameExchange}`, names
/// matched case-insensitively.
fn object(obj: &Map<String, Value>) -> Option<MxRecord> {
    let get = |names: &[&str]| {
        names.iter().find_map(|n| {
            obj.get(*n).or_else(|| {
                obj.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(n))
                    .map(|(_, v)| v)
            })
        })
    };
    let preference = match get(&["preference", "priority"])? {
        Value::Number(n) => u16::try_from(n.as_u64()?).ok()?,
        Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    let host = get(&["exchange", "hostname", "host", "nameExchange"])?.as_str()?;
    Some(MxRecord {
        preference,
        host: host_of(host)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hosts(v: Value) -> Vec<(u16, String)> {
        mx_records(&v)
            .unwrap()
            .records
            .into_iter()
            .map(|r| (r.preference, r.host))
            .collect()
    }

    #[test]
    fn every_accepted_form_reads_the_same() {
        let want = vec![
            (10, "us-smtp-inbound-1.mimecast.com".to_string()),
            (20, "example-com.mail.protection.outlook.com".to_string()),
        ];
        for v in [
            json!("10 us-smtp-inbound-1.mimecast.com.\n20 example-com.mail.protection.outlook.com."),
            json!("example.com. 300 IN MX 10 US-SMTP-INBOUND-1.mimecast.com.\r\nexample.com.\t300\tIN\tMX\t20 example-com.mail.protection.outlook.com."),
            json!(["10 us-smtp-inbound-1.mimecast.com.", "20 example-com.mail.protection.outlook.com"]),
            json!([{"preference": 10, "exchange": "us-smtp-inbound-1.mimecast.com."},
                   {"priority": "20", "hostname": "example-com.mail.protection.outlook.com"}]),
            json!([{"host": "us-smtp-inbound-1.mimecast.com", "priority": 10},
                   {"PREFERENCE": 20, "NAMEEXCHANGE": "example-com.mail.protection.outlook.com"}]),
            json!([{"Name": "example.com", "Type": 15, "Preference": 10, "NameExchange": "us-smtp-inbound-1.mimecast.com"},
                   {"Name": "example.com", "Type": 15, "Preference": 20, "NameExchange": "example-com.mail.protection.outlook.com"}]),
        ] {
            assert_eq!(hosts(v.clone()), want, "{v}");
        }
    }

    #[test]
    fn none_published_null_mx_and_bad_entries() {
        for v in [json!(""), json!([]), json!("\n  \n"), Value::Null] {
            let s = mx_records(&v).unwrap();
            assert!(s.records.is_empty() && s.unreadable.is_empty(), "{v}");
        }
        let null = mx_records(&json!("0 .")).unwrap();
        assert!(null.is_null());
        assert_eq!(null.records[0].host, "");
        assert!(!mx_records(&json!("10 a.example.")).unwrap().is_null());
        let bad = mx_records(&json!(["10 a.example.", "mail.example", 7, {"x": 1}])).unwrap();
        assert_eq!(bad.records.len(), 1);
        assert_eq!(bad.unreadable, ["mail.example", "7", "{\"x\":1}"]);
        assert_eq!(
            mx_records(&json!("70000 a.example."))
                .unwrap()
                .unreadable
                .len(),
            1
        );
        assert!(mx_records(&json!(10)).is_err());
        assert!(mx_records(&json!({"x": 1})).is_err());
        assert!(mx_records(&json!(true)).is_err());
    }
}
