//! Administration security (ADM) rules: how administrators sign in to the
//! console, and what API 2.0 applications may do.

mod admin_mfa_not_enforced;
mod api_application_broad_role;

pub use admin_mfa_not_enforced::AdminMfaNotEnforced;
pub use api_application_broad_role::ApiApplicationBroadRole;

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[&AdminMfaNotEnforced, &ApiApplicationBroadRole];
