//! Validation of entered records. Messages name the console's labels, never
//! the record's keys, and say what to enter instead.

use std::collections::BTreeMap;

use serde_json::Value;

use super::forms::{self, TARGET_TYPES};
use super::values::{get, target_value_key, text_counts_as_flag};
use super::{Choice, Field, FieldKind, SectionForm};
use crate::model::{parse_date, IpRange, Section};

/// A problem with one field, with a message the user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's key in the record (dotted for nested objects).
    pub key: String,
    /// What is wrong and what to enter instead, in the console's words.
    pub message: String,
}

fn error(field: &Field, message: String) -> FieldError {
    FieldError {
        key: field.key.to_string(),
        message,
    }
}

/// Nothing entered: absent, null, blank text, an empty list or a target
/// without a type.
fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// Text as the reader reads it: a string, or a number or boolean.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Compares as the reader does: case, spaces and dashes do not matter.
fn norm(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

fn labels(choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|c| c.label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks a record against its form.
pub fn validate(form: &SectionForm, record: &Value) -> Vec<FieldError> {
    let mut out = Vec::new();
    for field in form.groups.iter().flat_map(|g| g.fields) {
        let value = get(record, field.key);
        if is_empty(value) {
            // A Reference is checked against the entered records by
            // `validate_references`; a checkbox is never "missing".
            let skip = matches!(field.kind, FieldKind::Reference(_) | FieldKind::Flag);
            if field.required && !skip {
                out.push(error(field, format!("{} is required.", field.label)));
            }
            continue;
        }
        let value = value.expect("not empty");
        if let Some(e) = check(field, value) {
            out.push(e);
        }
        if let (FieldKind::Cidrs, Value::Array(lines)) = (field.kind, value) {
            out.extend(cidr_lines(field, lines));
        }
        if let (FieldKind::Records { item, fields }, Value::Array(items)) = (field.kind, value) {
            out.extend(sub_records(field, item, fields, items));
        }
    }
    out.extend(date_range(form, record));
    out
}

/// The items of a [`FieldKind::Records`] field, each against its fields;
/// errors are keyed `apiApplications[0].name` and name the item by number.
fn sub_records(field: &Field, item: &str, fields: &[Field], items: &[Value]) -> Vec<FieldError> {
    let mut out = Vec::new();
    let noun = {
        let mut c = item.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    for (i, rec) in items.iter().enumerate() {
        let at = |e: FieldError| FieldError {
            key: format!("{}[{i}].{}", field.key, e.key),
            message: format!("{noun} {}: {}", i + 1, e.message),
        };
        for sub in fields {
            let value = get(rec, sub.key);
            if is_empty(value) {
                if sub.required && sub.kind != FieldKind::Flag {
                    out.push(at(error(sub, format!("{} is required.", sub.label))));
                }
                continue;
            }
            if let Some(e) = check(sub, value.expect("not empty")) {
                out.push(at(e));
            }
        }
    }
    out
}

/// One field's value against its kind (list lines are checked apart).
fn check(field: &Field, value: &Value) -> Option<FieldError> {
    let label = field.label;
    match field.kind {
        FieldKind::Text | FieldKind::Reference(_) => match value {
            Value::String(_) | Value::Number(_) => None,
            _ => Some(error(field, format!("{label}: enter text."))),
        },
        FieldKind::Number { min, max } => {
            let text = as_text(value).unwrap_or_default();
            let Ok(n) = text.parse::<f64>() else {
                return Some(error(field, format!("{label}: \"{text}\" is not a number (enter a whole number from {min} to {max}).")));
            };
            if n.fract() != 0.0 {
                Some(error(field, format!("{label}: {text} is not a whole number (enter a whole number from {min} to {max}).")))
            } else if n < min as f64 || n > max as f64 {
                Some(error(field, format!("{label}: {text} is out of range (enter a whole number from {min} to {max}).")))
            } else {
                None
            }
        }
        FieldKind::Flag => match value {
            Value::Bool(_) => None,
            Value::String(s)
                if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
            {
                None
            }
            // Tag text and identifier objects, as the reader accepts them.
            Value::String(_) | Value::Object(_) if text_counts_as_flag(field.key) => None,
            _ => Some(error(
                field,
                format!("{label}: expected ticked or unticked."),
            )),
        },
        FieldKind::Select(choices) => {
            let text = as_text(value).unwrap_or_default();
            if choices.iter().any(|c| norm(c.value) == norm(&text)) {
                None
            } else {
                Some(error(
                    field,
                    format!(
                        "{label}: \"{text}\" is not one of the options ({}).",
                        labels(choices)
                    ),
                ))
            }
        }
        FieldKind::Lines | FieldKind::Cidrs => match value {
            Value::Array(items) if items.iter().all(Value::is_string) => None,
            _ => Some(error(
                field,
                format!("{label}: expected one value per line."),
            )),
        },
        FieldKind::Date => {
            let text = as_text(value).unwrap_or_default();
            parse_date(&text).is_err().then(|| {
                error(
                    field,
                    format!("{label}: \"{text}\" is not a date (expected YYYY-MM-DD)."),
                )
            })
        }
        FieldKind::Target => target(field, value),
        FieldKind::Records { item, .. } => match value {
            Value::Array(items) if items.iter().all(Value::is_object) => None,
            _ => Some(error(
                field,
                format!("{label}: expected a list of {item}s."),
            )),
        },
    }
}

fn cidr_lines(field: &Field, lines: &[Value]) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(text) = line.as_str() else { continue };
        let n = i + 1;
        if text.trim().is_empty() {
            out.push(error(
                field,
                format!("{}, line {n}: the line is empty; remove it.", field.label),
            ));
        } else if IpRange::parse(text).net.is_none() {
            out.push(error(
                field,
                format!(
                    "{}, line {n}: \"{}\" is not a CIDR range (expected n.n.n.n/x)",
                    field.label,
                    text.trim()
                ),
            ));
        }
    }
    out
}

/// Looks like a domain: dotted labels of letters, digits, `-` and `_`,
/// optionally starting with a `*.` wildcard label; a leading `@` is
/// tolerated (the reader drops it).
fn looks_like_domain(s: &str) -> bool {
    let d = s.trim().trim_start_matches('@').trim_end_matches('.');
    let d = d.strip_prefix("*.").unwrap_or(d);
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        })
}

