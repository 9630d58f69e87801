//! Sections keyed by name rather than listed: group members by group id,
//! DNS records by domain, and Threat Remediation's settings + incidents.

use serde_json::Value;

use super::super::detect::shown;
use super::super::lists::{records, records_or_one};
use super::super::records::{self as r, Rec};
use super::super::{FileStatus, InputError};
use super::{expand_nested, finish, join, kind_of};
use crate::model::{Config, Section};

fn shape_error(base: &str, s: Section, what: &str) -> InputError {
    InputError {
        path: (!base.is_empty()).then(|| base.to_string()),
        ..InputError::plain(format!("{}: expected {what}", s.key()))
    }
}

/// `{"<group id>": LIST}` in a bundle; an API members response or a
/// group-backup list (`[{groupID, groupMembers[]}]`) as a loose file.
///
/// A group's list that cannot be read is dropped on its own, with a
/// warning, and the section is then incomplete; its raw value is kept, so a
/// saved bundle says the same. When nothing at all could be read, the
/// section is not collected from this input.
pub fn group_members(
    doc: &mut Value,
    base: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::GroupMembers;
    let value = &*doc;
    // What goes into the raw copy, in order; the members are moved out of
    // the document once it is read (never cloned: on a big tenant they are
    // a good part of the memory).
    let mut saves: Vec<Save> = Vec::new();
    let mut members_at: Vec<usize> = Vec::new();
    let mut lists: Vec<(String, String, &Value)> = Vec::new();
    let loose = records_or_one(value, base);
    // An object of lists keyed by group id, unless it is a response (an
    // envelope, or one member record of a loose file).
    let keyed = |map: &serde_json::Map<String, Value>| {
        records(value, base).is_none()
            && (!base.is_empty() || map.values().all(|v| v.is_array() || v.is_object()))
    };
    match value {
        Value::Array(items)
            if items
                .iter()
                .all(|i| i.get("groupID").is_some() || i.get("groupId").is_some())
                && !items.is_empty() =>
        {
            for (i, item) in items.iter().enumerate() {
                let id = item
                    .get("groupID")
                    .or_else(|| item.get("groupId"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let members = item.get("groupMembers").unwrap_or(&Value::Null);
                lists.push((id, format!("{}[{i}].groupMembers", base), members));
            }
        }
        Value::Object(map) if keyed(map) => {
            for (id, list) in map {
                lists.push((id.clone(), join(base, id), list));
            }
        }
        _ if loose.is_some() => {
            let stem = file
                .rsplit('/')
                .next()
                .unwrap_or(file)
                .trim_end_matches(".json")
                .to_string();
            status.notes.push(format!(
                "groupMembers: the response does not say which group it lists; filed under \"{stem}\" (name the file after the group id, or use a bundle)"
            ));
            lists.push((stem, base.to_string(), value));
        }
        _ => {
            return Err(shape_error(
                base,
                s,
                "an object of member lists keyed by group id",
            ))
        }
    }
    let (mut filed, mut dropped) = (0, 0);
    let mut problems = Vec::new();
    for (id, path, list) in lists {
        let Some(recs) = records_or_one(list, &path) else {
            status.warnings.push(format!(
                "{}: expected a list of members, found {}; this group was not read",
                shown(&path),
                kind_of(list)
            ));
            dropped += 1;
            saves.push(Save::Whole(id.clone(), list.clone()));
            continue;
        };
        let list_problems = recs.problems();
        let before = status.warnings.len();
        let items = expand_nested(s, recs.items, status);
        if status.warnings.len() > before {
            // A wrapper whose `groupMembers` is not a list: what it holds is
            // unknown, so nothing of it is read or saved.
            dropped += 1;
            if items.is_empty() {
                continue;
            }
        }
        for (p, item) in &items {
            match r::group_member(Rec {
                text: None,
                item,
                path: p,
                file,
                status,
            }) {
                Ok(m) => config.group_members.entry(id.clone()).or_default().push(m),
                Err(w) => status.warnings.push(w.0),
            }
        }
        members_at.extend(items.iter().map(|(_, v)| super::address(v)));
        saves.push(if list_problems.is_empty() {
            Save::Members(id.clone(), items.len())
        } else {
            Save::Envelope(id.clone(), items.len(), envelope(list, Vec::new()))
        });
        config.group_members.entry(id).or_default();
        problems.extend(list_problems);
        filed += 1;
    }
    let mut members = super::take_all(doc, &members_at).into_iter();
    for save in saves {
        match save {
            Save::Whole(id, v) => keep_raw(config, s, &id, v),
            Save::Members(id, n) => {
                let raw = config.raw.entry(s).or_default();
                let slot = raw.keyed.entry(id).or_insert_with(|| Value::Array(vec![]));
                if let Value::Array(a) = slot {
                    a.extend(members.by_ref().take(n));
                } else {
                    members.by_ref().take(n).for_each(drop);
                }
            }
            Save::Envelope(id, n, mut env) => {
                env["data"] = Value::Array(members.by_ref().take(n).collect());
                keep_raw(config, s, &id, env);
            }
        }
    }
    if filed == 0 && dropped > 0 {
        config.raw.remove(&s);
        return Ok(());
    }
    finish(s, file, &problems, config, status);
    if dropped > 0 {
        config.sections.entry(s).or_default().incomplete = true;
    }
    Ok(())
}

/// One group's part of the raw copy of `groupMembers`.
enum Save {
    /// A list that could not be read, kept whole.
    Whole(String, Value),
    /// The next `n` members read, appended to the group's list.
    Members(String, usize),
    /// The next `n` members read, as the `data` of a failed call's envelope.
    Envelope(String, usize, Value),
}

/// Keeps a keyed part exactly as it was given, for a saved bundle.
fn keep_raw(config: &mut Config, s: Section, key: &str, v: Value) {
    config
        .raw
        .entry(s)
        .or_default()
        .keyed
        .insert(key.to_string(), v);
}

/// The records of a failed call with its `meta` and `fail`, so that a
/// saved bundle still says what the API reported.
fn envelope(original: &Value, records: Vec<Value>) -> Value {
    let mut m = serde_json::Map::new();
    for k in ["meta", "fail"] {
        if let Some(v) = original.get(k) {
            m.insert(k.into(), v.clone());
        }
    }
    m.insert("data".into(), Value::Array(records));
    Value::Object(m)
}

/// `{"<domain>": {"spf": "v=spf1 …", "dmarc": "v=DMARC1; …"}}`.
pub fn dns_records(
    value: &Value,
    base: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::DnsRecords;
    let map = value
        .as_object()
        .ok_or_else(|| shape_error(base, s, "an object keyed by domain"))?;
    let mut unreadable = false;
    for (domain, v) in map {
        let path = join(base, domain);
        match r::dns_records(
            domain,
            Rec {
                text: None,
                item: v,
                path: &path,
                file,
                status,
            },
        ) {
            Ok(d) => {
                config.dns_records.push(d);
                config
                    .raw
                    .entry(s)
                    .or_default()
                    .keyed
                    .insert(domain.clone(), v.clone());
            }
            Err(w) => {
                // The domain's records are unknown: the section is
                // incomplete, and a saved bundle keeps them as given.
                status.warnings.push(w.0);
                unreadable = true;
                keep_raw(config, s, domain, v.clone());
            }
        }
    }
    finish(s, file, &[], config, status);
    if unreadable {
        config.sections.entry(s).or_default().incomplete = true;
    }
    Ok(())
}

/// `{"settings": {…}, "incidents": LIST}` in a bundle (`{}`: collected,
/// with nothing in it); a find-incidents response, or one incident record,
/// as a loose file. Incidents that cannot be read are dropped with a
/// warning, and the section is then incomplete; the settings still count.
pub fn threat_remediation(
    value: &Value,
    base: &str,
    file: &std::sync::Arc<str>,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::ThreatRemediation;
    let (settings, incidents, incidents_path) = match value {
        Value::Object(map)
            if map.is_empty() || map.contains_key("settings") || map.contains_key("incidents") =>
        {
            (
                map.get("settings").filter(|v| !v.is_null()),
                map.get("incidents").filter(|v| !v.is_null()),
                join(base, "incidents"),
            )
        }
        _ if records_or_one(value, base).is_some() => (None, Some(value), base.to_string()),
        _ => {
            return Err(shape_error(
                base,
                s,
                "an object with `settings` and/or `incidents`",
            ))
        }
    };
    let raw_keyed = |config: &mut Config, key: &str, v: Value| keep_raw(config, s, key, v);
    if let Some(v) = settings {
        let path = join(base, "settings");
        match r::remediation_settings(Rec {
            text: None,
            item: v,
            path: &path,
            file,
            status,
        }) {
            Ok(x) => {
                config.threat_remediation.settings = Some(x);
                raw_keyed(config, "settings", v.clone());
            }
            Err(w) => status.warnings.push(w.0),
        }
    }
    let mut problems = Vec::new();
    let mut unreadable = false;
    if let Some(list) = incidents {
        match records_or_one(list, &incidents_path) {
            None => {
                status.warnings.push(format!(
                    "{}: expected a list of incidents, found {}; the incidents were not read",
                    shown(&incidents_path),
                    kind_of(list)
                ));
                unreadable = true;
                raw_keyed(config, "incidents", list.clone());
            }
            Some(recs) => {
                problems = recs.problems();
                let all = config
                    .threat_remediation
                    .incidents
                    .get_or_insert_with(Vec::new);
                let mut raw = Vec::new();
                for (p, item) in &recs.items {
                    match r::incident(Rec {
                        text: None,
                        item,
                        path: p,
                        file,
                        status,
                    }) {
                        Ok(i) => {
                            all.push(i);
                            raw.push((*item).clone());
                        }
                        Err(w) => status.warnings.push(w.0),
                    }
                }
                if problems.is_empty() {
                    let slot = config
                        .raw
                        .entry(s)
                        .or_default()
                        .keyed
                        .entry("incidents")
                        .or_insert_with(|| Value::Array(vec![]));
                    if let Value::Array(a) = slot {
                        a.extend(raw);
                    }
                } else {
                    raw_keyed(config, "incidents", envelope(list, raw));
                }
            }
        }
    }
    finish(s, file, &problems, config, status);
    if unreadable {
        config.sections.entry(s).or_default().incomplete = true;
    }
    Ok(())
}
