//! The tenant's own strings, gathered from the loaded model by where they
//! came from (a policy's description, a group's name, a connector's id …),
//! so that redaction can replace them wherever a message quotes them,
//! whatever they look like. Not part of the report's JSON.

use super::super::model::{Config, Known, Policy, Section, Target};

/// What a tenant's name or id belongs to; its token says so
/// ("Anti-spoofing policy 3", `group-2`). Serialized only between the
/// page and its analysis worker (`session`), never in the report's JSON.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Kind {
    /// An anti-spoofing policy.
    AntiSpoofingPolicy,
    /// An anti-spoofing SPF-based bypass policy.
    SpfBypassPolicy,
    /// A permitted-sender policy.
    PermittedSenderPolicy,
    /// A blocked-sender policy.
    BlockedSenderPolicy,
    /// An Impersonation Protect policy.
    ImpersonationPolicy,
    /// An Impersonation Protect bypass policy.
    ImpersonationBypassPolicy,
    /// A DNS Authentication - Inbound policy.
    DnsAuthenticationPolicy,
    /// A spam scanning policy.
    SpamScanningPolicy,
    /// A policy of another section.
    Policy,
    /// An Impersonation Protect definition.
    ImpersonationDefinition,
    /// A DNS Authentication - Inbound definition.
    DnsAuthenticationDefinition,
    /// A spam scanning definition.
    SpamScanningDefinition,
    /// A profile group (or a notification group named by a setting).
    Group,
    /// A connector.
    Connector,
    /// A directory integration.
    DirectoryIntegration,
    /// A Sync & Recover task.
    Task,
    /// A Continuity monitor.
    Monitor,
    /// A Threat Remediation incident.
    Incident,
    /// An audit event.
    AuditEvent,
    /// A managed-sender entry.
    ManagedSender,
    /// A person's name (a group member's).
    Person,
    /// A policy's comment.
    Comment,
    /// An address attribute value of a policy scope.
    Attribute,
    /// A header display name of a policy scope.
    DisplayName,
    /// A phone number.
    Phone,
    /// A group member's notes.
    Note,
    /// A value of the bundle's `account` block.
    Account,
    /// The reason given for an accepted risk.
    Reason,
    /// Who accepted a risk.
    Owner,
    /// Any other free text of the tenant.
    Value,
}

impl Kind {
    /// The token's words: "Anti-spoofing policy" (then a number).
    pub fn label(self) -> &'static str {
        match self {
            Kind::AntiSpoofingPolicy => "Anti-spoofing policy",
            Kind::SpfBypassPolicy => "SPF bypass policy",
            Kind::PermittedSenderPolicy => "Permitted-sender policy",
            Kind::BlockedSenderPolicy => "Blocked-sender policy",
            Kind::ImpersonationPolicy => "Impersonation policy",
            Kind::ImpersonationBypassPolicy => "Impersonation bypass policy",
            Kind::DnsAuthenticationPolicy => "DNS authentication policy",
            Kind::SpamScanningPolicy => "Spam scanning policy",
            Kind::Policy => "Policy",
            Kind::ImpersonationDefinition => "Impersonation definition",
            Kind::DnsAuthenticationDefinition => "DNS authentication definition",
            Kind::SpamScanningDefinition => "Spam scanning definition",
            Kind::Group => "Group",
            Kind::Connector => "Connector",
            Kind::DirectoryIntegration => "Directory integration",
            Kind::Task => "Task",
            Kind::Monitor => "Monitor",
            Kind::Incident => "Incident",
            Kind::AuditEvent => "Audit event",
            Kind::ManagedSender => "Managed sender",
            Kind::Person => "Person",
            Kind::Comment => "Comment",
            Kind::Attribute => "Attribute",
            Kind::DisplayName => "Display name",
            Kind::Phone => "Phone",
            Kind::Note => "Note",
            Kind::Account => "Account value",
            Kind::Reason => "Reason",
            Kind::Owner => "Owner",
            Kind::Value => "Value",
        }
    }

    /// The kind of the policies of `section`.
    pub fn of_policies(section: Section) -> Kind {
        match section {
            Section::AntiSpoofingPolicies => Kind::AntiSpoofingPolicy,
            Section::AntiSpoofingBypassPolicies => Kind::SpfBypassPolicy,
            Section::PermittedSenderPolicies => Kind::PermittedSenderPolicy,
            Section::BlockedSenderPolicies => Kind::BlockedSenderPolicy,
            Section::ImpersonationPolicies => Kind::ImpersonationPolicy,
            Section::ImpersonationBypassPolicies => Kind::ImpersonationBypassPolicy,
            Section::DnsAuthInboundPolicies => Kind::DnsAuthenticationPolicy,
            Section::SpamScanningPolicies => Kind::SpamScanningPolicy,
            _ => Kind::Policy,
        }
    }
}

