//! S4: DNS Authentication – Inbound (spec 4.6).

use super::super::super::output::{Detail, Outcome, StepStatus};
use super::super::super::primitives::aligned;
use super::super::context::{Context, DmarcFact};
use super::super::run::{check_sections, step, step_ref, Decision, Run, Variant};
use super::resolve_step;
use crate::model::{AuthAction, AuthCheck, DnsAuthDefinition, Known, Section};
use crate::scope::definition_of;

/// The authentication results in a world: (spf, dkim, dmarc, sender's
/// DMARC policy).
pub fn results(ctx: &Context, v: &Variant) -> (String, String, String, String) {
    let w = &v.world;
    let spf = ctx.value(&ctx.spf, w);
    let dkim = ctx.value(&ctx.dkim, w);
    let record = match &ctx.dmarc_record {
        DmarcFact::Known(Some(p)) => p.as_str().to_string(),
        DmarcFact::Known(None) => "none-published".to_string(),
        DmarcFact::Atom(i) => {
            let v = ctx.value(&super::super::context::Fact::Atom(*i), w);
            if v == "none" {
                "none-published".into()
            } else {
                v
            }
        }
    };
    let msg = &ctx.msg;
    let h = &msg.header.domain;
    let dmarc = match msg.dmarc.as_str() {
        "pass" | "none" | "fail" => msg.dmarc.clone(),
        _ if record == "none-published" => "none".into(),
        _ => {
            let spf_ok =
                spf == "pass" && msg.envelope.as_ref().is_some_and(|e| aligned(&e.domain, h));
            let dkim_ok = dkim == "pass" && aligned(&msg.dkim_domain, h);
            if spf_ok || dkim_ok { "pass" } else { "fail" }.into()
        }
    };
    let policy = if record == "none-published" {
        "none".into()
    } else {
        record
    };
    (spf, dkim, dmarc, policy)
}

fn action(a: &Option<Known<AuthAction>>) -> &'static str {
    match a {
        Some(Known::Known(AuthAction::Reject)) => "reject",
        Some(Known::Known(AuthAction::IgnorePermitted)) => "ignore_permitted",
        Some(Known::Known(AuthAction::HonorDmarcRecord)) => "honor_dmarc_record",
        _ => "no_action",
    }
}

fn enabled(c: &AuthCheck) -> bool {
    c.enabled.unwrap_or(true)
}

/// The actions the definition takes for these results: (check, result,
/// action) for each failed check.
fn actions(
    def: &DnsAuthDefinition,
    spf: &str,
    dkim: &str,
    dmarc: &str,
    policy: &str,
) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    if enabled(&def.spf) {
        match spf {
            "fail" => out.push((
                "SPF".into(),
                "fail".into(),
                action(&def.spf.fail_action).into(),
            )),
            "softfail" => out.push((
                "SPF".into(),
                "softfail".into(),
                action(&def.spf.soft_fail_action).into(),
            )),
            _ => {}
        }
    }
    if enabled(&def.dkim) && dkim == "fail" {
        out.push((
            "DKIM".into(),
            "fail".into(),
            action(&def.dkim.fail_action).into(),
        ));
    }
    if enabled(&def.dmarc) && dmarc == "fail" {
        let a = match action(&def.dmarc.fail_action) {
            "honor_dmarc_record" => match policy {
                "reject" => "reject (sender's DMARC policy)",
                "quarantine" => "hold (sender's DMARC policy)",
                _ => "no_action (sender's DMARC policy is none)",
            },
            other => other,
        };
        out.push(("DMARC".into(), "fail".into(), a.into()));
    }
    out
}

