//! The normalized model every rule reads. Raw wire shapes never reach rules.

mod acceptance;
mod admin;
mod assignment;
mod date;
mod gateway;
pub mod identity;
mod policy;
mod raw_record;
mod records;
mod section;
mod services;
mod tenant;
mod threat_protection;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

pub use acceptance::Acceptance;
pub use admin::{AdminAuthentication, AdminProfile, ApiApplication, BROAD_ADMIN_ROLES};
pub use assignment::Assignment;
pub use date::{parse_date, DateError};
pub use gateway::*;
pub use policy::{FromPart, IpRange, Origin, Policy, PolicyOption, Target, Validity};
pub use raw_record::RawRecord;
pub use records::*;
pub use section::{Origin as SectionOrigin, Section, Shape};
pub use services::*;
pub use tenant::Tenant;
pub use threat_protection::*;

/// One internal domain (`/api/domain/get-internal-domain`, `internal-domains`).
#[derive(Debug, Clone, PartialEq)]
pub struct InternalDomain {
    /// The domain, lowercase, without `@` or a trailing dot.
    pub domain: String,
    /// A send-only domain: it receives no mail, so rules that protect inbound
    /// mail skip it.
    pub send_only: bool,
    /// A local domain (the `local` flag; `false` when not given).
    pub local: bool,
    /// Who may receive mail (`any`, `smtp`, `ldap`, `known`; others kept as is).
    pub inbound_type: Option<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

/// Where a section's data came from and how complete it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SectionState {
    /// Files that contributed records to the section.
    pub sources: Vec<String>,
    /// The API reported failures (`fail[]`) for this section.
    pub incomplete: bool,
}

/// A domain as lookups compare it: trimmed, no trailing dot, lowercase.
pub fn domain_key(d: &str) -> String {
    d.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// A section's records exactly as loaded, merged across files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawSection {
    /// List sections: the records, as their JSON text.
    pub records: Vec<RawRecord>,
    /// List sections: the API's `fail[]` entries.
    pub fail: Vec<serde_json::Value>,
    /// Keyed sections (`groupMembers`, `dnsRecords`, `threatRemediation`).
    pub keyed: serde_json::Map<String, serde_json::Value>,
}

/// Everything loaded, merged across files.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// When the data was collected: a bundle's `generatedAt`, when one gave it.
    pub generated_at: Option<DateTime<Utc>>,
    /// The analysis date an assessment chose (bundle `assessment.analysisDate`).
    pub analysis_date: Option<DateTime<Utc>>,
    /// The sections that were loaded, with their source files and whether they
    /// are complete.
    pub sections: BTreeMap<Section, SectionState>,
    /// Internal domains: the domains Mimecast accepts mail for.
    pub internal_domains: Vec<InternalDomain>,
    /// Policy records by the section they were loaded into.
    pub policies: BTreeMap<Section, Vec<Policy>>,
    /// Managed senders: the per-user permitted, blocked and auto-allow entries.
    pub managed_senders: Vec<ManagedSender>,
    /// Impersonation Protect definitions.
    pub impersonation_definitions: Vec<ImpersonationDefinition>,
    /// DNS Authentication - Inbound definitions.
    pub dns_auth_definitions: Vec<DnsAuthDefinition>,
    /// Spam scanning definitions.
    pub spam_definitions: Vec<SpamDefinition>,
    /// Threat Remediation settings and incidents.
    pub threat_remediation: ThreatRemediation,
    /// Sync & Recover tasks.
    pub sync_tasks: Vec<SyncTask>,
    /// Continuity Event Monitors.
    pub continuity_monitors: Vec<ContinuityMonitor>,
    /// Connectors between Mimecast products and mail platforms.
    pub connectors: Vec<Connector>,
    /// Directory integrations.
    pub directory_integrations: Vec<DirectoryIntegration>,
    /// Profile groups.
    pub groups: Vec<Group>,
    /// Members by group id.
    pub group_members: BTreeMap<String, Vec<GroupMember>>,
    /// Published SPF and DMARC records, by domain.
    pub dns_records: Vec<DnsRecords>,
    /// Audit log events.
    pub audit_events: Vec<AuditEvent>,
    // Wave 2, group A (mail routing, Microsoft 365): fields below.
    /// Mimecast's gateway details (`gatewayDetails`), when loaded.
    pub gateway_details: Option<GatewayDetails>,
    /// Exchange Online inbound connectors and organization config.
    pub exchange_online: ExchangeOnline,

    // Wave 2, group B (outbound DKIM, greylisting, journaling, address
    // alteration): fields below.
    /// Outbound DKIM definitions, journaling services, address alterations.
    pub gateway_services: GatewayServices,

    // Wave 2, group C (URL / Attachment Protect, attachment management,
    // managed URLs): fields below.
    /// URL Protect definitions.
    pub url_protect_definitions: Vec<UrlProtectDefinition>,
    /// Attachment Protect definitions.
    pub attachment_protect_definitions: Vec<AttachmentProtectDefinition>,
    /// Attachment Management definitions (Attachment Sets).
    pub attachment_management_definitions: Vec<AttachmentManagementDefinition>,
    /// Managed URLs.
    pub managed_urls: Vec<ManagedUrl>,
    /// The file types removed from the Dangerous File Types list, when
    /// given (a loaded empty section leaves it `None`: none removed).
    pub dangerous_file_types: Option<DangerousFileTypes>,
    /// The checklist's licence answers (`licences`).
    pub licences: Option<Licences>,

    // Wave 2, group D (administrator authentication): fields below.
    /// Administrator authentication and API applications, when recorded.
    pub admin_authentication: Option<AdminAuthentication>,
    /// Every section's records as they were loaded (wire shape, unknown
    /// fields included), for writing a lossless bundle.
    pub raw: BTreeMap<Section, RawSection>,
    /// The bundle's `account` block, when one was loaded.
    pub account: Option<serde_json::Value>,
    /// Accepted risks (`acceptances` in a bundle).
    pub acceptances: Vec<Acceptance>,
    /// Owners and due dates of findings (`assignments` in a bundle).
    pub assignments: Vec<Assignment>,
    /// Lookup of internal domains by name, built on first use (after
    /// loading); reset whenever the domains change.
    #[doc(hidden)]
    pub internal_index: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