fn looks_like_address(s: &str) -> bool {
    match s.trim().rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.chars().any(char::is_whitespace)
                && looks_like_domain(domain)
        }
        None => false,
    }
}

fn target(field: &Field, value: &Value) -> Option<FieldError> {
    let label = field.label;
    let Value::Object(obj) = value else {
        return Some(error(
            field,
            format!("{label}: choose who the policy applies to."),
        ));
    };
    let kind = obj.get("type").and_then(as_text).unwrap_or_default();
    if kind.is_empty() {
        return Some(error(
            field,
            format!("{label}: choose one of {}.", labels(TARGET_TYPES)),
        ));
    }
    let Some(choice) = TARGET_TYPES.iter().find(|c| c.value == kind) else {
        return Some(error(
            field,
            format!(
                "{label}: \"{kind}\" is not one of the options ({}).",
                labels(TARGET_TYPES)
            ),
        ));
    };
    let key = target_value_key(choice.value)?;
    let v = obj.get(key).and_then(as_text).unwrap_or_default();
    let what = choice.label;
    if v.is_empty() {
        return Some(error(
            field,
            format!("{label}: enter the {what} (the console's Specifically)."),
        ));
    }
    match choice.value {
        "email_domain" if !looks_like_domain(&v) => Some(error(
            field,
            format!("{label}: \"{v}\" does not look like an email domain (enter a domain such as example.com, without a user name)."),
        )),
        "individual_email_address" if !looks_like_address(&v) => {
            Some(error(field, format!("{label}: \"{v}\" is not an email address (expected name@example.com).")))
        }
        _ => None,
    }
}

