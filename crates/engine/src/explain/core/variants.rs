//! Worlds × models × tie branches (spec R3.12): which variants are
//! evaluated, the primary one, and the deciding factors.

use std::collections::{BTreeMap, HashMap};

use super::super::output::{DecidingFactor, Outcome};
use super::atoms::World;
use super::context::Context;
use super::levels::Model;
use super::pipeline::{evaluate, Evaluated};
use super::run::Variant;

/// At most this many (world, model) evaluations enumerate every world.
pub const MAX_EVALUATIONS: usize = 1024;
/// At most this many tie branches per evaluation.
pub const MAX_TIE_BRANCHES: usize = 16;

/// The least [`bound`] can be (one world).
pub const MIN_BOUND: usize = Model::ALL.len() * MAX_TIE_BRANCHES;

/// The most variants [`enumerate`] evaluates for `ctx`, known before any
/// is evaluated: every world and ranking model with up to
/// [`MAX_TIE_BRANCHES`] tie branches each; past [`MAX_EVALUATIONS`], the
/// primary world's models with their branches and each atom's other
/// values once.
pub fn bound(ctx: &Context) -> usize {
    let models = Model::ALL.len();
    let worlds = ctx.atoms.world_count();
    if worlds.saturating_mul(models) <= MAX_EVALUATIONS {
        worlds * models * MAX_TIE_BRANCHES
    } else {
        let others: usize = ctx
            .atoms
            .list
            .iter()
            .map(|a| a.values.len().saturating_sub(1))
            .sum();
        (models * MAX_TIE_BRANCHES).saturating_add(others)
    }
}

/// What the enumeration found.
pub struct Enumerated {
    /// The primary variant.
    pub primary: Evaluated,
    /// Every evaluated variant's outcome.
    pub outcomes: Vec<Outcome>,
    /// `partial-enumeration`, `tie-branches-truncated`.
    pub flags: Vec<String>,
    /// Each dimension that alone changes the outcome.
    pub deciding: Vec<DecidingFactor>,
}

fn variant(world: &World, model: Model, picks: BTreeMap<String, usize>, full: bool) -> Variant {
    Variant {
        world: world.clone(),
        model,
        picks,
        full,
    }
}

/// Outcomes of the canonical tie branch by (world, model), so the
/// deciding factors do not evaluate a variant twice.
type Seen = HashMap<(Vec<usize>, bool, bool), Outcome>;

/// Every tie branch of one (world, model): canonical first. `first_full`:
/// the canonical branch builds its full trace; `full`: the others do.
fn branches(
    ctx: &Context,
    (world, model): (&World, Model),
    (first_full, full): (bool, bool),
    truncated: &mut bool,
    seen: &mut Seen,
) -> Vec<Evaluated> {
    let first = evaluate(ctx, &variant(world, model, BTreeMap::new(), first_full));
    seen.insert(
        (world.0.clone(), model.override_first, model.sender_first),
        first.outcome,
    );
    let mut out = Vec::new();
    let mut stack = vec![(BTreeMap::new(), first)];
    while let Some((picks, e)) = stack.pop() {
        let next = e
            .run
            .ties
            .iter()
            .find(|(s, _)| !picks.contains_key(s))
            .cloned();
        match next {
            None => out.push(e),
            Some((s, ids)) => {
                for k in (1..ids.len()).rev() {
                    if out.len() + stack.len() + 1 >= MAX_TIE_BRANCHES {
                        *truncated = true;
                        break;
                    }
                    let mut p = picks.clone();
                    p.insert(s.clone(), k);
                    let ek = evaluate(ctx, &variant(world, model, p.clone(), full));
                    stack.push((p, ek));
                }
                let mut p0 = picks;
                p0.insert(s, 0);
                stack.push((p0, e));
            }
        }
    }
    out
}