/// How one tenant string is to be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A name or other free text of record `record`: "Group 2".
    Name {
        /// What the record is.
        kind: Kind,
        /// The record (a name and an id of one record share a number).
        record: usize,
    },
    /// An identifier of record `record`: `group-2`.
    Id {
        /// What the record is.
        kind: Kind,
        /// The record.
        record: usize,
    },
    /// Domains, addresses and IP ranges (a host name, a sender, a DNS
    /// record): each found in it is replaced like any other.
    Net,
    /// A file name.
    File,
    /// A value from a closed list (a state, a status, a provider, an
    /// option), kept: it names no one.
    Kept,
}

/// One string of the tenant's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantString {
    /// The string as loaded.
    pub text: String,
    /// How it is replaced.
    pub role: Role,
}

/// Every string of the tenant's data that a report may quote, in the
/// model's order (records that others refer to first: groups and
/// definitions before the policies that name them).
///
/// Only a redacted export needs them, so a report made by
/// [`crate::report_for`] holds the model and gathers them on first use
/// ([`TenantStrings::strings`]) instead of copying every string of a big
/// tenant for each report. Clones share them.
#[derive(Clone, Default)]
pub struct TenantStrings(Option<std::sync::Arc<Lazy>>);

/// The strings, gathered once, and the model to gather them from.
struct Lazy {
    strings: std::sync::OnceLock<Vec<TenantString>>,
    model: Option<std::sync::Arc<Config>>,
}

impl TenantStrings {
    /// These strings (in this order).
    pub fn from_strings(strings: Vec<TenantString>) -> TenantStrings {
        TenantStrings(Some(std::sync::Arc::new(Lazy {
            strings: std::sync::OnceLock::from(strings),
            model: None,
        })))
    }

    /// The strings of `model`, gathered when first asked for (the same as
    /// [`TenantStrings::of`] gives).
    pub fn lazy(model: std::sync::Arc<Config>) -> TenantStrings {
        TenantStrings(Some(std::sync::Arc::new(Lazy {
            strings: std::sync::OnceLock::new(),
            model: Some(model),
        })))
    }

    /// The strings; empty for a report read back from JSON.
    pub fn strings(&self) -> &[TenantString] {
        match &self.0 {
            None => &[],
            Some(l) => l.strings.get_or_init(|| {
                l.model
                    .as_deref()
                    .map(TenantStrings::gather)
                    .unwrap_or_default()
            }),
        }
    }

    /// The strings gathered now, and the model let go of (for a report
    /// kept a long time next to a model of its own).
    pub fn detach(&mut self) {
        if self.0.as_ref().is_some_and(|l| l.model.is_some()) {
            *self = TenantStrings::from_strings(self.strings().to_vec());
        }
    }
}

impl std::fmt::Debug for TenantStrings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TenantStrings")
            .field("strings", &self.strings())
            .finish()
    }
}

impl PartialEq for TenantStrings {
    fn eq(&self, other: &Self) -> bool {
        self.strings() == other.strings()
    }
}

impl Eq for TenantStrings {}

impl TenantStrings {
    /// The strings of everything loaded in `config`, gathered now.
    pub fn of(config: &Config) -> TenantStrings {
        TenantStrings::from_strings(TenantStrings::gather(config))
    }

