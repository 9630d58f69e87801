//! Spam scanning (SPM) rules.

mod auto_allow_spam_do_nothing;
mod spam_scanning_missing;

pub use auto_allow_spam_do_nothing::AutoAllowSpamDoNothing;
pub use spam_scanning_missing::SpamScanningMissing;

use super::Rule;

/// The rules of this area.
pub static RULES: &[&dyn Rule] = &[&AutoAllowSpamDoNothing, &SpamScanningMissing];
