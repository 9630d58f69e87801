//! The explanation: verdict, certainty, headline, deciding factors,
//! unknowns, assumptions and inferred steps (spec R3.12, 5.2, 5.3).

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};

use super::super::output::{
    Certainty, CertaintyValue, Explanation, Outcome, Reach, Unknown, Variants, Verdict,
};
use super::super::primitives::{DISPLAY_NAME_APPROXIMATION, IDN_APPROXIMATION, SPF_APPROXIMATION};
use super::context::Context;
use super::inferred;
use super::variants::Enumerated;

fn reaches(o: Outcome) -> bool {
    matches!(o, Outcome::Delivered | Outcome::Tagged)
}

/// The approximations of the primitives that matter for this message.
fn approximations(ctx: &Context) -> Vec<String> {
    let msg = &ctx.msg;
    let mut out = Vec::new();
    let non_ascii = |s: &str| !s.is_ascii();
    let idn = non_ascii(&msg.header.domain)
        || non_ascii(&msg.recipient.domain)
        || msg.envelope.as_ref().is_some_and(|e| non_ascii(&e.domain));
    let dns_auth = !ctx
        .pres(crate::model::Section::DnsAuthInboundPolicies)
        .is_empty();
    let spf = msg.spf == "derive" && dns_auth
        || ctx
            .pres(crate::model::Section::AntiSpoofingBypassPolicies)
            .iter()
            .any(|p| !p.policy.spf_domains.is_empty());
    for (used, text) in [
        (idn, IDN_APPROXIMATION),
        (non_ascii(&msg.display), DISPLAY_NAME_APPROXIMATION),
        (spf, SPF_APPROXIMATION),
    ] {
        if used {
            out.push(text.to_string());
        }
    }
    out
}

/// Builds the explanation.
pub fn explanation(ctx: &Context, at: DateTime<Utc>, e: Enumerated) -> Explanation {
    let p = &e.primary;
    let definite = e.outcomes.iter().all(|o| *o == p.outcome);
    let headline = if definite {
        p.outcome
    } else {
        e.outcomes.iter().copied().max().unwrap_or(p.outcome)
    };
    let reach = if e.outcomes.iter().all(|o| reaches(*o)) {
        Reach::Yes
    } else if e.outcomes.iter().any(|o| reaches(*o)) {
        Reach::Maybe
    } else {
        Reach::No
    };
    let mut counts: BTreeMap<Outcome, usize> = BTreeMap::new();
    for o in &e.outcomes {
        *counts.entry(*o).or_default() += 1;
    }
    let unknowns = ctx
        .atoms
        .list
        .iter()
        .map(|a| Unknown {
            atom: a.name.clone(),
            why: a.why.clone(),
            deciding: e.deciding.iter().any(|d| d.factor == a.name),
        })
        .collect();
    let mut assumptions = ctx.msg.defaults_used.clone();
    for a in p.run.assumptions.iter().cloned().chain(approximations(ctx)) {
        if !assumptions.contains(&a) {
            assumptions.push(a);
        }
    }
    let reached_ok = reaches(p.outcome);
    Explanation {
        message: ctx.msg.output(),
        analysis_date: at.to_rfc3339_opts(SecondsFormat::Secs, true),
        verdict: Verdict {
            outcome: p.outcome,
            detail: p.detail,
            hold_type: p.hold_type.clone(),
            reaches_inbox: reach,
            certainty: Certainty {
                value: if definite {
                    CertaintyValue::Definite
                } else {
                    CertaintyValue::Depends
                },
                partial: p.run.partial,
                flags: e.flags.clone(),
            },
            headline,
            primary_outcome: p.outcome,
            decided_by: p.decided_by.clone(),
            because: p.because.clone(),
            opened_by: if reached_ok {
                p.opened_by.clone()
            } else {
                vec![]
            },
        },
        deciding_factors: e.deciding.clone(),
        variants: Variants {
            evaluated: e.outcomes.len(),
            outcomes: counts,
        },
        assumptions,
        inferred: inferred::list(&p.run.inferred),
        unknowns,
        steps: p.run.steps.clone(),
    }
}
