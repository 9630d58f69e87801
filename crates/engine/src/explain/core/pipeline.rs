//! The inbound pipeline S0–S6/END for one variant (spec 5.1), and its
//! outcome.

use super::super::output::{Detail, Outcome, StepRef, StepStatus};
use super::context::Context;
use super::run::{step, step_ref, Run, Variant};
use super::steps::{content::content, dns_auth::s4, lists::lists, sender};

/// Checks listed but not modelled: (id, title, one line).
pub const NOT_MODELLED: &[(&str, &str, &str)] = &[
    (
        "reputation",
        "Connection reputation and RBL",
        "not modelled: the connection is assumed to pass reputation and block-list checks",
    ),
    (
        "geographicalRestrictions",
        "Geographical restrictions",
        "not modelled: they run before Auto Allow and managed senders",
    ),
    (
        "greylisting",
        "Greylisting",
        "not modelled: permitted and auto-allowed senders bypass it; a header-based match cannot",
    ),
    (
        "recipientValidation",
        "Recipient validation (other than send-only domains)",
        "not modelled: the recipient is assumed to exist",
    ),
    (
        "antiVirus",
        "Anti-virus",
        "not modelled: the content is assumed clean",
    ),
    ("urlProtect", "URL Protect", "not modelled"),
    ("attachmentProtect", "Attachment Protect", "not modelled"),
    ("contentExamination", "Content Examination", "not modelled"),
    (
        "attachmentManagement",
        "Attachment Management",
        "not modelled",
    ),
];

/// The result of one evaluation.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The outcome.
    pub outcome: Outcome,
    /// Its detail.
    pub detail: Detail,
    /// Hold type when held.
    pub hold_type: Option<String>,
    /// The deciding step.
    pub decided_by: StepRef,
    /// Why, in one sentence.
    pub because: String,
    /// For delivered and tagged: what relaxed a check.
    pub opened_by: Vec<StepRef>,
    /// The full state.
    pub run: Run,
}

/// Runs the pipeline for one variant.
pub fn evaluate(ctx: &Context, v: &Variant) -> Evaluated {
    let mut run = Run::default();
    sender::s0(ctx, &mut run);
    sender::s1(ctx, &mut run, v);
    sender::s2(ctx, &mut run, v);
    lists(ctx, &mut run, v);
    s4(ctx, &mut run, v);
    let tag = content(ctx, &mut run, v);
    for (id, title, text) in NOT_MODELLED {
        let mut st = step(id, id, title);
        st.status = StepStatus::NotModelled;
        st.text = (*text).into();
        run.steps.push(st);
    }
    run.assume("the connection passes reputation and greylisting checks and the content is clean");
    if let Some(t) = run.terminal.clone() {
        return Evaluated {
            outcome: t.outcome,
            detail: t.detail,
            hold_type: t.hold_type,
            decided_by: t.by,
            because: t.because,
            opened_by: vec![],
            run,
        };
    }
    let opened = run.opened_by.clone();
    let summaries: Vec<String> = opened
        .iter()
        .map(|r| {
            let who = r
                .policy
                .as_ref()
                .map(|p| format!(" {}", p.label))
                .unwrap_or_default();
            format!("{} ({}{who})", r.summary, r.step)
        })
        .collect();
    let opened_text = if summaries.is_empty() {
        "no policy of the types checked applies".to_string()
    } else {
        summaries.join("; ")
    };
    match tag {
        Some(t) => Evaluated {
            outcome: Outcome::Tagged,
            detail: Detail::Tagged,
            hold_type: None,
            decided_by: t.by,
            because: t.because,
            opened_by: opened,
            run,
        },
        None => Evaluated {
            outcome: Outcome::Delivered,
            detail: Detail::Delivered,
            hold_type: None,
            decided_by: step_ref("END", None, "delivered"),
            because: format!("No step stops it: {opened_text}."),
            opened_by: opened,
            run,
        },
    }
}
