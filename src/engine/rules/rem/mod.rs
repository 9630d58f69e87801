//! Threat Remediation (TRM), Sync \& Recover (SRC) and Continuity (CON) rules.

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[];
