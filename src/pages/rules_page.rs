//! Every rule with its full documentation, generated from the same doc
//! comments as the code.

use leptos::prelude::*;

use crate::components::DocText;
use engine::rules::{all, Area};

#[component]
pub fn RulesPage() -> impl IntoView {
    let areas = Area::ALL.into_iter().map(|area| {
        let rules: Vec<_> = all().iter().filter(|r| r.meta().area == area).collect();
        view! {
            <section class="area" data-area=area.as_str()>
                <h3 class="area__title">{area.title()}</h3>
                {rules.into_iter().map(|r| {
                    let m = r.meta();
                    let doc = m.doc();
                    let reads: Vec<String> = m.reads.iter().map(|s| s.key().to_string()).collect();
                    view! {
                        <article class="ruledoc" id=format!("rule-{}", m.code) data-testid="rule-doc" data-rule=m.code>
                            <header class="rule__head">
                                <span class=format!("sev sev--{}", m.severity.as_str())>{m.severity.as_str()}</span>
                                <span class="rule__code">{m.code}</span>
                                <span class="rule__title">{doc.summary.clone()}</span>
                            </header>
                            <p class="ruledoc__meta"><code>{m.name}</code>" · reads "{reads.join(", ")}</p>
                            {doc.sections.into_iter().map(|(h, body)| view! {
                                <h4>{h}</h4>
                                <DocText markdown=body/>
                            }).collect_view()}
                        </article>
                    }
                }).collect_view()}
            </section>
        }
    }).collect_view();
    view! {
        <section class="rules-page" aria-labelledby="rules-title" data-testid="rules-page">
            <h2 id="rules-title">{format!("Rules ({})", all().len())}</h2>
            <p class="rules-page__intro">"Each rule checks one pitfall. A rule fails with one finding per offending object, passes, or is not assessed when the data it needs was not loaded."</p>
            {areas}
        </section>
    }
}
