//! One finding: message, confidence, the attack paths it opens (links to
//! the attack-path panel) and evidence.

use leptos::prelude::*;

use super::{AcceptForm, AssignForm};
use crate::state::AppState;
use engine::export::attack_paths::finding_anchor;
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
    let app = expect_context::<AppState>();
    let key = finding.key.clone();
    let opens = move || app.report.with(|r| r.attack_paths.opened_by(&key).to_vec());
    view! {
        <li class="finding" class:finding--accepted=state == FindingState::Accepted data-testid="finding" data-rule=code
            data-state=match state { FindingState::Open => "open", FindingState::Accepted => "accepted" } data-key=finding.key.clone()
            id=finding_anchor(&finding.key) tabindex="-1">
            <p class="finding__message">
                {finding.message.clone()}
                {confidence.map(|c| view! { <span class="finding__confidence">{c}</span> })}
            </p>
            {move || {
                let links = opens();
                (!links.is_empty()).then(|| view! {
                    <p class="finding__opens" data-testid="finding-opens">
                        {links.into_iter().enumerate().map(|(n, l)| {
                            let target = format!("#ap-{}", l.id);
                            let focus = crate::focus::by_id(&format!("ap-{}", l.id));
                            let click = move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                crate::focus::focus_later(focus.clone(), true);
                            };
                            view! {
                                {(n > 0).then_some(" · ")}
                                <a href=target data-testid="finding-opens-link" on:click=click>{l.text}</a>
                            }
                        }).collect_view()}
                    </p>
                })
            }}
            <table class="evidence">
                <thead><tr><th scope="col">"File"</th><th scope="col">"Path"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>
                    {finding.evidence.iter().map(|e| view! {
                        <tr>
                            <td class="evidence__file" data-label="File">{e.file.clone()}</td>
                            <td class="evidence__path" data-label="Path"><code>{e.path.clone()}</code></td>
                            <td class="evidence__value" data-label="Value">{e.value.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <AcceptForm finding=accept/>
            {(state == FindingState::Open).then(|| view! { <AssignForm finding=assign/> })}
        </li>
    }
}
