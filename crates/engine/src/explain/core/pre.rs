//! One policy against one message, everything that does not depend on
//! unknown facts, evaluated once (spec R3.1–R3.5, R3.12.1): effectiveness,
//! scope in each orientation, conditions; atoms raised only where the
//! policy's candidacy turns on them.

use super::super::output::{PolicyRef, Reason};
use super::atoms::{Atoms, Cond, World};
use super::conditions::{conditions, provider_warnings};
use super::input::Msg;
use super::levels::{level, Rank};
use super::matching::{
    describe, match_address, match_display, wildcard_warning, AtomSpec, Pending,
};
use super::reasons::{policy_ref, reason};
use crate::model::{Config, FromPart, Policy, Section, Target};
use crate::scope::{activity, Inactive};

/// One side of an orientation, after atoms.
#[derive(Debug, Clone)]
pub struct Side {
    /// Matched through the header From (or the display name).
    pub header: Cond,
    /// Matched through the envelope From (or, on the recipient side, the
    /// recipient).
    pub envelope: Cond,
    /// Why it does not match on known facts.
    pub fail: Reason,
    /// Why it is unknown, when it turns on atoms.
    pub unknown: Option<Reason>,
    /// Level name of the target.
    pub level: &'static str,
}

impl Side {
    /// Can match in some world.
    pub fn possible(&self) -> bool {
        !self.header.is_false() || !self.envelope.is_false() || self.unknown.is_some()
    }

    /// Matches in `w`.
    pub fn holds(&self, w: &World) -> bool {
        self.header.holds(w) || self.envelope.holds(w)
    }
}

/// One orientation of a policy (direct, or mirrored when bi-directional).
#[derive(Debug, Clone)]
pub struct Orientation {
    /// Mirrored (recipient against `from`, sender against `to`).
    pub mirrored: bool,
    /// The side read against the sender.
    pub sender: Side,
    /// The side read against the recipient.
    pub recipient: Side,
    /// Its ranking inputs.
    pub rank: Rank,
    /// The targets' types whose rank is inferred (for the inferred list).
    pub inferred_rank: bool,
}

/// One condition after atoms.
#[derive(Debug, Clone)]
pub struct Condition {
    /// Holds when.
    pub cond: Cond,
    /// Why it fails (when it does), in order.
    pub fails: Vec<Reason>,
    /// Reason while it turns on an atom.
    pub unknown: Option<Reason>,
}

/// A policy evaluated against the message.
#[derive(Debug, Clone)]
pub struct Pre<'a> {
    /// The policy.
    pub policy: &'a Policy,
    /// Its reference for the output.
    pub reference: PolicyRef,
    /// Why it is not effective.
    pub inactive: Option<Reason>,
    /// Direct, then mirrored.
    pub orientations: Vec<Orientation>,
    /// Its conditions.
    pub conditions: Vec<Condition>,
    /// A scope type this tool does not know.
    pub unknown_scope: bool,
    /// Warnings (wildcards, provider SPF domains).
    pub warnings: Vec<String>,
}

/// A policy's match in one world.
#[derive(Debug, Clone)]
pub struct Matched {
    /// Index into `orientations`.
    pub orientation: usize,
    /// `header` or `envelope`.
    pub via: &'static str,
    /// The envelope From matched (for supersession and header warnings).
    pub envelope_matched: bool,
}

fn inactive_reason(i: Inactive) -> Reason {
    match i {
        Inactive::Disabled => reason("DISABLED", "not effective: disabled", &[]),
        Inactive::Expired(d) => {
            let d = d.format("%Y-%m-%d").to_string();
            reason(
                "ENDED",
                format!("not effective: ended {d}"),
                &[("date", &d)],
            )
        }
        Inactive::NotYetStarted(d) => {
            let d = d.format("%Y-%m-%d").to_string();
            reason(
                "NOT_STARTED",
                format!("not effective: starts {d}"),
                &[("date", &d)],
            )
        }
    }
}

/// The pending match of the sender side: (header, envelope).
fn sender_pending(cfg: &Config, msg: &Msg, t: &Target, part: &FromPart) -> (Pending, Pending) {
    if let Target::HeaderDisplayName(v) = t {
        return (
            Pending::Known(match_display(v, &msg.display_norm)),
            Pending::Known(false),
        );
    }
    let header = || match_address(cfg, t, Some(&msg.header));
    let envelope = || match_address(cfg, t, msg.envelope.as_ref());
    match part {
        FromPart::EnvelopeFrom => (Pending::Known(false), envelope()),
        FromPart::HeaderFrom => (header(), Pending::Known(false)),
        FromPart::Both | FromPart::Unknown(_) => (header(), envelope()),
    }
}