/// Enumerates the variants of the message. `lean`: only the primary
/// variant builds its full trace (steps, policy traces, reasons); the
/// others compute their outcome and ties alone. The explanation is the
/// same either way.
pub fn enumerate(ctx: &Context, lean: bool) -> Enumerated {
    let primary_world = World::primary(&ctx.atoms);
    let mut truncated = false;
    let mut outcomes = Vec::new();
    let mut flags = Vec::new();
    let mut primary = None;
    let mut seen = Seen::new();
    let full = ctx.atoms.world_count().saturating_mul(Model::ALL.len()) <= MAX_EVALUATIONS;
    let worlds = if full {
        World::all(&ctx.atoms)
    } else {
        flags.push("partial-enumeration".to_string());
        vec![primary_world.clone()]
    };
    for w in &worlds {
        for m in Model::ALL {
            let first_full = !lean || primary.is_none();
            for e in branches(ctx, (w, m), (first_full, !lean), &mut truncated, &mut seen) {
                outcomes.push(e.outcome);
                if primary.is_none() {
                    primary = Some(e);
                }
            }
        }
    }
    if !full {
        for (i, a) in ctx.atoms.list.iter().enumerate() {
            for k in 1..a.values.len() {
                let mut w = primary_world.clone();
                if let Some(slot) = w.0.get_mut(i) {
                    *slot = k;
                }
                let o = evaluate(ctx, &variant(&w, Model::PRIMARY, BTreeMap::new(), !lean)).outcome;
                seen.insert((w.0.clone(), true, true), o);
                outcomes.push(o);
            }
        }
    }
    if truncated {
        flags.push("tie-branches-truncated".to_string());
    }
    let primary = primary.unwrap_or_else(|| {
        evaluate(
            ctx,
            &variant(&primary_world, Model::PRIMARY, BTreeMap::new(), true),
        )
    });
    let deciding = deciding(ctx, &primary, &primary_world, &seen, !lean);
    Enumerated {
        primary,
        outcomes,
        flags,
        deciding,
    }
}

/// Dimensions that alone change the primary outcome (R3.12.7).
fn deciding(
    ctx: &Context,
    primary: &Evaluated,
    w0: &World,
    seen: &Seen,
    full: bool,
) -> Vec<DecidingFactor> {
    let mut out = Vec::new();
    let base = primary.outcome;
    let canonical = |w: &World, m: Model| {
        seen.get(&(w.0.clone(), m.override_first, m.sender_first))
            .copied()
            .unwrap_or_else(|| evaluate(ctx, &variant(w, m, BTreeMap::new(), full)).outcome)
    };
    for (i, a) in ctx.atoms.list.iter().enumerate() {
        for k in 1..a.values.len() {
            let mut w = w0.clone();
            if let Some(slot) = w.0.get_mut(i) {
                *slot = k;
            }
            let o = canonical(&w, Model::PRIMARY);
            if o != base {
                out.push(DecidingFactor {
                    factor: a.name.clone(),
                    value: a.values.get(k).cloned().unwrap_or_default(),
                    outcome: o,
                });
            }
        }
    }
    let models = [
        (
            "model.override",
            "tie-break",
            Model {
                override_first: false,
                sender_first: true,
            },
        ),
        (
            "model.axis",
            "recipient-first",
            Model {
                override_first: true,
                sender_first: false,
            },
        ),
    ];
    for (name, value, m) in models {
        let o = canonical(w0, m);
        if o != base {
            out.push(DecidingFactor {
                factor: name.into(),
                value: value.into(),
                outcome: o,
            });
        }
    }
    for (step, ids) in &primary.run.ties {
        for (k, id) in ids.iter().enumerate().skip(1) {
            let mut picks = BTreeMap::new();
            picks.insert(step.clone(), k);
            let o = evaluate(ctx, &variant(w0, Model::PRIMARY, picks, full)).outcome;
            if o != base {
                out.push(DecidingFactor {
                    factor: format!("tie({step})"),
                    value: id.clone(),
                    outcome: o,
                });
            }
        }
    }
    out
}
