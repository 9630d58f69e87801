//! Files that look like another customer's than the open assessment: the
//! app asks before mixing two tenants into one report.

use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn MixQuestion() -> impl IntoView {
    let state = expect_context::<AppState>();
    let default_answer = NodeRef::<leptos::html::Button>::new();
    // The question takes the keyboard focus, on its default answer.
    Effect::new(move |_| {
        if state.mix.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(b) = default_answer.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    });
    move || {
        state.mix.get().map(|q| {
            let count = q.files.len();
            let names = q
                .files
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let current = state.assessment.with(|a| {
                if a.is_untitled() {
                    "this assessment".to_string()
                } else {
                    format!("the assessment of {}", a.customer)
                }
            });
            view! {
                <section class="mix" role="alertdialog" aria-labelledby="mix-title"
                    aria-describedby="mix-text" data-testid="mix-question">
                    <h2 id="mix-title">"Another customer's data?"</h2>
                    <p id="mix-text">
                        {format!("{names} look{} like another customer's than {current}: {}.",
                            if count == 1 { "s" } else { "" }, q.why)}
                    </p>
                    <p>"Mixing two tenants gives one report about neither. Start a new assessment for these files, or add them here if they really belong to this customer."</p>
                    <div class="mix__actions">
                        <button type="button" class="button--primary" data-testid="mix-new" node_ref=default_answer
                            on:click=move |_| state.mix_into_new_assessment()>"Start a new assessment"</button>
                        <button type="button" data-testid="mix-add"
                            on:click=move |_| state.mix_anyway()>"Add to this assessment anyway"</button>
                    </div>
                </section>
            }
        })
    }
}
