//! Address alteration (ADR) rules.

mod address_alteration_redirects_outside;

pub use address_alteration_redirects_outside::AddressAlterationRedirectsOutside;

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[&AddressAlterationRedirectsOutside];
