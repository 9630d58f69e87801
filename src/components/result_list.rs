//! Every rule's outcome, grouped by area, most urgent first.

use leptos::prelude::*;

use super::{FilterBar, RuleCard};
use crate::state::AppState;
use engine::report::filter::grouped;

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_files = move || state.has_data.get();
    let groups = move || {
        let filter = state.filter.get();
        state.report.with(|r| {
            grouped(&r.results, &filter)
                .into_iter()
                .map(|(area, list)| (area, list.into_iter().cloned().collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=has_files fallback=|| view! {
            <section class="empty" data-testid="empty-state">
                <h2>"Nothing loaded yet"</h2>
                <p>"Drop the JSON responses you collected from the Mimecast API, a zip of them, or a bundle, or click "
                   <strong>"Load sample"</strong>" to see the report on an example tenant. "
                   "Settings that only the Administration Console shows are entered on the "<strong>"Checklist"</strong>" page."</p>
            </section>
        }>
            <section class="results" aria-labelledby="results-title">
                <h2 id="results-title">"Findings"</h2>
                <p class="results__summary" data-testid="summary">
                    {move || state.report.with(|r| {
                        let s = &r.summary;
                        format!("{} failed · {} passed · {} not assessed · {} findings · analysis date {}",
                            s.failed, s.passed, s.not_assessed, s.findings, r.analysis_date.get(..10).unwrap_or_default())
                    })}
                </p>
                <FilterBar/>
                {move || {
                    let g = groups();
                    if g.is_empty() {
                        view! { <p class="results__none" data-testid="no-match">"No rule matches these filters."</p> }.into_any()
                    } else {
                        g.into_iter().map(|(area, list)| view! {
                            <section class="area" data-testid="area" data-area=area.as_str()>
                                <h3 class="area__title">{area.title()}</h3>
                                <ol class="results__list">
                                    {list.into_iter().map(|r| view! { <RuleCard result=r/> }).collect_view()}
                                </ol>
                            </section>
                        }).collect_view().into_any()
                    }
                }}
            </section>
        </Show>
    }
}
