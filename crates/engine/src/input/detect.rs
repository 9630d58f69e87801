//! Recognises what a loose file holds, by content first and by file name
//! only to settle a tie: a section, the account, or the response of a call
//! this tool does not read.
//!
//! A record is recognised by its keys taken together, never by one key
//! alone: a `get-account` record has `userCount` and is not a group, and an
//! `add-group-member` answer has `emailAddress` and `internal` and is not a
//! member listing.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::lists::{records_or_one, Records};
use super::InputError;
use crate::model::Section;

type Set = BTreeSet<Section>;

/// What a loose (non-bundle) file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// A section this tool reads.
    Section(Section),
    /// The account (`POST /api/account/get-account`).
    Account,
    /// The response of an API call this tool does not read: the call it
    /// looks like, for people.
    NotAnalysed(String),
}

/// What one record looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Looks {
    /// A record of one of these sections.
    Sections(Set),
    /// A `get-account` record.
    Account,
    /// A record of a call this tool does not read.
    Call(&'static str),
}

const ADD_GROUP_MEMBER: &str =
    "a change of group members (`POST /api/directory/add-group-member` or `remove-group-member`), a write call";
const MANAGED_URLS: &str =
    "managed URLs (`POST /api/ttp/url/get-all-managed-urls` or `create-managed-url`)";
const PENDING_DOMAINS: &str = "pending domains (`GET /domain/cloud-gateway/v1/pending-domains`)";
const GATEWAY_DETAILS: &str = "gateway details (`GET /email/cloud-gateway/v1/gateway-details`)";

/// Keys only a `get-account` record has (two or more of them make one).
const ACCOUNT_KEYS: &[&str] = &[
    "accountCode",
    "accountName",
    "adminSessionTimeout",
    "archive",
    "automatedSegmentPurge",
    "contentAdministratorDefaultView",
    "cybergraphV2Enabled",
    "databaseCode",
    "exgestAllowExtraction",
    "exgestAllowQuery",
    "exportApi",
    "expressAccount",
    "gateway",
    "mailPlatform",
    "maxRetention",
    "maxRetentionConfirmed",
    "mimecastId",
    "minRetentionEnabled",
    "packages",
    "passphrase",
    "policyInheritance",
    "searchReason",
    "supportCode",
];

/// Keys of the gateway details (API 2.0), two or more of them make one.
const GATEWAY_KEYS: &[&str] = &[
    "inboundMxRecords",
    "outboundHostnames",
    "outboundEnabled",
    "protectionMode",
];

/// The keys a pending domain may have; an internal domain has more.
const PENDING_DOMAIN_KEYS: &[&str] = &[
    "id",
    "domain",
    "status",
    "verificationCode",
    "verificationStatus",
    "createTime",
    "expiry",
];

/// Words of a file name that name a write call (`delete-policy`,
/// `add-group-member` …): such a file says nothing about a section's
/// content when it holds no record.
const WRITE_WORDS: &[&str] = &["add", "create", "delete", "remove", "update"];

fn not_ours() -> InputError {
    InputError::plain("not a Mimecast configuration export: no list of records this tool recognises (expected an API response or a bundle)")
}

