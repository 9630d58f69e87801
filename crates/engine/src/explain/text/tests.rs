use std::collections::BTreeMap;

use super::*;
use crate::explain::output::{
    Certainty, Inferred, Message, PolicyTrace, Reason, Step, Unknown, Variants, Verdict,
};

fn policy(id: &str, status: PolicyStatus, code: &str, text: &str) -> PolicyTrace {
    PolicyTrace {
        policy: PolicyRef {
            section: "antiSpoofingPolicies".into(),
            index: 0,
            id: id.into(),
            label: format!("policy {id}"),
            file: "bundle.json".into(),
            path: "antiSpoofingPolicies[0]".into(),
        },
        status,
        orientation: None,
        sender_level: None,
        recipient_level: None,
        matched_sender: None,
        reason: Reason {
            code: code.into(),
            text: text.into(),
            params: BTreeMap::new(),
        },
        all_reasons: vec![],
        warnings: vec![],
        hits: None,
    }
}

fn step(id: &str, title: &str, status: StepStatus, policies: Vec<PolicyTrace>) -> Step {
    Step {
        id: id.into(),
        kind: "antiSpoofing".into(),
        title: title.into(),
        status,
        effect: None,
        text: format!("{title} text"),
        warnings: vec![],
        policies,
        findings: vec![],
    }
}

/// W1-like: blocked by anti-spoofing, definite.
fn blocked() -> Explanation {
    let winner = policy(
        "as-apply",
        PolicyStatus::Winner,
        "WINNER",
        "applies: only candidate",
    );
    Explanation {
        message: Message {
            envelope_from: "ceo@example.com".into(),
            header_from: "ceo@example.com".into(),
            header_display_name: "Jane Doe".into(),
            sending_ip: "203.0.113.9".into(),
            recipient: "alice@example.com".into(),
            date: "2026-11-20T10:00:00Z".into(),
            ..Message::default()
        },
        analysis_date: "2026-11-20T10:00:00Z".into(),
        verdict: Verdict {
            outcome: Outcome::Blocked,
            detail: Detail::Rejected,
            hold_type: None,
            reaches_inbox: Reach::No,
            certainty: Certainty {
                value: CertaintyValue::Definite,
                partial: false,
                flags: vec![],
            },
            headline: Outcome::Blocked,
            primary_outcome: Outcome::Blocked,
            decided_by: StepRef {
                step: "S2".into(),
                policy: Some(winner.policy.clone()),
                summary: String::new(),
            },
            because: "Anti-spoofing policy rejects it.".into(),
            opened_by: vec![],
        },
        deciding_factors: vec![],
        variants: Variants {
            evaluated: 4,
            outcomes: BTreeMap::from([(Outcome::Blocked, 4)]),
        },
        assumptions: vec!["the content is clean".into()],
        inferred: vec![Inferred {
            rule: "R2.1".into(),
            text: "local parts compare case-insensitively.".into(),
        }],
        unknowns: vec![],
        steps: vec![
            step(
                "S1",
                "Anti-spoofing SPF-based bypass",
                StepStatus::Passed,
                vec![],
            ),
            step(
                "S2",
                "Anti-spoofing",
                StepStatus::Decided,
                vec![
                    winner,
                    policy(
                        "as-other",
                        PolicyStatus::NotMatching,
                        "SENDER_NOT_IN_SCOPE",
                        "the sender is not in scope",
                    ),
                ],
            ),
            step(
                "rbl",
                "Connection reputation",
                StepStatus::NotModelled,
                vec![],
            ),
        ],
    }
}

/// W12-like: delivered in one variant, blocked in the primary one.
fn depends() -> Explanation {
    let mut e = blocked();
    e.verdict.certainty.value = CertaintyValue::Depends;
    e.verdict.headline = Outcome::Delivered;
    e.verdict.reaches_inbox = Reach::Maybe;
    e.variants.outcomes = BTreeMap::from([(Outcome::Blocked, 1), (Outcome::Delivered, 1)]);
    e.variants.evaluated = 2;
    let atom = "spfAuth(mail.crm-vendor.example, 203.0.113.9)";
    e.deciding_factors = vec![DecidingFactor {
        factor: atom.into(),
        value: "yes".into(),
        outcome: Outcome::Delivered,
    }];
    e.unknowns = vec![Unknown {
        atom: atom.into(),
        why: "SPF record not in the bundle".into(),
        deciding: true,
    }];
    e
}

