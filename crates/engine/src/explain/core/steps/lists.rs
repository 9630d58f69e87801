//! S3a–S3e: Blocked Senders (4.3), the recipient's managed entries (4.5),
//! Permitted Senders (4.4) and Auto Allow.

use super::super::super::output::{Detail, Outcome, PolicyStatus, Step, StepStatus};
use super::super::context::Context;
use super::super::run::{check_sections, step, step_ref, Decision, Run, Variant};
use super::managed::{entry_ref, evaluate, Entries};
use super::resolve_step;
use crate::model::{Config, ManagedKind, Policy, Section, Target};
use crate::providers::free_mail_or_provider;
use crate::scope::group_members;

fn finish(run: &mut Run, mut st: Step, reached: bool) {
    if !reached {
        st.status = StepStatus::NotReached;
    }
    run.steps.push(st);
}

/// The permit findings a whole-domain or broad permit explains.
fn permit_findings(cfg: &Config, p: &Policy) -> Vec<String> {
    let mut out = Vec::new();
    let mut domains = Vec::new();
    match &p.from {
        Target::Everyone | Target::ExternalAddresses if p.source_ips.is_empty() => {
            out.push("PSN006".to_string())
        }
        Target::EmailDomain(d) => domains.push(d.clone()),
        Target::ProfileGroup { .. } => {
            for m in group_members(cfg, &p.from).unwrap_or(&[]) {
                if m.email_address.trim().is_empty() && !m.domain.trim().is_empty() {
                    domains.push(m.domain.clone());
                }
            }
        }
        _ => {}
    }
    for d in domains {
        out.push(domain_finding(cfg, &d).to_string());
    }
    if !p.source_ips.is_empty() {
        out.push("PSN004".into());
    }
    out.sort();
    out.dedup();
    out
}

fn domain_finding(cfg: &Config, d: &str) -> &'static str {
    if cfg.internal_domain_containing(d).is_some() {
        "PSN002"
    } else if free_mail_or_provider(d).is_some() {
        "PSN001"
    } else {
        "PSN003"
    }
}

