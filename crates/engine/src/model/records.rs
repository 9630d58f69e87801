//! Normalized records of the non-policy sections.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Origin;

/// A value from a fixed list, or one this tool does not know (kept as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    Known(T),
    Unknown(String),
}

impl<T: PartialEq> Known<T> {
    pub fn is(&self, v: T) -> bool {
        matches!(self, Known::Known(x) if *x == v)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagedKind {
    Permit,
    Block,
    AutoAllow,
}

/// An entry of the managed senders lists.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedSender {
    pub id: Option<String>,
    pub to: String,
    pub sender: String,
    pub kind: Known<ManagedKind>,
    pub source: Option<String>,
    pub expires: Option<DateTime<Utc>>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpersonationAction {
    None,
    Hold,
    Bounce,
}

/// An Impersonation Protect definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpersonationDefinition {
    pub id: String,
    pub description: String,
    /// Identifier name (`similar_internal_domain` …) → switched on.
    pub identifiers: BTreeMap<String, bool>,
    pub hit_threshold: Option<u32>,
    pub bypass_managed_and_permitted: bool,
    pub action: Option<Known<ImpersonationAction>>,
    pub tag_subject: bool,
    pub tag_body: bool,
    pub tag_header: bool,
    pub notify_group: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAction {
    NoAction,
    IgnorePermitted,
    Reject,
    HonorDmarcRecord,
}

/// One check (SPF, DKIM or DMARC) of a DNS Authentication definition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthCheck {
    pub enabled: Option<bool>,
    pub fail_action: Option<Known<AuthAction>>,
    pub soft_fail_action: Option<Known<AuthAction>>,
}

/// A DNS Authentication - Inbound definition.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsAuthDefinition {
    pub id: String,
    pub description: String,
    pub spf: AuthCheck,
    pub dkim: AuthCheck,
    pub dmarc: AuthCheck,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpamAction {
    DoNothing,
    HoldForReview,
    Reject,
}

/// A spam scanning definition.
#[derive(Debug, Clone, PartialEq)]
pub struct SpamDefinition {
    pub id: String,
    pub description: String,
    pub level: Option<String>,
    pub spam_action: Option<Known<SpamAction>>,
    pub auto_allow_action: Option<Known<SpamAction>>,
    pub permitted_sender_action: Option<Known<SpamAction>>,
    pub origin: Origin,
}

/// Threat Remediation settings (console only).
#[derive(Debug, Clone, PartialEq)]
pub struct RemediationSettings {
    pub enabled: Option<bool>,
    pub mode: Option<String>,
    pub notify_group: Option<String>,
    pub origin: Origin,
}

/// A remediation incident (`/api/ttp/remediation/find-incidents`).
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub id: String,
    pub code: Option<String>,
    /// `notify_only`, `automatic`, `manual`, `restored` (or unknown).
    pub kind: String,
    pub identified: u64,
    pub successful: u64,
    pub failed: u64,
    pub created: Option<DateTime<Utc>>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThreatRemediation {
    pub settings: Option<RemediationSettings>,
    /// `None` when incidents were not collected; empty when there are none.
    pub incidents: Option<Vec<Incident>>,
}

/// A Sync & Recover task.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncTask {
    pub name: String,
    pub connector_id: Option<String>,
    pub platform: Option<String>,
    pub group: Option<String>,
    pub state: String,
    pub origin: Origin,
}

/// A Continuity Event Monitor.
#[derive(Debug, Clone, PartialEq)]
pub struct ContinuityMonitor {
    pub description: String,
    pub status: String,
    pub inbound_check: bool,
    pub outbound_check: bool,
    pub platform: Option<String>,
    pub notify_group: Option<String>,
    pub sms_numbers: Vec<String>,
    pub origin: Origin,
}

/// A connector (`/connector/cloud-gateway/v1/connectors`).
#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    pub id: String,
    pub name: String,
    pub description: String,
    pub product_code: Option<String>,
    pub product_name: Option<String>,
    pub provider: Option<String>,
    pub status: Option<String>,
    pub origin: Origin,
}

/// A directory integration (Microsoft 365, Google, Active Directory …).
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryIntegration {
    pub id: String,
    pub name: String,
    /// Provider or type as given (`m365`, `google`, `active-directory` …).
    pub provider: Option<String>,
    pub status: Option<String>,
    pub origin: Origin,
}

/// A profile group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub description: String,
    pub source: Option<String>,
    pub user_count: Option<u64>,
    /// Last review or change date, when the bundle carries one.
    pub last_change: Option<DateTime<Utc>>,
    pub origin: Origin,
}

/// A member of a profile group: an address, or a whole domain.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMember {
    pub email_address: String,
    pub domain: String,
    pub name: String,
    pub internal: Option<bool>,
    pub kind: Option<String>,
    pub notes: String,
    pub origin: Origin,
}

/// Published TXT records of one domain.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsRecords {
    pub domain: String,
    pub spf: Option<String>,
    pub dmarc: Option<String>,
    pub origin: Origin,
}

/// An audit log event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub id: String,
    pub audit_type: String,
    pub category: String,
    pub event_info: String,
    pub event_time: Option<DateTime<Utc>>,
    pub user: String,
    pub origin: Origin,
}