fn sender_fail(cfg: &Config, msg: &Msg, t: &Target, part: &FromPart) -> Reason {
    if let Target::HeaderDisplayName(v) = t {
        return reason(
            "DISPLAY_NAME_MISMATCH",
            format!("display name \"{}\" is not \"{v}\"", msg.display),
            &[("displayName", &msg.display), ("value", v)],
        );
    }
    if let Target::Unknown(k) = t {
        return reason(
            "SCOPE_UNKNOWN",
            format!("scope type \"{k}\" is not known to this tool"),
            &[("type", k)],
        );
    }
    let env = format!("{} (envelope)", msg.envelope_text());
    let hdr = format!("{} (header)", msg.header.text());
    let who = match part {
        FromPart::EnvelopeFrom => env,
        FromPart::HeaderFrom => hdr,
        _ => format!("{env} and {hdr}"),
    };
    let scope = describe(cfg, t);
    reason(
        "SENDER_NOT_IN_SCOPE",
        format!("sender {who} not in {scope}"),
        &[("sender", &who), ("scope", &scope)],
    )
}

fn recipient_fail(cfg: &Config, msg: &Msg, t: &Target) -> Reason {
    if let Target::Unknown(k) = t {
        return reason(
            "SCOPE_UNKNOWN",
            format!("scope type \"{k}\" is not known to this tool"),
            &[("type", k)],
        );
    }
    let scope = describe(cfg, t);
    let r = msg.recipient.text();
    reason(
        "RECIPIENT_NOT_IN_SCOPE",
        format!("recipient {r} not in {scope}"),
        &[("recipient", &r), ("scope", &scope)],
    )
}

fn unknown_reason(p: &Pending) -> Option<Reason> {
    match p {
        Pending::Atoms(specs) => specs.first().map(|s| s.reason.clone()),
        Pending::Known(_) => None,
    }
}

/// Turns a pending match into a condition, raising its atoms when `raise`.
fn settle(p: &Pending, raise: bool, atoms: &mut Atoms) -> Cond {
    match p {
        Pending::Known(b) => Cond::of(*b),
        Pending::Atoms(specs) if raise => specs.iter().fold(Cond::False, |c, s: &AtomSpec| {
            c.or(Cond::Atom(atoms.yes_no(s.name.clone(), s.why.clone())))
        }),
        Pending::Atoms(_) => Cond::False,
    }
}

/// Evaluates policy `index` of `section` against the message, raising the
/// atoms its candidacy turns on.
pub fn evaluate<'a>(
    cfg: &Config,
    msg: &Msg,
    section: Section,
    index: usize,
    p: &'a Policy,
    atoms: &mut Atoms,
) -> Pre<'a> {
    let inactive = activity(p, msg.date).err().map(inactive_reason);
    let label = p.id.clone().unwrap_or_else(|| p.label());
    let pending_conditions = conditions(cfg, msg, p, &label);
    let conds_known_false = pending_conditions.iter().any(|c| c.pending.known_false());
    let mut orientations = Vec::new();
    let mut pairs = vec![(false, &p.from, &p.to)];
    if p.bidirectional {
        pairs.push((true, &p.to, &p.from));
    }
    for (mirrored, s_target, r_target) in pairs {
        let (h, e) = sender_pending(cfg, msg, s_target, &p.from_part);
        let sender_p = h.clone().or(e.clone());
        let recipient_p = if matches!(r_target, Target::HeaderDisplayName(_)) {
            Pending::Known(false)
        } else {
            match_address(cfg, r_target, Some(&msg.recipient))
        };
        let possible = inactive.is_none()
            && !conds_known_false
            && !sender_p.known_false()
            && !recipient_p.known_false();
        // A side already satisfied on known facts raises nothing.
        let raise_sender = possible && !matches!(sender_p, Pending::Known(true));
        let sender = Side {
            header: settle(&h, raise_sender, atoms),
            envelope: settle(&e, raise_sender, atoms),
            fail: sender_fail(cfg, msg, s_target, &p.from_part),
            unknown: unknown_reason(&sender_p),
            level: level(s_target).1,
        };
        let recipient = Side {
            header: Cond::False,
            envelope: settle(&recipient_p, possible, atoms),
            fail: recipient_fail(cfg, msg, r_target),
            unknown: unknown_reason(&recipient_p),
            level: level(r_target).1,
        };
        orientations.push(Orientation {
            mirrored,
            sender,
            recipient,
            rank: Rank {
                ov: u8::from(p.override_),
                s: level(s_target).0,
                r: level(r_target).0,
                cond: 0,
            },
            inferred_rank: super::levels::rank_is_inferred(s_target)
                || super::levels::rank_is_inferred(r_target),
        });
    }
    let scopes_possible = orientations
        .iter()
        .any(|o| o.sender.possible() && o.recipient.possible());
    let restricted = !pending_conditions.is_empty();
    let mut conditions = Vec::new();
    for c in &pending_conditions {
        let others_false = pending_conditions
            .iter()
            .any(|o| !std::ptr::eq(o, c) && o.pending.known_false());
        let raise = inactive.is_none() && scopes_possible && !others_false;
        conditions.push(Condition {
            cond: settle(&c.pending, raise, atoms),
            fails: c.fails.clone(),
            unknown: unknown_reason(&c.pending),
        });
    }
    for o in &mut orientations {
        o.rank.cond = u8::from(restricted);
    }
    let unknown_scope = matches!(p.from, Target::Unknown(_)) || matches!(p.to, Target::Unknown(_));
    let mut warnings: Vec<String> = [&p.from, &p.to]
        .into_iter()
        .filter_map(wildcard_warning)
        .collect();
    if section == Section::AntiSpoofingBypassPolicies {
        warnings.extend(provider_warnings(p));
    }
    if p.enforced {
        warnings.push(
            "the policy's enforced flag is set; its meaning is not documented and it is ignored"
                .into(),
        );
    }
    Pre {
        policy: p,
        reference: policy_ref(section, index, p),
        inactive,
        orientations,
        conditions,
        unknown_scope,
        warnings,
    }
}

