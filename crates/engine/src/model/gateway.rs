//! The mail route in front of the mailboxes: Mimecast's gateway details,
//! the MX hosts each domain publishes, and the Exchange Online side
//! (inbound connectors, organization config).

use ipnet::IpNet;

use super::{Known, Origin};

/// One MX record a domain publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MxRecord {
    /// The preference (lower is tried first).
    pub preference: u16,
    /// The mail exchanger, lowercase, without a trailing dot; empty for the
    /// null MX (`0 .`, RFC 7505).
    pub host: String,
}

/// The MX records of one domain, as collected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MxSet {
    /// The records that could be read (empty: looked up, none published).
    pub records: Vec<MxRecord>,
    /// Entries that could not be read as an MX record, as given.
    pub unreadable: Vec<String>,
}

impl MxSet {
    /// True for a null MX only: the domain says it accepts no mail.
    pub fn is_null(&self) -> bool {
        !self.records.is_empty() && self.records.iter().all(|r| r.host.is_empty())
    }
}

/// An MX host Mimecast expects the account's domains to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedMx {
    /// The host, lowercase, without a trailing dot.
    pub hostname: String,
    /// Its priority, when given.
    pub priority: Option<u64>,
}

/// `GET /email/cloud-gateway/v1/gateway-details` (one object).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GatewayDetails {
    /// The account code.
    pub account_code: Option<String>,
    /// The Mimecast region (`us`, `eu` …).
    pub region: Option<String>,
    /// The gateway mode (values not confirmed; kept as given).
    pub protection_mode: Option<String>,
    /// The gateway state (values not confirmed; kept as given).
    pub status: Option<String>,
    /// The MX hosts Mimecast expects.
    pub inbound_mx: Vec<ExpectedMx>,
    /// Hosts for outbound mail.
    pub outbound_hostnames: Vec<String>,
    /// Outbound mail flow enabled, when given.
    pub outbound_enabled: Option<bool>,
    /// The SPF include Mimecast publishes for the account.
    pub spf: Option<String>,
    /// Where the object sits in the input.
    pub origin: Origin,
}

/// An Exchange Online connector type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectorType {
    /// Mail from a partner organisation or service (Mimecast is one).
    Partner,
    /// Mail from the organisation's own on-premises servers.
    OnPremises,
}

/// An entry of `SenderIPAddresses` / `EFSkipIPs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectorIp {
    /// The entry as given (a range `a-b` written as such).
    pub text: String,
    /// The networks it covers; empty when it could not be read.
    pub nets: Vec<IpNet>,
}

/// One `Get-InboundConnector` record.
#[derive(Debug, Clone, PartialEq)]
pub struct InboundConnector {
    /// `Name` (else `Identity`).
    pub name: String,
    /// `Enabled` (`None`: not given, which the cmdlet's default makes on).
    pub enabled: Option<Known<bool>>,
    /// `ConnectorType`.
    pub connector_type: Option<Known<ConnectorType>>,
    /// `ConnectorSource` as given.
    pub connector_source: Option<String>,
    /// `SenderDomains`, normalised: `*`, a domain or `*.domain`, lowercase.
    pub sender_domains: Vec<String>,
    /// `SenderIPAddresses`.
    pub sender_ips: Vec<ConnectorIp>,
    /// `AssociatedAcceptedDomains`, lowercase (empty: every accepted domain).
    pub accepted_domains: Vec<String>,
    /// `RestrictDomainsToIPAddresses`.
    pub restrict_to_ips: Option<Known<bool>>,
    /// `RestrictDomainsToCertificate`.
    pub restrict_to_certificate: Option<Known<bool>>,
    /// `RequireTls`.
    pub require_tls: Option<Known<bool>>,
    /// `TlsSenderCertificateName` (the subject of an `<I>…<S>…` value).
    pub certificate_name: Option<String>,
    /// `EFSkipIPs` (recorded; no rule reads it).
    pub ef_skip_ips: Vec<ConnectorIp>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// The part of `Get-OrganizationConfig` this tool reads.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationConfig {
    /// `Identity`, for evidence.
    pub identity: Option<String>,
    /// `Name`, for evidence.
    pub name: Option<String>,
    /// `RejectDirectSend` (`None`: not in the export).
    pub reject_direct_send: Option<Known<bool>>,
    /// Where the object sits in the input.
    pub origin: Origin,
}

/// Exchange Online PowerShell output; either part may be absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExchangeOnline {
    /// `Get-InboundConnector` (`None`: not collected).
    pub inbound_connectors: Option<Vec<InboundConnector>>,
    /// `Get-OrganizationConfig` (`None`: not collected).
    pub organization_config: Option<OrganizationConfig>,
}
