//! Reading and writing record values by dotted key, new records with the
//! console's defaults, and small helpers for lists of records.

use serde_json::{json, Value};

use super::{FieldKind, SectionForm};
use crate::model::Section;

/// The value at a dotted key (`spf.failAction`), if any. A number steps
/// into a list (`apiApplications.0.name`).
pub fn get<'a>(record: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(record, |v, k| match v {
        Value::Array(items) => items.get(k.parse::<usize>().ok()?),
        _ => v.get(k),
    })
}

/// Sets the value at a dotted key, creating objects on the way. A number
/// steps into an existing item of a list.
pub fn set(record: &mut Value, key: &str, value: Value) {
    let mut cur = record;
    let parts: Vec<&str> = key.split('.').collect();
    for (i, k) in parts.iter().enumerate() {
        let index = k
            .parse::<usize>()
            .ok()
            .filter(|n| cur.as_array().is_some_and(|a| *n < a.len()));
        if let Some(n) = index {
            let items = cur.as_array_mut().expect("checked");
            if i == parts.len() - 1 {
                items[n] = value;
                return;
            }
            cur = &mut items[n];
            continue;
        }
        if cur.is_array() {
            // No such item (or not an index): a list is never replaced.
            return;
        }
        if !cur.is_object() {
            *cur = Value::Object(Default::default());
        }
        let map = cur.as_object_mut().expect("just made an object");
        if i == parts.len() - 1 {
            map.insert(k.to_string(), value);
            return;
        }
        cur = map
            .entry(k.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
    }
}

/// Defaults that differ from the kind's own (a checkbox unticked, a list
/// empty, a target of Everyone): what the console shows on a new item,
/// where a source gives it.
fn default_of(section: Section, key: &str) -> Option<Value> {
    let v = match (section, key) {
        // Every policy: enabled, perpetual, Return Address.
        (_, "enabled") if section.is_policy() => json!(true),
        (_, "toEternal") => json!(true),
        (_, "fromPart") => json!("envelope_from"),
        (Section::PermittedSenderPolicies, "option") => json!("permit_sender"),
        (Section::ImpersonationBypassPolicies, "option") => json!("disable_impersonation_protect"),
        (Section::UrlProtectBypassPolicies, "option") => json!("disable_url_protection"),
        (Section::AttachmentProtectBypassPolicies, "option") => {
            json!("disable_attachment_protection")
        }
        // URL Protect: the out-of-the-box rewrite mode.
        (Section::UrlProtectDefinitions, "rewriteMode") => json!("moderate"),
        (Section::ManagedSenders, "type") => json!("Permit"),
        // Impersonation Protect: the recommended / observed initial settings.
        (Section::ImpersonationDefinitions, "identifiers.similar_internal_domain") => json!(true),
        (Section::ImpersonationDefinitions, "identifiers.newly_observed_domain") => json!(true),
        (Section::ImpersonationDefinitions, "identifiers.internal_user_name") => json!(true),
        (Section::ImpersonationDefinitions, "identifiers.reply_address_mismatch") => json!(false),
        (Section::ImpersonationDefinitions, "identifiers.targeted_threat_dictionary") => {
            json!(true)
        }
        (Section::ImpersonationDefinitions, "hitThreshold") => json!(2),
        (Section::SyncRecoverTasks, "state") => json!("Enabled"),
        (Section::ContinuityMonitors, "status") => json!("Active"),
        _ => return None,
    };
    Some(v)
}

/// A new record with the form's defaults and a fresh id (no id for a
/// single settings object). The name field (`description` or `name`, when
/// the form requires one) reads `New <item>` until the user renames it.
/// Fields with no known console default are left out, so they read as
/// "not recorded" until the user fills them in.
pub fn new_record(form: &SectionForm, id: &str) -> Value {
    let mut record = json!({});
    if form.repeating {
        set(&mut record, "id", json!(id));
    }
    for field in form.groups.iter().flat_map(|g| g.fields) {
        let value = match (default_of(form.section, field.key), field.kind) {
            (Some(v), _) => v,
            (None, FieldKind::Flag) => json!(false),
            (None, FieldKind::Lines | FieldKind::Cidrs) => json!([]),
            (None, FieldKind::Target) => json!({"type": "everyone"}),
            (None, FieldKind::Text)
                if field.required && matches!(field.key, "description" | "name") =>
            {
                json!(format!("New {}", form.item))
            }
            (None, _) => continue,
        };
        set(&mut record, field.key, value);
    }
    record
}

/// A new item of a [`FieldKind::Records`] field: its name reads `New
/// <item>`, lists are empty, `enabled` is ticked (an item listed in the
/// console is usually in use) and other checkboxes are not.
pub fn new_item(item: &str, fields: &[super::Field]) -> Value {
    let mut record = json!({});
    for field in fields {
        let value = match field.kind {
            FieldKind::Flag => json!(field.key == "enabled"),
            FieldKind::Lines | FieldKind::Cidrs => json!([]),
            FieldKind::Text if field.required && matches!(field.key, "description" | "name") => {
                json!(format!("New {item}"))
            }
            _ => continue,
        };
        set(&mut record, field.key, value);
    }
    record
}

/// A copy of `record` with a new id, and " (copy)" after its description
/// (or name), so the copy is told apart in the list.
pub fn duplicate(record: &Value, new_id: &str) -> Value {
    let mut copy = record.clone();
    set(&mut copy, "id", json!(new_id));
    for key in ["description", "name"] {
        if let Some(text) = copy
            .get(key)
            .and_then(Value::as_str)
            .filter(|t| !t.trim().is_empty())
        {
            let renamed = format!("{} (copy)", text.trim_end());
            set(&mut copy, key, json!(renamed));
            break;
        }
    }
    copy
}

/// Where a target of this type keeps its value (`email_domain` →
/// `domain`); `None` for types that need no value.
pub fn target_value_key(target_type: &str) -> Option<&'static str> {
    match target_type {
        "email_domain" => Some("domain"),
        "individual_email_address" => Some("emailAddress"),
        "profile_group" => Some("groupId"),
        "header_display_name" => Some("headerDisplayName"),
        _ => None,
    }
}

