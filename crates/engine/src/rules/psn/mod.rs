//! Permitted senders (PSN) rules, and what they share: the permit entries
//! (from permitted-sender policies and managed senders), the broad-range
//! test, and whether anti-spoofing still covers a permitted domain.

mod anti_spoofing_not_overriding_permits;
mod permitted_broad_ip_range;
mod permitted_everyone;
mod permitted_internal_domain;
mod permitted_shared_provider;
mod permitted_whole_third_party_domain;

use anti_spoofing_not_overriding_permits::AntiSpoofingNotOverridingPermits;
pub use permitted_broad_ip_range::PermittedBroadIpRange;
pub use permitted_everyone::PermittedEveryone;
pub use permitted_internal_domain::PermittedInternalDomain;
pub use permitted_shared_provider::PermittedSharedProvider;
pub use permitted_whole_third_party_domain::PermittedWholeThirdPartyDomain;

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::{Evidence, Rule, Subject};
use crate::model::{
    Config, GroupMember, InternalDomain, Known, ManagedKind, ManagedSender, Policy, PolicyOption,
    Section, Target,
};
pub use crate::providers::{broad_range, range_size};
use crate::providers::{
    is_same_or_subdomain, FREE_MAIL_DOMAINS, SHARED_PROVIDERS, TENANT_DOMAIN_BASES,
};
use crate::scope::{
    directions, group_label, group_members, is_effective, may_include_internal_recipients,
    policy_covers_internal_domain, Coverage,
};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &PermittedSharedProvider,
    &PermittedInternalDomain,
    &PermittedWholeThirdPartyDomain,
    &PermittedBroadIpRange,
    &AntiSpoofingNotOverridingPermits,
    &PermittedEveryone,
];

// ---------------------------------------------------------------------------
// Not assessed: permits come from either of two sections.

/// The sections of `reads` the loaded data lacks, where the two sources of
/// permits (`permittedSenderPolicies`, `managedSenders`) count as one: they
/// are named only when neither was loaded. On an empty config this is
/// exactly `reads`.
pub(crate) fn missing_with_permit_sources(cfg: &Config, reads: &[Section]) -> Vec<Section> {
    let any_permits = cfg.has(Section::PermittedSenderPolicies) || cfg.has(Section::ManagedSenders);
    reads
        .iter()
        .copied()
        .filter(|s| match s {
            Section::PermittedSenderPolicies | Section::ManagedSenders => !any_permits,
            other => !cfg.has(*other),
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Broad source ranges (also wanted by ASP002).

/// The policy is restricted to source ranges that all parsed and none of
/// which is broad: only those hosts can use the permit.
pub fn narrowly_restricted(p: &Policy) -> bool {
    !p.source_ips.is_empty()
        && p.source_ips
            .iter()
            .all(|r| r.net.as_ref().is_some_and(|n| broad_range(n).is_none()))
}

// ---------------------------------------------------------------------------
// Permit entries.

/// Where a permit lives.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// A permitted-senders policy.
    Policy(&'a Policy),
    /// One or more managed-sender records for the same sender.
    Managed(&'a ManagedSender),
}

/// What an entry lets through. Its text is borrowed from the model when
/// the model has it lowercase already (every managed sender), so a big
/// tenant's hundreds of thousands of entries copy no string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Permits<'a> {
    /// Every address of a domain; with `subdomains`, of every domain below it too.
    Domain {
        /// The domain (lowercase, no `@`).
        domain: Cow<'a, str>,
        /// Also every domain below it (`@*.example.com`).
        subdomains: bool,
    },
    /// One address (a pattern with a real local part).
    Address {
        /// The address as written (lowercase).
        address: Cow<'a, str>,
        /// Its domain.
        domain: Cow<'a, str>,
    },
    /// Every internal address (`internal_addresses` sender scope).
    InternalAddresses,
    /// Every free-mail domain (`free_mail_domains` sender scope).
    FreeMailDomains,
}

/// One permit entry, with where it is and how to point at it. Only what
/// every rule tests is built for each entry; the text, identity, location
/// and evidence of findings are built on demand, for the few entries that
/// become findings (big tenants have hundreds of thousands of entries).
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// What it lets through.
    pub permits: Permits<'a>,
    /// Set when it is not certain the entry permits anything (an option or
    /// list type this tool does not know); the reason is said in findings.
    pub doubt: Option<String>,
    /// What the text, identity, location and evidence are made from.
    source: Source<'a>,
    /// Whether [`internal_hits`] finds anything for it (asked once, when
    /// its text was just read, instead of once per rule).
    reaches_internal: bool,
}

/// A field an entry is read from: a policy's `from` or `to`, a member's
/// `domain` or `emailAddress` (one byte: entries are many).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    From,
    To,
    Domain,
    EmailAddress,
}

impl Field {
    fn as_str(self) -> &'static str {
        match self {
            Field::From => "from",
            Field::To => "to",
            Field::Domain => "domain",
            Field::EmailAddress => "emailAddress",
        }
    }
}

