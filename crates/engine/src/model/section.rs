//! The sections of the input contract (bundle v1 keys).

use serde::{Deserialize, Serialize};

/// How a section reaches the analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Readable through the Mimecast API.
    Api,
    /// Only visible in the Administration Console (entered by hand).
    Console,
    /// Published DNS records.
    Dns,
}

impl Origin {
    /// `api`, `console` or `dns`, as in the report's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Api => "api",
            Origin::Console => "console",
            Origin::Dns => "dns",
        }
    }

    /// Where the data comes from, for people: "API", "Console only", "DNS".
    pub fn label(self) -> &'static str {
        match self {
            Origin::Api => "API",
            Origin::Console => "Console only",
            Origin::Dns => "DNS",
        }
    }
}

macro_rules! sections {
    ($($variant:ident => $key:literal, $title:literal, $origin:ident, $how:literal,
        console($ctitle:literal, $cpath:literal);)*) => {
        /// One section of the bundle; its key is the bundle's JSON key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(into = "&'static str")]
        pub enum Section { $(#[doc = concat!($title, " (`", $key, "`).")] $variant),* }

        impl Section {
            /// Every section, in bundle order.
            pub const ALL: &'static [Section] = &[$(Section::$variant),*];

            /// The bundle key, e.g. `antiSpoofingPolicies`.
            pub fn key(self) -> &'static str {
                match self { $(Section::$variant => $key),* }
            }

            /// A human title, e.g. "Anti-spoofing policies".
            pub fn title(self) -> &'static str {
                match self { $(Section::$variant => $title),* }
            }

            /// Where the data comes from.
            pub fn origin(self) -> Origin {
                match self { $(Section::$variant => Origin::$origin),* }
            }

            /// How to collect it: the API call, or the console path.
            pub fn how_to_collect(self) -> &'static str {
                match self { $(Section::$variant => $how),* }
            }

            /// The section as the Administration Console names it, for a
            /// section entered through the console checklist
            /// ("Spam Scanning definitions"); empty for the others.
            pub fn console_title(self) -> &'static str {
                match self { $(Section::$variant => $ctitle),* }
            }

            /// Where the section lives in the Administration Console, for
            /// a section entered through the console checklist; empty for
            /// the others.
            pub fn console_path(self) -> &'static str {
                match self { $(Section::$variant => $cpath),* }
            }

            /// The section whose bundle key is `key`, if any.
            pub fn from_key(key: &str) -> Option<Section> {
                match key { $($key => Some(Section::$variant),)* _ => None }
            }
        }
    };
}

