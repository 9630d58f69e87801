//! Sections that both the loaded files and the checklist describe: the user
//! picks which source the report uses.

use leptos::prelude::*;

use crate::state::AppState;
use engine::assessment::Prefer;
use engine::model::Section;

/// The chooser of one conflicting section.
#[component]
pub fn ConflictChooser(section: Section) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("conflict-{}", section.key());
    let prefer = move || {
        state.assessment.with(|a| {
            a.prefer
                .get(section.key())
                .copied()
                .unwrap_or(Prefer::Entered)
        })
    };
    view! {
        <div class="conflict">
            <label for=id.clone()>
                <strong>{section.title()}</strong>
                " is in the loaded files and was also entered in the checklist. The report uses:"
            </label>
            <select id=id data-testid="conflict" data-section=section.key()
                on:change=move |ev| {
                    let p = if event_target_value(&ev) == "files" { Prefer::Files } else { Prefer::Entered };
                    state.set_prefer(section, p);
                }>
                <option value="entered" prop:selected=move || prefer() == Prefer::Entered>"What was entered in the checklist"</option>
                <option value="files" prop:selected=move || prefer() == Prefer::Files>"The loaded files"</option>
            </select>
        </div>
    }
}

#[component]
pub fn ConflictList() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.conflicts.with(|c| !c.is_empty())>
            <section class="conflicts" aria-labelledby="conflicts-title" data-testid="conflicts">
                <h2 id="conflicts-title">"Two sources for the same settings"</h2>
                <p class="conflicts__intro">"Choose, for each section, whether the report reads the loaded files or what was entered in the checklist. The other source is ignored for that section."</p>
                <For each=move || state.conflicts.get() key=|s| *s let:section>
                    <ConflictChooser section=section/>
                </For>
            </section>
        </Show>
    }
}
