//! Matching accepted risks to findings by key.
//!
//! An acceptance holds for the finding whose key it names (the last one
//! given wins). Two kinds of older keys are recognised:
//!
//! - a key saved by an earlier version of this tool, which named an id-less
//!   object differently (a policy by its narrative or its list path): the
//!   acceptance still holds and the report lists the key to rewrite
//!   ([`crate::report::Report::key_migrations`]);
//! - a key of an earlier version of the rule (`CODE:x` while the rule is at
//!   version 2, `CODE@2:x`): the rule's meaning changed, so the acceptance
//!   no longer holds; it is shown as `outdated` for someone to review again.

use chrono::{DateTime, Utc};

use crate::model::Acceptance;
use crate::rules::{parse_key, RuleMeta, Subject};

/// How an acceptance relates to one finding.
pub(super) enum Matched {
    /// It names the finding's key.
    Exact(Acceptance),
    /// It names the same object under an earlier name (the key to rewrite).
    Legacy(Acceptance),
    /// It was given under an earlier version of the rule.
    Outdated(Acceptance),
}

impl Matched {
    /// The acceptance as the report shows it, with its `expired` and
    /// `outdated` flags set, and whether it still holds.
    pub(super) fn resolve(self, key: &str, at: DateTime<Utc>) -> (Acceptance, bool) {
        match self {
            Matched::Exact(mut a) | Matched::Legacy(mut a) => {
                a.finding = key.to_string();
                a.expired = !a.holds_at(at);
                let holds = !a.expired;
                (a, holds)
            }
            Matched::Outdated(mut a) => {
                a.expired = !a.holds_at(at);
                a.outdated = true;
                (a, false)
            }
        }
    }
}

/// The acceptance that applies to the finding of `meta` with `key` about
/// `object`, if any.
pub(super) fn matching(
    acceptances: &[Acceptance],
    meta: &RuleMeta,
    key: &str,
    object: &Subject,
) -> Option<Matched> {
    if let Some(a) = acceptances.iter().rev().find(|a| a.finding == key) {
        return Some(Matched::Exact(a.clone()));
    }
    let names_object = |o: &str| o == object.key() || object.legacy().iter().any(|l| l == o);
    let mut outdated = None;
    for a in acceptances.iter().rev() {
        let Some((code, version, o)) = parse_key(&a.finding) else {
            continue;
        };
        if code != meta.code || !names_object(o) {
            continue;
        }
        if version == meta.version {
            return Some(Matched::Legacy(a.clone()));
        }
        if version < meta.version && outdated.is_none() {
            outdated = Some(Matched::Outdated(a.clone()));
        }
    }
    outdated
}
