//! One finding: message, confidence and evidence.

use leptos::prelude::*;

use super::{AcceptForm, AssignForm};
use engine::report::{FindingReport as Finding, FindingState};
use engine::rules::Confidence;

#[component]
pub fn FindingCard(code: String, finding: Finding) -> impl IntoView {
    let confidence = match finding.confidence {
        Confidence::High => None,
        Confidence::Medium => Some("medium confidence"),
        Confidence::Low => Some("low confidence"),
    };
    let state = finding.state;
    let accept = finding.clone();
    let assign = finding.clone();
    view! {
        <li class="finding" class:finding--accepted=state == FindingState::Accepted data-testid="finding" data-rule=code
            data-state=match state { FindingState::Open => "open", FindingState::Accepted => "accepted" } data-key=finding.key.clone()>
            <p class="finding__message">
                {finding.message.clone()}
                {confidence.map(|c| view! { <span class="finding__confidence">{c}</span> })}
            </p>
            <table class="evidence">
                <thead><tr><th scope="col">"File"</th><th scope="col">"Path"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>
                    {finding.evidence.iter().map(|e| view! {
                        <tr>
                            <td class="evidence__file">{e.file.clone()}</td>
                            <td class="evidence__path"><code>{e.path.clone()}</code></td>
                            <td class="evidence__value">{e.value.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <AcceptForm finding=accept/>
            {(state == FindingState::Open).then(|| view! { <AssignForm finding=assign/> })}
        </li>
    }
}
