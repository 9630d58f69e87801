//! Every rule's outcome as one-line cards, in priority order or by area
//! (the engine's [`card_groups`]), the passes behind a "Passed (N)"
//! disclosure.

use leptos::prelude::*;

use super::{FilterBar, RuleCard};
use crate::state::AppState;
use engine::export::order::card_groups;
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

/// One group of cards, owned (for the memo).
#[derive(Clone, PartialEq)]
struct Group {
    area: Option<Area>,
    rules: Vec<ResultReport>,
    passed: Vec<ResultReport>,
}

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The print view shows every card's body: build the waiting ones first.
    let before =
        window_event_listener(leptos::ev::beforeprint, |_| super::deferred::before_print());
    let after = window_event_listener(leptos::ev::afterprint, |_| super::deferred::after_print());
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let has_files = move || state.has_data.get();
    let groups = Memo::new(move |_| {
        let filter = state.filter.get();
        let sort = state.sort.get();
        state.report.with(|r| {
            card_groups(r, &filter, sort)
                .into_iter()
                .map(|g| Group {
                    area: g.area,
                    rules: g.rules.into_iter().cloned().collect(),
                    passed: g.passed.into_iter().cloned().collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let keys = move || groups.with(|g| g.iter().map(|g| g.area).collect::<Vec<_>>());
    let cards = move |area: Option<Area>, passed: bool| {
        groups.with(|gs| {
            gs.iter()
                .find(|g| g.area == area)
                .map(|g| {
                    if passed {
                        g.passed.clone()
                    } else {
                        g.rules.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    // The codes of the visible cards that are not passes.
    let visible = move || {
        groups.with(|gs| {
            gs.iter()
                .flat_map(|g| g.rules.iter().map(|r| r.code.clone()))
                .collect::<Vec<_>>()
        })
    };
    let all_open = move || {
        let v = visible();
        !v.is_empty() && state.expanded.with(|e| v.iter().all(|c| e.contains(c)))
    };
    let expand_all = move |_| {
        if all_open() {
            state.expanded.update(|e| e.clear());
        } else {
            let v = visible();
            state.expanded.update(|e| e.extend(v));
        }
    };
    let group = move |area: Option<Area>| {
        let (testid_area, title) = match area {
            Some(a) => (a.as_str(), a.title()),
            None => ("all", "Most urgent first (as in the CSV action plan)"),
        };
        view! {
            <section class="area" data-testid="area" data-area=testid_area>
                <h3 class="area__title">{title}</h3>
                <ol class="results__list">
                    <For each=move || cards(area, false) key=card_key let:r>
                        <RuleCard result=r/>
                    </For>
                </ol>
                <Show when=move || !cards(area, true).is_empty()>
                    <details class="passed" data-testid="passed-group">
                        <summary>{move || format!("Passed ({})", cards(area, true).len())}</summary>
                        <ol class="results__list">
                            <For each=move || cards(area, true) key=card_key let:r>
                                <RuleCard result=r/>
                            </For>
                        </ol>
                    </details>
                </Show>
            </section>
        }
    };
    view! {
        <Show when=has_files fallback=|| view! {
            <section class="empty" id="findings" tabindex="-1" data-testid="empty-state">
                <h2>"Nothing loaded yet"</h2>
                <p>"Drop the JSON responses you collected from the Mimecast API, a zip of them, or a bundle, or click "
                   <strong>"Load sample"</strong>" to see the report on an example tenant. "
                   "Settings that only the Administration Console shows are entered on the "<strong>"Checklist"</strong>" page."</p>
            </section>
        }>
            <section class="results report-section" id="findings" tabindex="-1" aria-labelledby="results-title"
                data-rendering=move || (super::deferred::waiting() > 0).to_string()>
                <h2 id="results-title">"Findings"</h2>
                <FilterBar/>
                <div class="results__tools">
                    <p class="results__summary" data-testid="summary">
                        {move || state.report.with(|r| {
                            let s = &r.summary;
                            format!("{} failed · {} passed · {} not assessed · {} findings · analysis date {}",
                                s.failed, s.passed, s.not_assessed, s.findings, r.analysis_date.get(..10).unwrap_or_default())
                        })}
                    </p>
                    <button type="button" data-testid="expand-all" on:click=expand_all
                        disabled=move || visible().is_empty()>
                        {move || if all_open() { "Collapse all" } else { "Expand all" }}
                    </button>
                </div>
                // Until the worker has analysed the assessment just opened,
                // its cards are not shown (they would be another's or empty).
                <Show when=move || !keys().is_empty() || !state.fresh.get() fallback=|| view! {
                    <p class="results__none" data-testid="no-match">"No rule matches these filters."</p>
                }>
                <Show when=move || state.fresh.get() fallback=|| view! {
                    <p class="results__none" data-testid="analysing" role="status">"Analysing the loaded files…"</p>
                }>
                    // Keyed by group, then by what a card shows (outcome,
                    // findings and their states): a change re-renders only
                    // the cards it touches.
                    <For each=keys key=|a| *a let:area>
                        {group(area)}
                    </For>
                </Show>
                </Show>
            </section>
        </Show>
    }
}
