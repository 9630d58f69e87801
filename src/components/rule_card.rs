//! One rule's outcome as a card collapsed to one line (severity, title,
//! open findings, effort, outcome); its button expands the findings, their
//! evidence, the fix and the rule's documentation.

use leptos::prelude::*;

use super::{deferred, DocText, FindingCard};
use crate::state::AppState;
use engine::export::open_findings;
use engine::export::order::{card_effort, missing_wording, pass_wording};
use engine::report::{ResultReport, Status};
use engine::rules::find;

/// How many findings are rendered at a time: a rule with hundreds of
/// findings (a big tenant) is rendered a batch per task, so that the page
/// never stops responding for long.
const BATCH: usize = 5;

/// The findings of a rule, a batch per task (see `deferred`).
fn findings_in_batches(code: &str, result: &ResultReport) -> impl IntoView {
    let code = code.to_string();
    deferred::in_batches(&result.findings, BATCH, 0, move |f| {
        view! { <FindingCard code=code.clone() finding=f/> }
    })
}

/// The collapsed line's summary: "3 open · 1 accepted · effort low".
fn meta(result: &ResultReport) -> String {
    match result.status {
        Status::Fail => {
            let open = open_findings(result);
            let accepted = result.findings.len() - open;
            let mut parts = vec![format!("{open} open")];
            if accepted > 0 {
                parts.push(format!("{accepted} accepted"));
            }
            parts.push(format!("effort {}", card_effort(result).as_str()));
            parts.join(" · ")
        }
        Status::NotAssessed | Status::Pass => String::new(),
    }
}

/// What the card shows when expanded: why it did not run, the findings,
/// how to fix them and the rule's documentation.
fn body(result: &ResultReport, code: &str) -> impl IntoView {
    let status = result.status;
    let doc = find(code).map(|r| r.meta().doc());
    view! {
        {(status == Status::NotAssessed).then(|| view! {
            <p class="rule__missing" data-testid="rule-missing">{missing_wording(result)}</p>
        })}
        {(status == Status::Pass).then(|| view! { <p class="rule__pass">"No problem found in the loaded data."</p> })}
        <super::ControlsLine controls=result.controls.clone()/>
        {(!result.findings.is_empty()).then(|| view! {
            <ul class="rule__findings">{findings_in_batches(code, result)}</ul>
            <div class="rule__fix">
                <h4>"How to fix it"</h4>
                <DocText markdown=result.fix.clone()/>
            </div>
        })}
        {doc.map(|d| view! {
            <details class="rule__doc">
                <summary>{format!("About {} ({})", code, result.name)}</summary>
                {d.sections.into_iter().map(|(h, body)| view! {
                    <h4>{h}</h4>
                    <DocText markdown=body/>
                }).collect_view()}
            </details>
        })}
    }
}

#[component]
pub fn RuleCard(result: ResultReport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = result.status;
    let code = result.code.clone();
    let open = {
        let code = code.clone();
        Memo::new(move |_| state.expanded.with(|e| e.contains(&code)))
    };
    let toggle = {
        let code = code.clone();
        move |_| {
            state.expanded.update(|e| {
                if !e.remove(&code) {
                    e.insert(code.clone());
                }
            })
        }
    };
    let body_id = format!("rule-{code}-body");
    let title = if status == Status::Pass {
        pass_wording(&result)
    } else {
        result.title.clone()
    };
    let severity = (status != Status::Pass).then(|| {
        let s = result.severity.as_str();
        view! { <span class=format!("sev sev--{s}")>{s}</span> }
    });
    let meta = meta(&result);
    // The body is built in a later task (see `deferred`), or at once when
    // the card is opened first.
    let built = RwSignal::new(false);
    deferred::later(move || _ = built.try_set(true));
    let body_code = code.clone();
    view! {
        <li id=format!("rule-{code}") class=format!("rule rule--{}", status.as_str()) data-testid="rule-result"
            data-rule=code.clone() data-status=status.as_str()
            data-expanded=move || open.get().to_string()>
            <div class="rule__head">
                <button type="button" class="rule__toggle" data-testid="rule-toggle"
                    aria-expanded=move || open.get().to_string() aria-controls=body_id.clone()
                    on:click=toggle>
                    {severity}
                    <span class="rule__code">{code.clone()}</span>
                    <span class="rule__title">{title}</span>
                    {(!meta.is_empty()).then(|| view! { <span class="rule__meta">{meta}</span> })}
                    <span class=format!("badge badge--{}", status.as_str())>{status.label()}</span>
                </button>
            </div>
            <div class="rule__body" id=body_id hidden=move || !open.get()>
                <Show when=move || built.get() || open.get()>
                    {body(&result, &body_code)}
                </Show>
            </div>
        </li>
    }
}
