//! The page: load files, see each file's status, see every rule's outcome.

use leptos::prelude::*;

use super::components::{CoverageView, DropZone, InputList, ResultList};
use super::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    view! {
        <header class="app-header">
            <h1>"Mimecast configuration audit"</h1>
            <p class="tagline">
                "Finds the settings that let spoofed, impersonating or spam mail through. "
                "Everything runs in this browser tab: your files never leave this machine."
            </p>
        </header>
        <main class="app-main">
            <DropZone/>
            <InputList/>
            <Show when=move || state.files.with(|f| !f.is_empty())>
                <CoverageView/>
            </Show>
            <ResultList/>
        </main>
    }
}
