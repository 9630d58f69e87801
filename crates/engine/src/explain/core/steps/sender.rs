//! S0 recipient validation, S1 the SPF-based bypass (spec 4.1) and S2
//! anti-spoofing (4.2).

use super::super::super::output::{Detail, Outcome, StepStatus};
use super::super::context::Context;
use super::super::matching::internal;
use super::super::run::{check_sections, skip_all, step, step_ref, Decision, Run, Variant};
use super::resolve_step;
use crate::model::{FromPart, Section};
use crate::providers::provider_of_spf_domain;

/// S0: a recipient in a send-only domain is rejected.
pub fn s0(ctx: &Context, run: &mut Run) {
    let mut st = step("S0", "recipientValidation", "Recipient validation");
    let d = ctx
        .cfg
        .internal_domain_containing(&ctx.msg.recipient.domain);
    if let Some(d) = d.filter(|d| d.send_only) {
        st.status = StepStatus::Decided;
        st.effect = Some("rejected".into());
        st.text = format!("recipient domain {} is send-only", d.domain);
        run.infer("S0-order");
        run.terminal = Some(Decision {
            outcome: Outcome::Blocked,
            detail: Detail::Rejected,
            hold_type: None,
            by: step_ref("S0", None, "send-only recipient domain"),
            because: format!(
                "The recipient domain {} is send-only: it does not receive inbound mail.",
                d.domain
            ),
        });
    } else {
        st.text = "the recipient's domain receives inbound mail".into();
    }
    run.steps.push(st);
}

/// S1: the anti-spoofing SPF-based bypass.
pub fn s1(ctx: &Context, run: &mut Run, v: &Variant) {
    let mut st = step("S1", "antiSpoofingBypass", "Anti-spoofing SPF-based bypass");
    let reached = run.reached();
    if !check_sections(ctx, run, &mut st, &[Section::AntiSpoofingBypassPolicies]) {
        run.steps.push(st);
        return;
    }
    let res = resolve_step(ctx, run, v, "S1", Section::AntiSpoofingBypassPolicies);
    let pres = ctx.pres(Section::AntiSpoofingBypassPolicies);
    st.policies = res.traces.clone();
    match res.winner.and_then(|i| pres.get(i).map(|p| (i, p))) {
        Some((i, p))
            if ctx.option(Section::AntiSpoofingBypassPolicies, i, &v.world) == "enable_bypass" =>
        {
            let name = p.reference.label.clone();
            st.effect = Some("bypass".into());
            st.text = format!(
                "SPF-based bypass {name} applies: anti-spoofing is not evaluated for this message"
            );
            if p.policy
                .spf_domains
                .iter()
                .any(|d| provider_of_spf_domain(d).is_some())
            {
                st.findings.push("ASP001".into());
            }
            if reached {
                run.bypass = Some(name);
                run.opened_by.push(step_ref(
                    "S1",
                    Some(p.reference.clone()),
                    "SPF-based bypass",
                ));
            }
        }
        Some((_, p)) => {
            st.effect = Some("no bypass".into());
            st.text = format!(
                "SPF-based bypass switched off for this flow by {}",
                p.reference.label
            );
        }
        None => st.text = "no SPF-based bypass applies".into(),
    }
    if !reached {
        st.status = StepStatus::NotReached;
    }
    run.steps.push(st);
}

/// The addresses a policy reads for the spoof test (R3.2).
fn reads(part: &FromPart) -> (bool, bool) {
    match part {
        FromPart::EnvelopeFrom => (false, true),
        FromPart::HeaderFrom => (true, false),
        _ => (true, true),
    }
}

