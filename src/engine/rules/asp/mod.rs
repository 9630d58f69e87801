//! Anti-spoofing rules (ASP).

mod internal_domain_unprotected;
mod spf_bypass_shared_provider;

pub use internal_domain_unprotected::InternalDomainUnprotected;
pub use spf_bypass_shared_provider::SpfBypassSharedProvider;

use super::Rule;

/// The anti-spoofing rules.
pub static RULES: &[&dyn Rule] = &[&SpfBypassSharedProvider, &InternalDomainUnprotected];
