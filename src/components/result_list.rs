//! Every rule's outcome, grouped by area, most urgent first.

use leptos::prelude::*;

use super::{FilterBar, RuleCard};
use crate::state::AppState;
use engine::report::filter::grouped;
use engine::report::{FindingState, ResultReport, Status};
use engine::rules::Area;

/// What a rule card shows, as its identity in the keyed list.
fn card_key(r: &ResultReport) -> (String, Status, Vec<(String, FindingState, String)>) {
    let findings = r
        .findings
        .iter()
        .map(|f| (f.key.clone(), f.state, f.message.clone()))
        .collect();
    (r.code.clone(), r.status, findings)
}

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_files = move || state.has_data.get();
    // The areas with a matching rule, in display order.
    let areas = move || {
        let filter = state.filter.get();
        state.report.with(|r| {
            grouped(&r.results, &filter)
                .into_iter()
                .map(|(area, _)| area)
                .collect::<Vec<Area>>()
        })
    };
    // The matching rules of one area, in display order.
    let in_area = move |area: Area| {
        let filter = state.filter.get();
        state.report.with(|r| {
            grouped(&r.results, &filter)
                .into_iter()
                .find(|(a, _)| *a == area)
                .map(|(_, list)| list.into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
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
                <Show when=move || !areas().is_empty() fallback=|| view! {
                    <p class="results__none" data-testid="no-match">"No rule matches these filters."</p>
                }>
                    // Keyed by area, then by what a card shows (outcome,
                    // findings and their states): a change re-renders only
                    // the cards it touches.
                    <For each=areas key=|a| *a let:area>
                        <section class="area" data-testid="area" data-area=area.as_str()>
                            <h3 class="area__title">{area.title()}</h3>
                            <ol class="results__list">
                                <For each=move || in_area(area) key=card_key let:r>
                                    <RuleCard result=r/>
                                </For>
                            </ol>
                        </section>
                    </For>
                </Show>
            </section>
        </Show>
    }
}
