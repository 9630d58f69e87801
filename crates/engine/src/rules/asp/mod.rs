//! Anti-spoofing rules (ASP).

mod anti_spoofing_policy_inactive;
mod anti_spoofing_unconditional_no_action;
mod internal_domain_unprotected;
mod ip_bypass_broad_range;
mod orphaned_anti_spoofing_policy;
mod spf_bypass_shared_provider;

pub use anti_spoofing_policy_inactive::AntiSpoofingPolicyInactive;
pub use anti_spoofing_unconditional_no_action::AntiSpoofingUnconditionalNoAction;
pub use internal_domain_unprotected::InternalDomainUnprotected;
pub use ip_bypass_broad_range::IpBypassBroadRange;
pub use orphaned_anti_spoofing_policy::OrphanedAntiSpoofingPolicy;
pub use spf_bypass_shared_provider::SpfBypassSharedProvider;

use super::Rule;

/// The anti-spoofing rules.
pub static RULES: &[&dyn Rule] = &[
    &SpfBypassSharedProvider,
    &IpBypassBroadRange,
    &InternalDomainUnprotected,
    &AntiSpoofingUnconditionalNoAction,
    &AntiSpoofingPolicyInactive,
    &OrphanedAntiSpoofingPolicy,
];