/// Checks a section the user chose for a loose file against what the file
/// holds: the choice settles an ambiguous file (one that could be several
/// sections, the chosen one among them), but never turns a file into a
/// section its records are not of.
pub fn confirm(
    chosen: Section,
    found: Result<Detected, InputError>,
) -> Result<Detected, InputError> {
    let refuse = |what: String| {
        Err(InputError::plain(format!(
            "this file was chosen as {} ({}), but {what}",
            chosen.title(),
            chosen.key()
        )))
    };
    match found {
        Ok(Detected::Section(s)) if s == chosen => Ok(Detected::Section(s)),
        // Address Alteration Sets have the shape of profile groups.
        Ok(Detected::Section(Section::Groups)) if chosen == Section::AddressAlterationSets => {
            Ok(Detected::Section(chosen))
        }
        Err(e) if e.candidates.contains(&chosen) => Ok(Detected::Section(chosen)),
        Ok(Detected::Section(s)) => refuse(format!("its records are {} ({})", s.title(), s.key())),
        Ok(Detected::Account) => refuse("it holds the account's details".into()),
        Ok(Detected::NotAnalysed(call)) => refuse(format!("it is the response of {call}")),
        Err(e) if !e.candidates.is_empty() => refuse(format!(
            "its records can only be {}",
            e.candidates
                .iter()
                .map(|c| c.key())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Err(e) => Err(InputError {
            message: format!(
                "this file was chosen as {} ({}), but {}",
                chosen.title(),
                chosen.key(),
                e.message
            ),
            ..e
        }),
    }
}

/// Decides what a loose (non-bundle) file holds.
pub fn detect(value: &Value, file_name: &str) -> Result<Detected, InputError> {
    if value.get("settings").is_some() || value.get("incidents").is_some() {
        return Ok(Detected::Section(Section::ThreatRemediation));
    }
    // Wave 2, group A: object-shaped files (gateway details, Exchange
    // Online output) below.
    if let Some(s) = super::normalize::exchange::detect(value, file_name) {
        return Ok(Detected::Section(s));
    }
    if let Some((obj, ..)) = super::normalize::gateway::unwrap(value, "") {
        if super::normalize::gateway::looks_like(obj) || count(obj, GATEWAY_KEYS) >= 2 {
            return Ok(Detected::Section(Section::GatewayDetails));
        }
    }

    // Wave 2, group B: object-shaped files below.
    // A `get-packages` answer: its product names join the account's packages.
    if let Some(list) = records_or_one(value, "") {
        if !list.items.is_empty()
            && list.items.iter().all(|(_, i)| {
                // (An API application also lists products, with its
                // name and role.)
                i.get("products").is_some()
                    && [
                        "applicationName",
                        "applicationId",
                        "clientId",
                        "role",
                        "roleId",
                    ]
                    .iter()
                    .all(|k| i.get(*k).is_none())
            })
        {
            return Ok(Detected::Account);
        }
        // Address Alteration Sets are folders just like profile groups: a
        // file of folders is the sets only when its name says so.
        if !list.items.is_empty()
            && name_hints(file_name, Section::AddressAlterationSets)
            && list.items.iter().all(|(_, i)| {
                i.as_object().is_some_and(|o| {
                    o.get("folders").is_some_and(Value::is_array)
                        || count(o, &["id", "parentId", "folderCount", "userCount"]) >= 2
                })
            })
        {
            return Ok(Detected::Section(Section::AddressAlterationSets));
        }
    }

    // Wave 2, group C: object-shaped files below.
    if let Some(s) = super::ttp::file_section(value) {
        return Ok(Detected::Section(s));
    }

    // Wave 2, group D: below.
    if ["adminProfile", "apiApplications", "adminIpRanges"]
        .iter()
        .any(|k| value.get(*k).is_some())
    {
        return Ok(Detected::Section(Section::AdminAuthentication));
    }

    let list = records_or_one(value, "").ok_or_else(not_ours)?;
    let mut looks: Vec<Looks> = Vec::new();
    for (path, item) in &list.items {
        match looks_like(item) {
            Some(l) => looks.push(l),
            None => {
                return Err(InputError {
                    path: (!path.is_empty()).then(|| path.clone()),
                    ..InputError::plain(format!(
                        "not a Mimecast configuration export: the record at {} is not of a kind this tool recognises",
                        shown(path)
                    ))
                })
            }
        }
    }
    if list.items.is_empty() {
        looks = requests(&list);
    }
    let mixed = || {
        InputError::plain(
            "the file mixes records of different kinds; save each API response in its own file",
        )
    };
    let mut candidates: Option<Set> = None;
    let mut call: Option<&'static str> = None;
    let mut account = false;
    for l in &looks {
        match l {
            Looks::Account => account = true,
            Looks::Call(c) if call.is_none_or(|x| x == *c) => call = Some(c),
            Looks::Call(_) => return Err(mixed()),
            Looks::Sections(mine) => {
                candidates = Some(match candidates {
                    None => mine.clone(),
                    Some(c) => c.intersection(mine).copied().collect(),
                })
            }
        }
    }
    match (account, call, &candidates) {
        (true, None, None) => return Ok(Detected::Account),
        (false, Some(c), None) => return Ok(Detected::NotAnalysed(c.into())),
        (false, None, _) => {}
        _ => return Err(mixed()),
    }
    if list.items.is_empty() && candidates.is_none() {
        if let Some(word) = write_word(file_name) {
            return Ok(Detected::NotAnalysed(format!(
                "a write call (the file name says \"{word}\") that returned no record"
            )));
        }
    }
    let candidates = candidates.unwrap_or_else(|| {
        Section::ALL
            .iter()
            .copied()
            // A loose file can hold a plain list only of a list section.
            .filter(|s| s.shape() == crate::model::Shape::List)
            .collect()
    });
    if candidates.is_empty() {
        return Err(mixed());
    }
    if candidates.len() == 1 {
        return Ok(Detected::Section(
            *candidates.first().expect("one candidate"),
        ));
    }
    let hinted: Vec<Section> = candidates
        .iter()
        .copied()
        .filter(|s| name_hints(file_name, *s))
        .collect();
    if let [one] = hinted.as_slice() {
        return Ok(Detected::Section(*one));
    }
    let names: Vec<&str> = candidates.iter().map(|s| s.key()).collect();
    let what = if list.items.is_empty() {
        "an empty list"
    } else {
        "records"
    };
    let problems = list.problems();
    let reported = if problems.is_empty() {
        String::new()
    } else {
        format!("; the API reported a failure: {}", problems.join(", "))
    };
    Err(InputError {
        candidates: candidates.into_iter().collect(),
        ..InputError::plain(format!(
            "cannot tell which section this file holds: {what} that could be any of {}; choose its section, or rename the file after it (e.g. {}.json){reported}",
            names.join(", "),
            names[0]
        ))
    })
}

/// A record's path for people: the top level when it has none.
pub fn shown(path: &str) -> &str {
    if path.is_empty() {
        "the top level"
    } else {
        path
    }
}

fn count(obj: &Map<String, Value>, keys: &[&str]) -> usize {
    keys.iter().filter(|k| obj.contains_key(**k)).count()
}

/// What the requests of a failed call with no records looked like: the
/// API echoes each request in `fail[].key` (`{"option": "block_sender"}`
/// for a blocked-senders policy, `{"sender", "to", "action"}` for a managed
/// sender).
fn requests(list: &Records) -> Vec<Looks> {
    if !list.failed() {
        return Vec::new();
    }
    list.fail_keys
        .iter()
        .filter_map(|key| {
            let obj = key.as_object()?;
            let has = |k: &str| obj.contains_key(k);
            if has("option") {
                let set = policy_candidates(key);
                return (!set.is_empty()).then_some(Looks::Sections(set));
            }
            if has("sender") && has("to") && has("action") {
                return Some(Looks::Sections([Section::ManagedSenders].into()));
            }
            if has("id") && (has("emailAddress") || has("domain")) && obj.len() == 2 {
                return Some(Looks::Call(ADD_GROUP_MEMBER));
            }
            None
        })
        .collect()
}

/// The file name's first word that names a write call, if any.
fn write_word(file_name: &str) -> Option<&'static str> {
    let stem = file_name.rsplit('/').next().unwrap_or(file_name);
    let lower = stem.to_ascii_lowercase();
    if lower.replace(['-', '_', ' '], "").contains("permitorblock") {
        return Some("permit-or-block");
    }
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find_map(|w| WRITE_WORDS.iter().copied().find(|x| *x == w))
}

/// What one record looks like; `None` when it is of no kind this tool
/// knows.
fn looks_like(item: &Value) -> Option<Looks> {
    let obj = item.as_object()?;
    if count(obj, ACCOUNT_KEYS) >= 2 {
        return Some(Looks::Account);
    }
    if obj.get("option").is_some_and(Value::is_string) {
        let set = policy_candidates(item);
        return (!set.is_empty()).then_some(Looks::Sections(set));
    }
    if let Some(call) = unread_call(obj) {
        return Some(Looks::Call(call));
    }
    let set = record_candidates(obj);
    (!set.is_empty()).then_some(Looks::Sections(set))
}

/// The call a record of a call this tool does not read comes from.
fn unread_call(obj: &Map<String, Value>) -> Option<&'static str> {
    let has = |k: &str| obj.contains_key(k);
    if has("folderId") && (has("emailAddress") || has("domain")) {
        return Some(ADD_GROUP_MEMBER);
    }
    if has("matchType")
        && [
            "action",
            "disableRewrite",
            "disableUserAwareness",
            "disableLogClick",
        ]
        .iter()
        .any(|k| has(k))
    {
        return Some(MANAGED_URLS);
    }
    if count(obj, GATEWAY_KEYS) >= 2 {
        return Some(GATEWAY_DETAILS);
    }
    if obj.get("domain").is_some_and(Value::is_string)
        && !["sendOnly", "inboundType", "local"].iter().any(|k| has(k))
        && obj
            .keys()
            .all(|k| PENDING_DOMAIN_KEYS.contains(&k.as_str()))
        && has("id")
    {
        return Some(PENDING_DOMAINS);
    }
    None
}

