//! One rule's outcome as a card collapsed to one line (severity, title,
//! open findings, effort, outcome); its button expands the findings, their
//! evidence, the fix and the rule's documentation.

use leptos::prelude::*;

use super::{DocText, FindingCard};
use crate::state::AppState;
use engine::export::open_findings;
use engine::export::order::{card_effort, missing_wording, pass_wording};
use engine::report::{ResultReport, Status};
use engine::rules::find;

/// How many findings are rendered at a time: a rule with hundreds of
/// findings (a big tenant) is rendered a batch per task, so that the page
/// never stops responding for long.
const BATCH: usize = 10;

/// The findings of a rule: the first batch at once, each further batch in
/// a task of its own.
fn findings_in_batches(code: &str, result: &ResultReport) -> impl IntoView {
    let total = result.findings.len();
    let shown = RwSignal::new(BATCH.min(total));
    grow(shown, total);
    result
        .findings
        .chunks(BATCH)
        .enumerate()
        .map(|(i, batch)| {
            let batch = batch.to_vec();
            let code = code.to_string();
            let from = i * BATCH;
            view! {
                <Show when=move || from < shown.get()>
                    {batch.iter().cloned().map(|f| view! { <FindingCard code=code.clone() finding=f/> }).collect_view()}
                </Show>
            }
        })
        .collect_view()
}

/// Shows one more batch after the page has had its turn, until all are.
fn grow(shown: RwSignal<usize>, total: usize) {
    if shown.get_untracked() >= total {
        return;
    }
    set_timeout(
        move || {
            let more = shown.try_update(|s| *s = (*s + BATCH).min(total));
            if more.is_some() {
                grow(shown, total);
            }
        },
        std::time::Duration::ZERO,
    );
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

#[component]
pub fn RuleCard(result: ResultReport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let status = result.status;
    let code = result.code.clone();
    let doc = find(&code).map(|r| r.meta().doc());
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
                {(status == Status::NotAssessed).then(|| view! {
                    <p class="rule__missing" data-testid="rule-missing">{missing_wording(&result)}</p>
                })}
                {(status == Status::Pass).then(|| view! { <p class="rule__pass">"No problem found in the loaded data."</p> })}
                {(!result.findings.is_empty()).then(|| view! {
                    <ul class="rule__findings">{findings_in_batches(&code, &result)}</ul>
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
            </div>
        </li>
    }
}