/// What an entry's presentation is made from.
#[derive(Debug, Clone)]
enum Source<'a> {
    /// A sender scope of a policy (`field` is `from` or `to`), written as
    /// `text` (the scope's value, or its type for a scope without one).
    Scope {
        policy: &'a Policy,
        target: &'a Target,
        field: Field,
        text: &'a str,
    },
    /// A member (read from its `key`) of a profile group used as a scope.
    Member {
        cfg: &'a Config,
        policy: &'a Policy,
        target: &'a Target,
        field: Field,
        member: &'a GroupMember,
        key: Field,
    },
    /// Managed-sender records for the same sender: the first, and the
    /// others (none for most senders, so no list is allocated for them).
    Managed {
        first: &'a ManagedSender,
        more: Box<[&'a ManagedSender]>,
    },
}

impl<'a> Entry<'a> {
    /// Where the entry lives.
    pub fn place(&self) -> Place<'a> {
        match &self.source {
            Source::Scope { policy, .. } | Source::Member { policy, .. } => Place::Policy(policy),
            Source::Managed { first, .. } => Place::Managed(first),
        }
    }

    /// The policy holding the entry, if it comes from one.
    pub fn policy(&self) -> Option<&'a Policy> {
        match self.place() {
            Place::Policy(p) => Some(p),
            Place::Managed(_) => None,
        }
    }

    /// The internal domains it permits addresses of ([`internal_hits`]).
    pub fn internal_hits(&self, cfg: &'a Config) -> Vec<InternalHit<'a>> {
        if self.reaches_internal {
            internal_hits(cfg, &self.permits)
        } else {
            Vec::new()
        }
    }

    /// The entry's policy is limited to narrow source ranges.
    pub fn narrowly_restricted(&self) -> bool {
        self.policy().is_some_and(narrowly_restricted)
    }

    /// The entry as written: `@*.example.com`, `internal_addresses` …
    pub fn text(&self) -> &'a str {
        match &self.source {
            Source::Scope { text, .. } => text,
            Source::Member { member, key, .. } => member_value(member, key.as_str()),
            Source::Managed { first, .. } => first.sender(),
        }
    }

    /// Stable identity: `<policy id>#<entry>` or `managed:<sender>`.
    pub fn object(&self) -> Subject {
        match &self.source {
            Source::Scope { policy, .. } | Source::Member { policy, .. } => {
                Subject::policy(Section::PermittedSenderPolicies, policy).detail(self.text())
            }
            Source::Managed { first, .. } => Subject::managed_sender(first.sender()),
        }
    }

    /// Where it is, for messages: `permitted-sender policy “X”` …
    pub fn location(&self) -> String {
        match &self.source {
            Source::Scope { policy, .. } => format!("permitted-sender policy {}", policy.label()),
            Source::Member {
                cfg,
                policy,
                target,
                ..
            } => format!(
                "permitted-sender policy {} (profile group {})",
                policy.label(),
                group_label(cfg, target)
            ),
            Source::Managed { first, more, .. } => match more.len() + 1 {
                1 => format!("the managed senders list ({})", describe(first)),
                n => format!(
                    "the managed senders list ({n} entries, e.g. {})",
                    describe(first)
                ),
            },
        }
    }

    /// Where the entry is in the input.
    pub fn evidence(&self) -> Vec<Evidence> {
        let scope = |p: &Policy, t: &Target, field: &Field| {
            let o = &p.origin;
            Evidence::at(o, o.field(field.as_str()), t.describe())
        };
        match &self.source {
            Source::Scope {
                policy,
                target,
                field,
                ..
            } => vec![scope(policy, target, field)],
            Source::Member {
                cfg,
                policy,
                target,
                field,
                member,
                key,
            } => vec![
                scope(policy, target, field),
                Evidence::at(
                    &member.origin,
                    member.origin.field(key.as_str()),
                    format!(
                        "{} (member of profile group {})",
                        member_value(member, key.as_str()),
                        group_label(cfg, target)
                    ),
                ),
            ],
            Source::Managed { first, more, .. } => std::iter::once(first)
                .chain(more)
                .take(12)
                .map(|m| {
                    Evidence::at(
                        &m.origin,
                        m.origin.field("sender"),
                        format!("{} ({})", m.sender(), describe(m)),
                    )
                })
                .collect(),
        }
    }
}

