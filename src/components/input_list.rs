//! Each loaded file and what became of it.

use leptos::prelude::*;

use crate::state::AppState;
use engine::model::Section;
use engine::report::InputReport;

#[component]
pub fn InputList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let inputs = move || state.report.with(|r| r.inputs.clone());
    view! {
        <Show when=move || !inputs().is_empty()>
            <section class="inputs" aria-labelledby="inputs-title">
                <h2 id="inputs-title">"Loaded files"</h2>
                <ul class="inputs__list">
                    {move || inputs().into_iter().map(|i| input_row(state, i)).collect_view()}
                </ul>
                <super::ProvenanceView/>
            </section>
        </Show>
    }
}

/// Lets the user say which section an ambiguous file holds.
fn section_choice(state: AppState, name: String, candidates: Vec<String>) -> impl IntoView {
    let label = format!("Section of {name}");
    let file = name.clone();
    view! {
        <label class="input__choice">
            "This file could be several sections. Which one is it? "
            <select data-testid="section-choice" data-file=name aria-label=label
                on:change=move |ev| state.choose_section(&file, Section::from_key(&event_target_value(&ev)))>
                <option value="" selected>"Choose…"</option>
                {candidates.into_iter().map(|key| {
                    let title = Section::from_key(&key).map(|s| s.title()).unwrap_or("");
                    view! { <option value=key.clone()>{format!("{title} ({key})")}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

fn input_row(state: AppState, i: InputReport) -> impl IntoView {
    let ok = i.error.is_none();
    let detail = i.summary();
    let sections = i.section_titles().join(", ");
    let choice = (!i.candidates.is_empty())
        .then(|| section_choice(state, i.name.clone(), i.candidates.clone()));
    view! {
        <li class="input" class:input--error=!ok data-testid="input-status"
            data-file=i.name.clone() data-status=i.status.as_str()>
            <span class="input__badge">{i.status.label()}</span>
            <span class="input__name">{i.name.clone()}</span>
            <span class="input__detail" title=sections>{detail}</span>
            {choice}
            {(!i.warnings.is_empty()).then(|| view! {
                <ul class="input__warnings">
                    {i.warnings.iter().map(|w| view! { <li class="input__warning" data-testid="input-warning">{w.clone()}</li> }).collect_view()}
                </ul>
            })}
            {(!i.notes.is_empty()).then(|| view! {
                <details class="input__notes">
                    <summary>{format!("{} note(s)", i.notes.len())}</summary>
                    <ul>{i.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                </details>
            })}
        </li>
    }
}