    fn gather(config: &Config) -> Vec<TenantString> {
        let mut b = Builder::default();
        for state in config.sections.values() {
            for s in &state.sources {
                b.push(s, Role::File);
            }
        }
        for d in &config.internal_domains {
            b.push(&d.domain, Role::Net);
            b.kept(d.inbound_type.as_deref());
        }
        for g in &config.groups {
            let r = b.record();
            b.name(&g.description, Kind::Group, r);
            b.id(&g.id, Kind::Group, r);
            b.kept(g.source.as_deref());
        }
        for (id, members) in &config.group_members {
            b.id(id, Kind::Group, usize::MAX);
            for m in members {
                b.push(&m.email_address, Role::Net);
                b.push(&m.domain, Role::Net);
                let r = b.record();
                b.name(&m.name, Kind::Person, r);
                let r = b.record();
                b.name(&m.notes, Kind::Note, r);
                b.kept(m.kind.as_deref());
            }
        }
        for d in &config.impersonation_definitions {
            let r = b.record();
            b.name(&d.description, Kind::ImpersonationDefinition, r);
            b.id(&d.id, Kind::ImpersonationDefinition, r);
            b.group(d.notify_group.as_deref());
            if let Some(Known::Unknown(a)) = &d.action {
                b.kept(Some(a));
            }
        }
        for d in &config.dns_auth_definitions {
            let r = b.record();
            b.name(&d.description, Kind::DnsAuthenticationDefinition, r);
            b.id(&d.id, Kind::DnsAuthenticationDefinition, r);
        }
        for d in &config.spam_definitions {
            let r = b.record();
            b.name(&d.description, Kind::SpamScanningDefinition, r);
            b.id(&d.id, Kind::SpamScanningDefinition, r);
            b.kept(d.level.as_deref());
        }
        for c in &config.connectors {
            let r = b.record();
            b.name(&c.name, Kind::Connector, r);
            b.id(&c.id, Kind::Connector, r);
            let r = b.record();
            b.name(&c.description, Kind::Connector, r);
            for k in [&c.product_code, &c.product_name, &c.provider, &c.status] {
                b.kept(k.as_deref());
            }
        }
        for d in &config.directory_integrations {
            let r = b.record();
            b.name(&d.name, Kind::DirectoryIntegration, r);
            b.id(&d.id, Kind::DirectoryIntegration, r);
            b.kept(d.provider.as_deref());
            b.kept(d.status.as_deref());
        }
        for (&section, policies) in &config.policies {
            for p in policies {
                b.policy(section, p);
            }
        }
        for m in &config.managed_senders {
            let r = b.record();
            if let Some(id) = m.id() {
                b.id(id, Kind::ManagedSender, r);
            }
            b.push(m.to(), Role::Net);
            b.push(m.sender(), Role::Net);
            b.kept(m.source());
        }
        let tr = &config.threat_remediation;
        if let Some(s) = &tr.settings {
            b.kept(s.mode.as_deref());
            b.group(s.notify_group.as_deref());
        }
        for i in tr.incidents.iter().flatten() {
            let r = b.record();
            if let Some(code) = &i.code {
                b.name(code, Kind::Incident, r);
            }
            b.id(&i.id, Kind::Incident, r);
            b.kept(Some(&i.kind));
        }
        for t in &config.sync_tasks {
            let r = b.record();
            b.name(&t.name, Kind::Task, r);
            if let Some(c) = &t.connector_id {
                b.id(c, Kind::Connector, usize::MAX);
            }
            b.group(t.group.as_deref());
            b.kept(t.platform.as_deref());
            b.kept(Some(&t.state));
        }
        for m in &config.continuity_monitors {
            let r = b.record();
            b.name(&m.description, Kind::Monitor, r);
            b.group(m.notify_group.as_deref());
            for n in &m.sms_numbers {
                let r = b.record();
                b.name(n, Kind::Phone, r);
            }
            b.kept(m.platform.as_deref());
            b.kept(Some(&m.status));
        }
        for d in &config.dns_records {
            b.push(&d.domain, Role::Net);
            for r in [&d.spf, &d.dmarc].into_iter().flatten() {
                b.push(r, Role::Net);
            }
        }
        // Mail routing: MX hosts, gateway details, Exchange Online output.
        for mx in config.dns_records.iter().filter_map(|d| d.mx.as_ref()) {
            for m in &mx.records {
                b.push(&m.host, Role::Net);
            }
        }
        if let Some(g) = &config.gateway_details {
            let r = b.record();
            b.name(
                g.account_code.as_deref().unwrap_or_default(),
                Kind::Account,
                r,
            );
            b.kept(g.region.as_deref());
            for h in g
                .inbound_mx
                .iter()
                .map(|m| &m.hostname)
                .chain(&g.outbound_hostnames)
            {
                b.push(h, Role::Net);
            }
        }
        for c in config.exchange_online.inbound_connectors.iter().flatten() {
            let r = b.record();
            b.name(&c.name, Kind::Connector, r);
            let nets = c.sender_ips.iter().chain(&c.ef_skip_ips).map(|i| &i.text);
            for n in nets.chain(&c.sender_domains).chain(&c.accepted_domains) {
                b.push(n, Role::Net);
            }
            if let Some(n) = &c.certificate_name {
                b.push(n, Role::Net);
            }
        }
        if let Some(o) = &config.exchange_online.organization_config {
            for n in [&o.identity, &o.name].into_iter().flatten() {
                b.push(n, Role::Net);
            }
        }
        for e in &config.audit_events {
            let r = b.record();
            b.name(&e.event_info, Kind::AuditEvent, r);
            b.id(&e.id, Kind::AuditEvent, r);
            b.push(&e.user, Role::Net);
            let r = b.record();
            b.name(&e.user, Kind::Person, r);
            b.kept(Some(&e.audit_type));
            b.kept(Some(&e.category));
        }
        // URL / Attachment Protect, Attachment Sets, managed URLs.
        let defs = config
            .url_protect_definitions
            .iter()
            .map(|d| (&d.id, &d.description));
        let defs = defs
            .chain(
                config
                    .attachment_protect_definitions
                    .iter()
                    .map(|d| (&d.id, &d.description)),
            )
            .chain(
                config
                    .attachment_management_definitions
                    .iter()
                    .map(|d| (&d.id, &d.description)),
            );
        for (id, description) in defs {
            let r = b.record();
            b.name(description, Kind::Value, r);
            b.id(id, Kind::Value, r);
        }
        for m in &config.managed_urls {
            let r = b.record();
            b.id(&m.id, Kind::Value, r);
            b.push(&m.url, Role::Net);
            b.push(&m.domain, Role::Net);
            let r = b.record();
            b.name(&m.comment, Kind::Comment, r);
        }
        services::gather(&mut b, &config.gateway_services);
        if let Some(a) = &config.admin_authentication {
            b.admin(a);
        }
        if let Some(account) = &config.account {
            b.json(account);
        }
        for a in &config.acceptances {
            let r = b.record();
            b.name(&a.reason, Kind::Reason, r);
            let r = b.record();
            b.name(&a.owner, Kind::Owner, r);
        }
        b.out
    }
}