/// The value of a group member an entry reads (its address, or its
/// domain for a whole-domain member).
fn member_value<'a>(m: &'a GroupMember, key: &str) -> &'a str {
    if key == "domain" {
        &m.domain
    } else {
        &m.email_address
    }
}

/// A managed-senders record for messages: `permit entry for a@x.example`.
fn describe(m: &ManagedSender) -> String {
    let kind = match &m.kind {
        Known::Known(ManagedKind::AutoAllow) => "auto-allow".to_string(),
        Known::Known(k) => format!("{k:?}").to_ascii_lowercase(),
        Known::Unknown(k) => k.clone(),
    };
    let to = if m.to().is_empty() {
        "all users"
    } else {
        m.to()
    };
    format!("{kind} entry for {to}")
}

/// Reads a sender pattern: `user@x`, `x`, `@x`, `*@x`, `@*.x`, `*.x`.
pub fn parse_sender(raw: &str) -> Option<Permits<'_>> {
    let s = raw.trim().trim_end_matches('.');
    // Managed senders are lowercase already: no copy for them.
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        return parse_lowercase(&s.to_ascii_lowercase()).map(Permits::into_owned);
    }
    parse_lowercase(s)
}

/// [`parse_sender`] of a trimmed, lowercase pattern, borrowing from it.
fn parse_lowercase(s: &str) -> Option<Permits<'_>> {
    let (local, dom) = s.rsplit_once('@').unwrap_or(("", s));
    let (dom, subdomains) = match dom.strip_prefix("*.") {
        Some(d) => (d, true),
        None => (dom, false),
    };
    let domain = dom.trim_matches('.');
    if domain.is_empty() || domain.contains('*') {
        return None;
    }
    if local.is_empty() || local == "*" {
        Some(Permits::Domain {
            domain: domain.into(),
            subdomains,
        })
    } else {
        Some(Permits::Address {
            address: s.into(),
            domain: domain.into(),
        })
    }
}

impl Permits<'_> {
    /// The same, owning its text.
    pub fn into_owned(self) -> Permits<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        match self {
            Permits::Domain { domain, subdomains } => Permits::Domain {
                domain: own(domain),
                subdomains,
            },
            Permits::Address { address, domain } => Permits::Address {
                address: own(address),
                domain: own(domain),
            },
            Permits::InternalAddresses => Permits::InternalAddresses,
            Permits::FreeMailDomains => Permits::FreeMailDomains,
        }
    }
}

/// Why a permitted-senders policy may or may not permit: `None` when it is
/// not in force or does not permit; `Some(None)` for a certain permit;
/// `Some(Some(reason))` when the option is unknown (treated as a permit).
pub fn permit_doubt(p: &Policy, at: DateTime<Utc>) -> Option<Option<String>> {
    if !is_effective(p, at) {
        return None;
    }
    match &p.option {
        PolicyOption::PermitSender => Some(None),
        PolicyOption::Unknown(o) => Some(Some(format!(
            "its option \"{o}\" is not known to this tool, so it is treated as a permit"
        ))),
        _ => None,
    }
}

/// The permitted-sender policies in force that permit (or may permit).
pub fn permit_policies(cfg: &Config, at: DateTime<Utc>) -> Vec<(&Policy, Option<String>)> {
    cfg.policies(Section::PermittedSenderPolicies)
        .iter()
        .filter_map(|p| permit_doubt(p, at).map(|d| (p, d)))
        .collect()
}

