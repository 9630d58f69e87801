//! The common Mimecast policy, normalized from both API generations.

use chrono::{DateTime, Utc};
use ipnet::IpNet;

/// Where a record sits in the loaded input, so findings can point at it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// The file name as the user gave it (inside a zip: `archive.zip/inner.json`);
    /// one copy shared by every record of the file.
    pub file: std::sync::Arc<str>,
    /// JSON path of the object holding the record's own fields
    /// (`data[0].policy` for API 1.0, `definitions[3]` for API 2.0).
    pub path: String,
    /// JSON path of the object holding `sourceIPs`/`hostnames`/`spfDomains`
    /// (`data[0].policy.conditions` in API 1.0; the record itself in API 2.0).
    /// Empty when it is `path` (most records: no second copy of the path).
    pub conditions_path: String,
}

impl Origin {
    /// Path of one of the record's own fields.
    pub fn field(&self, name: &str) -> String {
        join(&self.path, name)
    }

    /// JSON path of the object holding the conditions (see
    /// `conditions_path`).
    pub fn conditions(&self) -> &str {
        if self.conditions_path.is_empty() {
            &self.path
        } else {
            &self.conditions_path
        }
    }

    /// Path of a condition list (`sourceIPs`, `hostnames`, `spfDomains`).
    pub fn condition_list(&self, name: &str) -> String {
        join(self.conditions(), name)
    }

    /// Path of one element of a condition list.
    pub fn condition(&self, name: &str, index: usize) -> String {
        format!("{}[{index}]", self.condition_list(name))
    }
}

fn join(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else {
        format!("{base}.{name}")
    }
}

/// `option` of a policy. Unknown values are kept, never rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyOption {
    /// `no_action`: Take No Action (on an anti-spoofing policy, an exception).
    NoAction,
    /// `apply`: Apply Anti-Spoofing.
    Apply,
    /// `apply_non_mimecast`: Apply Anti-Spoofing, excluding Mimecast IPs.
    ApplyNonMimecast,
    /// `enable_bypass`: the SPF-based bypass is on.
    EnableBypass,
    /// `disable_bypass`: the SPF-based bypass is off.
    DisableBypass,
    /// `permit_sender`: Permit Sender.
    PermitSender,
    /// `block_sender`: Block Sender.
    BlockSender,
    /// A value this tool does not know, as written.
    Unknown(String),
}

impl PolicyOption {
    /// Reads an option; case and surrounding spaces do not matter, and an
    /// unknown value is kept as written.
    pub fn parse(text: &str) -> PolicyOption {
        match text.trim().to_ascii_lowercase().as_str() {
            "no_action" => PolicyOption::NoAction,
            "apply" => PolicyOption::Apply,
            "apply_non_mimecast" => PolicyOption::ApplyNonMimecast,
            "enable_bypass" => PolicyOption::EnableBypass,
            "disable_bypass" => PolicyOption::DisableBypass,
            "permit_sender" => PolicyOption::PermitSender,
            "block_sender" => PolicyOption::BlockSender,
            _ => PolicyOption::Unknown(text.to_string()),
        }
    }

    /// The option as the API writes it (`no_action` …), or the unknown text.
    pub fn as_str(&self) -> &str {
        match self {
            PolicyOption::NoAction => "no_action",
            PolicyOption::Apply => "apply",
            PolicyOption::ApplyNonMimecast => "apply_non_mimecast",
            PolicyOption::EnableBypass => "enable_bypass",
            PolicyOption::DisableBypass => "disable_bypass",
            PolicyOption::PermitSender => "permit_sender",
            PolicyOption::BlockSender => "block_sender",
            PolicyOption::Unknown(s) => s,
        }
    }

    /// Anti-spoofing options that switch the protection on.
    pub fn applies_anti_spoofing(&self) -> bool {
        matches!(self, PolicyOption::Apply | PolicyOption::ApplyNonMimecast)
    }
}

/// "Addresses Based On".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FromPart {
    /// The envelope sender (`envelope_from`); also when nothing is given.
    EnvelopeFrom,
    /// The `From` header (`header_from`).
    HeaderFrom,
    /// Both addresses (`both`).
    Both,
    /// A value this tool does not know (trimmed, lowercase).
    Unknown(String),
}