/// A policy record with neither `option` nor `definitionId`: of the policy
/// calls, only address alteration answers so (its records name their set in
/// `addressAlterationSetId`, which an update call's answer may leave out).
fn is_optionless_policy(obj: &Map<String, Value>) -> bool {
    let has = |k: &str| obj.contains_key(k);
    let body = match obj.get("policy") {
        Some(Value::Object(b)) => Some(b),
        Some(Value::Array(a)) => a.first().and_then(Value::as_object),
        _ => None,
    };
    let policy_shaped = body.is_some()
        || ["from", "to"]
            .iter()
            .all(|k| obj.get(*k).is_some_and(Value::is_object))
            && [
                "fromPart",
                "fromEternal",
                "fromDate",
                "fromDateTime",
                "bidirectional",
            ]
            .iter()
            .any(|k| has(k));
    policy_shaped
        && [Some(obj), body]
            .into_iter()
            .flatten()
            .all(|m| !m.contains_key("option") && !m.contains_key("definitionId"))
}

/// The sections a policy record (one with an `option`) could belong to.
fn policy_candidates(item: &Value) -> Set {
    let mut set = Set::new();
    let Some(option) = item.get("option").and_then(Value::as_str) else {
        return set;
    };
    let body = policy_body(item);
    let has =
        |k: &str| body.get(k).is_some() || body.get("conditions").and_then(|c| c.get(k)).is_some();
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
    if option.eq_ignore_ascii_case("apply") || option.eq_ignore_ascii_case("no_action") {
        set.insert(Section::GreylistingPolicies);
    }
    set
}

