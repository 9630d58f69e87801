//! Bundles read from their text: the bundle's sections are split off as
//! slices of the text, and a list section's records are read one at a
//! time (managed senders, the longest lists, straight into their typed
//! shape), so no tree of values of the whole file is ever built. The raw
//! copy of each record is its text. What this path does not read (keyed
//! sections, profile groups, sections given as API envelopes) is parsed
//! into a value and read as any other file is.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::super::records::{self as r, Rec};
use super::super::{parse_json, FileStatus, InputError};
use super::{bundle_end, bundle_head, bundle_section, policy, record, section};
use crate::model::{Config, RawRecord, Section};

/// A bundle's `format` (`bundle::FORMAT`; the input layer does not use
/// the bundle writer).
const FORMAT: &str = "mimecast-config-bundle";

/// Reads a bundle from its text; `None` when the text is not a bundle (the
/// caller then parses it as a whole, and says what is wrong with it).
pub fn bundle(
    text: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Option<Result<(), InputError>> {
    if !text.contains(FORMAT) {
        return None;
    }
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).ok()?;
    let format: Value = serde_json::from_str(top.get("format")?.get()).ok()?;
    if format.as_str() != Some(FORMAT) {
        return None;
    }
    let mut head = Map::new();
    for (k, v) in &top {
        if Section::from_key(k).is_none() {
            head.insert(k.clone(), serde_json::from_str(v.get()).ok()?);
        }
    }
    if let Err(e) = bundle_head(&Value::Object(head), config, status) {
        return Some(Err(e));
    }
    let mut present = false;
    for &s in Section::ALL {
        let Some(raw) = top.get(s.key()) else {
            continue;
        };
        present = true;
        let read = match list(s, raw, file, config, status) {
            Some(read) => read,
            None => match serde_json::from_str::<Value>(raw.get()) {
                Ok(mut v) => section(s, &mut v, s.key(), file, config, status),
                // Not expected (the text was parsed once already): the
                // error of the file as a whole.
                Err(_) => return Some(parse_json(text).map(drop)),
            },
        };
        bundle_section(s, read, config, status);
    }
    bundle_end(present, status);
    Some(Ok(()))
}

/// Reads a list section given as a plain array (as bundles write them);
/// `None` for any other section or shape.
fn list(
    s: Section,
    raw: &RawValue,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Option<Result<(), InputError>> {
    let keyed = matches!(
        s,
        Section::GroupMembers | Section::DnsRecords | Section::ThreatRemediation | Section::Groups
    );
    if keyed || !raw.get().starts_with('[') {
        return None;
    }
    let items: Vec<&RawValue> = serde_json::from_str(raw.get()).ok()?;
    let before = status.warnings.len();
    let mut read = Vec::with_capacity(items.len());
    if s == Section::ManagedSenders {
        config.managed_senders.reserve(items.len());
    }
    // One buffer for every record's path (each origin copies it, at its size).
    let mut path = String::new();
    for (i, item) in items.iter().enumerate() {
        use std::fmt::Write;
        path.clear();
        let _ = write!(path, "{}[{i}]", s.key());
        let ok = if s == Section::ManagedSenders {
            let rec = Rec {
                item: &Value::Null,
                text: Some(item),
                path: &path,
                file,
                status,
            };
            r::managed_sender(rec).map(|m| config.managed_senders.push(m))
        } else {
            let value: Value = serde_json::from_str(item.get()).unwrap_or(Value::Null);
            if s.is_policy() {
                policy(s, &value, &path, file, status)
                    .map(|p| config.policies.entry(s).or_default().push(p))
            } else {
                record(s, &value, &path, file, config, status)
            }
        };
        match ok {
            Ok(()) => read.push(*item),
            Err(w) => status.warnings.push(w.0),
        }
    }
    if read.is_empty() && !items.is_empty() {
        let first = status.warnings.get(before).cloned().unwrap_or_default();
        return Some(Err(InputError {
            path: Some(format!("{}[0]", s.key())),
            ..InputError::plain(format!("no record could be read: {first}"))
        }));
    }
    let raw = config.raw.entry(s).or_default();
    raw.records
        .extend(read.into_iter().map(RawRecord::from_raw));
    super::finish(s, file, &[], config, status);
    Some(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::FileStatus;

    /// Reads `text` both ways: from its text, and parsed as a whole.
    fn both(text: &str) -> [(Config, FileStatus); 2] {
        let (mut a, mut sa) = (Config::default(), FileStatus::new("b.json"));
        bundle(text, &"b.json".into(), &mut a, &mut sa)
            .expect("read as a bundle")
            .unwrap();
        let (mut b, mut sb) = (Config::default(), FileStatus::new("b.json"));
        let mut value = parse_json(text).unwrap();
        super::super::bundle(&mut value, &"b.json".into(), &mut b, &mut sb).unwrap();
        [(a, sa), (b, sb)]
    }

    fn same(text: &str) {
        let [(a, sa), (b, sb)] = both(text);
        assert_eq!(sa, sb);
        assert_eq!(a.managed_senders, b.managed_senders);
        assert_eq!(a.policies, b.policies);
        assert_eq!(a.internal_domains, b.internal_domains);
        assert_eq!(a.groups, b.groups);
        assert_eq!(a.sections, b.sections);
        assert_eq!(
            a.raw.keys().collect::<Vec<_>>(),
            b.raw.keys().collect::<Vec<_>>()
        );
        for (s, raw) in &a.raw {
            assert_eq!(raw, &b.raw[s], "{s}");
        }
    }

    #[test]
    fn a_bundle_read_from_its_text_reads_as_when_parsed_whole() {
        for files in [
            crate::samples::pitfall_tenant(),
            crate::samples::clean_tenant(),
        ] {
            same(std::str::from_utf8(&files[0].bytes).unwrap());
        }
    }

    #[test]
    fn unreadable_records_are_skipped_with_the_same_words() {
        let text = r#"{"format": "mimecast-config-bundle", "version": 1,
            "managedSenders": [{"sender": "a@x.example", "type": "permit"},
                               {"sender": ["x"], "type": "permit"}, null, {"type": "block"}],
            "internalDomains": [{"domain": 5}]}"#;
        same(text);
        let [(_, status), _] = both(text);
        assert!(
            status.warnings.iter().any(|w| w
                == "record at managedSenders[1] skipped: managedSenders[1].sender: expected text, found a list")
                && status.warnings.iter().all(|w| !w.contains("line")),
            "{:?}",
            status.warnings
        );
        // Every record unreadable: the section is not read, the rest is.
        same(r#"{"format": "mimecast-config-bundle", "version": 1, "managedSenders": [1, 2]}"#);
    }
}
