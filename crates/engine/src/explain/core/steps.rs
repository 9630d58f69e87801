//! The steps of the inbound pipeline (spec section 5.1), one file per
//! group of steps.

pub mod content;
pub mod dns_auth;
pub mod impersonation;
pub mod lists;
pub mod managed;
pub mod sender;
pub mod spam;

use super::context::Context;
use super::resolve::{single, Resolution};
use super::run::{note, Run, Variant};
use crate::model::{FromPart, Section};

/// Resolves a single-winner step and records its tie and inferred steps.
pub fn resolve_step(
    ctx: &Context,
    run: &mut Run,
    v: &Variant,
    id: &str,
    section: Section,
) -> Resolution {
    let pres = ctx.pres(section);
    let pick = v.picks.get(id).copied().unwrap_or(0);
    let res = single(pres, &v.world, v.model, pick, v.full);
    if run.reached() {
        note(run, id, &res, pres, v);
        let effective = || pres.iter().filter(|p| p.inactive.is_none());
        if effective().any(|p| p.unknown_scope) {
            run.partial = true;
        }
        if ctx.msg.envelope.is_none()
            && effective().any(|p| p.policy.from_part != FromPart::HeaderFrom)
        {
            run.infer("R3.2-null");
        }
        if effective().any(|p| !p.policy.hostnames.is_empty()) {
            run.infer("R3.5-hostname");
        }
    }
    res
}