/// Every permit entry in force: the sender scopes of effective permit
/// policies (in each direction that can reach internal recipients), the
/// members of profile groups used there (when loaded), and the unexpired
/// Permit / AutoAllow managed senders, grouped by sender.
pub fn entries(cfg: &Config, at: DateTime<Utc>) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (p, doubt) in permit_policies(cfg, at) {
        let mut seen: Vec<&Target> = Vec::new();
        for (sender, recipient) in directions(p) {
            if !may_include_internal_recipients(recipient, cfg) || seen.contains(&sender) {
                continue;
            }
            seen.push(sender);
            let field = if std::ptr::eq(sender, &p.from) {
                Field::From
            } else {
                Field::To
            };
            policy_entries(cfg, p, sender, field, &doubt, &mut out);
        }
    }
    managed_entries(cfg, at, &mut out);
    out
}

fn policy_entries<'a>(
    cfg: &'a Config,
    p: &'a Policy,
    t: &'a Target,
    field: Field,
    doubt: &Option<String>,
    out: &mut Vec<Entry<'a>>,
) {
    let mut push = |permits: Permits<'a>, source: Source<'a>| {
        out.push(Entry {
            reaches_internal: !internal_hits(cfg, &permits).is_empty(),
            permits,
            doubt: doubt.clone(),
            source,
        });
    };
    let scope = |text: &'a str| Source::Scope {
        policy: p,
        target: t,
        field,
        text,
    };
    match t {
        Target::EmailDomain(d) | Target::IndividualEmailAddress(d) => {
            // Wildcards (`@*.example.com`) work in policy scopes; a plain
            // domain is read as written.
            let Some(permits) = parse_sender(d) else {
                return;
            };
            push(permits, scope(d));
        }
        Target::InternalAddresses => push(Permits::InternalAddresses, scope("internal_addresses")),
        Target::FreeMailDomains => push(Permits::FreeMailDomains, scope("free_mail_domains")),
        Target::ProfileGroup { .. } => {
            let Some(members) = group_members(cfg, t) else {
                return;
            };
            for m in members {
                let key = if m.email_address.is_empty() {
                    Field::Domain
                } else {
                    Field::EmailAddress
                };
                let Some(permits) = parse_sender(member_value(m, key.as_str())) else {
                    continue;
                };
                push(
                    permits,
                    Source::Member {
                        cfg,
                        policy: p,
                        target: t,
                        field,
                        member: m,
                        key,
                    },
                );
            }
        }
        // Everyone / external addresses are PSN006's concern; the other
        // scope types do not name senders by address.
        _ => {}
    }
}

fn managed_entries<'a>(cfg: &'a Config, at: DateTime<Utc>, out: &mut Vec<Entry<'a>>) {
    // The records in force, sorted by sender (then by position, so each
    // sender's records keep their order): one sort instead of a tree of
    // hundreds of thousands of senders. The sort compares the senders'
    // first 16 bytes as a number first: most comparisons then never read
    // the senders themselves (scattered over the model: a cache miss each).
    // Whether a record's list type is known is noted now, while the records
    // are read in order, for the same reason.
    let mut kept: Vec<(u128, &str, usize, bool)> = cfg
        .managed_senders
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.kind.is(ManagedKind::Block) && m.expires.is_none_or(|e| e >= at))
        .map(|(i, m)| {
            let known = matches!(m.kind, Known::Known(_));
            (prefix(m.sender()), m.sender(), i, known)
        })
        .collect();
    kept.sort_unstable();
    for run in kept.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        let sender = run[0].1;
        let Some(permits) = parse_sender(sender) else {
            continue;
        };
        let first = &cfg.managed_senders[run[0].2];
        let more: Box<[&ManagedSender]> = run[1..]
            .iter()
            .map(|(_, _, i, _)| &cfg.managed_senders[*i])
            .collect();
        let certain = run.iter().any(|r| r.3);
        let doubt = match &first.kind {
            Known::Unknown(k) if !certain => Some(format!(
                "its list type \"{k}\" is not known to this tool, so it is treated as a permit"
            )),
            _ => None,
        };
        out.push(Entry {
            reaches_internal: !internal_hits(cfg, &permits).is_empty(),
            permits,
            doubt,
            source: Source::Managed { first, more },
        });
    }
}

