//! The effort of a rule's fix, as the exports order top fixes by it
//! (severity first, then effort). Each rule declares its own effort (see
//! [`crate::rules::RuleMeta::effort`]).

pub use crate::rules::Effort;

/// The declared effort of fixing rule `code` (medium for a code this
/// version does not know, e.g. from an older report).
pub fn effort(code: &str) -> Effort {
    crate::rules::find(code)
        .map(|r| r.meta().effort)
        .unwrap_or(Effort::Medium)
}