#[test]
fn the_headline_says_what_happens_and_what_it_depends_on() {
    let mut e = blocked();
    assert_eq!(headline(&e), "would be blocked (rejected)");
    e.verdict.detail = Detail::Bounced;
    assert_eq!(headline(&e), "would be blocked (bounced)");
    e.verdict.outcome = Outcome::Held;
    e.verdict.hold_type = Some("admin".into());
    assert_eq!(
        headline(&e),
        "would be held (admin hold) — it can be released"
    );
    e.verdict.outcome = Outcome::Delivered;
    assert_eq!(headline(&e), "would reach the inbox");
    e.verdict.outcome = Outcome::Tagged;
    assert_eq!(headline(&e), "would reach the inbox, tagged with a warning");
    assert_eq!(
        headline(&depends()),
        "may reach the inbox — depends on spfAuth(mail.crm-vendor.example, 203.0.113.9)"
    );
    let mut held = depends();
    held.verdict.headline = Outcome::Held;
    held.deciding_factors.clear();
    assert!(headline(&held).starts_with("may be held — depends on spfAuth("));
}

#[test]
fn certainty_names_the_variants_and_a_partial_result() {
    let e = blocked();
    assert_eq!(certainty(&e), "definite");
    let mut d = depends();
    assert_eq!(
        certainty(&d),
        "depends (2 variants evaluated: delivered 1, blocked 1; primary reading: blocked)"
    );
    d.verdict.certainty.partial = true;
    d.verdict.certainty.flags = vec!["partial-enumeration".into()];
    let c = certainty(&d);
    assert!(c.contains("; partial: "), "{c}");
    assert!(c.ends_with("[partial-enumeration]"), "{c}");
}

#[test]
fn inferred_steps_are_said_in_plain_words() {
    let e = blocked();
    assert_eq!(
        inferred_sentence(&e).as_deref(),
        Some(
            "This verdict rests on inferred behaviour (no Mimecast source states it): \
             local parts compare case-insensitively."
        )
    );
    let mut none = blocked();
    none.inferred.clear();
    assert_eq!(inferred_sentence(&none), None);
    assert!(!render(&none).contains("inferred behaviour"));
}

#[test]
fn the_text_lists_the_verdict_then_every_step_with_its_policies() {
    let text = render(&depends());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Verdict: may reach the inbox — depends on spfAuth(mail.crm-vendor.example, 203.0.113.9)"
    );
    assert!(lines.contains(&"Reaches the inbox: maybe"));
    assert!(lines.contains(&"Decided by: S2 Anti-spoofing — policy as-apply"));
    assert!(lines.contains(&"  - spfAuth(mail.crm-vendor.example, 203.0.113.9) = yes → delivered"));
    let intro = lines.iter().position(|l| *l == INFERRED_INTRO).unwrap();
    assert_eq!(
        lines[intro + 1],
        "  - local parts compare case-insensitively. (R2.1)"
    );
    assert!(lines.contains(&"  - the content is clean"));
    assert!(lines
        .contains(&"  - spfAuth(mail.crm-vendor.example, 203.0.113.9): SPF record not in the bundle (deciding)"));
    assert!(lines.contains(&"S2 Anti-spoofing: decided"));
    assert!(lines.contains(&"    * policy as-apply [winner]: applies: only candidate (WINNER)"));
    assert!(lines.contains(
        &"    - policy as-other [not matching]: the sender is not in scope (SENDER_NOT_IN_SCOPE)"
    ));
    assert!(lines.contains(&"rbl Connection reputation: not modelled"));
    let steps = lines.iter().position(|l| *l == "Steps:").unwrap();
    let verdict = lines
        .iter()
        .position(|l| l.starts_with("Verdict:"))
        .unwrap();
    assert!(verdict < steps);
    assert!(text.contains("header from ceo@example.com “Jane Doe”, from 203.0.113.9"));
}

#[test]
fn a_policy_without_label_or_id_is_named_by_where_it_is() {
    let mut p = PolicyRef {
        section: "blockedSenderPolicies".into(),
        index: 3,
        ..PolicyRef::default()
    };
    assert_eq!(policy_name(&p), "blockedSenderPolicies[3]");
    p.path = "data[3]".into();
    assert_eq!(policy_name(&p), "data[3]");
    p.id = "bs-1".into();
    assert_eq!(policy_name(&p), "policy bs-1");
    p.label = "Block list".into();
    assert_eq!(policy_name(&p), "Block list");
}

#[test]
fn status_codes_are_the_json_names() {
    use PolicyStatus as P;
    use StepStatus as S;
    for p in [
        P::Winner,
        P::Outranked,
        P::Tied,
        P::Applies,
        P::NotMatching,
        P::NotEffective,
        P::Unknown,
        P::Skipped,
    ] {
        assert_eq!(serde_json::to_value(p).unwrap(), policy_status_code(p));
    }
    for s in [
        S::Decided,
        S::Passed,
        S::Skipped,
        S::NotReached,
        S::NotModelled,
        S::NotAssessed,
    ] {
        assert_eq!(serde_json::to_value(s).unwrap(), step_status_code(s));
    }
}