/// The first 16 bytes of `s` as a number that orders as the bytes do
/// (shorter texts padded with zeros: a tie, decided by the texts).
fn prefix(s: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// The text with its first letter in upper case (for sentence starts).
pub fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A sentence to append when a conclusion is uncertain.
pub fn doubt_note(doubt: &Option<String>) -> String {
    doubt
        .as_ref()
        .map(|d| format!(" This is uncertain: {d}."))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// What an entry opens.

/// The shared provider or free-mail service a whole-domain entry opens.
pub fn provider_opened(domain: &str, subdomains: bool) -> Option<String> {
    let tenant = TENANT_DOMAIN_BASES
        .iter()
        .any(|b| is_same_or_subdomain(domain, b) && !is_same_or_subdomain(b, domain));
    if !tenant {
        if let Some(p) = whole_domain_provider(domain) {
            return Some(p);
        }
    }
    if subdomains {
        // `@*.com` opens every provider domain below it.
        if let Some(p) = SHARED_PROVIDERS.iter().find(|p| {
            p.spf_domains
                .iter()
                .any(|b| is_same_or_subdomain(b, domain))
        }) {
            return Some(p.name.to_string());
        }
        if let Some(b) = FREE_MAIL_DOMAINS
            .iter()
            .find(|b| is_same_or_subdomain(b, domain))
        {
            return Some(format!("free-mail domain {b}"));
        }
    }
    None
}

/// What [`crate::providers::free_mail_or_provider`] says of `domain`, by looking up each of
/// its label suffixes in an index of the providers' and free-mail domains
/// instead of testing every one of them: PSN001 asks it of every permit
/// entry, and a big tenant has hundreds of thousands.
fn whole_domain_provider(domain: &str) -> Option<String> {
    let index = whole_domain_index();
    let name = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut rest = name.as_str();
    let mut best: Option<&(usize, String)> = None;
    loop {
        if let Some(hit) = index.get(rest) {
            // The first provider in list order wins, then free mail.
            if best.is_none_or(|b| hit.0 < b.0) {
                best = Some(hit);
            }
        }
        match rest.split_once('.') {
            Some((_, r)) => rest = r,
            None => break,
        }
    }
    best.map(|b| b.1.clone())
}

/// The shared providers' SPF domains and the free-mail domains, lowercase:
/// their rank (providers in list order, then free-mail domains) and what
/// [`crate::providers::free_mail_or_provider`] names them.
fn whole_domain_index() -> &'static std::collections::HashMap<String, (usize, String)> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<String, (usize, String)>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let key = |b: &str| b.trim().trim_end_matches('.').to_ascii_lowercase();
        let mut index = std::collections::HashMap::new();
        for (i, p) in SHARED_PROVIDERS.iter().enumerate() {
            for b in p.spf_domains {
                index.entry(key(b)).or_insert((i, p.name.to_string()));
            }
        }
        let first_free = SHARED_PROVIDERS.len();
        for (j, b) in FREE_MAIL_DOMAINS.iter().enumerate() {
            index
                .entry(key(b))
                .or_insert((first_free + j, format!("free-mail domain {b}")));
        }
        index.remove("");
        index
    })
}

/// An internal domain an entry permits: `name` is the domain to check
/// (the entry's own domain when it lies inside an internal domain, else the
/// internal domain it covers through a wildcard or scope).
#[derive(Debug, Clone)]
pub struct InternalHit<'a> {
    /// The domain to check.
    pub name: String,
    /// The internal domain record.
    pub internal: &'a InternalDomain,
}

