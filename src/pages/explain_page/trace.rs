//! The answer: the verdict (headline, certainty, what it depends on, the
//! inferred steps it rests on in plain words, the assumptions), then the
//! trace as a table, one row per step, the policy that applies
//! highlighted and the others, with why they lost, behind a disclosure.

use leptos::prelude::*;

use crate::state::AppState;
use engine::explain::output::{PolicyTrace, Step};
use engine::explain::text;
use engine::explain::Explanation;

fn verdict(e: &Explanation) -> impl IntoView {
    let v = &e.verdict;
    let decided = v.decided_by.clone();
    let decided_policy = decided
        .policy
        .as_ref()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let factors: Vec<String> = e
        .deciding_factors
        .iter()
        .map(text::deciding_factor)
        .collect();
    let opened: Vec<String> = v.opened_by.iter().map(|r| text::step_ref(e, r)).collect();
    let inferred_items: Vec<(String, String)> = e
        .inferred
        .iter()
        .map(|i| (i.text.clone(), i.rule.clone()))
        .collect();
    let assumptions = e.assumptions.clone();
    view! {
        <div class=format!("explain-verdict explain-verdict--{}", v.headline.as_str())
            data-testid="explain-verdict" data-outcome=v.outcome.as_str()
            data-headline=v.headline.as_str() data-reach=text::reach(v.reaches_inbox)>
            <p class="explain-verdict__headline" data-testid="explain-headline">
                "This message " {text::headline(e)} "."
            </p>
            <p data-testid="explain-decided-by" data-step=decided.step.clone() data-policy=decided_policy>
                <strong>"Decided by: "</strong>{text::step_ref(e, &decided)}
            </p>
            {(!v.because.is_empty()).then(|| view! { <p class="explain-verdict__because">{v.because.clone()}</p> })}
            {(!opened.is_empty()).then(|| view! {
                <p><strong>"Opened by: "</strong>{opened.join("; ")}</p>
            })}
            <p data-testid="explain-certainty"><strong>"Certainty: "</strong>{text::certainty(e)}</p>
            {(!factors.is_empty()).then(|| view! {
                <div>
                    <p><strong>"It depends on: "</strong></p>
                    <ul data-testid="explain-factors">
                        {factors.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {(!inferred_items.is_empty()).then(|| view! {
                <div class="explain-verdict__inferred" data-testid="explain-inferred">
                    <p>{text::INFERRED_INTRO}</p>
                    <ul>
                        {inferred_items.into_iter().map(|(t, rule)| view! {
                            <li>{t}<span class="explain-rule">{format!(" ({rule})")}</span></li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {(!assumptions.is_empty()).then(|| view! {
                <details class="explain-assumptions" data-testid="explain-assumptions">
                    <summary>{format!("Assumptions ({})", assumptions.len())}</summary>
                    <ul>{assumptions.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                </details>
            })}
        </div>
    }
}

/// One policy that did not win, and why.
fn other(p: &PolicyTrace) -> impl IntoView {
    view! {
        <li data-testid="trace-policy" data-status=text::policy_status_code(p.status)
            data-policy=p.policy.id.clone()>
            <span class="trace__name">{text::policy_name(&p.policy)}</span>
            " — " {text::policy_status(p.status)} ": " {p.reason.text.clone()}
            <span class="explain-rule">{format!(" ({})", p.reason.code)}</span>
        </li>
    }
}

fn row(s: &Step) -> impl IntoView {
    let (winners, others): (Vec<&PolicyTrace>, Vec<&PolicyTrace>) =
        s.policies.iter().partition(|p| text::is_winner(p.status));
    let winner_ids: Vec<String> = winners.iter().map(|p| p.policy.id.clone()).collect();
    let winner_names: Vec<String> = winners
        .iter()
        .map(|p| text::policy_name(&p.policy))
        .collect();
    let winner_reasons: Vec<String> = winners.iter().map(|p| p.reason.text.clone()).collect();
    let code = text::step_status_code(s.status);
    let effect = s
        .effect
        .as_deref()
        .filter(|x| !x.is_empty())
        .map(|x| format!(" ({x})"))
        .unwrap_or_default();
    let count = others.len();
    let others: Vec<_> = others.into_iter().map(other).collect();
    view! {
        <tr class=format!("trace__row trace__row--{code}") data-testid="trace-step"
            data-step=s.id.clone() data-status=code>
            <th scope="row">{s.id.clone()}" "{s.title.clone()}</th>
            <td class="trace__status">{text::step_status(s.status)}{effect}</td>
            <td data-testid="trace-winner" data-policy=winner_ids.join(" ")>
                {if winner_names.is_empty() {
                    view! { <span class="trace__none">"none"</span> }.into_any()
                } else {
                    view! {
                        <strong class="trace__winner">{winner_names.join(", ")}</strong>
                        <span class="trace__why">{format!(" — {}", winner_reasons.join("; "))}</span>
                    }
                    .into_any()
                }}
            </td>
            <td>
                {(!s.text.is_empty()).then(|| view! { <p class="trace__text">{s.text.clone()}</p> })}
                {s.warnings.iter().map(|w| view! { <p class="cl-hint">{format!("Warning: {w}")}</p> }).collect_view()}
                {(!s.findings.is_empty()).then(|| view! {
                    <p class="cl-help">{format!("See findings: {}", s.findings.join(", "))}</p>
                })}
                {(count > 0).then(|| view! {
                    <details class="trace__others" data-testid="trace-others">
                        <summary>{format!("Other policies ({count})")}</summary>
                        <ul>{others}</ul>
                    </details>
                })}
            </td>
        </tr>
    }
}

fn trace(e: &Explanation) -> impl IntoView {
    view! {
        // Scrolls sideways on a narrow screen (focusable, so the keyboard
        // can scroll it too).
        <div class="trace-wrap" tabindex="0" role="region" aria-label="Trace of the message">
        <table class="trace" data-testid="explain-trace">
            <caption>"How each step treats the message"</caption>
            <thead>
                <tr>
                    <th scope="col">"Step"</th>
                    <th scope="col">"Outcome"</th>
                    <th scope="col">"Policy that applies"</th>
                    <th scope="col">"What happened, and the other policies"</th>
                </tr>
            </thead>
            <tbody>{e.steps.iter().map(row).collect_view()}</tbody>
        </table>
        </div>
    }
}

#[component]
pub fn ExplainResult() -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = move || {
        let answer = state.explained.get()?;
        let blank = state.explain_form.with(|f| f.is_blank());
        Some(match &answer.0.explanation {
            Some(e) => view! {
                <div class="explain-message cl-help" data-testid="explain-message">
                    {format!(
                        "Explained: from {} (envelope {}) at {} to {}; policies judged at {}.",
                        e.message.header_from,
                        if e.message.envelope_from.is_empty() { "<>" } else { e.message.envelope_from.as_str() },
                        e.message.sending_ip,
                        e.message.recipient,
                        e.analysis_date
                    )}
                </div>
                {verdict(e)}
                {trace(e)}
            }
            .into_any(),
            None if blank => view! {
                <p class="cl-help" data-testid="explain-prompt">
                    "Fill in the envelope from, header from, sending IP and recipient, or use the "
                    "suggested spoof, to see the verdict."
                </p>
            }
            .into_any(),
            None => view! {
                <p class="cl-hint" data-testid="explain-incomplete">
                    "The message cannot be explained yet: complete or correct the fields marked above."
                </p>
            }
            .into_any(),
        })
    };
    view! {
        <section class="explain-result" aria-label="Verdict and trace" aria-live="polite"
            data-testid="explain-result">
            {body}
        </section>
    }
}