/// The sections a record with no `option` could belong to, from the keys
/// it has taken together.
fn record_candidates(obj: &Map<String, Value>) -> Set {
    let mut set = Set::new();
    let has = |k: &str| obj.contains_key(k);
    let text_is = |k: &str, allowed: &[&str]| {
        obj.get(k)
            .and_then(Value::as_str)
            .is_some_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v)))
    };
    // Wave 2, group A: early-return branches below.

    // Wave 2, group B: early-return branches below.
    if has("signDkim") || has("selector") && has("keyLength") {
        return [Section::DnsAuthOutboundDefinitions].into();
    }
    if has("transferProtocol")
        || has("smtpJournalingConnection")
        || has("pop3JournalingConnection")
        || has("usePop3")
    {
        return [Section::JournalingServices].into();
    }
    if has("originalAddress") && has("newAddress")
        || obj.get("items").and_then(Value::as_array).is_some_and(|a| {
            a.is_empty()
                || a.iter()
                    .any(|i| i.get("originalAddress").is_some() || i.get("newAddress").is_some())
        })
    {
        return [Section::AddressAlterationDefinitions].into();
    }
    if has("addressAlterationSetId") || is_optionless_policy(obj) {
        return [Section::AddressAlterationPolicies].into();
    }
    if has("definitionId") {
        // With the sections the branch below adds.
        set.insert(Section::DnsAuthOutboundPolicies);
    }

    // Wave 2, group C: early-return branches below.
    if let Some(s) = super::ttp::definition_section(obj) {
        return [s].into();
    }

    // Wave 2, group D: below.

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
    } else if obj.get("folders").is_some_and(Value::is_array)
        || count(obj, &["id", "parentId", "folderCount", "userCount"]) >= 2
        || has("id") && has("description") && text_is("source", &["cloud", "ldap"])
    {
        // A find-groups answer (`data[0].folders[]`) or one group of it.
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
        // Wave 2, group A: hints below.
        Section::ExchangeOnline => &["inbound", "orgconfig", "organizationconfig"],

        // Wave 2, group B: hints below.
        Section::DnsAuthOutboundDefinitions | Section::DnsAuthOutboundPolicies => &[
            "dnsauthenticationoutbound",
            "dnsauthoutbound",
            "dkim",
            "outbound",
        ],
        Section::GreylistingPolicies => &["greylist"],
        Section::JournalingServices => &["journal"],
        Section::AddressAlterationSets => &["alterationset", "alteration"],
        Section::AddressAlterationDefinitions => &["alterationdefinition"],
        Section::AddressAlterationPolicies => &["alterationpolic"],

        // Wave 2, group C: hints below.
        s if super::ttp::name_words(s).is_some() => super::ttp::name_words(s).unwrap_or(&[]),

        // Wave 2, group D: below.
        _ => &[],
    };
    let key = section.key().to_ascii_lowercase();
    name.contains(&key)
        || words.iter().any(|w| name.contains(w))
            && !(section == Section::AntiSpoofingPolicies && name.contains("bypass"))
            && !(section == Section::DnsAuthInboundPolicies && name.contains("outbound"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn section_of(v: &Value, name: &str) -> Result<Section, InputError> {
        match detect(v, name)? {
            Detected::Section(s) => Ok(s),
            other => panic!("{name}: expected a section, got {other:?}"),
        }
    }

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
                Section::AntiSpoofingPolicies,
                Section::GreylistingPolicies
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
