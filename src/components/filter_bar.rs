//! Counts by severity and area, filters, text search and the analysis date.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::state::AppState;
use engine::model::parse_date;
use engine::report::filter::counts;
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
    let date_value = move || {
        let r = state.report.with(|r| r.analysis_date.clone());
        r.get(..10).unwrap_or_default().to_string()
    };
    view! {
        <div class="filters" role="group" aria-label="Filter the findings">
            <div class="filters__row">
                <span class="filters__label" id="sev-label">"Findings by severity"</span>
                <div class="chips" aria-labelledby="sev-label">{severity_chips}</div>
            </div>
            <div class="filters__row">
                <span class="filters__label" id="area-label">"By area"</span>
                <div class="chips" aria-labelledby="area-label">{area_chips}</div>
            </div>
            <div class="filters__row">
                <span class="filters__label" id="status-label">"Outcome"</span>
                <div class="chips" aria-labelledby="status-label">{status_chips}</div>
            </div>
            <div class="filters__row filters__row--inputs">
                <label class="field">
                    <span>"Search"</span>
                    <input type="search" data-testid="search" placeholder="domain, policy, rule…"
                        prop:value=move || state.filter.with(|f| f.text.clone())
                        on:input=move |ev| state.filter.update(|f| f.text = event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>"Analysis date"</span>
                    <input type="date" data-testid="analysis-date" prop:value=date_value
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            state.set_at(parse_date(&v).ok().map(|_| v));
                        }/>
                </label>
                <button type="button" data-testid="reset-filters"
                    disabled=move || state.filter.with(|f| f.is_empty()) && state.at.get().is_none()
                    on:click=move |_| {
                        state.filter.set(Default::default());
                        state.set_at(None);
                    }>"Reset"</button>
            </div>
        </div>
    }
}
