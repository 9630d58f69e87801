//! The sections of the input contract (bundle v1 keys).

use serde::Serialize;

macro_rules! sections {
    ($($variant:ident => $key:literal, $title:literal;)*) => {
        /// One section of the bundle; its key is the bundle's JSON key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(into = "&'static str")]
        pub enum Section { $($variant),* }

        impl Section {
            pub const ALL: &'static [Section] = &[$(Section::$variant),*];

            /// The bundle key, e.g. `antiSpoofingPolicies`.
            pub fn key(self) -> &'static str {
                match self { $(Section::$variant => $key),* }
            }

            /// A human title, e.g. "Anti-spoofing policies".
            pub fn title(self) -> &'static str {
                match self { $(Section::$variant => $title),* }
            }

            pub fn from_key(key: &str) -> Option<Section> {
                match key { $($key => Some(Section::$variant),)* _ => None }
            }
        }
    };
}

sections! {
    InternalDomains => "internalDomains", "Internal domains";
    AntiSpoofingPolicies => "antiSpoofingPolicies", "Anti-spoofing policies";
    AntiSpoofingBypassPolicies => "antiSpoofingBypassPolicies", "Anti-spoofing SPF-based bypass policies";
    PermittedSenderPolicies => "permittedSenderPolicies", "Permitted senders policies";
    BlockedSenderPolicies => "blockedSenderPolicies", "Blocked senders policies";
    ManagedSenders => "managedSenders", "Managed senders";
    ImpersonationDefinitions => "impersonationDefinitions", "Impersonation Protect definitions";
    ImpersonationPolicies => "impersonationPolicies", "Impersonation Protect policies";
    ImpersonationBypassPolicies => "impersonationBypassPolicies", "Impersonation Protect bypass policies";
    DnsAuthInboundDefinitions => "dnsAuthInboundDefinitions", "DNS Authentication - Inbound definitions";
    DnsAuthInboundPolicies => "dnsAuthInboundPolicies", "DNS Authentication - Inbound policies";
    SpamScanningDefinitions => "spamScanningDefinitions", "Spam scanning definitions";
    SpamScanningPolicies => "spamScanningPolicies", "Spam scanning policies";
    ThreatRemediation => "threatRemediation", "Threat Remediation";
    SyncRecoverTasks => "syncRecoverTasks", "Sync & Recover tasks";
    ContinuityMonitors => "continuityMonitors", "Continuity monitors";
    Connectors => "connectors", "Connectors";
    DirectoryIntegrations => "directoryIntegrations", "Directory integrations";
    Groups => "groups", "Profile groups";
    GroupMembers => "groupMembers", "Profile group members";
    DnsRecords => "dnsRecords", "DNS records of internal domains";
    AuditEvents => "auditEvents", "Audit events";
}

impl From<Section> for &'static str {
    fn from(s: Section) -> &'static str {
        s.key()
    }
}

impl std::fmt::Display for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        let mut keys: Vec<_> = Section::ALL.iter().map(|s| s.key()).collect();
        for s in Section::ALL {
            assert_eq!(Section::from_key(s.key()), Some(*s));
        }
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Section::ALL.len());
        assert_eq!(Section::from_key("nope"), None);
    }
}