impl FromPart {
    /// Reads Addresses Based On; missing or empty text means `envelope_from`.
    pub fn parse(text: Option<&str>) -> FromPart {
        match text.map(|t| t.trim().to_ascii_lowercase()) {
            None => FromPart::EnvelopeFrom,
            Some(t) => match t.as_str() {
                "" | "envelope_from" => FromPart::EnvelopeFrom,
                "header_from" => FromPart::HeaderFrom,
                "both" => FromPart::Both,
                _ => FromPart::Unknown(t),
            },
        }
    }
}

/// A policy's "Applies From" / "Applies To".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Everyone (also how a scope without a type is read).
    Everyone,
    /// Internal Addresses: the organisation's own addresses.
    InternalAddresses,
    /// External Addresses: everyone outside the organisation.
    ExternalAddresses,
    /// Every address of one domain (lowercase, no `@`).
    EmailDomain(String),
    /// The members of a profile group.
    ProfileGroup {
        /// The group id (a record typed by hand may hold the group's name instead).
        id: String,
        /// The group's name, when the record carries it (`group.description`).
        name: Option<String>,
    },
    /// One address (lowercase).
    IndividualEmailAddress(String),
    /// Addresses with a directory attribute value (the value).
    AddressAttribute(String),
    /// Free mail domains: consumer mail providers, as Mimecast lists them.
    FreeMailDomains,
    /// Senders whose `From` header shows this display name (Impersonation Protect).
    HeaderDisplayName(String),
    /// A type this tool does not know, kept verbatim.
    Unknown(String),
}

impl Target {
    /// The API type name.
    pub fn type_name(&self) -> &str {
        match self {
            Target::Everyone => "everyone",
            Target::InternalAddresses => "internal_addresses",
            Target::ExternalAddresses => "external_addresses",
            Target::EmailDomain(_) => "email_domain",
            Target::ProfileGroup { .. } => "profile_group",
            Target::IndividualEmailAddress(_) => "individual_email_address",
            Target::AddressAttribute(_) => "address_attribute_value",
            Target::FreeMailDomains => "free_mail_domains",
            Target::HeaderDisplayName(_) => "header_display_name",
            Target::Unknown(t) => t,
        }
    }

    /// A short human description: `email_domain example.com`.
    pub fn describe(&self) -> String {
        match self {
            Target::EmailDomain(v)
            | Target::IndividualEmailAddress(v)
            | Target::AddressAttribute(v)
            | Target::HeaderDisplayName(v) => format!("{} {v}", self.type_name()),
            Target::ProfileGroup { id, name } => {
                format!("profile_group {}", name.as_deref().unwrap_or(id))
            }
            _ => self.type_name().to_string(),
        }
    }
}

/// Validity window; `None` on a side means eternal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Validity {
    /// Start of the window; `None`: no start.
    pub from: Option<DateTime<Utc>>,
    /// End of the window (a plain date counts to the end of that day); `None`:
    /// no end.
    pub to: Option<DateTime<Utc>>,
}

impl Validity {
    /// True when `at` lies inside the window (both ends included).
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from.is_none_or(|f| f <= at) && self.to.is_none_or(|t| at <= t)
    }
}

/// One source IP range as written, with its parsed form when it parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpRange {
    /// The range as written.
    pub text: String,
    /// The parsed range; `None` when the text is not a range or an address.
    pub net: Option<IpNet>,
}

impl IpRange {
    /// Parses a CIDR range; a bare address counts as a single-host range.
    pub fn parse(text: &str) -> IpRange {
        let t = text.trim();
        let net = t
            .parse::<IpNet>()
            .ok()
            .or_else(|| t.parse::<std::net::IpAddr>().ok().map(IpNet::from));
        IpRange {
            text: text.to_string(),
            net,
        }
    }
}

