//! Coverage as the collection plan: which sections were collected, which
//! are incomplete or missing, and how to collect each missing one (an API
//! call, or a console page recorded in the Checklist). Open by default
//! while anything is left to collect, with the request to send the
//! customer.

use leptos::prelude::*;

use super::collection_request::CollectionRequest;
use crate::state::{AppState, Page};
use engine::export::collection::Step;
use engine::report::{CoverageEntry, CoverageState};

/// Opens the Checklist at the form of section `key` (`cl-<key>`), once
/// the page has been drawn.
fn open_in_checklist(state: AppState, key: String) {
    state.page.set(Page::Checklist);
    // Move the keyboard there too: the section's first field.
    crate::focus::focus_within_later(format!("#cl-{key}"), "select, input, textarea, button");
}

/// How to collect a section that is not (completely) collected.
fn how(state: AppState, key: String, step: Step) -> AnyView {
    match step {
        Step::Console(path) => view! {
            <button type="button" class="coverage__record" data-testid="record-in-checklist"
                on:click=move |_| open_in_checklist(state, key.clone())>"Record in Checklist →"</button>
            <span class="coverage__path">{format!("Console: {path}")}</span>
        }
        .into_any(),
        step => view! {
            <span class="coverage__step" data-testid="collect-step">
                <strong>{step.label()}</strong>" "<span class="coverage__call">{step.detail().to_string()}</span>
            </span>
        }
        .into_any(),
    }
}

fn row(state: AppState, c: CoverageEntry) -> impl IntoView {
    let state_label = c.state.label();
    let origin = c.origin.label();
    let detail = if c.state == CoverageState::Collected {
        view! { <span class="coverage__files">{c.sources.join(", ")}</span> }.into_any()
    } else {
        how(state, c.key.clone(), Step::of(&c))
    };
    let rules = if c.rules.is_empty() {
        "—".to_string()
    } else {
        c.rules.join(" ")
    };
    view! {
        <tr data-testid="coverage-row" data-section=c.key.clone() data-state=c.state.as_str()
            class=format!("coverage__row coverage__row--{}", c.state.as_str())>
            <th scope="row" class="coverage__section" data-testid="coverage-title">{c.title.clone()}</th>
            <td data-label="State"><span class=format!("cov cov--{}", c.state.as_str())>{state_label}</span></td>
            <td data-label="Source">{origin}</td>
            <td class="coverage__detail" data-label="Files, or how to collect it">{detail}</td>
            <td class="coverage__rules" data-label="Rules">{rules}</td>
        </tr>
    }
}

#[component]
pub fn CoverageView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let entries = move || state.report.with(|r| r.coverage.clone());
    let left = Memo::new(move |_| {
        state.report.with(|r| {
            let (_, incomplete, missing) = engine::export::sections_collected(r);
            incomplete + missing
        })
    });
    // Named, because a `>` inside a view attribute would end the tag.
    let anything_left = move || left.get() > 0;
    let counts = move || {
        state.report.with(|r| {
            let (collected, incomplete, missing) = engine::export::sections_collected(r);
            format!("{collected} collected · {incomplete} incomplete · {missing} missing")
        })
    };
    view! {
        <details class="coverage" id="coverage" data-testid="coverage" open=anything_left>
            <summary>
                <h2 class="coverage__title">"Coverage"</h2>
                <span class="coverage__counts" data-testid="coverage-counts">{counts}</span>
            </summary>
            <p class="coverage__intro">"Rules that read a missing section are reported as not assessed, never as passed. Collect what is missing with the API call shown, or read it in the Administration Console and record it in the Checklist."</p>
            <Show when=anything_left>
                <CollectionRequest/>
            </Show>
            <table class="coverage__table">
                <thead><tr>
                    <th scope="col">"Section"</th><th scope="col">"State"</th><th scope="col">"Source"</th>
                    <th scope="col">"Files, or how to collect it"</th><th scope="col">"Rules"</th>
                </tr></thead>
                <tbody>{move || entries().into_iter().map(|c| row(state, c)).collect_view()}</tbody>
            </table>
        </details>
    }
}
