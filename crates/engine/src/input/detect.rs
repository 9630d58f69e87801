//! Recognises which section a loose file holds, by content first and by
//! file name only to settle a tie.

use std::collections::BTreeSet;

use serde_json::Value;

use super::lists::records;
use super::InputError;
use crate::model::Section;

type Set = BTreeSet<Section>;

/// Decides the section of a loose (non-bundle) file.
pub fn section_of(value: &Value, file_name: &str) -> Result<Section, InputError> {
    let not_ours = || {
        InputError::plain("not a Mimecast configuration export: no list of records this tool recognises (expected an API response or a bundle)")
    };
    if value.get("settings").is_some() || value.get("incidents").is_some() {
        return Ok(Section::ThreatRemediation);
    }
    let list = records(value, "").ok_or_else(not_ours)?;
    let mut candidates: Option<Set> = None;
    for (path, item) in &list.items {
        let mine = record_candidates(item);
        if mine.is_empty() {
            let mut e = not_ours();
            e.message = format!("not a Mimecast configuration export: the record at {path} is not of a kind this tool recognises");
            e.path = Some(path.clone());
            return Err(e);
        }
        candidates = Some(match candidates {
            None => mine,
            Some(c) => c.intersection(&mine).copied().collect(),
        });
    }
    let candidates = candidates.unwrap_or_else(|| {
        Section::ALL
            .iter()
            .copied()
            .filter(|s| is_list_section(*s))
            .collect()
    });
    if candidates.is_empty() {
        return Err(InputError::plain(
            "the file mixes records of different kinds; save each API response in its own file",
        ));
    }
    if candidates.len() == 1 {
        return Ok(*candidates.first().expect("one candidate"));
    }
    let hinted: Vec<Section> = candidates
        .iter()
        .copied()
        .filter(|s| name_hints(file_name, *s))
        .collect();
    if let [one] = hinted.as_slice() {
        return Ok(*one);
    }
    let names: Vec<&str> = candidates.iter().map(|s| s.key()).collect();
    let what = if list.items.is_empty() {
        "an empty list"
    } else {
        "records"
    };
    Err(InputError {
        candidates: candidates.into_iter().collect(),
        ..InputError::plain(format!(
            "cannot tell which section this file holds: {what} that could be any of {}; choose its section, or rename the file after it (e.g. {}.json)",
            names.join(", "),
            names[0]
        ))
    })
}

/// Sections a loose file can hold as a plain list (not keyed sections).
fn is_list_section(s: Section) -> bool {
    !matches!(
        s,
        Section::DnsRecords | Section::GroupMembers | Section::ThreatRemediation
    )
}

/// The sections one record could belong to.
fn record_candidates(item: &Value) -> Set {
    let mut set = Set::new();
    let Some(obj) = item.as_object() else {
        return set;
    };
    if let Some(option) = obj.get("option").and_then(Value::as_str) {
        let body = policy_body(item);
        let has = |k: &str| {
            body.get(k).is_some() || body.get("conditions").and_then(|c| c.get(k)).is_some()
        };
        match option.to_ascii_lowercase().as_str() {
            "enable_bypass" | "disable_bypass" => {
                set.insert(Section::AntiSpoofingBypassPolicies);
            }
            "apply" | "apply_non_mimecast" => {
                set.insert(Section::AntiSpoofingPolicies);
            }
            "block_sender" => {
                set.insert(Section::BlockedSenderPolicies);
            }
            "permit_sender" => {
                set.insert(Section::PermittedSenderPolicies);
            }
            "no_action" if has("hostnames") => {
                set.insert(Section::AntiSpoofingPolicies);
            }
            "no_action" => {
                set.extend([
                    Section::AntiSpoofingPolicies,
                    Section::BlockedSenderPolicies,
                    Section::PermittedSenderPolicies,
                ]);
            }
            _ if has("spfDomains") => {
                set.insert(Section::AntiSpoofingBypassPolicies);
            }
            _ => {}
        }
        return set;
    }
    let has = |k: &str| obj.contains_key(k);
    let text_is = |k: &str, allowed: &[&str]| {
        obj.get(k)
            .and_then(Value::as_str)
            .is_some_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v)))
    };
    if has("definitionId") {
        set.extend([
            Section::ImpersonationPolicies,
            Section::DnsAuthInboundPolicies,
            Section::SpamScanningPolicies,
        ]);
    } else if obj.get("domain").is_some_and(Value::is_string)
        && ["sendOnly", "inboundType", "local"].iter().any(|k| has(k))
    {
        set.insert(Section::InternalDomains);
    } else if has("sender") && text_is("type", &["Permit", "Block", "AutoAllow"]) {
        set.insert(Section::ManagedSenders);
    } else if has("identifiers") || has("hitThreshold") {
        set.insert(Section::ImpersonationDefinitions);
    } else if ["spf", "dkim", "dmarc"]
        .iter()
        .any(|k| obj.get(*k).is_some_and(Value::is_object))
    {
        set.insert(Section::DnsAuthInboundDefinitions);
    } else if has("autoAllowSpamAction") || has("permittedSenderSpamAction") || has("spamAction") {
        set.insert(Section::SpamScanningDefinitions);
    } else if has("identified")
        && text_is("type", &["notify_only", "automatic", "manual", "restored"])
    {
        set.insert(Section::ThreatRemediation);
    } else if has("inboundCheck") || has("outboundCheck") {
        set.insert(Section::ContinuityMonitors);
    } else if has("connectorId") && has("state") {
        set.insert(Section::SyncRecoverTasks);
    } else if has("product") && has("provider") {
        set.insert(Section::Connectors);
    } else if has("folders") || has("folderCount") || has("parentId") || has("userCount") {
        set.insert(Section::Groups);
    } else if has("groupMembers") || has("groupID") || has("emailAddress") && has("internal") {
        set.insert(Section::GroupMembers);
    } else if has("auditType") && has("eventTime") {
        set.insert(Section::AuditEvents);
    } else if has("provider") && (has("status") || has("name")) {
        set.extend([Section::Connectors, Section::DirectoryIntegrations]);
    }
    set
}

