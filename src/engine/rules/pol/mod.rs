//! Policy hygiene (POL) rules.

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[];
