//! The page: load files, see each file's status and coverage, see every
//! rule's outcome; or read the rules.

use leptos::prelude::*;

use super::components::{CoverageView, DropZone, InputList, ResultList, RulesPage};
use super::state::{AppState, Page};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let tab = move |page: Page, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="tab" data-testid=testid
                aria-current=move || (state.page.get() == page).then_some("page")
                on:click=move |_| state.page.set(page)>{label}</button>
        }
    };
    view! {
        <header class="app-header">
            <h1>"Mimecast configuration audit"</h1>
            <p class="tagline">
                "Finds the settings that let spoofed, impersonating or spam mail through. "
                "Everything runs in this browser tab: your files never leave this machine."
            </p>
            <nav class="tabs" aria-label="Pages">
                {tab(Page::Report, "Report", "tab-report")}
                {tab(Page::Rules, "Rules", "tab-rules")}
            </nav>
        </header>
        <main class="app-main">
            <Show when=move || state.page.get() == Page::Report fallback=|| view! { <RulesPage/> }>
                <DropZone/>
                <InputList/>
                <Show when=move || state.files.with(|f| !f.is_empty())>
                    <CoverageView/>
                </Show>
                <ResultList/>
            </Show>
        </main>
    }
}