/// The field of `form` at `key`, if the form has one.
fn field_at<'f>(form: &'f SectionForm, key: &str) -> Option<&'f Field> {
    form.groups
        .iter()
        .flat_map(|g| g.fields)
        .find(|f| f.key == key)
}

fn flag(record: &Value, key: &str) -> Option<bool> {
    match get(record, key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

fn text_at(record: &Value, key: &str) -> Option<String> {
    get(record, key).and_then(as_text).filter(|t| !t.is_empty())
}

/// The Validity dates: in order, and consistent with "perpetual".
fn date_range(form: &SectionForm, record: &Value) -> Vec<FieldError> {
    let mut out = Vec::new();
    let (Some(from_f), Some(to_f)) = (field_at(form, "fromDate"), field_at(form, "toDate")) else {
        return out;
    };
    let from = text_at(record, "fromDate");
    let to = text_at(record, "toDate");
    if let Some(perpetual) = field_at(form, "toEternal") {
        match (flag(record, "toEternal"), &to) {
            (Some(true), Some(_)) => out.push(error(
                to_f,
                format!(
                    "{}: leave it empty while \u{201c}{}\u{201d} is ticked, or untick it.",
                    to_f.label, perpetual.label
                ),
            )),
            (Some(false), None) => out.push(error(
                to_f,
                format!(
                    "{} is required unless \u{201c}{}\u{201d} is ticked.",
                    to_f.label, perpetual.label
                ),
            )),
            _ => {}
        }
    }
    if from.is_some() && flag(record, "fromEternal") == Some(true) {
        out.push(error(
            from_f,
            format!(
                "{}: this record says the policy has no start date, so the date would be ignored; clear it, or re-enter the policy.",
                from_f.label
            ),
        ));
    }
    if let (Some(f), Some(t)) = (&from, &to) {
        if let (Ok(fd), Ok(td)) = (parse_date(f), parse_date(t)) {
            if td < fd {
                out.push(error(
                    to_f,
                    format!("{}: {t} is before {} {f}.", to_f.label, from_f.label),
                ));
            }
        }
    }
    out
}

/// The records of a section as entered: a list, or an API-style object
/// holding the list.
fn entered_records(entered: &BTreeMap<String, Value>, section: Section) -> &[Value] {
    match entered.get(section.key()) {
        Some(Value::Array(a)) => a,
        Some(Value::Object(o)) => ["definitions", "policies", "data"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array))
            .map(Vec::as_slice)
            .unwrap_or(&[]),
        _ => &[],
    }
}

/// Checks that each Reference field of `record` names a record entered in
/// the referenced section (by its id, or by its description as the rules
/// also accept). `entered`: section key → list of records, as the
/// assessment keeps them.
pub fn validate_references(
    form: &SectionForm,
    record: &Value,
    entered: &BTreeMap<String, Value>,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    for field in form.groups.iter().flat_map(|g| g.fields) {
        let FieldKind::Reference(section) = field.kind else {
            continue;
        };
        let (what, path) = match forms::form(section) {
            Some(f) => (f.title(), f.console_path()),
            None => (section.title(), section.how_to_collect()),
        };
        let wanted = get(record, field.key).and_then(as_text).unwrap_or_default();
        if wanted.is_empty() {
            if field.required {
                out.push(error(
                    field,
                    format!(
                        "{}: choose one of the {what}; add the definition first ({path}).",
                        field.label
                    ),
                ));
            }
            continue;
        }
        let found = entered_records(entered, section).iter().any(|r| {
            text_at(r, "id").is_some_and(|id| id == wanted)
                || text_at(r, "description").is_some_and(|d| d.eq_ignore_ascii_case(&wanted))
        });
        if !found {
            out.push(error(
                field,
                format!("{}: \u{201c}{wanted}\u{201d} is not among the entered {what}; add the definition first ({path}).", field.label),
            ));
        }
    }
    out
}
