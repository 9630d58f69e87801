//! URL Protect, Attachment Protect, Attachment Management, managed URLs and
//! the removed Dangerous File Types: wire shapes → the model, and how a
//! loose file of them is recognised. Enum values are compared
//! case-insensitively (`PERMIT` = `permit`); unknown ones are kept and noted.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::lists::records_or_one;
use super::normalize::join;
use super::raw::{Flag, Text};
use super::records::{id_or_content, text, Rec};
use super::Skipped;
use crate::model::{
    AttachmentManagementDefinition, AttachmentProtectDefinition, DangerousFileTypes, Licences,
    ManagedUrl, Section, UrlProtectDefinition, DEFAULT_ACTIONS, DELIVERY_OPTIONS,
};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawUrlProtectDefinition {
    id: Option<Text>,
    description: Option<Text>,
    inbound_check: Option<Flag>,
    rewrite_mode: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawAttachmentProtectDefinition {
    id: Option<Text>,
    description: Option<Text>,
    inbound_check: Option<Flag>,
    delivery_option: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawAttachmentManagementDefinition {
    id: Option<Text>,
    description: Option<Text>,
    default_action: Option<Text>,
    block_dangerous_file_types: Option<Flag>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct RawManagedUrl {
    id: Option<Text>,
    url: Option<Text>,
    scheme: Option<Text>,
    domain: Option<Text>,
    port: Option<Text>,
    path: Option<Text>,
    query_string: Option<Text>,
    action: Option<Text>,
    match_type: Option<Text>,
    disable_rewrite: Option<Flag>,
    disable_user_awareness: Option<Flag>,
    disable_log_click: Option<Flag>,
    comment: Option<Text>,
}

/// The value lowercased, with spaces and dashes as `_`; noted when it is
/// not one of `known`.
fn closed(r: &mut Rec, field: &str, raw: &Option<Text>, known: &[&str]) -> Option<String> {
    let v = text(raw)?;
    let norm: String = v
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if !known.contains(&norm.as_str()) {
        r.status.notes.push(format!(
            "{}: unknown value \"{v}\" kept as is",
            join(r.path, field)
        ));
    }
    Some(norm)
}

pub fn url_protect_definition(mut r: Rec) -> Result<UrlProtectDefinition, Skipped> {
    let raw: RawUrlProtectDefinition = r.read()?;
    let rewrite_mode = closed(
        &mut r,
        "rewriteMode",
        &raw.rewrite_mode,
        &["aggressive", "moderate", "relaxed"],
    );
    Ok(UrlProtectDefinition {
        id: id_or_content(&raw.id, r.item),
        description: text(&raw.description).unwrap_or_default(),
        inbound_check: raw.inbound_check.map(|f| f.0),
        rewrite_mode,
        origin: r.origin(),
    })
}

pub fn attachment_protect_definition(mut r: Rec) -> Result<AttachmentProtectDefinition, Skipped> {
    let raw: RawAttachmentProtectDefinition = r.read()?;
    let delivery_option = closed(
        &mut r,
        "deliveryOption",
        &raw.delivery_option,
        DELIVERY_OPTIONS,
    );
    Ok(AttachmentProtectDefinition {
        id: id_or_content(&raw.id, r.item),
        description: text(&raw.description).unwrap_or_default(),
        inbound_check: raw.inbound_check.map(|f| f.0),
        delivery_option,
        origin: r.origin(),
    })
}

pub fn attachment_management_definition(
    mut r: Rec,
) -> Result<AttachmentManagementDefinition, Skipped> {
    let raw: RawAttachmentManagementDefinition = r.read()?;
    let default_action = closed(
        &mut r,
        "defaultAction",
        &raw.default_action,
        DEFAULT_ACTIONS,
    );
    Ok(AttachmentManagementDefinition {
        id: id_or_content(&raw.id, r.item),
        description: text(&raw.description).unwrap_or_default(),
        default_action,
        block_dangerous_file_types: raw.block_dangerous_file_types.map(|f| f.0),
        origin: r.origin(),
    })
}

/// The host of a URL or bare domain: no scheme, user, port, path, query
/// or trailing dot; lowercase.
pub fn host_of(url: &str) -> String {
    let rest = url.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let rest = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let rest = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let host = match rest.strip_prefix('[') {
        // An IPv6 literal keeps its colons.
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => rest.split(':').next().unwrap_or_default(),
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// `scheme://domain[:port]/path[?query]` from the parts of an entry;
/// `port` -1 (or absent, or 0) means none.
fn url_from_parts(raw: &RawManagedUrl, domain: &str) -> String {
    let scheme = text(&raw.scheme).unwrap_or_else(|| "https".into());
    let mut url = format!("{}://{domain}", scheme.to_ascii_lowercase());
    if let Some(port) = text(&raw.port)
        .and_then(|p| p.parse::<i64>().ok())
        .filter(|p| *p > 0)
    {
        url.push_str(&format!(":{port}"));
    }
    if let Some(path) = text(&raw.path) {
        if !path.starts_with('/') {
            url.push('/');
        }
        url.push_str(&path);
    }
    if let Some(q) = text(&raw.query_string) {
        url.push('?');
        url.push_str(q.trim_start_matches('?'));
    }
    url
}

pub fn managed_url(mut r: Rec) -> Result<ManagedUrl, Skipped> {
    let raw: RawManagedUrl = r.read()?;
    let (url, domain) = match (text(&raw.url), text(&raw.domain)) {
        (Some(url), part) => {
            let domain = part.map_or_else(|| host_of(&url), |d| host_of(&d));
            (url, domain)
        }
        (None, Some(part)) => {
            let domain = host_of(&part);
            (url_from_parts(&raw, &domain), domain)
        }
        (None, None) => {
            return Err(Skipped(format!(
                "record at {} skipped: neither {} nor {} is given",
                super::detect::shown(r.path),
                join(r.path, "url"),
                join(r.path, "domain")
            )))
        }
    };
    let action = closed(&mut r, "action", &raw.action, &["block", "permit"]).unwrap_or_default();
    let match_type = closed(
        &mut r,
        "matchType",
        &raw.match_type,
        &["explicit", "domain"],
    )
    .unwrap_or_default();
    let flag = |f: Option<Flag>| f.is_some_and(|f| f.0);
    Ok(ManagedUrl {
        id: id_or_content(&raw.id, r.item),
        url,
        domain,
        action,
        match_type,
        disable_rewrite: flag(raw.disable_rewrite),
        disable_user_awareness: flag(raw.disable_user_awareness),
        disable_log_click: flag(raw.disable_log_click),
        comment: text(&raw.comment).unwrap_or_default(),
        origin: r.origin(),
    })
}

/// An extension as the list keeps it: trimmed, no leading dot, lowercase.
pub fn extension(t: &str) -> String {
    t.trim().trim_start_matches('.').to_ascii_lowercase()
}

/// Reads `{"removed": [...]}` (or one extension of a bare list) into
/// `into`, adding to what earlier files gave.
pub fn dangerous_file_types(r: Rec, into: &mut Option<DangerousFileTypes>) -> Result<(), Skipped> {
    let (list, at): (Vec<&Value>, String) = match r.item {
        Value::String(_) => (vec![r.item], r.path.to_string()),
        Value::Object(o) => match o.get("removed") {
            Some(Value::Array(a)) => (a.iter().collect(), join(r.path, "removed")),
            Some(Value::Null) | None => (Vec::new(), join(r.path, "removed")),
            Some(other) => {
                return Err(Skipped(format!(
                    "{}: expected a list of file types, found {}",
                    join(r.path, "removed"),
                    super::normalize::kind_of(other)
                )))
            }
        },
        other => {
            return Err(Skipped(format!(
                "{}: expected {{\"removed\": [file types]}}, found {}",
                super::detect::shown(r.path),
                super::normalize::kind_of(other)
            )))
        }
    };
    let dft = into.get_or_insert_with(|| DangerousFileTypes {
        removed: Vec::new(),
        origin: r.origin(),
    });
    for (i, v) in list.iter().enumerate() {
        match v.as_str().map(extension).filter(|e| !e.is_empty()) {
            Some(e) if !dft.removed.contains(&e) => dft.removed.push(e),
            Some(_) => {}
            None => r.status.warnings.push(format!(
                "{at}[{i}]: expected a file type such as \"iso\", found {}",
                super::normalize::kind_of(v)
            )),
        }
    }
    Ok(())
}

/// The licence questions, by their key in `licences`.
pub const LICENCE_KEYS: &[&str] = &["urlProtect", "attachmentProtect"];

/// Reads the checklist's licence answers (`{"urlProtect": "yes", …}`; also
/// `true` / `false` or "licensed" / "not licensed"); a later file's answer
/// wins. An answer that cannot be read is left unanswered, with a warning.
pub fn licences(r: Rec, into: &mut Option<Licences>) -> Result<(), Skipped> {
    let Value::Object(o) = r.item else {
        return Err(Skipped(format!(
            "{}: expected {{\"urlProtect\": \"yes\" | \"no\", \"attachmentProtect\": …}}, found {}",
            super::detect::shown(r.path),
            super::normalize::kind_of(r.item)
        )));
    };
    let answers = into.get_or_insert_with(|| Licences {
        origin: r.origin(),
        ..Licences::default()
    });
    for (key, v) in o {
        let slot = match key.as_str() {
            "urlProtect" => &mut answers.url_protect,
            "attachmentProtect" => &mut answers.attachment_protect,
            _ => continue,
        };
        match licence_answer(v) {
            Ok(a) => *slot = a.or(*slot),
            Err(()) => r.status.warnings.push(format!(
                "{}: expected \"yes\" or \"no\", found {}; the question is left unanswered",
                join(r.path, key),
                super::normalize::kind_of(v)
            )),
        }
    }
    Ok(())
}

/// `Some(true)` licensed, `Some(false)` not, `None` not answered.
fn licence_answer(v: &Value) -> Result<Option<bool>, ()> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        Value::String(s) => match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "" | "unknown" | "not_sure" => Ok(None),
            "yes" | "true" | "licensed" => Ok(Some(true)),
            "no" | "false" | "not_licensed" | "unlicensed" => Ok(Some(false)),
            _ => Err(()),
        },
        _ => Err(()),
    }
}

fn text_in(obj: &Map<String, Value>, key: &str, allowed: &[&str]) -> bool {
    obj.get(key)
        .and_then(Value::as_str)
        .is_some_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v.trim())))
}

