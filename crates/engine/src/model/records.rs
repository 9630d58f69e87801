//! Normalized records of the non-policy sections.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::Origin;

/// A value from a fixed list, or one this tool does not know (kept as is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known<T> {
    /// A value from the list.
    Known(T),
    /// A value not in the list, as written.
    Unknown(String),
}

impl<T: PartialEq> Known<T> {
    /// True when this is the known value `v`.
    pub fn is(&self, v: T) -> bool {
        matches!(self, Known::Known(x) if *x == v)
    }
}

/// Which managed-senders list an entry is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagedKind {
    /// The user's permitted senders.
    Permit,
    /// The user's blocked senders.
    Block,
    /// An auto-allow entry (made automatically; it may lapse, see `expires`).
    AutoAllow,
}

/// An entry of the managed senders lists. Its four texts (id, user,
/// sender, source) share one allocation: a big tenant has hundreds of
/// thousands of entries, and four strings each were most of its memory.
#[derive(Debug, Clone, PartialEq)]
pub struct ManagedSender {
    /// The id, the user, the sender and the source, one after the other.
    texts: Box<str>,
    /// Where the id, the user and the sender end in `texts` (the source
    /// runs to the end).
    ends: [u32; 3],
    /// Which list the entry is on.
    pub kind: Known<ManagedKind>,
    /// When an auto-allow entry lapses, when given.
    pub expires: Option<DateTime<Utc>>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

impl ManagedSender {
    /// An entry; an empty id or source counts as not given.
    pub fn new(
        id: Option<&str>,
        to: &str,
        sender: &str,
        kind: Known<ManagedKind>,
        source: Option<&str>,
        expires: Option<DateTime<Utc>>,
        origin: Origin,
    ) -> ManagedSender {
        let (id, source) = (id.unwrap_or_default(), source.unwrap_or_default());
        let mut texts = String::with_capacity(id.len() + to.len() + sender.len() + source.len());
        let mut ends = [0u32; 3];
        for (end, t) in ends.iter_mut().zip([id, to, sender]) {
            texts.push_str(t);
            // Files are far smaller than 4 GiB (`input::MAX_FILE_BYTES`).
            *end = u32::try_from(texts.len()).unwrap_or(u32::MAX);
        }
        texts.push_str(source);
        ManagedSender {
            texts: texts.into_boxed_str(),
            ends,
            kind,
            expires,
            origin,
        }
    }

    fn text(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends.get(i).map_or(self.texts.len(), |e| *e as usize);
        self.texts.get(start..end).unwrap_or_default()
    }

    /// The entry's id, when it has one.
    pub fn id(&self) -> Option<&str> {
        Some(self.text(0)).filter(|t| !t.is_empty())
    }

    /// The user whose list holds the entry (empty when not given).
    pub fn to(&self) -> &str {
        self.text(1)
    }

    /// The sender: an address or a whole-domain pattern, lowercase.
    pub fn sender(&self) -> &str {
        self.text(2)
    }

    /// How the entry was made (`digest`, `outlook-addin` …), when given.
    pub fn source(&self) -> Option<&str> {
        Some(self.text(3)).filter(|t| !t.is_empty())
    }
}

/// What Impersonation Protect does with a message that reaches the hit
/// threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpersonationAction {
    /// No action on the message.
    None,
    /// Hold the message for review.
    Hold,
    /// Bounce the message.
    Bounce,
}

/// An Impersonation Protect definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpersonationDefinition {
    /// The definition's id, which policies name in `definitionId` (made from
    /// the record's content when missing).
    pub id: String,
    /// The definition's name (empty when none).
    pub description: String,
    /// Identifier name (`similar_internal_domain` …) → switched on.
    pub identifiers: BTreeMap<String, bool>,
    /// Number of Hits needed to act, when given.
    pub hit_threshold: Option<u32>,
    /// Bypass Managed & Permitted Senders is on.
    pub bypass_managed_and_permitted: bool,
    /// What happens on a hit, when given.
    pub action: Option<Known<ImpersonationAction>>,
    /// Suspicious mail is tagged in the subject.
    pub tag_subject: bool,
    /// Suspicious mail is tagged in the body.
    pub tag_body: bool,
    /// Suspicious mail is tagged in a header.
    pub tag_header: bool,
    /// Notify Group, when given.
    pub notify_group: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// What a DNS Authentication check does when it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthAction {
    /// Take No Action.
    NoAction,
    /// Ignore Managed/Permitted Sender entries.
    IgnorePermitted,
    /// Reject the message.
    Reject,
    /// Honor DMARC Record: do what the sender's DMARC record asks (DMARC only).
    HonorDmarcRecord,
}