/// A policy of any kind (anti-spoofing, bypass, permitted senders …).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The policy's id, when it has one.
    pub id: Option<String>,
    /// The Policy Narrative (empty when none).
    pub description: String,
    /// A note not shown in the console (empty when none).
    pub comment: String,
    /// What the policy does (Select Option).
    pub option: PolicyOption,
    /// The definition the policy applies (impersonation, DNS authentication,
    /// spam scanning), when it names one.
    pub definition_id: Option<String>,
    /// Addresses Based On: which sender address (envelope or header) is matched.
    pub from_part: FromPart,
    /// Applies From: the sender scope.
    pub from: Target,
    /// Applies To: the recipient scope.
    pub to: Target,
    /// Switched on (`true` when not given).
    pub enabled: bool,
    /// The API's `enforced` flag (`false` when not given); no rule reads it.
    pub enforced: bool,
    /// Policy Override: the policy outranks more specific ones (`false` when
    /// not given).
    pub override_: bool,
    /// Also applies with from and to swapped (`false` when not given).
    pub bidirectional: bool,
    /// When the policy is in force.
    pub validity: Validity,
    /// Source IP Ranges the policy is limited to.
    pub source_ips: Vec<IpRange>,
    /// Hostname(s) the policy is limited to (anti-spoofing).
    pub hostnames: Vec<String>,
    /// Domains of an SPF-based bypass (lowercase, no `@` or trailing dot).
    pub spf_domains: Vec<String>,
    /// Where the record sits in the input.
    pub origin: Origin,
}

impl Policy {
    /// How the policy is named in messages: its narrative, else its id.
    pub fn label(&self) -> String {
        match (self.description.trim(), &self.id) {
            ("", Some(id)) => format!("policy {id}"),
            ("", None) => format!("policy at {}", self.origin.path),
            (d, _) => format!("\u{201c}{d}\u{201d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_range_accepts_cidr_and_bare_addresses() {
        assert_eq!(IpRange::parse("10.0.0.0/8").net.unwrap().prefix_len(), 8);
        assert_eq!(IpRange::parse(" 192.0.2.7 ").net.unwrap().prefix_len(), 32);
        assert_eq!(
            IpRange::parse("2a01:111:f400::/48")
                .net
                .unwrap()
                .prefix_len(),
            48
        );
        assert!(IpRange::parse("10.0.0.0/33").net.is_none());
        assert!(IpRange::parse("mail.example.com").net.is_none());
    }

    #[test]
    fn options_round_trip_and_keep_unknown_values() {
        for o in [
            "no_action",
            "apply",
            "apply_non_mimecast",
            "enable_bypass",
            "disable_bypass",
        ] {
            assert_eq!(PolicyOption::parse(o).as_str(), o);
        }
        assert_eq!(PolicyOption::parse("Apply"), PolicyOption::Apply);
        assert_eq!(
            PolicyOption::parse("quarantine_all"),
            PolicyOption::Unknown("quarantine_all".into())
        );
    }

    #[test]
    fn origin_paths_follow_the_record_layout() {
        let api1 = Origin {
            file: "f".into(),
            path: "data[0].policy".into(),
            conditions_path: "data[0].policy.conditions".into(),
        };
        assert_eq!(
            api1.condition("spfDomains", 1),
            "data[0].policy.conditions.spfDomains[1]"
        );
        assert_eq!(api1.field("description"), "data[0].policy.description");
        let api2 = Origin {
            file: "f".into(),
            path: "definitions[3]".into(),
            conditions_path: "definitions[3]".into(),
        };
        assert_eq!(
            api2.condition("sourceIPs", 0),
            "definitions[3].sourceIPs[0]"
        );
        // No conditions path of its own: the record's path is it.
        let same = Origin {
            conditions_path: String::new(),
            ..api2.clone()
        };
        assert_eq!(same.conditions(), "definitions[3]");
        assert_eq!(
            same.condition("sourceIPs", 0),
            api2.condition("sourceIPs", 0)
        );
    }

    #[test]
    fn validity_bounds_are_inclusive_and_open_sides_are_eternal() {
        let d = |s| crate::model::parse_date(s).unwrap();
        let v = Validity {
            from: Some(d("2025-01-01")),
            to: Some(d("2025-12-31")),
        };
        assert!(v.contains(d("2025-01-01")));
        assert!(v.contains(d("2025-12-31")));
        assert!(!v.contains(d("2026-01-01")));
        assert!(!v.contains(d("2024-12-31")));
        assert!(Validity::default().contains(d("1999-01-01")));
    }
}
