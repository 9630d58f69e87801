//! Policy hygiene (POL) rules.
//!
//! These rules read every policy section that was loaded, whatever its type;
//! they are not assessed only when no policy section at all was loaded.

mod broad_bypass_with_override;
mod duplicate_policy;
mod policy_expired;
mod policy_without_narrative;

pub use broad_bypass_with_override::BroadBypassWithOverride;
pub use duplicate_policy::DuplicatePolicy;
pub use policy_expired::PolicyExpired;
pub use policy_without_narrative::PolicyWithoutNarrative;

use super::{Confidence, Rule};
use crate::model::{Config, Policy, PolicyOption, Section};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &BroadBypassWithOverride,
    &PolicyExpired,
    &PolicyWithoutNarrative,
    &DuplicatePolicy,
];

/// The policy sections that were loaded (an empty list counts), in order.
pub fn loaded_policy_sections(cfg: &Config) -> Vec<Section> {
    Section::ALL
        .iter()
        .copied()
        .filter(|s| cfg.policies.contains_key(s) || s.is_policy() && cfg.has(*s))
        .collect()
}

/// A POL rule is not assessed only when no policy section was loaded; it
/// then names its own `reads` as what to collect.
pub fn missing_unless_any_policy_section(cfg: &Config, reads: &[Section]) -> Vec<Section> {
    if loaded_policy_sections(cfg).is_empty() {
        reads.to_vec()
    } else {
        Vec::new()
    }
}

/// A kind of policy that lets mail skip a protection.
pub struct BypassKind {
    /// The policy section.
    pub section: Section,
    /// The option that makes a policy of the section a bypass or permit;
    /// `None`: every policy of the section is one.
    pub option: Option<&'static str>,
    /// What such a policy does, for messages ("… policy that X").
    pub effect: &'static str,
}

/// The bypass and permit policies, as data: a new kind is one entry.
pub const BYPASS_KINDS: &[BypassKind] = &[
    BypassKind {
        section: Section::AntiSpoofingPolicies,
        option: Some("no_action"),
        effect: "switches anti-spoofing off",
    },
    BypassKind {
        section: Section::AntiSpoofingBypassPolicies,
        option: Some("enable_bypass"),
        effect: "bypasses anti-spoofing for senders passing the SPF check of its domains",
    },
    BypassKind {
        section: Section::PermittedSenderPolicies,
        option: Some("permit_sender"),
        effect: "lets senders skip spam scanning and reputation checks",
    },
    BypassKind {
        section: Section::ImpersonationBypassPolicies,
        option: None,
        effect: "bypasses Impersonation Protect",
    },
    // Wave 2, group B: kinds below (greylisting `no_action`).
    BypassKind {
        section: Section::GreylistingPolicies,
        option: Some("no_action"),
        effect: "switches greylisting off",
    },
    // Wave 2, group C: kinds below (URL / Attachment Protection Bypass).
    BypassKind {
        section: Section::UrlProtectBypassPolicies,
        option: Some("disable_url_protection"),
        effect: "switches URL Protect off",
    },
    BypassKind {
        section: Section::AttachmentProtectBypassPolicies,
        option: Some("disable_attachment_protection"),
        effect: "switches Attachment Protect off",
    },
];

/// Whether a policy of `section` is a bypass or permit: high confidence
/// when its option says so, medium when its option is not known to this
/// tool (it may be one), `None` when it is not one.
pub fn bypass_kind(section: Section, p: &Policy) -> Option<(Confidence, &'static BypassKind)> {
    let kind = BYPASS_KINDS.iter().find(|k| k.section == section)?;
    match kind.option {
        None => Some((Confidence::High, kind)),
        Some(o) if p.option.as_str() == o => Some((Confidence::High, kind)),
        Some(_) if matches!(p.option, PolicyOption::Unknown(_)) => Some((Confidence::Medium, kind)),
        Some(_) => None,
    }
}

/// "“Narrative” (Permitted senders policies)".
pub fn policy_name(section: Section, p: &Policy) -> String {
    format!("{} ({})", p.label(), section.title())
}

/// Text for an option this tool does not know, for messages (empty when
/// every option of the kind counts anyway).
pub fn unknown_option_note(p: &Policy, kind: &BypassKind) -> String {
    if kind.option.is_none() {
        return String::new();
    }
    match &p.option {
        PolicyOption::Unknown(o) if o.trim().is_empty() => " Its option was not given, so it is treated as a possible bypass.".into(),
        PolicyOption::Unknown(o) => format!(" Its option \u{201c}{o}\u{201d} is not known to this tool, so it is treated as a possible bypass."),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Outcome;
    use crate::InputFile;

    fn run(code: &str, body: &str) -> Outcome {
        crate::rules::testing::outcome_in(code, body)
    }

    #[test]
    fn any_policy_section_makes_pol_rules_assessable() {
        for code in ["POL001", "POL002", "POL003", "POL004"] {
            assert!(
                matches!(
                    run(code, r#""internalDomains":[]"#),
                    Outcome::NotAssessed(_)
                ),
                "{code}"
            );
            assert_eq!(
                run(code, r#""spamScanningPolicies":[]"#),
                Outcome::Pass,
                "{code}"
            );
            assert_eq!(
                run(
                    code,
                    r#""blockedSenderPolicies":{"meta":{},"data":[],"fail":[]}"#
                ),
                Outcome::Pass,
                "{code}"
            );
        }
    }

    #[test]
    fn the_local_list_matches_every_section_that_reads_policies() {
        // Every section named here is a real policy section of the reader:
        // a bundle with one policy in it fills `cfg.policies` for it.
        for s in Section::policy_sections() {
            let body = format!(
                r#""{}":[{{"id":"p","option":"no_action","from":{{"type":"everyone"}},"to":{{"type":"everyone"}}}}]"#,
                s.key()
            );
            let text = format!(r#"{{"format":"mimecast-config-bundle","version":1,{body}}}"#);
            let loaded = crate::input::load_all(&[InputFile::new("b.json", text.into_bytes())]);
            assert_eq!(loaded.config.policies(s).len(), 1, "{s}");
        }
    }
}