/// S3a–S3e, in display order (S3c is computed before S3b).
pub fn lists(ctx: &Context, run: &mut Run, v: &Variant) {
    let reached = run.reached();
    // S3c first: S3b needs its winner. What S3c relies on counts only if
    // S3a and S3b let the message reach it, so it is noted aside.
    let mut s3c = step("S3c", "permittedSenders", "Permitted Senders policies");
    let mut permit = None;
    let mut aside = Run::default();
    if check_sections(
        ctx,
        &mut aside,
        &mut s3c,
        &[Section::PermittedSenderPolicies],
    ) {
        let res = resolve_step(ctx, &mut aside, v, "S3c", Section::PermittedSenderPolicies);
        let pres = ctx.pres(Section::PermittedSenderPolicies);
        s3c.policies = res.traces.clone();
        match res.winner.and_then(|i| pres.get(i).map(|p| (i, p))) {
            Some((i, p))
                if ctx.option(Section::PermittedSenderPolicies, i, &v.world) == "permit_sender" =>
            {
                let m = res.matched.get(i).cloned().flatten();
                s3c.effect = Some("permit".into());
                s3c.text = format!(
                    "{} permits this sender: reputation, greylisting and spam scanning are bypassed",
                    p.reference.label
                );
                if let Some(m) = &m {
                    if m.via == "header" && !m.envelope_matched {
                        s3c.warnings.push(
                            "permitted on the header From, which the sender chooses freely".into(),
                        );
                    }
                    permit = Some((p.reference.clone(), m.clone(), p.policy.override_));
                }
                s3c.findings = permit_findings(ctx.cfg, p.policy);
                if ctx.sender_internal() {
                    s3c.findings.push("PSN005".into());
                }
            }
            Some((_, p)) => s3c.text = format!("{} takes no action: no permit", p.reference.label),
            None => s3c.text = "no Permitted Senders policy applies".into(),
        }
    }
    // S3a.
    let mut s3a = step("S3a", "blockedSenders", "Blocked Senders policies");
    if check_sections(ctx, run, &mut s3a, &[Section::BlockedSenderPolicies]) {
        let res = resolve_step(ctx, run, v, "S3a", Section::BlockedSenderPolicies);
        let pres = ctx.pres(Section::BlockedSenderPolicies);
        s3a.policies = res.traces.clone();
        match res.winner.and_then(|i| pres.get(i).map(|p| (i, p))) {
            Some((i, p))
                if ctx.option(Section::BlockedSenderPolicies, i, &v.world) == "block_sender" =>
            {
                s3a.effect = Some("rejected".into());
                s3a.text = format!("{} blocks this sender", p.reference.label);
                if run.reached() {
                    s3a.status = StepStatus::Decided;
                    let who = if res
                        .matched
                        .get(i)
                        .cloned()
                        .flatten()
                        .is_some_and(|m| m.via == "header")
                    {
                        format!("{} (header)", ctx.msg.header.text())
                    } else {
                        format!("{} (envelope)", ctx.msg.envelope_text())
                    };
                    run.terminal = Some(Decision {
                        outcome: Outcome::Blocked,
                        detail: Detail::Rejected,
                        hold_type: None,
                        by: step_ref("S3a", Some(p.reference.clone()), "blocked sender"),
                        because: format!(
                            "Blocked Senders policy {} rejects mail from {who}.",
                            p.reference.label
                        ),
                    });
                }
            }
            Some((i, p)) => {
                s3a.effect = Some("exception".into());
                s3a.text = format!("Blocked Senders exception {}", p.reference.label);
                let others_block = (0..pres.len()).any(|j| {
                    j != i
                        && res.matched.get(j).is_some_and(Option::is_some)
                        && ctx.option(Section::BlockedSenderPolicies, j, &v.world) == "block_sender"
                });
                if others_block && run.reached() {
                    run.opened_by.push(step_ref(
                        "S3a",
                        Some(p.reference.clone()),
                        "Blocked Senders exception",
                    ));
                }
            }
            None => s3a.text = "no Blocked Senders policy applies".into(),
        }
        if permit.as_ref().is_some_and(|p| p.2) {
            s3a.warnings.push("an administrator's report says an override Permitted Senders policy can outrank Blocked Senders; Mimecast's KB says it cannot".into());
        }
    }
    finish(run, s3a, reached);
    // S3b and S3d: the recipient's Block and Permit entries.
    let reached_b = run.reached();
    let mut s3b = step("S3b", "managedBlock", "Recipient's blocked senders");
    let mut s3d = step("S3d", "managedPermit", "Recipient's permitted senders");
    let mut s3e = step("S3e", "autoAllow", "Auto Allow");
    let ok = check_sections(ctx, run, &mut s3b, &[Section::ManagedSenders]);
    if !ok {
        s3d.status = s3b.status;
        s3d.text = s3b.text.clone();
        s3e.status = s3b.status;
        s3e.text = s3b.text.clone();
    }
    let env = ctx.msg.envelope.as_ref();
    let entries = if ok {
        evaluate(
            &ctx.entries,
            env,
            &[ManagedKind::Block, ManagedKind::Permit],
            ctx.msg.date,
            v.full,
        )
    } else {
        Entries {
            decided: None,
            traces: vec![],
        }
    };
    if ok {
        if ctx.entries.is_empty() {
            s3b.text = format!(
                "no managed-sender entry concerns {}",
                ctx.msg.recipient.text()
            );
            s3d.text = s3b.text.clone();
        }
        if !entries.traces.is_empty() {
            run.infer("R4.5-envelope");
        }
        let matched_entries = entries.traces_len_hint();
        let entry = |i: usize| ctx.cfg.managed_senders.get(i);
        let (block_traces, permit_traces): (Vec<_>, Vec<_>) = entries
            .traces
            .into_iter()
            .partition(|t| entry(t.policy.index).is_some_and(|e| e.kind.is(ManagedKind::Block)));
        s3b.policies = block_traces;
        s3d.policies = permit_traces;
        if matched_entries > 1 {
            run.infer("R4.5-level");
        }
        match entries.decided {
            Some((i, ManagedKind::Block)) => {
                let e = entry(i);
                let r = e.map(|e| entry_ref(i, e)).unwrap_or_default();
                let superseded = permit.as_ref().filter(|p| p.1.envelope_matched);
                if let Some((pref, _, _)) = superseded {
                    s3b.text = format!(
                        "the recipient's block is superseded by Permitted Senders policy {}",
                        pref.label
                    );
                } else {
                    s3b.effect = Some("rejected".into());
                    s3b.text = format!("the recipient's entry {} blocks this sender", r.label);
                    if run.reached() {
                        s3b.status = StepStatus::Decided;
                        run.terminal = Some(Decision {
                            outcome: Outcome::Blocked,
                            detail: Detail::Rejected,
                            hold_type: None,
                            by: step_ref("S3b", Some(r.clone()), "recipient's blocked sender"),
                            because: format!(
                                "The recipient's blocked-senders entry {} rejects mail from {}.",
                                r.label,
                                ctx.msg.envelope_text()
                            ),
                        });
                    }
                }
            }
            Some((i, _)) => {
                if let Some(e) = entry(i) {
                    let r = entry_ref(i, e);
                    s3d.effect = Some("permit".into());
                    s3d.text = format!("the recipient's entry {} permits this sender", r.label);
                    let sender = e.sender().trim_start_matches(['*', '@', '.']);
                    if !sender.contains('@') {
                        s3d.findings.push(domain_finding(ctx.cfg, sender).into());
                    } else if let Some(d) = sender.rsplit_once('@').map(|x| x.1) {
                        if ctx.cfg.internal_domain_containing(d).is_some() {
                            s3d.findings.push("PSN002".into());
                        }
                    }
                    if run.reached() {
                        run.permitted_by = Some(step_ref(
                            "S3d",
                            Some(r.clone()),
                            "recipient's permitted sender",
                        ));
                        run.opened_by.push(step_ref(
                            "S3d",
                            Some(r),
                            "recipient's permitted sender",
                        ));
                    }
                }
            }
            None => {
                if s3b.text.is_empty() {
                    s3b.text = "no entry of the recipient blocks this sender".into();
                }
                if s3d.text.is_empty() {
                    s3d.text = "no entry of the recipient permits this sender".into();
                }
            }
        }
        if s3d.text.is_empty() {
            s3d.text = "no entry of the recipient permits this sender".into();
        }
        if s3b.text.is_empty() {
            s3b.text = "no entry of the recipient blocks this sender".into();
        }
    }
    finish(run, s3b, reached_b);
    // S3c in display order, after S3b.
    let reached_c = run.reached();
    if reached_c {
        run.ties.append(&mut aside.ties);
        run.inferred.append(&mut aside.inferred);
        run.partial |= aside.partial;
        if let Some((r, _, _)) = &permit {
            run.permitted_by = Some(step_ref("S3c", Some(r.clone()), "permitted sender"));
            run.opened_by
                .push(step_ref("S3c", Some(r.clone()), "permitted sender"));
        }
    }
    finish(run, s3c, reached_c);
    finish(run, s3d, reached_c);
    // S3e: Auto Allow.
    if ok {
        let auto = evaluate(
            &ctx.entries,
            env,
            &[ManagedKind::AutoAllow],
            ctx.msg.date,
            v.full,
        );
        s3e.policies = auto.traces;
        match auto
            .decided
            .and_then(|(i, _)| ctx.cfg.managed_senders.get(i).map(|e| entry_ref(i, e)))
        {
            Some(r) => {
                s3e.effect = Some("auto-allow".into());
                s3e.text = format!(
                    "auto-allow entry {} lets this sender skip reputation and spam checks",
                    r.label
                );
                s3e.warnings.push("a small random sample of auto-allowed mail is still spam-scanned (not modelled)".into());
                if run.reached() {
                    run.auto_allowed_by = Some(step_ref("S3e", Some(r.clone()), "auto-allow"));
                    run.opened_by.push(step_ref("S3e", Some(r), "auto-allow"));
                }
            }
            None => s3e.text = "no auto-allow entry applies".into(),
        }
    }
    let reached_e = run.reached();
    finish(run, s3e, reached_e);
}

impl Entries {
    /// How many entries matched (winner or outranked).
    pub fn traces_len_hint(&self) -> usize {
        self.traces
            .iter()
            .filter(|t| matches!(t.status, PolicyStatus::Winner | PolicyStatus::Outranked))
            .count()
    }
}
