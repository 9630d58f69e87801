//! Identity of records that carry no id of their own: a short hash of what
//! the record says, never its position in a list. Finding keys and
//! accepted risks rest on these, so re-ordering an export, or merging files
//! in another order, keeps every key.

use sha2::{Digest, Sha256};

use super::{Policy, Section};

/// Prefix of every content-derived id. Mimecast's own ids never take this
/// form, so a content id is recognisable as one.
pub const CONTENT_ID_PREFIX: &str = "sha-";

/// `sha-` plus the first 12 hex digits of the SHA-256 of `parts` (each part
/// ends with a unit separator, so `["ab", "c"]` and `["a", "bc"]` differ).
pub fn content_id(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
        hash.update([0x1f]);
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{CONTENT_ID_PREFIX}{hex}")
}

/// The content id of a JSON record: its canonical text (object keys
/// sorted at every level, no spaces), so the same record gives the same id
/// whatever order its fields were written in.
pub fn record_id(record: &serde_json::Value) -> String {
    let mut text = String::new();
    canonical(record, &mut text);
    content_id(&[&text])
}

fn canonical(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// True for an id made by [`content_id`].
pub fn is_content_id(id: &str) -> bool {
    id.strip_prefix(CONTENT_ID_PREFIX)
        .is_some_and(|h| h.len() == 12 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A policy's identity: its id, else a content id of what the policy is —
/// its section, name, option, scope (addresses based on, from, to,
/// direction), validity, conditions and definition. Two policies that say
/// exactly the same thing share it (they are interchangeable).
pub fn policy_id(section: Section, p: &Policy) -> String {
    if let Some(id) = p.id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        return id.to_string();
    }
    let sorted = |list: &mut Vec<String>| {
        list.sort();
        list.join(",")
    };
    let ips = sorted(
        &mut p
            .source_ips
            .iter()
            .map(|r| r.text.trim().to_string())
            .collect(),
    );
    let hosts = sorted(&mut p.hostnames.iter().map(|h| h.trim().to_string()).collect());
    let spf = sorted(&mut p.spf_domains.iter().map(|d| d.trim().to_string()).collect());
    let date =
        |d: Option<chrono::DateTime<chrono::Utc>>| d.map(|d| d.to_rfc3339()).unwrap_or_default();
    let from_part = match &p.from_part {
        super::FromPart::EnvelopeFrom => "envelope_from".to_string(),
        super::FromPart::HeaderFrom => "header_from".to_string(),
        super::FromPart::Both => "both".to_string(),
        super::FromPart::Unknown(t) => t.clone(),
    };
    content_id(&[
        section.key(),
        p.description.trim(),
        p.option.as_str(),
        &from_part,
        &p.from.describe(),
        &p.to.describe(),
        if p.bidirectional {
            "bidirectional"
        } else {
            "one-way"
        },
        &date(p.validity.from),
        &date(p.validity.to),
        &ips,
        &hosts,
        &spf,
        p.definition_id.as_deref().unwrap_or_default(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ids_are_short_stable_and_separate_their_parts() {
        let a = content_id(&["ab", "c"]);
        assert_eq!(a, content_id(&["ab", "c"]));
        assert_ne!(a, content_id(&["a", "bc"]));
        assert!(is_content_id(&a), "{a}");
        assert_eq!(a.len(), CONTENT_ID_PREFIX.len() + 12);
        // Pinned (SHA-256 of "x\u{1f}"): a key saved today must mean the same
        // policy tomorrow.
        assert_eq!(content_id(&["x"]), "sha-882778585390");
        assert!(!is_content_id("sha-xyz") && !is_content_id("eNo1abc"));
    }

    #[test]
    fn record_ids_ignore_field_order_but_not_content() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"b":1,"a":{"y":[1,"z"],"x":null}}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{"a":{"x":null,"y":[1,"z"]},"b":1}"#).unwrap();
        let c: serde_json::Value =
            serde_json::from_str(r#"{"a":{"x":null,"y":["z",1]},"b":1}"#).unwrap();
        assert_eq!(record_id(&a), record_id(&b));
        assert_ne!(record_id(&a), record_id(&c));
    }
}