/// How a record is named in the checklist's list: its description or name,
/// a managed sender's address (with its list), else its id.
pub fn item_label(form: &SectionForm, record: &Value) -> String {
    let text = |key: &str| {
        get(record, key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    };
    if let Some(name) = text("description").or_else(|| text("name")) {
        return name.to_string();
    }
    if let Some(sender) = text("sender") {
        let list = text("type").map(|t| {
            let label = form
                .groups
                .iter()
                .flat_map(|g| g.fields)
                .find(|f| f.key == "type")
                .and_then(|f| match f.kind {
                    FieldKind::Select(choices) => choices
                        .iter()
                        .find(|c| c.value.eq_ignore_ascii_case(t))
                        .map(|c| c.label),
                    _ => None,
                })
                .unwrap_or(t);
            format!(" ({label})")
        });
        return format!("{sender}{}", list.unwrap_or_default());
    }
    if !form.repeating {
        return form.title().to_string();
    }
    match text("id") {
        Some(id) => format!("{} {id}", form.item),
        None => format!("unnamed {}", form.item),
    }
}

/// Checkbox keys the reader also accepts as text or objects: tag text
/// (non-empty = on) and identifier objects (`{"enabled": …}`).
pub(super) fn text_counts_as_flag(key: &str) -> bool {
    key.starts_with("identifiers.") || matches!(key, "tagSubject" | "tagBody" | "tagHeader")
}

/// Whether a checkbox is ticked, read as the input layer reads it: `true`,
/// `"true"`, `1`; for tag and identifier fields also tag text (non-empty)
/// and `{"enabled": …}` objects. Use this to show a checkbox, so a record
/// loaded from a hand-written bundle shows what the analysis will read.
pub fn flag(record: &Value, key: &str) -> bool {
    match get(record, key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => true,
        Some(Value::String(s)) if text_counts_as_flag(key) => {
            !s.trim().is_empty() && s.trim() != "false"
        }
        Some(Value::Object(o)) if text_counts_as_flag(key) => {
            o.get("enabled").and_then(Value::as_bool).unwrap_or(true)
        }
        _ => false,
    }
}

/// The record in the shape the form edits, read the same by the input
/// layer (the analysis does not change). Records entered through the
/// checklist already have it; records imported from a bundle may not:
///
/// - a policy in API 1.0 shape (`{id, option, policy{…, conditions{…}}}`)
///   is flattened to the API 2.0 shape;
/// - a target's `emailDomain`, `group.id` or flat `fromType`/`fromValue`
///   becomes `domain` / `groupId` / `from`;
/// - `fromDateTime`/`toDateTime` become `fromDate`/`toDate`; open sides
///   (eternal flags, the 1900 / 2100 placeholder dates) become an empty
///   date, and `toEternal` always says whether the policy ends;
/// - values the reader defaults (`enabled` true, `fromPart` envelope) are
///   written out, and numbers or flags written as text become values.
///
/// Unknown fields are kept.
pub fn editable(form: &SectionForm, record: &Value) -> Value {
    let mut out = record.clone();
    if !out.is_object() {
        return out;
    }
    if form.section.is_policy() {
        flatten_policy(&mut out);
    }
    for field in form.groups.iter().flat_map(|g| g.fields) {
        let Some(v) = get(&out, field.key) else {
            continue;
        };
        let fixed = match (field.kind, v) {
            (FieldKind::Number { .. }, Value::String(s)) => match s.trim().parse::<i64>() {
                Ok(n) => json!(n),
                Err(_) => continue,
            },
            (FieldKind::Flag, Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => {
                json!(true)
            }
            (FieldKind::Flag, Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => {
                json!(false)
            }
            (FieldKind::Flag, Value::Number(n)) if n.as_u64() == Some(1) => json!(true),
            (FieldKind::Flag, Value::Number(n)) if n.as_u64() == Some(0) => json!(false),
            _ => continue,
        };
        set(&mut out, field.key, fixed);
    }
    out
}

fn flatten_policy(out: &mut Value) {
    let map = out.as_object_mut().expect("checked by the caller");
    // API 1.0: the body's fields win, except `id` and `option` outside it.
    let body = match map.remove("policy") {
        Some(Value::Object(b)) => Some(b),
        Some(Value::Array(a)) => a.into_iter().next().and_then(|b| match b {
            Value::Object(b) => Some(b),
            _ => None,
        }),
        Some(other) => {
            map.insert("policy".into(), other);
            None
        }
        None => None,
    };
    for (k, v) in body.into_iter().flatten() {
        if k == "id" || k == "option" {
            map.entry(k).or_insert(v);
        } else {
            map.insert(k, v);
        }
    }
    // Conditions win over top-level lists, as the reader reads them.
    if let Some(Value::Object(c)) = map.remove("conditions") {
        for key in ["sourceIPs", "hostnames", "spfDomains"] {
            if let Some(v) = c.get(key).filter(|v| !v.is_null()) {
                map.insert(key.into(), v.clone());
            }
        }
    }
    for side in ["from", "to"] {
        flatten_target(map, side);
    }
    // Defaults the reader applies, written out so the form shows them.
    for (key, default) in [
        ("enabled", json!(true)),
        ("override", json!(false)),
        ("bidirectional", json!(false)),
    ] {
        if map.get(key).is_none_or(Value::is_null) {
            map.insert(key.into(), default);
        }
    }
    let from_part = map
        .get("fromPart")
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or_default();
    if from_part.is_empty() {
        map.insert("fromPart".into(), json!("envelope_from"));
    }
    flatten_validity(map);
}

fn nonempty_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn flatten_target(map: &mut serde_json::Map<String, Value>, side: &str) {
    let flat_type = nonempty_text(map.remove(&format!("{side}Type")).as_ref());
    let flat_value = nonempty_text(map.remove(&format!("{side}Value")).as_ref());
    let mut t = match map.remove(side) {
        Some(Value::Object(t)) => t,
        Some(Value::Null) | None => Default::default(),
        Some(other) => {
            map.insert(side.into(), other);
            return;
        }
    };
    let kind = nonempty_text(t.get("type")).or(flat_type);
    let Some(kind) = kind else {
        // No scope at all: the reader reads it as everyone (with a note).
        t.insert("type".into(), json!("everyone"));
        map.insert(side.into(), Value::Object(t));
        return;
    };
    let kind = kind.to_ascii_lowercase();
    t.insert("type".into(), json!(kind));
    if let Some(key) = target_value_key(&kind) {
        // The reader's order: `emailDomain` before `domain`, `groupId`
        // before `group.id`, then the flat value.
        let value = match kind.as_str() {
            "email_domain" => {
                nonempty_text(t.get("emailDomain")).or_else(|| nonempty_text(t.get("domain")))
            }
            "profile_group" => nonempty_text(t.get("groupId"))
                .or_else(|| nonempty_text(t.get("group").and_then(|g| g.get("id")))),
            _ => nonempty_text(t.get(key)),
        }
        .or(flat_value);
        if let Some(v) = value {
            t.insert(key.into(), json!(v));
            // `emailDomain` would hide an edited `domain`. An expanded
            // `group` stays: it gives the group's name (a target edited
            // to another value should be written anew, without it).
            t.remove("emailDomain");
        }
    }
    map.insert(side.into(), Value::Object(t));
}

fn flatten_validity(map: &mut serde_json::Map<String, Value>) {
    use chrono::Datelike;
    let is_true = |v: Option<&Value>| match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    };
    // `…DateTime` wins over `…Date` in the reader.
    for (long, short) in [("fromDateTime", "fromDate"), ("toDateTime", "toDate")] {
        if let Some(v) = nonempty_text(map.remove(long).as_ref()) {
            map.insert(short.into(), json!(v));
        }
    }
    let date = |map: &serde_json::Map<String, Value>, key: &str| {
        nonempty_text(map.get(key)).map(|t| (t.clone(), crate::model::parse_date(&t).ok()))
    };
    // Start: eternal flag or placeholder → no date.
    let from_open = is_true(map.get("fromEternal"))
        || date(map, "fromDate").is_some_and(|(_, d)| d.is_some_and(|d| d.year() <= 1900))
        || date(map, "fromDate").is_none();
    map.remove("fromEternal");
    if from_open {
        map.remove("fromDate");
    }
    // End: eternal flag or placeholder or no date → perpetual.
    let to_open = is_true(map.get("toEternal"))
        || date(map, "toDate").is_some_and(|(_, d)| d.is_some_and(|d| d.year() >= 2100))
        || date(map, "toDate").is_none();
    if to_open {
        map.remove("toDate");
    }
    map.insert("toEternal".into(), json!(to_open));
}
