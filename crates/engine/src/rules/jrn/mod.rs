//! Journaling (JRN) rules.

mod journal_transport_unencrypted;

pub use journal_transport_unencrypted::JournalTransportUnencrypted;

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[&JournalTransportUnencrypted];
