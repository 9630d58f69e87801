//! Targeted Threat Protection, attachments and managed URLs (TTP) rules.

mod attachment_protect_inbound_missing;
mod dangerous_file_types_not_blocked;
pub mod data;
pub mod licence;
mod managed_url_permits_shared_hosting;
mod protect;
mod ttp_bypass_all_inbound;
mod url_protect_inbound_missing;

pub use attachment_protect_inbound_missing::AttachmentProtectInboundMissing;
pub use dangerous_file_types_not_blocked::DangerousFileTypesNotBlocked;
pub use managed_url_permits_shared_hosting::ManagedUrlPermitsSharedHosting;
pub use ttp_bypass_all_inbound::TtpBypassAllInbound;
pub use url_protect_inbound_missing::UrlProtectInboundMissing;

use super::{Ctx, Evidence, Rule};
use crate::model::{Config, Policy, Section};
use crate::scope::{activity, covers_all_inbound, describe_scope};

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[
    &UrlProtectInboundMissing,
    &AttachmentProtectInboundMissing,
    &ManagedUrlPermitsSharedHosting,
    &DangerousFileTypesNotBlocked,
    &TtpBypassAllInbound,
];

/// `Ok` when the policy is in force and applies to all inbound mail (from
/// Everyone or External Addresses to Everyone or Internal Addresses, either
/// way round when bi-directional); else why not, for evidence.
pub fn in_force_inbound(p: &Policy, ctx: &Ctx) -> Result<(), String> {
    activity(p, ctx.at).map_err(|i| i.describe())?;
    if covers_all_inbound(p) {
        Ok(())
    } else {
        Err(format!(
            "{}: not all inbound mail (that takes Everyone or External Addresses to Everyone or Internal Addresses)",
            describe_scope(p, ctx.cfg)
        ))
    }
}

/// A policy with neither source IPs nor host names as conditions.
pub fn unconditioned(p: &Policy) -> bool {
    p.source_ips.is_empty() && p.hostnames.is_empty()
}

/// One evidence line about a policy.
pub fn policy_evidence(p: &Policy, text: String) -> Evidence {
    Evidence::at(
        &p.origin,
        p.origin.path.clone(),
        format!("{}: {text}", p.label()),
    )
}

/// Evidence that a section was loaded and holds nothing.
pub fn empty_section_evidence(cfg: &Config, s: Section, what: &str) -> Vec<Evidence> {
    cfg.sections
        .get(&s)
        .map(|st| st.sources.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|file| Evidence {
            file,
            path: s.key().to_string(),
            value: what.to_string(),
        })
        .collect()
}

/// The missing sections of a rule whose `reads` are all required.
pub fn missing_of(cfg: &Config, reads: &[Section]) -> Vec<Section> {
    reads.iter().copied().filter(|s| !cfg.has(*s)).collect()
}

#[cfg(test)]
mod redaction_tests;
