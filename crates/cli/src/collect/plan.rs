//! What the collector reads: one entry per bundle section, with the call
//! (API 2.0 REST `GET`, or API 1.0 `POST`) and the permission it needs.

use serde_json::{json, Value};

/// How a call pages.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// API 2.0: `GET path?pageSize=…&pageToken=…`.
    Rest(String),
    /// API 1.0: `POST path` with `{"meta":{"pagination":…},"data":[…]}`.
    Legacy(&'static str, Value),
    /// API 2.0: one `GET path` answering a single object (no pages).
    Single(&'static str),
}

impl Source {
    pub fn describe(&self) -> String {
        match self {
            Source::Rest(p) => format!("GET {p}"),
            Source::Legacy(p, _) => format!("POST {p}"),
            Source::Single(p) => format!("GET {p}"),
        }
    }
}

/// One section's calls.
#[derive(Debug, Clone)]
pub struct Step {
    /// The bundle key.
    pub key: &'static str,
    /// The first call; `fallback` is tried when it answers 404.
    pub source: Source,
    pub fallback: Option<Source>,
    /// The permission the application's role needs, as the Mimecast
    /// documentation names it.
    pub permission: &'static str,
}

pub const POLICIES_READ: &str = "Gateway / Policies / Read";
pub const GROUPS_READ: &str = "Directories / Groups / Read";
pub const INCIDENTS_READ: &str = "Services / Threat Remediation / Read";

/// Mimecast's date style for API 1.0 bodies.
fn api_date(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

/// The sections read, in order. `now` dates the windows of the incident and
/// audit-event searches (the last 90 and 30 days).
pub fn steps(now: chrono::DateTime<chrono::Utc>) -> Vec<Step> {
    let days = |n: i64| api_date(now - chrono::Duration::days(n));
    vec![
        Step {
            key: "account",
            source: Source::Legacy("/api/account/get-account", json!([])),
            fallback: None,
            permission: "Account / Dashboard / Read",
        },
        Step {
            key: "internalDomains",
            source: Source::Rest("/domain/cloud-gateway/v1/internal-domains".into()),
            fallback: Some(Source::Legacy(
                "/api/domain/get-internal-domain",
                json!([{}]),
            )),
            permission: "Directories / Internal / Read",
        },
        Step {
            key: "antiSpoofingPolicies",
            source: Source::Rest(
                "/policy-management/cloud-gateway/v1/anti-spoofing/policies".into(),
            ),
            fallback: None,
            permission: POLICIES_READ,
        },
        Step {
            key: "antiSpoofingBypassPolicies",
            source: Source::Rest(
                "/policy-management/cloud-gateway/v1/anti-spoofing-bypass/policies".into(),
            ),
            fallback: Some(Source::Legacy(
                "/api/policy/antispoofing-bypass/get-policy",
                json!([{}]),
            )),
            permission: POLICIES_READ,
        },
        Step {
            key: "blockedSenderPolicies",
            source: Source::Rest(
                "/policy-management/cloud-gateway/v1/blocked-senders/policies".into(),
            ),
            fallback: Some(Source::Legacy(
                "/api/policy/blockedsenders/get-policy",
                json!([{}]),
            )),
            permission: POLICIES_READ,
        },
        Step {
            key: "groups",
            source: Source::Rest("/directory/cloud-gateway/v1/groups".into()),
            fallback: None,
            permission: GROUPS_READ,
        },
        Step {
            key: "connectors",
            source: Source::Rest("/connector/cloud-gateway/v1/connectors".into()),
            fallback: None,
            permission:
                "Services / Connectors / Edit (as documented; no Read permission is listed)",
        },
        Step {
            key: "directoryIntegrations",
            source: Source::Rest("/directory/cloud-gateway/v1/integrations".into()),
            fallback: None,
            permission: "Services / Directory Sync / Read",
        },
        Step {
            key: "threatRemediation",
            source: Source::Legacy(
                "/api/ttp/remediation/find-incidents",
                json!([{"start": days(90), "end": api_date(now)}]),
            ),
            fallback: None,
            permission: INCIDENTS_READ,
        },
        Step {
            key: "auditEvents",
            source: Source::Legacy(
                "/api/audit/get-audit-events",
                json!([{"startDateTime": days(30), "endDateTime": api_date(now)}]),
            ),
            fallback: None,
            permission: "Account / Logs / Read (unconfirmed)",
        },
    ]
    .into_iter()
    .chain(super::wave2::steps())
    .collect()
}

/// Path of one group's members (API 2.0).
pub fn members_path(group_id: &str) -> String {
    format!(
        "/directory/cloud-gateway/v1/groups/{}/members",
        super::http::encode_segment(group_id)
    )
}

/// Keys under which an API 2.0 answer has been seen to hold its list.
pub const LIST_KEYS: &[&str] = &[
    "data",
    "definitions",
    "policies",
    "domains",
    "groups",
    "groupMembers",
    "members",
    "users",
    "roles",
    "connectors",
    "dnsOutboundDefinitions",
    "services",
    "journalingServices",
    "integrations",
    "incidents",
];

/// The records of one page (a bare array, or the array under a list key).
pub fn records(v: &Value) -> Option<Vec<Value>> {
    if let Some(a) = v.as_array() {
        return Some(a.clone());
    }
    LIST_KEYS
        .iter()
        .find_map(|k| v.get(*k).and_then(Value::as_array))
        .cloned()
}

/// The next page's token, wherever this answer put it (variants seen:
/// `meta.nextPage`, `meta.nextPageToken`, `meta.pagination.next`,
/// `meta.pagination.nextPage`, `meta.pagination.nextPageToken`).
pub fn next_token(v: &Value) -> Option<String> {
    let m = &v["meta"];
    let p = &m["pagination"];
    [
        &m["nextPage"],
        &m["nextPageToken"],
        &p["next"],
        &p["nextPage"],
        &p["nextPageToken"],
    ]
    .into_iter()
    .find_map(|t| t.as_str().filter(|s| !s.trim().is_empty()))
    .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_next_token_variant_is_followed() {
        for v in [
            json!({"meta": {"nextPage": "t"}}),
            json!({"meta": {"nextPageToken": "t"}}),
            json!({"meta": {"pagination": {"next": "t"}}}),
            json!({"meta": {"pagination": {"nextPage": "t"}}}),
            json!({"meta": {"pagination": {"nextPageToken": "t"}}}),
        ] {
            assert_eq!(next_token(&v).as_deref(), Some("t"), "{v}");
        }
        assert_eq!(
            next_token(&json!({"meta": {"pagination": {"next": ""}}})),
            None
        );
        assert_eq!(next_token(&json!({"meta": {}})), None);
    }

    #[test]
    fn records_come_from_any_list_key() {
        for k in LIST_KEYS {
            assert_eq!(
                records(&json!({ *k: [1, 2] })),
                Some(vec![json!(1), json!(2)])
            );
        }
        assert_eq!(records(&json!([3])), Some(vec![json!(3)]));
        assert_eq!(records(&json!({"other": 1})), None);
    }
}
