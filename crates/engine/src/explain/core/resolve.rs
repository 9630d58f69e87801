//! The winner of a single-winner policy type (spec R3.8, R3.9) and the
//! applying policies of a cumulative one (R3.10), in one world under one
//! ranking model, with every policy's status and reasons.

use std::cmp::Ordering;

use super::super::output::{PolicyStatus, PolicyTrace, Reason};
use super::atoms::World;
use super::levels::{KeyPart, Model, Rank};
use super::pre::{Matched, Pre};
use super::reasons::reason;

/// The outcome of one type in one world.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// Index (into the type's policies) of the winner.
    pub winner: Option<usize>,
    /// Single-winner types: the candidates sharing the winner's key, in
    /// canonical order (more than one: a tie). Cumulative types: every
    /// applying candidate, most specific first.
    pub tied: Vec<usize>,
    /// Each candidate's match.
    pub matched: Vec<Option<Matched>>,
    /// Every policy's trace, in the type's order.
    pub traces: Vec<PolicyTrace>,
    /// The winner's rank depends on an inferred specificity level.
    pub inferred_rank: bool,
}

/// Canonical order (R3.9): id (empty last), description, file, path.
pub fn canonical(a: &Pre, b: &Pre) -> Ordering {
    let (ia, ib) = (&a.reference.id, &b.reference.id);
    (
        ia.is_empty(),
        ia,
        &a.policy.description,
        &a.reference.file,
        &a.reference.path,
    )
        .cmp(&(
            ib.is_empty(),
            ib,
            &b.policy.description,
            &b.reference.file,
            &b.reference.path,
        ))
}

fn rank_of(pre: &Pre, m: &Matched) -> Rank {
    pre.orientations
        .get(m.orientation)
        .map(|o| o.rank)
        .unwrap_or(Rank {
            ov: 0,
            s: 0,
            r: 0,
            cond: 0,
        })
}

fn trace(
    pre: &Pre,
    status: PolicyStatus,
    m: Option<&Matched>,
    r: Reason,
    all: Vec<Reason>,
) -> PolicyTrace {
    let o = m.and_then(|m| pre.orientations.get(m.orientation));
    PolicyTrace {
        policy: pre.reference.clone(),
        status,
        orientation: o.map(|o| if o.mirrored { "mirrored" } else { "direct" }.to_string()),
        sender_level: o.map(|o| o.sender.level.to_string()),
        recipient_level: o.map(|o| o.recipient.level.to_string()),
        matched_sender: m.map(|m| m.via.to_string()),
        reason: r,
        all_reasons: all,
        warnings: pre.warnings.clone(),
        hits: None,
    }
}

/// The trace of a policy that is not a candidate in `w`.
pub fn not_candidate(pre: &Pre, w: &World) -> PolicyTrace {
    let (unknown, first, all) = pre.why_not(w);
    let status = if pre.inactive.is_some() {
        PolicyStatus::NotEffective
    } else if unknown {
        PolicyStatus::Unknown
    } else {
        PolicyStatus::NotMatching
    };
    trace(pre, status, None, first, all)
}

/// Matches of every policy in `w` under `m`.
pub fn matches(pres: &[Pre], w: &World, m: Model) -> Vec<Option<Matched>> {
    pres.iter()
        .map(|p| p.matched(w, |a, b| a.values(m) > b.values(m)))
        .collect()
}

fn level_pair(pre: &Pre, m: &Matched) -> String {
    pre.orientations
        .get(m.orientation)
        .map(|o| format!("{} \u{2192} {}", o.sender.level, o.recipient.level))
        .unwrap_or_default()
}