#[derive(Default)]
struct Builder {
    out: Vec<TenantString>,
    records: usize,
}

impl Builder {
    /// Administrator authentication: the identity provider, the admin IP
    /// ranges, and each API application's name, description and (custom)
    /// role; built-in role names and product names are Mimecast's own.
    fn admin(&mut self, a: &crate::model::AdminAuthentication) {
        if let Some(p) = &a.profile {
            self.kept(p.two_step_method.as_deref());
            if let Some(s) = &p.saml_provider {
                let r = self.record();
                self.name(s, Kind::Value, r);
            }
        }
        for ip in a.ip_ranges.iter().flatten() {
            self.push(ip, Role::Net);
        }
        for app in a.api_applications.iter().flatten() {
            let r = self.record();
            self.name(&app.name, Kind::Value, r);
            if let Some(d) = &app.description {
                let r = self.record();
                self.name(d, Kind::Value, r);
            }
            match app.broad_role() {
                Some(_) => self.kept(app.role.as_deref()),
                None => {
                    if let Some(role) = &app.role {
                        let r = self.record();
                        self.name(role, Kind::Value, r);
                    }
                }
            }
            for p in &app.products {
                self.kept(Some(p));
            }
        }
    }

    fn record(&mut self) -> usize {
        self.records += 1;
        self.records
    }