fn has_match_type(v: &Value) -> bool {
    v.get("matchType").is_some()
}

fn blocks_or_permits(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| text_in(o, "action", &["block", "permit"]))
}

/// The section of a loose file recognised as a whole: a managed URLs
/// listing (every record with a match type, and an action of block or
/// permit on at least one: an unknown action is kept and noted), or the
/// removed Dangerous File
/// Types (`{"removed": [...]}`).
pub fn file_section(value: &Value) -> Option<Section> {
    if let Some(obj) = value.as_object() {
        if obj.get("removed").is_some_and(Value::is_array)
            && obj.keys().all(|k| k == "removed" || k.starts_with("x-"))
        {
            return Some(Section::DangerousFileTypes);
        }
        if !obj.is_empty() && obj.keys().all(|k| LICENCE_KEYS.contains(&k.as_str())) {
            return Some(Section::Licences);
        }
    }
    let list = records_or_one(value, "")?;
    let items = || list.items.iter().map(|(_, v)| *v);
    (items().all(has_match_type) && items().any(blocks_or_permits)).then_some(Section::ManagedUrls)
}

/// The section of a definition record by the keys only it has: URL
/// Protect and Attachment Protect definitions have `inboundCheck` like a
/// continuity monitor, but also a rewrite mode or user awareness, or a
/// delivery option; an Attachment Set has its Block / Allow default.
pub fn definition_section(obj: &Map<String, Value>) -> Option<Section> {
    let has = |k: &str| obj.contains_key(k);
    if has("deliveryOption") {
        return Some(Section::AttachmentProtectDefinitions);
    }
    if has("rewriteMode") || has("userAwareness") || has("urlCategoryScanning") {
        return Some(Section::UrlProtectDefinitions);
    }
    if text_in(obj, "defaultAction", DEFAULT_ACTIONS) || has("blockDangerousFileTypes") {
        return Some(Section::AttachmentManagementDefinitions);
    }
    None
}

/// Words of a file name that point at one of these sections.
pub fn name_words(section: Section) -> Option<&'static [&'static str]> {
    Some(match section {
        Section::ManagedUrls => &["managedurl"],
        Section::UrlProtectDefinitions => &["urlprotectdefinition", "urlprotectiondefinition"],
        Section::UrlProtectPolicies => &["urlprotectpolic", "urlprotectionpolic"],
        Section::UrlProtectBypassPolicies => &["urlprotectbypass", "urlprotectionbypass"],
        Section::AttachmentProtectDefinitions => &[
            "attachmentprotectdefinition",
            "attachmentprotectiondefinition",
        ],
        Section::AttachmentProtectPolicies => {
            &["attachmentprotectpolic", "attachmentprotectionpolic"]
        }
        Section::AttachmentProtectBypassPolicies => {
            &["attachmentprotectbypass", "attachmentprotectionbypass"]
        }
        Section::AttachmentManagementDefinitions => &["attachmentset", "attachmentmanagementdef"],
        Section::AttachmentManagementPolicies => &["attachmentmanagementpolic"],
        Section::DangerousFileTypes => &["dangerousfile"],
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
