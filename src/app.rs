//! The page: load files and enter console settings into the current
//! assessment, see each file's status and coverage, see every rule's
//! outcome; read the rules; manage the assessments kept in this browser.

use leptos::prelude::*;

use crate::components::{
    CompareView, ConflictList, CoverageView, DropZone, ExportsBar, InputList, MixQuestion,
    PrintCover, ResultList, ScorePanel,
};
use crate::pages::{AssessmentsPage, ChecklistPage, RulesPage};
use crate::state::{AppState, Page};

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
    let current = move || {
        state.assessment.with(|a| {
            let mut parts = vec![a.display_name().to_string()];
            if !a.assessor.is_empty() {
                parts.push(a.assessor.clone());
            }
            if !a.date.is_empty() {
                parts.push(a.date.clone());
            }
            state.tenant.with(|t| {
                if !t.is_unknown() {
                    parts.push(t.describe());
                }
            });
            parts.join(" · ")
        })
    };
    view! {
        <header class="app-header">
            <h1>"Mimecast configuration audit"</h1>
            <p class="tagline">
                "Finds the settings that let spoofed, impersonating or spam mail through. "
                "Everything runs in this browser tab: your files never leave this machine."
            </p>
            <p class="current-assessment">"Assessment: "<span data-testid="current-assessment">{current}</span></p>
            <nav class="tabs" aria-label="Pages">
                {tab(Page::Report, "Report", "tab-report")}
                {tab(Page::Checklist, "Checklist", "tab-checklist")}
                {tab(Page::Rules, "Rules", "tab-rules")}
                {tab(Page::Assessments, "Assessments", "tab-assessments")}
            </nav>
        </header>
        <main class="app-main">
            {move || state.storage_error.get().map(|e| view! {
                <p class="storage-error" role="alert" data-testid="storage-error">{e}</p>
            })}
            <p class="visually-hidden" role="status" aria-live="polite">{move || state.announce.get()}</p>
            {move || match state.page.get() {
                Page::Report => view! {
                    <PrintCover/>
                    <MixQuestion/>
                    <DropZone/>
                    <InputList/>
                    <ConflictList/>
                    <Show when=move || state.has_data.get()>
                        <ScorePanel/>
                        <ExportsBar/>
                        <CoverageView/>
                    </Show>
                    <ResultList/>
                    <Show when=move || state.has_data.get()>
                        <CompareView/>
                    </Show>
                }
                .into_any(),
                Page::Checklist => view! { <ChecklistPage/> }.into_any(),
                Page::Rules => view! { <RulesPage/> }.into_any(),
                Page::Assessments => view! { <AssessmentsPage/> }.into_any(),
            }}
        </main>
    }
}
