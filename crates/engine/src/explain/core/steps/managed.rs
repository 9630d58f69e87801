//! The recipient's managed-sender entries (spec 4.5): which concern this
//! message, and what they decide.

use chrono::{DateTime, Utc};

use super::super::super::output::{PolicyRef, PolicyStatus, PolicyTrace, Reason};
use super::super::super::primitives::Address;
use super::super::reasons::reason;
use crate::model::{Known, ManagedKind, ManagedSender, Section};
use crate::providers::is_same_or_subdomain;

/// How an entry's sender matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// An address entry.
    Address,
    /// A domain entry.
    Domain,
}

/// Does an entry's sender match the envelope From (R4.5.2)?
pub fn entry_matches(sender: &str, env: Option<&Address>) -> Option<Level> {
    let env = env?;
    let s = sender.trim().trim_end_matches('.').to_lowercase();
    if s.is_empty() {
        return None;
    }
    let sub = s.strip_prefix("@*.").or_else(|| s.strip_prefix("*."));
    if let Some(base) = sub {
        return (!base.is_empty() && env.domain.ends_with(&format!(".{base}")))
            .then_some(Level::Domain);
    }
    let whole = s.strip_prefix("*@").or_else(|| s.strip_prefix('@'));
    if let Some(d) = whole {
        return (!d.is_empty() && is_same_or_subdomain(&env.domain, d)).then_some(Level::Domain);
    }
    if s.contains('@') {
        return (s == env.text()).then_some(Level::Address);
    }
    is_same_or_subdomain(&env.domain, &s).then_some(Level::Domain)
}

/// A reference to entry `i`.
pub fn entry_ref(i: usize, e: &ManagedSender) -> PolicyRef {
    PolicyRef {
        section: Section::ManagedSenders.key().into(),
        index: i,
        id: e.id().unwrap_or_default().to_string(),
        label: format!("managed entry {} ({})", e.sender(), kind_name(&e.kind)),
        file: e.origin.file.to_string(),
        path: e.origin.path.clone(),
    }
}

/// `Permit`, `Block`, `AutoAllow`, or the unknown value.
pub fn kind_name(k: &Known<ManagedKind>) -> String {
    match k {
        Known::Known(ManagedKind::Permit) => "Permit".into(),
        Known::Known(ManagedKind::Block) => "Block".into(),
        Known::Known(ManagedKind::AutoAllow) => "AutoAllow".into(),
        Known::Unknown(s) => s.clone(),
    }
}

/// One entry's trace.
pub fn entry_trace(i: usize, e: &ManagedSender, status: PolicyStatus, r: Reason) -> PolicyTrace {
    PolicyTrace {
        policy: entry_ref(i, e),
        status,
        orientation: None,
        sender_level: None,
        recipient_level: None,
        matched_sender: (status == PolicyStatus::Winner || status == PolicyStatus::Outranked)
            .then(|| "envelope".to_string()),
        reason: r,
        all_reasons: vec![],
        warnings: if e.to().trim().is_empty() {
            vec!["the entry names no recipient; it is taken to concern every recipient".into()]
        } else {
            vec![]
        },
        hits: None,
    }
}

/// The result of the Block/Permit entries (R4.5.4) or the auto-allow
/// entries: the deciding entry, and every concerned entry's trace.
pub struct Entries {
    /// The entry that decides (index), with its kind.
    pub decided: Option<(usize, ManagedKind)>,
    /// Traces of the entries of the kinds asked.
    pub traces: Vec<PolicyTrace>,
}

/// Evaluates the concerned entries of the given kinds; `full`: with their
/// traces (without, `traces` is empty).
pub fn evaluate(
    entries: &[(usize, &ManagedSender)],
    env: Option<&Address>,
    kinds: &[ManagedKind],
    at: DateTime<Utc>,
    full: bool,
) -> Entries {
    let mut best: Option<(usize, ManagedKind, Level)> = None;
    let mut matched = Vec::new();
    let mut traces = Vec::new();
    for (i, e) in entries {
        let Known::Known(kind) = e.kind else { continue };
        if !kinds.contains(&kind) {
            continue;
        }
        if kind == ManagedKind::AutoAllow {
            if let Some(x) = e.expires.filter(|x| *x < at) {
                if full {
                    let d = x.format("%Y-%m-%d").to_string();
                    traces.push(entry_trace(
                        *i,
                        e,
                        PolicyStatus::NotEffective,
                        reason(
                            "ENDED",
                            format!("auto-allow entry expired on {d}"),
                            &[("date", &d)],
                        ),
                    ));
                }
                continue;
            }
        }
        match entry_matches(e.sender(), env) {
            None if !full => {}
            None => {
                let who = env.map(Address::text).unwrap_or_else(|| "<>".into());
                traces.push(entry_trace(
                    *i,
                    e,
                    PolicyStatus::NotMatching,
                    reason(
                        "SENDER_NOT_IN_SCOPE",
                        format!("sender {who} (envelope) does not match {}", e.sender()),
                        &[("sender", &who), ("entry", e.sender())],
                    ),
                ));
            }
            Some(level) => {
                matched.push(*i);
                let better = match best {
                    None => true,
                    Some((_, bk, bl)) => {
                        (level == Level::Address && bl == Level::Domain)
                            || (level == bl
                                && kind == ManagedKind::Block
                                && bk != ManagedKind::Block)
                    }
                };
                if better {
                    best = Some((*i, kind, level));
                }
                if full {
                    traces.push(entry_trace(
                        *i,
                        e,
                        PolicyStatus::Outranked,
                        reason("OUTRANKED_SENDER", "", &[]),
                    ));
                }
            }
        }
    }
    for t in &mut traces {
        if t.status != PolicyStatus::Outranked {
            continue;
        }
        if Some(t.policy.index) == best.map(|b| b.0) {
            t.status = PolicyStatus::Winner;
            t.reason = reason(
                "WINNER",
                "applies: matches the envelope sender",
                &[("why", "matches the envelope sender")],
            );
        } else {
            t.reason = reason(
                "OUTRANKED_SENDER",
                "another entry of this recipient is more specific, or blocks at the same level",
                &[],
            );
        }
    }
    Entries {
        decided: best.map(|(i, k, _)| (i, k)),
        traces,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Address {
        super::super::super::super::primitives::parse_address(s)
            .unwrap()
            .unwrap()
    }

    #[test]
    fn entry_forms_match_as_the_spec_says() {
        let x = a("x@mail.gmail.com");
        assert_eq!(entry_matches("gmail.com", Some(&x)), Some(Level::Domain));
        assert_eq!(entry_matches("@gmail.com", Some(&x)), Some(Level::Domain));
        assert_eq!(entry_matches("*@gmail.com", Some(&x)), Some(Level::Domain));
        assert_eq!(entry_matches("*.gmail.com", Some(&x)), Some(Level::Domain));
        assert_eq!(entry_matches("*.gmail.com", Some(&a("x@gmail.com"))), None);
        assert_eq!(
            entry_matches("x@mail.gmail.com", Some(&x)),
            Some(Level::Address)
        );
        assert_eq!(entry_matches("y@mail.gmail.com", Some(&x)), None);
        assert_eq!(entry_matches("gmail.com", None), None);
        assert_eq!(entry_matches("", Some(&x)), None);
    }
}
