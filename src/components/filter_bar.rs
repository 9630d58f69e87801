//! Counts by severity and area, filters, text search, and the order of the
//! rule cards (priority or area).

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::state::AppState;
use engine::export::order::SortBy;
use engine::report::filter::{control_choices, counts};
use engine::report::Status;

/// A toggle button that adds or removes one value from a filter set.
fn toggle<T: Ord + Copy + Send + Sync + 'static>(
    label: String,
    value: T,
    testid: &'static str,
    key: String,
    get: impl Fn(&engine::report::filter::Filter) -> &BTreeSet<T> + Copy + Send + Sync + 'static,
    set: impl Fn(&mut engine::report::filter::Filter) -> &mut BTreeSet<T> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let pressed = move || state.filter.with(|f| get(f).contains(&value));
    view! {
        <button type="button" class="chip" class:chip--on=pressed data-testid=testid data-value=key
            aria-pressed=move || pressed().to_string()
            on:click=move |_| state.filter.update(|f| {
                let s = set(f);
                if !s.remove(&value) {
                    s.insert(value);
                }
            })>
            {label}
        </button>
    }
}

#[component]
pub fn FilterBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let c = Memo::new(move |_| state.report.with(|r| counts(&r.results)));
    let severity_chips = move || {
        c.get()
            .by_severity
            .into_iter()
            .map(|(s, n)| {
                toggle(
                    format!("{} {n}", s.as_str()),
                    s,
                    "filter-severity",
                    s.as_str().into(),
                    |f| &f.severities,
                    |f| &mut f.severities,
                )
            })
            .collect_view()
    };
    let area_chips = move || {
        c.get()
            .by_area
            .into_iter()
            .map(|(a, n)| {
                toggle(
                    format!("{} {n}", a.title()),
                    a,
                    "filter-area",
                    a.as_str().into(),
                    |f| &f.areas,
                    |f| &mut f.areas,
                )
            })
            .collect_view()
    };
    let control_options = move || {
        state.report.with(|r| {
            control_choices(&r.results)
                .into_iter()
                .map(|c| view! { <option value=c.short>{c.label}</option> })
                .collect_view()
        })
    };
    let status_chips = [
        (Status::Fail, "Failed"),
        (Status::NotAssessed, "Not assessed"),
        (Status::Pass, "Passed"),
    ]
    .into_iter()
    .map(|(s, l)| {
        toggle(
            l.to_string(),
            s,
            "filter-status",
            s.as_str().into(),
            |f| &f.statuses,
            |f| &mut f.statuses,
        )
    })
    .collect_view();
    view! {
        <div class="filters" role="group" aria-label="Filter and sort the findings">
            <div class="filters__row">
                <span class="filters__label" id="sev-label">"Findings by severity"</span>
                <div class="chips" aria-labelledby="sev-label">{severity_chips}</div>
            </div>
            <div class="filters__row">
                <span class="filters__label" id="area-label">"By area"</span>
                <div class="chips" aria-labelledby="area-label">{area_chips}</div>
            </div>
            <div class="filters__row filters__row--inputs">
                <span class="filters__label" id="status-label">"Outcome"</span>
                <div class="chips" aria-labelledby="status-label">{status_chips}</div>
                <label class="field">
                    <span>"Search"</span>
                    <input type="search" data-testid="search" placeholder="domain, policy, rule…"
                        prop:value=move || state.filter.with(|f| f.text.clone())
                        on:input=move |ev| state.filter.update(|f| f.text = event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>"Control"</span>
                    <select class="filters__control" data-testid="filter-control"
                        prop:value=move || state.filter.with(|f| f.control.clone())
                        on:change=move |ev| state.filter.update(|f| f.control = event_target_value(&ev))>
                        <option value="">"All controls"</option>
                        {control_options}
                    </select>
                </label>
                <label class="field">
                    <span>"Sort by"</span>
                    <select data-testid="sort" prop:value=move || state.sort.get().as_str()
                        on:change=move |ev| {
                            if let Some(s) = SortBy::parse(&event_target_value(&ev)) {
                                state.sort.set(s);
                            }
                        }>
                        <option value="priority">"Priority"</option>
                        <option value="area">"Area"</option>
                    </select>
                </label>
                <button type="button" data-testid="reset-filters"
                    disabled=move || state.filter.with(|f| f.is_empty())
                    on:click=move |_| state.filter.set(Default::default())>"Reset"</button>
            </div>
        </div>
    }
}