sections! {
    InternalDomains => "internalDomains", "Internal domains", Api,
        "API 1.0 POST /api/domain/get-internal-domain, or API 2.0 GET /domain/cloud-gateway/v1/internal-domains",
        console("", "");
    AntiSpoofingPolicies => "antiSpoofingPolicies", "Anti-spoofing policies", Api,
        "API 2.0 GET /policy-management/cloud-gateway/v1/anti-spoofing/policies (no API 1.0 call exists)",
        console("", "");
    AntiSpoofingBypassPolicies => "antiSpoofingBypassPolicies", "Anti-spoofing SPF-based bypass policies", Api,
        "API 1.0 POST /api/policy/antispoofing-bypass/get-policy, or API 2.0 GET /policy-management/cloud-gateway/v1/anti-spoofing-bypass/policies",
        console("", "");
    PermittedSenderPolicies => "permittedSenderPolicies", "Permitted senders policies", Console,
        "Console only: Policies > Gateway Policies > Permitted Senders",
        console("Permitted Senders policies", "Policies > Gateway Policies > Permitted Senders");
    BlockedSenderPolicies => "blockedSenderPolicies", "Blocked senders policies", Api,
        "API 1.0 POST /api/policy/blockedsenders/get-policy, or API 2.0 GET /policy-management/cloud-gateway/v1/blocked-senders/policies",
        console("", "");
    ManagedSenders => "managedSenders", "Managed senders", Console,
        "Console only: Email Delivery > Managed Senders (older consoles: Gateway > Managed Senders)",
        console("Managed Senders", "Email Delivery > Managed Senders (older consoles: Gateway > Managed Senders)");
    ImpersonationDefinitions => "impersonationDefinitions", "Impersonation Protect definitions", Console,
        "Console only: Policies > Gateway Policies > Definitions > Impersonation Protection",
        console("Impersonation Protection definitions", "Policies > Gateway Policies > Definitions > Impersonation Protection");
    ImpersonationPolicies => "impersonationPolicies", "Impersonation Protect policies", Console,
        "Console only: Policies > Gateway Policies > Impersonation Protection",
        console("Impersonation Protection policies", "Policies > Gateway Policies > Impersonation Protection");
    ImpersonationBypassPolicies => "impersonationBypassPolicies", "Impersonation Protect bypass policies", Console,
        "Console only: Policies > Gateway Policies > Impersonation Protection Bypass",
        console("Impersonation Protection Bypass policies", "Policies > Gateway Policies > Impersonation Protection Bypass (older consoles: Gateway > Policies)");
    DnsAuthInboundDefinitions => "dnsAuthInboundDefinitions", "DNS Authentication - Inbound definitions", Console,
        "Console only: Policies > Gateway Policies > Definitions > DNS Authentication - Inbound",
        console("DNS Authentication - Inbound definitions", "Policies > Gateway Policies > Definitions > DNS Authentication - Inbound");
    DnsAuthInboundPolicies => "dnsAuthInboundPolicies", "DNS Authentication - Inbound policies", Console,
        "Console only: Policies > Gateway Policies > DNS Authentication - Inbound",
        console("DNS Authentication - Inbound policies", "Policies > Gateway Policies > DNS Authentication - Inbound");
    SpamScanningDefinitions => "spamScanningDefinitions", "Spam scanning definitions", Console,
        "Console only: Policies > Gateway Policies > Definitions > Spam Scanning",
        console("Spam Scanning definitions", "Policies > Gateway Policies > Definitions > Spam Scanning");
    SpamScanningPolicies => "spamScanningPolicies", "Spam scanning policies", Console,
        "Console only: Policies > Gateway Policies > Spam Scanning",
        console("Spam Scanning policies", "Policies > Gateway Policies > Spam Scanning");
    ThreatRemediation => "threatRemediation", "Threat Remediation", Console,
        "Settings: console only, Services > Threat Remediation > Settings. Incidents: API 1.0 POST /api/ttp/remediation/find-incidents",
        console("Threat Remediation settings", "Services > Threat Remediation > Settings");
    SyncRecoverTasks => "syncRecoverTasks", "Sync & Recover tasks", Console,
        "Console only: Archive > Exchange Sync & Recover (older consoles: Services > Sync & Recover)",
        console("Sync & Recover tasks", "Archive > Exchange Sync & Recover (older consoles: Services > Sync & Recover)");
    ContinuityMonitors => "continuityMonitors", "Continuity monitors", Console,
        "Console only: Services > Continuity",
        console("Continuity monitors", "Services > Continuity (New Continuity Monitor)");
    Connectors => "connectors", "Connectors", Api,
        "API 2.0 GET /connector/cloud-gateway/v1/connectors (console: Services > Connectors)",
        console("", "");
    DirectoryIntegrations => "directoryIntegrations", "Directory integrations", Api,
        "API 2.0 GET /directory/cloud-gateway/v1/integrations, or API 1.0 POST /api/directory/get-connection",
        console("", "");
    Groups => "groups", "Profile groups", Api,
        "API 1.0 POST /api/directory/find-groups, or API 2.0 GET /directory/cloud-gateway/v1/groups",
        console("", "");
    GroupMembers => "groupMembers", "Profile group members", Api,
        "API 1.0 POST /api/directory/get-group-members (one call per group), or API 2.0 GET /directory/cloud-gateway/v1/groups/{id}/members",
        console("", "");
    DnsRecords => "dnsRecords", "DNS records of internal domains", Dns,
        "DNS: the TXT records of each internal domain and of _dmarc.<domain> (for example `dig +short TXT example.com`), pasted into the bundle",
        console("", "");
    AuditEvents => "auditEvents", "Audit events", Api,
        "API 1.0 POST /api/audit/get-audit-events",
        console("", "");
}

impl Section {
    /// Sections whose records are the common policy shape.
    pub fn is_policy(self) -> bool {
        matches!(
            self,
            Section::AntiSpoofingPolicies
                | Section::AntiSpoofingBypassPolicies
                | Section::PermittedSenderPolicies
                | Section::BlockedSenderPolicies
                | Section::ImpersonationPolicies
                | Section::ImpersonationBypassPolicies
                | Section::DnsAuthInboundPolicies
                | Section::SpamScanningPolicies
        )
    }

    /// Every policy section, in bundle order.
    pub fn policy_sections() -> impl Iterator<Item = Section> {
        Section::ALL.iter().copied().filter(|s| s.is_policy())
    }
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
