//! Accept the risk of one finding (reason, owner, expiry), or revoke it.

use leptos::prelude::*;

use crate::state::{today, AppState};
use engine::model::Acceptance;
use engine::report::{FindingReport, FindingState};

#[component]
pub fn AcceptForm(finding: FindingReport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = finding.key.clone();
    let reason = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let expires = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let accept = {
        let key = key.clone();
        move |_| {
            let (r, o, e) = (
                reason.get_untracked(),
                owner.get_untracked(),
                expires.get_untracked(),
            );
            if r.trim().is_empty() || o.trim().is_empty() || e.is_empty() {
                error.set(Some("Give a reason, an owner and an expiry date.".into()));
                return;
            }
            error.set(None);
            let on = today().format("%Y-%m-%d").to_string();
            let a = Acceptance::new(key.clone(), &r, &o, &e, &on);
            state.edit(|x| {
                x.acceptances.retain(|y| y.finding != a.finding);
                x.acceptances.push(a);
            });
        }
    };
    let revoke = {
        let key = key.clone();
        move |_| state.edit(|x| x.acceptances.retain(|y| y.finding != key))
    };
    let id = |f: &str| {
        format!(
            "accept-{f}-{}",
            key.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        )
    };
    let (rid, oid, eid) = (id("reason"), id("owner"), id("expires"));
    match (finding.state, finding.acceptance) {
        (FindingState::Accepted, Some(a)) => view! {
            <div class="accepted" data-testid="acceptance">
                <span class="accepted__badge">"Accepted risk"</span>
                {format!(" until {} by {}: {}", a.expires, a.owner, a.reason)}
                " "<button type="button" data-testid="revoke-acceptance" on:click=revoke>"Revoke"</button>
            </div>
        }
        .into_any(),
        (_, expired) => view! {
            <details class="accept" data-testid="accept-risk">
                <summary>{if expired.is_some() { "Acceptance expired — accept again" } else { "Accept this risk" }}</summary>
                <div class="accept__form">
                    <label class="field"><span>"Reason"</span>
                        <input id=rid type="text" data-testid="accept-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"Owner"</span>
                        <input id=oid type="text" data-testid="accept-owner" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"Expires"</span>
                        <input id=eid type="date" data-testid="accept-expires" prop:value=move || expires.get() on:input=move |ev| expires.set(event_target_value(&ev))/></label>
                    <button type="button" data-testid="accept-submit" on:click=accept>"Accept risk"</button>
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </div>
            </details>
        }
        .into_any(),
    }
}
