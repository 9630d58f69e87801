//! The content stage: S5 and S6 are both evaluated and the more severe
//! result counts, S5 on equal severity (spec 5.1); then END.

use super::super::super::output::{Outcome, StepStatus};
use super::super::context::Context;
use super::super::run::{severity, step, Run, Variant};
use super::{impersonation::s5, spam::s6};

/// S5, S6 and END; returns a tagging decision (terminal ones are stored
/// in the run).
pub fn content(ctx: &Context, run: &mut Run, v: &Variant) -> Option<super::super::run::Decision> {
    let reached = run.reached();
    let d5 = s5(ctx, run, v);
    let d6 = s6(ctx, run, v);
    if reached && (d5.is_some() || d6.is_some()) {
        run.infer("S5-order");
    }
    let pick = match (d5, d6) {
        (Some(a), Some(b)) => Some(if severity(b.outcome) < severity(a.outcome) {
            b
        } else {
            a
        }),
        (a, b) => a.or(b),
    };
    let mut tag = None;
    if let Some(d) = pick {
        let id = d.by.step.clone();
        if let Some(st) = run.steps.iter_mut().rev().find(|s| s.id == id) {
            st.status = StepStatus::Decided;
        }
        if d.outcome == Outcome::Tagged {
            tag = Some(d);
        } else {
            run.terminal = Some(d);
        }
    }
    let mut end = step("END", "end", "Delivery");
    if run.reached() {
        end.effect = Some(if tag.is_some() { "tagged" } else { "delivered" }.into());
        end.text = if tag.is_some() {
            "delivered with a warning tag".into()
        } else {
            "delivered".into()
        };
    } else {
        end.status = StepStatus::NotReached;
        end.text = "not delivered".into();
    }
    run.steps.push(end);
    tag
}
