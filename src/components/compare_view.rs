//! Compare with an earlier export: the score change as a badge, a table
//! per area, then the findings by what happened to them (new, fixed,
//! changed rule outcomes, …), in the order and words the engine gives
//! (`engine::compare::groups`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::files::{list_files, read_files};
use crate::state::{today, AppState, Shared};
use engine::compare::{area_rows, groups, score_badge, AreaRow, Group};
use engine::{analyze, Options};

fn group_view(g: Group) -> impl IntoView {
    let kind = g.kind;
    let heading = g.heading();
    let findings = g.findings.into_iter().map(|c| {
        view! {
            <li data-testid="compare-finding" data-kind=kind data-key=c.key.clone()
                data-severity=c.severity.as_str()>
                <span class=format!("sev sev--{}", c.severity.as_str())>{c.severity.as_str()}</span>" "
                <strong>{c.code.clone()}</strong>" "{c.message.clone()}
            </li>
        }
    });
    let rules = g.rules.into_iter().map(|r| {
        view! {
            <li data-testid="rule-change" data-rule=r.code.clone()
                class=format!("compare__rule compare__rule--{}", r.trend.as_str())>
                <span class=format!("sev sev--{}", r.severity.as_str())>{r.severity.as_str()}</span>" "
                <strong>{r.code.clone()}</strong>" "{r.title.clone()}" — "{r.change.clone()}
            </li>
        }
    });
    view! {
        <details class="compare__group" data-testid="compare-group" data-kind=kind open=g.open>
            <summary>{heading}</summary>
            <ul>{findings.collect_view()}{rules.collect_view()}</ul>
        </details>
    }
}

fn area_table(rows: Vec<AreaRow>) -> impl IntoView {
    view! {
        <table class="compare__areas" data-testid="compare-areas">
            <caption>"By area"</caption>
            <thead><tr>
                <th scope="col">"Area"</th><th scope="col">"Before"</th><th scope="col">"After"</th>
                <th scope="col">"New"</th><th scope="col">"Fixed"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-testid="compare-area" data-area=r.area.as_str()>
                        <th scope="row">{r.area.title()}</th>
                        <td data-label="Before">{r.before}</td>
                        <td data-label="After">{r.after}</td>
                        <td data-label="New">{r.new}</td>
                        <td data-label="Fixed">{r.fixed}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn CompareView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let baseline = state.baseline;
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
            baseline.set(Some(Shared(Arc::new((names, report)))));
        });
    };
    let badge = move || {
        let c = state.comparison.get()?;
        let b = score_badge(&c.0.score.overall)?;
        Some(view! {
            <span class=format!("compare__badge compare__badge--{}", b.trend.as_str())
                data-testid="compare-badge">{b.text}</span>
        })
    };
    let result = move || {
        let b = baseline.get()?;
        let (names, before) = &*b.0;
        let c = state.comparison.get()?;
        let c = &*c.0;
        let (list, areas) = state
            .report
            .with(|after| (groups(c, before, after), area_rows(c, before, after)));
        let score = c.score.overall.summary();
        let counts = c.counts.summary();
        Some(view! {
            <div class="compare__result" data-testid="comparison">
                <p>"Baseline: "<strong>{names.clone()}</strong>{format!(" (analysis date {})", c.before_date.get(..10).unwrap_or_default())}</p>
                <p data-testid="compare-score">"Score: "{score}</p>
                <p data-testid="compare-counts">{counts}</p>
                {area_table(areas)}
                {list.into_iter().map(group_view).collect_view()}
            </div>
        })
    };
    view! {
        <section class="compare" id="compare" aria-labelledby="compare-title">
            <div class="compare__head">
                <h2 id="compare-title">"Compare with an earlier export"</h2>
                {badge}
            </div>
            <p class="compare__intro">"Load the export of the same tenant from before (a bundle, API files or a zip): each finding is shown as new, fixed, unchanged or accepted, with the score change."</p>
            <label class="field">
                <span>"Earlier export"</span>
                <input type="file" multiple accept=".json,.zip,application/json,application/zip" data-testid="baseline-input" on:change=on_change/>
            </label>
            {result}
        </section>
    }
}
