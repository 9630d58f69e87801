//! Greylisting (GRY) rules.

mod greylisting_bypassed_for_all_inbound;

pub use greylisting_bypassed_for_all_inbound::GreylistingBypassedForAllInbound;

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[&GreylistingBypassedForAllInbound];
