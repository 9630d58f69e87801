//! S6: spam scanning (spec 4.8).

use super::super::super::output::{Detail, Outcome, StepStatus};
use super::super::context::Context;
use super::super::run::{check_sections, step, step_ref, Decision, Run, Variant};
use super::resolve_step;
use crate::model::{Known, Section, SpamAction};
use crate::scope::definition_of;

/// Rejected in protocol whatever the policy.
const REJECT_SCORE: f64 = 28.0;

fn band_start(level: Option<&str>, run: &mut Run) -> f64 {
    match level.map(|l| l.trim().to_ascii_lowercase()).as_deref() {
        Some("relaxed") => 7.0,
        Some("aggressive") => 3.0,
        Some("moderate") => 5.0,
        _ => {
            run.assume("the spam detection level is not given: Moderate (5–27) is assumed");
            5.0
        }
    }
}

fn act(a: &Option<Known<SpamAction>>, default: SpamAction) -> SpamAction {
    match a {
        Some(Known::Known(x)) => *x,
        _ => default,
    }
}

/// S6: returns its content decision (blocked or held), if any.
pub fn s6(ctx: &Context, run: &mut Run, v: &Variant) -> Option<Decision> {
    let mut st = step("S6", "spamScanning", "Spam scanning");
    let reached = run.reached();
    if !check_sections(ctx, run, &mut st, &[Section::SpamScanningPolicies]) {
        run.steps.push(st);
        return None;
    }
    let res = resolve_step(ctx, run, v, "S6", Section::SpamScanningPolicies);
    let pres = ctx.pres(Section::SpamScanningPolicies);
    st.policies = res.traces.clone();
    let score = ctx.msg.spam_score;
    let winner = res.winner.and_then(|i| pres.get(i).map(|p| (i, p)));
    let pref = winner.map(|(_, p)| p.reference.clone());
    let name = winner
        .map(|(_, p)| p.reference.label.clone())
        .unwrap_or_else(|| "No Policy".into());
    let def = winner.and_then(|(_, p)| definition_of(p.policy, &ctx.cfg.spam_definitions));
    let severe_missing = winner
        .and_then(|(i, _)| {
            ctx.missing_definition_severe(Section::SpamScanningPolicies, i, &v.world)
        })
        .unwrap_or(false);
    let permitted = run.permitted_by.is_some() || run.auto_allowed_by.is_some();
    let mut decision = None;
    let mut decide = |outcome: Outcome, because: String| {
        decision = Some(Decision {
            outcome,
            detail: if outcome == Outcome::Held {
                Detail::Held
            } else {
                Detail::Rejected
            },
            hold_type: (outcome == Outcome::Held).then(|| "unspecified".to_string()),
            by: step_ref("S6", pref.clone(), "spam scanning"),
            because,
        });
    };
    if severe_missing {
        decide(Outcome::Blocked, format!("Spam scanning policy {name} uses a definition that is not in the bundle; at its most severe it rejects the message."));
        st.text = "the definition is not in the bundle; its most severe action rejects".into();
    } else if !permitted {
        if score >= REJECT_SCORE {
            decide(Outcome::Blocked, format!("Its spam score {score} is 28 or more: Mimecast rejects it whatever the policy."));
            st.text = format!("spam score {score} ≥ 28: rejected in protocol");
        } else if let Some(d) = def {
            let start = band_start(d.level.as_deref(), run);
            if score >= start {
                match act(&d.spam_action, SpamAction::HoldForReview) {
                    SpamAction::HoldForReview => {
                        decide(Outcome::Held, format!("Spam scanning policy {name} holds it: spam score {score} is in the detection band ({start}–27)."));
                        st.text = format!("score {score} ≥ {start}: held for review");
                    }
                    SpamAction::Reject => {
                        decide(Outcome::Blocked, format!("Spam scanning policy {name} rejects it: spam score {score} is in the detection band ({start}–27)."));
                        st.text = format!("score {score} ≥ {start}: rejected");
                    }
                    SpamAction::DoNothing => {
                        st.text = format!(
                            "score {score} ≥ {start}: delivered with spam headers (do nothing)"
                        )
                    }
                }
            } else {
                st.text = format!(
                    "spam score {score} is below the detection band ({start}–27) of {name}"
                );
            }
        } else {
            st.text = format!("{name}: spam score {score} is below 28");
        }
    } else {
        let (which, auto_only) = (
            if run.permitted_by.is_some() {
                "permitted"
            } else {
                "auto-allowed"
            },
            run.permitted_by.is_none(),
        );
        st.effect = Some("bypass".into());
        st.text = format!("spam scanning is bypassed for a {which} sender");
        if let Some(d) = def {
            let start = band_start(d.level.as_deref(), run);
            if score >= start {
                if reached {
                    run.infer("R4.8-permitted");
                }
                let a = if auto_only {
                    &d.auto_allow_action
                } else {
                    &d.permitted_sender_action
                };
                match act(a, SpamAction::DoNothing) {
                    SpamAction::DoNothing => {
                        st.text.push_str(&format!("; score {score} is in the band, and the {which}-sender action is do nothing"));
                        st.findings.push("SPM001".into());
                    }
                    SpamAction::HoldForReview => decide(Outcome::Held, format!("Spam scanning policy {name} holds it: the sender is {which}, but the {which}-sender action for a score of {score} holds it.")),
                    SpamAction::Reject => decide(Outcome::Blocked, format!("Spam scanning policy {name} rejects it: the sender is {which}, but the {which}-sender action for a score of {score} rejects it.")),
                }
            }
        }
    }
    if let Some(d) = &decision {
        st.effect = Some(
            if d.outcome == Outcome::Held {
                "held"
            } else {
                "rejected"
            }
            .into(),
        );
    }
    if !reached {
        st.status = StepStatus::NotReached;
    }
    run.steps.push(st);
    decision.filter(|_| reached)
}
