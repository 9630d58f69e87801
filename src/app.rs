//! The page: load files and enter console settings into the current
//! assessment, see each file's status and coverage, see every rule's
//! outcome; read the rules; manage the assessments kept in this browser.

use leptos::prelude::*;

use crate::components::{
    AttackPathsPanel, CompareView, ConflictList, CoverageView, DropZone, ExportsBar, InputList,
    Later, MixQuestion, PrintCover, ResultList, ScorePanel,
};
use crate::pages::{AssessmentsPage, ChecklistPage, ExplainPage, PrivacyPage, RulesPage};
use crate::pwa::UpdateBanner;
use crate::state::{AppState, Page};
use engine::assessment::UNTITLED;
use engine::export::order::report_title;

/// Moves the keyboard focus to the element `id` (and shows it).
fn focus_id(id: &'static str) {
    crate::focus::focus_later(format!("#{id}"), true);
}

/// The report's title: the customer's name, or a muted placeholder.
#[component]
fn ReportTitle() -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = move || {
        state
            .assessment
            .with(|a| report_title(&a.customer, UNTITLED))
    };
    view! {
        <h2 class="report-title" class:report-title--unset=move || title().is_none()
            data-testid="report-title">
            {move || title().unwrap_or_else(|| UNTITLED.to_string())}
        </h2>
    }
}

/// In-page links to the report's sections (kept in view, with the title,
/// while the report scrolls).
#[component]
fn SectionMenu() -> impl IntoView {
    view! {
        <nav class="section-menu" aria-label="Report sections" data-testid="section-menu">
            <a href="#summary">"Summary"</a>
            <a href="#attack-paths">"Attack paths"</a>
            <a href="#coverage">"Coverage"</a>
            <a href="#findings">"Findings"</a>
            <a href="#compare">"Compare"</a>
        </nav>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    crate::pwa::start();
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
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        state.page.set(Page::Report);
        focus_id("findings");
    };
    view! {
        <a class="skip-link" href="#findings" data-testid="skip-link" on:click=skip>"Skip to findings"</a>
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
                {tab(Page::Explain, "Test a message", "tab-explain")}
                {tab(Page::Rules, "Rules", "tab-rules")}
                {tab(Page::Assessments, "Assessments", "tab-assessments")}
                {tab(Page::Privacy, "Privacy", "tab-privacy")}
            </nav>
        </header>
        <main class="app-main">
            <UpdateBanner/>
            {move || state.storage_error.get().map(|e| view! {
                <p class="storage-error" role="alert" data-testid="storage-error">{e}</p>
            })}
            <p class="visually-hidden" role="status" aria-live="polite">{move || state.announce.get()}</p>
            {move || match state.page.get() {
                Page::Report => view! {
                    <div class="report-bar" class:report-bar--sticky=move || state.has_data.get()>
                        <ReportTitle/>
                        <Show when=move || state.has_data.get()>
                            <SectionMenu/>
                        </Show>
                    </div>
                    <PrintCover/>
                    <MixQuestion/>
                    <DropZone/>
                    <InputList/>
                    <ConflictList/>
                    // The heavy parts are built a task each (see `Later`).
                    <Show when=move || state.has_data.get()>
                        <Later><ScorePanel/></Later>
                        <Later><AttackPathsPanel/></Later>
                        <ExportsBar/>
                        <Later><CoverageView/></Later>
                    </Show>
                    <ResultList/>
                    <Show when=move || state.has_data.get()>
                        <Later><CompareView/></Later>
                    </Show>
                }
                .into_any(),
                Page::Checklist => view! { <ChecklistPage/> }.into_any(),
                Page::Explain => view! { <ExplainPage/> }.into_any(),
                Page::Rules => view! { <RulesPage/> }.into_any(),
                Page::Assessments => view! { <AssessmentsPage/> }.into_any(),
                Page::Privacy => view! { <PrivacyPage/> }.into_any(),
            }}
        </main>
    }
}
