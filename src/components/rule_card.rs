//! One rule's outcome: its findings, or why it passed or was not assessed.

use leptos::prelude::*;

use super::{DocText, FindingCard};
use engine::report::{ResultReport, Status};
use engine::rules::find;

#[component]
pub fn RuleCard(result: ResultReport) -> impl IntoView {
    let status = result.status;
    let code = result.code.clone();
    let doc = find(&code).map(|r| r.meta().doc());
    let status_label = status.label();
    let missing = result.missing_sections.clone();
    view! {
        <li class=format!("rule rule--{}", status.as_str()) data-testid="rule-result"
            data-rule=code.clone() data-status=status.as_str()>
            <header class="rule__head">
                <span class=format!("badge badge--{}", status.as_str())>{status_label}</span>
                <span class=format!("sev sev--{}", result.severity.as_str())>{result.severity.as_str()}</span>
                <span class="rule__code">{code.clone()}</span>
                <span class="rule__title">{result.title.clone()}</span>
            </header>
            {(status == Status::NotAssessed).then(|| view! {
                <p class="rule__missing">
                    "Not assessed: load "
                    {missing.iter().map(|m| view! { <code title=m.title.clone()>{m.key.clone()}</code>" " }).collect_view()}
                    "to assess this rule."
                </p>
            })}
            {(status == Status::Pass).then(|| view! { <p class="rule__pass">"No problem found in the loaded data."</p> })}
            {(!result.findings.is_empty()).then(|| view! {
                <ul class="rule__findings">
                    {result.findings.iter().cloned().map(|f| view! { <FindingCard code=code.clone() finding=f/> }).collect_view()}
                </ul>
                <div class="rule__fix">
                    <h4>"How to fix it"</h4>
                    <DocText markdown=result.fix.clone()/>
                </div>
            })}
            {doc.map(|d| view! {
                <details class="rule__doc">
                    <summary>{format!("About {} ({})", code, result.name)}</summary>
                    {d.sections.into_iter().map(|(h, body)| view! {
                        <h4>{h}</h4>
                        <DocText markdown=body/>
                    }).collect_view()}
                </details>
            })}
        </li>
    }
}