/// One check (SPF, DKIM or DMARC) of a DNS Authentication definition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthCheck {
    /// Whether the check is switched on, when given.
    pub enabled: Option<bool>,
    /// What happens when the check fails, when given.
    pub fail_action: Option<Known<AuthAction>>,
    /// What happens on a soft fail (an SPF setting), when given.
    pub soft_fail_action: Option<Known<AuthAction>>,
}

/// A DNS Authentication - Inbound definition.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsAuthDefinition {
    /// The definition's id, which policies name in `definitionId` (made from
    /// the record's content when missing).
    pub id: String,
    /// The definition's name (empty when none).
    pub description: String,
    /// The SPF check.
    pub spf: AuthCheck,
    /// The DKIM check.
    pub dkim: AuthCheck,
    /// The DMARC check.
    pub dmarc: AuthCheck,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// What a spam scanning definition does with spam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpamAction {
    /// Do nothing with it.
    DoNothing,
    /// Hold it for review.
    HoldForReview,
    /// Reject it.
    Reject,
}

/// A spam scanning definition.
#[derive(Debug, Clone, PartialEq)]
pub struct SpamDefinition {
    /// The definition's id, which policies name in `definitionId` (made from
    /// the record's content when missing).
    pub id: String,
    /// The definition's name (empty when none).
    pub description: String,
    /// Spam Detection Level as written (`relaxed`, `moderate`, `aggressive`).
    pub level: Option<String>,
    /// What happens to spam, when given.
    pub spam_action: Option<Known<SpamAction>>,
    /// What happens to spam from auto-allowed senders, when given.
    pub auto_allow_action: Option<Known<SpamAction>>,
    /// What happens to spam from permitted senders, when given.
    pub permitted_sender_action: Option<Known<SpamAction>>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// Threat Remediation settings (console only).
#[derive(Debug, Clone, PartialEq)]
pub struct RemediationSettings {
    /// Whether remediation is switched on (its Status), when given.
    pub enabled: Option<bool>,
    /// Mode, lowercase (`automatic`, `notify_only`; others kept), when given.
    pub mode: Option<String>,
    /// The group told about remediations, when given.
    pub notify_group: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// A remediation incident (`/api/ttp/remediation/find-incidents`).
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// The incident's id (made from the record's content when missing).
    pub id: String,
    /// The incident's code (`TR-0311`), when given.
    pub code: Option<String>,
    /// `notify_only`, `automatic`, `manual`, `restored` (or unknown).
    pub kind: String,
    /// Messages identified for remediation (0 when not given).
    pub identified: u64,
    /// Messages remediated successfully (0 when not given).
    pub successful: u64,
    /// Messages that could not be remediated (0 when not given).
    pub failed: u64,
    /// When the incident was raised (`create`), when given.
    pub created: Option<DateTime<Utc>>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// The Threat Remediation section: console settings and API incidents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThreatRemediation {
    /// The console settings; `None` when not entered.
    pub settings: Option<RemediationSettings>,
    /// `None` when incidents were not collected; empty when there are none.
    pub incidents: Option<Vec<Incident>>,
}

/// A Sync & Recover task.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncTask {
    /// Task Name (the record's path when missing).
    pub name: String,
    /// Id of the connector the task uses (Server Connection), when given.
    pub connector_id: Option<String>,
    /// The mail platform it backs up, lowercase (`microsoft`, `google`, `exchange`).
    pub platform: Option<String>,
    /// The group of users it covers (by name), when given.
    pub group: Option<String>,
    /// The task's state as written (`Enabled`, `Needs Attention` …); empty when
    /// missing.
    pub state: String,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// A Continuity Event Monitor.
#[derive(Debug, Clone, PartialEq)]
pub struct ContinuityMonitor {
    /// The monitor's name (the record's path when missing).
    pub description: String,
    /// Whether it runs, as written (`Active`, `Inactive`); empty when missing.
    pub status: String,
    /// The inbound mail-flow check is on.
    pub inbound_check: bool,
    /// The outbound mail-flow check is on.
    pub outbound_check: bool,
    /// The mail platform watched, lowercase (`microsoft`, `google`, `exchange`).
    pub platform: Option<String>,
    /// The email group alerted, when given.
    pub notify_group: Option<String>,
    /// Phone numbers alerted by SMS.
    pub sms_numbers: Vec<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// A connector (`/connector/cloud-gateway/v1/connectors`).
#[derive(Debug, Clone, PartialEq)]
pub struct Connector {
    /// The connector's id (made from the record's content when missing).
    pub id: String,
    /// Its name (empty when none).
    pub name: String,
    /// Its description (empty when none).
    pub description: String,
    /// Code of the Mimecast product it serves, lowercase (`sync-recover`,
    /// `continuity` …).
    pub product_code: Option<String>,
    /// Name of the Mimecast product it serves.
    pub product_name: Option<String>,
    /// The mail platform, lowercase (`microsoft`, `google` …).
    pub provider: Option<String>,
    /// Its state as given (`connected` …).
    pub status: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// A directory integration (Microsoft 365, Google, Active Directory …).
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryIntegration {
    /// The integration's id (made from the record's content when missing).
    pub id: String,
    /// Its name, else its description (empty when neither).
    pub name: String,
    /// Provider or type as given (`m365`, `google`, `active-directory` …).
    pub provider: Option<String>,
    /// Its state as given.
    pub status: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// A profile group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The group id that policy scopes and `groupMembers` use.
    pub id: String,
    /// The group's name (empty when none).
    pub description: String,
    /// Where the group comes from (`cloud` or `ldap`), as given.
    pub source: Option<String>,
    /// Number of users, when given.
    pub user_count: Option<u64>,
    /// Last review or change date, when the bundle carries one.
    pub last_change: Option<DateTime<Utc>>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// A member of a profile group: an address, or a whole domain.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMember {
    /// The member's address, lowercase; empty for a whole-domain member.
    pub email_address: String,
    /// The member's domain, lowercase (from the address when not given).
    pub domain: String,
    /// Display name (empty when none).
    pub name: String,
    /// Whether the address is in one of the internal domains, when given.
    pub internal: Option<bool>,
    /// How the member was added (`created_manually` …), when given.
    pub kind: Option<String>,
    /// Free text (`notes` or `note`; empty when none).
    pub notes: String,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// Published TXT records of one domain.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsRecords {
    /// The domain, lowercase.
    pub domain: String,
    /// Its SPF record (several published values joined one per line).
    pub spf: Option<String>,
    /// Its DMARC record, published at `_dmarc.<domain>`.
    pub dmarc: Option<String>,
    /// Its MX records (`None`: not collected for this domain).
    pub mx: Option<super::MxSet>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// An audit log event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// The event's id (made from the record's content when missing).
    pub id: String,
    /// What happened (`Existing Policy Changed` …).
    pub audit_type: String,
    /// The log category.
    pub category: String,
    /// The summary Mimecast wrote.
    pub event_info: String,
    /// When it happened, when given.
    pub event_time: Option<DateTime<Utc>>,
    /// Who did it (an address).
    pub user: String,
    /// Where the record sits in the input.
    pub origin: Origin,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_managed_sender_gives_back_its_four_texts() {
        let kind = Known::Known(ManagedKind::Permit);
        let m = ManagedSender::new(
            Some("ms1"),
            "user@x.example",
            "a@y.example",
            kind.clone(),
            Some("digest"),
            None,
            Origin::default(),
        );
        assert_eq!(m.id(), Some("ms1"));
        assert_eq!(m.to(), "user@x.example");
        assert_eq!(m.sender(), "a@y.example");
        assert_eq!(m.source(), Some("digest"));
        let bare = ManagedSender::new(None, "", "é@z.example", kind, None, None, Origin::default());
        assert_eq!(bare.id(), None);
        assert_eq!(bare.to(), "");
        assert_eq!(bare.sender(), "é@z.example");
        assert_eq!(bare.source(), None);
        assert_ne!(m, bare);
    }
}