    fn push(&mut self, text: &str, role: Role) {
        if !text.trim().is_empty() {
            self.out.push(TenantString {
                text: text.trim().to_string(),
                role,
            });
        }
    }

    fn name(&mut self, text: &str, kind: Kind, record: usize) {
        self.push(text, Role::Name { kind, record });
    }

    /// An id; `usize::MAX` as the record: a reference to a record of its
    /// own (a new number).
    fn id(&mut self, text: &str, kind: Kind, record: usize) {
        let record = if record == usize::MAX {
            self.record()
        } else {
            record
        };
        self.push(text, Role::Id { kind, record });
    }

    fn kept(&mut self, text: Option<&str>) {
        if let Some(t) = text {
            self.push(t, Role::Kept);
        }
    }

    /// A notification group named by a setting (a name or an address).
    fn group(&mut self, text: Option<&str>) {
        if let Some(t) = text {
            if t.contains('@') {
                self.push(t, Role::Net);
            } else {
                let r = self.record();
                self.name(t, Kind::Group, r);
            }
        }
    }

    fn target(&mut self, t: &Target) {
        match t {
            Target::EmailDomain(v) | Target::IndividualEmailAddress(v) => self.push(v, Role::Net),
            Target::ProfileGroup { id, name } => {
                let r = self.record();
                if let Some(n) = name {
                    self.name(n, Kind::Group, r);
                }
                self.id(id, Kind::Group, r);
            }
            Target::AddressAttribute(v) => {
                let r = self.record();
                self.name(v, Kind::Attribute, r);
            }
            Target::HeaderDisplayName(v) => {
                let r = self.record();
                self.name(v, Kind::DisplayName, r);
            }
            Target::Unknown(v) => self.kept(Some(v)),
            _ => {}
        }
    }

    fn policy(&mut self, section: Section, p: &Policy) {
        let kind = Kind::of_policies(section);
        let r = self.record();
        self.name(&p.description, kind, r);
        if let Some(id) = &p.id {
            self.id(id, kind, r);
        }
        let r = self.record();
        self.name(&p.comment, Kind::Comment, r);
        if let Some(d) = &p.definition_id {
            let kind = match section {
                Section::ImpersonationPolicies => Kind::ImpersonationDefinition,
                Section::DnsAuthInboundPolicies => Kind::DnsAuthenticationDefinition,
                Section::SpamScanningPolicies => Kind::SpamScanningDefinition,
                _ => Kind::Value,
            };
            self.id(d, kind, usize::MAX);
        }
        self.target(&p.from);
        self.target(&p.to);
        for ip in &p.source_ips {
            self.push(&ip.text, Role::Net);
        }
        for h in p.hostnames.iter().chain(&p.spf_domains) {
            self.push(h, Role::Net);
        }
        self.push(&p.origin.file, Role::File);
        if let super::super::model::PolicyOption::Unknown(o) = &p.option {
            self.kept(Some(o));
        }
    }

    /// Every string of a JSON value (the `account` block).
    fn json(&mut self, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                let r = self.record();
                self.name(s, Kind::Account, r);
                self.push(s, Role::Net);
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| self.json(x)),
            serde_json::Value::Object(o) => o.values().for_each(|x| self.json(x)),
            _ => {}
        }
    }
}

mod services;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{input, samples, Options};

    #[test]
    fn a_report_gathers_the_same_strings_when_first_asked() {
        let loaded = input::load_all(&samples::pitfall_tenant());
        let eager = TenantStrings::of(&loaded.config);
        assert!(eager.strings().len() > 50, "{}", eager.strings().len());
        let report = crate::report_for(loaded, &Options::default());
        let copy = report.clone();
        assert_eq!(report.tenant.strings(), eager.strings());
        assert_eq!(copy.tenant, eager);
        let mut detached = copy.tenant.clone();
        detached.detach();
        assert_eq!(detached, eager);
        assert!(TenantStrings::default().strings().is_empty());
    }
}