impl Pre<'_> {
    /// The policy is a candidate in `w`: how it matched (the orientation
    /// with the greater key under `key` when both match).
    pub fn matched(&self, w: &World, better: impl Fn(&Rank, &Rank) -> bool) -> Option<Matched> {
        if self.inactive.is_some() || !self.conditions.iter().all(|c| c.cond.holds(w)) {
            return None;
        }
        let mut best: Option<(usize, &Orientation)> = None;
        for (i, o) in self.orientations.iter().enumerate() {
            if o.sender.holds(w) && o.recipient.holds(w) {
                match best {
                    Some((_, b)) if !better(&o.rank, &b.rank) => {}
                    _ => best = Some((i, o)),
                }
            }
        }
        best.map(|(i, o)| Matched {
            orientation: i,
            via: if o.sender.header.holds(w) {
                "header"
            } else {
                "envelope"
            },
            envelope_matched: o.sender.envelope.holds(w),
        })
    }

    /// Why it is not a candidate in `w`: (status is unknown, first reason,
    /// every failing check in order).
    pub fn why_not(&self, w: &World) -> (bool, Reason, Vec<Reason>) {
        let mut all = Vec::new();
        let mut unknown = false;
        if let Some(r) = &self.inactive {
            all.push(r.clone());
        }
        if let Some(o) = self.orientations.first() {
            for side in [&o.sender, &o.recipient] {
                if !side.holds(w) {
                    match &side.unknown {
                        Some(r) => {
                            unknown |= self.inactive.is_none();
                            all.push(r.clone());
                        }
                        None => all.push(side.fail.clone()),
                    }
                }
            }
        }
        for c in &self.conditions {
            if !c.cond.holds(w) {
                if c.unknown.is_some() && !c.cond.is_false() {
                    unknown = true;
                }
                all.extend(c.fails.iter().cloned());
            }
        }
        if all.is_empty() {
            // Matches only in the mirrored orientation's failing parts.
            if let Some(o) = self.orientations.get(1) {
                all.push(o.sender.fail.clone());
            }
        }
        let first = all
            .first()
            .cloned()
            .unwrap_or_else(|| reason("SENDER_NOT_IN_SCOPE", "not in scope", &[]));
        // Unknown only when no known check fails.
        let known_fail = self.inactive.is_some()
            || all.iter().any(|r| {
                !matches!(
                    r.code.as_str(),
                    "GROUP_NOT_LOADED" | "ATTRIBUTE_UNKNOWN" | "HOSTNAME_UNKNOWN" | "SPF_UNKNOWN"
                )
            });
        (unknown && !known_fail, first, all)
    }
}
