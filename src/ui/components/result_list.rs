//! Every rule's outcome, with a count line.

use leptos::prelude::*;

use super::RuleCard;
use crate::ui::state::AppState;

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_files = move || state.files.with(|f| !f.is_empty());
    view! {
        <Show when=has_files fallback=|| view! {
            <section class="empty" data-testid="empty-state">
                <h2>"Nothing loaded yet"</h2>
                <p>"Drop the JSON responses you collected from the Mimecast API, or click "
                   <strong>"Load sample"</strong>" to see the report on a small example tenant."</p>
            </section>
        }>
            <section class="results" aria-labelledby="results-title">
                <h2 id="results-title">"Findings"</h2>
                <p class="results__summary" data-testid="summary">
                    {move || state.report.with(|r| {
                        let s = &r.summary;
                        format!("{} failed · {} passed · {} not assessed · {} findings", s.failed, s.passed, s.not_assessed, s.findings)
                    })}
                </p>
                <ol class="results__list">
                    {move || state.report.with(|r| r.results.clone()).into_iter().map(|r| view! { <RuleCard result=r/> }).collect_view()}
                </ol>
            </section>
        </Show>
    }
}
