//! The CIS v8 safeguards and NIST 800-53 controls a rule maps to, as one
//! line of labels ("CIS 9.5 (partial)", "NIST SI-8"), each with its title.

use leptos::prelude::*;

use engine::rules::controls::ControlReport;

/// One line listing `controls`; nothing when there are none.
#[component]
pub fn ControlsLine(controls: Vec<ControlReport>) -> impl IntoView {
    (!controls.is_empty()).then(|| {
        view! {
            <p class="controls" data-testid="rule-controls">
                <span class="controls__label">"Controls: "</span>
                {controls.into_iter().map(|c| view! {
                    <span class="controls__item" data-control=c.short() title=c.title.clone()>
                        {format!("{} \u{2013} {}", c.label(), c.title)}
                    </span>
                }).collect_view()}
            </p>
        }
    })
}
