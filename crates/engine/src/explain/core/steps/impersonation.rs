//! S5: Impersonation Protect and its bypass policies, both cumulative
//! (spec 4.7).

use super::super::super::output::{Detail, Hits, Outcome, PolicyStatus, StepStatus};
use super::super::super::primitives::{same_name_words, similar_internal_domain};
use super::super::context::Context;
use super::super::matching::internal;
use super::super::reasons::reason;
use super::super::resolve::cumulative;
use super::super::run::{
    check_sections, severity, skip_all, step, step_ref, Decision, Run, Variant,
};
use crate::model::{ImpersonationAction, ImpersonationDefinition, Known, Section};
use crate::scope::definition_of;

const KNOWN_IDENTIFIERS: &[&str] = &[
    "similar_internal_domain",
    "newly_observed_domain",
    "internal_user_name",
    "reply_address_mismatch",
    "targeted_threat_dictionary",
];

/// The identifiers of `def` that hit.
fn hits(ctx: &Context, run: &mut Run, v: &Variant, def: &ImpersonationDefinition) -> Vec<String> {
    let msg = &ctx.msg;
    let w = &v.world;
    let mut out = Vec::new();
    for (name, on) in &def.identifiers {
        if !*on {
            continue;
        }
        let hit = match name.as_str() {
            "similar_internal_domain" => {
                let h = similar_internal_domain(ctx.cfg, &msg.header.domain).is_some();
                if h {
                    run.infer("R4.7.2-similar");
                }
                h
            }
            "newly_observed_domain" => ctx.value(&ctx.signals[0], w) == "true",
            "targeted_threat_dictionary" => ctx.value(&ctx.signals[1], w) == "true",
            "internal_user_name" => match ctx.value(&ctx.signals[2], w).as_str() {
                "true" => true,
                "derive" => {
                    let n = &msg.display_norm;
                    let h = !n.is_empty()
                        && ctx
                            .known_names
                            .iter()
                            .any(|k| k == n || same_name_words(k, n));
                    if h {
                        run.infer("R4.7.2-names");
                    }
                    h
                }
                _ => false,
            },
            "reply_address_mismatch" => msg
                .reply_to
                .as_ref()
                .is_some_and(|r| r.domain != msg.header.domain),
            other => {
                if !KNOWN_IDENTIFIERS.contains(&other) {
                    run.assume(format!(
                        "the identifier {other} is not modelled: it is counted as no hit"
                    ));
                }
                false
            }
        };
        if hit {
            out.push(name.clone());
        }
    }
    out
}

