//! Matching owners and due dates to findings by key.
//!
//! An assignment belongs to the finding whose key it names (the last one
//! given wins). One saved under an older key of the same object — an
//! earlier name of an id-less object, or an earlier version of the rule —
//! still belongs to it: who fixes a finding does not change with the rule's
//! wording. Its key is reported as the finding's current one.

use crate::model::Assignment;
use crate::rules::{parse_key, RuleMeta, Subject};

/// The assignment of the finding of `meta` with `key` about `object`, if
/// any, with its key set to `key`.
pub(super) fn assigned(
    assignments: &[Assignment],
    meta: &RuleMeta,
    key: &str,
    object: &Subject,
) -> Option<Assignment> {
    let names_object = |o: &str| o == object.key() || object.legacy().iter().any(|l| l == o);
    let found = assignments
        .iter()
        .rev()
        .find(|a| a.finding == key)
        .or_else(|| {
            assignments.iter().rev().find(|a| {
                parse_key(&a.finding).is_some_and(|(code, version, o)| {
                    code == meta.code && version <= meta.version && names_object(o)
                })
            })
        })?;
    let mut a = found.clone();
    a.finding = key.to_string();
    Some(a)
}
