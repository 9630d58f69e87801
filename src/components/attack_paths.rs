//! "Would these attacks reach the inbox?": the report's attack-path
//! section, one row per (grouped) scenario result — yes / no / may, what
//! decided it, what it depends on, the inferred steps it rests on in plain
//! words, the findings that explain it (links to their cards) and the
//! trace behind a button. The engine computes everything; this only
//! renders its text.

use leptos::prelude::*;

use super::deferred;
use crate::state::AppState;
use engine::explain::scenarios::{AttackPaths, ScenarioResult};
use engine::export::attack_paths::{
    certainty, finding_anchor, short_answer, trace_line, HEADING, INTRO,
};

/// The rule code of a finding key (`ASP003:example.org` → `ASP003`).
fn code_of(key: &str) -> String {
    key.split(':').next().unwrap_or_default().to_string()
}

/// Shows the rule card of a finding, then scrolls to the finding's card
/// and focuses it once it is built (after the card's own toggle took the
/// focus; two seconds of frames at most).
pub fn reveal_finding(state: AppState, key: &str) {
    state.reveal_rule(&code_of(key));
    crate::focus::focus_when_present(crate::focus::by_id(&finding_anchor(key)), true, 120);
}

/// How many explaining findings a result links to by name: on a big
/// tenant one path can be explained by thousands of managed-sender
/// findings, and linking each would build tens of thousands of elements.
const SHOWN_FINDINGS: usize = 10;

#[component]
pub fn AttackPathsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let paths = move || state.report.with(|r| r.attack_paths.clone());
    view! {
        {move || {
            let p = paths();
            p.evaluated.then(|| view! {
                <section class="attack-paths" id="attack-paths" aria-labelledby="attack-paths-title"
                    data-testid="attack-paths">
                    <h2 id="attack-paths-title">{HEADING}</h2>
                    <p class="attack-paths__intro">{INTRO}</p>
                    <ol class="attack-paths__list">{rows(&p.results)}</ol>
                    <NotEvaluated paths=p.clone()/>
                </section>
            })
        }}
    }
}

/// A result's details: the attack, the outcome and why, and the trace.
fn details(r: &ScenarioResult) -> impl IntoView {
    view! {
        <p class="attack-path__attack">{r.attack.clone()}</p>
        <p class="attack-path__because">
            {format!("{} ({}). ", r.outcome.as_str(), certainty(r))}{r.because.clone()}
        </p>
        <ol class="attack-path__trace" data-testid="attack-path-trace">
            {r.trace.iter().map(|s| view! {
                <li class=format!("trace-step trace-step--{}", engine::explain::text::step_status_code(s.status))>{trace_line(s)}</li>
            }).collect_view()}
        </ol>
    }
}

/// How many result rows are built a task (a big tenant has hundreds).
const ROWS_A_TASK: usize = 20;

/// The result rows, a batch per task (see `deferred`).
fn rows(results: &[ScenarioResult]) -> impl IntoView {
    deferred::in_batches(
        results,
        ROWS_A_TASK,
        ROWS_A_TASK,
        |r| view! { <PathRow result=r/> },
    )
}

/// Scenarios not applicable to this tenant, and domains left out.
#[component]
fn NotEvaluated(paths: AttackPaths) -> impl IntoView {
    let empty = paths.not_applicable.is_empty() && paths.not_evaluated.is_empty();
    (!empty).then(|| {
        view! {
            <h3 class="attack-paths__subhead">"Not evaluated"</h3>
            <ul class="attack-paths__na" data-testid="attack-paths-na">
                {paths.not_applicable.into_iter().map(|n| view! {
                    <li data-scenario=n.scenario.clone()>
                        <strong>{n.scenario.clone()}</strong>" "{n.title}": not applicable \u{2014} "{n.why}
                    </li>
                }).collect_view()}
                {paths.not_evaluated.into_iter().map(|n| view! {
                    <li data-scenario=n.scenario.clone()>
                        <strong>{n.scenario.clone()}</strong>{format!(": {} domains not evaluated \u{2014} ", n.left_out)}{n.why}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

/// One result, compact: the answer, the scenario and its domains, what it
/// depends on, the inferred steps it rests on and the findings that explain
/// it; the attack, why and the trace behind a button.
#[component]
fn PathRow(result: ScenarioResult) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let built = RwSignal::new(false);
    deferred::later(move || _ = built.try_set(true));
    let r = result;
    let shown = r.clone();
    let answer = short_answer(&r);
    let details_id = format!("ap-details-{}", r.id);
    let findings = r.findings.clone();
    let inferred: Vec<String> = r.inferred.iter().map(|i| i.text.clone()).collect();
    view! {
        <li class=format!("attack-path attack-path--{answer}") id=format!("ap-{}", r.id) tabindex="-1"
            data-testid="attack-path" data-scenario=r.scenario.clone() data-reach=r.reach_str()>
            <p class="attack-path__head">
                <span class=format!("attack-path__answer attack-path__answer--{answer}")>{answer}</span>" "
                <strong>{r.scenario.clone()}</strong>" "{r.title.clone()}
                <span class="attack-path__domains">{format!(" \u{2014} {}", r.domain_list())}</span>
            </p>
            <p class="attack-path__verdict" data-testid="attack-path-verdict">
                {format!("{}; decided by {}.", r.answer(), r.decided_by_text())}
            </p>
            {(!inferred.is_empty()).then(|| view! {
                <p class="attack-path__inferred" data-testid="attack-path-inferred">
                    {format!("Rests on steps Mimecast does not document, inferred here: {}", inferred.join("; "))}
                </p>
            })}
            {(!findings.is_empty()).then(|| view! {
                <p class="attack-path__findings">"Explained by: "
                    {findings.iter().take(SHOWN_FINDINGS).enumerate().map(|(n, k)| {
                        let key = k.clone();
                        let click = move |ev: leptos::ev::MouseEvent| {
                            ev.prevent_default();
                            reveal_finding(state, &key);
                        };
                        view! {
                            {(n > 0).then_some(", ")}
                            <a href=format!("#{}", finding_anchor(k)) data-testid="attack-path-finding"
                                on:click=click>{k.clone()}</a>
                        }
                    }).collect_view()}
                    {(findings.len() > SHOWN_FINDINGS).then(|| format!(
                        " and {} more (the findings list them all)",
                        findings.len() - SHOWN_FINDINGS
                    ))}
                </p>
            })}
            <button type="button" class="attack-path__toggle" data-testid="attack-path-toggle"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=details_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || if open.get() { "Hide the details and trace" } else { "Show the details and trace" }}
            </button>
            <div class="attack-path__details" class:attack-path__details--collapsed=move || !open.get()
                id=details_id data-testid="attack-path-details">
                // Built in a later task, or at once when opened.
                <Show when=move || built.get() || open.get()>{details(&shown)}
                </Show>
            </div>
        </li>
    }
}