impl Config {
    /// True when the section was collected (even if it holds no records).
    pub fn has(&self, section: Section) -> bool {
        self.sections.contains_key(&section)
    }

    /// The policies of one section (empty when absent).
    pub fn policies(&self, section: Section) -> &[Policy] {
        self.policies
            .get(&section)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The internal domain that `domain` equals or lies under, the most
    /// specific one when several do. Case-insensitive; a trailing dot and
    /// surrounding spaces are ignored. Linear in the labels of `domain`.
    pub fn internal_domain_containing(&self, domain: &str) -> Option<&InternalDomain> {
        let index = self.internal_index.get_or_init(|| {
            let mut m = std::collections::HashMap::new();
            for (i, d) in self.internal_domains.iter().enumerate() {
                m.entry(domain_key(&d.domain)).or_insert(i);
            }
            m
        });
        // Most callers pass a domain already in its key form: no copy then.
        let trimmed = domain.trim().trim_end_matches('.');
        let name: std::borrow::Cow<str> =
            if trimmed.len() == domain.len() && !domain.bytes().any(|b| b.is_ascii_uppercase()) {
                std::borrow::Cow::Borrowed(domain)
            } else {
                std::borrow::Cow::Owned(domain_key(domain))
            };
        let mut rest: &str = &name;
        loop {
            if let Some(&i) = index.get(rest) {
                return self.internal_domains.get(i);
            }
            rest = rest.split_once('.')?.1;
        }
    }

    /// Forgets the domain index after the internal domains changed.
    pub fn domains_changed(&mut self) {
        self.internal_index = std::sync::OnceLock::new();
    }

    /// Forgets everything loaded for one section.
    pub fn remove_section(&mut self, section: Section) {
        self.domains_changed();
        self.sections.remove(&section);
        self.raw.remove(&section);
        self.policies.remove(&section);
        match section {
            Section::InternalDomains => self.internal_domains.clear(),
            Section::ManagedSenders => self.managed_senders.clear(),
            Section::ImpersonationDefinitions => self.impersonation_definitions.clear(),
            Section::DnsAuthInboundDefinitions => self.dns_auth_definitions.clear(),
            Section::SpamScanningDefinitions => self.spam_definitions.clear(),
            Section::ThreatRemediation => self.threat_remediation = ThreatRemediation::default(),
            Section::SyncRecoverTasks => self.sync_tasks.clear(),
            Section::ContinuityMonitors => self.continuity_monitors.clear(),
            Section::Connectors => self.connectors.clear(),
            Section::DirectoryIntegrations => self.directory_integrations.clear(),
            Section::Groups => self.groups.clear(),
            Section::GroupMembers => self.group_members.clear(),
            Section::DnsRecords => self.dns_records.clear(),
            Section::AuditEvents => self.audit_events.clear(),
            // Wave 2, group A: arms below.
            Section::GatewayDetails => self.gateway_details = None,
            Section::ExchangeOnline => self.exchange_online = ExchangeOnline::default(),

            // Wave 2, group B: arms below.
            Section::DnsAuthOutboundDefinitions
            | Section::JournalingServices
            | Section::AddressAlterationSets
            | Section::AddressAlterationDefinitions => self.gateway_services.clear(section),

            // Wave 2, group C: arms below.
            Section::UrlProtectDefinitions => self.url_protect_definitions.clear(),
            Section::AttachmentProtectDefinitions => self.attachment_protect_definitions.clear(),
            Section::AttachmentManagementDefinitions => {
                self.attachment_management_definitions.clear()
            }
            Section::ManagedUrls => self.managed_urls.clear(),
            Section::DangerousFileTypes => self.dangerous_file_types = None,
            Section::Licences => self.licences = None,

            // Wave 2, group D: below.
            Section::AdminAuthentication => self.admin_authentication = None,
            _ => {}
        }
    }

    /// Marks a section as collected from `file`.
    pub fn mark(&mut self, section: Section, file: &str) {
        let state = self.sections.entry(section).or_default();
        if !state.sources.iter().any(|s| s == file) {
            state.sources.push(file.to_string());
        }
    }
}