/// S4.
pub fn s4(ctx: &Context, run: &mut Run, v: &Variant) {
    let mut st = step("S4", "dnsAuthInbound", "DNS Authentication – Inbound");
    let reached = run.reached();
    if !check_sections(ctx, run, &mut st, &[Section::DnsAuthInboundPolicies]) {
        run.steps.push(st);
        return;
    }
    let res = resolve_step(ctx, run, v, "S4", Section::DnsAuthInboundPolicies);
    let pres = ctx.pres(Section::DnsAuthInboundPolicies);
    st.policies = res.traces.clone();
    let Some((i, p)) = res.winner.and_then(|i| pres.get(i).map(|p| (i, p))) else {
        st.text = "no DNS authentication policy applies".into();
        if !reached {
            st.status = StepStatus::NotReached;
        }
        run.steps.push(st);
        return;
    };
    run.infer("S4-order");
    let (spf, dkim, dmarc, policy) = results(ctx, v);
    let via = if ctx.msg.spf == "derive" && !ctx.spf_via.is_empty() {
        let via = match ctx.spf_via.as_str() {
            "dnsRecords" => "from the SPF record in the bundle",
            other => other,
        };
        format!(" ({via})")
    } else {
        String::new()
    };
    let summary = format!("SPF {spf}{via}, DKIM {dkim}, DMARC {dmarc}");
    let acts = match definition_of(p.policy, &ctx.cfg.dns_auth_definitions) {
        Some(def) => actions(def, &spf, &dkim, &dmarc, &policy),
        None => {
            st.warnings
                .push("the policy's definition is not in the bundle".into());
            if ctx.missing_definition_severe(Section::DnsAuthInboundPolicies, i, &v.world)
                == Some(true)
            {
                vec![("definition".into(), "unknown".into(), "reject".into())]
            } else {
                vec![]
            }
        }
    };
    if !matches!(spf.as_str(), "pass" | "fail" | "softfail") && reached {
        run.infer("R4.6-rows");
    }
    let reject = acts.iter().find(|a| a.2.starts_with("reject"));
    let hold = acts.iter().find(|a| a.2.starts_with("hold"));
    let ignore = acts.iter().any(|a| a.2 == "ignore_permitted");
    let name = p.reference.label.clone();
    let listed: Vec<String> = acts
        .iter()
        .map(|a| format!("{} {} \u{2192} {}", a.0, a.1, a.2))
        .collect();
    if dmarc == "fail"
        && acts
            .iter()
            .any(|a| a.0 == "DMARC" && a.2.starts_with("no_action") && !a.2.contains("sender's"))
    {
        st.findings.push("DNS004".into());
    }
    if let Some(a) = reject.or(hold) {
        let held = reject.is_none();
        st.effect = Some(if held { "held" } else { "rejected" }.into());
        st.text = format!("{name}: {summary}; {}", listed.join("; "));
        if reached {
            st.status = StepStatus::Decided;
            run.terminal = Some(Decision {
                outcome: if held { Outcome::Held } else { Outcome::Blocked },
                detail: if held { Detail::Held } else { Detail::Rejected },
                hold_type: held.then(|| "admin".to_string()),
                by: step_ref("S4", Some(p.reference.clone()), "DNS authentication"),
                because: format!(
                    "DNS authentication policy {name} {} it: {summary}, and the {} failure leads to {}.",
                    if held { "holds" } else { "rejects" },
                    a.0,
                    a.2
                ),
            });
        }
    } else {
        st.text = if listed.is_empty() {
            format!("{name}: {summary}; no check fails with an action")
        } else {
            format!("{name}: {summary}; {}", listed.join("; "))
        };
        if ignore {
            st.effect = Some("ignore permits".into());
            if let Some(by) = run.permitted_by.take().or(run.auto_allowed_by.take()) {
                st.text.push_str(&format!(
                    "; Ignore Managed/Permitted Sender entries: {} no longer applies",
                    by.policy.map(|p| p.label).unwrap_or_default()
                ));
            }
            run.auto_allowed_by = None;
        }
        if !acts.is_empty() && reached {
            run.opened_by.push(step_ref(
                "S4",
                Some(p.reference.clone()),
                "DNS check failed without a blocking action",
            ));
        }
    }
    if !reached {
        st.status = StepStatus::NotReached;
    }
    run.steps.push(st);
}
