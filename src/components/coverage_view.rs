//! Which sections were collected, which are incomplete or missing, and how
//! to collect each missing one.

use leptos::prelude::*;

use crate::state::AppState;
use engine::report::{CoverageEntry, CoverageState};

fn row(c: CoverageEntry) -> impl IntoView {
    let state_label = c.state.label();
    let origin = c.origin.label();
    let detail = if c.state == CoverageState::Missing {
        c.how_to_collect.clone()
    } else {
        c.sources.join(", ")
    };
    let rules = if c.rules.is_empty() {
        "—".to_string()
    } else {
        c.rules.join(" ")
    };
    view! {
        <tr data-testid="coverage-row" data-section=c.key.clone() data-state=c.state.as_str()
            class=format!("coverage__row coverage__row--{}", c.state.as_str())>
            <th scope="row">{c.title.clone()}<br/><code>{c.key.clone()}</code></th>
            <td><span class=format!("cov cov--{}", c.state.as_str())>{state_label}</span></td>
            <td>{origin}</td>
            <td class="coverage__detail">{detail}</td>
            <td class="coverage__rules">{rules}</td>
        </tr>
    }
}

#[component]
pub fn CoverageView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let entries = move || state.report.with(|r| r.coverage.clone());
    let counts = move || {
        state.report.with(|r| {
            let (collected, incomplete, missing) = engine::export::sections_collected(r);
            format!("{collected} collected · {incomplete} incomplete · {missing} missing")
        })
    };
    view! {
        <details class="coverage" id="coverage" data-testid="coverage">
            <summary>
                <h2 class="coverage__title">"Coverage"</h2>
                <span class="coverage__counts" data-testid="coverage-counts">{counts}</span>
            </summary>
            <p class="coverage__intro">"Rules that read a missing section are reported as not assessed, never as passed. Collect what is missing with the API call or console path shown."</p>
            <table class="coverage__table">
                <thead><tr>
                    <th scope="col">"Section"</th><th scope="col">"State"</th><th scope="col">"Source"</th>
                    <th scope="col">"Files, or how to collect it"</th><th scope="col">"Rules"</th>
                </tr></thead>
                <tbody>{move || entries().into_iter().map(row).collect_view()}</tbody>
            </table>
        </details>
    }
}