/// The object holding a policy's fields: `policy` (object or first element)
/// in API 1.0, the record itself in API 2.0.
pub fn policy_body(item: &Value) -> &Value {
    match item.get("policy") {
        Some(Value::Object(_)) => &item["policy"],
        Some(Value::Array(a)) if !a.is_empty() => &a[0],
        _ => item,
    }
}

fn name_hints(file_name: &str, section: Section) -> bool {
    let name = file_name.to_ascii_lowercase().replace(['-', '_', ' '], "");
    let words: &[&str] = match section {
        Section::AntiSpoofingBypassPolicies => &["bypass"],
        Section::AntiSpoofingPolicies => &["antispoof"],
        Section::BlockedSenderPolicies => &["block"],
        Section::PermittedSenderPolicies => &["permit"],
        Section::InternalDomains => &["domain"],
        Section::ImpersonationPolicies => &["impersonation"],
        Section::DnsAuthInboundPolicies => &["dnsauth", "dnsauthentication"],
        Section::SpamScanningPolicies => &["spam"],
        Section::Connectors => &["connector"],
        Section::DirectoryIntegrations => &["integration", "directory"],
        _ => &[],
    };
    let key = section.key().to_ascii_lowercase();
    name.contains(&key)
        || words.iter().any(|w| name.contains(w))
            && !(section == Section::AntiSpoofingPolicies && name.contains("bypass"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recognises_sections_by_content() {
        let domains = json!({"meta": {}, "data": [{"id": "x", "domain": "example.com", "sendOnly": false}], "fail": []});
        assert_eq!(
            section_of(&domains, "response (1).json").unwrap(),
            Section::InternalDomains
        );
        let bypass = json!({"data": [{"id": "1", "option": "enable_bypass", "policy": {"conditions": {"spfDomains": []}}}]});
        assert_eq!(
            section_of(&bypass, "x.json").unwrap(),
            Section::AntiSpoofingBypassPolicies
        );
        let asp = json!({"definitions": [{"option": "apply_non_mimecast"}, {"option": "no_action", "sourceIPs": ["192.0.2.1/32"]}]});
        assert_eq!(
            section_of(&asp, "x.json").unwrap(),
            Section::AntiSpoofingPolicies
        );
    }

    #[test]
    fn ambiguous_files_are_settled_by_name_or_refused() {
        let v = json!([{"option": "no_action", "policy": {"from": {"type": "everyone"}}}]);
        let err = section_of(&v, "response.json").unwrap_err();
        assert!(err.message.contains("cannot tell"), "{}", err.message);
        assert_eq!(
            err.candidates,
            [
                Section::PermittedSenderPolicies,
                Section::BlockedSenderPolicies,
                Section::AntiSpoofingPolicies
            ]
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        assert_eq!(
            section_of(&v, "blocked-senders.json").unwrap(),
            Section::BlockedSenderPolicies
        );
        assert_eq!(
            section_of(&v, "anti-spoofing.json").unwrap(),
            Section::AntiSpoofingPolicies
        );
    }

    #[test]
    fn foreign_json_is_not_a_mimecast_export() {
        for v in [json!({"hello": "world"}), json!([{"name": "x"}]), json!(42)] {
            assert!(section_of(&v, "f.json")
                .unwrap_err()
                .message
                .starts_with("not a Mimecast configuration export"));
        }
    }

    #[test]
    fn mixed_files_are_refused() {
        let v = json!([{"option": "apply"}, {"option": "block_sender"}]);
        assert!(section_of(&v, "f.json")
            .unwrap_err()
            .message
            .contains("mixes"));
    }
}