/// S2: anti-spoofing.
pub fn s2(ctx: &Context, run: &mut Run, v: &Variant) {
    let mut st = step("S2", "antiSpoofing", "Anti-spoofing");
    let reached = run.reached();
    if !check_sections(ctx, run, &mut st, &[Section::AntiSpoofingPolicies]) {
        if reached {
            run.spoof_unchecked = ctx.sender_internal();
        }
        run.steps.push(st);
        return;
    }
    let sender_internal = ctx.sender_internal();
    if let Some(b) = run.bypass.clone() {
        let pres = ctx.pres(Section::AntiSpoofingPolicies);
        if v.full {
            st.policies = pres
                .iter()
                .map(|p| super::super::resolve::not_candidate(p, &v.world))
                .collect();
        }
        let why = format!("SPF-based bypass {b} applies");
        skip_all(&mut st.policies, &why);
        st.status = StepStatus::Skipped;
        st.text = why;
        run.spoof_unchecked = sender_internal;
        run.steps.push(st);
        return;
    }
    let res = resolve_step(ctx, run, v, "S2", Section::AntiSpoofingPolicies);
    let pres = ctx.pres(Section::AntiSpoofingPolicies);
    st.policies = res.traces.clone();
    let msg = &ctx.msg;
    match res.winner.and_then(|i| pres.get(i).map(|p| (i, p))) {
        Some((i, p)) => {
            let option = ctx.option(Section::AntiSpoofingPolicies, i, &v.world);
            let (h, e) = reads(&p.policy.from_part);
            let hdr_in = h && internal(ctx.cfg, Some(&msg.header));
            let env_in = e && internal(ctx.cfg, msg.envelope.as_ref());
            let spoof = hdr_in || env_in;
            let levels = res
                .matched
                .get(i)
                .and_then(|m| m.as_ref())
                .and_then(|m| p.orientations.get(m.orientation))
                .map(|o| format!(" ({} \u{2192} {})", o.sender.level, o.recipient.level))
                .unwrap_or_default();
            let name = p.reference.label.clone();
            if option == "apply" || option == "apply_non_mimecast" {
                if option == "apply_non_mimecast" && reached {
                    run.assume("the connecting IP is not a Mimecast IP (apply_non_mimecast)");
                }
                if spoof && reached {
                    let (which, addr) = if hdr_in {
                        ("header From", &msg.header)
                    } else {
                        (
                            "envelope From",
                            msg.envelope.as_ref().unwrap_or(&msg.header),
                        )
                    };
                    let dom = ctx
                        .cfg
                        .internal_domain_containing(&addr.domain)
                        .map(|d| d.domain.clone())
                        .unwrap_or_else(|| addr.domain.clone());
                    st.status = StepStatus::Decided;
                    st.effect = Some("rejected".into());
                    st.text = format!(
                        "anti-spoofing policy {name}{levels} rejects: sender {} ({}) is in internal domain {dom} and arrives from {}",
                        addr.text(),
                        if hdr_in { "header" } else { "envelope" },
                        msg.ip
                    );
                    run.terminal = Some(Decision {
                        outcome: Outcome::Blocked,
                        detail: Detail::Rejected,
                        hold_type: None,
                        by: step_ref("S2", Some(p.reference.clone()), "anti-spoofing rejects"),
                        because: format!(
                            "Anti-spoofing policy {name}{levels} rejects it: the {which} {} is in the internal domain {dom} and the message comes from {}.",
                            addr.text(),
                            msg.ip
                        ),
                    });
                } else {
                    st.text = "passes: the sender is not in an internal domain".into();
                }
            } else {
                st.effect = Some("exception".into());
                if spoof {
                    st.text =
                        format!("anti-spoofing exception {name} lets this internal sender through");
                    st.findings.push(
                        if p.policy.source_ips.is_empty() && p.policy.hostnames.is_empty() {
                            "ASP004".into()
                        } else {
                            "ASP002".into()
                        },
                    );
                    if reached {
                        run.opened_by.push(step_ref(
                            "S2",
                            Some(p.reference.clone()),
                            "anti-spoofing exception",
                        ));
                    }
                } else {
                    st.text = format!("passes: {name} takes no action, and the sender is not in an internal domain");
                }
                if reached {
                    run.spoof_unchecked = sender_internal;
                }
            }
        }
        None => {
            st.text = "no anti-spoofing policy applies".into();
            if sender_internal {
                st.warnings
                    .push("no anti-spoofing policy reads this sender (see ASP003)".into());
                st.findings.push("ASP003".into());
                if reached {
                    run.spoof_unchecked = true;
                    run.infer("R4.2-uncovered");
                }
            }
        }
    }
    if !reached {
        st.status = StepStatus::NotReached;
    }
    run.steps.push(st);
}