/// S5: returns its content decision (blocked, held or tagged), if any.
pub fn s5(ctx: &Context, run: &mut Run, v: &Variant) -> Option<Decision> {
    let mut st = step("S5", "impersonation", "Impersonation Protect");
    let reached = run.reached();
    if !check_sections(
        ctx,
        run,
        &mut st,
        &[
            Section::ImpersonationPolicies,
            Section::ImpersonationBypassPolicies,
        ],
    ) {
        run.steps.push(st);
        return None;
    }
    let w = &v.world;
    let pres = ctx.pres(Section::ImpersonationPolicies);
    let res = cumulative(pres, w);
    st.policies = res.traces.clone();
    let bpres = ctx.pres(Section::ImpersonationBypassPolicies);
    let bres = cumulative(bpres, w);
    let header_internal = internal(ctx.cfg, Some(&ctx.msg.header));
    if header_internal || run.spoof_unchecked {
        let why = "Impersonation Protect does not examine senders in internal domains; a spoof that got past anti-spoofing is not captured";
        skip_all(&mut st.policies, why);
        st.status = if reached {
            StepStatus::Skipped
        } else {
            StepStatus::NotReached
        };
        st.text = why.into();
        run.steps.push(st);
        return None;
    }
    // Bypass policies: every one that applies.
    let mut remove_all: Option<String> = None;
    let mut remove_defs: Vec<(String, String)> = Vec::new();
    for &bi in &bres.tied {
        let Some(b) = bpres.get(bi) else { continue };
        let opt = ctx.option(Section::ImpersonationBypassPolicies, bi, w);
        if opt == "disable_impersonation_protect" {
            remove_all.get_or_insert(b.reference.label.clone());
        } else if let Some(d) = b
            .policy
            .definition_id
            .clone()
            .filter(|d| !d.trim().is_empty())
        {
            remove_defs.push((d, b.reference.label.clone()));
        }
    }
    if !bres.tied.is_empty() {
        st.warnings.push(format!(
            "Impersonation Protection Bypass applies: {}",
            bres.tied
                .iter()
                .filter_map(|i| bpres.get(*i).map(|b| b.reference.label.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let permitted = run.permitted_by.clone().or(run.auto_allowed_by.clone());
    let mut best: Option<Decision> = None;
    let mut detected = Vec::new();
    for t in st.policies.iter_mut() {
        if t.status != PolicyStatus::Applies {
            continue;
        }
        let Some(pre) = pres.get(t.policy.index) else {
            continue;
        };
        let p = pre.policy;
        let by_bypass = remove_all.clone().or_else(|| {
            remove_defs
                .iter()
                .find(|(d, _)| {
                    p.definition_id
                        .as_deref()
                        .is_some_and(|x| x.trim() == d.trim())
                })
                .map(|x| x.1.clone())
        });
        if let Some(b) = by_bypass {
            t.status = PolicyStatus::Skipped;
            t.reason = reason(
                "BYPASSED",
                format!("exempted by Impersonation Protection Bypass {b}"),
                &[("bypass", &b)],
            );
            if reached {
                run.opened_by.push(step_ref(
                    "S5",
                    Some(t.policy.clone()),
                    "Impersonation Protection Bypass",
                ));
            }
            continue;
        }
        let def = definition_of(p, &ctx.cfg.impersonation_definitions);
        let (action, tags, threshold, found, hold_type) = match def {
            Some(d) => {
                if d.bypass_managed_and_permitted {
                    if let Some(by) = &permitted {
                        let who = by
                            .policy
                            .as_ref()
                            .map(|x| x.label.clone())
                            .unwrap_or_default();
                        let dn = if d.description.is_empty() {
                            d.id.clone()
                        } else {
                            d.description.clone()
                        };
                        t.status = PolicyStatus::Skipped;
                        t.reason = reason(
                            "DEF_BYPASS_PERMITTED",
                            format!("skipped: definition {dn} bypasses managed & permitted senders, and {who} permits this sender"),
                            &[("definition", &d.id), ("permit", &who)],
                        );
                        st.findings.push("IMP006".into());
                        if reached {
                            run.infer("R4.7-bypass");
                            run.opened_by.push(step_ref(
                                "S5",
                                Some(t.policy.clone()),
                                "definition bypasses permitted senders",
                            ));
                        }
                        continue;
                    }
                }
                let found = hits(ctx, run, v, d);
                let action = match &d.action {
                    Some(Known::Known(a)) => *a,
                    _ => ImpersonationAction::None,
                };
                (
                    action,
                    d.tag_subject || d.tag_body || d.tag_header,
                    d.hit_threshold.unwrap_or(2),
                    found,
                    "unspecified",
                )
            }
            None => {
                t.warnings
                    .push("the policy's definition is not in the bundle".into());
                let severe = ctx.missing_definition_severe(
                    Section::ImpersonationPolicies,
                    t.policy.index,
                    w,
                ) == Some(true);
                if !severe {
                    continue;
                }
                // At its most severe, the unknown definition bounces.
                (ImpersonationAction::Bounce, false, 0, vec![], "unspecified")
            }
        };
        let triggered = u32::try_from(found.len()).unwrap_or(u32::MAX) >= threshold;
        t.hits = Some(Hits {
            identifiers: found.clone(),
            threshold,
            triggered,
        });
        if !triggered {
            continue;
        }
        let (outcome, detail, effect) = match action {
            ImpersonationAction::Bounce => (Outcome::Blocked, Detail::Bounced, "bounces"),
            ImpersonationAction::Hold => (Outcome::Held, Detail::Held, "holds"),
            ImpersonationAction::None if tags => (Outcome::Tagged, Detail::Tagged, "tags"),
            ImpersonationAction::None => {
                detected.push(t.policy.label.clone());
                continue;
            }
        };
        let d = Decision {
            outcome,
            detail,
            hold_type: (outcome == Outcome::Held).then(|| hold_type.to_string()),
            by: step_ref("S5", Some(t.policy.clone()), "Impersonation Protect"),
            because: format!(
                "Impersonation Protect policy {} {effect} it: {} of {} identifiers hit ({}).",
                t.policy.label,
                found.len(),
                threshold,
                found.join(", ")
            ),
        };
        if best
            .as_ref()
            .is_none_or(|b| severity(d.outcome) < severity(b.outcome))
        {
            best = Some(d);
        }
    }
    // A known internal name that no policy acted on: no VIP-specific
    // policy is strict enough (IMP002).
    let vip_name = !ctx.msg.display_norm.is_empty()
        && ctx
            .known_names
            .iter()
            .any(|k| *k == ctx.msg.display_norm || same_name_words(k, &ctx.msg.display_norm));
    if vip_name && best.is_none() {
        st.findings.push("IMP002".into());
    }
    if let Some(b) = &best {
        st.effect = Some(
            match b.outcome {
                Outcome::Blocked => "bounced",
                Outcome::Held => "held",
                _ => "tagged",
            }
            .into(),
        );
        st.text = b.because.clone();
    } else if !detected.is_empty() {
        st.text = format!("detected, no action ({})", detected.join(", "));
    } else if st
        .policies
        .iter()
        .any(|t| t.status == PolicyStatus::Applies)
    {
        st.text = "no Impersonation Protect policy reaches its hit threshold".into();
    } else {
        st.text = "no Impersonation Protect policy applies".into();
    }
    if !reached {
        st.status = StepStatus::NotReached;
    }
    run.steps.push(st);
    best.filter(|_| reached)
}