/// The internal domains an entry permits addresses of.
pub fn internal_hits<'a>(cfg: &'a Config, permits: &Permits<'_>) -> Vec<InternalHit<'a>> {
    let mut out: Vec<InternalHit<'a>> = Vec::new();
    let (domain, subdomains) = match permits {
        Permits::Domain { domain, subdomains } => (&**domain, *subdomains),
        Permits::Address { domain, .. } => (&**domain, false),
        Permits::InternalAddresses => {
            return cfg
                .internal_domains
                .iter()
                .map(|d| InternalHit {
                    name: d.domain.clone(),
                    internal: d,
                })
                .collect();
        }
        Permits::FreeMailDomains => return out,
    };
    // The entry lies inside an internal domain: the most specific one.
    if let Some(d) = cfg.internal_domain_containing(domain) {
        out.push(InternalHit {
            name: domain.to_string(),
            internal: d,
        });
    }
    // An entry above the internal domains (`@*.com`) covers those below it;
    // when the entry already lies inside one, that one hit says it all.
    if subdomains && out.is_empty() {
        for d in cfg
            .internal_domains
            .iter()
            .filter(|d| is_same_or_subdomain(&d.domain, domain))
        {
            out.push(InternalHit {
                name: d.domain.clone(),
                internal: d,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Does anti-spoofing still apply to a permitted internal domain?

/// What the anti-spoofing policies say about one domain.
#[derive(Debug, Clone)]
pub enum SpoofCover<'a> {
    /// An effective `apply*` policy covers it.
    Covered(&'a Policy),
    /// Only a policy whose coverage cannot be decided (reason given).
    Unknown(String),
    /// No effective `apply*` policy covers it.
    NotCovered,
    /// Anti-spoofing policies were not loaded.
    NotLoaded,
}

impl SpoofCover<'_> {
    /// One sentence about the cover of `domain`, for messages.
    pub fn describe(&self, domain: &str) -> String {
        match self {
            SpoofCover::Covered(p) => format!("anti-spoofing covers {domain} (policy {}), so ASP003 would not fire for it", p.label()),
            SpoofCover::Unknown(r) => format!("unknown whether anti-spoofing covers {domain}: {r}"),
            SpoofCover::NotCovered => format!("no effective anti-spoofing policy covers {domain} (ASP003 would fire)"),
            SpoofCover::NotLoaded => format!("unknown whether anti-spoofing covers {domain}: anti-spoofing policies were not loaded"),
        }
    }
}

/// Whether an effective anti-spoofing `apply`/`apply_non_mimecast` policy
/// covers `domain`, the way ASP003 decides it.
pub fn anti_spoofing_cover<'a>(cfg: &'a Config, at: DateTime<Utc>, domain: &str) -> SpoofCover<'a> {
    if !cfg.has(Section::AntiSpoofingPolicies) {
        return SpoofCover::NotLoaded;
    }
    let mut unknown = None;
    for p in cfg.policies(Section::AntiSpoofingPolicies) {
        if !p.option.applies_anti_spoofing() || !is_effective(p, at) {
            continue;
        }
        match policy_covers_internal_domain(p, domain, cfg) {
            Coverage::Yes => return SpoofCover::Covered(p),
            Coverage::Unknown(r) => unknown = Some(format!("{} ({r})", p.label())),
            Coverage::No => {}
        }
    }
    unknown
        .map(SpoofCover::Unknown)
        .unwrap_or(SpoofCover::NotCovered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> ipnet::IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn broad_ranges_by_prefix_and_provider_overlap() {
        assert!(broad_range(&net("10.0.0.0/23"))
            .is_some_and(|b| b.short_prefix && b.providers.is_empty()));
        assert!(broad_range(&net("198.51.100.0/24")).is_none());
        assert!(broad_range(&net("198.51.100.7/32")).is_none());
        let ms = broad_range(&net("40.107.3.4/32")).unwrap();
        assert!(!ms.short_prefix);
        assert_eq!(ms.providers[0].0.name, "Microsoft 365 / Exchange Online");
        assert!(broad_range(&net("2001:db8::/47")).is_some());
        assert!(broad_range(&net("2001:db8::/48")).is_none());
        assert!(broad_range(&net("2a00:1450:4009:800::/64")).is_some());
    }

    #[test]
    fn range_sizes_read_well() {
        assert_eq!(range_size(&net("10.0.0.0/8")), "16,777,216");
        assert_eq!(range_size(&net("10.0.0.0/24")), "256");
        assert_eq!(range_size(&net("0.0.0.0/0")), "4,294,967,296");
        assert_eq!(range_size(&net("2001:db8::/48")), "2^80");
        assert_eq!(
            range_size(&net("2001:db8::/66")),
            "4,611,686,018,427,387,904"
        );
        assert_eq!(range_size(&net("2001:db8::/64")), "2^64");
        assert_eq!(range_size(&net("2001:db8::/120")), "256");
    }

    #[test]
    fn sender_patterns() {
        let dom = |d: &'static str, s| {
            Some(Permits::Domain {
                domain: d.into(),
                subdomains: s,
            })
        };
        assert_eq!(parse_sender("example.com"), dom("example.com", false));
        assert_eq!(parse_sender("@Example.com"), dom("example.com", false));
        assert_eq!(parse_sender("*@example.com"), dom("example.com", false));
        assert_eq!(parse_sender("@*.example.com"), dom("example.com", true));
        assert_eq!(parse_sender("*.example.com"), dom("example.com", true));
        assert_eq!(
            parse_sender("Bob@Example.com"),
            Some(Permits::Address {
                address: "bob@example.com".into(),
                domain: "example.com".into()
            })
        );
        assert_eq!(parse_sender(""), None);
        assert_eq!(parse_sender("@"), None);
    }

    #[test]
    fn internal_hits_name_the_most_specific_domain_once() {
        let mut c = Config::default();
        for d in ["example.com", "bulk.example.com", "example.org"] {
            c.internal_domains.push(InternalDomain {
                domain: d.into(),
                send_only: false,
                local: false,
                inbound_type: None,
                origin: Default::default(),
            });
        }
        let hits = |p: Permits| -> Vec<(String, String)> {
            internal_hits(&c, &p)
                .into_iter()
                .map(|h| (h.name, h.internal.domain.clone()))
                .collect()
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        let dom = |d: &'static str, s| Permits::Domain {
            domain: d.into(),
            subdomains: s,
        };
        assert_eq!(
            hits(dom("example.com", true)),
            [pair("example.com", "example.com")]
        );
        assert_eq!(
            hits(dom("mail.bulk.example.com", false)),
            [pair("mail.bulk.example.com", "bulk.example.com")]
        );
        assert_eq!(
            hits(dom("com", true)),
            [
                pair("example.com", "example.com"),
                pair("bulk.example.com", "bulk.example.com")
            ]
        );
        assert!(hits(dom("com", false)).is_empty());
        assert!(hits(dom("notexample.com", true)).is_empty());
        assert_eq!(
            hits(Permits::Address {
                address: "a@example.org".into(),
                domain: "example.org".into()
            }),
            [pair("example.org", "example.org")]
        );
        assert_eq!(hits(Permits::InternalAddresses).len(), 3);
        assert!(hits(Permits::FreeMailDomains).is_empty());
    }

    #[test]
    fn the_provider_index_answers_as_the_lists_do() {
        use crate::providers::free_mail_or_provider;
        let mut names: Vec<String> = SHARED_PROVIDERS
            .iter()
            .flat_map(|p| p.spf_domains.iter().map(|d| d.to_string()))
            .chain(FREE_MAIL_DOMAINS.iter().map(|d| d.to_string()))
            .collect();
        let more: Vec<String> = names
            .iter()
            .flat_map(|d| {
                [
                    format!("mail.{d}"),
                    format!("{}.", d.to_ascii_uppercase()),
                    format!("x{d}"),
                    d.split_once('.')
                        .map_or(String::new(), |(_, r)| r.to_string()),
                ]
            })
            .collect();
        names.extend(more);
        names.extend(["", "com", "example.com", " gmail.com "].map(String::from));
        for d in &names {
            assert_eq!(whole_domain_provider(d), free_mail_or_provider(d), "{d:?}");
        }
    }

    #[test]
    fn providers_opened_by_whole_domain_entries() {
        assert_eq!(
            provider_opened("gmail.com", false).as_deref(),
            Some("Google Workspace / Gmail")
        );
        assert_eq!(
            provider_opened("hotmail.com", false).as_deref(),
            Some("free-mail domain hotmail.com")
        );
        assert_eq!(
            provider_opened("onmicrosoft.com", false).as_deref(),
            Some("Microsoft 365 / Exchange Online")
        );
        assert_eq!(provider_opened("contoso.onmicrosoft.com", false), None);
        assert_eq!(
            provider_opened("com", true).as_deref(),
            Some("Microsoft 365 / Exchange Online")
        );
        assert_eq!(provider_opened("com", false), None);
        assert_eq!(provider_opened("paypal.com", true), None);
    }
}
