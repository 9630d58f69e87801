//! Wire shapes of the non-policy sections. The console-only ones follow the
//! project's bundle format (`docs/input-format.md`); the API ones follow
//! the Mimecast responses. All loose: unknown fields are ignored.

use serde::Deserialize;
use serde_json::Value;

use super::raw::{Flag, Text};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawManagedSender {
    pub id: Option<Text>,
    pub to: Option<Text>,
    pub sender: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub source: Option<Text>,
    pub expires: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawImpersonationDefinition {
    pub id: Option<Text>,
    pub description: Option<Text>,
    /// Identifier → `true`/`false`, or an object with `enabled`.
    pub identifiers: Option<serde_json::Map<String, Value>>,
    pub hit_threshold: Option<Text>,
    pub bypass_managed_and_permitted_senders: Option<Flag>,
    pub action: Option<Text>,
    /// Tag text (string) or a flag.
    pub tag_subject: Option<Value>,
    pub tag_body: Option<Value>,
    pub tag_header: Option<Value>,
    pub notify_group: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawAuthCheck {
    pub enabled: Option<Flag>,
    pub fail_action: Option<Text>,
    pub soft_fail_action: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawDnsAuthDefinition {
    pub id: Option<Text>,
    pub description: Option<Text>,
    pub spf: Option<RawAuthCheck>,
    pub dkim: Option<RawAuthCheck>,
    pub dmarc: Option<RawAuthCheck>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawSpamDefinition {
    pub id: Option<Text>,
    pub description: Option<Text>,
    pub level: Option<Text>,
    pub spam_action: Option<Text>,
    pub auto_allow_spam_action: Option<Text>,
    pub permitted_sender_spam_action: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawRemediationSettings {
    pub enabled: Option<Flag>,
    pub mode: Option<Text>,
    pub notify_group: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawIncident {
    pub id: Option<Text>,
    pub code: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub identified: Option<Text>,
    pub successful: Option<Text>,
    pub failed: Option<Text>,
    pub create: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawSyncTask {
    pub name: Option<Text>,
    pub connector_id: Option<Text>,
    pub platform: Option<Text>,
    pub group: Option<Text>,
    pub state: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawNotify {
    pub email_group: Option<Text>,
    pub sms_numbers: Option<Vec<Text>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawContinuityMonitor {
    pub description: Option<Text>,
    pub status: Option<Text>,
    pub inbound_check: Option<Flag>,
    pub outbound_check: Option<Flag>,
    pub platform: Option<Text>,
    pub notify: Option<RawNotify>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawProduct {
    pub name: Option<Text>,
    pub code: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawConnector {
    pub id: Option<Text>,
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub product: Option<RawProduct>,
    pub provider: Option<Text>,
    pub status: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawDirectoryIntegration {
    pub id: Option<Text>,
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub provider: Option<Text>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub status: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawGroup {
    pub id: Option<Text>,
    pub description: Option<Text>,
    pub source: Option<Text>,
    pub user_count: Option<Text>,
    pub last_reviewed: Option<Text>,
    pub last_updated: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawGroupMember {
    pub email_address: Option<Text>,
    pub domain: Option<Text>,
    pub name: Option<Text>,
    pub internal: Option<Flag>,
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    pub notes: Option<Text>,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawDnsRecords {
    /// One TXT value, or a list of them (one per published record).
    pub spf: Option<TextOrList>,
    pub dmarc: Option<TextOrList>,
    /// MX records in any accepted form (`null`: not collected).
    pub mx: Option<Value>,
}

/// Text, or a list of texts (joined one per line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOrList(pub String);

impl<'de> Deserialize<'de> for TextOrList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            One(Text),
            Many(Vec<Text>),
        }
        Ok(match Either::deserialize(d)? {
            Either::One(t) => TextOrList(t.0),
            Either::Many(v) => {
                TextOrList(v.into_iter().map(|t| t.0).collect::<Vec<_>>().join("\n"))
            }
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawAuditEvent {
    pub id: Option<Text>,
    pub audit_type: Option<Text>,
    pub category: Option<Text>,
    pub event_info: Option<Text>,
    pub event_time: Option<Text>,
    pub user: Option<Text>,
}