/// Resolves a single-winner type; `pick` chooses among tied candidates
/// (0: the canonical first); `full`: with every policy's trace (without,
/// `traces` is empty).
pub fn single(pres: &[Pre], w: &World, m: Model, pick: usize, full: bool) -> Resolution {
    let matched = matches(pres, w, m);
    let mut cands: Vec<usize> = (0..pres.len()).filter(|i| matched[*i].is_some()).collect();
    let key = |i: usize| -> [u8; 4] {
        match (&matched[i], pres.get(i)) {
            (Some(mm), Some(p)) => rank_of(p, mm).values(m),
            _ => [0; 4],
        }
    };
    cands.sort_by(|a, b| {
        key(*b)
            .cmp(&key(*a))
            .then_with(|| canonical(&pres[*a], &pres[*b]))
    });
    let best = cands.first().map(|i| key(*i));
    let tied: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|i| Some(key(*i)) == best)
        .collect();
    let winner = tied.get(pick.min(tied.len().saturating_sub(1))).copied();
    let mut traces = Vec::with_capacity(if full { pres.len() } else { 0 });
    for (i, pre) in pres.iter().enumerate().filter(|_| full) {
        let Some(mm) = &matched[i] else {
            traces.push(not_candidate(pre, w));
            continue;
        };
        let Some(wi) = winner else { continue };
        let wpre = &pres[wi];
        let wname = wpre.reference.label.clone();
        let wrank = matched[wi]
            .as_ref()
            .map(|x| rank_of(wpre, x))
            .unwrap_or(rank_of(pre, mm));
        let my = rank_of(pre, mm);
        let (status, r) = if i == wi {
            let why = if cands.len() == 1 {
                "only candidate".to_string()
            } else if tied.len() > 1 {
                if pick == 0 {
                    "tie resolved by canonical order (assumption)".to_string()
                } else {
                    "one branch of a tie (Mimecast's choice is not documented)".to_string()
                }
            } else {
                let second = cands
                    .get(1)
                    .and_then(|j| matched[*j].as_ref().map(|x| rank_of(&pres[*j], x)));
                match second.and_then(|s| s.separated_by(&my, m)) {
                    Some(KeyPart::Override) => "Policy Override".to_string(),
                    Some(KeyPart::Conditions) => {
                        "restricted by source conditions that match".to_string()
                    }
                    _ => format!("most specific ({})", level_pair(pre, mm)),
                }
            };
            (
                PolicyStatus::Winner,
                reason("WINNER", format!("applies: {why}"), &[("why", &why)]),
            )
        } else if tied.contains(&i) {
            (
                PolicyStatus::Tied,
                reason(
                    "TIED",
                    format!("tied with {wname}: equal specificity and override; Mimecast's choice is not documented"),
                    &[("winner", &wpre.reference.id)],
                ),
            )
        } else {
            let lv = |r: &Rank, sender: bool, p: &Pre, x: &Matched| {
                let _ = r;
                p.orientations
                    .get(x.orientation)
                    .map(|o| {
                        if sender {
                            o.sender.level
                        } else {
                            o.recipient.level
                        }
                    })
                    .unwrap_or_default()
            };
            let wm = matched[wi].as_ref();
            let r = match (my.separated_by(&wrank, m), wm) {
                (Some(KeyPart::Override), _) => reason(
                    "OUTRANKED_OVERRIDE",
                    format!("outranked: {wname} has Policy Override"),
                    &[("winner", &wpre.reference.id)],
                ),
                (Some(KeyPart::Sender), Some(wmm)) => {
                    let (a, b) = (lv(&my, true, pre, mm), lv(&wrank, true, wpre, wmm));
                    reason(
                        "OUTRANKED_SENDER",
                        format!("less specific sender scope: {a} < {b}"),
                        &[
                            ("winner", &wpre.reference.id),
                            ("level", a),
                            ("winnerLevel", b),
                        ],
                    )
                }
                (Some(KeyPart::Recipient), Some(wmm)) => {
                    let (a, b) = (lv(&my, false, pre, mm), lv(&wrank, false, wpre, wmm));
                    reason(
                        "OUTRANKED_RECIPIENT",
                        format!("less specific recipient scope: {a} < {b}"),
                        &[
                            ("winner", &wpre.reference.id),
                            ("level", a),
                            ("winnerLevel", b),
                        ],
                    )
                }
                _ => reason(
                    "OUTRANKED_CONDITIONS",
                    format!(
                        "equally specific; {wname} is restricted by source conditions that match"
                    ),
                    &[("winner", &wpre.reference.id)],
                ),
            };
            (PolicyStatus::Outranked, r)
        };
        traces.push(trace(pre, status, Some(mm), r, vec![]));
    }
    let inferred_rank = cands.len() > 1
        && winner
            .and_then(|wi| {
                matched[wi]
                    .as_ref()
                    .and_then(|x| pres[wi].orientations.get(x.orientation))
            })
            .is_some_and(|o| o.inferred_rank);
    Resolution {
        winner,
        tied,
        matched,
        traces,
        inferred_rank,
    }
}

/// Resolves a cumulative type: every candidate applies, listed most
/// specific first under the primary model, then the others in order.
pub fn cumulative(pres: &[Pre], w: &World) -> Resolution {
    let m = Model::PRIMARY;
    let matched = matches(pres, w, m);
    let mut cands: Vec<usize> = (0..pres.len()).filter(|i| matched[*i].is_some()).collect();
    let key = |i: usize| {
        matched[i]
            .as_ref()
            .map(|x| rank_of(&pres[i], x).values(m))
            .unwrap_or([0; 4])
    };
    cands.sort_by_key(|i| std::cmp::Reverse(key(*i)));
    let mut traces: Vec<PolicyTrace> = cands
        .iter()
        .map(|i| {
            trace(
                &pres[*i],
                PolicyStatus::Applies,
                matched[*i].as_ref(),
                reason("APPLIES", "applies (cumulative)", &[]),
                vec![],
            )
        })
        .collect();
    for (i, pre) in pres.iter().enumerate() {
        if matched[i].is_none() {
            traces.push(not_candidate(pre, w));
        }
    }
    Resolution {
        winner: None,
        tied: cands,
        matched,
        traces,
        inferred_rank: false,
    }
}
