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
    /// Exchange Online PowerShell output (read-only cmdlets).
    Exchange,
}

impl Origin {
    /// `api`, `console`, `dns` or `exchange`, as in the report's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Api => "api",
            Origin::Console => "console",
            Origin::Dns => "dns",
            Origin::Exchange => "exchange",
        }
    }

    /// Where the data comes from, for people: "API", "Console only", "DNS".
    pub fn label(self) -> &'static str {
        match self {
            Origin::Api => "API",
            Origin::Console => "Console only",
            Origin::Dns => "DNS",
            Origin::Exchange => "Exchange Online PowerShell",
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
    // Catalog wave 2: mail routing and Microsoft 365.
    GatewayDetails => "gatewayDetails", "Gateway details", Api,
        "API 2.0 GET /email/cloud-gateway/v1/gateway-details (role permission Account | Settings | Read)",
        console("", "");
    ExchangeOnline => "exchangeOnline", "Exchange Online inbound connectors and organization config", Exchange,
        "Exchange Online PowerShell (Connect-ExchangeOnline): ConvertTo-Json -Depth 5 -InputObject @(Get-InboundConnector), and Get-OrganizationConfig | Select-Object Identity, Name, RejectDirectSend | ConvertTo-Json",
        console("", "");
    // Catalog wave 2: outbound authentication, greylisting, journaling,
    // address alteration, managed URLs.
    DnsAuthOutboundDefinitions => "dnsAuthOutboundDefinitions", "DNS Authentication - Outbound definitions", Api,
        "API 2.0 GET /policy-management/cloud-gateway/v1/dns-authentication-outbound/definitions",
        console("", "");
    DnsAuthOutboundPolicies => "dnsAuthOutboundPolicies", "DNS Authentication - Outbound policies", Api,
        "API 2.0 GET /policy-management/cloud-gateway/v1/dns-authentication-outbound/policies",
        console("", "");
    GreylistingPolicies => "greylistingPolicies", "Greylisting policies", Api,
        "API 2.0 GET /policy-management/cloud-gateway/v1/greylisting/policies",
        console("", "");
    JournalingServices => "journalingServices", "Journaling services", Api,
        "API 2.0 GET /journaling/cloud-gateway/v1/services (role permission Services | Journaling | Read)",
        console("", "");
    AddressAlterationSets => "addressAlterationSets", "Address Alteration Sets", Api,
        "API 1.0 POST /api/policy/address-alteration/get-address-alteration-set",
        console("", "");
    AddressAlterationDefinitions => "addressAlterationDefinitions", "Address alteration definitions", Api,
        "API 1.0 POST /api/policy/address-alteration/get-definition (one call per Address Alteration Set, with its folderId)",
        console("", "");
    AddressAlterationPolicies => "addressAlterationPolicies", "Address alteration policies", Api,
        "API 1.0 POST /api/policy/address-alteration/get-policy",
        console("", "");
    ManagedUrls => "managedUrls", "Managed URLs", Api,
        "API 1.0 POST /api/ttp/url/get-all-managed-urls (the role needs Services | Targeted Threat Protection - URL Protect | Edit)",
        console("", "");
    // Catalog wave 2: console-only Targeted Threat Protection, attachments
    // and administrator security.
    UrlProtectDefinitions => "urlProtectDefinitions", "URL Protect definitions", Console,
        "Console only: Policies > Gateway Policies > Definitions > URL Protection",
        console("URL Protection definitions", "Policies > Gateway Policies > Definitions > URL Protection");
    UrlProtectPolicies => "urlProtectPolicies", "URL Protect policies", Console,
        "Console only: Policies > Gateway Policies > URL Protection",
        console("URL Protection policies", "Policies > Gateway Policies > URL Protection");
    UrlProtectBypassPolicies => "urlProtectBypassPolicies", "URL Protect bypass policies", Console,
        "Console only: Policies > Gateway Policies > URL Protection Bypass",
        console("URL Protection Bypass policies", "Policies > Gateway Policies > URL Protection Bypass (older consoles: Administration > Gateway > Policies)");
    AttachmentProtectDefinitions => "attachmentProtectDefinitions", "Attachment Protect definitions", Console,
        "Console only: Policies > Gateway Policies > Definitions > Attachment Protection",
        console("Attachment Protection definitions", "Policies > Gateway Policies > Definitions > Attachment Protection");
    AttachmentProtectPolicies => "attachmentProtectPolicies", "Attachment Protect policies", Console,
        "Console only: Policies > Gateway Policies > Attachment Protect",
        console("Attachment Protect policies", "Policies > Gateway Policies > Attachment Protect");
    AttachmentProtectBypassPolicies => "attachmentProtectBypassPolicies", "Attachment Protect bypass policies", Console,
        "Console only: Policies > Gateway Policies > Attachment Protection Bypass",
        console("Attachment Protection Bypass policies", "Policies > Gateway Policies > Attachment Protection Bypass");
    AttachmentManagementDefinitions => "attachmentManagementDefinitions", "Attachment Management definitions (Attachment Sets)", Console,
        "Console only: Policies > Gateway Policies > Definitions > Attachment Sets",
        console("Attachment Sets", "Policies > Gateway Policies > Definitions > Attachment Sets");
    AttachmentManagementPolicies => "attachmentManagementPolicies", "Attachment Management policies", Console,
        "Console only: Policies > Gateway Policies > Attachment Management",
        console("Attachment Management policies", "Policies > Gateway Policies > Attachment Management");
    DangerousFileTypes => "dangerousFileTypes", "Dangerous File Types removed", Console,
        "Console only: the file types removed from Mimecast's Dangerous File Types list (where the list is edited may differ on your console)",
        console("Dangerous File Types", "Policies > Gateway Policies > Definitions > Attachment Sets (Dangerous File Types; location may differ on your console)");
    AdminAuthentication => "adminAuthentication", "Administrator authentication and API applications", Console,
        "Console only: Users & Groups > Applications > Authentication Profiles (older: Services > Applications), Account > Account Settings > User Access and Permissions, and Integrations > Integrations Hub",
        console("Administrator authentication", "Users & Groups > Applications > Authentication Profiles; Integrations > Integrations Hub");
    Licences => "licences", "Licences (checklist answers)", Console,
        "Console only: whether URL Protect and Attachment Protect are licensed, as the account's products or your Mimecast order show (where the products are listed may differ on your console)",
        console("Licences", "The account's products, or your Mimecast order (where the products are listed may differ on your console)");
}

/// What a section's bundle value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A list of records (an API response or an array).
    List,
    /// An object keyed by something (domain, group id) or holding named
    /// parts, each read on its own.
    Keyed,
    /// One settings object, read as one record (a console-only form that is
    /// the whole section).
    Object,
}

impl Section {
    /// What the section's bundle value looks like.
    pub fn shape(self) -> Shape {
        match self {
            Section::GroupMembers
            | Section::DnsRecords
            | Section::ThreatRemediation
            | Section::GatewayDetails
            | Section::ExchangeOnline => Shape::Keyed,
            Section::DangerousFileTypes | Section::AdminAuthentication | Section::Licences => {
                Shape::Object
            }
            _ => Shape::List,
        }
    }

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
                | Section::DnsAuthOutboundPolicies
                | Section::GreylistingPolicies
                | Section::AddressAlterationPolicies
                | Section::UrlProtectPolicies
                | Section::UrlProtectBypassPolicies
                | Section::AttachmentProtectPolicies
                | Section::AttachmentProtectBypassPolicies
                | Section::AttachmentManagementPolicies
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
