//! Every rule with its full documentation, generated from the same doc
//! comments as the code, with a contents list by area and a search box.
//! Which rules match a search is the engine's (`rules::search`); the page
//! hides the others and says how many match.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::components::{ControlsLine, DocText};
use engine::rules::search::{by_area, count_text, search};
use engine::rules::{all, Rule};

/// The full documentation of one rule.
fn rule_doc(r: &'static dyn Rule, shown: Memo<BTreeSet<&'static str>>) -> impl IntoView {
    let m = r.meta();
    let doc = m.doc();
    let reads: Vec<String> = m.reads.iter().map(|s| s.key().to_string()).collect();
    let code = m.code;
    let controls: Vec<_> = m.controls.iter().map(|c| c.report()).collect();
    view! {
        <article class="ruledoc" id=format!("rule-{code}") data-testid="rule-doc" data-rule=code
            tabindex="-1" hidden=move || !shown.with(|s| s.contains(code))>
            <header class="rule__head">
                <span class=format!("sev sev--{}", m.severity.as_str())>{m.severity.as_str()}</span>
                <span class="rule__code">{code}</span>
                <span class="rule__title">{doc.summary.clone()}</span>
            </header>
            <p class="ruledoc__meta"><code>{m.name}</code>" · reads "{reads.join(", ")}</p>
            <ControlsLine controls=controls/>
            {doc.sections.into_iter().map(|(h, body)| view! {
                <h4>{h}</h4>
                <DocText markdown=body/>
            }).collect_view()}
        </article>
    }
}

/// The contents: per area, each rule's code and title as a link to it.
fn contents(shown: Memo<BTreeSet<&'static str>>) -> impl IntoView {
    let groups = by_area(all());
    view! {
        <nav class="rules-toc" aria-label="Rules contents" data-testid="rules-contents">
            {groups.into_iter().map(|(area, rules)| {
                let codes: Vec<&'static str> = rules.iter().map(|r| r.meta().code).collect();
                let area_hidden = move || !shown.with(|s| codes.iter().any(|c| s.contains(c)));
                view! {
                    <div class="rules-toc__area" hidden=area_hidden>
                        <h3 class="rules-toc__title">{area.title()}</h3>
                        <ul class="rules-toc__list">
                            {rules.into_iter().map(|r| {
                                let code = r.meta().code;
                                view! {
                                    <li hidden=move || !shown.with(|s| s.contains(code))>
                                        <a href=format!("#rule-{code}") data-testid="contents-link" data-rule=code>
                                            <span class="rule__code">{code}</span>" "{r.meta().doc().summary}
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
pub fn RulesPage() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        query.with(|q| {
            search(q)
                .iter()
                .map(|r| r.meta().code)
                .collect::<BTreeSet<_>>()
        })
    });
    let count = move || query.with(|q| count_text(shown.with(BTreeSet::len), q));
    let areas = by_area(all())
        .into_iter()
        .map(|(area, rules)| {
            let codes: Vec<&'static str> = rules.iter().map(|r| r.meta().code).collect();
            let area_hidden = move || !shown.with(|s| codes.iter().any(|c| s.contains(c)));
            view! {
                <section class="area" data-area=area.as_str() hidden=area_hidden>
                    <h3 class="area__title">{area.title()}</h3>
                    {rules.into_iter().map(|r| rule_doc(r, shown)).collect_view()}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="rules-page" aria-labelledby="rules-title" data-testid="rules-page">
            <h2 id="rules-title">{format!("Rules ({})", all().len())}</h2>
            <p class="rules-page__intro">"Each rule checks one pitfall. A rule fails with one finding per offending object, passes, or is not assessed when the data it needs was not loaded."</p>
            <div class="rules-search" role="search">
                <label for="rules-search">"Search the rules"</label>
                <input type="search" id="rules-search" class="cl-input" data-testid="rules-search"
                    autocomplete="off" placeholder="Code, word or phrase (e.g. IMP, DMARC)"
                    aria-describedby="rules-count"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <button type="button" data-testid="rules-search-clear"
                    disabled=move || query.with(String::is_empty)
                    on:click=move |_| query.set(String::new())>"Clear"</button>
                <p id="rules-count" class="rules-search__count" data-testid="rules-count" role="status">{count}</p>
            </div>
            {contents(shown)}
            <p class="cl-empty" hidden=move || shown.with(|s| !s.is_empty())>"No rule matches. Try a rule code such as IMP001, or a single word."</p>
            {areas}
        </section>
    }
}
