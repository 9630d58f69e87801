//! Compare with an earlier export: each finding new, fixed, unchanged or
//! accepted; rule outcome changes; score change.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::files::{list_files, read_files};
use crate::state::{today, AppState};
use engine::compare::{compare, FindingChange};
use engine::{analyze, Options, Report};

fn change_list(title: &'static str, kind: &'static str, list: Vec<FindingChange>) -> impl IntoView {
    view! {
        <details class="compare__group" data-testid="compare-group" data-kind=kind open=kind == "new">
            <summary>{format!("{title} ({})", list.len())}</summary>
            <ul>
                {list.into_iter().map(|c| view! {
                    <li data-testid="compare-finding" data-kind=kind data-key=c.key.clone()>
                        <span class=format!("sev sev--{}", c.severity.as_str())>{c.severity.as_str()}</span>" "
                        <strong>{c.code.clone()}</strong>" "{c.message.clone()}
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}

#[component]
pub fn CompareView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let baseline: RwSignal<Option<(String, Report)>> = RwSignal::new(None);
    let on_change = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = input.files().map(|l| list_files(&l)).unwrap_or_default();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        spawn_local(async move {
            let inputs = read_files(files).await;
            let names = inputs
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            let report = analyze(
                &inputs,
                &Options {
                    at: None,
                    now: Some(today()),
                },
            );
            baseline.set(Some((names, report)));
        });
    };
    let result = move || {
        let (names, before) = baseline.get()?;
        let c = state.report.with(|after| compare(&before, after));
        let score = c.score.overall.summary();
        let counts = c.counts.summary();
        let rules = c
            .rule_changes
            .iter()
            .map(|r| view! { <li data-testid="rule-change" data-rule=r.code.clone()>{r.summary()}</li> })
            .collect_view();
        let f = c.findings;
        Some(view! {
            <div class="compare__result" data-testid="comparison">
                <p>"Baseline: "<strong>{names}</strong>{format!(" (analysis date {})", c.before_date.get(..10).unwrap_or_default())}</p>
                <p data-testid="compare-score">"Score: "{score}</p>
                <p data-testid="compare-counts">{counts}</p>
                {change_list("New findings", "new", f.new)}
                {change_list("Fixed", "fixed", f.fixed)}
                {change_list("Accepted", "accepted", f.accepted)}
                {change_list("Unchanged", "unchanged", f.unchanged)}
                {change_list("No longer assessed", "unknown", f.unknown)}
                <h4>"Rule outcome changes"</h4>
                <ul class="compare__rules">{rules}</ul>
            </div>
        })
    };
    view! {
        <section class="compare" id="compare" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare with an earlier export"</h2>
            <p class="compare__intro">"Load the export of the same tenant from before (a bundle, API files or a zip): each finding is shown as new, fixed, unchanged or accepted, with the score change."</p>
            <label class="field">
                <span>"Earlier export"</span>
                <input type="file" multiple accept=".json,.zip,application/json,application/zip" data-testid="baseline-input" on:change=on_change/>
            </label>
            {result}
        </section>
    }
}
