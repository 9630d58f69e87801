//! Who fixes one finding and by when: the owner and due date the action
//! plan (HTML, Markdown, CSV) lists for it.

use leptos::prelude::*;

use crate::state::AppState;
use engine::assessment::plan::{assign, assignment};
use engine::report::FindingReport;

#[component]
pub fn AssignForm(finding: FindingReport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = finding.key.clone();
    let current = finding.assignment.clone();
    let owner = RwSignal::new(
        current
            .as_ref()
            .map(|a| a.owner.clone())
            .unwrap_or_default(),
    );
    let due = RwSignal::new(current.as_ref().map(|a| a.due.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let save = {
        let key = key.clone();
        move |_| {
            let (o, d) = (owner.get_untracked(), due.get_untracked());
            let mut result = Ok(());
            state.edit(|x| result = assign(x, &key, &o, &d));
            error.set(result.err().map(|e| e.to_string()));
        }
    };
    let slug = key.replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let (oid, did) = (format!("plan-owner-{slug}"), format!("plan-due-{slug}"));
    // Read from the assessment, so it follows every save (the card itself
    // is not re-rendered for an owner).
    let summary = {
        let key = key.clone();
        move || {
            state.assessment.with(|a| match assignment(a, &key) {
                Some(a) if !a.owner.is_empty() && !a.due.is_empty() => {
                    format!("Owner: {} · due {}", a.owner, a.due)
                }
                Some(a) if !a.owner.is_empty() => format!("Owner: {}", a.owner),
                Some(a) => format!("Due {}", a.due),
                None => "Assign an owner and due date".to_string(),
            })
        }
    };
    view! {
        <details class="assign" data-testid="assign">
            <summary data-testid="assign-summary">{summary}</summary>
            <div class="accept__form">
                <label class="field"><span>"Owner"</span>
                    <input id=oid type="text" data-testid="assign-owner" placeholder="Person or team"
                        prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/></label>
                <label class="field"><span>"Due date"</span>
                    <input id=did type="date" data-testid="assign-due"
                        prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/></label>
                <button type="button" data-testid="assign-submit" on:click=save>"Save"</button>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </div>
        </details>
    }
}
