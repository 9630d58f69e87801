//! Sections keyed by name rather than listed: group members by group id,
//! DNS records by domain, and Threat Remediation's settings + incidents.

use serde_json::Value;

use super::super::lists::records;
use super::super::records::{self as r, Rec};
use super::super::{FileStatus, InputError};
use super::{expand_nested, finish};
use crate::model::{Config, Section};

fn shape_error(base: &str, s: Section, what: &str) -> InputError {
    InputError {
        path: (!base.is_empty()).then(|| base.to_string()),
        ..InputError::plain(format!("{}: expected {what}", s.key()))
    }
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

/// `{"<group id>": LIST}` in a bundle; an API members response or a
/// group-backup list (`[{groupID, groupMembers[]}]`) as a loose file.
pub fn group_members(
    value: &Value,
    base: &str,
    file: &str,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::GroupMembers;
    let mut lists: Vec<(String, String, &Value)> = Vec::new();
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
        Value::Object(map) if records(value, base).is_none() => {
            for (id, list) in map {
                lists.push((id.clone(), join(base, id), list));
            }
        }
        _ if records(value, base).is_some() => {
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
    for (id, path, list) in lists {
        let recs =
            records(list, &path).ok_or_else(|| shape_error(&path, s, "a list of members"))?;
        let items = expand_nested(s, recs.items);
        for (p, item) in &items {
            match r::group_member(Rec {
                item,
                path: p,
                file,
                status,
            }) {
                Ok(m) => config.group_members.entry(id.clone()).or_default().push(m),
                Err(w) => status.warnings.push(w.0),
            }
        }
        let raw = config.raw.entry(s).or_default();
        let slot = raw
            .keyed
            .entry(id.clone())
            .or_insert_with(|| Value::Array(vec![]));
        if let Value::Array(a) = slot {
            a.extend(items.iter().map(|(_, v)| (*v).clone()));
        }
        config.group_members.entry(id).or_default();
        if !recs.failures.is_empty() {
            finish(s, file, &recs.failures, config, status);
        }
    }
    finish(s, file, &[], config, status);
    Ok(())
}

/// `{"<domain>": {"spf": "v=spf1 …", "dmarc": "v=DMARC1; …"}}`.
pub fn dns_records(
    value: &Value,
    base: &str,
    file: &str,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::DnsRecords;
    let map = value
        .as_object()
        .ok_or_else(|| shape_error(base, s, "an object keyed by domain"))?;
    for (domain, v) in map {
        let path = join(base, domain);
        match r::dns_records(
            domain,
            Rec {
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
            Err(w) => status.warnings.push(w.0),
        }
    }
    finish(s, file, &[], config, status);
    Ok(())
}

/// `{"settings": {…}, "incidents": LIST}` in a bundle; a find-incidents
/// response as a loose file.
pub fn threat_remediation(
    value: &Value,
    base: &str,
    file: &str,
    config: &mut Config,
    status: &mut FileStatus,
) -> Result<(), InputError> {
    let s = Section::ThreatRemediation;
    let (settings, incidents, incidents_path) = match value {
        Value::Object(map) if map.contains_key("settings") || map.contains_key("incidents") => (
            map.get("settings"),
            map.get("incidents"),
            join(base, "incidents"),
        ),
        _ if records(value, base).is_some() => (None, Some(value), base.to_string()),
        _ => {
            return Err(shape_error(
                base,
                s,
                "an object with `settings` and/or `incidents`",
            ))
        }
    };
    let raw_keyed = |config: &mut Config, key: &str, v: Value| {
        config
            .raw
            .entry(s)
            .or_default()
            .keyed
            .insert(key.to_string(), v);
    };
    if let Some(v) = settings.filter(|v| !v.is_null()) {
        let path = join(base, "settings");
        match r::remediation_settings(Rec {
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
    let mut failures = Vec::new();
    if let Some(list) = incidents {
        let recs = records(list, &incidents_path)
            .ok_or_else(|| shape_error(&incidents_path, s, "`incidents` to be a list"))?;
        failures = recs.failures.clone();
        let all = config
            .threat_remediation
            .incidents
            .get_or_insert_with(Vec::new);
        let mut raw = Vec::new();
        for (p, item) in &recs.items {
            match r::incident(Rec {
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
    }
    finish(s, file, &failures, config, status);
    Ok(())
}
